import { z } from "zod";
import { GEOGRAPHIES, MODEL_ID_PATTERN } from "./geography";

// The zod schemas of the catalog. Loaded only when something is validated (a config's overrides, or a bundled
// file whose digest is not the reviewed one): catalog/trusted.ts explains why the bundled files are not.
export { GEOGRAPHIES, MODEL_ID_PATTERN, type Geography } from "./geography";

export const catalogModelSchema = z.strictObject({
  id: z.string().regex(MODEL_ID_PATTERN, "must look like provider.model-name (letters, digits, . - : _)"),
  provider: z.string().min(1),
  lifecycle: z.enum(["ACTIVE", "LEGACY", "END_OF_LIFE"]),
  /** false: served only by bedrock-mantle, no bedrock foundation-model ARN exists. */
  hasFoundationModelArn: z.boolean(),
  /** false: callable only through one of its system inference profiles. */
  onDemand: z.boolean(),
  profilePrefixes: z.array(z.enum(GEOGRAPHIES)),
  mantle: z.array(z.string()),
  /** true: Marketplace-backed; false: not; null: not established. */
  marketplace: z.boolean().nullable(),
  /** aws-marketplace:ProductId value, or null when unknown or not applicable. */
  productId: z.string().min(1).nullable(),
  requiresUseCaseForm: z.boolean(),
  /** V: AWS source; 3P: third-party only; U: unverified. */
  evidence: z.enum(["V", "3P", "U"]),
});

export type CatalogModelInput = z.input<typeof catalogModelSchema>;

export const catalogFileSchema = z.strictObject({
  snapshotDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a YYYY-MM-DD date"),
  source: z.string().optional(),
  models: z.array(catalogModelSchema),
});

/** A catalog override from a user's config: any field but id may be left out when the model exists already. */
export const catalogOverrideSchema = catalogModelSchema.partial().required({ id: true });
export type CatalogOverride = z.input<typeof catalogOverrideSchema>;
