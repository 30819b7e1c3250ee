import type { Catalog } from "./load";
import { loadManagedPolicies, type ManagedPolicies } from "./managed-policies";

/**
 * The data document the gate's Rego reads as data.modelgate. Built from the catalog alone
 * (and, when a config is given, the approved model and product IDs), never from policies/,
 * so that a bug in rendering cannot also weaken the gate.
 */
export interface RegoData {
  readonly modelgate: {
    readonly catalog: {
      readonly snapshotDate: string;
      readonly models: Record<
        string,
        {
          readonly provider: string;
          readonly lifecycle: string;
          readonly hasFoundationModelArn: boolean;
          readonly onDemand: boolean;
          readonly profilePrefixes: readonly string[];
          readonly marketplace: boolean | null;
          readonly productId: string | null;
        }
      >;
    };
    /** Present only when the user gave a config: the union of approved models over all targets. */
    readonly approved: null | {
      readonly models: readonly string[];
      readonly productIds: readonly string[];
      /** Wildcard patterns the config approves literally ({pattern, literal: true}). */
      readonly literalPatterns: readonly string[];
      /** Surfaces some target of the config leaves open (deny.bedrockMantle / deny.claudePlatform / deny.apiKeys false). */
      readonly openSurfaces: { readonly bedrockMantle: boolean; readonly claudePlatform: boolean; readonly apiKeys?: boolean };
    };
    /** Gate settings from the config; absent without one. */
    readonly settings: null | { readonly unresolvedPolicySeverity: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL" };
    /**
     * AWS-managed policies by the path and name after "policy/" in their ARN, each with its latest version's
     * statements reduced to those that can matter for Bedrock model access (see catalog/managed-policies.ts).
     */
    readonly managedPolicies: ManagedPolicies;
  };
}

export interface ApprovedSet {
  readonly models: readonly string[];
  readonly productIds: readonly string[];
  readonly literalPatterns?: readonly string[];
  readonly openSurfaces?: { readonly bedrockMantle: boolean; readonly claudePlatform: boolean; readonly apiKeys?: boolean };
  /** Severity of MG-0021 (an attached policy the gate cannot read); default medium. */
  readonly unresolvedPolicySeverity?: "low" | "medium" | "high" | "critical";
}

/**
 * @param managedPolicies the AWS-managed policy snapshot; @default the bundled one (loadManagedPolicies()).
 *   It is immutable and shared, not copied, so every data document built in a process holds the same object.
 */
export function toRegoData(catalog: Catalog, approved?: ApprovedSet, managedPolicies?: ManagedPolicies): RegoData {
  const models: RegoData["modelgate"]["catalog"]["models"] = {};
  for (const m of catalog.models) {
    models[m.id] = {
      provider: m.provider,
      lifecycle: m.lifecycle,
      hasFoundationModelArn: m.hasFoundationModelArn,
      onDemand: m.onDemand,
      profilePrefixes: [...m.profilePrefixes],
      marketplace: m.marketplace,
      productId: m.productId,
    };
  }
  return {
    modelgate: {
      catalog: { snapshotDate: catalog.snapshotDate, models },
      approved: approved
        ? {
            models: [...new Set(approved.models)].sort(),
            productIds: [...new Set(approved.productIds)].sort(),
            literalPatterns: [...new Set(approved.literalPatterns ?? [])].sort(),
            openSurfaces: approved.openSurfaces ?? { bedrockMantle: false, claudePlatform: false },
          }
        : null,
      settings:
        approved?.unresolvedPolicySeverity !== undefined
          ? { unresolvedPolicySeverity: approved.unresolvedPolicySeverity.toUpperCase() as "LOW" | "MEDIUM" | "HIGH" | "CRITICAL" }
          : null,
      managedPolicies: managedPolicies ?? loadManagedPolicies(),
    },
  };
}
