import { GEOGRAPHIES, type Catalog } from "../../catalog";
import type { ApprovedModels, MarketplaceMode } from "../../config";
import { ANY_FOUNDATION_MODEL_ARN, ANY_INFERENCE_PROFILE_ARN, roleInAnyAccountArn } from "../arn";
import { approvedArns } from "../approved-arns";
import {
  API_KEY_CALL_ACTIONS,
  BEDROCK_SERVICE,
  CLAUDE_PLATFORM_ALL,
  CREATE_SERVICE_CREDENTIAL,
  INVOKE_ACTIONS,
  MANTLE_MODEL_ACTIONS,
  MARKETPLACE_SUBSCRIBE,
} from "../bedrock-actions";
import { PolicyDocument } from "../document";
import { PolicyStatement } from "../statement";
import { SCP_MAX_CHARS, validateScpCount, validateScpSize } from "../validate";

export interface AllowListScpInput {
  /** Names the target in problems, e.g. "targets.ous[0] (Sandbox)". */
  readonly name: string;
  readonly approved: ApprovedModels;
  readonly marketplace: MarketplaceMode;
  /** SCPs attached to the target outside modelgate, besides FullAWSAccess. @default 0 */
  readonly otherScps?: number;
}

/**
 * How the allow-list was made to fit:
 * - exact: one SCP, one profile ARN per approved geography;
 * - compact: one SCP, `inference-profile/*.ID` for models whose every catalog geography is approved
 *   (this also admits geographies AWS adds to those models later);
 * - split: two SCPs over disjoint resource types (see splitByResourceType).
 */
export type ScpStrategy = "exact" | "compact" | "split";

export interface AllowListScpResult {
  readonly documents: readonly PolicyDocument[];
  readonly strategy: ScpStrategy | null;
  /** Non-empty when the allow-list cannot be rendered within AWS limits; documents is then empty. */
  readonly problems: readonly string[];
}

/**
 * Render a target's allow-list SCP(s): Deny the two invoke actions on everything except the approved
 * foundation-model and inference-profile ARNs, plus the configured surface denials.
 *
 * Splitting. Two SCPs that each Deny with NotResource intersect: each denies what only the other exempts, so an
 * allow-list cannot be cut into arbitrary halves. It can be cut along resource types that no ARN belongs to both of:
 * SCP 1 exempts the approved foundation models and every inference profile, SCP 2 exempts the approved profiles and
 * every foundation model. A request passes both only if its foundation model, or its profile, is approved; any other
 * resource type is still denied by SCP 1. When even that does not fit, the result names how far over it is.
 */
export function renderAllowListScps(catalog: Catalog, input: AllowListScpInput): AllowListScpResult {
  const extras = surfaceStatements(catalog, input.approved, input.marketplace);
  const otherScps = input.otherScps ?? 0;
  const attempts: Array<[ScpStrategy, () => PolicyDocument[]]> = [
    ["exact", () => [new PolicyDocument([invokeDeny(catalog, input.approved, false), ...extras])]],
    ["compact", () => [new PolicyDocument([invokeDeny(catalog, input.approved, true), ...extras])]],
    ["split", () => splitByResourceType(catalog, input.approved, extras)],
  ];
  let last: string[] = [];
  for (const [strategy, render] of attempts) {
    const documents = render();
    const size = documents.flatMap((d, i) => validateScpSize(documents.length > 1 ? `${input.name} SCP ${i + 1}` : input.name, d));
    const count = validateScpCount(input.name, documents.length, otherScps);
    if (size.length === 0 && count.length === 0) return { documents, strategy, problems: [] };
    last = [...size, ...count];
    if (size.length === 0) break;
  }
  return {
    documents: [],
    strategy: null,
    problems: [...last, `${input.name}: the allow-list does not fit in ${SCP_MAX_CHARS}-character SCPs even compacted and split by resource type; ${tooLargeAdvice(input.approved)}`],
  };
}

/** What shrinks an allow-list: profiles compact to inference-profile/*.ID only when every geography is approved. */
function tooLargeAdvice(approved: ApprovedModels): string {
  if (GEOGRAPHIES.every((g) => approved.geographies.includes(g))) return "approve fewer models or geographies";
  return "approve fewer models, or every geography (each model's profiles are then one inference-profile/*.ID ARN; with some geographies left out, each approved one is listed)";
}

function invokeDeny(catalog: Catalog, approved: ApprovedModels, compact: boolean): PolicyStatement {
  const arns = approvedArns(catalog, approved, { account: "*", compactProfiles: compact });
  const exempt = [...arns.foundationModels, ...arns.inferenceProfiles];
  return exempt.length === 0
    ? new PolicyStatement({ sid: "DenyInvokeNoModelApproved", effect: "Deny", actions: INVOKE_ACTIONS, resources: ["*"] })
    : new PolicyStatement({ sid: "DenyInvokeExceptApprovedModels", effect: "Deny", actions: INVOKE_ACTIONS, notResources: exempt });
}

function splitByResourceType(catalog: Catalog, approved: ApprovedModels, extras: PolicyStatement[]): PolicyDocument[] {
  const arns = approvedArns(catalog, approved, { account: "*", compactProfiles: true });
  const fm = new PolicyStatement({
    sid: "DenyInvokeExceptApprovedFoundationModels",
    effect: "Deny",
    actions: INVOKE_ACTIONS,
    notResources: [...arns.foundationModels, ANY_INFERENCE_PROFILE_ARN],
  });
  const profiles = new PolicyStatement({
    sid: "DenyInvokeExceptApprovedInferenceProfiles",
    effect: "Deny",
    actions: INVOKE_ACTIONS,
    notResources: [...arns.inferenceProfiles, ANY_FOUNDATION_MODEL_ARN],
  });
  return [new PolicyDocument([fm, ...extras]), new PolicyDocument([profiles])];
}

/** Mantle, Claude Platform, API-key and designated-subscriber statements, in that order. */
function surfaceStatements(catalog: Catalog, approved: ApprovedModels, marketplace: MarketplaceMode): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  if (approved.deny.bedrockMantle) {
    const mantleModels = [
      ...approved.models.filter((id) => (catalog.get(id)?.mantle.length ?? 0) > 0),
      ...approved.literalPatterns,
    ];
    out.push(
      mantleModels.length === 0
        ? new PolicyStatement({ sid: "DenyMantleInference", effect: "Deny", actions: MANTLE_MODEL_ACTIONS, resources: ["*"] })
        : new PolicyStatement({
            sid: "DenyMantleInferenceExceptApprovedModels",
            effect: "Deny",
            actions: MANTLE_MODEL_ACTIONS,
            resources: ["*"],
            conditions: { StringNotLike: { "bedrock-mantle:Model": mantleModels } },
          }),
    );
  }
  if (approved.deny.claudePlatform) {
    out.push(new PolicyStatement({ sid: "DenyClaudePlatformOnAws", effect: "Deny", actions: [CLAUDE_PLATFORM_ALL], resources: ["*"] }));
  }
  if (approved.deny.apiKeys) {
    out.push(
      new PolicyStatement({ sid: "DenyBedrockApiKeyCalls", effect: "Deny", actions: API_KEY_CALL_ACTIONS, resources: ["*"] }),
      new PolicyStatement({
        sid: "DenyBedrockApiKeyCreation",
        effect: "Deny",
        actions: [CREATE_SERVICE_CREDENTIAL],
        resources: ["*"],
        conditions: { StringEquals: { "iam:ServiceSpecificCredentialServiceName": [BEDROCK_SERVICE] } },
      }),
    );
  }
  if (marketplace.mode === "designated-subscriber") {
    out.push(
      new PolicyStatement({
        sid: "DenyMarketplaceSubscriptionExceptSubscriber",
        effect: "Deny",
        actions: [MARKETPLACE_SUBSCRIBE, "aws-marketplace:Unsubscribe", "bedrock:CreateFoundationModelAgreement"],
        resources: ["*"],
        conditions: { ArnNotLike: { "aws:PrincipalArn": [roleInAnyAccountArn(marketplace.subscriberRoleName)] } },
      }),
    );
  }
  return out;
}
