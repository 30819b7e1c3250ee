/**
 * Semantic proof of the renderer by an independent evaluator (issue #2 item 6).
 *
 * What is under test is the real synthesized output: each config is rendered by buildApp (the function `cdktf synth`
 * runs), synthesized into a temp directory, and the policy strings are read back out of every stack's cdk.tf.json
 * (aws_organizations_policy.content + attachments for the SCPs; aws_iam_policy.policy + role/group attachments for
 * IAM). Requests are judged by test/support/iam-oracle.ts (iam-simulate), with the SCPs attached at each level of the
 * account's organization path (root, OU chain, account, FullAWSAccess beside them) plus the account's IAM policies.
 *
 * What is expected is derived from the config as written (the raw YAML object), never from the renderer or the
 * resolved config: an account's approved models, geographies and Regions are the intersection of every level from
 * the root down to it (a level that leaves a key out inherits it; geographies left out at the top mean none).
 *
 * The renderer's contract on Regions (policies/approved-arns.ts, issue #2): foundation-model ARNs keep a `*` Region,
 * because a profile call routes to the foundation model in destination Regions the account does not choose, so an
 * approved model's FM ARN is allowed in EVERY Region; system inference-profile ARNs are narrowed (in account IAM) to
 * the configured source Regions, so a profile call from any other Region is denied.
 *
 * The oracle rejects the Region-less global FM ARN `arn:aws:bedrock:::foundation-model/ID`; that form is covered
 * below by a direct evaluation of the rendered ARN patterns with an IAM wildcard matcher written here.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { loadCatalog } from "../../catalog";
import { parseConfig } from "../../config";
import { isModelgateError } from "../../core/errors";
import { buildApp } from "../../stacks";
import { SUBSCRIBER_ROLE, globToRegExp, validConfig, type RawAllowList, type RawConfig, type RawModelEntry } from "../support/config-arbitraries";
import { evaluate, foundationModelArn, inferenceProfileArn, type Decision, type OracleRequest, type ProfilePrefix } from "../support/iam-oracle";

const catalog = loadCatalog();
const EXAMPLE = join(__dirname, "../../examples/organization/modelgate.yaml");
/** Written here, not imported from policies/, so a renamed action in the renderer cannot silently follow. */
const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;
const CALLED_VIA_BEDROCK = { "aws:CalledViaLast": "bedrock.amazonaws.com" } as const;
const UNKNOWN_PRODUCT = "prod-notapproved00";
/** Source Regions to try when the config leaves Regions open ("any Region"). */
const ANY_REGION_SAMPLE = ["us-east-1", "eu-west-1", "ap-northeast-1"];
/** Regions outside every generated allow-list: a destination Region for FM ARNs, a forbidden source for profiles. */
const OUTSIDE_REGIONS = ["sa-east-1", "ca-central-1"];

// ---------------------------------------------------------------------------------------------------------------
// Expected: from the config as written.
// ---------------------------------------------------------------------------------------------------------------

interface Expected {
  /** Approved catalog models (exact IDs and what literal wildcards match today). */
  readonly models: ReadonlySet<string>;
  readonly geographies: ReadonlySet<string>;
  /** null: any Region. */
  readonly regions: ReadonlySet<string> | null;
  /** aws-marketplace:ProductId values of approved Marketplace-backed models. */
  readonly productIds: ReadonlySet<string>;
  /** Every model some level of this account's path mentions (approved or narrowed away): the closest negatives. */
  readonly mentioned: ReadonlySet<string>;
}

type RawAccount = RawConfig["accounts"][number];

/** The levels from the root down to the account: [organization target ID, what that level declares]. */
function pathOf(raw: RawConfig, account: RawAccount): Array<{ id: string; own: RawAllowList | undefined }> {
  const ous = raw.targets?.ous ?? [];
  const up: Array<{ id: string; own: RawAllowList | undefined }> = [];
  for (let cur = account.ou; cur !== "root"; ) {
    const ou = ous.find((o) => o.id === cur);
    if (!ou) throw new Error(`test bug: OU ${cur} not in config`);
    const { id: _id, name: _name, parent, ...own } = ou;
    up.unshift({ id: ou.id, own });
    cur = parent;
  }
  return [{ id: raw.organization.rootId, own: raw.targets?.root }, ...up, { id: account.id, own: account.allowList }];
}

function expandEntry(entry: RawModelEntry): string[] {
  const pattern = typeof entry === "string" ? entry : entry.pattern;
  const re = globToRegExp(pattern);
  return catalog.models.filter((m) => re.test(m.id)).map((m) => m.id);
}

function intersect<T>(a: ReadonlySet<T>, b: Iterable<T>): Set<T> {
  const bs = new Set(b);
  return new Set([...a].filter((x) => bs.has(x)));
}

function expectedFor(raw: RawConfig, account: RawAccount): Expected {
  let models: Set<string> | null = null;
  let geographies: Set<string> | null = null;
  let regions: Set<string> | null = null;
  const mentioned = new Set<string>();
  for (const { own } of pathOf(raw, account)) {
    if (!own || (own.models === undefined && own.geographies === undefined && own.regions === undefined && own.deny === undefined)) continue;
    if (own.models !== undefined) {
      const here = own.models.flatMap(expandEntry);
      here.forEach((id) => mentioned.add(id));
      models = models === null ? new Set(here) : intersect(models, here);
    }
    // The first level that restricts anything sets the geographies; leaving them out there means none.
    geographies = geographies === null ? new Set(own.geographies ?? []) : own.geographies ? intersect(geographies, own.geographies) : geographies;
    if (own.regions !== undefined) regions = regions === null ? new Set(own.regions) : intersect(regions, own.regions);
  }
  if (models === null || geographies === null) throw new Error(`test bug: no level approves models for ${account.name}`);
  const productIds = new Set<string>();
  for (const id of models) {
    const m = catalog.get(id);
    if (m?.marketplace === true && m.productId !== null) productIds.add(m.productId);
  }
  return { models, geographies, regions, productIds, mentioned };
}

// ---------------------------------------------------------------------------------------------------------------
// Actual: the synthesized stacks.
// ---------------------------------------------------------------------------------------------------------------

type TfResources = Record<string, Record<string, Record<string, unknown>>>;
interface TfStack {
  readonly provider?: { aws?: Array<{ allowed_account_ids?: string[] }> };
  readonly resource?: TfResources;
}

interface Synthesized {
  /** Organizations target ID → SCP documents attached to it. */
  readonly scps: ReadonlyMap<string, readonly string[]>;
  /** Account ID → principal ("role/Name" or "group/Name") → IAM policy documents attached to it. */
  readonly iam: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  readonly warnings: readonly string[];
}

/** A Terraform JSON string as the literal it stands for; an interpolation in policy text is a failure. */
function literal(value: unknown, where: string): string {
  if (typeof value !== "string") throw new Error(`${where}: expected a literal string, got ${JSON.stringify(value)}`);
  if (/(^|[^$])\$\{|(^|[^%])%\{/.test(value)) throw new Error(`${where}: policy text contains a Terraform interpolation: ${value}`);
  return value.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}

/** `${aws_iam_policy.X.arn}` → X */
function reference(value: unknown, type: string, attribute: string, where: string): string {
  const m = typeof value === "string" ? new RegExp(`^\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.${attribute}\\}$`).exec(value) : null;
  if (!m) throw new Error(`${where}: expected a reference to ${type}.*.${attribute}, got ${JSON.stringify(value)}`);
  return m[1]!;
}

function synthesize(resolved: ReturnType<typeof parseConfig>): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), "modelgate-semantics-"));
  try {
    const built = buildApp(resolved, { outdir });
    built.app.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
    const scps = new Map<string, string[]>();
    const iam = new Map<string, Map<string, string[]>>();
    for (const [name, { synthesizedStackPath }] of Object.entries(manifest.stacks)) {
      const stack = JSON.parse(readFileSync(join(outdir, synthesizedStackPath), "utf8")) as TfStack;
      const res = stack.resource ?? {};
      for (const [id, att] of Object.entries(res.aws_organizations_policy_attachment ?? {})) {
        const policyId = reference(att.policy_id, "aws_organizations_policy", "id", `${name}: attachment ${id}`);
        const policy = res.aws_organizations_policy?.[policyId];
        if (!policy) throw new Error(`${name}: attachment ${id} names a missing policy ${policyId}`);
        const target = literal(att.target_id, `${name}: attachment ${id}.target_id`);
        scps.set(target, [...(scps.get(target) ?? []), literal(policy.content, `${name}: ${policyId}.content`)]);
      }
      if (Object.keys(res.aws_organizations_policy ?? {}).length !== Object.keys(res.aws_organizations_policy_attachment ?? {}).length) {
        throw new Error(`${name}: not every aws_organizations_policy is attached exactly once`);
      }
      const accounts = stack.provider?.aws?.[0]?.allowed_account_ids ?? [];
      if (Object.keys(res.aws_iam_policy ?? {}).length === 0) continue;
      if (accounts.length !== 1) throw new Error(`${name}: IAM stack must pin exactly one account, got ${JSON.stringify(accounts)}`);
      const principals = new Map<string, string[]>();
      const policyText = (ref: unknown, where: string) => {
        const id = reference(ref, "aws_iam_policy", "arn", where);
        return literal(res.aws_iam_policy?.[id]?.policy, `${name}: aws_iam_policy.${id}.policy`);
      };
      const add = (principal: string, doc: string) => principals.set(principal, [...(principals.get(principal) ?? []), doc]);
      for (const [id, att] of Object.entries(res.aws_iam_role_policy_attachment ?? {})) {
        const role =
          typeof att.role === "string" && att.role.startsWith("${")
            ? literal(res.aws_iam_role?.[reference(att.role, "aws_iam_role", "name", `${name}: ${id}.role`)]?.name, `${name}: ${id} role name`)
            : literal(att.role, `${name}: ${id}.role`);
        add(`role/${role}`, policyText(att.policy_arn, `${name}: ${id}`));
      }
      for (const [id, att] of Object.entries(res.aws_iam_group_policy_attachment ?? {})) {
        add(`group/${literal(att.group, `${name}: ${id}.group`)}`, policyText(att.policy_arn, `${name}: ${id}`));
      }
      iam.set(accounts[0]!, principals);
    }
    return { scps, iam, warnings: built.warnings };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// One account, ready to ask the oracle about.
// ---------------------------------------------------------------------------------------------------------------

interface Principal {
  readonly arn: string;
  readonly policies: readonly string[];
}

interface AccountUnderTest {
  readonly raw: RawAccount;
  readonly expected: Expected;
  /** SCPs per level: root, each OU down the path, the account (FullAWSAccess is added by the oracle). */
  readonly scpLevels: readonly (readonly string[])[];
  /** The principal that receives the builders' invoke policy. */
  readonly builder: Principal;
  /** designated-subscriber mode: the subscriber role. */
  readonly subscriber: Principal | null;
  /** Structural problems found while assembling (e.g. recipients with different policy sets). */
  readonly problems: readonly string[];
}

function accountsUnderTest(raw: RawConfig, synth: Synthesized): AccountUnderTest[] {
  return raw.accounts.map((account) => {
    const problems: string[] = [];
    const principals = synth.iam.get(account.id) ?? new Map<string, readonly string[]>();
    const recipients = [
      ...(account.invokePolicy.attachToRoles ?? []).map((r) => `role/${r}`),
      ...(account.invokePolicy.attachToGroups ?? []).map((g) => `group/${g}`),
      ...(account.invokePolicy.createRole ? [`role/${account.invokePolicy.createRole.name}`] : []),
    ];
    const sets = recipients.map((r) => [...(principals.get(r) ?? [])].sort());
    for (let i = 1; i < recipients.length; i++) {
      if (JSON.stringify(sets[i]) !== JSON.stringify(sets[0])) problems.push(`${account.name}: ${recipients[i]} and ${recipients[0]} receive different IAM policies`);
    }
    // A group member is a user; the oracle's caller stands in for it. Roles are called by their own ARN.
    const first = recipients[0]!;
    const builder = {
      arn: first.startsWith("role/") ? `arn:aws:iam::${account.id}:${first}` : `arn:aws:iam::${account.id}:user/builder`,
      policies: sets[0] ?? [],
    };
    const market = raw.organization.marketplace;
    const subscriber =
      market?.mode === "designated-subscriber"
        ? { arn: `arn:aws:iam::${account.id}:role/${market.subscriberRoleName}`, policies: [...(principals.get(`role/${market.subscriberRoleName}`) ?? [])] }
        : null;
    const scpLevels = pathOf(raw, account).map(({ id }) => synth.scps.get(id) ?? []);
    return { raw: account, expected: expectedFor(raw, account), scpLevels, builder, subscriber, problems };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The proofs.
// ---------------------------------------------------------------------------------------------------------------

interface Mismatch {
  readonly account: string;
  readonly model: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string>>;
  readonly principal?: string;
  readonly expected: "Allowed" | "not Allowed" | Decision;
  readonly actual: Decision;
}

/** Evaluations over the whole file, logged once at the end (oracle = iam-simulate, direct = the Region-less form). */
const totals = { oracle: 0, direct: 0 };

class Tally {
  /** Oracle evaluations. */
  evaluations = 0;
  /** Direct pattern evaluations of the Region-less global FM ARN. */
  direct = 0;
  readonly mismatches: Mismatch[] = [];

  async check(a: AccountUnderTest, req: Omit<OracleRequest, "scps" | "principalAccount">, model: string, expected: Mismatch["expected"]): Promise<void> {
    // IAM always sets aws:PrincipalArn; iam-simulate does not derive it from the principal, so it is passed here.
    const context = { ...(req.principalArn ? { "aws:PrincipalArn": req.principalArn } : {}), ...req.context };
    const actual = await evaluate({ ...req, context, scps: a.scpLevels, principalAccount: a.raw.id });
    this.evaluations++;
    totals.oracle++;
    const ok = expected === "Allowed" ? actual === "Allowed" : expected === "not Allowed" ? actual !== "Allowed" : actual === expected;
    if (!ok) {
      this.mismatches.push({
        account: a.raw.name,
        model,
        action: req.action,
        resource: req.resource,
        ...(req.context ? { context: req.context as Record<string, string> } : {}),
        ...(req.principalArn ? { principal: req.principalArn } : {}),
        expected,
        actual,
      });
    }
  }
}

interface InvokePlan {
  /** Models to try. */
  readonly models: readonly string[];
  /** Picks which allowed Regions to try (all of them, or a sample). */
  readonly sourceRegions: (allowed: readonly string[]) => readonly string[];
}

/**
 * Both invoke actions on the FM ARN (each allowed source Region plus a Region outside the list, standing for a CRIS
 * destination) and on every system profile of the model's catalog geographies, in the account's own ID, in each
 * allowed source Region plus one outside the list.
 */
async function proveInvoke(a: AccountUnderTest, plan: InvokePlan, tally: Tally): Promise<void> {
  const e = a.expected;
  const allowed = e.regions ? [...e.regions].sort() : ANY_REGION_SAMPLE;
  const outside = OUTSIDE_REGIONS.find((r) => !e.regions?.has(r)) ?? "sa-east-1";
  const regions = [...plan.sourceRegions(allowed), outside];
  const iam = { identityPolicies: a.builder.policies, principalArn: a.builder.arn };
  for (const id of plan.models) {
    const model = catalog.get(id)!;
    const approved = e.models.has(id);
    for (const action of INVOKE) {
      for (const region of regions) {
        // A mantle-only model has no bedrock foundation-model ARN; there is nothing to grant.
        const fmExpected = approved && model.hasFoundationModelArn ? "Allowed" : "not Allowed";
        await tally.check(a, { ...iam, action, resource: foundationModelArn(region, id) }, id, fmExpected);
        for (const prefix of model.profilePrefixes) {
          const ok = approved && e.geographies.has(prefix) && (e.regions === null || e.regions.has(region));
          await tally.check(a, { ...iam, action, resource: inferenceProfileArn(region, a.raw.id, prefix as ProfilePrefix, id) }, id, ok ? "Allowed" : "not Allowed");
        }
      }
    }
  }
}

/** An identity that may invoke anything (an administrator): only the SCPs stand between it and the models. */
const ALLOW_ALL_INVOKE = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [...INVOKE], Resource: "*" }] });

/**
 * The SCP chain on its own is the guardrail: under an identity that allows every invoke, both invoke actions on the FM
 * ARN and on every catalog profile (in an allowed source Region; SCPs do not carry the Region list) are Allowed
 * exactly for approved models and approved geographies. Without this, a too-permissive SCP would hide behind IAM.
 */
async function proveScpAlone(a: AccountUnderTest, models: readonly string[], tally: Tally): Promise<void> {
  const e = a.expected;
  const region = e.regions ? [...e.regions].sort()[0]! : ANY_REGION_SAMPLE[0]!;
  const admin = { identityPolicies: [ALLOW_ALL_INVOKE], principalArn: `arn:aws:iam::${a.raw.id}:role/Administrator` };
  for (const id of models) {
    const model = catalog.get(id)!;
    const approved = e.models.has(id);
    for (const action of INVOKE) {
      await tally.check(a, { ...admin, action, resource: foundationModelArn(region, id) }, id, approved && model.hasFoundationModelArn ? "Allowed" : "ExplicitlyDenied");
      for (const prefix of model.profilePrefixes) {
        const ok = approved && e.geographies.has(prefix);
        await tally.check(a, { ...admin, action, resource: inferenceProfileArn(region, a.raw.id, prefix as ProfilePrefix, id) }, id, ok ? "Allowed" : "ExplicitlyDenied");
      }
    }
  }
}

/**
 * aws-marketplace:Subscribe / ViewSubscriptions (resource "*"). Subscribe-on-first-call: the builder may Subscribe
 * exactly to approved product IDs and only with aws:CalledViaLast=bedrock.amazonaws.com. Designated subscriber: the
 * builder may not Subscribe at all (the SCP denies it even to an identity that allows everything); the subscriber role
 * may, under the same conditions.
 */
async function proveMarketplace(a: AccountUnderTest, mode: "subscribe-on-first-call" | "designated-subscriber", unapproved: readonly string[], tally: Tally): Promise<void> {
  const approved = [...a.expected.productIds].sort();
  const anyApproved = approved.length > 0;
  const subscribe = (p: Principal, context: Record<string, string>) => ({
    identityPolicies: p.policies,
    principalArn: p.arn,
    action: "aws-marketplace:Subscribe",
    resource: "*",
    context,
  });
  const view = (p: Principal, context: Record<string, string>) => ({ ...subscribe(p, context), action: "aws-marketplace:ViewSubscriptions" });
  const proveGrantee = async (p: Principal) => {
    for (const pid of approved) {
      await tally.check(a, subscribe(p, { "aws-marketplace:ProductId": pid, ...CALLED_VIA_BEDROCK }), pid, "Allowed");
      await tally.check(a, subscribe(p, { "aws-marketplace:ProductId": pid }), pid, "not Allowed");
    }
    for (const pid of [...unapproved, UNKNOWN_PRODUCT]) {
      await tally.check(a, subscribe(p, { "aws-marketplace:ProductId": pid, ...CALLED_VIA_BEDROCK }), pid, "not Allowed");
    }
    await tally.check(a, subscribe(p, { ...CALLED_VIA_BEDROCK }), "(no ProductId)", "not Allowed");
    await tally.check(a, view(p, { ...CALLED_VIA_BEDROCK }), "(any)", anyApproved ? "Allowed" : "not Allowed");
    await tally.check(a, view(p, {}), "(any)", "not Allowed");
  };

  if (mode === "subscribe-on-first-call") {
    await proveGrantee(a.builder);
    return;
  }
  // Designated subscriber: the builder's own policies grant no Subscribe or ViewSubscriptions…
  for (const pid of [...approved, UNKNOWN_PRODUCT]) {
    await tally.check(a, subscribe(a.builder, { "aws-marketplace:ProductId": pid, ...CALLED_VIA_BEDROCK }), pid, "not Allowed");
  }
  await tally.check(a, view(a.builder, { ...CALLED_VIA_BEDROCK }), "(any)", "not Allowed");
  // …and the SCP denies Subscribe to anyone but the subscriber role, whatever their IAM says.
  const allowAll = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "aws-marketplace:*", Resource: "*" }] });
  const pid = approved[0] ?? UNKNOWN_PRODUCT;
  await tally.check(a, subscribe({ ...a.builder, policies: [allowAll] }, { "aws-marketplace:ProductId": pid, ...CALLED_VIA_BEDROCK }), pid, "ExplicitlyDenied");
  await tally.check(a, subscribe({ ...a.subscriber!, policies: [allowAll] }, { "aws-marketplace:ProductId": pid, ...CALLED_VIA_BEDROCK }), pid, "Allowed");
  // The subscriber role's own policy grants exactly what the builder would get in the other mode.
  await proveGrantee(a.subscriber!);
}

// ---------------------------------------------------------------------------------------------------------------
// Region-less global FM ARN: a direct evaluation of the rendered patterns (the oracle rejects this ARN).
// ---------------------------------------------------------------------------------------------------------------

/**
 * IAM ARN matching (facts §2): `*` matches any run of characters including none, `?` exactly one character.
 * IAM documents that a `*` that ends a segment may also match across colons, so two readings are implemented:
 * - "segment": the six ARN segments are matched one by one and a `*` in the first five never crosses a colon;
 * - "spanning": the whole ARN is matched at once and every `*` may cross colons.
 * A proof that something IS allowed uses whichever reading makes access harder, a proof that something is NOT allowed
 * whichever makes it easier, so the results hold under both readings.
 */
function arnMatches(pattern: string, arn: string, reading: "segment" | "spanning"): boolean {
  if (reading === "spanning") return globToRegExp(pattern).test(arn);
  const split = (s: string) => {
    const parts = s.split(":");
    return parts.length < 6 ? null : [...parts.slice(0, 5), parts.slice(5).join(":")];
  };
  const p = split(pattern);
  const r = split(arn);
  if (!p || !r) return pattern === "*" && arn.length > 0;
  return p.every((seg, i) => {
    const body = seg.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, i < 5 ? "[^:]*" : ".*").replace(/\?/g, i < 5 ? "[^:]" : ".");
    return new RegExp(`^${body}$`).test(r[i]!);
  });
}

interface Statement {
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: unknown;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const actionMatches = (patterns: string[], action: string) => patterns.some((p) => new RegExp(globToRegExp(p.toLowerCase()).source).test(action.toLowerCase()));

/**
 * The decision for one invoke action on one resource under SCP levels + identity policies, for unconditional
 * statements only (any statement that applies to the action and carries a Condition makes this refuse).
 * `bias` "harder" / "easier" picks the matcher reading per place as explained at {@link arnMatches}.
 */
function directDecision(scpLevels: readonly (readonly string[])[], identity: readonly string[], action: string, resource: string, bias: "harder" | "easier"): Decision {
  const strict = (p: string) => arnMatches(p, resource, "segment");
  const loose = (p: string) => arnMatches(p, resource, "spanning");
  const allowMatch = bias === "harder" ? strict : loose;
  const denyMatch = bias === "harder" ? loose : strict;
  const exemptMatch = bias === "harder" ? strict : loose;
  const statements = (doc: string) => (JSON.parse(doc) as { Statement: Statement | Statement[] }).Statement;
  const applies = (s: Statement) => {
    if (s.NotAction !== undefined) throw new Error(`directDecision: NotAction is not supported: ${JSON.stringify(s)}`);
    if (!actionMatches(list(s.Action), action)) return false;
    if (s.Condition !== undefined) throw new Error(`directDecision: a conditional statement applies to ${action}: ${JSON.stringify(s)}`);
    const match = s.Effect === "Allow" ? allowMatch : denyMatch;
    return s.Resource !== undefined ? list(s.Resource).some(match) : !list(s.NotResource).some(s.Effect === "Deny" ? exemptMatch : allowMatch);
  };
  const all = [...scpLevels.flat(), ...identity].flatMap((d) => [statements(d)].flat());
  if (all.some((s) => s.Effect === "Deny" && applies(s))) return "ExplicitlyDenied";
  // FullAWSAccess sits at every SCP level, so only identity policies have to grant.
  return identity.flatMap((d) => [statements(d)].flat()).some((s) => s.Effect === "Allow" && applies(s)) ? "Allowed" : "ImplicitlyDenied";
}

/** The Region-less FM ARN of every given model, under SCPs + the builder's IAM and under SCPs + an administrator. */
function proveGlobalForm(a: AccountUnderTest, models: readonly string[], tally: Tally): void {
  const identities = [
    { principal: a.builder.arn, policies: a.builder.policies },
    { principal: `arn:aws:iam::${a.raw.id}:role/Administrator`, policies: [ALLOW_ALL_INVOKE] },
  ];
  for (const id of models) {
    const model = catalog.get(id)!;
    const approved = a.expected.models.has(id) && model.hasFoundationModelArn;
    const resource = `arn:aws:bedrock:::foundation-model/${id}`;
    for (const action of INVOKE) {
      for (const { principal, policies } of identities) {
        const actual = directDecision(a.scpLevels, policies, action, resource, approved ? "harder" : "easier");
        tally.direct++;
        totals.direct++;
        if ((actual === "Allowed") !== approved) {
          tally.mismatches.push({ account: a.raw.name, model: id, action, resource, principal, expected: approved ? "Allowed" : "not Allowed", actual });
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The example config.
// ---------------------------------------------------------------------------------------------------------------

const exampleText = readFileSync(EXAMPLE, "utf8");

function exampleWith(marketplace: RawConfig["organization"]["marketplace"]): { raw: RawConfig; accounts: AccountUnderTest[]; synth: Synthesized } {
  const raw = parseYaml(exampleText) as RawConfig;
  raw.organization.marketplace = marketplace;
  const synth = synthesize(parseConfig(stringifyYaml(raw), "modelgate.yaml"));
  return { raw, accounts: accountsUnderTest(raw, synth), synth };
}

const ALL_MODELS = catalog.models.map((m) => m.id);

afterAll(() => {
  console.log(`semantics: ${totals.oracle} oracle evaluations, ${totals.direct} direct evaluations of the Region-less FM ARN`);
});
const EVERY_REGION = { sourceRegions: (allowed: readonly string[]) => allowed };

describe("IAM wildcard matcher (used for the Region-less FM ARN): matches as IAM does on the forms that matter", () => {
  it("matches the `*` Region against the empty Region, and an empty pattern segment only against an empty segment", () => {
    // GIVEN the rendered FM pattern and a profile pattern
    const fm = "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0";
    const global = "arn:aws:bedrock:::foundation-model/amazon.nova-lite-v1:0";
    // WHEN matched under both readings
    // THEN the `*` Region covers the Region-less and the Regional form; a concrete Region does not cover the Region-less form
    for (const reading of ["segment", "spanning"] as const) {
      expect(arnMatches(fm, global, reading)).toBe(true);
      expect(arnMatches(fm, "arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0", reading)).toBe(true);
      expect(arnMatches("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0", global, reading)).toBe(false);
      expect(arnMatches("arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0", global, reading)).toBe(false);
      expect(arnMatches("arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:?", global, reading)).toBe(true);
      expect(arnMatches(fm, "arn:aws:bedrock:::foundation-model/amazon.nova-lite-v1:00", reading)).toBe(false);
    }
    // AND the readings differ exactly where IAM's "a trailing * may cross colons" matters
    expect(arnMatches("arn:aws:bedrock:*::foundation-model/x", "arn:aws:bedrock:us-east-1:123456789012::foundation-model/x", "segment")).toBe(false);
    expect(arnMatches("arn:aws:bedrock:*::foundation-model/x", "arn:aws:bedrock:us-east-1:123456789012::foundation-model/x", "spanning")).toBe(true);
  });
});

describe("Renderer (synthesized example): invoke is Allowed under the SCP chain + account IAM exactly when the config approves the model, the geography and the source Region", () => {
  let example: ReturnType<typeof exampleWith>;
  beforeAll(() => {
    example = exampleWith({ mode: "subscribe-on-first-call" });
  });

  it("assembles every account from the synthesized stacks: SCPs on its path and one policy set for all recipients", () => {
    // GIVEN the synthesized example WHEN each account's path and recipients are read back
    // THEN every recipient holds the same policies, there is at least one, and the path carries SCPs
    expect(example.accounts.map((a) => a.raw.name)).toEqual(["ml-dev", "ml-prod", "research-sandbox", "data-science"]);
    expect(example.accounts.flatMap((a) => a.problems)).toEqual([]);
    for (const a of example.accounts) {
      expect(a.builder.policies.length).toBeGreaterThan(0);
      expect(a.scpLevels.flat().length).toBeGreaterThan(0);
    }
  });

  it("derives the expected allow-lists from the config as written (spot check against the example's comments)", () => {
    // GIVEN the example WHEN expectations are derived THEN ml-prod gets Production ∩ Workloads ∩ root
    const prod = example.accounts.find((a) => a.raw.name === "ml-prod")!.expected;
    expect([...prod.models].sort()).toEqual(["amazon.nova-2-lite-v1:0", "amazon.nova-lite-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0"]);
    expect([...prod.geographies].sort()).toEqual(["eu", "us"]);
    expect([...prod.regions!].sort()).toEqual(["eu-central-1", "us-east-1"]);
    expect([...prod.productIds]).toEqual(["prod-xdkflymybwmvi"]);
  });

  it.each(["ml-dev", "ml-prod", "research-sandbox", "data-science"])(
    "account %s: every catalog model × both invoke actions × FM ARN in each Region × each profile in each Region",
    async (name) => {
      // GIVEN the account's SCP path and IAM policies from synth
      const a = example.accounts.find((x) => x.raw.name === name)!;
      const tally = new Tally();
      // WHEN every catalog model is invoked every way
      await proveInvoke(a, { models: ALL_MODELS, ...EVERY_REGION }, tally);
      // THEN the oracle allows exactly what the config approves
      expect(tally.mismatches).toEqual([]);
      expect(tally.evaluations).toBeGreaterThan(1000);
    },
  );

  it.each(["ml-dev", "ml-prod", "research-sandbox", "data-science"])(
    "account %s: the SCP chain alone (under an identity that allows every invoke) admits exactly the approved models and geographies",
    async (name) => {
      // GIVEN the account's SCP path and an administrator identity
      const a = example.accounts.find((x) => x.raw.name === name)!;
      const tally = new Tally();
      // WHEN every catalog model is invoked by FM ARN and by every catalog profile
      await proveScpAlone(a, ALL_MODELS, tally);
      // THEN only approved models and geographies pass; everything else is explicitly denied by an SCP
      expect(tally.mismatches).toEqual([]);
    },
  );
});

describe("Renderer (synthesized example): Marketplace Subscribe is Allowed only for approved product IDs and only via Bedrock", () => {
  const allProductIds = [...new Set(catalog.models.flatMap((m) => (m.productId ? [m.productId] : [])))].sort();

  it.each(["subscribe-on-first-call", "designated-subscriber"] as const)("in %s mode, for every account", async (mode) => {
    // GIVEN the example in this Marketplace mode, synthesized
    const { accounts } = exampleWith(mode === "designated-subscriber" ? { mode, subscriberRoleName: SUBSCRIBER_ROLE } : { mode });
    const tally = new Tally();
    // WHEN Subscribe and ViewSubscriptions are tried with and without CalledViaLast, for approved and unapproved products
    for (const a of accounts) {
      // (the subscriber role gets a policy exactly when the account approves a Marketplace product)
      if (mode === "designated-subscriber") expect([a.raw.name, a.subscriber!.policies.length > 0]).toEqual([a.raw.name, a.expected.productIds.size > 0]);
      await proveMarketplace(a, mode, allProductIds.filter((p) => !a.expected.productIds.has(p)), tally);
    }
    // THEN only approved products via Bedrock are allowed, and only to the designated role in that mode
    expect(tally.mismatches).toEqual([]);
    expect(tally.evaluations).toBeGreaterThan(50);
  });
});

describe("Renderer (synthesized example): the Region-less global FM ARN arn:aws:bedrock:::foundation-model/ID is covered exactly for approved models", () => {
  // The oracle (iam-simulate) rejects this ARN (`no.resource.types`, pinned in test/support/iam-oracle.test.ts), so this
  // is a direct evaluation of the rendered ARN patterns with the matcher above: SCP Deny + NotResource at each level,
  // then the IAM Allow.
  it.each(["subscribe-on-first-call", "designated-subscriber"] as const)("in %s mode: every catalog model × both invoke actions, every account", (mode) => {
    // GIVEN the synthesized example
    const { accounts } = exampleWith(mode === "designated-subscriber" ? { mode, subscriberRoleName: SUBSCRIBER_ROLE } : { mode });
    const tally = new Tally();
    // WHEN the Region-less ARN of every model is judged against the rendered patterns
    for (const a of accounts) proveGlobalForm(a, ALL_MODELS, tally);
    // THEN it passes SCPs and IAM exactly for approved models
    expect(tally.mismatches).toEqual([]);
    expect(tally.direct).toBe(accounts.length * ALL_MODELS.length * 2 * 2);
  });

  it("agrees with the oracle on Regional ARNs (so the direct evaluator is not vacuous)", async () => {
    // GIVEN one account of the synthesized example
    const { accounts } = exampleWith({ mode: "subscribe-on-first-call" });
    const disagreements: string[] = [];
    // WHEN Regional FM and profile ARNs of a few approved and unapproved models are judged by both evaluators
    for (const a of accounts) {
      for (const id of ["amazon.nova-lite-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0", "cohere.embed-v4:0", "deepseek.r1-v1:0", "meta.llama3-3-70b-instruct-v1:0"]) {
        const resources = [foundationModelArn("us-east-1", id), ...catalog.get(id)!.profilePrefixes.map((p) => inferenceProfileArn("us-east-1", a.raw.id, p as ProfilePrefix, id))];
        for (const resource of resources) {
          const oracle = await evaluate({ scps: a.scpLevels, identityPolicies: a.builder.policies, action: INVOKE[0], resource, principalAccount: a.raw.id });
          for (const bias of ["harder", "easier"] as const) {
            const direct = directDecision(a.scpLevels, a.builder.policies, INVOKE[0], resource, bias);
            if (direct !== oracle) disagreements.push(`${a.raw.name} ${resource} (${bias}): direct ${direct}, oracle ${oracle}`);
          }
        }
      }
    }
    // THEN they agree everywhere
    expect(disagreements).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Generated configs.
// ---------------------------------------------------------------------------------------------------------------

describe("Renderer (generated configs): SCP chain + account IAM allow invoke and Subscribe exactly as the config approves", () => {
  it("holds for random valid configs (sampled models and Regions)", async () => {
    const stats = { runs: 0, evaluations: 0, direct: 0, skippedForLimits: 0, strategies: new Set<string>(), designated: 0, literal: 0, rootless: 0, splitIam: 0 };
    await fc.assert(
      fc.asyncProperty(validConfig(catalog), fc.integer({ min: 0, max: 1_000_000 }), async (raw, pick) => {
        // GIVEN a random valid config, synthesized
        const yaml = stringifyYaml(raw);
        let synth: Synthesized;
        try {
          synth = synthesize(parseConfig(yaml, "generated.yaml"));
        } catch (error) {
          // An allow-list too large for AWS's limits is reported, not rendered: nothing to evaluate.
          if (isModelgateError(error) && error.code === "POLICY_LIMITS_EXCEEDED") {
            stats.skippedForLimits++;
            fc.pre(false);
          }
          throw error;
        }
        stats.runs++;
        for (const w of synth.warnings) {
          const m = /strategy "(\w+)"/.exec(w);
          if (m) stats.strategies.add(m[1]!);
        }
        const mode = raw.organization.marketplace?.mode ?? "subscribe-on-first-call";
        if (mode === "designated-subscriber") stats.designated++;
        if (yaml.includes("literal: true")) stats.literal++;
        if (raw.targets?.root === undefined) stats.rootless++;
        const accounts = accountsUnderTest(raw, synth);
        if (accounts.some((a) => a.builder.policies.length > 1)) stats.splitIam++;
        const tally = new Tally();
        const allProductIds = [...new Set(catalog.models.flatMap((m) => (m.productId ? [m.productId] : [])))];
        // WHEN a sample is evaluated by the oracle: up to 15 approved models, up to 10 that a level on the path
        // mentions but the path does not approve (the closest negatives), 10 others, one allowed source Region and
        // one outside the list; the Region-less form is judged for every catalog model (it costs nothing)
        const take = (ids: readonly string[], n: number) => (ids.length <= n ? [...ids] : Array.from({ length: n }, (_, i) => ids[(pick + i * 7919) % ids.length]!));
        for (const a of accounts) {
          const approved = [...a.expected.models].sort();
          const near = [...a.expected.mentioned].filter((id) => !a.expected.models.has(id)).sort();
          const others = ALL_MODELS.filter((id) => !a.expected.models.has(id) && !a.expected.mentioned.has(id));
          const sample = [...new Set([...take(approved, 15), ...take(near, 10), ...take(others, 10)])].sort();
          await proveInvoke(a, { models: sample, sourceRegions: (allowed) => [allowed[pick % allowed.length]!] }, tally);
          await proveScpAlone(a, sample, tally);
          const unapproved = allProductIds.filter((p) => !a.expected.productIds.has(p));
          await proveMarketplace(a, mode, [unapproved[pick % unapproved.length]!], tally);
          proveGlobalForm(a, ALL_MODELS, tally);
        }
        stats.evaluations += tally.evaluations;
        stats.direct += tally.direct;
        // THEN nothing differs from the config's meaning
        expect({ problems: accounts.flatMap((a) => a.problems), mismatches: tally.mismatches.slice(0, 20), total: tally.mismatches.length }).toEqual({
          problems: [],
          mismatches: [],
          total: 0,
        });
      }),
      { seed: 20260922, numRuns: 40, endOnFailure: true },
    );
    // Coverage of the generator, so a degenerate generator is noticed.
    expect(stats.runs).toBe(40);
    expect(stats.designated).toBeGreaterThan(0);
    expect(stats.designated).toBeLessThan(stats.runs + stats.skippedForLimits);
    expect(stats.literal).toBeGreaterThan(0);
    expect(stats.rootless).toBeGreaterThan(0);
    expect(stats.splitIam).toBeGreaterThan(0);
    expect([...stats.strategies].sort()).toEqual(["compact", "split"]);
      console.log(`semantics property: ${stats.runs} configs, ${stats.evaluations} oracle + ${stats.direct} direct evaluations, ${stats.skippedForLimits} skipped (over AWS limits), strategies ${[...stats.strategies].join(",") || "exact"}, ${stats.designated} designated-subscriber, ${stats.literal} with literal wildcards, ${stats.rootless} without a root allow-list, ${stats.splitIam} with an invoke policy split across managed policies`);
  });
});
