import { z } from "zod";
import { GEOGRAPHIES, catalogOverrideSchema } from "../catalog";
import { AWS_REGIONS, closest } from "./regions";

/** 12-digit AWS account ID, kept as a string (YAML would drop leading zeros from a number). */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** Organizations root ID, e.g. r-ab12. */
export const ROOT_ID_PATTERN = /^r-[0-9a-z]{4,32}$/;
/** Organizations OU ID, e.g. ou-ab12-cd34ef56. */
export const OU_ID_PATTERN = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
/** Commercial or GovCloud Region name, e.g. eu-central-1. */
export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
/** IAM role or group name. */
export const IAM_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
export const ROLE_ARN_PATTERN = /^arn:aws(-[a-z-]+)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
/** A principal allowed to assume a created role: an IAM ARN or an AWS service principal. */
export const PRINCIPAL_PATTERN = /^(arn:aws(-[a-z-]+)?:iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+)|[a-z0-9.-]+\.amazonaws\.com)$/;

const accountId = z.string().regex(ACCOUNT_ID_PATTERN, "must be a 12-digit AWS account ID in quotes");

/**
 * A Region name: the shape is checked here (a malformed name is an error, with "did you mean" when one is close);
 * whether AWS has it is checked by the loader against config/regions.ts, and an unknown but well-formed name is
 * only a warning there, so a Region AWS launched after that list was written still works. The JSON Schema lists
 * the known names as examples for editors.
 */
const region = z
  .string()
  .regex(REGION_PATTERN, {
    error: (issue) => {
      const near = typeof issue.input === "string" ? closest(issue.input, AWS_REGIONS) : [];
      return `must be a Region name such as us-east-1${near.length > 0 ? `; did you mean ${near.join(", ")}?` : ""}`;
    },
  })
  .meta({ examples: [...AWS_REGIONS] });

/** One approved-model entry: an exact ID, a pattern to expand, or an explicitly literal wildcard. */
export const modelEntrySchema = z.union([
  z.string().min(1, "must not be empty"),
  z.strictObject({
    pattern: z.string().min(1, "must not be empty"),
    literal: z.literal(true, "must be true: write a plain string to have the pattern expanded"),
  }),
]);
export type ModelEntry = z.infer<typeof modelEntrySchema>;

export const denySurfacesSchema = z.strictObject({
  bedrockMantle: z.boolean().optional(),
  claudePlatform: z.boolean().optional(),
  apiKeys: z.boolean().optional(),
});

/** The fields a policy target (root, OU, or account) may declare; each narrows its parent. */
const allowListShape = {
  models: z.array(modelEntrySchema).min(1, "must list at least one model (leave the key out to inherit)").optional(),
  geographies: z.array(z.enum(GEOGRAPHIES)).optional(),
  regions: z.array(region).min(1).optional(),
  deny: denySurfacesSchema.optional(),
  /** SCPs attached to this target outside modelgate, besides FullAWSAccess (counted against the quota of 5). */
  otherScps: z.number().int().min(0).max(4).optional(),
};

export const allowListSchema = z.strictObject(allowListShape);

export const ouSchema = z.strictObject({
  id: z.string().regex(OU_ID_PATTERN, "must be an OU ID such as ou-ab12-cd34ef56"),
  name: z.string().min(1),
  parent: z.string().min(1),
  ...allowListShape,
});

export const backendSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("local") }),
  z.strictObject({
    type: z.literal("s3"),
    bucket: z.string().min(3),
    keyPrefix: z.string().min(1),
    region,
  }),
  z.strictObject({
    type: z.literal("cloud"),
    organization: z.string().min(1),
    workspacePrefix: z.string().regex(/^[A-Za-z0-9_-]+$/, "must contain only letters, digits, - and _"),
    hostname: z.string().optional(),
  }),
]);

export const marketplaceSchema = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("subscribe-on-first-call") }),
  z.strictObject({
    mode: z.literal("designated-subscriber"),
    subscriberRoleName: z.string().regex(IAM_NAME_PATTERN, "must be an IAM role name"),
  }),
]);

export const accountSchema = z
  .strictObject({
    id: accountId,
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "must be letters, digits and - (it names the stack)"),
    ou: z.string().min(1),
    region,
    assumeRoleArn: z.string().regex(ROLE_ARN_PATTERN, "must be an IAM role ARN"),
    invokePolicy: z.strictObject({
      attachToRoles: z.array(z.string().regex(IAM_NAME_PATTERN, "must be an IAM role name")).optional(),
      attachToGroups: z.array(z.string().regex(IAM_NAME_PATTERN, "must be an IAM group name")).optional(),
      createRole: z
        .strictObject({
          name: z.string().regex(IAM_NAME_PATTERN, "must be an IAM role name"),
          assumedBy: z.array(z.string().regex(PRINCIPAL_PATTERN, "must be an IAM ARN or a service principal")).min(1),
        })
        .optional(),
    }),
    allowList: allowListSchema.optional(),
  });

export const configFileSchema = z.strictObject({
  version: z.literal(1, "must be 1"),
  organization: z.strictObject({
    managementAccountId: accountId,
    rootId: z.string().regex(ROOT_ID_PATTERN, "must be a root ID such as r-ab12"),
    marketplace: marketplaceSchema.default({ mode: "subscribe-on-first-call" }),
    anthropicUseCaseForm: z
      .literal("documented-step", "must be documented-step: the pinned AWS provider (6.25.0) has no aws_bedrock_use_case_for_model_access")
      .default("documented-step"),
    backend: backendSchema.default({ type: "local" }),
    policyNamePrefix: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).default("modelgate"),
    skipDestroy: z.boolean().default(false),
  }),
  catalog: z.strictObject({ overrides: z.array(catalogOverrideSchema).default([]) }).default({ overrides: [] }),
  targets: z
    .strictObject({
      root: allowListSchema.optional(),
      ous: z.array(ouSchema).default([]),
    })
    .default({ ous: [] }),
  accounts: z.array(accountSchema).min(1, "must list at least one account"),
  gate: z
    .strictObject({
      /** Severity of MG-0021: a policy attached by an ARN whose text the plan does not carry. */
      unresolvedPolicySeverity: z.enum(["low", "medium", "high", "critical"]).default("medium"),
    })
    .default({ unresolvedPolicySeverity: "medium" }),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type AllowListInput = z.infer<typeof allowListSchema>;
