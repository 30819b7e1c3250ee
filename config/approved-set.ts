import { wildcardToRegExp, type ApprovedScope, type ApprovedSet, type Catalog, type LayoutNode } from "../catalog";
import type { ApprovedModels, ResolvedConfig } from "./types";

/**
 * What the gate judges a config by: the union over all targets and accounts of approved models (literal wildcards
 * contribute the catalog models they match today), the Marketplace product IDs of the approved Marketplace-backed
 * models (known IDs only), the open surfaces and the geographies; and each target's own set (`targets`): a root or
 * OU with an allow-list by its ID, and every config account by its ID with its effective set (the intersection
 * from the root down), so that a target cannot take on another target's models or geographies (the management
 * account, which no SCP restricts, by its own entry, else the root's, else nothing); and the config's
 * layout (each node's parent, and whether it gets an allow-list SCP of its own), which moves are judged against.
 */
export function approvedSet(resolved: ResolvedConfig): ApprovedSet {
  const levels = [...resolved.targets.map((t) => t.approved), ...resolved.accounts.map((a) => a.effective)];
  const union = scopeOf(resolved.catalog, levels);
  const targets: Record<string, ApprovedScope> = {};
  for (const t of resolved.targets) targets[t.id] = scopeOf(resolved.catalog, [t.approved]);
  // An account's effective set is at least as narrow as its own target entry (it intersects every level above).
  for (const a of resolved.accounts) targets[a.id] = scopeOf(resolved.catalog, [a.effective]);
  // The management account: no SCP applies to it, so nothing narrows what its IAM grants to the union of the other
  // targets' sets. Without an account entry of its own it is judged by the root's allow-list, else by nothing.
  const management = resolved.organization.managementAccountId;
  if (management !== "" && !(management in targets)) {
    const root = resolved.targets.find((t) => t.id === resolved.organization.rootId);
    targets[management] = scopeOf(resolved.catalog, root === undefined ? [] : [root.approved]);
  }
  const withScp = new Set(resolved.targets.map((t) => t.id));
  const layout: Record<string, LayoutNode> = {};
  for (const [id, parent] of Object.entries(resolved.layout)) layout[id] = { parent, allowList: withScp.has(id) };
  return { ...union, targets, layout, unresolvedPolicySeverity: resolved.gate.unresolvedPolicySeverity };
}

/** The union of some approved levels as one scope. */
function scopeOf(catalog: Catalog, levels: readonly ApprovedModels[]): ApprovedScope {
  const models = new Set<string>();
  for (const approved of levels) {
    for (const id of approved.models) models.add(id);
    for (const pattern of approved.literalPatterns) {
      const re = wildcardToRegExp(pattern);
      for (const m of catalog.models) if (re.test(m.id)) models.add(m.id);
    }
  }
  const productIds = new Set<string>();
  for (const id of models) {
    const model = catalog.get(id);
    if (model?.marketplace === true && model.productId !== null) productIds.add(model.productId);
  }
  const open = (key: "bedrockMantle" | "claudePlatform" | "apiKeys") => levels.some((approved) => !approved.deny[key]);
  return {
    models: [...models].sort(),
    productIds: [...productIds].sort(),
    literalPatterns: [...new Set(levels.flatMap((approved) => approved.literalPatterns))].sort(),
    openSurfaces: { bedrockMantle: open("bedrockMantle"), claudePlatform: open("claudePlatform"), apiKeys: open("apiKeys") },
    geographies: [...new Set(levels.flatMap((approved) => approved.geographies))].sort(),
  };
}
