/**
 * Property test of the real gate (rego/dist/policy.wasm) against the independent IAM oracle
 * (test/support/iam-oracle.ts), issue #3 item 7:
 *
 *   a random identity policy that the oracle says grants an UNAPPROVED model is never reported clean,
 *
 * where "clean" means no finding at or above the CLI's default --fail-on (medium). The approved set is fixed
 * (it is what `check --config` hands the gate as data.modelgate.approved). "Grants" means the oracle (no SCPs:
 * scps: []) lets a call of a probed unapproved model succeed, for either invoke action, by one of:
 * - a direct call: its foundation-model ARN in us-east-1 (or eu-west-1);
 * - a `us.` profile call, when the catalog lists one: the profile ARN in the caller's account AND the
 *   foundation-model ARN in us-east-1 evaluated with bedrock:InferenceProfileArn = that profile (facts §3).
 * A profile ARN allowed on its own is NOT a grant (its FM request is denied, so no call succeeds); such policies
 * are counted and printed separately.
 *
 * The converse (the gate flags a policy the oracle says grants nothing unapproved) is NOT a property: the
 * gate also reports other defects (a profile without its foundation model, empty-account ARNs, unscoped
 * Subscribe, …) and judges patterns rather than requests. It is measured and printed as the false-positive rate.
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

/** The cast the generator builds per-model patterns from (all approved and probed models); approved ones are preferred. */
const pools = policyPools([...APPROVED_MODELS, ...PROBED_UNAPPROVED], APPROVED_MODELS);

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
  evaluations: number;
  granting: number;
  grantingByKind: Record<InvokePath["kind"], number>;
  grantingFlagged: number;
  notGranting: number;
  /** Flagged >= medium by any rule although the oracle grants nothing unapproved. */
  notGrantingFlagged: number;
  /** Flagged by the two rules that claim an unapproved or unbounded grant (MG-0009, MG-0010). */
  notGrantingFlaggedAsGrant: number;
  fpRules: Map<string, number>;
  /** Clean, granting nothing end to end, but allowing an unapproved profile ARN on its own. */
  cleanProfileAlone: { document: PolicyDocument; profile: string }[];
}

const fmtRules = (rules: Map<string, number>): string => [...rules.entries()].sort().map(([id, n]) => `${id}:${n}`).join(" ") || "none";
const pct = (n: number, of: number): string => (of === 0 ? "n/a" : `${((100 * n) / of).toFixed(1)} %`);

describe("gate property: a policy the IAM oracle says grants an unapproved model is never reported clean", () => {
  let policy: GatePolicy;

  beforeAll(async () => {
    policy = await loadGatePolicy(requireRealWasm());
  });

  it("has every approved and probed model in the catalog, and probes both invoke actions directly and through `us.` profiles", () => {
    // GIVEN the fixed approved set and probe list
    // WHEN they are looked up in the catalog
    // THEN all exist, none is both approved and probed, and the paths cover direct and profile calls for both actions
    for (const id of [...APPROVED_MODELS, ...PROBED_UNAPPROVED]) expect(catalog.get(id)?.id).toBe(id);
    expect(PROBED_UNAPPROVED.filter((id) => (APPROVED_MODELS as readonly string[]).includes(id))).toEqual([]);
    expect(approved.productIds).toEqual(["prod-ffvjxvh4ltq64", "prod-xdkflymybwmvi"]);
    expect(new Set(PATHS.map((p) => `${p.kind} ${p.action}`))).toEqual(
      new Set(INVOKE_ACTIONS.flatMap((a) => [`direct ${a}`, `profile ${a}`])),
    );
    expect(PATHS.filter((p) => p.kind === "profile").map((p) => p.requests[1]?.context)).toContainEqual({
      "bedrock:InferenceProfileArn": `arn:aws:bedrock:us-east-1:${CALLER_ACCOUNT}:inference-profile/us.amazon.nova-pro-v1:0`,
    });
    expect(toRegoData(catalog, approved).modelgate.approved?.models).toEqual([...APPROVED_MODELS].sort());
  });

  it("finds a profile-only grant (FM allowed only with bedrock:InferenceProfileArn) that a direct probe misses, and the gate flags it", async () => {
    // GIVEN Nova Pro (unapproved) allowed through its `us.` profile, its FM only when called through a profile
    const document: PolicyDocument = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "arn:aws:bedrock:*:*:inference-profile/us.amazon.nova-pro-v1:0" },
        {
          Effect: "Allow",
          Action: "bedrock:InvokeModel",
          Resource: "arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0",
          Condition: { ArnLike: { "bedrock:InferenceProfileArn": "arn:aws:bedrock:*:*:inference-profile/us.*" } },
        },
      ],
    };
    // WHEN the oracle and the gate judge it
    const verdict = await judgeWithOracle(document);
    const findings = await evaluatePlan(inputOf(document), { catalog, approved, policy });
    // THEN the oracle finds the profile path (the direct call is denied: the key is absent), and the gate flags it
    expect(verdict.grant?.kind).toBe("profile");
    expect(verdict.grant?.model).toBe("amazon.nova-pro-v1:0");
    expect(blocking(findings).map((f) => f.ruleId)).toContain("MG-0010");
  });

  it("does not count a profile allowed without its foundation model as a grant (no call can succeed)", async () => {
    // GIVEN every profile allowed, but only Nova Lite's (approved) foundation model
    const document: PolicyDocument = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "bedrock:InvokeModel",
          Resource: ["arn:aws:bedrock:*:*:inference-profile/*", "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"],
        },
      ],
    };
    // WHEN the oracle judges it
    const verdict = await judgeWithOracle(document);
    // THEN no unapproved model is invocable, although an unapproved profile ARN is allowed on its own
    expect(verdict.grant).toBeUndefined();
    expect(verdict.profileAlone).toBe(inferenceProfileArn(PROBE_REGION, CALLER_ACCOUNT, "us", "amazon.nova-pro-v1:0"));
  });

  it(`GIVEN ${NUM_RUNS} random identity policies (seed ${SEED}) THEN every one the oracle lets invoke an unapproved model has a finding >= medium`, async () => {
    const stats: Stats = {
      policies: 0,
      evaluations: 0,
      granting: 0,
      grantingByKind: { direct: 0, profile: 0 },
      grantingFlagged: 0,
      notGranting: 0,
      notGrantingFlagged: 0,
      notGrantingFlaggedAsGrant: 0,
      fpRules: new Map(),
      cleanProfileAlone: [],
    };
    const started = Date.now();

    await fc.assert(
      fc.asyncProperty(identityPolicyArbitrary(pools, APPROVED_MODELS), async (document) => {
        // WHEN the oracle is asked about every invoke path and the gate judges the same policy in a plan
        const verdict = await judgeWithOracle(document);
        const findings = await evaluatePlan(inputOf(document), { catalog, approved, policy });
        const flagged = blocking(findings);
        const { grant } = verdict;
        stats.policies += 1;
        stats.evaluations += verdict.evaluations;
        if (grant) {
          stats.granting += 1;
          stats.grantingByKind[grant.kind] += 1;
          if (flagged.length > 0) stats.grantingFlagged += 1;
        } else {
          stats.notGranting += 1;
          if (flagged.length > 0) stats.notGrantingFlagged += 1;
          if (flagged.some((f) => f.ruleId === "MG-0009" || f.ruleId === "MG-0010")) stats.notGrantingFlaggedAsGrant += 1;
          for (const id of new Set(flagged.map((f) => f.ruleId))) stats.fpRules.set(id, (stats.fpRules.get(id) ?? 0) + 1);
          if (flagged.length === 0 && verdict.profileAlone) stats.cleanProfileAlone.push({ document, profile: verdict.profileAlone });
        }
        // THEN a granting policy is never clean
        if (grant && flagged.length === 0) {
          throw new Error(
            `the oracle allows ${grant.action} on ${grant.requests.map((r) => r.resource).join(" and ")} (${grant.kind} call of ${grant.model}), ` +
              `but the gate reports no finding >= medium; findings: ` +
              JSON.stringify(findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message }))),
          );
        }
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );

    const seconds = (Date.now() - started) / 1000;
    const smallest = [...stats.cleanProfileAlone].sort((x, y) => JSON.stringify(x.document).length - JSON.stringify(y.document).length)[0];
    console.log(
      [
        `gate property (seed ${SEED}): ${stats.policies} policies, ${stats.evaluations} oracle evaluations ` +
          `(at most ${PATHS.reduce((n, p) => n + p.requests.length, 0)} per policy), ${seconds.toFixed(1)} s`,
        `  oracle: an unapproved model is invocable under ${stats.granting} ` +
          `(first path found: direct ${stats.grantingByKind.direct}, profile ${stats.grantingByKind.profile}); gate flags ${stats.grantingFlagged} of them (must be all)`,
        `  oracle: nothing unapproved invocable under ${stats.notGranting}; gate still flags ${stats.notGrantingFlagged} ` +
          `(${pct(stats.notGrantingFlagged, stats.notGranting)}), ${stats.notGrantingFlaggedAsGrant} of them with MG-0009/MG-0010 ` +
          `(${pct(stats.notGrantingFlaggedAsGrant, stats.notGranting)}); rules >= medium on these: ${fmtRules(stats.fpRules)}`,
        `  clean policies that allow an unapproved profile ARN on its own (its FM stays denied, so no call succeeds): ` +
          `${stats.cleanProfileAlone.length}${smallest ? `; smallest: ${JSON.stringify(smallest.document)} allows ${smallest.profile}` : ""}`,
      ].join("\n"),
    );

    // AND the generator exercised both sides of the property, so it cannot pass vacuously
    expect(stats.granting).toBeGreaterThanOrEqual(NUM_RUNS / 5);
    expect(stats.notGranting).toBeGreaterThanOrEqual(NUM_RUNS / 10);
    expect(stats.grantingByKind.direct).toBeGreaterThan(0);
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
