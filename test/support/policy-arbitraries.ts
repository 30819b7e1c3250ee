/**
 * fast-check generators of IAM IDENTITY policies about Bedrock invocation, for property tests that judge the
 * gate against the IAM oracle (test/support/iam-oracle.ts).
 *
 * Every generated document is one the oracle can evaluate: valid grammar, `Version` 2012-10-17, action names
 * and action patterns drawn from a pool of names that exist in the Service Authorization Reference (never
 * `bedrock:Converse` and friends: those belong to a deterministic test), and resource patterns whose only
 * letter-case differences from real ARNs are in the resource part (the oracle compares partition, service,
 * Region and account case-insensitively, IAM does not; see the oracle's header).
 *
 * The pools are built from a small "cast" of model IDs so that patterns hit approved and unapproved models in
 * the same family ("neighbors"): a test fixes which of them are approved. Expectations must come from the oracle,
 * never from these pools.
 */
import fc from "fast-check";

/** The account the oracle's caller lives in; profile patterns with it (or `*`) match its profile ARNs. */
export const CALLER_ACCOUNT = "111122223333";
/** Some other account: profile patterns with it never match the caller's profiles. */
export const OTHER_ACCOUNT = "999999999999";

/**
 * Action names and patterns that the SAR knows (or that match at least one SAR action): the two invoke
 * actions in several letter cases, wildcards that cover them, and actions that do not invoke.
 */
export const ACTION_POOL = [
  "bedrock:InvokeModel",
  "bedrock:InvokeModelWithResponseStream",
  "bedrock:invokemodel",
  "BEDROCK:INVOKEMODELWITHRESPONSESTREAM",
  "bedrock:Invoke*",
  "bedrock:invoke*",
  "bedrock:InvokeModel*",
  "bedrock:Invoke?odel",
  "bedrock:*Model",
  "bedrock:*",
  "*",
  "bedrock:GetFoundationModel",
  "bedrock:Get*",
  "bedrock:List*",
  "bedrock:CreateModelInvocationJob",
  "bedrock:ApplyGuardrail",
  "s3:GetObject",
  "aws-marketplace:ViewSubscriptions",
] as const;

/** Resource patterns about one model ID, in every shape policies use (correct and broken). */
export function resourcesForModel(modelId: string): string[] {
  return [
    `arn:aws:bedrock:*::foundation-model/${modelId}`,
    `arn:aws:bedrock:us-east-1::foundation-model/${modelId}`,
    `arn:aws:bedrock:eu-west-1::foundation-model/${modelId}`,
    `arn:aws:bedrock:*:*:inference-profile/us.${modelId}`,
    `arn:aws:bedrock:*:${CALLER_ACCOUNT}:inference-profile/us.${modelId}`,
    `arn:aws:bedrock:us-east-1:${OTHER_ACCOUNT}:inference-profile/us.${modelId}`,
    `arn:aws:bedrock:*:*:inference-profile/*.${modelId}`,
    `arn:aws:bedrock:*:*:inference-profile/eu.${modelId}`,
    // empty account segment: never matches a real profile ARN (facts §2)
    `arn:aws:bedrock:*::inference-profile/us.${modelId}`,
  ];
}

/** Patterns that are not about one model: wildcards over models, profiles, services, and other services. */
export const BROAD_RESOURCES = [
  "*",
  "arn:aws:bedrock:*::foundation-model/*",
  "arn:aws:bedrock:us-east-1::foundation-model/*",
  "arn:aws:bedrock:*::foundation-model/amazon.nova-*",
  "arn:aws:bedrock:*::foundation-model/anthropic.claude-*",
  "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4*",
  "arn:aws:bedrock:*::foundation-model/meta.llama3-?-70b-instruct-v1:0",
  "arn:aws:bedrock:*::foundation-model/*lite*",
  "arn:aws:bedrock:*:*:inference-profile/*",
  "arn:aws:bedrock:*:*:inference-profile/us.*",
  "arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-*",
  "arn:aws:bedrock:*:*:inference-profile/*nova*",
  "arn:aws:bedrock:*::inference-profile/*",
  "arn:aws:bedrock:*:*:application-inference-profile/*",
  "arn:aws:bedrock:*:*:*",
  "arn:aws:bedrock:*::*",
  "arn:aws:bedrock:*",
  "arn:*:bedrock:*::foundation-model/*",
  "arn:aws:s3:::model-artifacts/*",
] as const;

/** The invoke actions as a correct policy names them. */
export const INVOKE_ACTION_NAMES = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;

/** Correct resource patterns for one model (what modelgate render or a careful author writes). */
export function correctResourcesForModel(modelId: string): string[] {
  return [
    `arn:aws:bedrock:*::foundation-model/${modelId}`,
    `arn:aws:bedrock:*:*:inference-profile/*.${modelId}`,
    `arn:aws:bedrock:*:*:inference-profile/us.${modelId}`,
    `arn:aws:bedrock:*:${CALLER_ACCOUNT}:inference-profile/us.${modelId}`,
  ];
}

export interface PolicyPools {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** Drawn twice as often as the full pools, so that many policies are well-formed and the gate passes them. */
  readonly preferredActions: readonly string[];
  readonly preferredResources: readonly string[];
}

/**
 * Pools for a cast of model IDs (approved and unapproved alike); `preferred` models (the approved ones) also
 * get their correct patterns drawn more often, so that a policy is often clean apart from one mistake.
 */
export function policyPools(cast: readonly string[], preferred: readonly string[] = []): PolicyPools {
  return {
    actions: [...ACTION_POOL],
    resources: [...BROAD_RESOURCES, ...cast.flatMap(resourcesForModel)],
    preferredActions: [...INVOKE_ACTION_NAMES],
    preferredResources: preferred.flatMap(correctResourcesForModel),
  };
}

/**
 * Conditions on `bedrock:InferenceProfileArn`, which is present only when the foundation-model ARN of a
 * cross-Region (profile) call is evaluated (facts §3): they make a statement apply to profile calls only, or
 * (Null true) to direct calls only.
 */
export const CONDITION_POOL: readonly Readonly<Record<string, Record<string, string | string[]>>>[] = [
  { ArnLike: { "bedrock:InferenceProfileArn": "arn:aws:bedrock:*:*:inference-profile/us.*" } },
  { ArnLike: { "bedrock:InferenceProfileArn": "arn:aws:bedrock:*:*:inference-profile/*" } },
  { StringLike: { "bedrock:InferenceProfileArn": "arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-*" } },
  { Null: { "bedrock:InferenceProfileArn": "true" } },
  { Null: { "bedrock:InferenceProfileArn": "false" } },
];

export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Condition?: Record<string, Record<string, string | string[]>>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Statement | Statement[];
}

/** One entry: from `preferred` two times in three (when it is not empty), else from the full pool. */
function entry(pool: readonly string[], preferred: readonly string[]): fc.Arbitrary<string> {
  if (preferred.length === 0) return fc.constantFrom(...pool);
  return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...pool) }, { weight: 2, arbitrary: fc.constantFrom(...preferred) });
}

/** A string or a non-empty array of distinct entries. */
function stringOrArray(pool: readonly string[], preferred: readonly string[], maxLength: number): fc.Arbitrary<string | string[]> {
  const one = entry(pool, preferred);
  return fc.oneof({ weight: 2, arbitrary: one }, { weight: 3, arbitrary: fc.uniqueArray(one, { minLength: 1, maxLength }) });
}

/** One statement: mostly Allow, mostly Action and Resource, sometimes NotAction / NotResource / a Condition. */
export function statementArbitrary(pools: PolicyPools): fc.Arbitrary<Statement> {
  const actions = stringOrArray(pools.actions, pools.preferredActions, 4);
  const resources = stringOrArray(pools.resources, pools.preferredResources, 5);
  return fc
    .record({
      effect: fc.constantFrom<"Allow" | "Deny">("Allow", "Allow", "Deny"),
      notAction: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
      notResource: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      actions,
      resources,
      condition: fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(...CONDITION_POOL) },
      ),
    })
    .map(({ effect, notAction, notResource, actions: a, resources: r, condition }) => ({
      Effect: effect,
      ...(notAction ? { NotAction: a } : { Action: a }),
      ...(notResource ? { NotResource: r } : { Resource: r }),
      ...(condition ? { Condition: structuredClone(condition) as Statement["Condition"] } : {}),
    }));
}

/**
 * A correct Allow of both invoke actions on some of `models`: each model's foundation-model ARN in every Region
 * and all of its system profiles (corrected policy 1 of facts §10, for several models).
 */
export function correctAllowArbitrary(models: readonly string[]): fc.Arbitrary<Statement> {
  return fc.subarray([...models], { minLength: 1 }).map((chosen) => ({
    Effect: "Allow" as const,
    Action: [...INVOKE_ACTION_NAMES],
    Resource: chosen.flatMap((m) => [`arn:aws:bedrock:*:*:inference-profile/*.${m}`, `arn:aws:bedrock:*::foundation-model/${m}`]),
  }));
}

/**
 * An identity policy: half the time a correct Allow of approved models (`correctModels`) plus 1-3 random
 * statements, otherwise 1-4 random statements; statement order is shuffled, and a single statement is
 * sometimes written without the array.
 */
export function identityPolicyArbitrary(pools: PolicyPools, correctModels: readonly string[] = []): fc.Arbitrary<PolicyDocument> {
  const random = statementArbitrary(pools);
  const withBase =
    correctModels.length === 0
      ? fc.array(random, { minLength: 1, maxLength: 4 })
      : fc.oneof(
          fc.array(random, { minLength: 1, maxLength: 4 }),
          fc
            .tuple(correctAllowArbitrary(correctModels), fc.array(random, { minLength: 1, maxLength: 3 }), fc.nat())
            .map(([base, rest, at]) => {
              const out = [...rest];
              out.splice(at % (rest.length + 1), 0, base);
              return out;
            }),
        );
  return fc.tuple(withBase, fc.boolean()).map(([statements, bare]) => ({
    Version: "2012-10-17" as const,
    Statement: bare && statements.length === 1 ? (statements[0] as Statement) : statements,
  }));
}
