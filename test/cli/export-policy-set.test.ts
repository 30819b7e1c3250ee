import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { main } from "../../cli";
import type { CliIo } from "../../cli/io";
import { loadCatalog, toRegoData, type ApprovedSet, type Catalog } from "../../catalog";
import { approvedSet, loadConfig } from "../../config";
import { evaluateInputs, readInput, type Finding } from "../../gate";
import { clearPolicyCache } from "../../gate/load-policy";
import { planFixtures, REPO, requireOpa, requireRealWasm, tempDir, writeTemp } from "../gate/wasm-helper";

/**
 * HCP Terraform runs the exported policy set with Go OPA on {plan, run}. With and without --config, that must give
 * the findings the wasm gate gives for the same plan and the same approved set.
 */

const CONFIG = path.join(REPO, "examples", "organization", "modelgate.yaml");

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** The fields both evaluators produce, in one canonical order. */
function canonical(findings: Array<Record<string, unknown>>): string[] {
  return findings
    .map((f) => JSON.stringify([f.ruleId, f.address, f.message, String(f.severity).toLowerCase(), f.title, f.longId, f.remediation, f.resourceType]))
    .sort();
}

const opaCache = new Map<string, Array<Record<string, unknown>>>();
function opaDeny(opa: string, rego: string, inputFile: string): Array<Record<string, unknown>> {
  const key = `${rego}\n${inputFile}`;
  const cached = opaCache.get(key);
  if (cached) return cached;
  const result = opaDenyUncached(opa, rego, inputFile);
  opaCache.set(key, result);
  return result;
}

function opaDenyUncached(opa: string, rego: string, inputFile: string): Array<Record<string, unknown>> {
  const out = execFileSync(opa, ["eval", "-d", rego, "-i", inputFile, "--format", "json", "data.modelgate.main.deny"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const parsed = JSON.parse(out) as { result?: Array<{ expressions: Array<{ value: unknown }> }> };
  const value = parsed.result?.[0]?.expressions[0]?.value;
  if (!Array.isArray(value)) throw new Error(`opa eval: data.modelgate.main.deny is not an array for ${inputFile}`);
  return value as Array<Record<string, unknown>>;
}

async function wasmFindings(file: string, catalog: Catalog, approved: ApprovedSet | undefined): Promise<Finding[]> {
  return evaluateInputs(readInput(file), { catalog, ...(approved !== undefined ? { approved } : {}), wasmPath: requireRealWasm() });
}

describe("modelgate export-policy-set: Go OPA on the exported set agrees with the wasm gate", () => {
  const opa = requireOpa();
  const work = tempDir("modelgate-export-");
  const plain = path.join(work, "plain");
  const withConfig = path.join(work, "with-config");
  const resolved = loadConfig(CONFIG);
  const approved = approvedSet(resolved);
  const fixtures = planFixtures();
  const inputs = new Map<string, string>();

  beforeAll(async () => {
    clearPolicyCache();
    expect((await run(["export-policy-set", plain])).code).toBe(0);
    expect((await run(["export-policy-set", withConfig, "--config", CONFIG])).code).toBe(0);
    for (const f of fixtures) {
      // HCP's input: the plan plus run metadata.
      const input = { plan: JSON.parse(readFileSync(f, "utf8")), run: { is_destroy: false, speculative: true, organization: { name: "acme" }, workspace: { name: "ws" } } };
      inputs.set(f, writeTemp(work, `input-${path.basename(f)}`, JSON.stringify(input)));
    }
  });

  it("GIVEN the export THEN it holds policies.hcl querying data.modelgate.main.deny, the rules, and the data module", async () => {
    expect(readFileSync(path.join(plain, "policies.hcl"), "utf8")).toContain('query             = "data.modelgate.main.deny"');
    const data = readFileSync(path.join(withConfig, "rego", "modelgate", "data", "data.rego"), "utf8");
    expect(data).toContain("package modelgate");
    // the same document the wasm gate gets through setData
    expect(data).toContain(`approved := ${JSON.stringify(toRegoData(loadCatalog(), approved).modelgate.approved, null, "\t")}`);
    expect(data).toContain("managedPolicies := {");
    expect(readFileSync(path.join(plain, "rego", "modelgate", "data", "data.rego"), "utf8")).not.toContain("approved :=");
  });

  it.each(planFixtures().map((f) => [path.basename(f), f]))("%s: same findings without config, and with the example config", async (_name, file) => {
    const input = inputs.get(file) as string;
    expect(canonical(opaDeny(opa, path.join(plain, "rego"), input))).toEqual(canonical((await wasmFindings(file, loadCatalog(), undefined)) as unknown as Array<Record<string, unknown>>));
    expect(canonical(opaDeny(opa, path.join(withConfig, "rego"), input))).toEqual(
      canonical((await wasmFindings(file, resolved.catalog, approved)) as unknown as Array<Record<string, unknown>>),
    );
  });

  it("GIVEN the example config THEN the approved-set rules change the verdict of at least one fixture (the data is really used)", () => {
    const differ = fixtures.some((f) => {
      const input = inputs.get(f) as string;
      return JSON.stringify(canonical(opaDeny(opa, path.join(plain, "rego"), input))) !== JSON.stringify(canonical(opaDeny(opa, path.join(withConfig, "rego"), input)));
    });
    expect(differ).toBe(true);
  });

  it("GIVEN opa eval --fail-defined on deny[_] THEN it exits 1 exactly when there is a finding (the CI fallback for huge plans)", async () => {
    for (const name of ["article-2-original.json", "article-2-corrected.json"]) {
      const file = fixtures.find((f) => path.basename(f) === name) as string;
      const expected = (await wasmFindings(file, resolved.catalog, approved)).length > 0 ? 1 : 0;
      const r = spawnSync(opa, ["eval", "--fail-defined", "-d", path.join(withConfig, "rego"), "-i", inputs.get(file) as string, "data.modelgate.main.deny[_]"], { encoding: "utf8" });
      expect([name, r.status]).toEqual([name, expected]);
    }
  });

  it("GIVEN --check THEN exit 0 on a fresh export and 1 once a file changed, naming it", async () => {
    expect((await run(["export-policy-set", withConfig, "--config", CONFIG, "--check"])).code).toBe(0);
    expect((await run(["export-policy-set", plain, "--config", CONFIG, "--check"])).code).toBe(1);
    writeFileSync(path.join(plain, "policies.hcl"), "changed\n");
    const r = await run(["export-policy-set", plain, "--check"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is out of date (policies.hcl)");
  });

  it("GIVEN a non-empty directory that is not a modelgate policy set THEN exit 2 and nothing is written", async () => {
    const foreign = tempDir("modelgate-foreign-");
    writeTemp(foreign, "main.tf", "# mine\n");
    const r = await run(["export-policy-set", foreign]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("EXPORT_DIR_NOT_EMPTY");
  });
});

describe("modelgate export-policy-set: finds its config as check does (--config, $MODELGATE_CONFIG, ./modelgate.yaml)", () => {
  const capture = async (argv: string[], extra: Partial<CliIo>) => {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), ...extra });
    return { code, stdout, stderr };
  };
  const models = approvedSet(loadConfig(CONFIG)).models.length;
  const dataModule = (dir: string) => readFileSync(path.join(dir, "rego", "modelgate", "data", "data.rego"), "utf8");

  it("GIVEN ./modelgate.yaml and no flag THEN its approved set is exported, and the message says where it came from", async () => {
    const cwd = tempDir("modelgate-export-cwd-");
    writeFileSync(path.join(cwd, "modelgate.yaml"), readFileSync(CONFIG));
    const r = await capture(["export-policy-set", "out"], { cwd, env: {} });
    expect([r.code, r.stdout]).toEqual([0, ""]);
    expect(r.stderr).toMatch(new RegExp(`approved set from modelgate\\.yaml \\(\\./modelgate\\.yaml; ${models} models\\)\\n$`));
    expect(dataModule(path.join(cwd, "out"))).toContain("\napproved := {");
  });

  it("GIVEN $MODELGATE_CONFIG THEN that file is used, and --config wins over it", async () => {
    const cwd = tempDir("modelgate-export-env-");
    const r = await capture(["export-policy-set", "out"], { cwd, env: { MODELGATE_CONFIG: CONFIG } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`approved set from ${CONFIG} ($MODELGATE_CONFIG; ${models} models)`);
    const broken = writeTemp(cwd, "broken.yaml", "version: 2\n");
    const flag = await capture(["export-policy-set", "out2", "--config", broken], { cwd, env: { MODELGATE_CONFIG: CONFIG } });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain(`error CONFIG_INVALID: ${broken}:`);
  });

  it("GIVEN no config anywhere THEN the approved-set notice, no approved set in the data; --require-config makes it exit 2", async () => {
    const cwd = tempDir("modelgate-export-none-");
    const r = await capture(["export-policy-set", "out"], { cwd, env: {} });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/approved set: none — rules MG-\d{4}(, MG-\d{4})* not evaluated \(no --config, \$MODELGATE_CONFIG or \.\/modelgate\.yaml; --require-config makes this an error\)\n$/);
    expect(dataModule(path.join(cwd, "out"))).not.toContain("approved :=");
    const strict = await capture(["export-policy-set", "strict", "--require-config"], { cwd, env: {} });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/^modelgate: error CONFIG_REQUIRED: --require-config: no configuration found .*, so rules MG-0010, /);
  });
});
