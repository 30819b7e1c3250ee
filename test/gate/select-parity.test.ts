import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { loadCatalog, toRegoData, type ApprovedSet } from "../../catalog";
import { approvedSet, loadConfig } from "../../config";
import { evaluateRaw } from "../../gate/evaluate";
import { readInput, type GateInput } from "../../gate/input";
import { clearPolicyCache } from "../../gate/load-policy";
import { loadSelection, selectPieces, selectionPathFor } from "../../gate/select";
import { canonicalJson } from "../../core/canonical-json";
import { planFixtures, REPO, requireOpa, requireRealWasm, tempDir } from "./wasm-helper";
import { casePath, type CaseInput } from "../adversarial/case-path";

/**
 * Issue #7: the gate hands the wasm only the resources the rules read, in pieces of related resources
 * (gate/select.ts). Its verdicts must equal Go OPA's on the whole, unselected plan — for every plan fixture, every
 * real Terraform/OpenTofu plan, every adversarial case, the generated benchmark plan, and plans that merge many
 * cases into one (so one plan holds every kind of relation at once). Each is evaluated with the default piece
 * size and with pieces of one resource, which puts every group that can be split in pieces of its own.
 */

const catalog = loadCatalog();
const ADVERSARIAL = path.join(REPO, "test", "adversarial");
const REAL_PLANS = path.join(REPO, "test", "fixtures", "real-plans");
const GOOD = path.join(REPO, "test", "fixtures", "inputs", "good");
/** Plans written while attacking the selection (test/fixtures/selection/README.md). */
const SELECTION = path.join(REPO, "test", "fixtures", "selection");
const approved: ApprovedSet = approvedSet(loadConfig(path.join(ADVERSARIAL, "modelgate.yaml")));

type Doc = GateInput["document"];

function files(dir: string, pick: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (pick(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

const ORG_ID = /^(?:p|ou|r)-[0-9a-z_-]+$|^\d{12}$/;

/**
 * Organization IDs made distinct per merged plan: two cases that both create policy "p-1234" would otherwise
 * make one organization hold two policies with one ID, which the Rego rightly refuses to decide (a conflict).
 */
function distinctIds(value: unknown, n: number): unknown {
  // an attachment's ID joins its target's and its policy's: "ou-ab12-sbox0002:p-sbox0002bb"
  if (typeof value === "string" && value.includes(":") && value.split(":").every((part) => ORG_ID.test(part))) {
    return value.split(":").map((part) => `${part}m${n}`).join(":");
  }
  if (typeof value === "string") return ORG_ID.test(value) ? `${value}m${n}` : value;
  if (Array.isArray(value)) return value.map((v) => distinctIds(v, n));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, distinctIds(v, n)]));
  return value;
}

/** A state module's resources and child modules, their addresses under module `mod` (as Terraform writes state). */
function underModule(module: unknown, mod: string): unknown {
  if (module === null || typeof module !== "object") return module;
  const m = module as Record<string, unknown>;
  const prefix = (r: unknown): unknown =>
    r !== null && typeof r === "object" && typeof (r as Record<string, unknown>).address === "string"
      ? { ...(r as object), address: `${mod}.${String((r as Record<string, unknown>).address)}` }
      : r;
  return {
    ...m,
    ...(Array.isArray(m.resources) ? { resources: m.resources.map(prefix) } : {}),
    ...(Array.isArray(m.child_modules) ? { child_modules: m.child_modules.map((c) => prefix(underModule(c, mod))) } : {}),
  };
}

/** One plan holding the resource changes of many plans, each moved into its own module (module.m<N>). */
function merged(inputs: readonly GateInput[]): GateInput {
  const resourceChanges: unknown[] = [];
  const moduleCalls: Record<string, unknown> = {};
  const childModules: unknown[] = [];
  inputs.forEach((input, n) => {
    const plan = input.document.plan as Record<string, unknown>;
    const mod = `module.m${n}`;
    for (const rc of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
      if (rc === null || typeof rc !== "object") continue;
      const r = rc as Record<string, unknown>;
      const inner = typeof r.module_address === "string" ? `${mod}.${r.module_address}` : mod;
      resourceChanges.push({ ...r, change: distinctIds(r.change, n), address: `${mod}.${String(r.address)}`, module_address: inner });
    }
    const config = (plan.configuration as Record<string, unknown> | undefined)?.root_module;
    if (config !== undefined) moduleCalls[`m${n}`] = { source: `./m${n}`, module: config };
    const prior = ((plan.prior_state as Record<string, unknown> | undefined)?.values as Record<string, unknown> | undefined)?.root_module;
    if (prior !== undefined) childModules.push({ ...(underModule(distinctIds(prior, n), mod) as object), address: mod });
  });
  const plan = {
    format_version: "1.2",
    terraform_version: "1.11.4",
    resource_changes: resourceChanges,
    configuration: { root_module: { module_calls: moduleCalls } },
    prior_state: { format_version: "1.0", values: { root_module: { child_modules: childModules } } },
  };
  return { file: `merged(${inputs.length})`, kind: "plan", constructPaths: new Map(), document: { plan } };
}

function generated(): GateInput[] {
  // the benchmark's generator: SCP allow-lists with attachments, invoke policies, roles, defects, modules
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generatePlan } = require(path.join(REPO, "bench", "gate", "generate.js")) as {
    generatePlan: (n: number, data: unknown, options?: Record<string, unknown>) => { plan: Record<string, unknown> };
  };
  const { plan } = generatePlan(120, toRegoData(catalog));
  return [{ file: "bench/gate/generate.js(120)", kind: "plan", constructPaths: new Map(), document: { plan } }];
}

const BATCH_QUERY = "{k: f | some k, d in data.parity_inputs; f := data.modelgate.main.findings with input as d}";

/** Go OPA's findings for every document, in one process. */
function goFindings(opa: string, rego: string, work: string, docs: ReadonlyMap<string, Doc>, withConfig: boolean): Map<string, unknown[]> {
  const dataFile = path.join(work, `data-${withConfig ? "with" : "without"}.json`);
  writeFileSync(dataFile, JSON.stringify({ ...toRegoData(catalog, withConfig ? approved : undefined), parity_inputs: Object.fromEntries(docs) }));
  const out = execFileSync(opa, ["eval", "-d", rego, "-d", dataFile, "--format", "json", BATCH_QUERY], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  const value = (JSON.parse(out) as { result?: Array<{ expressions: Array<{ value: Record<string, unknown[]> }> }> }).result?.[0]?.expressions[0]?.value;
  if (!value) throw new Error("opa eval returned no result");
  const missing = [...docs.keys()].filter((k) => !Array.isArray(value[k]));
  if (missing.length > 0) throw new Error(`opa eval gave no findings array for ${missing.join(", ")}`);
  return new Map(Object.entries(value));
}

const canonical = (findings: readonly unknown[]): string[] => findings.map((f) => canonicalJson(f)).sort();

describe("selection parity: wasm on the selected pieces gives Go OPA's findings on the whole plan", () => {
  const opa = requireOpa();
  const wasmPath = requireRealWasm();
  const selection = loadSelection(selectionPathFor(wasmPath));
  const work = tempDir("modelgate-select-parity-");
  const rego = path.join(work, "rego");
  execFileSync(process.execPath, [path.join(REPO, "tools", "stage-rego.js"), rego], { stdio: "pipe" });

  const cases = JSON.parse(readFileSync(path.join(ADVERSARIAL, "cases.json"), "utf8")) as Array<{ slug: string; config: "with" | "without"; input?: CaseInput }>;
  const caseInputs = (config: "with" | "without"): GateInput[] =>
    cases.filter((c) => c.config === config).flatMap((c) => readInput(casePath(path.join(ADVERSARIAL, "cases"), c.slug, c.input)));
  const common: GateInput[] = [
    ...planFixtures().flatMap((f) => readInput(f)),
    ...files(REAL_PLANS, (n) => n.endsWith(".json") && n !== "expected.json").flatMap((f) => readInput(f)),
    ...readInput(path.join(GOOD, "plan-utf8.json")),
    ...readInput(path.join(GOOD, "tfc-input.json")),
    ...readInput(path.join(GOOD, "cdktf.out")),
    ...files(SELECTION, (n) => n.endsWith(".json")).flatMap((f) => readInput(f)),
    ...generated(),
  ];

  beforeAll(() => clearPolicyCache());

  it("GIVEN the built policy THEN it ships a selection declaration (else every plan is evaluated whole)", () => {
    expect(selection).toBeDefined();
    expect(selection?.types.has("aws_iam_policy")).toBe(true);
  });

  describe.each([
    ["without config", false],
    ["with the adversarial corpus's config", true],
  ] as const)("%s", (_label, withConfig) => {
    const own = caseInputs(withConfig ? "with" : "without");
    const inputs = [...common, ...own, merged(own), merged(common.filter((i) => i.kind !== "cdktf"))];
    const names = inputs.map((input, i) => `${i}:${path.relative(REPO, input.file)}${input.stack ? ` (${input.stack})` : ""}`);
    let fromGo = new Map<string, unknown[]>();

    beforeAll(() => {
      fromGo = goFindings(opa, rego, work, new Map(inputs.map((input, i) => [names[i] as string, input.document])), withConfig);
    });

    it("GIVEN the merged and generated plans THEN they are really cut into ten pieces or more (the test exercises the grouping)", () => {
      const count = (input: GateInput): number => selectPieces(input.document, selection!, { maxResources: 1, maxBytes: 1 })?.length ?? 0;
      // most single cases are one group (an attachment and its policy, or one organization): the merged plans
      // and the benchmark plan hold many groups side by side
      for (const input of inputs.filter((i) => i.file.startsWith("merged(") || i.file.startsWith("bench/"))) {
        expect({ file: input.file, pieces: count(input) >= 10 }).toEqual({ file: input.file, pieces: true });
      }
    });

    it.each(names.map((name, i) => [name, inputs[i] as GateInput] as const))("%s", async (name, input) => {
      const want = canonical(fromGo.get(name) as unknown[]);
      const options = { catalog, ...(withConfig ? { approved } : {}) };
      const pieces = canonical(await evaluateRaw(input, options));
      const onePerPiece = canonical(await evaluateRaw(input, { ...options, pieces: { maxResources: 1, maxBytes: 1 } }));
      expect(pieces).toEqual(want);
      expect(onePerPiece).toEqual(want);
    });
  });
});
