import type * as Schema from "./schema";
import type * as ManagedPoliciesSchema from "./managed-policies-schema";

export * from "./geography";
export * from "./load";
export * from "./to-rego-data";
export * from "./managed-policies";
export * from "./trusted";
export type { CatalogModelInput, CatalogOverride } from "./schema";

// The zod schemas are exported as before, but loaded (with zod) on first use: `modelgate check` reads the
// catalog without validating it (catalog/trusted.ts) and should not pay for zod. A CommonJS getter per name
// does that; `declare` gives each its type and emits nothing.
export declare const catalogModelSchema: typeof Schema.catalogModelSchema;
export declare const catalogFileSchema: typeof Schema.catalogFileSchema;
export declare const catalogOverrideSchema: typeof Schema.catalogOverrideSchema;
export declare const managedPoliciesFileSchema: typeof ManagedPoliciesSchema.managedPoliciesFileSchema;

/* eslint-disable @typescript-eslint/no-require-imports */
const lazy: Record<string, () => unknown> = {
  catalogModelSchema: () => (require("./schema") as typeof Schema).catalogModelSchema,
  catalogFileSchema: () => (require("./schema") as typeof Schema).catalogFileSchema,
  catalogOverrideSchema: () => (require("./schema") as typeof Schema).catalogOverrideSchema,
  managedPoliciesFileSchema: () => (require("./managed-policies-schema") as typeof ManagedPoliciesSchema).managedPoliciesFileSchema,
};
/* eslint-enable @typescript-eslint/no-require-imports */
for (const [name, get] of Object.entries(lazy)) Object.defineProperty(exports, name, { enumerable: true, get });
