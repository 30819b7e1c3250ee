import { existsSync } from "node:fs";
import * as path from "node:path";

/**
 * A file shipped with the package (rego/dist/policy.wasm, scanner/json-scan.wasm), found from this folder in the
 * source tree (gate/, as ts-jest runs it) or in the build (dist/gate/): the first of the two that exists, else the
 * source tree's.
 */
export function packageFile(...segments: string[]): string {
  const candidates = [path.resolve(__dirname, "..", ...segments), path.resolve(__dirname, "..", "..", ...segments)];
  return candidates.find((c) => existsSync(c)) ?? (candidates[0] as string);
}
