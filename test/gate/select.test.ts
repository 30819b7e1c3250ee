import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { isModelgateError } from "../../core/errors";
import { loadSelection, selectPieces, selectionPathFor, type PlanDocument, type Selection } from "../../gate/select";
import { requireRealWasm, tempDir } from "./wasm-helper";

/** The real declaration, as tools/build-wasm.sh writes it from rego/lib/selection. */
const selection = loadSelection(selectionPathFor(requireRealWasm())) as Selection;
const ONE = { maxResources: 1, maxBytes: 1 };
const MANY = { maxResources: 1000, maxBytes: 1e9 };

function rc(address: string, type: string, after: Record<string, unknown> | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const name = address.split(".").pop()?.split("[")[0];
  return { address, mode: "managed", type, name, change: { actions: ["create"], before: null, after, after_unknown: {} }, ...extra };
}

function doc(resourceChanges: unknown[], more: Record<string, unknown> = {}): PlanDocument {
  return { plan: { format_version: "1.2", terraform_version: "1.11.4", resource_changes: resourceChanges, ...more } };
}

/** The addresses of each piece, in order. */
function addresses(pieces: PlanDocument[] | undefined): string[][] {
  return (pieces ?? []).map((p) => (p.plan.resource_changes as Array<{ address: string }>).map((r) => r.address));
}

const POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] });
const ARN = "arn:aws:iam::111122223333:policy/team";

describe("selectPieces: what the wasm is handed", () => {
  it("GIVEN a plan without resource changes THEN undefined: it is evaluated whole (MG-0023 reads planned_values)", () => {
    expect(selectPieces({ plan: { format_version: "1.2", planned_values: { root_module: {} } } }, selection)).toBeUndefined();
    expect(selectPieces(doc([]), selection)).toBeUndefined();
    expect(selectPieces(doc([null, 3]), selection)).toBeUndefined();
  });

  it("GIVEN resources the rules do not read THEN they are dropped, and one empty piece is still evaluated", () => {
    const pieces = selectPieces(doc([rc("aws_instance.web", "aws_instance", { ami: "ami-1" }), rc("aws_s3_bucket.b", "aws_s3_bucket", { bucket: "b" })]), selection);
    expect(addresses(pieces)).toEqual([[]]);
    expect(pieces?.[0]?.plan.format_version).toBe("1.2");
  });

  it("GIVEN an undeclared type with policy-like text THEN it is kept, not dropped", () => {
    const pieces = selectPieces(doc([rc("newprovider_policy.p", "newprovider_policy", { document: POLICY }), rc("aws_instance.web", "aws_instance", { ami: "x" })]), selection);
    expect(addresses(pieces)).toEqual([["newprovider_policy.p"]]);
  });

  it("GIVEN fields no rule reads THEN they are not handed over; the plan's own small fields are", () => {
    const pieces = selectPieces(
      doc([rc("aws_iam_policy.p", "aws_iam_policy", { policy: POLICY })], {
        planned_values: { root_module: { resources: [] } },
        resource_drift: [{}],
        output_changes: {},
        variables: { x: { value: 1 } },
        errored: false,
        applyable: true,
      }),
      selection,
    );
    expect(Object.keys(pieces?.[0]?.plan ?? {}).sort()).toEqual(["applyable", "errored", "format_version", "resource_changes", "terraform_version"]);
  });

  it("GIVEN variables THEN only those a provider configuration refers to are handed over (the provider's account)", () => {
    const configuration = {
      provider_config: { aws: { name: "aws", expressions: { assume_role: [{ role_arn: { references: ["var.deployer_role"] } }] } } },
      root_module: { resources: [] },
    };
    const role = { value: "arn:aws:iam::333344445555:role/ModelgateDeployer" };
    const pieces = selectPieces(
      doc([rc("aws_iam_policy.p", "aws_iam_policy", { policy: POLICY })], { configuration, variables: { deployer_role: role, big: { value: "x".repeat(1000) } } }),
      selection,
    );
    expect(pieces?.[0]?.plan.variables).toEqual({ deployer_role: role });
  });

  it("GIVEN a Terraform Cloud input THEN every piece carries the run", () => {
    const run = { id: "run-1" };
    const pieces = selectPieces({ ...doc([rc("aws_iam_policy.a", "aws_iam_policy", { policy: POLICY }), rc("aws_iam_policy.b", "aws_iam_policy", { policy: POLICY })]), run }, selection, ONE);
    expect(pieces?.map((p) => p.run)).toEqual([run, run]);
  });

  it("GIVEN unrelated policies THEN each can be a piece of its own, and pieces keep plan order", () => {
    const rcs = ["c", "a", "b"].map((n) => rc(`aws_iam_policy.${n}`, "aws_iam_policy", { name: n, policy: POLICY }));
    expect(addresses(selectPieces(doc(rcs), selection, ONE))).toEqual([["aws_iam_policy.c"], ["aws_iam_policy.a"], ["aws_iam_policy.b"]]);
    expect(addresses(selectPieces(doc(rcs), selection, MANY))).toEqual([["aws_iam_policy.c", "aws_iam_policy.a", "aws_iam_policy.b"]]);
  });

  it("GIVEN attachments of one AWS-managed policy (no plan resource defines its ARN) THEN they are not joined to each other", () => {
    const managed = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    const pieces = selectPieces(
      doc([
        rc("aws_iam_role_policy_attachment.a", "aws_iam_role_policy_attachment", { role: "a", policy_arn: managed }),
        rc("aws_iam_role_policy_attachment.b", "aws_iam_role_policy_attachment", { role: "b", policy_arn: managed }),
      ]),
      selection,
      ONE,
    );
    expect(addresses(pieces)).toEqual([["aws_iam_role_policy_attachment.a"], ["aws_iam_role_policy_attachment.b"]]);
  });

  it("GIVEN attachments indexed by count.index THEN each joins only the policy instance of its own index", () => {
    const att = (i: number): Record<string, unknown> => ({
      // a role of its own per index: attachments to one role are joined by that role (its grants are judged together)
      ...rc(`aws_iam_role_policy_attachment.a[${i}]`, "aws_iam_role_policy_attachment", { role: `r${i}` }),
      index: i,
      change: { actions: ["create"], before: null, after: { role: `r${i}` }, after_unknown: { policy_arn: true } },
    });
    const pol = (i: number): Record<string, unknown> => ({ ...rc(`aws_iam_policy.p[${i}]`, "aws_iam_policy", { policy: POLICY }), index: i });
    const configuration = {
      root_module: {
        resources: [{ address: "aws_iam_role_policy_attachment.a", mode: "managed", type: "aws_iam_role_policy_attachment", name: "a", expressions: { policy_arn: { references: ["aws_iam_policy.p", "count.index"] } } }],
      },
    };
    const pieces = selectPieces(doc([pol(0), pol(1), att(0), att(1)], { configuration }), selection, ONE);
    expect(addresses(pieces)).toEqual([
      ["aws_iam_policy.p[0]", "aws_iam_role_policy_attachment.a[0]"],
      ["aws_iam_policy.p[1]", "aws_iam_role_policy_attachment.a[1]"],
    ]);
  });

  it("GIVEN an attachment naming a policy's ARN THEN they stay together, whatever the piece size", () => {
    const pieces = selectPieces(
      doc([
        rc("aws_iam_policy.team", "aws_iam_policy", { name: "team", arn: ARN, policy: POLICY }),
        rc("aws_iam_policy.other", "aws_iam_policy", { name: "other", policy: POLICY }),
        rc("aws_iam_role_policy_attachment.a", "aws_iam_role_policy_attachment", { role: "r", policy_arn: ARN }),
      ]),
      selection,
      ONE,
    );
    expect(addresses(pieces)).toEqual([["aws_iam_policy.team", "aws_iam_role_policy_attachment.a"], ["aws_iam_policy.other"]]);
  });

  it("GIVEN an attachment naming by a known ARN a policy whose own ARN is unknown until apply THEN it joins the policies of that name", () => {
    // WHEN the plan creates policy "team" (arn unknown) and attaches arn:…:policy/path/team, and another policy
    const pieces = selectPieces(
      doc([
        rc("aws_iam_policy.team", "aws_iam_policy", { name: "team", path: "/path/", policy: POLICY }),
        rc("aws_iam_policy.other", "aws_iam_policy", { name: "other", policy: POLICY }),
        rc("aws_iam_role_policy_attachment.a", "aws_iam_role_policy_attachment", { role: "r", policy_arn: "arn:aws:iam::111122223333:policy/path/team" }),
        rc("aws_iam_role_policy_attachment.m", "aws_iam_role_policy_attachment", { role: "s", policy_arn: "arn:aws:iam::aws:policy/team" }),
      ]),
      selection,
      ONE,
    );
    // THEN the attachment goes with "team"; an AWS-managed ARN of the same name joins nothing
    expect(addresses(pieces)).toEqual([["aws_iam_policy.team", "aws_iam_role_policy_attachment.a"], ["aws_iam_policy.other"], ["aws_iam_role_policy_attachment.m"]]);
  });

  it("GIVEN a role's managed_policy_arns list and an SSO attachment by policy name THEN each joins its policy", () => {
    const pieces = selectPieces(
      doc([
        rc("aws_iam_policy.team", "aws_iam_policy", { name: "team", arn: ARN, policy: POLICY }),
        rc("aws_iam_policy.named", "aws_iam_policy", { name: "named", policy: POLICY }),
        rc("aws_iam_role.r", "aws_iam_role", { name: "r", managed_policy_arns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", ARN] }),
        rc("aws_ssoadmin_customer_managed_policy_attachment.s", "aws_ssoadmin_customer_managed_policy_attachment", {
          customer_managed_policy_reference: [{ name: "named", path: "/" }],
        }),
      ]),
      selection,
      ONE,
    );
    expect(addresses(pieces)).toEqual([
      ["aws_iam_policy.team", "aws_iam_role.r"],
      ["aws_iam_policy.named", "aws_ssoadmin_customer_managed_policy_attachment.s"],
    ]);
  });

  it("GIVEN a group membership THEN it joins the group's inline policies and attachments", () => {
    const pieces = selectPieces(
      doc([
        rc("aws_iam_group_policy.g", "aws_iam_group_policy", { group: "devs", policy: POLICY }),
        rc("aws_iam_user_group_membership.u", "aws_iam_user_group_membership", { user: "u", groups: ["ops", "devs"] }),
        rc("aws_iam_group_policy_attachment.o", "aws_iam_group_policy_attachment", { group: "ops", policy_arn: "arn:aws:iam::aws:policy/PowerUserAccess" }),
        rc("aws_iam_group_policy.x", "aws_iam_group_policy", { group: "other", policy: POLICY }),
      ]),
      selection,
      ONE,
    );
    expect(addresses(pieces)).toEqual([
      ["aws_iam_group_policy.g", "aws_iam_user_group_membership.u", "aws_iam_group_policy_attachment.o"],
      ["aws_iam_group_policy.x"],
    ]);
  });

  it("GIVEN identity providers THEN each joins the roles whose trust policies name it (by ARN, or by the name or URL its ARN is made from)", () => {
    const trust = (federated: unknown): string =>
      JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: federated }, Action: "sts:AssumeRoleWithWebIdentity" }] });
    const pieces = selectPieces(
      doc([
        rc("aws_iam_role.gh", "aws_iam_role", { name: "gh", assume_role_policy: trust("arn:aws:iam::222233334444:oidc-provider/token.actions.githubusercontent.com") }),
        rc("aws_iam_role.corp", "aws_iam_role", { name: "corp", assume_role_policy: trust(["arn:aws:iam::222233334444:saml-provider/corp"]) }),
        rc("aws_iam_role.svc", "aws_iam_role", { name: "svc", assume_role_policy: JSON.stringify({ Statement: { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" } } }) }),
        rc("aws_iam_role.bad", "aws_iam_role", { name: "bad", assume_role_policy: "not json" }),
        rc("aws_iam_openid_connect_provider.gh", "aws_iam_openid_connect_provider", { url: "https://token.actions.githubusercontent.com" }),
        rc("aws_iam_saml_provider.corp", "aws_iam_saml_provider", { name: "corp" }),
      ]),
      selection,
      ONE,
    );
    expect(addresses(pieces)).toEqual([
      ["aws_iam_role.gh", "aws_iam_openid_connect_provider.gh"],
      ["aws_iam_role.corp", "aws_iam_saml_provider.corp"],
      ["aws_iam_role.svc"],
      ["aws_iam_role.bad"],
    ]);

    // a provider the plan leaves unchanged exposes no one: it relates nothing, so the many roles of a federation
    // workspace that trust it stay in pieces of their own
    const noop = (r: Record<string, unknown>): Record<string, unknown> => ({ ...r, change: { ...(r.change as object), actions: ["no-op"], before: (r.change as { after: unknown }).after } });
    const unchanged = selectPieces(
      doc([
        rc("aws_iam_role.a", "aws_iam_role", { name: "a", assume_role_policy: trust("arn:aws:iam::1:saml-provider/corp") }),
        rc("aws_iam_role.b", "aws_iam_role", { name: "b", assume_role_policy: trust("arn:aws:iam::1:saml-provider/corp") }),
        noop(rc("aws_iam_saml_provider.corp", "aws_iam_saml_provider", { name: "corp", arn: "arn:aws:iam::1:saml-provider/corp" })),
      ]),
      selection,
      ONE,
    );
    expect(addresses(unchanged)).toEqual([["aws_iam_role.a"], ["aws_iam_role.b"], ["aws_iam_saml_provider.corp"]]);
  });

  it("GIVEN roles whose trust policies name a role, a user, a role session or (under \"*\") an aws:PrincipalArn THEN each joins what hands that principal out, by ARN or, for one the plan does not show, by name", () => {
    const trust = (statement: Record<string, unknown>): string => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }] });
    const pieces = selectPieces(
      doc([
        rc("aws_iam_role.by_arn", "aws_iam_role", { name: "by-arn", assume_role_policy: trust({ Principal: { AWS: "arn:aws:iam::1:role/scheduler" } }) }),
        rc("aws_iam_role.scheduler", "aws_iam_role", { name: "scheduler", arn: "arn:aws:iam::1:role/scheduler", assume_role_policy: trust({ Principal: { Service: "lambda.amazonaws.com" } }) }),
        rc("aws_iam_role.by_user", "aws_iam_role", { name: "by-user", assume_role_policy: trust({ Principal: { AWS: ["arn:aws:iam::1:user/ci/ci-bot"] } }) }),
        rc("aws_iam_access_key.ci", "aws_iam_access_key", { user: "ci-bot" }),
        rc("aws_iam_role.by_session", "aws_iam_role", { name: "by-session", assume_role_policy: trust({ Principal: { AWS: "arn:aws:sts::1:assumed-role/app/nightly" } }) }),
        rc("aws_iam_instance_profile.app", "aws_iam_instance_profile", { role: "app" }),
        rc("aws_iam_role.by_condition", "aws_iam_role", { name: "by-condition", assume_role_policy: trust({ Principal: "*", Condition: { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::1:user/ops" } } }) }),
        rc("aws_iam_user_login_profile.ops", "aws_iam_user_login_profile", { user: "ops" }),
        rc("aws_iam_role.by_pattern", "aws_iam_role", { name: "by-pattern", assume_role_policy: trust({ Principal: { AWS: "arn:aws:iam::1:role/app-*" } }) }),
      ]),
      selection,
      ONE,
    );
    expect(addresses(pieces)).toEqual([
      ["aws_iam_role.by_arn", "aws_iam_role.scheduler"],
      ["aws_iam_role.by_user", "aws_iam_access_key.ci"],
      ["aws_iam_role.by_session", "aws_iam_instance_profile.app"],
      ["aws_iam_role.by_condition", "aws_iam_user_login_profile.ops"],
      ["aws_iam_role.by_pattern"],
    ]);
  });

  it("GIVEN Roles Anywhere anchors and profiles, and IoT policies and role aliases THEN each family forms one group, with the roles it names", () => {
    const role = (name: string): Record<string, unknown> => rc(`aws_iam_role.${name}`, "aws_iam_role", { name, arn: `arn:aws:iam::1:role/${name}` });
    const pieces = selectPieces(
      doc([
        rc("aws_rolesanywhere_trust_anchor.a", "aws_rolesanywhere_trust_anchor", { name: "a", enabled: true }),
        role("onprem"),
        role("edge"),
        rc("aws_iot_policy.p", "aws_iot_policy", { name: "p", policy: "{}" }),
        rc("aws_rolesanywhere_profile.p", "aws_rolesanywhere_profile", { name: "p", role_arns: ["arn:aws:iam::1:role/onprem"] }),
        rc("aws_iot_role_alias.edge", "aws_iot_role_alias", { alias: "edge", role_arn: "arn:aws:iam::1:role/edge" }),
        rc("aws_iam_access_key.k", "aws_iam_access_key", { user: "ci" }),
        rc("aws_iam_user_policy.ci", "aws_iam_user_policy", { user: "ci", policy: POLICY }),
      ]),
      selection,
      ONE,
    );
    expect(addresses(pieces)).toEqual([
      ["aws_rolesanywhere_trust_anchor.a", "aws_iam_role.onprem", "aws_rolesanywhere_profile.p"],
      ["aws_iam_role.edge", "aws_iot_policy.p", "aws_iot_role_alias.edge"],
      ["aws_iam_access_key.k", "aws_iam_user_policy.ci"],
    ]);
  });

  it("GIVEN an attachment whose ARN is unknown THEN its configuration reference joins every instance of the policy in its module only", () => {
    // each attachment to a role of its own (attachments to one role are joined by that role)
    const unknownArn = (address: string, module?: string): Record<string, unknown> => ({
      ...rc(address, "aws_iam_role_policy_attachment", { role: address }),
      change: { actions: ["create"], before: null, after: { role: address }, after_unknown: { policy_arn: true } },
      ...(module ? { module_address: module } : {}),
    });
    const configuration = {
      root_module: {
        resources: [{ address: "aws_iam_role_policy_attachment.a", mode: "managed", type: "aws_iam_role_policy_attachment", name: "a", expressions: { policy_arn: { references: ["aws_iam_policy.p[0].arn", "aws_iam_policy.p"] } } }],
        module_calls: { m: { module: { resources: [{ address: "aws_iam_role_policy_attachment.a", mode: "managed", type: "aws_iam_role_policy_attachment", name: "a", expressions: { policy_arn: { references: ["aws_iam_policy.q.arn"] } } }] } } },
      },
    };
    const pieces = selectPieces(
      doc(
        [
          rc("aws_iam_policy.p[0]", "aws_iam_policy", { policy: POLICY }),
          rc("aws_iam_policy.p[1]", "aws_iam_policy", { policy: POLICY }),
          unknownArn("aws_iam_role_policy_attachment.a"),
          { ...rc("module.m.aws_iam_policy.p", "aws_iam_policy", { policy: POLICY }), module_address: "module.m" },
          { ...rc("module.m.aws_iam_policy.q", "aws_iam_policy", { policy: POLICY }), module_address: "module.m" },
          unknownArn("module.m.aws_iam_role_policy_attachment.a", "module.m"),
        ],
        { configuration },
      ),
      selection,
      ONE,
    );
    expect(addresses(pieces)).toEqual([
      ["aws_iam_policy.p[0]", "aws_iam_policy.p[1]", "aws_iam_role_policy_attachment.a"],
      ["module.m.aws_iam_policy.p"],
      ["module.m.aws_iam_policy.q", "module.m.aws_iam_role_policy_attachment.a"],
    ]);
    // each piece gets the configuration entries at its own local addresses (in any module: a superset of what
    // config_of looks up), inside the same module structure
    const config = (i: number): unknown => pieces?.[i]?.plan.configuration;
    expect(config(1)).toEqual({ root_module: { resources: [], module_calls: { m: { module: { resources: [] } } } } });
    expect(JSON.stringify(config(2))).toContain("aws_iam_policy.q.arn");
  });

  it("GIVEN organization resources THEN they join by the IDs they name, and get the prior state of the SCPs they name", () => {
    const prior = {
      values: {
        root_module: {
          resources: [
            { address: "aws_organizations_policy.old", type: "aws_organizations_policy", values: { id: "p-9", content: "{}" } },
            { address: "aws_organizations_policy.other", type: "aws_organizations_policy", values: { id: "p-1", content: "{}" } },
            { address: "aws_instance.x", type: "aws_instance", values: { ami: "a" } },
            { address: "aws_iam_policy.p", type: "aws_iam_policy", values: { policy: POLICY } },
            { address: "terraform_data.d", type: "terraform_data", values: { input: { type: "aws_organizations_policy", values: { id: "p-2" } } } },
          ],
        },
      },
    };
    const pieces = selectPieces(
      doc(
        [
          rc("aws_organizations_policy.a", "aws_organizations_policy", { id: "p-5", content: "{}" }),
          rc("aws_iam_policy.p", "aws_iam_policy", { policy: POLICY }),
          rc("aws_organizations_account.acct", "aws_organizations_account", { id: "111122223333", parent_id: "ou-1" }),
          rc("aws_organizations_policy_attachment.t", "aws_organizations_policy_attachment", { policy_id: "p-9", target_id: "ou-1" }),
          rc("aws_organizations_organizational_unit.ou", "aws_organizations_organizational_unit", { id: "ou-1", parent_id: "r-1" }),
          rc("aws_organizations_policy_attachment.u", "aws_organizations_policy_attachment", { policy_id: "p-5", target_id: "ou-7" }),
        ],
        { prior_state: prior },
      ),
      selection,
      ONE,
    );
    expect(addresses(pieces)).toEqual([
      ["aws_organizations_policy.a", "aws_organizations_policy_attachment.u"],
      ["aws_iam_policy.p"],
      ["aws_organizations_account.acct", "aws_organizations_policy_attachment.t", "aws_organizations_organizational_unit.ou"],
    ]);
    const kept = (i: number): string[] => (pieces?.[i]?.plan.prior_state as typeof prior).values.root_module.resources.map((r) => r.address);
    // the SCP named by ID; never a look-alike nested in another resource's values (the Rego reads state along
    // module paths only), the identity or other resources
    expect(kept(2)).toEqual(["aws_organizations_policy.old"]);
    expect(kept(0)).toEqual([]);
    expect(pieces?.[1]?.plan.prior_state).toBeUndefined();
  });

  it("GIVEN a targeted plan THEN identity resources only its prior state holds go to the pieces they relate to, and nowhere else", () => {
    const att = (address: string, group: string): Record<string, unknown> => ({
      address,
      mode: "managed",
      type: "aws_iam_group_policy_attachment",
      name: "a",
      values: { group, policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" },
    });
    const prior = {
      values: {
        root_module: {
          resources: [att("aws_iam_group_policy_attachment.admins", "admins"), att("aws_iam_group_policy_attachment.changed", "admins")],
          child_modules: [{ resources: [att("module.other.aws_iam_group_policy_attachment.ops", "ops")], address: "module.other" }],
        },
      },
    };
    const pieces = selectPieces(
      doc(
        [
          rc("aws_iam_user_group_membership.dana", "aws_iam_user_group_membership", { user: "dana", groups: ["admins"] }),
          rc("aws_iam_policy.p", "aws_iam_policy", { policy: POLICY }),
          // in the changes: its prior-state entry is not a ghost
          rc("aws_iam_group_policy_attachment.changed", "aws_iam_group_policy_attachment", { group: "admins", policy_arn: ARN }),
        ],
        { prior_state: prior },
      ),
      selection,
      ONE,
    );
    expect(addresses(pieces)).toEqual([["aws_iam_user_group_membership.dana", "aws_iam_group_policy_attachment.changed"], ["aws_iam_policy.p"]]);
    const state = pieces?.[0]?.plan.prior_state as typeof prior;
    expect(state.values.root_module.resources.map((r) => r.address)).toEqual(["aws_iam_group_policy_attachment.admins"]);
    // the unrelated ghost in another module stays out; the module's list is cut, not dropped
    expect(state.values.root_module.child_modules[0]?.resources).toEqual([]);
    expect(pieces?.[1]?.plan.prior_state).toBeUndefined();
  });

  it("GIVEN a role THEN its piece gets role configurations by type and name from every module", () => {
    const role = (address: string): Record<string, unknown> => ({ address, mode: "managed", type: "aws_iam_role", name: "r", expressions: { inline_policy: [{}] } });
    const configuration = { root_module: { resources: [role("aws_iam_role.r")], module_calls: { m: { module: { resources: [role("aws_iam_role.r")] } } } } };
    const pieces = selectPieces(doc([rc("aws_iam_role.r", "aws_iam_role", { name: "r" })], { configuration }), selection, ONE);
    expect(pieces?.[0]?.plan.configuration).toEqual(configuration);
  });
});

describe("loadSelection", () => {
  it("GIVEN a policy directory without selection.json THEN undefined (the plan is evaluated whole)", () => {
    expect(loadSelection(path.join(tempDir(), "selection.json"))).toBeUndefined();
  });

  it.each([
    ["not JSON", "{", /cannot read .*selection\.json/],
    ["no types", JSON.stringify({ types: [], organizationTypes: [], joins: {}, referenceAttributes: {}, priorDataTypes: [], keySpaces: {} }), /types is not a non-empty list/],
    [
      "a bad join",
      JSON.stringify({ types: ["a"], organizationTypes: [], joins: { a: [["x"]] }, referenceAttributes: {}, priorDataTypes: [], keySpaces: { arn: "defined" } }),
      /joins\.a is not a list of \[path, declared key space, "defines" \| "defines-if-written" \| "uses"\] triples/,
    ],
    [
      "a join in an undeclared key space",
      JSON.stringify({ types: ["a"], organizationTypes: [], joins: { a: [["x", "nope", "uses"]] }, referenceAttributes: {}, priorDataTypes: [], keySpaces: { arn: "defined" } }),
      /joins\.a is not a list/,
    ],
  ])("GIVEN %s THEN GATE_POLICY_INVALID (exit 3), never a silent whole-plan pass", (_label, text, message) => {
    const file = path.join(tempDir(), "selection.json");
    writeFileSync(file, text);
    let thrown: unknown;
    try {
      loadSelection(file);
    } catch (e) {
      thrown = e;
    }
    expect(isModelgateError(thrown) && thrown.code).toBe("GATE_POLICY_INVALID");
    expect(String((thrown as Error).message)).toMatch(message);
  });
});
