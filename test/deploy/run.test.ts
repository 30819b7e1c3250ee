/**
 * deploy/run.ts with a scripted terraform (a shell script that records its calls) and a stub synth: the order of
 * steps, what stops a run, and the exact record. Real terraform and AWS are in test/e2e/deploy.test.ts.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadCatalog } from "../../catalog";
import { readManifest } from "../../deploy/synth";
import { renderSummary, runDeploy, type DeployOptions } from "../../deploy/run";

const NOVA_LITE = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "AllowNovaLiteOnly",
      Effect: "Allow",
      Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
      Resource: ["arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0", "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"],
    },
  ],
});

function planWith(policy: string, actions: string[]): string {
  return JSON.stringify({
    format_version: "1.2",
    terraform_version: "1.11.4",
    resource_changes: [
      {
        address: "aws_iam_policy.p",
        mode: "managed",
        type: "aws_iam_policy",
        name: "p",
        provider_name: "registry.terraform.io/hashicorp/aws",
        change: { actions, before: null, after: { name: "p", policy }, after_unknown: { arn: true } },
      },
    ],
    errored: false,
  });
}

// The scripted terraform: logs "<stack> <command> <args>" and answers from $FAKE_DIR/<stack>.{plan.json,apply}.
const FAKE_TF = `#!/bin/sh
stack=$(basename "$PWD")
echo "$stack $*" >> "$FAKE_DIR/calls.log"
case "$1" in
  init) [ -f "$FAKE_DIR/$stack.init-fails" ] && { echo "Error: init broke" >&2; exit 1; }; exit 0 ;;
  plan) for a in "$@"; do case "$a" in -out=*) echo "plan-of-$stack" > "\${a#-out=}";; esac; done; exit 0 ;;
  show) cat "$FAKE_DIR/$stack.plan.json"; exit 0 ;;
  apply) for a in "$@"; do :; done; echo "$stack applied $(cat "$a")" >> "$FAKE_DIR/calls.log"
         cat "$FAKE_DIR/$stack.apply"; [ -f "$FAKE_DIR/$stack.apply-fails" ] && exit 1; exit 0 ;;
esac
exit 2
`;

interface Setup {
  readonly dir: string;
  readonly options: DeployOptions;
  readonly calls: () => string[];
  readonly logs: string[];
  readonly printed: string[];
}

function setup(plans: Record<string, string>, applies: Record<string, string[]> = {}, overrides: Partial<DeployOptions> = {}): Setup {
  const dir = mkdtempSync(path.join(tmpdir(), "mg-deploy-"));
  const fake = path.join(dir, "fake");
  mkdirSync(fake);
  const tf = path.join(fake, "terraform");
  writeFileSync(tf, FAKE_TF);
  chmodSync(tf, 0o755);
  writeFileSync(path.join(fake, "calls.log"), "");
  const stacks = Object.keys(plans);
  for (const s of stacks) {
    writeFileSync(path.join(fake, `${s}.plan.json`), plans[s]!);
    writeFileSync(path.join(fake, `${s}.apply`), (applies[s] ?? []).join("\n") + "\n");
  }
  const logs: string[] = [];
  const printed: string[] = [];
  const options: DeployOptions = {
    stacks: [],
    dryRun: false,
    outDir: path.join(dir, "out"),
    synthOutDir: "cdktf.out",
    cwd: dir,
    env: { ...process.env, FAKE_DIR: fake },
    tf: { path: tf, kind: "terraform" },
    gate: { catalog: loadCatalog(), suppressions: [], today: "2026-11-29", failOn: "medium" },
    log: (l) => logs.push(l),
    print: (t) => printed.push(t),
    synth: async (req) => {
      const out = path.resolve(req.cwd, req.outdir);
      const manifest: Record<string, unknown> = {};
      for (const s of stacks) {
        mkdirSync(path.join(out, "stacks", s), { recursive: true });
        writeFileSync(
          path.join(out, "stacks", s, "cdk.tf.json"),
          JSON.stringify({ resource: { aws_iam_policy: { p: { name: "p", policy: NOVA_LITE } } } }),
        );
        manifest[s] = { name: s, workingDirectory: `stacks/${s}`, synthesizedStackPath: `stacks/${s}/cdk.tf.json` };
      }
      writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks: manifest }));
      return readManifest(out);
    },
    ...overrides,
  };
  return { dir, options, calls: () => readFileSync(path.join(fake, "calls.log"), "utf8").trim().split("\n"), logs, printed };
}

const applyEvent = (addr: string, type: "apply_complete" | "apply_errored") =>
  JSON.stringify({ type, hook: { resource: { addr }, action: "create" } });

describe("runDeploy: per stack init → plan -out → show -json → gate → apply of that same plan file; the first stop ends the run", () => {
  test("GIVEN two passing stacks WHEN deployed THEN each is planned, gated and its saved plan applied, in order", async () => {
    const s = setup(
      { org: planWith(NOVA_LITE, ["create"]), acct: planWith(NOVA_LITE, ["create"]) },
      { org: [applyEvent("aws_iam_policy.p", "apply_complete")], acct: [applyEvent("aws_iam_policy.p", "apply_complete")] },
    );
    const result = await runDeploy(s.options);
    expect(result.exitCode).toBe(0);
    const out = path.join(s.dir, "out");
    expect(s.calls()).toEqual([
      "org init -input=false -no-color",
      `org plan -input=false -no-color -lock-timeout=60s -out=${out}/org/plan.tfplan`,
      `org show -json -no-color ${out}/org/plan.tfplan`,
      `org apply -input=false -no-color -json ${out}/org/plan.tfplan`,
      "org applied plan-of-org",
      "acct init -input=false -no-color",
      `acct plan -input=false -no-color -lock-timeout=60s -out=${out}/acct/plan.tfplan`,
      `acct show -json -no-color ${out}/acct/plan.tfplan`,
      `acct apply -input=false -no-color -json ${out}/acct/plan.tfplan`,
      "acct applied plan-of-acct",
    ]);
    expect(result.stacks.map((r) => [r.stack, r.status, r.applied.length])).toEqual([
      ["org", "applied", 1],
      ["acct", "applied", 1],
    ]);
    expect(JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8"))).toEqual(JSON.parse(JSON.stringify(result)));
  });

  test("GIVEN a second stack whose plan holds non-JSON policy text WHEN deployed THEN it is blocked (MG-0001) before apply and exit is 1", async () => {
    const s = setup({ org: planWith(NOVA_LITE, ["create"]), acct: planWith("{not json", ["create"]), later: planWith(NOVA_LITE, ["create"]) }, {
      org: [applyEvent("aws_iam_policy.p", "apply_complete")],
    });
    const result = await runDeploy(s.options);
    expect(result.exitCode).toBe(1);
    expect(result.stacks.map((r) => [r.stack, r.status, r.step ?? null])).toEqual([
      ["org", "applied", null],
      ["acct", "blocked", "gate"],
      ["later", "skipped", null],
    ]);
    expect(s.calls().filter((c) => c.startsWith("acct apply") || c.startsWith("later"))).toEqual([]);
    expect(s.printed.join("")).toContain("MG-0001[aws_iam_policy.p]");
  });

  test("GIVEN --dry-run and a blocked first stack WHEN deployed THEN every stack is still planned and gated, nothing applied, exit 1", async () => {
    const s = setup({ org: planWith("{not json", ["create"]), acct: planWith(NOVA_LITE, ["create"]) }, {}, { dryRun: true });
    const result = await runDeploy(s.options);
    expect(result.exitCode).toBe(1);
    expect(result.stacks.map((r) => [r.stack, r.status])).toEqual([
      ["org", "blocked"],
      ["acct", "planned"],
    ]);
    expect(s.calls().some((c) => c.includes("apply"))).toBe(false);
  });

  test("GIVEN a plan with no changes WHEN deployed THEN the stack is unchanged and apply is not run", async () => {
    const s = setup({ org: planWith(NOVA_LITE, ["no-op"]) });
    const result = await runDeploy(s.options);
    expect(result.stacks.map((r) => r.status)).toEqual(["unchanged"]);
    expect(s.calls().some((c) => c.includes("apply"))).toBe(false);
  });

  test("GIVEN --dry-run WHEN deployed THEN every stack is planned and gated, none applied", async () => {
    const s = setup({ org: planWith(NOVA_LITE, ["create"]), acct: planWith(NOVA_LITE, ["update"]) }, {}, { dryRun: true });
    const result = await runDeploy(s.options);
    expect(result.exitCode).toBe(0);
    expect(result.stacks.map((r) => r.status)).toEqual(["planned", "planned"]);
    expect(s.calls().some((c) => c.includes("apply"))).toBe(false);
  });

  test("GIVEN init failing in the first stack WHEN deployed THEN it fails at init with terraform's message, the rest is skipped, exit 3", async () => {
    const s = setup({ org: planWith(NOVA_LITE, ["create"]), acct: planWith(NOVA_LITE, ["create"]) });
    writeFileSync(path.join(s.options.env.FAKE_DIR!, "org.init-fails"), "");
    const result = await runDeploy(s.options);
    expect(result.exitCode).toBe(3);
    expect(result.stacks).toEqual([
      { stack: "org", status: "failed", step: "init", message: "terraform init exited 1:\nError: init broke", applied: [], errored: [], files: [] },
      { stack: "acct", status: "skipped", message: "stopped: org failed", applied: [], errored: [], files: [] },
    ]);
  });

  test("GIVEN an apply that fails part-way WHEN deployed THEN the record lists exactly the completed and the errored changes", async () => {
    const s = setup(
      { org: planWith(NOVA_LITE, ["create"]) },
      {
        org: [
          applyEvent("aws_iam_policy.p", "apply_complete"),
          applyEvent("aws_iam_role_policy_attachment.a", "apply_errored"),
          JSON.stringify({ type: "diagnostic", diagnostic: { severity: "error", summary: "creating IAM Role Policy Attachment", detail: "NoSuchEntity", address: "aws_iam_role_policy_attachment.a" } }),
        ],
      },
    );
    writeFileSync(path.join(s.options.env.FAKE_DIR!, "org.apply-fails"), "");
    const result = await runDeploy(s.options);
    expect(result.exitCode).toBe(3);
    expect(result.stacks[0]).toMatchObject({
      status: "failed",
      step: "apply",
      applied: [{ address: "aws_iam_policy.p", action: "create", outcome: "complete" }],
      errored: [{ address: "aws_iam_role_policy_attachment.a", action: "create", outcome: "errored" }],
      message: "terraform apply exited 1:\naws_iam_role_policy_attachment.a: creating IAM Role Policy Attachment: NoSuchEntity",
    });
    expect(renderSummary(result)).toBe(
      [
        "stack  result          add  change  destroy  findings  applied",
        "org    failed (apply)    1       0        0         0        1",
        "",
        "modelgate deploy: 0 applied, 0 unchanged, 0 planned (dry run), 0 blocked, 1 failed, 0 skipped",
        "org: apply failed: terraform apply exited 1:\naws_iam_role_policy_attachment.a: creating IAM Role Policy Attachment: NoSuchEntity",
        "org: applied before the failure (1):",
        "  create aws_iam_policy.p",
        "  FAILED create aws_iam_role_policy_attachment.a",
        "",
      ].join("\n"),
    );
  });

  test("GIVEN a gate that cannot load its policy WHEN deployed THEN nothing is planned and exit is 3", async () => {
    const s = setup({ org: planWith(NOVA_LITE, ["create"]) });
    const bogus = path.join(s.dir, "not.wasm");
    writeFileSync(bogus, "not wasm");
    const result = await runDeploy({ ...s.options, gate: { ...s.options.gate, wasmPath: bogus } });
    expect(result.exitCode).toBe(3);
    expect(result.stacks.map((r) => [r.stack, r.status])).toEqual([["org", "skipped"]]);
    expect(s.calls()).toEqual([""]);
    expect(s.logs.some((l) => l.startsWith("gate: error: "))).toBe(true);
  });

  test("GIVEN a stack name the config does not synthesize WHEN deployed THEN it throws a user error naming the known stacks", async () => {
    const s = setup({ org: planWith(NOVA_LITE, ["create"]) }, {}, { stacks: ["nope"] });
    await expect(runDeploy(s.options)).rejects.toThrow("unknown stack nope; the config synthesizes: org");
  });
});
