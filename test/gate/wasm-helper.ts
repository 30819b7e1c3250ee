import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { FINDINGS_ENTRYPOINT } from "../../gate/finding";

export const REPO = path.resolve(__dirname, "..", "..");
export const OPA = path.join(process.env.MODELGATE_TOOLS ?? path.join(os.homedir(), ".cache", "modelgate", "bin"), "opa");
export const REAL_WASM = path.join(REPO, "rego", "dist", "policy.wasm");

/** The pinned OPA, or an error that says how to install it: tests never skip because it is missing. */
export function requireOpa(): string {
  if (!existsSync(OPA)) {
    throw new Error(`the pinned OPA is not installed at ${OPA}; install it with: bash tools/install-tools.sh opa`);
  }
  return OPA;
}

const built = new Map<string, string>();

/** Build test/gate/rego/<name> to a wasm in a temp dir (once per test file) and return its path. */
export function buildTestWasm(name: string, entrypoint: string = FINDINGS_ENTRYPOINT): string {
  const key = `${name}#${entrypoint}`;
  const cached = built.get(key);
  if (cached) return cached;
  const opa = requireOpa();
  const out = mkdtempSync(path.join(os.tmpdir(), `modelgate-wasm-${name}-`));
  const bundle = path.join(out, "bundle.tar.gz");
  execFileSync(opa, ["build", "-t", "wasm", "-e", entrypoint, "-o", bundle, path.join(__dirname, "rego", name)], { stdio: "pipe" });
  execFileSync("tar", ["-xzf", bundle, "-C", out, "/policy.wasm"], { stdio: "pipe" });
  const wasm = path.join(out, "policy.wasm");
  built.set(key, wasm);
  return wasm;
}

/** A temp directory for inputs written by a test. */
export function tempDir(prefix = "modelgate-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeTemp(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** A minimal `terraform show -json` plan with the given resource changes. */
export function plan(resourceChanges: unknown[], formatVersion = "1.2"): Record<string, unknown> {
  return { format_version: formatVersion, terraform_version: "1.14.0", resource_changes: resourceChanges, applyable: true, complete: true, errored: false };
}

export function iamPolicyChange(address: string, policy: unknown, actions: string[] = ["create"]): Record<string, unknown> {
  const known = policy !== undefined;
  return {
    address,
    mode: "managed",
    type: "aws_iam_policy",
    name: address.split(".").pop(),
    provider_name: "registry.terraform.io/hashicorp/aws",
    change: {
      actions,
      before: null,
      after: known ? { name: "p", policy: typeof policy === "string" ? policy : JSON.stringify(policy) } : { name: "p" },
      after_unknown: known ? { arn: true, id: true } : { arn: true, id: true, policy: true },
    },
  };
}

/** rego/dist/policy.wasm, or an error saying how to build it. */
export function requireRealWasm(): string {
  if (!existsSync(REAL_WASM)) throw new Error(`${REAL_WASM} is missing; build it with: npm run rego:build (tools/build-wasm.sh)`);
  return REAL_WASM;
}

export const PLAN_FIXTURES = path.join(REPO, "test", "fixtures", "plans");

/** Every test/fixtures/plans/*.json, or an error: the fixtures are part of the contract, never skipped. */
export function planFixtures(): string[] {
  if (!existsSync(PLAN_FIXTURES)) throw new Error(`${PLAN_FIXTURES} is missing: the gate and parity tests need the plan fixtures`);
  const files = readdirSync(PLAN_FIXTURES).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) throw new Error(`${PLAN_FIXTURES} holds no *.json plan fixtures`);
  return files.map((f) => path.join(PLAN_FIXTURES, f));
}

export const REAL_PLAN_FIXTURES = path.join(REPO, "test", "fixtures", "real-plans");

/**
 * The organization stack's plan of every real-plan scenario (test/fixtures/real-plans/<tool>/<scenario>/), the
 * plans where SCPs are created, updated, replaced, drifted and destroyed: a sample small enough for parity runs.
 */
export function realPlanSample(): string[] {
  const out: string[] = [];
  for (const tool of ["terraform", "tofu"]) {
    const dir = path.join(REAL_PLAN_FIXTURES, tool);
    if (!existsSync(dir)) continue;
    for (const scenario of readdirSync(dir).sort()) {
      const file = path.join(dir, scenario, "organization.json");
      if (existsSync(file)) out.push(file);
    }
  }
  if (out.length === 0) throw new Error(`${REAL_PLAN_FIXTURES} holds no organization plans: regenerate with bash tools/gen-real-plans.sh`);
  return out;
}

export interface RuleMetadata {
  readonly id: string;
  readonly longId: string;
  readonly title: string;
  readonly severity: string;
  readonly remediation: string;
  readonly file: string;
}

/** The package METADATA of every rule under rego/rules (the only home of rule facts). */
export function ruleMetadata(): Map<string, RuleMetadata> {
  const out = new Map<string, RuleMetadata>();
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".rego") && !e.name.endsWith("_test.rego") ? [path.join(dir, e.name)] : [],
    );
  for (const file of walk(path.join(REPO, "rego", "rules"))) {
    const lines = readFileSync(file, "utf8").split("\n");
    const start = lines.findIndex((l) => l.trim() === "# METADATA");
    if (start === -1) continue;
    const block: string[] = [];
    for (const line of lines.slice(start + 1)) {
      if (!line.startsWith("#")) break;
      block.push(line.replace(/^# ?/, ""));
    }
    const meta = parseYaml(block.join("\n")) as { title?: string; custom?: Record<string, unknown> };
    const custom = meta.custom ?? {};
    if (typeof custom.id !== "string") continue;
    out.set(custom.id, {
      id: custom.id,
      longId: String(custom.long_id),
      title: String(meta.title),
      severity: String(custom.severity),
      remediation: String(custom.remediation),
      file,
    });
  }
  return out;
}
