import { wildcardToRegExp, type Catalog } from "../../catalog";
import type { ApprovedModels, MarketplaceMode } from "../../config";
import { approvedArns } from "../approved-arns";
import {
  BEDROCK_SERVICE,
  INVOKE_ACTIONS,
  MARKETPLACE_MANAGE,
  MARKETPLACE_SUBSCRIBE,
  MODEL_AGREEMENT_ACTIONS,
} from "../bedrock-actions";
import { PolicyDocument } from "../document";
import { PolicyStatement } from "../statement";
import { MANAGED_POLICY_MAX_CHARS, validateManagedPolicyCount, validateManagedPolicySize } from "../validate";

export interface AccountPoliciesInput {
  /** 12-digit account ID: rendered literally in profile ARNs. */
  readonly accountId: string;
  /** Names the account in problems and warnings. */
  readonly name: string;
  /** The account's effective allow-list (intersection from the root down). */
  readonly approved: ApprovedModels;
  readonly marketplace: MarketplaceMode;
}

export interface AccountPolicies {
  /** The builders' invoke policy, split into several managed policies when one would exceed 6,144 characters. */
  readonly invoke: readonly PolicyDocument[];
  /** designated-subscriber mode only, and only when an approved model has a known product ID. */
  readonly subscriber: PolicyDocument | null;
  /** Approved Marketplace-backed models that get no Subscribe grant, and why. */
  readonly warnings: readonly string[];
  /** Non-empty when a policy cannot be rendered within AWS limits. */
  readonly problems: readonly string[];
}

/** Product IDs of approved Marketplace-backed models, plus warnings for those whose status or ID is unknown. */
export function approvedProductIds(catalog: Catalog, approved: ApprovedModels, name: string): { productIds: string[]; warnings: string[] } {
  const productIds = new Set<string>();
  const warnings: string[] = [];
  const ids = new Set(approved.models);
  for (const pattern of approved.literalPatterns) {
    const re = wildcardToRegExp(pattern);
    for (const m of catalog.models) if (re.test(m.id)) ids.add(m.id);
  }
  for (const id of [...ids].sort()) {
    const model = catalog.get(id);
    if (!model) continue;
    if (model.marketplace === true && model.productId !== null) productIds.add(model.productId);
    else if (model.marketplace === true) {
      warnings.push(`${name}: ${id} is Marketplace-backed but the catalog has no product ID for it, so no Subscribe is granted; pre-subscribe the account (CreateFoundationModelAgreement) or add productId under catalog.overrides`);
    } else if (model.marketplace === null) {
      warnings.push(`${name}: ${id} has no established Marketplace status, so no Subscribe is granted; if its first call fails with AccessDenied, set marketplace and productId under catalog.overrides`);
    }
  }
  return { productIds: [...productIds].sort(), warnings };
}

/**
 * The account's builders' invoke policy (Allow invoke on exactly the approved foundation-model ARNs and the
 * approved profile ARNs in this account) and, by Marketplace mode, either just-in-time Subscribe statements
 * or a separate policy for the designated subscriber role.
 */
export function renderAccountPolicies(catalog: Catalog, input: AccountPoliciesInput): AccountPolicies {
  const arns = approvedArns(catalog, input.approved, { account: input.accountId, regions: input.approved.regions });
  const resources = arns.byModel.flat();
  const { productIds, warnings } = approvedProductIds(catalog, input.approved, input.name);
  const designated = input.marketplace.mode === "designated-subscriber";
  const marketplace = !designated && productIds.length > 0 ? marketplaceStatements(productIds) : [];
  const problems: string[] = [];

  let invoke: PolicyDocument[] = [];
  if (resources.length > 0) {
    invoke = chunkInvoke(arns.byModel, marketplace);
    invoke.forEach((d, i) => problems.push(...validateManagedPolicySize(`${input.name} invoke policy ${i + 1}`, d)));
    problems.push(...validateManagedPolicyCount(input.name, invoke.length));
  } else if (marketplace.length > 0) {
    invoke = [new PolicyDocument(marketplace)];
  }
  if (resources.length === 0) {
    warnings.push(`${input.name}: no approved model has a bedrock foundation-model ARN (mantle-only models), so the invoke policy grants nothing on bedrock-runtime`);
  }

  let subscriber: PolicyDocument | null = null;
  if (designated && productIds.length > 0) {
    subscriber = new PolicyDocument([
      ...marketplaceStatements(productIds),
      new PolicyStatement({ sid: "AllowModelAgreements", effect: "Allow", actions: MODEL_AGREEMENT_ACTIONS, resources: ["*"] }),
    ]);
    problems.push(...validateManagedPolicySize(`${input.name} subscriber policy`, subscriber));
  }
  return { invoke: problems.length > 0 ? [] : invoke, subscriber: problems.length > 0 ? null : subscriber, warnings, problems };
}

function marketplaceStatements(productIds: readonly string[]): PolicyStatement[] {
  const viaBedrock = { StringEquals: { "aws:CalledViaLast": [BEDROCK_SERVICE] } };
  return [
    new PolicyStatement({
      sid: "AllowSubscribeApprovedProductsViaBedrock",
      effect: "Allow",
      actions: [MARKETPLACE_SUBSCRIBE],
      resources: ["*"],
      conditions: { "ForAnyValue:StringEquals": { "aws-marketplace:ProductId": productIds }, ...viaBedrock },
    }),
    new PolicyStatement({ sid: "AllowManageSubscriptionsViaBedrock", effect: "Allow", actions: MARKETPLACE_MANAGE, resources: ["*"], conditions: viaBedrock }),
  ];
}

/**
 * One managed policy when it fits; otherwise the per-model ARN groups are packed greedily, in model order, into
 * consecutive policies (Allows add up, so unlike an SCP allow-list this split is exact). A model's foundation-model
 * ARN and its profile ARNs always stay in the same policy, so each policy works on its own and is judged on its own
 * by the gate (MG-0007). Marketplace statements go in the first policy.
 */
function chunkInvoke(groups: readonly (readonly string[])[], marketplace: readonly PolicyStatement[]): PolicyDocument[] {
  const single = new PolicyDocument([invokeStatement("AllowInvokeApprovedModels", groups.flat()), ...marketplace]);
  if (single.nonWhitespaceLength <= MANAGED_POLICY_MAX_CHARS) return [single];
  const docs: PolicyDocument[] = [];
  let run: string[] = [];
  const build = (part: readonly string[], first: boolean) =>
    new PolicyDocument([invokeStatement(`AllowInvokeApprovedModelsPart${docs.length + 1}`, part), ...(first ? marketplace : [])]);
  for (const arns of groups) {
    const candidate = [...run, ...arns];
    if (run.length > 0 && build(candidate, docs.length === 0).nonWhitespaceLength > MANAGED_POLICY_MAX_CHARS) {
      docs.push(build(run, docs.length === 0));
      run = [...arns];
    } else {
      run = candidate;
    }
  }
  if (run.length > 0) docs.push(build(run, docs.length === 0));
  return docs;
}

function invokeStatement(sid: string, resources: readonly string[]): PolicyStatement {
  return new PolicyStatement({ sid, effect: "Allow", actions: INVOKE_ACTIONS, resources });
}
