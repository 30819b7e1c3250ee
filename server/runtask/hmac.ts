import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * HCP Terraform signs every run-task request: `X-TFC-Task-Signature` is the lower-case hex HMAC-SHA512 of the raw
 * request body under the task's HMAC key (empty when the task has no key). Verify the bytes as received, before
 * parsing anything; never re-serialise the JSON.
 */

export const SIGNATURE_HEADER = "x-tfc-task-signature";

/** Hex characters in a SHA-512 HMAC. */
const SIGNATURE_HEX_LENGTH = 128;

export type SignatureCheck = "valid" | "missing" | "malformed" | "mismatch";

/** The signature HCP would send for `body` under `key`. */
export function signBody(key: Uint8Array, body: Uint8Array): string {
  return createHmac("sha512", key).update(body).digest("hex");
}

/**
 * Check `header` against the HMAC of `body`. The comparison runs in constant time over the decoded 64 bytes; a
 * header that is absent, empty, repeated, the wrong length or not lower-case hex never reaches it.
 */
export function verifySignature(key: Uint8Array, body: Uint8Array, header: string | string[] | undefined): SignatureCheck {
  if (header === undefined || header === "") return "missing";
  if (typeof header !== "string" || header.length !== SIGNATURE_HEX_LENGTH || !/^[0-9a-f]+$/.test(header)) return "malformed";
  const expected = createHmac("sha512", key).update(body).digest();
  const given = Buffer.from(header, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? "valid" : "mismatch";
}
