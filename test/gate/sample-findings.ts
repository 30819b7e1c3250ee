import type { Finding } from "../../gate/finding";

/** Hand-written findings for suppression and report tests (no wasm needed). */
export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: "MG-0005",
    longId: "arn_account_segment",
    severity: "high",
    title: "Inference-profile ARN with an empty account segment",
    message: "empty account segment in arn:aws:bedrock:*::inference-profile/us.amazon.nova-lite-v1:0",
    address: 'module.guardrails.aws_organizations_policy.allow["ou-ab12"]',
    resourceType: "aws_organizations_policy",
    remediation: 'Put "*" or the 12-digit account ID in the account segment.',
    file: "plans/org.json",
    ...overrides,
  };
}
