/**
 * `modelgate deploy` end to end: real terraform, the stand-in hashicorp/aws provider, moto as AWS. Every test
 * starts from an empty emulator seeded with the example organization, deploys from a fresh working directory, and
 * reads the result back through the AWS API.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { DeployResult } from "../../deploy/run";
import { EXAMPLE_CONFIG, Moto, deployEnv, dump, installTools, modelgate, seedOrganization, type Seeded, type Tools } from "./support/emulator";
import { renderedFrom } from "./support/rendered";

let tools: Tools;
let moto: Moto;
const dirs: string[] = [];

beforeAll(async () => {
  tools = installTools();
  moto = await Moto.start(tools);
}, 600_000);

afterAll(async () => {
  await moto?.stop();
  if (process.env.MODELGATE_E2E_KEEP !== "1") for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface World {
  readonly dir: string;
  readonly seeded: Seeded;
  readonly env: NodeJS.ProcessEnv;
  deploy(...args: string[]): ReturnType<typeof modelgate>;
  summary(): DeployResult;
  /** Rewrite the config in place. */
  edit(change: (text: string) => string): void;
  /** The plan JSON of a stack from the last deploy. */
  plan(stack: string): { resource_changes: { address: string; change: { actions: string[] } }[]; resource_drift?: { address: string }[] };
  /** Keep the last deploy's plan JSON files as fixtures when MODELGATE_REAL_PLANS_OUT is set. */
  keepPlans(scenario: string): void;
}

/** An empty emulator seeded with the example organization, and a fresh working directory holding its config. */
async function world(configText?: (text: string) => string): Promise<World> {
  await moto.reset();
  const dir = mkdtempSync(path.join(tmpdir(), "modelgate-e2e-"));
  dirs.push(dir);
  const seeded = seedOrganization(moto, EXAMPLE_CONFIG, path.join(dir, "modelgate.yaml"));
  if (configText) writeFileSync(seeded.config, configText(readFileSync(seeded.config, "utf8")));
  const env = deployEnv(moto, tools);
  return {
    dir,
    seeded,
    env,
    deploy: (...args) => modelgate(["deploy", "--config", "modelgate.yaml", "--tf-binary", tools.tfBinary, ...args], { cwd: dir, env }),
    summary: () => JSON.parse(readFileSync(path.join(dir, "cdktf.out", "deploy", "summary.json"), "utf8")) as DeployResult,
    edit: (change) => writeFileSync(seeded.config, change(readFileSync(seeded.config, "utf8"))),
    plan: (stack) => JSON.parse(readFileSync(path.join(dir, "cdktf.out", "deploy", stack, "plan.json"), "utf8")),
    keepPlans: (scenario) => keepPlans(path.join(dir, "cdktf.out", "deploy"), scenario),
  };
}

/** Copy the plans the last deploy made to $MODELGATE_REAL_PLANS_OUT/<terraform|tofu>/<scenario>/<stack>.json. */
function keepPlans(deployOut: string, scenario: string): void {
  const out = process.env.MODELGATE_REAL_PLANS_OUT;
  if (out === undefined || out === "") return;
  const summary = JSON.parse(readFileSync(path.join(deployOut, "summary.json"), "utf8")) as DeployResult;
  for (const s of summary.stacks) {
    const plan = s.files.find((f) => f.endsWith("plan.json"));
    if (plan !== undefined) keepFile(path.join(deployOut, plan), scenario, `${s.stack}.json`);
  }
}

function keepFile(file: string, scenario: string, name: string): void {
  const out = process.env.MODELGATE_REAL_PLANS_OUT;
  if (out === undefined || out === "") return;
  const target = path.join(out, path.basename(tools.tfBinary).includes("tofu") ? "tofu" : "terraform", scenario);
  mkdirSync(target, { recursive: true });
  copyFileSync(file, path.join(target, name));
}

const statuses = (r: DeployResult) => Object.fromEntries(r.stacks.map((s) => [s.stack, s.status]));
/** The order deploy runs them in: the organization first (the accounts depend on it), then the manifest's order. */
const STACKS = ["organization", "account-data-science", "account-ml-dev", "account-ml-prod", "account-research-sandbox"];

describe("modelgate deploy: the example organization reaches AWS exactly as rendered, through the gate", () => {
  test("GIVEN the seeded example WHEN deployed THEN every SCP, attachment and IAM policy equals the rendering, and a second deploy changes nothing", async () => {
    const w = await world();
    const first = await w.deploy("--auto-approve");
    expect({ code: first.code, stderr: first.code === 0 ? "" : first.stderr }).toEqual({ code: 0, stderr: "" });
    expect(statuses(w.summary())).toEqual(Object.fromEntries(STACKS.map((s) => [s, "applied"])));
    w.keepPlans("create");
    expect(first.stdout).toContain("modelgate deploy: 5 applied, 0 unchanged, 0 planned (dry run), 0 blocked, 0 failed, 0 skipped");

    const rendered = renderedFrom(path.join(w.dir, "cdktf.out"));
    const aws = dump(moto, w.seeded);
    expect(aws.scps.map(({ id: _id, ...s }) => s)).toEqual(rendered.scps);
    expect(rendered.scps).toHaveLength(5);
    for (const account of w.seeded.accounts) {
      const policies = aws.accounts[account]!.policies.map((p) => ({
        name: p.name,
        description: p.description,
        document: p.document,
        roles: p.roles,
        groups: p.groups,
      }));
      expect(policies).toEqual(rendered.accounts[account]);
    }

    const second = await w.deploy("--auto-approve");
    expect(second.code).toBe(0);
    expect(statuses(w.summary())).toEqual(Object.fromEntries(STACKS.map((s) => [s, "unchanged"])));
    w.keepPlans("unchanged");
    expect(dump(moto, w.seeded)).toEqual(aws);
  });
});

/** AWS (read back through the API) holds exactly what the last synth rendered. */
function expectAwsEqualsRendered(w: World): void {
  const rendered = renderedFrom(path.join(w.dir, "cdktf.out"));
  const aws = dump(moto, w.seeded);
  expect(aws.scps.map(({ id: _id, ...s }) => s)).toEqual(rendered.scps);
  for (const account of w.seeded.accounts) {
    expect(aws.accounts[account]!.policies.map(({ name, description, document, roles, groups }) => ({ name, description, document, roles, groups }))).toEqual(
      rendered.accounts[account],
    );
  }
}

async function deployed(): Promise<World> {
  const w = await world();
  const r = await w.deploy("--auto-approve");
  if (r.code !== 0) throw new Error(`initial deploy failed (${r.code}):\n${r.stderr}\n${r.stdout}`);
  return w;
}

const actionsOf = (plan: ReturnType<World["plan"]>) => Object.fromEntries(plan.resource_changes.map((rc) => [rc.address, rc.change.actions.join(",")]));
const ruleIds = (w: World, stack: string) =>
  (JSON.parse(readFileSync(path.join(w.dir, "cdktf.out", "deploy", stack, "plan.report.json"), "utf8")) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);

describe("modelgate deploy: nothing the gate blocks reaches AWS", () => {
  test("GIVEN a config approving every model through a literal wildcard WHEN deployed THEN the synth gate blocks it before any plan, and AWS is unchanged", async () => {
    const w = await deployed();
    const before = dump(moto, w.seeded);
    w.edit((t) =>
      t
        .replace("      - mistral.mistral-large-3-675b-instruct      # also served by bedrock-mantle\n", '$&      - {pattern: "*", literal: true}\n')
        .replace("        - mistral.mistral-large-3-675b-instruct\n      geographies: [us]", '        - mistral.mistral-large-3-675b-instruct\n        - {pattern: "*", literal: true}\n      geographies: [us]'),
    );
    const r = await w.deploy("--auto-approve");
    expect(r.code).toBe(1);
    const summary = w.summary();
    expect(summary.stacks.find((s) => s.stack === "account-research-sandbox")).toMatchObject({ status: "blocked", step: "synth-gate" });
    expect(summary.stacks.every((s) => s.status === "blocked" || s.status === "skipped")).toBe(true);
    expect(summary.stacks.flatMap((s) => s.applied)).toEqual([]);
    expect(r.stdout).toContain("MG-0009[aws_iam_policy.InvokePolicy]");
    expect(r.stderr).not.toContain("] init");
    expect(dump(moto, w.seeded)).toEqual(before);
  });

  test("GIVEN a config that drops an account's allow-list WHEN deployed THEN the organization plan (delete + detach of its SCP) is blocked before apply, later stacks are skipped, and AWS is unchanged", async () => {
    const w = await deployed();
    const before = dump(moto, w.seeded);
    w.edit((t) => t.replace(/    allowList:\n      models:\n        - anthropic\.claude-sonnet-4-5-20250929-v1:0\n        - cohere\.embed-v4:0\n      geographies: \[us, global\]\n/, ""));
    const r = await w.deploy("--auto-approve");
    expect(r.code).toBe(1);
    expect(w.summary().stacks.map((s) => [s.stack, s.status])).toEqual([["organization", "blocked"], ...STACKS.slice(1).map((s) => [s, "skipped"])]);
    const plan = w.plan("organization");
    expect(Object.values(actionsOf(plan)).filter((a) => a === "delete")).toHaveLength(2);
    expect(ruleIds(w, "organization")).toContain("MG-0018");
    w.keepPlans("blocked-scp-removed");
    expect(dump(moto, w.seeded)).toEqual(before);
  });
});

describe("modelgate deploy: updates, replaces, drift, detaches and destroys are gated with the expected verdicts", () => {
  test("GIVEN one model fewer for an OU WHEN deployed THEN the SCP and the account policies update in place, pass the gate, and AWS equals the rendering", async () => {
    const w = await deployed();
    w.edit((t) => t.replace("        - amazon.nova-lite-v1:0\n        - amazon.nova-pro-v1:0\n        - cohere.embed-v4:0\n", "        - amazon.nova-lite-v1:0\n        - cohere.embed-v4:0\n"));
    const r = await w.deploy("--auto-approve");
    expect({ code: r.code, stderr: r.code === 0 ? "" : r.stderr }).toEqual({ code: 0, stderr: "" });
    const org = w.plan("organization");
    expect(actionsOf(org)["aws_organizations_policy.AllowListScp" + pascal(w.seeded.ids["ou-a1b2-wk7q3m9d"]!)]).toBe("update");
    expect(w.summary().stacks.find((s) => s.stack === "organization")).toMatchObject({ status: "applied", changes: { add: 0, change: 1, destroy: 0 } });
    expect(w.summary().stacks.find((s) => s.stack === "account-ml-dev")).toMatchObject({ status: "applied" });
    w.keepPlans("update-models");
    expectAwsEqualsRendered(w);
    const mlDev = dump(moto, w.seeded).accounts[w.seeded.ids["210987654321"]!]!.policies;
    expect(mlDev.find((p) => p.name === "modelgate-bedrock-invoke")!.versions).toBe(2);
  });

  test("GIVEN a new policy name prefix WHEN deployed THEN IAM policies and their attachments are replaced (name forces a new policy), the SCPs are renamed in place, the gate passes, and no old policy is left", async () => {
    const w = await deployed();
    w.edit((t) => t.replace("  policyNamePrefix: modelgate\n", "  policyNamePrefix: bedrock-gate\n"));
    const r = await w.deploy("--auto-approve");
    expect({ code: r.code, stderr: r.code === 0 ? "" : r.stderr }).toEqual({ code: 0, stderr: "" });
    const mlDev = w.plan("account-ml-dev");
    expect(actionsOf(mlDev)["aws_iam_policy.InvokePolicy"]).toBe("delete,create");
    expect(actionsOf(mlDev)["aws_iam_role_policy_attachment.InvokePolicyRoleMLDeveloper"]).toBe("delete,create");
    expect(Object.values(actionsOf(w.plan("organization"))).filter((a) => a === "update")).toHaveLength(5);
    w.keepPlans("rename-prefix");
    expectAwsEqualsRendered(w);
  });

  test("GIVEN an SCP weakened and a policy detached out of band WHEN deployed THEN the plan shows the drift, restores both, passes the gate, and AWS equals the rendering again", async () => {
    const w = await deployed();
    const root = dump(moto, w.seeded).scps.find((s) => s.targets.includes(w.seeded.rootId))!;
    moto.aws("tamper", { op: "update-scp", name: root.name, content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' });
    moto.aws("tamper", { op: "detach-role-policy", account: w.seeded.ids["210987654321"], role: "MLDeveloper", name: "modelgate-bedrock-invoke" });
    const dry = await w.deploy("--dry-run");
    expect(dry.code).toBe(0);
    expect(statuses(w.summary())).toMatchObject({ organization: "planned", "account-ml-dev": "planned", "account-ml-prod": "unchanged" });
    const org = w.plan("organization");
    expect(org.resource_drift?.map((d) => d.address)).toContain(`aws_organizations_policy.AllowListScp${pascal(w.seeded.rootId)}`);
    expect(actionsOf(w.plan("account-ml-dev"))["aws_iam_role_policy_attachment.InvokePolicyRoleMLDeveloper"]).toBe("create");
    w.keepPlans("drift-restore");
    const r = await w.deploy("--auto-approve");
    expect(r.code).toBe(0);
    expectAwsEqualsRendered(w);
  });

  test("GIVEN a role removed from the recipients WHEN deployed THEN its policy attachments are destroyed, the gate passes, and the role no longer has the policies", async () => {
    const w = await deployed();
    w.edit((t) => t.replace("      attachToRoles: [MLDeveloper]\n", ""));
    const r = await w.deploy("--auto-approve");
    expect({ code: r.code, stderr: r.code === 0 ? "" : r.stderr }).toEqual({ code: 0, stderr: "" });
    expect(w.summary().stacks.find((s) => s.stack === "account-ml-dev")).toMatchObject({ status: "applied", changes: { add: 0, change: 0, destroy: 2 } });
    w.keepPlans("detach-role");
    expectAwsEqualsRendered(w);
    expect(dump(moto, w.seeded).accounts[w.seeded.ids["210987654321"]!]!.policies.map((p) => p.roles)).toEqual([[], []]);
  });

  test("GIVEN the deployed organization stack WHEN a destroy plan is gated THEN it is blocked (every allow-list SCP removed), and the account stack's destroy passes", async () => {
    const w = await deployed();
    const env = { ...process.env, ...w.env, TF_IN_AUTOMATION: "1" };
    const verdict = async (stack: string) => {
      const cwd = path.join(w.dir, "cdktf.out", "stacks", stack);
      const planFile = path.join(w.dir, `${stack}.destroy.tfplan`);
      const run = (args: string[]) => spawnText(tools.tfBinary, args, cwd, env);
      expect((await run(["plan", "-destroy", "-input=false", "-no-color", `-out=${planFile}`])).code).toBe(0);
      const show = await run(["show", "-json", planFile]);
      const json = path.join(w.dir, `${stack}.destroy.json`);
      writeFileSync(json, show.stdout);
      keepFile(json, "destroy", `${stack}.json`);
      return modelgate(["check", json, "--config", "modelgate.yaml", "--format", "json"], { cwd: w.dir, env: w.env });
    };
    const org = await verdict("organization");
    expect(org.code).toBe(1);
    const findings = (JSON.parse(org.stdout) as { findings: { ruleId: string; address: string }[] }).findings;
    const scps = w.plan("organization").resource_changes.filter((rc) => rc.address.startsWith("aws_organizations_policy."));
    expect(scps).toHaveLength(5);
    const flagged = new Set(findings.filter((f) => f.ruleId === "MG-0018").map((f) => f.address));
    for (const scp of scps) expect(flagged).toContain(scp.address);
    const account = await verdict("account-ml-prod");
    expect({ code: account.code, out: account.code === 0 ? "" : account.stdout }).toEqual({ code: 0, out: "" });
  });
});

describe("modelgate deploy: faults stop the run with a clear message, a non-zero exit and an exact record of what was applied", () => {
  test("GIVEN no terraform or tofu WHEN deployed THEN exit 2 naming the problem, and nothing is applied", async () => {
    const w = await world();
    const missing = await w.deploy("--auto-approve", "--tf-binary", "/nonexistent/terraform");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--tf-binary /nonexistent/terraform: no such executable");
    const noPath = await modelgate(["deploy", "--config", "modelgate.yaml", "--auto-approve"], { cwd: w.dir, env: { ...w.env, PATH: "/nonexistent" } });
    expect(noPath.code).toBe(2);
    expect(noPath.stderr).toContain("neither terraform nor tofu is on PATH");
    expect(dump(moto, w.seeded).scps).toEqual([]);
  });

  test("GIVEN stdin is not a terminal WHEN deployed without --auto-approve THEN it refuses before synth (exit 2)", async () => {
    const w = await world();
    const r = await modelgate(["deploy", "--config", "modelgate.yaml"], { cwd: w.dir, env: w.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("refusing to apply without --auto-approve");
    expect(existsSync(path.join(w.dir, "cdktf.out"))).toBe(false);
  });

  test("GIVEN init cannot install the provider WHEN deployed THEN the organization stack fails at init, the rest is skipped, exit 3, and nothing is applied", async () => {
    const w = await world();
    const tfrc = path.join(w.dir, "empty-mirror.tfrc");
    mkdirSync(path.join(w.dir, "empty-mirror"));
    writeFileSync(tfrc, `provider_installation {\n  filesystem_mirror {\n    path = "${path.join(w.dir, "empty-mirror")}"\n  }\n}\n`);
    const r = await modelgate(["deploy", "--config", "modelgate.yaml", "--auto-approve", "--tf-binary", tools.tfBinary], {
      cwd: w.dir,
      env: { ...w.env, TF_CLI_CONFIG_FILE: tfrc },
    });
    expect(r.code).toBe(3);
    expect(w.summary().stacks.map((s) => [s.stack, s.status, s.step ?? null, s.applied.length])).toEqual([
      ["organization", "failed", "init", 0],
      ...STACKS.slice(1).map((s) => [s, "skipped", null, 0]),
    ]);
    expect(r.stdout).toContain("organization: init failed:");
    expect(r.stdout).toContain("0 applied, 0 unchanged, 0 planned (dry run), 0 blocked, 1 failed, 4 skipped");
    expect(dump(moto, w.seeded).scps).toEqual([]);
  });

  test("GIVEN moto stops between plan and apply WHEN deployed THEN the apply fails with the endpoint error, exit 3, and the record says nothing was applied", async () => {
    const w = await world();
    const bin = path.join(w.dir, "bin");
    mkdirSync(bin);
    const wrapper = path.join(bin, "terraform");
    writeFileSync(wrapper, `#!/bin/sh\nif [ "$1" = apply ]; then kill ${moto.pid}; sleep 1; fi\nexec "${tools.tfBinary}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    try {
      const r = await modelgate(["deploy", "--config", "modelgate.yaml", "--auto-approve", "--tf-binary", wrapper], { cwd: w.dir, env: w.env });
      expect(r.code).toBe(3);
      const summary = w.summary();
      expect(summary.stacks.map((s) => [s.stack, s.status, s.step ?? null])).toEqual([
        ["organization", "failed", "apply"],
        ...STACKS.slice(1).map((s) => [s, "skipped", null]),
      ]);
      expect(summary.stacks[0]!.applied).toEqual([]);
      expect(r.stdout).toContain("organization: applied before the failure (0):");
      expect(summary.stacks[0]!.message).toMatch(/apply exited 1:/);
    } finally {
      await moto.stop();
      await moto.restart();
    }
  });

  test("GIVEN a role missing in the second stack's account WHEN deployed THEN the organization is applied, the second stack fails mid-apply, and the record lists exactly the changes that reached AWS", async () => {
    const w = await world();
    const dataScience = w.seeded.ids["510987654321"]!;
    moto.aws("tamper", { op: "delete-role", account: dataScience, role: "DataScientist" });
    const r = await w.deploy("--auto-approve");
    expect(r.code).toBe(3);
    const summary = w.summary();
    expect(summary.stacks.map((s) => [s.stack, s.status])).toEqual([
      ["organization", "applied"],
      ["account-data-science", "failed"],
      ["account-ml-dev", "skipped"],
      ["account-ml-prod", "skipped"],
      ["account-research-sandbox", "skipped"],
    ]);
    expect(summary.stacks[0]!.applied).toHaveLength(10);
    const failed = summary.stacks[1]!;
    expect(failed.applied.map((e) => `${e.action} ${e.address}`)).toEqual(["create aws_iam_policy.InvokePolicy"]);
    expect(failed.errored.map((e) => `${e.action} ${e.address}`)).toEqual(["create aws_iam_role_policy_attachment.InvokePolicyRoleDataScientist"]);
    expect(r.stdout).toContain("account-data-science: applied before the failure (1):\n  create aws_iam_policy.InvokePolicy\n  FAILED create aws_iam_role_policy_attachment.InvokePolicyRoleDataScientist\n");
    // What the record says was applied is exactly what AWS holds.
    const aws = dump(moto, w.seeded);
    expect(aws.scps).toHaveLength(5);
    expect(aws.accounts[dataScience]!.policies.map((p) => [p.name, p.roles, p.groups])).toEqual([["modelgate-bedrock-invoke", [], []]]);
    for (const other of w.seeded.accounts.filter((a) => a !== dataScience)) expect(aws.accounts[other]!.policies).toEqual([]);
  });
});

/** The construct-ID form of an AWS ID, as the stacks derive it (r-ab12 → RAb12). */
function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== "")
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join("");
}

function spawnText(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
