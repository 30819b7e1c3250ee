import type { Catalog } from "../catalog";
import type { ApprovedModels } from "../config";
import { foundationModelArn, inferenceProfileArn } from "./arn";

export interface ApprovedArnOptions {
  /** Account segment of profile ARNs: "*" in SCPs, the literal account ID in account IAM. */
  readonly account: string;
  /** Use `inference-profile/*.ID` for a model when all of its catalog geographies are approved. @default false */
  readonly compactProfiles?: boolean;
  /** Source Regions of profile ARNs; null renders "*". @default null */
  readonly regions?: readonly string[] | null;
}

export interface ApprovedArns {
  readonly foundationModels: readonly string[];
  readonly inferenceProfiles: readonly string[];
}

/**
 * The foundation-model and system inference-profile ARNs of an approved set. Every model with a foundation-model
 * ARN gets it with a "*" Region (a profile is useless without its model in every destination Region); profiles are
 * rendered for the model's catalog geographies that are also approved. Literal wildcards are rendered as given.
 */
export function approvedArns(catalog: Catalog, approved: ApprovedModels, options: ApprovedArnOptions): ApprovedArns {
  const fms: string[] = [];
  const profiles: string[] = [];
  const regions = options.regions ?? ["*"];
  const addProfile = (prefix: string, id: string) => {
    for (const region of regions) profiles.push(inferenceProfileArn(prefix, id, options.account, region));
  };
  for (const id of approved.models) {
    const model = catalog.get(id);
    if (!model || !model.hasFoundationModelArn) continue;
    fms.push(foundationModelArn(id));
    const prefixes = model.profilePrefixes.filter((p) => approved.geographies.includes(p));
    if (options.compactProfiles && prefixes.length > 0 && prefixes.length === model.profilePrefixes.length) {
      addProfile("*", id);
    } else {
      for (const prefix of prefixes) addProfile(prefix, id);
    }
  }
  for (const pattern of approved.literalPatterns) {
    fms.push(foundationModelArn(pattern));
    for (const prefix of approved.geographies) addProfile(prefix, pattern);
  }
  return { foundationModels: [...new Set(fms)].sort(), inferenceProfiles: [...new Set(profiles)].sort() };
}
