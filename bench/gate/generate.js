// Plan generator for the gate benchmark: `terraform show -json` output (format_version 1.2) with N
// policy-bearing resources, shaped like a real plan of an AWS organization that governs Bedrock models.
//
// Mix (by resource index i):
//   10% aws_organizations_policy  SCP model allow-lists (Deny invoke with NotResource, plus the mantle /
//                                 Claude Platform / API-key surfaces), each with an attachment
//   45% aws_iam_policy            invoke policies with Marketplace Subscribe statements (CalledViaLast +
//                                 ProductId), logging statements
//   45% aws_iam_role_policy       inline invoke policies, next to their aws_iam_role (not policy-bearing)
// Every 10th resource sits in a module instance (count or for_each address); actions are 45% create,
// 35% update (before + prior_state), 20% no-op, like a plan that touches part of an estate. About one resource
// in 40 carries a defect (see DEFECTS), and every plan deletes one allow-list SCP, so findings are produced.
// Padding is what real plans carry: the policy text appears in change.after, change.before (updates),
// planned_values, prior_state and (for literal policies) configuration.
"use strict";

const DEFECT_EVERY = 40;
const DEFECTS = [
  "empty-account-segment", // MG-0005 (+ MG-0007)
  "subscribe-unscoped", // MG-0015 (x2: no CalledViaLast, no ProductId)
  "broad-invoke", // bedrock:* on *
  "converse-deny", // a Deny naming bedrock:Converse, which is not an IAM action
  "trailing-comma", // not JSON
  "unknown-content", // policy computed at apply time
];

/** Deterministic PRNG (mulberry32) so every run generates the same bytes. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The models the generated policies name. `poolSize` bounds how many distinct models (hence distinct wildcard
 * ARN patterns) a plan contains; 0 = every active on-demand catalog model. See BENCHMARKS.md: OPA's wasm
 * regex cache breaks once an evaluation uses more than 100 distinct regex patterns.
 */
function modelPool(regoData, poolSize) {
  const models = regoData.modelgate.catalog.models;
  const all = Object.keys(models)
    .filter((id) => models[id].lifecycle === "ACTIVE" && models[id].hasFoundationModelArn && models[id].onDemand)
    .sort()
    .map((id) => ({ id, prefixes: models[id].profilePrefixes, productId: models[id].productId }));
  if (!poolSize || poolSize >= all.length) return all;
  // spread the pick over providers: every k-th model
  const step = all.length / poolSize;
  return Array.from({ length: poolSize }, (_, k) => all[Math.floor(k * step)]);
}

function pick(rand, pool, n) {
  const out = new Set();
  while (out.size < Math.min(n, pool.length)) out.add(pool[Math.floor(rand() * pool.length)]);
  return [...out].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function modelArns(models, { emptyAccount = false } = {}) {
  const arns = [];
  for (const m of models) {
    if (m.prefixes.length > 0) {
      arns.push(emptyAccount ? `arn:aws:bedrock:*::inference-profile/us.${m.id}` : `arn:aws:bedrock:*:*:inference-profile/*.${m.id}`);
    }
    arns.push(`arn:aws:bedrock:*::foundation-model/${m.id}`);
  }
  return arns;
}

const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];

/** An identity invoke policy: invoke on catalog models, Marketplace subscribe, read-only Bedrock, logs. */
function identityPolicy(rand, pool, i, defect, marketplace) {
  const models = pick(rand, pool, 6 + Math.floor(rand() * 6));
  const account = String(200000000000 + (i % 997));
  const statements = [
    { Sid: "AllowApprovedModelInvoke", Effect: "Allow", Action: INVOKE, Resource: modelArns(models, { emptyAccount: defect === "empty-account-segment" }) },
    { Sid: "AllowBedrockReadOnly", Effect: "Allow", Action: ["bedrock:GetFoundationModel", "bedrock:ListFoundationModels", "bedrock:GetInferenceProfile", "bedrock:ListInferenceProfiles"], Resource: "*" },
    {
      Sid: "AllowInvocationLogging",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
      Resource: [`arn:aws:logs:us-east-1:${account}:log-group:/aws/bedrock/modelinvocations:*`, `arn:aws:logs:eu-west-1:${account}:log-group:/aws/bedrock/modelinvocations:*`],
    },
    {
      Sid: "AllowPromptBucketRead",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:ListBucket"],
      Resource: [`arn:aws:s3:::team-${i}-bedrock-prompts`, `arn:aws:s3:::team-${i}-bedrock-prompts/*`],
      Condition: { StringEquals: { "aws:ResourceAccount": account } },
    },
  ];
  if (marketplace) {
    const products = models.map((m) => m.productId).filter(Boolean);
    const subscribe = { Sid: "SubscribeApprovedProductsViaBedrock", Effect: "Allow", Action: "aws-marketplace:Subscribe", Resource: "*" };
    if (defect !== "subscribe-unscoped") {
      subscribe.Condition = {
        "ForAnyValue:StringEquals": { "aws-marketplace:ProductId": products.length > 0 ? products : ["prod-xdkflymybwmvi"] },
        StringEquals: { "aws:CalledViaLast": "bedrock.amazonaws.com" },
      };
    }
    statements.push(subscribe, {
      Sid: "ManageSubscriptionsViaBedrock",
      Effect: "Allow",
      Action: ["aws-marketplace:ViewSubscriptions", "aws-marketplace:Unsubscribe"],
      Resource: "*",
      Condition: { StringEquals: { "aws:CalledViaLast": "bedrock.amazonaws.com" } },
    });
  }
  if (defect === "broad-invoke") statements.push({ Sid: "TemporaryBroadAccess", Effect: "Allow", Action: "bedrock:*", Resource: "*" });
  if (defect === "converse-deny") statements.push({ Sid: "DenyConverse", Effect: "Deny", Action: ["bedrock:Converse", "bedrock:ConverseStream"], Resource: "*" });
  return { Version: "2012-10-17", Statement: statements };
}

/** An SCP model allow-list (kept under the 5,120-character SCP limit). */
function scpPolicy(rand, pool, defect) {
  const models = pick(rand, pool, 10 + Math.floor(rand() * 6));
  const statements = [
    { Sid: "DenyInvokeExceptApproved", Effect: "Deny", Action: INVOKE, NotResource: modelArns(models) },
    { Sid: "DenyMantleInference", Effect: "Deny", Action: ["bedrock-mantle:CreateInference", "bedrock-mantle:CreateFineTuningJob"], Resource: "*" },
    { Sid: "DenyClaudePlatform", Effect: "Deny", Action: "aws-external-anthropic:*", Resource: "*" },
    {
      Sid: "DenyBedrockApiKeys",
      Effect: "Deny",
      Action: "bedrock:CallWithBearerToken",
      Resource: "*",
      Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/BedrockPlatformAdmin" } },
    },
  ];
  if (defect === "converse-deny") statements.push({ Sid: "DenyConverse", Effect: "Deny", Action: "bedrock:Converse", Resource: "*" });
  if (defect === "broad-invoke" || defect === "subscribe-unscoped") {
    statements.push({ Sid: "AllowEverything", Effect: "Allow", NotAction: "iam:CreateUser", Resource: "*" });
  }
  return { Version: "2012-10-17", Statement: statements };
}

function policyText(doc, defect, pretty) {
  let text = pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc);
  if (defect === "trailing-comma") text = text.replace(/\}\s*\]\s*\}\s*$/, "},]}");
  return text;
}

/** Shorter variant used as the prior version of an updated policy (one statement fewer). */
function priorText(doc, pretty) {
  const prior = { ...doc, Statement: doc.Statement.slice(0, Math.max(1, doc.Statement.length - 1)) };
  return pretty ? JSON.stringify(prior, null, 2) : JSON.stringify(prior);
}

/**
 * Generate a plan with `n` policy-bearing resources. Returns {plan, stats}. `regoData` is toRegoData(loadCatalog()).
 * `poolSize`: how many catalog models the policies draw from (default 20; 0 = all).
 */
function generatePlan(n, regoData, { poolSize = 20 } = {}) {
  const rand = rng(0x5eed + n);
  const pool = modelPool(regoData, poolSize);
  const resourceChanges = [];
  const rootPlanned = [];
  const rootPrior = [];
  const childPlanned = new Map(); // module address -> resources
  const childPrior = new Map();
  const rootConfig = [];
  const moduleConfig = new Map(); // config key -> resource config (one per module resource block)
  const relevant = [];
  let defects = 0;

  const add = (map, key, value) => {
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(value);
  };

  for (let i = 0; i < n; i++) {
    const r = i % 20;
    const type = r < 2 ? "aws_organizations_policy" : r < 11 ? "aws_iam_policy" : "aws_iam_role_policy";
    const defect = i % DEFECT_EVERY === 7 ? DEFECTS[Math.floor(i / DEFECT_EVERY) % DEFECTS.length] : undefined;
    if (defect) defects++;
    const a = rand();
    const action = defect ? (a < 0.5 ? "create" : "update") : a < 0.45 ? "create" : a < 0.8 ? "update" : "no-op";
    const pretty = rand() < 0.3; // heredoc-style policies keep their whitespace
    const inModule = i % 10 === 3;
    const acct = `acct-${String(i % 50).padStart(3, "0")}`;
    const moduleAddress = inModule ? `module.accounts["${acct}"]` : undefined;
    const name = type === "aws_organizations_policy" ? "bedrock_allowlist" : "bedrock_invoke";
    let address;
    let index;
    if (!inModule) {
      address = `${type}.${name}_${i}`;
    } else if (type === "aws_iam_role_policy") {
      index = i;
      address = `${moduleAddress}.${type}.${name}[${i}]`;
    } else {
      index = `team-${i}`;
      address = `${moduleAddress}.${type}.${name}["team-${i}"]`;
    }

    const doc = type === "aws_organizations_policy" ? scpPolicy(rand, pool, defect) : identityPolicy(rand, pool, i, defect, type === "aws_iam_policy");
    const text = policyText(doc, defect, pretty);
    const attr = type === "aws_organizations_policy" ? "content" : "policy";
    const id = type === "aws_organizations_policy" ? `p-${(0x1000000 + i).toString(36)}` : `ANPA${(1e15 + i * 7919).toString(36).toUpperCase()}`;
    const arnAccount = String(111122223333);
    let after;
    let afterUnknown;
    let before = null;
    const tags = { Owner: `team-${i % 37}`, CostCenter: `cc-${1000 + (i % 211)}`, ManagedBy: "terraform", Purpose: "bedrock-model-governance" };
    if (type === "aws_organizations_policy") {
      after = { content: text, description: `Bedrock model allow-list for OU ${i}`, name: `bedrock-allowlist-${i}`, skip_destroy: null, tags, tags_all: { ...tags }, type: "SERVICE_CONTROL_POLICY" };
      afterUnknown = { arn: true, id: true, tags: {}, tags_all: {} };
      if (action !== "create") {
        before = { ...after, arn: `arn:aws:organizations::${arnAccount}:policy/o-exampleorgid/service_control_policy/${id}`, id, content: action === "update" ? priorText(doc, pretty) : text };
      }
    } else if (type === "aws_iam_policy") {
      after = { description: `Bedrock invoke policy for team ${i}`, name: `bedrock-invoke-team-${i}`, name_prefix: "", path: "/bedrock/", policy: text, tags, tags_all: { ...tags } };
      afterUnknown = { arn: true, attachment_count: true, id: true, policy_id: true, tags: {}, tags_all: {} };
      if (action !== "create") {
        before = { ...after, arn: `arn:aws:iam::${arnAccount}:policy/bedrock/bedrock-invoke-team-${i}`, attachment_count: 1, id: `arn:aws:iam::${arnAccount}:policy/bedrock/bedrock-invoke-team-${i}`, policy_id: id, policy: action === "update" ? priorText(doc, pretty) : text };
      }
    } else {
      after = { name: "bedrock-invoke", name_prefix: null, policy: text, role: `team-${i}-bedrock` };
      afterUnknown = { id: true };
      if (action !== "create") before = { ...after, id: `team-${i}-bedrock:bedrock-invoke`, policy: action === "update" ? priorText(doc, pretty) : text };
    }
    if (defect === "unknown-content") {
      delete after[attr];
      afterUnknown[attr] = true;
    }
    if (action === "update") {
      // known-after-apply attributes of an update are known (they come from state)
      afterUnknown = type === "aws_iam_role_policy" ? {} : { tags: {}, tags_all: {} };
      for (const k of ["arn", "id", "attachment_count", "policy_id"]) if (k in before) after[k] = before[k];
      if (defect === "unknown-content") afterUnknown[attr] = true;
    }
    const rc = {
      address,
      ...(moduleAddress ? { module_address: moduleAddress } : {}),
      mode: "managed",
      type,
      name,
      ...(index !== undefined ? { index } : {}),
      provider_name: "registry.terraform.io/hashicorp/aws",
      change: {
        actions: [action],
        before,
        after: action === "no-op" ? before : after,
        after_unknown: action === "no-op" ? {} : afterUnknown,
        before_sensitive: before === null ? false : { tags: {}, tags_all: {} },
        after_sensitive: { tags: {}, tags_all: {} },
      },
    };
    resourceChanges.push(rc);
    const plannedValues = {};
    for (const [k, v] of Object.entries(rc.change.after)) plannedValues[k] = v;
    const planned = {
      address,
      mode: "managed",
      type,
      name,
      ...(index !== undefined ? { index } : {}),
      provider_name: rc.provider_name,
      schema_version: 0,
      values: plannedValues,
      sensitive_values: { tags: {}, tags_all: {} },
    };
    if (moduleAddress) add(childPlanned, moduleAddress, planned);
    else rootPlanned.push(planned);
    if (before) {
      const prior = { ...planned, values: before };
      if (moduleAddress) add(childPrior, moduleAddress, prior);
      else rootPrior.push(prior);
    }
    relevant.push({ resource: address, attribute: [attr] });

    // companion resources that real plans carry (not policy-bearing)
    if (type === "aws_organizations_policy") {
      const att = `aws_organizations_policy_attachment.${name}_${i}`;
      resourceChanges.push({
        address: moduleAddress ? `${moduleAddress}.${att}` : att,
        ...(moduleAddress ? { module_address: moduleAddress } : {}),
        mode: "managed",
        type: "aws_organizations_policy_attachment",
        name: `${name}_${i}`,
        provider_name: rc.provider_name,
        change: {
          actions: [action === "update" ? "no-op" : action],
          before: action === "create" ? null : { id: `ou-ab12-${String(i).padStart(8, "0")}:${id}`, policy_id: id, skip_destroy: null, target_id: `ou-ab12-${String(i).padStart(8, "0")}` },
          after: { skip_destroy: null, target_id: `ou-ab12-${String(i).padStart(8, "0")}`, ...(action === "create" ? {} : { id: `ou-ab12-${String(i).padStart(8, "0")}:${id}`, policy_id: id }) },
          after_unknown: action === "create" ? { id: true, policy_id: true } : {},
          before_sensitive: action === "create" ? false : {},
          after_sensitive: {},
        },
      });
    } else if (type === "aws_iam_role_policy" && i % 5 === 1) {
      const role = `aws_iam_role.team_${i}`;
      const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "bedrock.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": arnAccount } } }] });
      resourceChanges.push({
        address: moduleAddress ? `${moduleAddress}.${role}` : role,
        ...(moduleAddress ? { module_address: moduleAddress } : {}),
        mode: "managed",
        type: "aws_iam_role",
        name: `team_${i}`,
        provider_name: rc.provider_name,
        change: {
          actions: ["no-op"],
          before: { arn: `arn:aws:iam::${arnAccount}:role/team-${i}-bedrock`, assume_role_policy: trust, description: "", force_detach_policies: false, id: `team-${i}-bedrock`, max_session_duration: 3600, name: `team-${i}-bedrock`, path: "/", tags, tags_all: tags },
          after: { arn: `arn:aws:iam::${arnAccount}:role/team-${i}-bedrock`, assume_role_policy: trust, description: "", force_detach_policies: false, id: `team-${i}-bedrock`, max_session_duration: 3600, name: `team-${i}-bedrock`, path: "/", tags, tags_all: tags },
          after_unknown: {},
          before_sensitive: { tags: {}, tags_all: {} },
          after_sensitive: { tags: {}, tags_all: {} },
        },
      });
    }

    // configuration: one block per root resource, one per module resource block
    const literal = pretty || type === "aws_organizations_policy";
    const expressions = {
      [attr]: literal && defect !== "unknown-content" ? { constant_value: text } : { references: [`data.aws_iam_policy_document.team_${i}.json`, `data.aws_iam_policy_document.team_${i}`] },
      ...(type === "aws_iam_role_policy" ? { name: { constant_value: "bedrock-invoke" }, role: { references: [`aws_iam_role.team_${i}.name`, `aws_iam_role.team_${i}`] } } : { name: { constant_value: after.name } }),
      tags: { references: ["local.common_tags"] },
    };
    if (!inModule) {
      rootConfig.push({ address, mode: "managed", type, name, provider_config_key: "aws", expressions, schema_version: 0 });
    } else if (!moduleConfig.has(`${type}.${name}`)) {
      moduleConfig.set(`${type}.${name}`, {
        address: `${type}.${name}`,
        mode: "managed",
        type,
        name,
        provider_config_key: "accounts:aws",
        expressions: { [attr]: { references: ["data.aws_iam_policy_document.this.json", "data.aws_iam_policy_document.this"] } },
        schema_version: 0,
        ...(type === "aws_iam_role_policy" ? { count_expression: { references: ["var.team_count"] } } : { for_each_expression: { references: ["var.teams"] } }),
      });
    }
  }

  // every plan also removes one allow-list SCP (MG: allowlist_scp_removed)
  const gone = scpPolicy(rand, pool, undefined);
  resourceChanges.push({
    address: "aws_organizations_policy.legacy_allowlist",
    mode: "managed",
    type: "aws_organizations_policy",
    name: "legacy_allowlist",
    provider_name: "registry.terraform.io/hashicorp/aws",
    change: {
      actions: ["delete"],
      before: { arn: "arn:aws:organizations::111122223333:policy/o-exampleorgid/service_control_policy/p-legacy01", content: JSON.stringify(gone), description: "", id: "p-legacy01", name: "legacy-allowlist", skip_destroy: null, tags: {}, tags_all: {}, type: "SERVICE_CONTROL_POLICY" },
      after: null,
      after_unknown: {},
      before_sensitive: { tags: {}, tags_all: {} },
      after_sensitive: false,
    },
    action_reason: "delete_because_no_resource_config",
  });

  const childModules = (map) => [...map.keys()].sort().map((address) => ({ address, resources: map.get(address) }));
  const plan = {
    format_version: "1.2",
    terraform_version: "1.14.0",
    variables: { teams: { value: Array.from({ length: Math.min(n, 50) }, (_, k) => `team-${k}`) }, team_count: { value: 3 } },
    planned_values: { root_module: { resources: rootPlanned, child_modules: childModules(childPlanned) } },
    resource_changes: resourceChanges,
    prior_state: {
      format_version: "1.0",
      terraform_version: "1.14.0",
      values: { root_module: { resources: rootPrior, child_modules: childModules(childPrior) } },
    },
    configuration: {
      provider_config: { aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws", version_constraint: "~> 6.0", expressions: { region: { constant_value: "us-east-1" } } } },
      root_module: {
        resources: rootConfig,
        module_calls: {
          accounts: {
            source: "./modules/account",
            for_each_expression: { references: ["local.accounts"] },
            module: { resources: [...moduleConfig.values()], variables: { teams: {}, team_count: {} } },
          },
        },
      },
    },
    relevant_attributes: relevant,
    timestamp: "2026-11-28T10:00:00Z",
    applyable: true,
    complete: true,
    errored: false,
  };
  return { plan, stats: { resources: n, defects, resourceChanges: resourceChanges.length, models: pool.length } };
}

// The building blocks are shared with bench/gate/generate-scale.js (issue #7's realistic and policy-dense plans).
module.exports = { generatePlan, DEFECTS, DEFECT_EVERY, rng, modelPool, pick, identityPolicy, scpPolicy, policyText, priorText };
