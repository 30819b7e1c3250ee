/**
 * Property test of the real gate (rego/dist/policy.wasm) against the independent IAM oracle
 * (test/support/iam-oracle.ts), issue #3 item 7:
 *
 *   a random identity policy that the oracle says grants an UNAPPROVED model is never reported clean,
 *
 * where "clean" means no finding at or above the CLI's default --fail-on (medium). The approved set is fixed
 * (it is what `check --config` hands the gate as data.modelgate.approved); "grants" is asked of the oracle for
 * each probed unapproved model, both invoke actions, its foundation-model ARN in us-east-1 and, when the
 * catalog lists a `us.` profile for it, that profile in the caller's account. No SCPs apply (scps: []).
 *
 * The converse (the gate flags a policy the oracle says grants nothing unapproved) is NOT a property: the
 * gate also reports other defects (an approved profile without its foundation model, empty-account ARNs, …)
 * and judges patterns rather than requests. It is measured and printed as the false-positive rate.
 */
import fc from "fast-check";
import { loadCatalog, toRegoData, type ApprovedSet } from "../../catalog";
import { atLeast } from "../../core/severity";
import { evaluatePlan } from "../../gate/evaluate";
import type { Finding } from "../../gate/finding";
import { parseInputBytes, type GateInput } from "../../gate/input";
import { loadGatePolicy, type GatePolicy } from "../../gate/load-policy";
import { evaluate, foundationModelArn, inferenceProfileArn, type OracleRequest } from "../support/iam-oracle";
import { CALLER_ACCOUNT, identityPolicyArbitrary, policyPools, type PolicyDocument } from "../support/policy-arbitraries";
import { iamPolicyChange, plan, requireRealWasm } from "./wasm-helper";

const catalog = loadCatalog();

/**
 * The approved set: an on-demand model with four profile geographies, a profile-only model, a Marketplace
 * model, a Marketplace model that is profile-only, and a Meta model with a `us.` profile.
 */
const APPROVED_MODELS = [
  "amazon.nova-lite-v1:0",
  "amazon.nova-2-lite-v1:0",
  "anthropic.claude-sonnet-4-6",
  "anthropic.claude-haiku-4-5-20251001-v1:0",
  "meta.llama3-1-70b-instruct-v1:0",
] as const;

/** Unapproved models the oracle is asked about: neighbors of the approved ones first, then other providers. */
const PROBED_UNAPPROVED = [
  // neighbors (same provider or family, matched by the same prefix patterns)
  "amazon.nova-pro-v1:0",
  "amazon.nova-micro-v1:0",
  "amazon.nova-premier-v1:0",
  "amazon.nova-2-sonic-v1:0",
  "anthropic.claude-sonnet-4-5-20250929-v1:0",
  "anthropic.claude-sonnet-4-20250514-v1:0",
  "anthropic.claude-opus-4-7",
  "anthropic.claude-haiku-4-5",
  "meta.llama3-70b-instruct-v1:0",
  "meta.llama3-3-70b-instruct-v1:0",
  "meta.llama3-1-8b-instruct-v1:0",
  // other providers
  "deepseek.r1-v1:0",
  "mistral.pixtral-large-2502-v1:0",
  "cohere.embed-v4:0",
  "openai.gpt-5.6-sol",
  "stability.sd3-5-large-v1:0",
  "writer.palmyra-x5-v1:0",
  "twelvelabs.pegasus-1-2-v1:0",
  "qwen.qwen3-32b-v1:0",
  "xai.grok-4.6",
] as const;

const INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;
/** Source Region of every call; the pool's concrete-Region patterns use it and eu-west-1. */
const PROBE_REGION = "us-east-1";
const OTHER_REGION = "eu-west-1";

const approved: ApprovedSet = {
  models: [...APPROVED_MODELS],
  productIds: APPROVED_MODELS.map((id) => catalog.get(id)?.productId).filter((p): p is string => typeof p === "string"),
};

/**
 * One way to invoke an unapproved model. It succeeds when the oracle allows EVERY request in it:
 * - direct: the foundation-model ARN in the source Region (us-east-1, and eu-west-1 as a second Region);
 * - profile (cross-Region inference, facts §3): the `us.` profile ARN in the caller's account AND the model's
 *   foundation-model ARN in the source Region, evaluated with bedrock:InferenceProfileArn = that profile
 *   (the key is present only on this second request). Destination Regions other than the source are not
 *   required, which makes the set of granting policies larger and the property stronger.
 */
interface InvokePath {
  readonly model: string;
  readonly action: string;
  readonly kind: "direct" | "profile";
  readonly requests: readonly OracleRequest[];
}

const request = (action: string, resource: string, context?: Record<string, string>): OracleRequest => ({
  scps: [],
  identityPolicies: [],
  action,
  resource,
  principalAccount: CALLER_ACCOUNT,
  ...(context ? { context } : {}),
});

const PATHS: readonly InvokePath[] = PROBED_UNAPPROVED.flatMap((model) =>
  INVOKE_ACTIONS.flatMap((action): InvokePath[] => {
    const paths: InvokePath[] = [
      { model, action, kind: "direct", requests: [request(action, foundationModelArn(PROBE_REGION, model))] },
      { model, action, kind: "direct", requests: [request(action, foundationModelArn(OTHER_REGION, model))] },
    ];
    if (catalog.get(model)?.profilePrefixes.includes("us")) {
      const profile = inferenceProfileArn(PROBE_REGION, CALLER_ACCOUNT, "us", model);
      paths.push({
        model,
        action,
        kind: "profile",
        requests: [request(action, profile), request(action, foundationModelArn(PROBE_REGION, model), { "bedrock:InferenceProfileArn": profile })],
      });
    }
    return paths;
  }),
);

/** The cast the generator builds per-model patterns from: all approved models and every probed neighbor. */
const pools = policyPools([...APPROVED_MODELS, ...PROBED_UNAPPROVED]);

const SEED = 20260821;
const NUM_RUNS = 300;

function inputOf(document: PolicyDocument): GateInput {
  const value = plan([iamPolicyChange("aws_iam_policy.generated", document)]);
  return parseInputBytes(Buffer.from(JSON.stringify(value)), "property-plan.json")[0] as GateInput;
}

interface OracleVerdict {
  /** The first invoke path of an unapproved model that the oracle allows end to end. */
  readonly grant: InvokePath | undefined;
  /** A `us.` profile ARN of an unapproved model that the oracle allows on its own (its FM request is denied). */
  readonly profileAlone: string | undefined;
  readonly evaluations: number;
}

/** Asks the oracle about every invoke path (stopping at the first that is allowed end to end). */
async function judgeWithOracle(document: PolicyDocument): Promise<OracleVerdict> {
  const text = JSON.stringify(document);
  let evaluations = 0;
  let profileAlone: string | undefined;
  for (const path of PATHS) {
    let allowed = true;
    for (const [i, r] of path.requests.entries()) {
      evaluations += 1;
      if ((await evaluate({ ...r, identityPolicies: [text] })) !== "Allowed") {
        allowed = false;
        break;
      }
      if (path.kind === "profile" && i === 0) profileAlone ??= r.resource;
    }
    if (allowed) return { grant: path, profileAlone: undefined, evaluations };
  }
  return { grant: undefined, profileAlone, evaluations };
}

const blocking = (findings: readonly Finding[]): Finding[] => findings.filter((f) => atLeast(f.severity, "medium"));

interface Stats {
  policies: number;
  granting: number;
  grantingFlagged: number;
  notGranting: number;
  notGrantingFlagged: number;
  fpRules: Map<string, number>;
}

describe("gate property: a policy the IAM oracle says grants an unapproved model is never reported clean", () => {
  let policy: GatePolicy;

  beforeAll(async () => {
    policy = await loadGatePolicy(requireRealWasm());
  });

  it("has every approved and probed model in the catalog, and probes both invoke actions on FM and `us.` profile ARNs", () => {
    // GIVEN the fixed approved set and probe list
    // WHEN they are looked up in the catalog
    // THEN all exist, none is both approved and probed, and the probes cover FM and profile ARNs
    for (const id of [...APPROVED_MODELS, ...PROBED_UNAPPROVED]) expect(catalog.get(id)?.id).toBe(id);
    expect(PROBED_UNAPPROVED.filter((id) => (APPROVED_MODELS as readonly string[]).includes(id))).toEqual([]);
    expect(approved.productIds).toEqual(["prod-ffvjxvh4ltq64", "prod-xdkflymybwmvi"]);
    expect(PROBES.some((p) => p.resource.includes(":inference-profile/us."))).toBe(true);
    expect(new Set(PROBES.map((p) => p.action))).toEqual(new Set(INVOKE_ACTIONS));
    expect(toRegoData(catalog, approved).modelgate.approved?.models).toEqual([...APPROVED_MODELS].sort());
  });

  it(`GIVEN ${NUM_RUNS} random identity policies (seed ${SEED}) THEN every one the oracle lets invoke an unapproved model has a finding >= medium`, async () => {
    const stats: Stats = { policies: 0, granting: 0, grantingFlagged: 0, notGranting: 0, notGrantingFlagged: 0, fpRules: new Map() };
    const started = Date.now();

    await fc.assert(
      fc.asyncProperty(identityPolicyArbitrary(pools), async (document) => {
        // WHEN the oracle is asked about every probe and the gate judges the same policy in a plan
        const grant = await firstUnapprovedGrant(document);
        const findings = await evaluatePlan(inputOf(document), { catalog, approved, policy });
        const flagged = blocking(findings);
        stats.policies += 1;
        if (grant) {
          stats.granting += 1;
          if (flagged.length > 0) stats.grantingFlagged += 1;
        } else {
          stats.notGranting += 1;
          if (flagged.length > 0) {
            stats.notGrantingFlagged += 1;
            for (const id of new Set(flagged.map((f) => f.ruleId))) stats.fpRules.set(id, (stats.fpRules.get(id) ?? 0) + 1);
          }
        }
        // THEN a granting policy is never clean
        if (grant && flagged.length === 0) {
          throw new Error(
            `the oracle allows ${grant.action} on ${grant.resource}, but the gate reports no finding >= medium; ` +
              `findings: ${JSON.stringify(findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message })))}`,
          );
        }
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );

    const seconds = (Date.now() - started) / 1000;
    const fpRate = stats.notGranting === 0 ? 0 : stats.notGrantingFlagged / stats.notGranting;
    const byRule = [...stats.fpRules.entries()].sort().map(([id, n]) => `${id}:${n}`).join(" ");
    console.log(
      [
        `gate property (seed ${SEED}): ${stats.policies} policies, ${PROBES.length} oracle probes each at most, ${seconds.toFixed(1)} s`,
        `  oracle grants an unapproved model: ${stats.granting}, gate flags ${stats.grantingFlagged} of them (must be all)`,
        `  oracle grants nothing unapproved: ${stats.notGranting}, gate still flags ${stats.notGrantingFlagged} ` +
          `(false-positive rate ${(fpRate * 100).toFixed(1)} %; by rule, >= medium: ${byRule || "none"})`,
      ].join("\n"),
    );

    // AND the generator exercised both sides of the property, so it cannot pass vacuously
    expect(stats.granting).toBeGreaterThanOrEqual(NUM_RUNS / 5);
    expect(stats.notGranting).toBeGreaterThanOrEqual(NUM_RUNS / 10);
  });
});

describe("gate: policies naming only names that are not IAM actions get the unknown-action finding", () => {
  let policy: GatePolicy;

  beforeAll(async () => {
    policy = await loadGatePolicy(requireRealWasm());
  });

  const NON_ACTIONS = [
    "bedrock:Converse",
    "bedrock:ConverseStream",
    "bedrock:InvokeModelWithBidirectionalStream",
    "bedrock:StartAsyncInvoke",
    "bedrock:UseInferenceProfile",
    "bedrock-runtime:InvokeModel",
    "bedrock:InvokeModle",
  ] as const;

  it.each(NON_ACTIONS.flatMap((name) => (["Allow", "Deny"] as const).map((effect) => [effect, name] as const)))(
    "GIVEN %s %s on * THEN MG-0012 names the entry",
    async (effect, name) => {
      const document: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: effect, Action: name, Resource: "*" }] };
      // WHEN the gate judges it
      const findings = await evaluatePlan(inputOf(document), { catalog, approved, policy });
      // THEN exactly one MG-0012 finding names the entry, at severity high
      const unknown = findings.filter((f) => f.ruleId === "MG-0012");
      expect(unknown).toHaveLength(1);
      expect(unknown[0]?.severity).toBe("high");
      expect(unknown[0]?.message).toContain(` names ${name}: `);
      expect(unknown[0]?.message).toMatch(/so the entry grants and denies nothing$/);
    },
  );

  it("GIVEN an Allow of every non-action on * THEN the oracle grants no invoke and the gate still fails it (one MG-0012 per entry)", async () => {
    const document: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [...NON_ACTIONS], Resource: "*" }] };
    // WHEN the oracle evaluates both invoke actions on an approved model, and the gate judges the policy
    const text = JSON.stringify(document);
    for (const action of INVOKE_ACTIONS) {
      await expect(
        evaluate({ scps: [], identityPolicies: [text], action, resource: foundationModelArn(PROBE_REGION, "amazon.nova-lite-v1:0"), principalAccount: CALLER_ACCOUNT }),
      ).resolves.toBe("ImplicitlyDenied");
    }
    const findings = await evaluatePlan(inputOf(document), { catalog, approved, policy });
    // THEN the policy grants nothing, and the gate reports every entry
    expect(findings.filter((f) => f.ruleId === "MG-0012")).toHaveLength(NON_ACTIONS.length);
    expect(blocking(findings).length).toBeGreaterThan(0);
  });
});
