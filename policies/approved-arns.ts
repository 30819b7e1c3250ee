import { GEOGRAPHIES, type Catalog } from "../catalog";
import type { ApprovedModels } from "../config";
import { foundationModelArn, inferenceProfileArn } from "./arn";

export interface ApprovedArnOptions {
  /** Account segment of profile ARNs: "*" in SCPs, the literal account ID in account IAM. */
  readonly account: string;
  /**
   * Use `inference-profile/*.ID` for a model when every geography is approved (not only the model's catalog ones:
   * the wildcard also admits a profile AWS publishes later in another geography). @default false
   */
  readonly compactProfiles?: boolean;
  /** Source Regions of profile ARNs; null renders "*". @default null */
  readonly regions?: readonly string[] | null;
}

export interface ApprovedArns {
  readonly foundationModels: readonly string[];
  readonly inferenceProfiles: readonly string[];
  /**
   * The same ARNs grouped per approved model (or literal pattern), in model order: the foundation-model ARN and
   * its profile ARNs together. A split policy must keep a group whole, since a profile is useless without its model.
   */
  readonly byModel: readonly (readonly string[])[];
}

/**
 * The foundation-model and system inference-profile ARNs of an approved set. Every model with a foundation-model
 * ARN gets it with a "*" Region (a profile is useless without its model in every destination Region); profiles are
 * rendered for the model's catalog geographies that are also approved. Literal wildcards are rendered as given.
 */
export function approvedArns(catalog: Catalog, approved: ApprovedModels, options: ApprovedArnOptions): ApprovedArns {
  const fms: string[] = [];
  const profiles: string[] = [];
  const byModel: string[][] = [];
  const regions = options.regions ?? ["*"];
  const group = (fm: string, prefixes: readonly string[], id: string) => {
    const own = prefixes.flatMap((prefix) => regions.map((region) => inferenceProfileArn(prefix, id, options.account, region)));
    fms.push(fm);
    profiles.push(...own);
    byModel.push([fm, ...own]);
  };
  const everyGeography = GEOGRAPHIES.every((g) => approved.geographies.includes(g));
  for (const id of approved.models) {
    const model = catalog.get(id);
    if (!model || !model.hasFoundationModelArn) continue;
    const prefixes = model.profilePrefixes.filter((p) => approved.geographies.includes(p));
    const compact = options.compactProfiles && everyGeography && prefixes.length > 0;
    group(foundationModelArn(id), compact ? ["*"] : prefixes, id);
  }
  for (const pattern of approved.literalPatterns) {
    group(foundationModelArn(pattern), approved.geographies, pattern);
  }
  return { foundationModels: [...new Set(fms)].sort(), inferenceProfiles: [...new Set(profiles)].sort(), byModel };
}
