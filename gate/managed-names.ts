/**
 * The AWS-managed policies an input can name, so that the policy is given only those of the 600 KB snapshot
 * (catalog/managed-policies.ts managedPoliciesNamed) instead of all 1,600.
 *
 * Why this is every policy the Rego can look up: lib.access.identity reads the snapshot in one place,
 * `_managed[aws_managed_name(arn)]`, where `arn` is a string of the input with six ":"-separated segments, the
 * third "iam", the fifth "aws" and the sixth starting "policy/", and the name is what follows its first ":policy/".
 * A name the snapshot holds matches MANAGED_POLICY_NAME_PATTERN (no ":", '"' or "\\"), so when the lookup can
 * succeed that first ":policy/" is the one after the fifth segment, the ARN ends `:aws:policy/<name>`, and in the
 * JSON text of the input the name is followed by the closing quote. The texts are JSON.stringify's (gate/evaluate.ts
 * pieces), which writes such characters as they are. So every name the Rego can find is among the runs of bytes
 * between an occurrence of ":aws:policy/" and the next '"'; taking them all (some are no policy at all) can only
 * add policies the Rego never reads. test/gate/select-parity.test.ts compares the verdicts with Go OPA's on the
 * whole snapshot.
 */
const MARK = Buffer.from(":aws:policy/", "latin1");
const QUOTE = 0x22;

/** Every run of bytes after ":aws:policy/" up to the next '"' in the JSON texts, sorted and distinct. */
export function awsManagedPolicyNames(texts: readonly Uint8Array[]): string[] {
  const names = new Set<string>();
  for (const text of texts) {
    const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    for (let at = bytes.indexOf(MARK); at >= 0; at = bytes.indexOf(MARK, at + MARK.length)) {
      const start = at + MARK.length;
      const end = bytes.indexOf(QUOTE, start);
      if (end < 0) break;
      names.add(bytes.toString("latin1", start, end));
    }
  }
  return [...names].sort();
}
