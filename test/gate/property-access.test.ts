/**
 * Property tests of the real gate (rego/dist/policy.wasm) against the independent IAM oracle
 * (test/support/iam-oracle.ts) for the effective-access model, issue #6 item 5:
 *
 * 1. ATTACHMENTS. A plan attaches one policy to role `app`: an AWS-managed policy by ARN (its document read from
 *    catalog/managed-policies.json, in the aws, aws-us-gov or aws-cn partition), or a random customer policy that
 *    the plan defines as aws_iam_policy, through one of five attachment resource types. Property: when the oracle
 *    says the attached document lets the role invoke an unapproved model (a direct foundation-model call, or a
 *    `us.` profile call together with its foundation-model check, exactly as test/gate/property.test.ts defines a
 *    grant), the gate reports a finding at or above medium, and one of them names the attachment resource.
 * 2. SCP UPDATES. An allow-list SCP on root r-ab12 (kept attached, no-op) is UPDATED by a random mutation. The
 *    oracle evaluates a fixed set of unapproved requests under the SCP before and after (identity policy Allow *
 *    on *; the request context carries aws:PrincipalArn, aws:RequestedRegion and aws:ViaAWSService). Property:
 *    a request by role `app` that was denied before and is allowed after means the gate reports MG-0018 at HIGH;
 *    when no request of any principal (app or the break-glass role) gets through after that did not before,
 *    the gate reports no MG-0018.
 *
 * Expectations come from the oracle only, never from the gate's own logic or from the generators.
 */
import fc from "fast-check";
import { loadCatalog, loadManagedPolicies, type ApprovedSet } from "../../catalog";
import { atLeast } from "../../core/severity";
import { evaluatePlan } from "../../gate/evaluate";
import type { Finding } from "../../gate/finding";
import { parseInputBytes, type GateInput } from "../../gate/input";
import { loadGatePolicy, type GatePolicy } from "../../gate/load-policy";
import { evaluate, foundationModelArn, inferenceProfileArn, type OracleRequest, type PolicyInput } from "../support/iam-oracle";
import { CALLER_ACCOUNT, identityPolicyArbitrary, policyPools, type PolicyDocument, type Statement } from "../support/policy-arbitraries";
import { plan, requireRealWasm } from "./wasm-helper";

const catalog = loadCatalog();

/** The approved set of test/gate/property.test.ts (what `check --config` hands the gate). */
const APPROVED_MODELS = [
  "amazon.nova-lite-v1:0",
  "amazon.nova-2-lite-v1:0",
  "anthropic.claude-sonnet-4-6",
  "anthropic.claude-haiku-4-5-20251001-v1:0",
  "meta.llama3-1-70b-instruct-v1:0",
] as const;

/** Unapproved models the oracle is asked about: neighbors of the approved ones first, then other providers. */
const PROBED_UNAPPROVED = [
  "amazon.nova-pro-v1:0",
  "amazon.nova-micro-v1:0",
  "amazon.nova-premier-v1:0",
  "anthropic.claude-sonnet-4-5-20250929-v1:0",
  "anthropic.claude-opus-4-7",
  "meta.llama3-70b-instruct-v1:0",
  "meta.llama3-1-8b-instruct-v1:0",
  "deepseek.r1-v1:0",
  "mistral.pixtral-large-2502-v1:0",
  "openai.gpt-5.6-sol",
  "qwen.qwen3-32b-v1:0",
  "writer.palmyra-x5-v1:0",
] as const;

const INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;
const PROBE_REGION = "us-east-1";
const OTHER_REGION = "eu-west-1";

const approved: ApprovedSet = {
  models: [...APPROVED_MODELS],
  productIds: APPROVED_MODELS.map((id) => catalog.get(id)?.productId).filter((p): p is string => typeof p === "string"),
};

const SEED = 20261129;
const ATTACH_RUNS = 100;
const SCP_RUNS = 120;

const blocking = (findings: readonly Finding[]): Finding[] => findings.filter((f) => atLeast(f.severity, "medium"));
const brief = (findings: readonly Finding[]): string =>
  JSON.stringify(
    findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      address: f.address,
      message: f.message,
    }))
  );
const fmtCounts = (m: Map<string, number>): string =>
  [...m.entries()]
    .sort()
    .map(([k, n]) => `${k}:${n}`)
    .join(" ") || "none";
const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);

function inputOf(value: Record<string, unknown>, file: string): GateInput {
  return parseInputBytes(Buffer.from(JSON.stringify(value)), file)[0] as GateInput;
}

/**
 * One way to invoke an unapproved model; it succeeds when the oracle allows EVERY request in it (see
 * test/gate/property.test.ts): a direct foundation-model call in us-east-1 or eu-west-1, or a `us.` profile
 * call (the profile ARN, then the foundation-model ARN with bedrock:InferenceProfileArn = the profile).
 */
interface InvokePath {
  readonly model: string;
  readonly action: string;
  readonly kind: "direct" | "profile";
  readonly region: string;
  readonly requests: readonly {
    readonly resource: string;
    readonly context?: Record<string, string>;
  }[];
}

const PATHS: readonly InvokePath[] = PROBED_UNAPPROVED.flatMap((model) =>
  INVOKE_ACTIONS.flatMap((action): InvokePath[] => {
    const paths: InvokePath[] = [
      {
        model,
        action,
        kind: "direct",
        region: PROBE_REGION,
        requests: [{ resource: foundationModelArn(PROBE_REGION, model) }],
      },
      {
        model,
        action,
        kind: "direct",
        region: OTHER_REGION,
        requests: [{ resource: foundationModelArn(OTHER_REGION, model) }],
      },
    ];
    if (catalog.get(model)?.profilePrefixes.includes("us")) {
      const profile = inferenceProfileArn(PROBE_REGION, CALLER_ACCOUNT, "us", model);
      paths.push({
        model,
        action,
        kind: "profile",
        region: PROBE_REGION,
        requests: [
          { resource: profile },
          {
            resource: foundationModelArn(PROBE_REGION, model),
            context: { "bedrock:InferenceProfileArn": profile },
          },
        ],
      });
    }
    return paths;
  })
);

// ---------------------------------------------------------------------------------------------------------------
// 1. attachments

const MANAGED_POOL = [
  "AdministratorAccess",
  "PowerUserAccess",
  "AmazonBedrockFullAccess",
  "AmazonBedrockLimitedAccess",
  "ReadOnlyAccess",
  "AmazonS3ReadOnlyAccess",
  "AmazonBedrockReadOnly",
] as const;
type ManagedName = (typeof MANAGED_POOL)[number];

const PARTITIONS = ["aws", "aws-us-gov", "aws-cn"] as const;

const ATTACH_TYPES = [
  "aws_iam_role_policy_attachment",
  "aws_iam_policy_attachment",
  "aws_iam_role.managed_policy_arns",
  "aws_iam_role_policy_attachments_exclusive",
  "aws_ssoadmin_managed_policy_attachment",
] as const;
type AttachType = (typeof ATTACH_TYPES)[number];

/** catalog/managed-policies.json, the snapshot the gate reads too (documents only: verdicts come from the oracle). */
const snapshotPolicies = loadManagedPolicies().policies;

/** The snapshot's statements of an AWS-managed policy as a policy document. */
function managedDocument(name: ManagedName): {
  Version: "2012-10-17";
  Statement: readonly unknown[];
} {
  const entry = snapshotPolicies[name];
  if (!entry) throw new Error(`catalog/managed-policies.json has no ${name}`);
  return { Version: "2012-10-17", Statement: entry.statements };
}

/**
 * What the plan attaches:
 * - managed: an AWS-managed policy by its ARN in a partition;
 * - created: a customer policy the plan creates (aws_iam_policy.p, ARN unknown until apply); the attachment's
 *   ARN is unknown too and the configuration references aws_iam_policy.p (the real plan shape);
 * - existing: a customer policy the plan keeps (no-op, ARN known) and a new attachment by that ARN, so that the
 *   attachment is the only way its text reaches anyone.
 */
type Attached =
  | {
      readonly kind: "managed";
      readonly name: ManagedName;
      readonly partition: (typeof PARTITIONS)[number];
    }
  | {
      readonly kind: "created" | "existing";
      readonly document: PolicyDocument;
    };

interface AttachCase {
  readonly attached: Attached;
  readonly via: AttachType;
}

const CUSTOMER_POLICY_ARN = `arn:aws:iam::${CALLER_ACCOUNT}:policy/p`;
const POLICY_REFS = ["aws_iam_policy.p.arn", "aws_iam_policy.p"];
const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Service: "lambda.amazonaws.com" },
      Action: "sts:AssumeRole",
    },
  ],
});

const managedArn = (name: string, partition: string): string => `arn:${partition}:iam::aws:policy/${name}`;

/** The attachment resource change (and its configuration) attaching `arn` (null: unknown until apply) to role app. */
function attachment(via: AttachType, arn: string | null): { change: Record<string, unknown>; config: Record<string, unknown> } {
  const [type, listAttr] = via === "aws_iam_role.managed_policy_arns" ? ["aws_iam_role", "managed_policy_arns"] : [via, undefined];
  const name = type === "aws_iam_role" ? "app" : "att";
  const address = `${type}.${name}`;
  let after: Record<string, unknown>;
  let attr: string;
  switch (via) {
    case "aws_iam_role_policy_attachment":
      attr = "policy_arn";
      after = { role: "app" };
      break;
    case "aws_iam_policy_attachment":
      attr = "policy_arn";
      after = { name: "att", roles: ["app"], users: null, groups: null };
      break;
    case "aws_iam_role.managed_policy_arns":
      attr = listAttr ?? "managed_policy_arns";
      after = {
        name: "app",
        path: "/",
        assume_role_policy: TRUST,
        max_session_duration: 3600,
      };
      break;
    case "aws_iam_role_policy_attachments_exclusive":
      attr = "policy_arns";
      after = { role_name: "app" };
      break;
    case "aws_ssoadmin_managed_policy_attachment":
      attr = "managed_policy_arn";
      after = {
        instance_arn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
        permission_set_arn: "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef",
      };
      break;
  }
  const list = attr === "managed_policy_arns" || attr === "policy_arns";
  const afterUnknown: Record<string, unknown> = {
    id: true,
    ...(type === "aws_iam_role" ? { arn: true, unique_id: true } : {}),
  };
  if (arn === null) afterUnknown[attr] = true;
  else after[attr] = list ? [arn] : arn;
  return {
    change: {
      address,
      mode: "managed",
      type,
      name,
      provider_name: "registry.terraform.io/hashicorp/aws",
      change: {
        actions: ["create"],
        before: null,
        after,
        after_unknown: afterUnknown,
      },
    },
    config: {
      address,
      mode: "managed",
      type,
      name,
      provider_config_key: "aws",
      expressions: {
        [attr]: arn === null ? { references: [...POLICY_REFS] } : list ? { constant_value: [arn] } : { constant_value: arn },
      },
    },
  };
}

function customerPolicy(document: PolicyDocument, existing: boolean): { change: Record<string, unknown>; config: Record<string, unknown> } {
  const text = JSON.stringify(document);
  const state = {
    name: "p",
    path: "/",
    policy: text,
    arn: CUSTOMER_POLICY_ARN,
    id: CUSTOMER_POLICY_ARN,
  };
  return {
    change: {
      address: "aws_iam_policy.p",
      mode: "managed",
      type: "aws_iam_policy",
      name: "p",
      provider_name: "registry.terraform.io/hashicorp/aws",
      change: existing
        ? { actions: ["no-op"], before: state, after: state, after_unknown: {} }
        : {
            actions: ["create"],
            before: null,
            after: { name: "p", path: "/", policy: text },
            after_unknown: { arn: true, id: true },
          },
    },
    config: {
      address: "aws_iam_policy.p",
      mode: "managed",
      type: "aws_iam_policy",
      name: "p",
      provider_config_key: "aws",
      expressions: {
        name: { constant_value: "p" },
        policy: { constant_value: text },
      },
    },
  };
}

function attachPlan(c: AttachCase): Record<string, unknown> {
  const parts =
    c.attached.kind === "managed"
      ? [attachment(c.via, managedArn(c.attached.name, c.attached.partition))]
      : [
          customerPolicy(c.attached.document, c.attached.kind === "existing"),
          attachment(c.via, c.attached.kind === "existing" ? CUSTOMER_POLICY_ARN : null),
        ];
  return {
    ...plan(parts.map((p) => p.change)),
    configuration: {
      provider_config: {
        aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws" },
      },
      root_module: { resources: parts.map((p) => p.config) },
    },
  };
}

const attachedDocument = (a: Attached): PolicyInput =>
  a.kind === "managed" ? (managedDocument(a.name) as unknown as PolicyInput) : (a.document as unknown as PolicyInput);
const attachAddress = (via: AttachType): string => (via === "aws_iam_role.managed_policy_arns" ? "aws_iam_role.app" : `${via}.att`);

interface GrantVerdict {
  readonly grant: InvokePath | undefined;
  readonly evaluations: number;
}

const grantCache = new Map<string, GrantVerdict>();

/** Asks the oracle (no SCPs) about every invoke path, stopping at the first that is allowed end to end. */
async function judgeGrant(document: PolicyInput): Promise<GrantVerdict> {
  const key = JSON.stringify(document);
  const cached = grantCache.get(key);
  if (cached) return cached;
  const statements = (document as { Statement?: unknown }).Statement;
  // a document without statements grants nothing: the oracle is asked with no identity policy at all
  const identityPolicies = Array.isArray(statements) && statements.length === 0 ? [] : [document];
  let evaluations = 0;
  let grant: InvokePath | undefined;
  for (const path of PATHS) {
    let allowed = true;
    for (const r of path.requests) {
      evaluations += 1;
      const request: OracleRequest = {
        scps: [],
        identityPolicies,
        action: path.action,
        resource: r.resource,
        principalAccount: CALLER_ACCOUNT,
        ...(r.context ? { context: r.context } : {}),
      };
      if ((await evaluate(request)) !== "Allowed") {
        allowed = false;
        break;
      }
    }
    if (allowed) {
      grant = path;
      break;
    }
  }
  const verdict = { grant, evaluations };
  grantCache.set(key, verdict);
  return verdict;
}

const pools = policyPools([...APPROVED_MODELS, ...PROBED_UNAPPROVED], APPROVED_MODELS);

const attachCaseArbitrary: fc.Arbitrary<AttachCase> = fc.oneof(
  fc.record({
    attached: fc.record({
      kind: fc.constant("managed" as const),
      name: fc.constantFrom(...MANAGED_POOL),
      partition: fc.constantFrom(...PARTITIONS),
    }),
    via: fc.constantFrom(...ATTACH_TYPES),
  }),
  fc.record({
    attached: fc.record({
      kind: fc.constantFrom("created" as const, "existing" as const),
      document: identityPolicyArbitrary(pools, APPROVED_MODELS),
    }),
    // an SSO managed-policy attachment takes AWS-managed policies only
    via: fc.constantFrom(...ATTACH_TYPES.filter((t) => t !== "aws_ssoadmin_managed_policy_attachment")),
  })
);

function describeAttach(c: AttachCase): string {
  const what =
    c.attached.kind === "managed"
      ? `${managedArn(c.attached.name, c.attached.partition)}`
      : `${c.attached.kind} customer policy ${JSON.stringify(c.attached.document)}`;
  return `${what} attached through ${c.via}`;
}

/**
 * Wasm memory for the attachment plans. These plans are a few kB, so memoryForInput() starts the gate at 32 pages,
 * but judging an attached ReadOnlyAccess (a 46 kB snapshot document read from data, not from the input) needs
 * about 1 GiB: grown on demand from 32 pages the first such evaluation took ~15 s, from 16384 pages ~1 s
 * (measured 2026-11-29; reported to the lead, since the CLI sizes memory the same way).
 */
const ATTACH_MEMORY = { initial: 16384, maximum: 65536 };

describe("gate property: an attached policy that the IAM oracle says grants an unapproved model is never reported clean", () => {
  let policy: GatePolicy;

  beforeAll(async () => {
    policy = await loadGatePolicy(requireRealWasm(), ATTACH_MEMORY);
  });

  const judge = async (c: AttachCase): Promise<{ verdict: GrantVerdict; findings: Finding[] }> => {
    const verdict = await judgeGrant(attachedDocument(c.attached));
    const findings = await evaluatePlan(inputOf(attachPlan(c), "attach-plan.json"), { catalog, approved, policy });
    return { verdict, findings };
  };

  it("has every managed policy of the pool in the snapshot, and every probed model in the catalog", () => {
    // GIVEN the managed pool and the probe list WHEN they are looked up THEN all exist
    for (const name of MANAGED_POOL) expect(Array.isArray(snapshotPolicies[name]?.statements)).toBe(true);
    for (const id of [...APPROVED_MODELS, ...PROBED_UNAPPROVED]) expect(catalog.get(id)?.id).toBe(id);
    expect(PATHS.some((p) => p.kind === "profile")).toBe(true);
  });

  it.each(["AdministratorAccess", "AmazonBedrockFullAccess"] as const)(
    "%s attached through every resource type in every partition: the oracle grants an unapproved model and the gate flags it",
    async (name) => {
      for (const via of ATTACH_TYPES) {
        for (const partition of PARTITIONS) {
          // GIVEN the AWS-managed policy attached to role app
          const c: AttachCase = {
            attached: { kind: "managed", name, partition },
            via,
          };
          // WHEN the oracle and the gate judge it
          const { verdict, findings } = await judge(c);
          // THEN the oracle says an unapproved model is invocable, and the gate reports it at or above medium on the attachment
          expect(verdict.grant).toBeDefined();
          expect({
            case: describeAttach(c),
            flagged: blocking(findings).filter((f) => f.address === attachAddress(via)).length > 0,
          }).toEqual({
            case: describeAttach(c),
            flagged: true,
          });
        }
      }
    }
  );

  it.each(["AmazonS3ReadOnlyAccess", "ReadOnlyAccess"] as const)(
    "%s attached through every resource type: the oracle grants no invoke and the gate reports nothing >= medium",
    async (name) => {
      // every resource type, partitions in turn (ReadOnlyAccess costs the gate ~0.7 s per plan: one plan per type)
      for (const [i, via] of ATTACH_TYPES.entries()) {
        for (const partition of [PARTITIONS[i % PARTITIONS.length] as (typeof PARTITIONS)[number]]) {
          // GIVEN the read-only AWS-managed policy attached to role app
          const c: AttachCase = {
            attached: { kind: "managed", name, partition },
            via,
          };
          // WHEN the oracle and the gate judge it
          const { verdict, findings } = await judge(c);
          // THEN neither finds anything to report
          expect(verdict.grant).toBeUndefined();
          expect({
            case: describeAttach(c),
            findings: brief(blocking(findings)),
          }).toEqual({ case: describeAttach(c), findings: "[]" });
        }
      }
    }
  );

  it(`GIVEN ${ATTACH_RUNS} random attachments (seed ${SEED}) THEN every one the oracle lets invoke an unapproved model has a finding >= medium`, async () => {
    const started = Date.now();
    const byKind = new Map<string, number>();
    const grantingByKind = new Map<string, number>();
    const granting = { total: 0, flagged: 0, flaggedOnAttachment: 0 };
    const notGranting = { total: 0, flagged: 0 };
    const fpRules = new Map<string, number>();
    let evaluations = 0;

    await fc.assert(
      fc.asyncProperty(attachCaseArbitrary, async (c) => {
        // WHEN the oracle judges the attached document and the gate judges the plan
        const { verdict, findings } = await judge(c);
        evaluations += verdict.evaluations;
        const flagged = blocking(findings);
        const kind = c.attached.kind === "managed" ? `managed:${c.attached.name}` : c.attached.kind;
        bump(byKind, `${kind}`);
        bump(byKind, c.via);
        if (verdict.grant) {
          granting.total += 1;
          bump(grantingByKind, c.attached.kind === "managed" ? c.attached.name : c.attached.kind);
          if (flagged.length > 0) granting.flagged += 1;
          if (flagged.some((f) => f.address === attachAddress(c.via))) granting.flaggedOnAttachment += 1;
        } else {
          notGranting.total += 1;
          if (flagged.length > 0) notGranting.flagged += 1;
          for (const id of new Set(flagged.map((f) => f.ruleId))) bump(fpRules, id);
        }
        // THEN a granting attachment is never clean
        if (verdict.grant && flagged.length === 0) {
          const g = verdict.grant;
          throw new Error(
            `${describeAttach(c)}: the oracle allows ${g.action} on ${g.requests.map((r) => r.resource).join(" and ")} (${g.kind} call of ${
              g.model
            }), ` + `but the gate reports no finding >= medium; findings: ${brief(findings)}`
          );
        }
        // AND the finding names the attachment, not only a policy resource the plan also writes (the attachment
        // is how the text reaches the role; for an existing policy it is the only way)
        if (verdict.grant && !flagged.some((f) => f.address === attachAddress(c.via))) {
          throw new Error(
            `${describeAttach(c)}: the oracle grants ${verdict.grant.model}, but no finding >= medium names ${attachAddress(
              c.via
            )}; findings: ${brief(findings)}`
          );
        }
      }),
      { seed: SEED, numRuns: ATTACH_RUNS }
    );

    const seconds = (Date.now() - started) / 1000;
    console.log(
      [
        `gate attachment property (seed ${SEED}): ${ATTACH_RUNS} plans, ${evaluations} oracle evaluations (cached per document), ${seconds.toFixed(
          1
        )} s`,
        `  drawn: ${fmtCounts(byKind)}`,
        `  oracle: an unapproved model is invocable under ${granting.total} (${fmtCounts(grantingByKind)}); gate flags ${granting.flagged} of them ` +
          `(must be all), ${granting.flaggedOnAttachment} with a finding on the attachment resource itself (must be all)`,
        `  oracle: nothing unapproved invocable under ${notGranting.total}; gate still flags ${
          notGranting.flagged
        }; rules >= medium on these: ${fmtCounts(fpRules)}`,
      ].join("\n")
    );
    // AND both sides of the property were exercised
    expect(granting.total).toBeGreaterThanOrEqual(ATTACH_RUNS / 5);
    expect(notGranting.total).toBeGreaterThanOrEqual(ATTACH_RUNS / 10);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 2. SCP updates

const ROOT = "r-ab12";
const SCP_ID = "p-allowlist01";
const APP_ROLE = `arn:aws:iam::${CALLER_ACCOUNT}:role/app`;
const BREAK_GLASS_NAME = "break-glass";
const BREAK_GLASS_ROLE = `arn:aws:iam::${CALLER_ACCOUNT}:role/${BREAK_GLASS_NAME}`;
const PRINCIPALS = [APP_ROLE, BREAK_GLASS_ROLE] as const;

/** The unapproved models the SCP property probes (a subset of PROBED_UNAPPROVED, one or two per provider). */
const SCP_MODELS = [
  "amazon.nova-pro-v1:0",
  "anthropic.claude-sonnet-4-5-20250929-v1:0",
  "meta.llama3-70b-instruct-v1:0",
  "deepseek.r1-v1:0",
  "mistral.pixtral-large-2502-v1:0",
  "openai.gpt-5.6-sol",
] as const;

const IMPORTED_MODEL_ARN = `arn:aws:bedrock:${PROBE_REGION}:${CALLER_ACCOUNT}:imported-model/abcd1234efgh`;

/**
 * A request path under the SCPs: the invoke paths of the SCP models, each as a call made directly
 * (aws:ViaAWSService false); the us-east-1 direct call also as a call an AWS service makes on the caller's
 * behalf (aws:ViaAWSService true: IAM sets the key on every request, either way); and an imported model.
 */
interface ScpPath extends InvokePath {
  readonly viaService: boolean;
}

const SCP_PATHS: readonly ScpPath[] = [
  ...PATHS.filter((p) => (SCP_MODELS as readonly string[]).includes(p.model)).flatMap((p): ScpPath[] =>
    p.kind === "direct" && p.region === PROBE_REGION
      ? [
          { ...p, viaService: false },
          { ...p, viaService: true },
        ]
      : [{ ...p, viaService: false }]
  ),
  ...INVOKE_ACTIONS.map(
    (action): ScpPath => ({
      model: "imported-model",
      action,
      kind: "direct",
      region: PROBE_REGION,
      viaService: false,
      requests: [{ resource: IMPORTED_MODEL_ARN }],
    })
  ),
];

const describePath = (p: ScpPath, principal: string): string =>
  `${p.action} by ${principal} on ${p.requests.map((r) => r.resource).join(" then ")} in ${p.region}${p.viaService ? " (via an AWS service)" : ""}`;

const INVOKE_DENY: Statement = {
  Sid: "DenyUnapprovedModels",
  Effect: "Deny",
  Action: [...INVOKE_ACTIONS],
  NotResource: APPROVED_MODELS.flatMap((m) => [`arn:aws:bedrock:*::foundation-model/${m}`, `arn:aws:bedrock:*:*:inference-profile/*.${m}`]),
};
const OTHER_DENIES: readonly Statement[] = [
  {
    Sid: "DenyMantleInference",
    Effect: "Deny",
    Action: ["bedrock-mantle:CreateInference", "bedrock-mantle:CreateFineTuningJob"],
    Resource: "*",
  },
  {
    Sid: "DenyClaudePlatform",
    Effect: "Deny",
    Action: "aws-external-anthropic:*",
    Resource: "*",
  },
];

/** An allow-list SCP as its invoke Deny, the other Denies, and where the invoke Deny sits among them. */
interface ScpModel {
  invoke: Statement;
  others: Statement[];
  invokeAt: number;
}

const BEFORE: ScpModel = {
  invoke: structuredClone(INVOKE_DENY),
  others: structuredClone([...OTHER_DENIES]),
  invokeAt: 0,
};

function scpDocument(m: ScpModel): PolicyDocument {
  const statements = [...m.others];
  statements.splice(Math.min(m.invokeAt, statements.length), 0, m.invoke);
  return { Version: "2012-10-17", Statement: statements };
}

const CONDITIONS: Readonly<Record<string, Record<string, Record<string, string>>>> = {
  "every role exempt": {
    ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/*" },
  },
  "break-glass role exempt": {
    ArnNotLike: {
      "aws:PrincipalArn": `arn:aws:iam::*:role/${BREAK_GLASS_NAME}`,
    },
  },
  "only in us-east-1": {
    StringEquals: { "aws:RequestedRegion": PROBE_REGION },
  },
  "only in eu-west-1": {
    StringEquals: { "aws:RequestedRegion": OTHER_REGION },
  },
  "except in us-east-1": {
    StringNotEquals: { "aws:RequestedRegion": PROBE_REGION },
  },
  "except in eu-west-1": {
    StringNotEquals: { "aws:RequestedRegion": OTHER_REGION },
  },
  "only direct calls": { Bool: { "aws:ViaAWSService": "false" } },
};

const EXEMPTIONS = [
  "arn:aws:bedrock:*::foundation-model/*",
  "arn:aws:bedrock:*::foundation-model/deepseek.r1-v1:0",
  "arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0",
  "arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-pro-v1:0",
  "arn:aws:bedrock:*:*:imported-model/*",
  "arn:aws:bedrock:*:*:inference-profile/*",
  "arn:aws:bedrock:*::foundation-model/meta.*",
  "arn:aws:bedrock:*::foundation-model/amazon.nova-*",
  // neutral: a narrower form of an approved model's pattern
  "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0",
] as const;

/** One edit of the allow-list, with a label for messages. */
type Mutation =
  | { readonly kind: "condition"; readonly label: keyof typeof CONDITIONS }
  | {
      readonly kind: "dropAction";
      readonly action: (typeof INVOKE_ACTIONS)[number];
    }
  | { readonly kind: "notAction" }
  | {
      readonly kind: "addExemption";
      readonly entry: (typeof EXEMPTIONS)[number];
    }
  | { readonly kind: "removeExemption"; readonly index: number }
  | { readonly kind: "reorder"; readonly seed: number }
  | { readonly kind: "renameSid"; readonly sid: string };

// weighted so that neutral or stricter updates (removals, reorders, renames, the break-glass exemption, a narrower
// approved pattern) are drawn often enough to test the second half of the property
const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(...(Object.keys(CONDITIONS) as (keyof typeof CONDITIONS)[])).map((label) => ({ kind: "condition" as const, label })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...INVOKE_ACTIONS).map((action) => ({ kind: "dropAction" as const, action })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "notAction" as const }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(...EXEMPTIONS).map((entry) => ({ kind: "addExemption" as const, entry })),
  },
  {
    weight: 3,
    arbitrary: fc.nat(20).map((index) => ({ kind: "removeExemption" as const, index })),
  },
  {
    weight: 3,
    arbitrary: fc.nat(1000).map((seed) => ({ kind: "reorder" as const, seed })),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom("AllowListOnly", "Models2026", "x").map((sid) => ({ kind: "renameSid" as const, sid })),
  }
);

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? [...v] : [v]);

function mutate(before: ScpModel, mutations: readonly Mutation[]): ScpModel {
  const m: ScpModel = structuredClone(before);
  for (const mu of mutations) {
    const s = m.invoke;
    switch (mu.kind) {
      case "condition":
        s.Condition = { ...(s.Condition ?? {}) };
        for (const [op, kv] of Object.entries(structuredClone(CONDITIONS[mu.label] ?? {}))) s.Condition[op] = { ...(s.Condition[op] ?? {}), ...kv };
        break;
      case "dropAction": {
        const key = s.Action !== undefined ? "Action" : "NotAction";
        const left = asList(s[key]).filter((a) => a !== mu.action);
        if (left.length > 0) s[key] = left;
        break;
      }
      case "notAction":
        if (s.Action !== undefined) {
          s.NotAction = s.Action;
          delete s.Action;
        }
        break;
      case "addExemption":
        if (!asList(s.NotResource).includes(mu.entry)) s.NotResource = [...asList(s.NotResource), mu.entry];
        break;
      case "removeExemption": {
        const list = asList(s.NotResource);
        if (list.length > 1) s.NotResource = list.filter((_, i) => i !== mu.index % list.length);
        break;
      }
      case "reorder": {
        const list = asList(s.NotResource);
        const rotated = list.map((_, i) => list[(i + mu.seed) % list.length] as string);
        s.NotResource = mu.seed % 2 === 0 ? rotated : rotated.reverse();
        m.invokeAt = mu.seed % (m.others.length + 1);
        if (mu.seed % 3 === 0) m.others.reverse();
        break;
      }
      case "renameSid":
        s.Sid = mu.sid;
        break;
    }
  }
  return m;
}

const describeMutation = (mu: Mutation): string => {
  switch (mu.kind) {
    case "condition":
      return `Condition ${mu.label}`;
    case "dropAction":
      return `drop ${mu.action}`;
    case "notAction":
      return "Action -> NotAction";
    case "addExemption":
      return `exempt ${mu.entry}`;
    case "removeExemption":
      return `remove exemption #${mu.index}`;
    case "reorder":
      return `reorder (${mu.seed})`;
    case "renameSid":
      return `Sid ${mu.sid}`;
  }
};

function scpPlan(before: PolicyDocument, after: PolicyDocument): Record<string, unknown> {
  const state = (doc: PolicyDocument): Record<string, unknown> => ({
    id: SCP_ID,
    arn: `arn:aws:organizations::${CALLER_ACCOUNT}:policy/o-abcdefghij/service_control_policy/${SCP_ID}`,
    name: "bedrock-approved-models",
    description: "Approved Bedrock models",
    type: "SERVICE_CONTROL_POLICY",
    skip_destroy: false,
    tags: {},
    tags_all: {},
    content: JSON.stringify(doc),
  });
  const attachmentState = {
    id: `${ROOT}:${SCP_ID}`,
    policy_id: SCP_ID,
    target_id: ROOT,
    skip_destroy: false,
  };
  const same = JSON.stringify(before) === JSON.stringify(after);
  return plan([
    {
      address: "aws_organizations_policy.allowlist",
      mode: "managed",
      type: "aws_organizations_policy",
      name: "allowlist",
      provider_name: "registry.terraform.io/hashicorp/aws",
      change: {
        actions: [same ? "no-op" : "update"],
        before: state(before),
        after: state(after),
        after_unknown: {},
      },
    },
    {
      address: "aws_organizations_policy_attachment.allowlist",
      mode: "managed",
      type: "aws_organizations_policy_attachment",
      name: "allowlist",
      provider_name: "registry.terraform.io/hashicorp/aws",
      change: {
        actions: ["no-op"],
        before: attachmentState,
        after: attachmentState,
        after_unknown: {},
      },
    },
  ]);
}

const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
const scpDecisions = new Map<string, boolean>();

/** Whether the oracle lets `principal` complete `path` under the SCP `scp` (on the root) and Allow * on *. */
async function scpAllows(scp: PolicyDocument, path: ScpPath, principal: string): Promise<boolean> {
  const text = JSON.stringify(scp);
  const key = `${text}\n${principal}\n${path.action}\n${path.viaService}\n${path.requests.map((r) => r.resource).join(" ")}`;
  const cached = scpDecisions.get(key);
  if (cached !== undefined) return cached;
  let allowed = true;
  for (const r of path.requests) {
    const decision = await evaluate({
      scps: [[text]],
      identityPolicies: [ALLOW_ALL],
      action: path.action,
      resource: r.resource,
      principalAccount: CALLER_ACCOUNT,
      principalArn: principal,
      context: {
        "aws:PrincipalArn": principal,
        "aws:RequestedRegion": path.region,
        "aws:ViaAWSService": path.viaService ? "true" : "false",
        ...(r.context ?? {}),
      },
    });
    if (decision !== "Allowed") {
      allowed = false;
      break;
    }
  }
  scpDecisions.set(key, allowed);
  return allowed;
}

interface Weakening {
  readonly path: ScpPath;
  readonly principal: string;
}

/** The first request path that `principal` can complete after and could not before, if any. */
async function firstWeakening(before: PolicyDocument, after: PolicyDocument, principal: string): Promise<Weakening | undefined> {
  for (const path of SCP_PATHS) {
    if ((await scpAllows(after, path, principal)) && !(await scpAllows(before, path, principal))) return { path, principal };
  }
  return undefined;
}

const mg0018 = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.ruleId === "MG-0018");

describe("gate property: an allow-list SCP update that the IAM oracle says lets more through is MG-0018, and only then", () => {
  let policy: GatePolicy;
  const beforeDoc = scpDocument(BEFORE);

  beforeAll(async () => {
    policy = await loadGatePolicy(requireRealWasm());
  });

  const gate = async (after: PolicyDocument): Promise<Finding[]> =>
    evaluatePlan(inputOf(scpPlan(beforeDoc, after), "scp-plan.json"), {
      catalog,
      approved,
      policy,
    });

  it("the allow-list before the plan denies every probed request of both principals, and an unchanged plan has no MG-0018", async () => {
    // GIVEN the allow-list as it is before the plan
    // WHEN the oracle evaluates every probed request, and the gate judges a plan that keeps it as it is
    const allowed: string[] = [];
    for (const principal of PRINCIPALS)
      for (const path of SCP_PATHS) if (await scpAllows(beforeDoc, path, principal)) allowed.push(describePath(path, principal));
    const findings = await gate(beforeDoc);
    // THEN nothing unapproved gets through, and the gate reports no weakening
    expect(allowed).toEqual([]);
    expect(SCP_PATHS.some((p) => p.kind === "profile")).toBe(true);
    expect(brief(mg0018(findings))).toBe("[]");
  });

  const singleVerdicts: string[] = [];
  afterAll(() => {
    if (singleVerdicts.length > 0) console.log(`single SCP updates:\n  ${singleVerdicts.join("\n  ")}`);
  });

  /** Every single mutation of the pool (removals and reorders at a few positions). */
  const SINGLE_MUTATIONS: readonly Mutation[] = [
    ...(Object.keys(CONDITIONS) as (keyof typeof CONDITIONS)[]).map((label) => ({ kind: "condition" as const, label })),
    ...INVOKE_ACTIONS.map((action) => ({
      kind: "dropAction" as const,
      action,
    })),
    { kind: "notAction" },
    ...EXEMPTIONS.map((entry) => ({ kind: "addExemption" as const, entry })),
    ...[0, 1, 5].map((index) => ({ kind: "removeExemption" as const, index })),
    ...[1, 2, 3].map((seed) => ({ kind: "reorder" as const, seed })),
    { kind: "renameSid", sid: "Models2026" },
  ];

  it.each(SINGLE_MUTATIONS.map((mu) => [describeMutation(mu), mu] as const))(
    "single update %s: MG-0018 HIGH when role app gets through, none when nothing does",
    async (_label, mu) => {
      // GIVEN the allow-list updated by one mutation
      const afterDoc = scpDocument(mutate(BEFORE, [mu]));
      // WHEN the oracle compares before and after for both principals, and the gate judges the plan
      const app = await firstWeakening(beforeDoc, afterDoc, APP_ROLE);
      const any = app ?? (await firstWeakening(beforeDoc, afterDoc, BREAK_GLASS_ROLE));
      const findings = mg0018(await gate(afterDoc));
      const verdict = app ? "app gets through" : any ? "only break-glass gets through" : "nothing gets through";
      singleVerdicts.push(
        `${describeMutation(mu)}: oracle ${verdict}; gate ${
          findings.length > 0 ? `MG-0018 ${findings.map((f) => f.severity).join(",")}` : "no MG-0018"
        }`
      );
      // THEN the gate agrees with the oracle's verdict
      if (app)
        expect({
          verdict,
          request: describePath(app.path, app.principal),
          high: findings.some((f) => f.severity === "high"),
        }).toEqual({
          verdict,
          request: describePath(app.path, app.principal),
          high: true,
        });
      else if (!any)
        expect({ verdict, findings: brief(findings) }).toEqual({
          verdict,
          findings: "[]",
        });
    }
  );

  it(`GIVEN ${SCP_RUNS} random updates of the allow-list (seed ${SEED}) THEN MG-0018 (HIGH) exactly when the oracle lets a request through that it denied before`, async () => {
    const started = Date.now();
    const stats = {
      weakenedApp: 0,
      weakenedAppFlagged: 0,
      breakGlassOnly: 0,
      breakGlassOnlyFlagged: 0,
      neutral: 0,
      neutralFlagged: 0,
    };
    const mutationsDrawn = new Map<string, number>();

    await fc.assert(
      fc.asyncProperty(fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), async (mutations) => {
        // WHEN the allow-list is updated by the mutations, the oracle compares before and after, and the gate judges the plan
        const afterDoc = scpDocument(mutate(BEFORE, mutations));
        for (const mu of mutations) bump(mutationsDrawn, mu.kind);
        const app = await firstWeakening(beforeDoc, afterDoc, APP_ROLE);
        const any = app ?? (await firstWeakening(beforeDoc, afterDoc, BREAK_GLASS_ROLE));
        const findings = mg0018(await gate(afterDoc));
        const highFindings = findings.filter((f) => f.severity === "high");
        const what = `update [${mutations.map(describeMutation).join("; ")}] gives ${JSON.stringify(afterDoc)}`;
        if (app) {
          stats.weakenedApp += 1;
          if (highFindings.length > 0) stats.weakenedAppFlagged += 1;
        } else if (any) {
          stats.breakGlassOnly += 1;
          if (findings.length > 0) stats.breakGlassOnlyFlagged += 1;
        } else {
          stats.neutral += 1;
          if (findings.length > 0) stats.neutralFlagged += 1;
        }
        // THEN a request of role app that gets through only after the plan means MG-0018 at HIGH
        if (app && highFindings.length === 0) {
          throw new Error(
            `${what}: the oracle allows ${describePath(
              app.path,
              app.principal
            )} after the plan and denied it before, but the gate reports no HIGH MG-0018; MG-0018 findings: ${brief(findings)}`
          );
        }
        // AND an update that lets no request of any principal through is not MG-0018
        if (!any && findings.length > 0) {
          throw new Error(`${what}: the oracle lets no probed request through that it denied before, but the gate reports ${brief(findings)}`);
        }
      }),
      { seed: SEED, numRuns: SCP_RUNS }
    );

    const seconds = (Date.now() - started) / 1000;
    console.log(
      [
        `gate SCP-update property (seed ${SEED}): ${SCP_RUNS} updates, ${SCP_PATHS.length} request paths x ${PRINCIPALS.length} principals, ` +
          `${scpDecisions.size} distinct oracle decisions, ${seconds.toFixed(1)} s`,
        `  mutations drawn: ${fmtCounts(mutationsDrawn)}`,
        `  oracle: role app gets through after under ${stats.weakenedApp}; gate MG-0018 HIGH on ${stats.weakenedAppFlagged} (must be all)`,
        `  oracle: only the break-glass role gets through after under ${stats.breakGlassOnly}; gate MG-0018 on ${stats.breakGlassOnlyFlagged} (no obligation)`,
        `  oracle: nothing gets through after under ${stats.neutral}; gate MG-0018 on ${stats.neutralFlagged} (must be none)`,
      ].join("\n")
    );
    // AND both sides of the property were exercised
    expect(stats.weakenedApp).toBeGreaterThanOrEqual(SCP_RUNS / 5);
    expect(stats.neutral).toBeGreaterThanOrEqual(SCP_RUNS / 10);
  });
});
