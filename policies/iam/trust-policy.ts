import { canonicalJson } from "../../core/canonical-json";
import { PolicyError } from "../../core/errors";

/**
 * Trust policy of a created invoker role: sts:AssumeRole for IAM principals (ARNs) and AWS service principals.
 * Canonical minified JSON; principal lists sorted and de-duplicated.
 */
export function renderTrustPolicy(principals: readonly string[]): string {
  if (principals.length === 0) throw new PolicyError("POLICY_STATEMENT_INVALID", "a trust policy needs at least one principal");
  const aws = [...new Set(principals.filter((p) => p.startsWith("arn:")))].sort();
  const service = [...new Set(principals.filter((p) => !p.startsWith("arn:")))].sort();
  const principal: Record<string, string[]> = {};
  if (aws.length > 0) principal.AWS = aws;
  if (service.length > 0) principal.Service = service;
  return canonicalJson({
    Version: "2012-10-17",
    Statement: [{ Sid: "AllowAssumeRole", Effect: "Allow", Action: ["sts:AssumeRole"], Principal: principal }],
  });
}
