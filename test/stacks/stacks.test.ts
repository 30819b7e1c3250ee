import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest"; // types for the matchers Testing.setupJest() registers
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
import { PolicyError } from "../../core/errors";
import { loadConfig, parseConfig } from "../../config";
import { AccountStack, OrganizationStack, buildApp } from "../../stacks";
import { MINIMAL_YAML } from "../config/minimal";

Testing.setupJest();

const SCP = '{"Statement":[],"Version":"2012-10-17"}';
const EXAMPLE = join(__dirname, "../../examples/organization/modelgate.yaml");

describe("OrganizationStack: one SCP and one attachment per target document", () => {
  function synth(skipDestroy?: boolean) {
    const app = Testing.app();
    const stack = new OrganizationStack(app, "organization", {
      targets: [
        { kind: "root", targetId: "r-a1b2", name: "Root", documents: [SCP] },
        { kind: "ou", targetId: "ou-a1b2-aaaaaaaa", name: "Apps", documents: [SCP, SCP] },
      ],
      policyNamePrefix: "mg",
      ...(skipDestroy === undefined ? {} : { skipDestroy }),
    });
    return Testing.synth(stack);
  }

  it("creates policies with stable ids, the finished JSON string and attachments", () => {
    // GIVEN a root with one SCP and an OU with two WHEN synthesized
    const out = synth();
    // THEN each document is a SERVICE_CONTROL_POLICY with the literal content and its own attachment
    expect(out).toHaveResourceWithProperties(OrganizationsPolicy, { name: "mg-root-r-a1b2", type: "SERVICE_CONTROL_POLICY", content: SCP });
    expect(out).toHaveResourceWithProperties(OrganizationsPolicy, { name: "mg-ou-ou-a1b2-aaaaaaaa-part2" });
    expect(out).toHaveResourceWithProperties(OrganizationsPolicyAttachment, { target_id: "ou-a1b2-aaaaaaaa", policy_id: "${aws_organizations_policy.AllowListScpOuA1b2AaaaaaaaPart2.id}" });
    const parsed = JSON.parse(out) as { resource: Record<string, Record<string, unknown>> };
    expect(Object.keys(parsed.resource.aws_organizations_policy!)).toEqual(["AllowListScpOuA1b2Aaaaaaaa", "AllowListScpOuA1b2AaaaaaaaPart2", "AllowListScpRA1b2"]);
    expect(Object.keys(parsed.resource.aws_organizations_policy_attachment!)).toHaveLength(3);
    expect(out).not.toHaveResourceWithProperties(OrganizationsPolicy, { skip_destroy: true });
  });

  it("sets skip_destroy on policies and attachments when asked", () => {
    const out = synth(true);
    expect(out).toHaveResourceWithProperties(OrganizationsPolicy, { skip_destroy: true });
    expect(out).toHaveResourceWithProperties(OrganizationsPolicyAttachment, { skip_destroy: true });
  });

  it("matches its snapshot", () => {
    expect(synth()).toMatchSnapshot();
  });
});

describe("AccountStack: invoke policy attached to configured recipients, via an assumed role", () => {
  function synth(backend?: { type: "s3"; bucket: string; keyPrefix: string; region: string } | { type: "cloud"; organization: string; workspacePrefix: string }) {
    const app = Testing.app();
    const stack = new AccountStack(app, "account-apps", {
      accountId: "123456789012",
      accountName: "apps",
      region: "eu-west-1",
      assumeRoleArn: "arn:aws:iam::123456789012:role/Deployer",
      invokePolicies: [SCP],
      recipients: { attachToRoles: ["Builder"], attachToGroups: ["devs"], createRole: { name: "Invoker", assumedBy: ["lambda.amazonaws.com"] } },
      createdRoleTrustPolicy: '{"trust":true}',
      subscriber: { policy: '{"sub":true}', roleName: "MarketplaceAdmin" },
      policyNamePrefix: "mg",
      ...(backend ? { backend } : {}),
    });
    return Testing.synth(stack);
  }

  it("assumes the account role and pins the account", () => {
    const parsed = JSON.parse(synth()) as { provider: { aws: Array<Record<string, unknown>> } };
    expect(parsed.provider.aws[0]).toEqual({
      allowed_account_ids: ["123456789012"],
      assume_role: [{ role_arn: "arn:aws:iam::123456789012:role/Deployer", session_name: "modelgate" }],
      region: "eu-west-1",
    });
  });

  it("attaches the policy to the role, the group and the created role, and the subscriber policy to the subscriber role", () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(IamPolicy, { name: "mg-bedrock-invoke", policy: SCP });
    expect(out).toHaveResourceWithProperties(IamRolePolicyAttachment, { role: "Builder", policy_arn: "${aws_iam_policy.InvokePolicy.arn}" });
    expect(out).toHaveResourceWithProperties(IamGroupPolicyAttachment, { group: "devs", policy_arn: "${aws_iam_policy.InvokePolicy.arn}" });
    expect(out).toHaveResourceWithProperties(IamRole, { name: "Invoker", assume_role_policy: '{"trust":true}' });
    expect(out).toHaveResourceWithProperties(IamRolePolicyAttachment, { role: "${aws_iam_role.InvokerRole.name}" });
    expect(out).toHaveResourceWithProperties(IamPolicy, { name: "mg-marketplace-subscriber", policy: '{"sub":true}' });
    expect(out).toHaveResourceWithProperties(IamRolePolicyAttachment, { role: "MarketplaceAdmin", policy_arn: "${aws_iam_policy.SubscriberPolicy.arn}" });
  });

  it("uses an S3 key or an HCP workspace per stack", () => {
    const s3 = JSON.parse(synth({ type: "s3", bucket: "state", keyPrefix: "mg", region: "us-east-1" })) as { terraform: { backend: unknown } };
    expect(s3.terraform.backend).toEqual({ s3: { bucket: "state", encrypt: true, key: "mg/account-apps.tfstate", region: "us-east-1" } });
    const cloud = JSON.parse(synth({ type: "cloud", organization: "acme", workspacePrefix: "mg" })) as { terraform: { cloud: unknown } };
    expect(cloud.terraform.cloud).toEqual({ organization: "acme", workspaces: { name: "mg-account-apps" } });
  });

  it("matches its snapshot", () => {
    expect(synth()).toMatchSnapshot();
  });
});

describe("buildApp: the example config synthesizes to an organization stack plus one stack per account", () => {
  it("writes a manifest listing organization and the four account stacks", () => {
    // GIVEN the bundled example WHEN built and synthesized into a temp dir
    const outdir = mkdtempSync(join(tmpdir(), "mg-synth-"));
    const built = buildApp(loadConfig(EXAMPLE), { outdir });
    built.app.synth();
    // THEN the manifest has exactly these stacks, and each stack file exists
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
    expect(Object.keys(manifest.stacks).sort()).toEqual(["account-data-science", "account-ml-dev", "account-ml-prod", "account-research-sandbox", "organization"]);
    for (const s of Object.values(manifest.stacks)) expect(existsSync(join(outdir, s.synthesizedStackPath))).toBe(true);
    // AND the organization stack carries one SCP per target (5), with the rendered JSON as a literal string
    const org = JSON.parse(readFileSync(join(outdir, manifest.stacks.organization!.synthesizedStackPath), "utf8")) as { resource: Record<string, Record<string, { content: string }>> };
    const scps = Object.values(org.resource.aws_organizations_policy!);
    expect(scps).toHaveLength(5);
    for (const scp of scps) expect(JSON.parse(scp.content).Statement[0].Sid).toBe("DenyInvokeExceptApprovedModels");
    expect(built.scpCount).toBe(5);
  });

  it("throws one PolicyError listing every limit problem", () => {
    // GIVEN a root with 4 other SCPs attached WHEN built THEN the quota problem is reported
    const resolved = parseConfig(MINIMAL_YAML.replace("    geographies: [us, eu]\n", "    geographies: [us, eu]\n    otherScps: 4\n"), "t.yaml");
    let thrown: unknown;
    try {
      buildApp(resolved, { outdir: mkdtempSync(join(tmpdir(), "mg-")) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PolicyError);
    expect((thrown as PolicyError).message).toBe("2 policy limit problem(s)");
    expect((thrown as PolicyError).problems).toEqual([
      "targets.root (Root): 6 SCPs would be attached (1 from modelgate + FullAWSAccess + 4 other), over the limit of 5",
      "targets.root (Root): the allow-list does not fit in 5120-character SCPs even compacted and split by resource type; approve fewer models, or every geography (each model's profiles are then one inference-profile/*.ID ARN; with some geographies left out, each approved one is listed)",
    ]);
  });

  it("keeps the app unaware of anything but config values", () => {
    // GIVEN the minimal config WHEN built THEN the app is a cdktf App with two stacks
    const built = buildApp(parseConfig(MINIMAL_YAML, "t.yaml"), { outdir: mkdtempSync(join(tmpdir(), "mg-")) });
    expect(built.app).toBeInstanceOf(App);
    expect(built.stackNames).toEqual(["organization", "account-apps"]);
  });
});
