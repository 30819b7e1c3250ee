import { wildcardToRegExp, type ApprovedSet } from "../catalog";
import type { ResolvedConfig } from "./types";

/**
 * The union over all targets and accounts of approved models (literal wildcards contribute the catalog models
 * they match today) and the Marketplace product IDs of the approved Marketplace-backed models (known IDs only).
 */
export function approvedSet(resolved: ResolvedConfig): ApprovedSet {
  const models = new Set<string>();
  const levels = [...resolved.targets.map((t) => t.approved), ...resolved.accounts.map((a) => a.effective)];
  for (const approved of levels) {
    for (const id of approved.models) models.add(id);
    for (const pattern of approved.literalPatterns) {
      const re = wildcardToRegExp(pattern);
      for (const m of resolved.catalog.models) if (re.test(m.id)) models.add(m.id);
    }
  }
  const productIds = new Set<string>();
  for (const id of models) {
    const model = resolved.catalog.get(id);
    if (model?.marketplace === true && model.productId !== null) productIds.add(model.productId);
  }
  const literalPatterns = new Set(levels.flatMap((approved) => approved.literalPatterns));
  const open = (key: "bedrockMantle" | "claudePlatform" | "apiKeys") =>
    resolved.targets.some((t) => !t.approved.deny[key]) || resolved.accounts.some((a) => !a.effective.deny[key]);
  return {
    models: [...models].sort(),
    productIds: [...productIds].sort(),
    literalPatterns: [...literalPatterns].sort(),
    openSurfaces: { bedrockMantle: open("bedrockMantle"), claudePlatform: open("claudePlatform"), apiKeys: open("apiKeys") },
    unresolvedPolicySeverity: resolved.gate.unresolvedPolicySeverity,
  };
}
