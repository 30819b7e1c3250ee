import type { PolicyDocument } from "./document";

/** AWS Organizations: maximum SCP size in characters as sent. */
export const SCP_MAX_CHARS = 5120;
/** AWS Organizations: SCPs attached to one root, OU or account, FullAWSAccess included. */
export const SCP_MAX_PER_TARGET = 5;
/** IAM: maximum managed-policy size in characters, whitespace excluded. */
export const MANAGED_POLICY_MAX_CHARS = 6144;

/** Problems with one SCP document; empty when it fits. */
export function validateScpSize(name: string, doc: PolicyDocument): string[] {
  return doc.length > SCP_MAX_CHARS
    ? [`${name}: SCP is ${doc.length} characters, ${doc.length - SCP_MAX_CHARS} over the limit of ${SCP_MAX_CHARS}`]
    : [];
}

/** Problems with the number of SCPs on one target: ours + FullAWSAccess + others attached outside modelgate. */
export function validateScpCount(name: string, rendered: number, otherScps: number): string[] {
  const total = rendered + 1 + otherScps;
  return total > SCP_MAX_PER_TARGET
    ? [`${name}: ${total} SCPs would be attached (${rendered} from modelgate + FullAWSAccess + ${otherScps} other), over the limit of ${SCP_MAX_PER_TARGET}`]
    : [];
}

/** Problems with one IAM managed policy; empty when it fits. */
export function validateManagedPolicySize(name: string, doc: PolicyDocument): string[] {
  const n = doc.nonWhitespaceLength;
  return n > MANAGED_POLICY_MAX_CHARS
    ? [`${name}: managed policy is ${n} non-whitespace characters, ${n - MANAGED_POLICY_MAX_CHARS} over the limit of ${MANAGED_POLICY_MAX_CHARS}`]
    : [];
}
