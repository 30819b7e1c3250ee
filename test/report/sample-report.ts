import type { GateReport } from "../../report/reporter";
import { finding } from "../gate/sample-findings";

/** A report with every feature: synth provenance, a below-threshold finding, a suppression and an expired one. */
export function sampleReport(overrides: Partial<GateReport> = {}): GateReport {
  return {
    findings: [
      finding({ severity: "critical", ruleId: "MG-0010", longId: "unknown_policy", title: "Policy unknown at plan time", message: "content is unknown | fail closed", address: "aws_organizations_policy.DenyUnapprovedModels", stack: "org", constructPath: "org/DenyUnapprovedModels", file: "cdktf.out/stacks/org/cdk.tf.json" }),
      finding(),
      finding({ severity: "low", ruleId: "MG-0020", longId: "mantle_gap", title: "Allow-list gap on bedrock-mantle", message: "bedrock-mantle is not denied", address: "aws_iam_policy.x", resourceType: "aws_iam_policy", remediation: "Deny bedrock-mantle:* & friends <advisory>" }),
    ],
    suppressed: [
      {
        finding: finding({ ruleId: "MG-0007", longId: "deny_list_scp", title: "Deny-list SCP", severity: "medium", message: "deny-list", address: "aws_organizations_policy.legacy" }),
        suppression: { ruleId: "MG-0007", address: "aws_organizations_policy.legacy", reason: "Removed in Q3, ticket PLAT-9", owner: "platform", expires: "2026-09-30" },
      },
    ],
    expiredSuppressions: [{ ruleId: "MG-0005", address: "aws_iam_policy.old", reason: "Old exception for a pilot", owner: "ml-team", expires: "2026-01-31" }],
    threshold: "medium",
    inputs: [
      { file: "plans/org.json", kind: "plan" },
      { file: "cdktf.out/stacks/org/cdk.tf.json", kind: "cdktf", stack: "org" },
    ],
    catalogSnapshotDate: "2026-08-21",
    ...overrides,
  };
}
