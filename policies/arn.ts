/**
 * Bedrock ARN builders. Foundation-model ARNs have an empty account segment; the `*` Region also matches the
 * Region-less form `arn:aws:bedrock:::foundation-model/ID` that global cross-Region inference evaluates.
 * System inference-profile ARNs always carry the caller's account, so their account segment is never empty.
 */
import { PolicyError } from "../core/errors";

const ACCOUNT = /^(\d{12}|\*)$/;
const REGION = /^([a-z]{2}(-gov)?-[a-z]+-\d|\*)$/;

export function foundationModelArn(modelId: string): string {
  return `arn:aws:bedrock:*::foundation-model/${modelId}`;
}

/** `prefix` is a geography ("us", "global"…) or "*" for every geography of the model. */
export function inferenceProfileArn(prefix: string, modelId: string, account = "*", region = "*"): string {
  if (!ACCOUNT.test(account)) {
    throw new PolicyError("ARN_INVALID", `inference-profile ARN account must be a 12-digit account ID or "*" (got ${JSON.stringify(account)})`);
  }
  if (!REGION.test(region)) {
    throw new PolicyError("ARN_INVALID", `inference-profile ARN Region must be a Region name or "*" (got ${JSON.stringify(region)})`);
  }
  return `arn:aws:bedrock:${region}:${account}:inference-profile/${prefix}.${modelId}`;
}

/** Every foundation model, in any Region (used to scope one half of a split allow-list). */
export const ANY_FOUNDATION_MODEL_ARN = "arn:aws:bedrock:*::foundation-model/*";
/** Every system inference profile in any account (application-inference-profile ARNs do not match). */
export const ANY_INFERENCE_PROFILE_ARN = "arn:aws:bedrock:*:*:inference-profile/*";

/** The IAM role ARN pattern for a role name in any account of the organization. */
export function roleInAnyAccountArn(roleName: string): string {
  return `arn:aws:iam::*:role/${roleName}`;
}
