import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * SHA-256 of the bundled catalog documents as reviewed, each over JSON.stringify of the parsed file (tsc re-indents
 * the JSON it copies to dist/, so the bytes differ between the source tree and the build). test/catalog/trusted.test.ts
 * validates each file with its zod schema and checks that these digests are current (it prints new ones).
 *
 * Validating the 600 KB managed-policy snapshot with zod on every run cost more than evaluating a small plan, and
 * re-checked a file that changes only with a release. So at run time a bundled file that parses to the reviewed
 * document is trusted as it is, and any other (a stale digest, an edited or damaged copy) is validated in full,
 * as before: a digest can only skip a check, never weaken one. What users supply (config overrides,
 * `loadManagedPolicies({file})`) is always validated.
 */
export const BUNDLED_SHA256: Readonly<Record<BundledFile, string>> = {
  "models.json": "f656e69739bf51c3f84157cf7209ed4e9e0032c6b3788430cf622eeb51c8d688",
  "managed-policies.json": "3a7c4f62f1a1cf1529edf078ec45f0acc198f696cb28c742d8dc11e41c36df5f",
};

export type BundledFile = "models.json" | "managed-policies.json";

/** A bundled file, parsed; `reviewed` is true when its document has the digest in BUNDLED_SHA256. */
export interface BundledDocument {
  readonly document: unknown;
  readonly reviewed: boolean;
  /** SHA-256 of JSON.stringify(document), hex. */
  readonly sha256: string;
}

/** Read and parse a bundled file beside this module (catalog/ in the source tree, dist/catalog/ when built). */
export function readBundled(name: BundledFile): BundledDocument {
  const document = JSON.parse(readFileSync(path.join(__dirname, name), "utf8")) as unknown;
  const sha256 = documentSha256(document);
  return { document, reviewed: sha256 === BUNDLED_SHA256[name], sha256 };
}

/** The digest BUNDLED_SHA256 holds for a document: SHA-256 of its JSON.stringify, hex. */
export function documentSha256(document: unknown): string {
  return createHash("sha256").update(JSON.stringify(document)).digest("hex");
}
