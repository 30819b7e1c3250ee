import type { Catalog } from "./load";
import { loadManagedPolicies, type ManagedPolicySelection } from "./managed-policies";

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
    /**
     * Present only when the user gave a config: the union of approved models over all targets, and (targets)
     * each root, OU and account's own approved set, keyed by its Organizations ID.
     */
    readonly approved:
      | null
      | (RegoApproval & {
          /** The distinct per-target sets, in first-seen order of the sorted target IDs. */
          readonly scopes?: readonly RegoApproval[];
          /** Target ID → index into scopes (many accounts share one set: the Rego builds each set's probes once). */
          readonly targets?: Readonly<Record<string, number>>;
          /** Where the config places each node it names (ApprovedSet.layout). */
          readonly layout?: Readonly<Record<string, LayoutNode>>;
        });
    /** Gate settings from the config; absent without one. */
    readonly settings: null | { readonly unresolvedPolicySeverity: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL" };
    /**
     * AWS-managed policies by the path and name after "policy/" in their ARN, each with its latest version's
     * statements reduced to those that can matter for Bedrock model access (see catalog/managed-policies.ts): the
     * whole snapshot, or the part of it an input can name (managedPoliciesNamed).
     */
    readonly managedPolicies: ManagedPolicySelection;
  };
}

/** One approved set as the Rego reads it (the union, or one target's own). */
export interface RegoApproval {
  readonly models: readonly string[];
  readonly productIds: readonly string[];
  /** Wildcard patterns the config approves literally ({pattern, literal: true}). */
  readonly literalPatterns: readonly string[];
  /** Surfaces left open (deny.bedrockMantle / deny.claudePlatform / deny.apiKeys false); in the union, by some target. */
  readonly openSurfaces: { readonly bedrockMantle: boolean; readonly claudePlatform: boolean; readonly apiKeys?: boolean };
  /** Approved inference-profile geographies (absent: any geography, as in sets built before geographies were judged). */
  readonly geographies?: readonly string[];
}

/** An approved set: models, product IDs, literal patterns, open surfaces and geographies. */
export interface ApprovedScope {
  readonly models: readonly string[];
  readonly productIds: readonly string[];
  readonly literalPatterns?: readonly string[];
  readonly openSurfaces?: { readonly bedrockMantle: boolean; readonly claudePlatform: boolean; readonly apiKeys?: boolean };
  readonly geographies?: readonly string[];
}

/** A root, OU or account as the config places it. */
export interface LayoutNode {
  /** Its parent's Organizations ID; null for the root. */
  readonly parent: string | null;
  /** The config renders an allow-list SCP onto this node itself (its set is targets[id]). */
  readonly allowList: boolean;
}

export interface ApprovedSet extends ApprovedScope {
  /**
   * Each target's own approved set by Organizations ID (root r-…, OU ou-…, 12-digit account): a config OU or root
   * with an allow-list, and every config account (its effective set). Targets not listed are judged by the nearest
   * listed ancestor the plan shows, else by the union.
   */
  readonly targets?: Readonly<Record<string, ApprovedScope>>;
  /**
   * Every root, OU and account the config names, with its parent and whether it gets an allow-list SCP of its own:
   * the gate judges an account or OU that a plan moves (or removes from the organization) against the SCPs the
   * config places on its old and new paths when the plan does not show them.
   */
  readonly layout?: Readonly<Record<string, LayoutNode>>;
  /** Severity of MG-0021 (an attached policy the gate cannot read); default medium. */
  readonly unresolvedPolicySeverity?: "low" | "medium" | "high" | "critical";
}

/**
 * @param managedPolicies the AWS-managed policy snapshot, or the part of it an input can name
 *   (managedPoliciesNamed); @default the whole bundled one (loadManagedPolicies()). It is immutable and shared,
 *   not copied.
 */
export function toRegoData(catalog: Catalog, approved?: ApprovedSet, managedPolicies?: ManagedPolicySelection): RegoData {
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
            ...regoApproval(approved),
            ...(approved.targets ? distinctScopes(approved.targets) : {}),
            ...(approved.layout ? { layout: approved.layout } : {}),
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

function regoApproval(scope: ApprovedScope): RegoApproval {
  return {
    models: [...new Set(scope.models)].sort(),
    productIds: [...new Set(scope.productIds)].sort(),
    literalPatterns: [...new Set(scope.literalPatterns ?? [])].sort(),
    openSurfaces: scope.openSurfaces ?? { bedrockMantle: false, claudePlatform: false },
    ...(scope.geographies ? { geographies: [...new Set(scope.geographies)].sort() } : {}),
  };
}

/** Each target's set, stored once per distinct set: {scopes, targets: id → index into scopes}. */
function distinctScopes(targets: Readonly<Record<string, ApprovedScope>>): { scopes: RegoApproval[]; targets: Record<string, number> } {
  const scopes: RegoApproval[] = [];
  const index = new Map<string, number>();
  const byTarget: Record<string, number> = {};
  for (const id of Object.keys(targets).sort()) {
    const scope = regoApproval(targets[id]!);
    const key = JSON.stringify(scope);
    let i = index.get(key);
    if (i === undefined) {
      i = scopes.length;
      scopes.push(scope);
      index.set(key, i);
    }
    byTarget[id] = i;
  }
  return { scopes, targets: byTarget };
}
