import { readFileSync } from "node:fs";
import * as path from "node:path";

/** The version in modelgate's own package.json (found upwards from this file, in the source tree or in dist/). */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "modelgate" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // no package.json here: keep walking up
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}
