import type { PolicyDocument } from "./document";

/** AWS Organizations: maximum SCP size in characters as sent. */
export const SCP_MAX_CHARS = 5120;
/** AWS Organizations: SCPs attached to one root, OU or account, FullAWSAccess included. */
export const SCP_MAX_PER_TARGET = 5;
/** IAM: maximum managed-policy size in characters, whitespace excluded. */
export const MANAGED_POLICY_MAX_CHARS = 6144;
/** IAM: managed policies attached to one role (default quota; 20 on request) or one group (fixed). */
export const MANAGED_POLICIES_PER_PRINCIPAL = 10;

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

/**
 * Problems with how many managed policies modelgate attaches to each recipient role or group. Policies attached
 * there outside modelgate count too, which the renderer cannot see, so this is the upper bound it can check.
 */
export function validateManagedPolicyCount(name: string, rendered: number): string[] {
  return rendered > MANAGED_POLICIES_PER_PRINCIPAL
    ? [
        `${name}: the invoke policy needs ${rendered} managed policies on each role or group that receives it, over the ` +
          `default quota of ${MANAGED_POLICIES_PER_PRINCIPAL}; approve fewer models, geographies or Regions for this account`,
      ]
    : [];
}
