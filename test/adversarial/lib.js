// Building blocks for the adversarial corpus: `terraform show -json` plans (format_version 1.2, Terraform
// 1.11.4) written by hand but with the shape Terraform gives them (internal/command/jsonplan):
// - an unknown attribute is dropped from `after` (null inside a list) and marked `true` in `after_unknown`;
//   known lists show as arrays of `false`, known objects as `{}` (known leaves are omitted);
// - `after_sensitive`/`before_sensitive` mirror the value (unknown maps → {}, unknown lists → []),
//   `before_sensitive` is `false` on create;
// - `resource_changes` is sorted by address and flat across modules; `planned_values` nests modules;
// - `configuration` names every reference (`["aws_iam_policy.x.arn", "aws_iam_policy.x"]`) and gives constants
//   as `constant_value`; data sources read during planning appear only in `prior_state` and `configuration`.
"use strict";

const TERRAFORM_VERSION = "1.11.4";
const AWS = "registry.terraform.io/hashicorp/aws";
const AWSCC = "registry.terraform.io/hashicorp/awscc";
const FORK = "registry.example.com/acme/aws";
const TOFU = "registry.opentofu.org/hashicorp/aws";

/** Unknown ("known after apply") markers: a primitive, a list/set, a map/object. */
const U = Object.freeze({ $unknown: "value" });
const UL = Object.freeze({ $unknown: "list" });
const UM = Object.freeze({ $unknown: "map" });
const isUnknown = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && "$unknown" in v;

/** A reference in configuration; `value` is what the plan knows about it (U when the target is being created). */
function ref(address, attr, value = U) {
  return { $ref: [`${address}.${attr}`, address], value };
}
/** A reference to a variable. */
function varRef(name, value) {
  return { $ref: [`var.${name}`], value };
}
const isRef = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && "$ref" in v;

/** Resolve references to their planned values (keeps U markers). */
function resolve(v) {
  if (isRef(v)) return resolve(v.value);
  if (Array.isArray(v)) return v.map(resolve);
  if (v !== null && typeof v === "object" && !isUnknown(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
  return v;
}

/** Object entries in key order: Terraform marshals cty objects with sorted attribute names. */
const sorted = (o) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The value as `after`/`planned_values` show it: unknowns dropped from objects, null in lists. */
function known(v) {
  if (Array.isArray(v)) return v.map((x) => (isUnknown(x) ? null : known(x)));
  if (v !== null && typeof v === "object") {
    const out = {};
    for (const [k, x] of sorted(v)) if (!isUnknown(x)) out[k] = known(x);
    return out;
  }
  return v;
}

function unknownAsBool(v) {
  if (v === null) return false;
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.map(unknownAsBool);
  if (typeof v === "object") {
    const out = {};
    for (const [k, x] of sorted(v)) {
      const b = unknownAsBool(x);
      if (b !== false) out[k] = b;
    }
    return out;
  }
  return false;
}

function sensitiveAsBool(v) {
  if (v === null) return false;
  if (isUnknown(v)) return v.$unknown === "list" ? [] : v.$unknown === "map" ? {} : false;
  if (Array.isArray(v)) return v.map(sensitiveAsBool);
  if (typeof v === "object") {
    const out = {};
    for (const [k, x] of sorted(v)) {
      const b = sensitiveAsBool(x);
      if (b !== false) out[k] = b;
    }
    return out;
  }
  return false;
}

/** Configuration expressions for the attributes a user wrote: constants and references. */
function expressions(set, { blocks = true } = {}) {
  const out = {};
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined) continue;
    if (isRef(v)) out[k] = { references: v.$ref };
    else if (Array.isArray(v) && v.some(isRef)) out[k] = { references: v.filter(isRef).flatMap((r) => r.$ref) };
    else if (blocks && Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === "object" && !isUnknown(x))) {
      // nested blocks: one expressions object per block
      out[k] = v.map((b) => expressions(b));
    } else out[k] = { constant_value: known(resolve(v)) };
  }
  // Go marshals the expressions map with sorted keys.
  return Object.fromEntries(sorted(out));
}

/**
 * Defaults (optional arguments left unset → null or the provider default) and computed attributes
 * (unknown on create) of the resource types the corpus uses, from the hashicorp/aws 6.x and awscc 1.x schemas.
 */
const TYPES = {
  aws_iam_policy: { defaults: { description: null, path: "/", tags: null }, computed: { arn: U, attachment_count: U, id: U, name_prefix: U, policy_id: U, tags_all: UM } },
  aws_iam_role: {
    defaults: { description: null, force_detach_policies: false, max_session_duration: 3600, path: "/", permissions_boundary: null, tags: null },
    computed: { arn: U, create_date: U, id: U, inline_policy: UL, managed_policy_arns: UL, name_prefix: U, tags_all: UM, unique_id: U },
  },
  aws_iam_role_policy: { defaults: {}, computed: { id: U, name_prefix: U } },
  aws_iam_user_policy: { defaults: {}, computed: { id: U, name_prefix: U } },
  aws_iam_group_policy: { defaults: {}, computed: { id: U, name_prefix: U } },
  aws_iam_role_policy_attachment: { defaults: {}, computed: { id: U } },
  aws_iam_user_policy_attachment: { defaults: {}, computed: { id: U } },
  aws_iam_group_policy_attachment: { defaults: {}, computed: { id: U } },
  aws_iam_policy_attachment: { defaults: { groups: null, roles: null, users: null }, computed: { id: U } },
  aws_iam_role_policy_attachments_exclusive: { defaults: {}, computed: {} },
  aws_ssoadmin_permission_set: { defaults: { description: null, relay_state: null, session_duration: "PT1H", tags: null }, computed: { arn: U, created_date: U, id: U, tags_all: UM } },
  aws_ssoadmin_managed_policy_attachment: { defaults: {}, computed: { id: U, managed_policy_name: U } },
  aws_ssoadmin_customer_managed_policy_attachment: { defaults: {}, computed: { id: U } },
  aws_ssoadmin_permission_set_inline_policy: { defaults: {}, computed: { id: U } },
  aws_s3_bucket_policy: { defaults: {}, computed: { id: U } },
  aws_organizations_policy: { defaults: { description: null, skip_destroy: null, tags: null, type: "SERVICE_CONTROL_POLICY" }, computed: { arn: U, id: U, tags_all: UM } },
  aws_organizations_policy_attachment: { defaults: { skip_destroy: null }, computed: { id: U } },
  aws_organizations_account: {
    defaults: { close_on_deletion: null, create_govcloud: null, iam_user_access_to_billing: null, role_name: null, tags: null },
    computed: { arn: U, govcloud_id: U, id: U, joined_method: U, joined_timestamp: U, state: U, status: U, tags_all: UM },
  },
  aws_organizations_organizational_unit: { defaults: { tags: null }, computed: { accounts: UL, arn: U, id: U, tags_all: UM } },
  aws_organizations_organization: { defaults: {}, computed: {} },
  awscc_iam_managed_policy: {
    defaults: {},
    computed: { description: U, groups: UL, id: U, managed_policy_name: U, path: U, policy_arn: U, roles: UL, users: UL },
  },
  awscc_iam_role: {
    defaults: {},
    computed: { arn: U, description: U, id: U, managed_policy_arns: UL, max_session_duration: U, path: U, permissions_boundary: U, policies: UL, role_id: U, role_name: U, tags: UL },
  },
  awscc_organizations_policy: { defaults: {}, computed: { arn: U, aws_managed: U, description: U, id: U, policy_id: U, tags: UL, target_ids: UL } },
};

function splitAddress(address) {
  // module.a["x"].module.b.aws_t.n[0] → {module: 'module.a["x"].module.b', type, name, index}
  const m = /^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?\.)*)(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[(.+)\])?$/.exec(address);
  if (!m) throw new Error(`bad address ${address}`);
  const [, modDot, data, type, name, idx] = m;
  const mod = modDot ? modDot.slice(0, -1) : undefined;
  const index = idx === undefined ? undefined : idx.startsWith('"') ? JSON.parse(idx) : Number(idx);
  return { module: mod, mode: data ? "data" : "managed", type, name, index };
}

/**
 * One resource instance in a plan.
 * - `set`: the arguments the user wrote (constants, ref()s); `after` = defaults + set + computed.
 * - `state`: the prior state (for update / delete / no-op / replace); computed values come from it on update.
 * - `actions`: default create (or no-op when `state` is given and `set` is absent).
 * - `after`: override the whole after object (rarely needed).
 * - `config`: extra configuration fields (count_expression, for_each_expression); `inConfig: false` for deletes.
 */
function resource(address, { set, state, actions, provider = AWS, config = {}, after, afterPatch, actionReason, replacePaths, schemaVersion = 0 } = {}) {
  const { module, mode, type, name, index } = splitAddress(address);
  const t = TYPES[type] ?? { defaults: {}, computed: {} };
  const before = state === undefined ? null : state;
  const acts = actions ?? (state === undefined ? ["create"] : set === undefined ? ["no-op"] : ["update"]);
  let aft;
  if (acts.length === 1 && acts[0] === "delete") aft = null;
  else if (after !== undefined) aft = after;
  else if (acts.includes("create") || acts[0] === "read") aft = { ...t.defaults, ...t.computed, ...resolve(set ?? {}) };
  else aft = { ...before, ...resolve(set ?? {}) };
  if (afterPatch && aft) aft = { ...aft, ...afterPatch };
  const configSet = set ?? (before ? Object.fromEntries(Object.keys(before).filter((k) => !(k in t.computed) && before[k] !== null && !(k in t.defaults && t.defaults[k] === before[k])).map((k) => [k, before[k]])) : {});
  return {
    address,
    module,
    mode,
    type,
    name,
    index,
    provider,
    actions: acts,
    before,
    after: aft,
    actionReason,
    replacePaths,
    schemaVersion,
    inConfig: !(acts.length === 1 && (acts[0] === "delete" || acts[0] === "forget")),
    // awscc (a plugin-framework provider) has nested attributes, not blocks: a list of objects is one constant.
    configExpressions: expressions(configSet, { blocks: !provider.endsWith("/awscc") }),
    config,
  };
}

/** A data source read while planning: only in prior_state (values) and configuration. */
function dataRead(address, { values, set, provider = AWS }) {
  const { module, type, name, index } = splitAddress(address);
  return { address, module, mode: "data", type, name, index, provider, values, configExpressions: expressions(set ?? {}), config: {}, readAtPlan: true };
}

function rcOf(r) {
  const rc = { address: r.address };
  if (r.module) rc.module_address = r.module;
  Object.assign(rc, { mode: r.mode, type: r.type, name: r.name });
  if (r.index !== undefined) rc.index = r.index;
  rc.provider_name = r.provider;
  rc.change = {
    actions: r.actions,
    before: r.before === null ? null : known(r.before),
    after: r.after === null ? null : known(r.after),
    after_unknown: r.after === null ? {} : unknownAsBool(r.after),
    before_sensitive: r.before === null ? false : sensitiveAsBool(r.before),
    after_sensitive: r.after === null ? false : sensitiveAsBool(r.after),
  };
  if (r.replacePaths) rc.change.replace_paths = r.replacePaths;
  if (r.actionReason) rc.action_reason = r.actionReason;
  return rc;
}

function moduleTree(entries, valueOf) {
  const root = { resources: [], child_modules: new Map() };
  for (const e of entries) {
    let node = root;
    if (e.module) {
      const parts = e.module.match(/module\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?/g);
      let prefix = "";
      for (const p of parts) {
        prefix = prefix ? `${prefix}.${p}` : p;
        if (!node.child_modules.has(prefix)) node.child_modules.set(prefix, { resources: [], child_modules: new Map() });
        node = node.child_modules.get(prefix);
      }
    }
    node.resources.push(valueOf(e));
  }
  const out = (node, address) => {
    const o = {};
    // Terraform omits an empty resources list (omitempty).
    if (node.resources.length > 0) o.resources = node.resources.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    if (address) o.address = address;
    if (node.child_modules.size > 0) o.child_modules = [...node.child_modules.entries()].sort().map(([a, n]) => out(n, a));
    if (address) return { ...(o.resources ? { resources: o.resources } : {}), address, ...(o.child_modules ? { child_modules: o.child_modules } : {}) };
    return o;
  };
  return out(root);
}

function stateResource(address, r, values) {
  const v = { address, mode: r.mode, type: r.type, name: r.name };
  if (r.index !== undefined) v.index = r.index;
  Object.assign(v, { provider_name: r.provider, schema_version: r.schemaVersion ?? 0, values: known(values), sensitive_values: sensitiveAsBool(values) || {} });
  return v;
}

function providerKey(provider) {
  return provider.endsWith("/awscc") ? "awscc" : "aws";
}

function configuration(entries) {
  const providers = new Map();
  const root = { resources: [], module_calls: {} };
  const seen = new Set();
  for (const e of entries) {
    if (e.inConfig === false) continue;
    const key = providerKey(e.provider);
    providers.set(key, e.provider);
    const cfgAddress = `${e.mode === "data" ? "data." : ""}${e.type}.${e.name}`;
    const uniq = `${e.module ?? ""}|${cfgAddress}`;
    if (seen.has(uniq)) continue;
    seen.add(uniq);
    const c = { address: cfgAddress, mode: e.mode, type: e.type, name: e.name, provider_config_key: key, expressions: e.configExpressions, schema_version: 0, ...e.config };
    let node = root;
    if (e.module) {
      for (const part of e.module.match(/module\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?/g)) {
        const name = /^module\.([A-Za-z0-9_-]+)/.exec(part)[1];
        node.module_calls[name] ??= { source: `./modules/${name}`, module: { resources: [], module_calls: {} } };
        if (/\[/.test(part) && !node.module_calls[name].for_each_expression) {
          node.module_calls[name].for_each_expression = { references: ["local.teams"] };
        }
        node = node.module_calls[name].module;
      }
    }
    node.resources.push(c);
  }
  const tidy = (m) => {
    m.resources.sort((a, b) => (a.address < b.address ? -1 : 1));
    if (Object.keys(m.module_calls).length === 0) delete m.module_calls;
    else for (const call of Object.values(m.module_calls)) tidy(call.module);
    return m;
  };
  const provider_config = {};
  for (const [key, full] of [...providers.entries()].sort()) {
    provider_config[key] = { name: key, full_name: full, expressions: { region: { constant_value: "us-east-1" } } };
  }
  return { provider_config, root_module: tidy(root) };
}

/**
 * A whole plan. `entries`: resource() and dataRead() results. Options: `variables` ({name: value}),
 * `omitResourceChanges` (planned_values only, as some tools emit), `extra` (more top-level keys), `outsideTarget`
 * (addresses a `-target` plan leaves in the prior state), `awsProvider` (expressions of the aws provider block).
 */
function plan(entries, { variables, omitResourceChanges = false, outsideTarget = [], awsProvider } = {}) {
  // `terraform plan -target`: resources outside the targets stay in the prior state and the configuration only
  const outside = new Set(outsideTarget);
  const managed = entries.filter((e) => !e.readAtPlan);
  const targeted = managed.filter((e) => !outside.has(e.address));
  const reads = entries.filter((e) => e.readAtPlan);
  const p = { format_version: "1.2", terraform_version: TERRAFORM_VERSION };
  if (variables) p.variables = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, { value: v }]));
  p.planned_values = {
    root_module: moduleTree(
      targeted.filter((e) => e.after !== null),
      (e) => {
        const v = stateResource(e.address, e, e.after);
        return v;
      },
    ),
  };
  if (!omitResourceChanges) p.resource_changes = targeted.map(rcOf).sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const prior = [...managed.filter((e) => e.before !== null).map((e) => ({ ...e, priorValues: e.before })), ...reads.map((e) => ({ ...e, priorValues: e.values }))];
  if (prior.length > 0) {
    p.prior_state = {
      format_version: "1.0",
      terraform_version: TERRAFORM_VERSION,
      values: { root_module: moduleTree(prior, (e) => stateResource(e.address, e, e.priorValues)) },
    };
  }
  p.configuration = configuration(entries);
  // the aws provider's own arguments (allowed_account_ids, assume_role), as the configuration shows constants
  if (awsProvider && p.configuration.provider_config.aws) Object.assign(p.configuration.provider_config.aws.expressions, awsProvider);
  if (variables) p.configuration.root_module.variables = Object.fromEntries(Object.keys(variables).map((k) => [k, {}]));
  // As Terraform 1.11 does: every resource attribute an expression refers to.
  const relevant = new Map();
  const walk = (x) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (x === null || typeof x !== "object") return;
    if (Array.isArray(x.references)) {
      for (const r of x.references) {
        const m = /^((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)/.exec(r);
        if (m && !r.startsWith("var.") && !r.startsWith("each.") && !r.startsWith("count.") && !r.startsWith("local.")) relevant.set(`${m[1]}|${m[2]}`, { resource: m[1], attribute: [m[2]] });
      }
      return;
    }
    Object.values(x).forEach(walk);
  };
  walk(p.configuration.root_module);
  if (relevant.size > 0) p.relevant_attributes = [...relevant.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  p.timestamp = "2026-11-29T06:00:00Z";
  p.applyable = true;
  p.complete = true;
  p.errored = false;
  return p;
}

module.exports = { AWS, AWSCC, FORK, TOFU, TERRAFORM_VERSION, U, UL, UM, ref, varRef, resource, dataRead, plan, known, unknownAsBool, sensitiveAsBool };
