import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { loadCatalog, toRegoData, type ApprovedSet } from "../../catalog";
import { main } from "../../cli";
import type { CliIo } from "../../cli/io";
import { approvedSet, loadConfig } from "../../config";
import { readInput } from "../../gate/input";
import { clearPolicyCache, loadGatePolicy } from "../../gate/load-policy";
import { REPO, requireOpa, requireRealWasm, tempDir } from "../gate/wasm-helper";
import { evaluate, type Decision, type PolicyInput } from "../support/iam-oracle";
import { casePath, type CaseInput } from "./case-path";

/**
 * The adversarial corpus (test/adversarial/README.md). Each case is a `terraform show -json` plan with a verdict
 * taken from AWS's behaviour, not from the gate: "block" (exit 1 at the default --fail-on medium) or "pass"
 * (exit 0). Rows named "<slug> [<class>] expect <verdict>" that fail in the CLI block are cases the gate gets
 * wrong today.
 */

const HERE = path.join(REPO, "test", "adversarial");
const CASES_DIR = path.join(HERE, "cases");
const CONFIG = path.join(HERE, "modelgate.yaml");
const MANAGED_DIR = path.join(HERE, "managed-policies");

type PolicyRef = string | Record<string, unknown>;
interface Request {
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
}
interface Witness extends Request {
  readonly policies: PolicyRef[];
  readonly scps?: PolicyRef[][];
  readonly scpsBefore?: PolicyRef[][];
  readonly sentinel?: Request;
}
interface CaseMeta {
  readonly slug: string;
  readonly class: string;
  readonly description: string;
  readonly config: "with" | "without";
  readonly expect: "block" | "pass";
  /**
   * "cdktf": the case is a synth directory `cases/<slug>.cdktf/` (manifest.json + stacks); "synth": one synthesized
   * stack `cases/<slug>.cdk.tf.json`; absent: a plan file.
   */
  readonly input?: CaseInput;
  readonly witness?: Witness;
}

const CLASSES = [
  "managed-policy-arn",
  "policy-text-elsewhere",
  "customer-managed-policy",
  "organization-change",
  "scp-weakened",
  "identity-policy",
  "reached-through-holder",
  "target-approval",
  "unknown-or-shape",
  "false-positive-trap",
  "renderer-output",
];

const META: CaseMeta[] = JSON.parse(readFileSync(path.join(HERE, "cases.json"), "utf8")) as CaseMeta[];
const BY_SLUG = new Map(META.map((c) => [c.slug, c]));
const caseFile = (slug: string): string => casePath(CASES_DIR, slug, BY_SLUG.get(slug)?.input);
const rowName = (c: CaseMeta): string => `${c.slug} [${c.class}] expect ${c.expect}${c.config === "with" ? " (--config)" : ""}`;
const rows = META.map((c) => [rowName(c), c] as const);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

// ------------------------------------------------------------------------------------------------ (1) shape
const ACTIONS = new Set(['["no-op"]', '["create"]', '["read"]', '["update"]', '["delete","create"]', '["create","delete"]', '["delete"]', '["forget"]', '["create","forget"]']);

/** Paths where after_unknown says true; each must be absent from after (dropped) or null (in a list). */
function unknownPaths(au: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (au === true) return [prefix];
  if (Array.isArray(au)) return au.flatMap((x, i) => unknownPaths(x, [...prefix, i]));
  if (isRecord(au)) return Object.entries(au).flatMap(([k, x]) => unknownPaths(x, [...prefix, k]));
  return [];
}
function lookup(value: unknown, p: (string | number)[]): unknown {
  let v: unknown = value;
  for (const k of p) {
    if (Array.isArray(v) && typeof k === "number") v = v[k];
    else if (isRecord(v) && typeof k === "string") v = k in v ? v[k] : undefined;
    else return undefined;
  }
  return v;
}

/** The configuration block for a resource instance (module path and index stripped). */
function configResource(plan: Record<string, unknown>, rc: Record<string, unknown>): Record<string, unknown> | undefined {
  let node = (plan.configuration as Record<string, unknown> | undefined)?.root_module as Record<string, unknown> | undefined;
  const moduleAddress = typeof rc.module_address === "string" ? rc.module_address : "";
  for (const part of moduleAddress.match(/module\.[A-Za-z0-9_-]+/g) ?? []) {
    const calls = node?.module_calls as Record<string, { module: Record<string, unknown> }> | undefined;
    node = calls?.[part.slice("module.".length)]?.module;
  }
  const address = `${rc.mode === "data" ? "data." : ""}${String(rc.type)}.${String(rc.name)}`;
  return (node?.resources as Record<string, unknown>[] | undefined)?.find((r) => r.address === address);
}

describe("adversarial corpus (1): every case is a plan in terraform show -json shape, with metadata", () => {
  it("GIVEN cases/ and cases.json THEN they name the same slugs, at least 80, each once", () => {
    const files = readdirSync(CASES_DIR)
      .map((f) => f.replace(/(\.cdk\.tf)?\.json$|\.cdktf$/, ""))
      .sort();
    const slugs = META.map((c) => c.slug).sort();
    expect(files).toEqual(slugs);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs.length).toBeGreaterThanOrEqual(80);
  });

  it("GIVEN generate.js THEN the committed cases are exactly what it writes (no hand edits)", () => {
    expect(() => execFileSync(process.execPath, [path.join(HERE, "generate.js"), "--check"], { encoding: "utf8", stdio: "pipe" })).not.toThrow();
  });

  it("GIVEN the metadata THEN every class is covered by several cases and both verdicts occur", () => {
    for (const klass of CLASSES) expect([klass, META.filter((c) => c.class === klass).length >= 3]).toEqual([klass, true]);
    expect(META.filter((c) => c.expect === "pass").length).toBeGreaterThanOrEqual(20);
    expect(META.filter((c) => c.config === "with").length).toBeGreaterThanOrEqual(10);
  });

  it.each(rows)("%s: metadata and plan shape", (_name, c) => {
    expect(CLASSES).toContain(c.class);
    expect(["with", "without"]).toContain(c.config);
    expect(["block", "pass"]).toContain(c.expect);
    expect(c.description.length).toBeGreaterThan(20);
    if (c.input === "cdktf") {
      // A cdktf.out directory: manifest.json names each stack's cdk.tf.json, which holds resources.
      const dir = caseFile(c.slug);
      const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
      expect(Object.keys(manifest.stacks).length).toBeGreaterThan(0);
      for (const stack of Object.values(manifest.stacks)) {
        const synth = JSON.parse(readFileSync(path.join(dir, stack.synthesizedStackPath), "utf8")) as Record<string, unknown>;
        expect(isRecord(synth.resource) && Object.keys(synth.resource).length > 0).toBe(true);
      }
      return;
    }
    if (c.input === "synth") {
      // One stack as cdktf synth writes it: resources, and the data sources the gate renders itself.
      const synth = JSON.parse(readFileSync(caseFile(c.slug), "utf8")) as Record<string, unknown>;
      expect(isRecord(synth.resource) && Object.keys(synth.resource).length > 0).toBe(true);
      expect(isRecord(synth.terraform) && isRecord(synth.provider)).toBe(true);
      return;
    }

    const plan = JSON.parse(readFileSync(caseFile(c.slug), "utf8")) as Record<string, unknown>;
    expect([plan.format_version, plan.terraform_version]).toEqual(["1.2", "1.11.4"]);
    expect(isRecord(plan.configuration) && isRecord(plan.configuration.root_module)).toBe(true);
    expect(isRecord(plan.planned_values) && isRecord(plan.planned_values.root_module)).toBe(true);
    expect([plan.applyable, plan.complete, plan.errored]).toEqual([true, true, false]);
    if (c.slug.startsWith("planned-values-only-")) {
      expect("resource_changes" in plan).toBe(false);
      return;
    }
    const changes = plan.resource_changes as Record<string, unknown>[];
    expect(Array.isArray(changes) && changes.length > 0).toBe(true);
    const addresses = changes.map((rc) => rc.address as string);
    expect(addresses).toEqual([...addresses].sort());
    for (const rc of changes) {
      expect(typeof rc.address).toBe("string");
      expect(["managed", "data"]).toContain(rc.mode);
      expect(rc.provider_name).toMatch(/^registry\.[a-z0-9.-]+\/[a-z0-9-]+\/[a-z0-9-]+$/);
      const change = rc.change as Record<string, unknown>;
      expect(ACTIONS.has(JSON.stringify(change.actions))).toBe(true);
      const actions = change.actions as string[];
      const creates = actions.length === 1 && (actions[0] === "create" || actions[0] === "read");
      expect([rc.address, change.before === null]).toEqual([rc.address, creates]);
      if (actions.length === 1 && actions[0] === "create") expect([change.before, change.before_sensitive]).toEqual([null, false]);
      if (actions.length === 1 && actions[0] === "delete") expect(change.after).toBeNull();
      // Unknown values are dropped from after (or null inside lists), never present with a value.
      for (const p of unknownPaths(change.after_unknown)) {
        const v = lookup(change.after, p);
        expect([rc.address, p.join("."), v === undefined || v === null]).toEqual([rc.address, p.join("."), true]);
      }
      // An attachment whose policy is created in the same plan names it in configuration.
      const au = change.after_unknown as Record<string, unknown>;
      const named = String(rc.type).endsWith("_attachment") ? ["policy_arn", "policy_id"] : ["policy", "content", "inline_policy", "policy_document", "assume_role_policy"];
      for (const attr of named) {
        if (au[attr] !== true || actions.includes("delete") && actions.length === 1) continue;
        const expr = (configResource(plan, rc)?.expressions as Record<string, { references?: string[] }> | undefined)?.[attr];
        // Attachments always write the policy reference; elsewhere an unset computed attribute is unknown too.
        if (expr === undefined && !String(rc.type).endsWith("_attachment")) continue;
        expect([rc.address, attr, (expr?.references?.length ?? 0) > 0]).toEqual([rc.address, attr, true]);
      }
    }
  });
});

// ------------------------------------------------------------------------------------------------ (2) oracle
function policyText(ref: PolicyRef): PolicyInput {
  if (isRecord(ref) && typeof ref.$managed === "string") {
    return readFileSync(path.join(MANAGED_DIR, `${ref.$managed}.json`), "utf8");
  }
  return ref as PolicyInput;
}

async function decide(w: Witness, request: Request, scps: PolicyRef[][] | undefined): Promise<Decision> {
  return evaluate({
    scps: (scps ?? []).map((level) => level.map(policyText)),
    identityPolicies: w.policies.map(policyText),
    action: request.action,
    resource: request.resource,
    context: request.context ?? {},
    principalAccount: "222233334444",
  });
}

describe("adversarial corpus (2): the independent IAM evaluator confirms each verdict's witness request", () => {
  const witnessed = rows.filter(([, c]) => c.witness !== undefined);

  it("GIVEN the corpus THEN most cases carry a witness", () => {
    expect(witnessed.length).toBeGreaterThanOrEqual(80);
  });

  it.each(witnessed)("%s: witness", async (_name, c) => {
    const w = c.witness as Witness;
    if (c.expect === "block") {
      // The request the plan lets through is allowed after the plan…
      expect(await decide(w, w, w.scps)).toBe("Allowed");
      // …and, for organization changes, was denied before it.
      if (w.scpsBefore) expect(await decide(w, w, w.scpsBefore)).not.toBe("Allowed");
    } else {
      expect(w.sentinel).toBeDefined();
      expect(await decide(w, w, w.scps)).toBe("Allowed");
      expect(await decide(w, w.sentinel as Request, w.scps)).not.toBe("Allowed");
    }
  });
});

// ------------------------------------------------------------------------------------------------ (3) CLI verdict
async function check(c: CaseMeta, wasmPath: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), today: () => "2026-11-29", wasmPath };
  const argv = ["check", caseFile(c.slug), ...(c.config === "with" ? ["--config", CONFIG] : [])];
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe("adversarial corpus (3): modelgate check gives each case its verdict (block → exit 1, pass → exit 0)", () => {
  const wasmPath = requireRealWasm();
  beforeAll(() => clearPolicyCache());

  it.each(rows)("%s", async (_name, c) => {
    const r = await check(c, wasmPath);
    // On failure the output shows what the gate said about the case.
    expect({ slug: c.slug, code: r.code, ...(r.code === (c.expect === "block" ? 1 : 0) ? {} : { stdout: r.stdout, stderr: r.stderr }) }).toEqual({
      slug: c.slug,
      code: c.expect === "block" ? 1 : 0,
    });
  });
});

// ------------------------------------------------------------------------------------------------ (4) Go OPA parity
/** rego/ without tests, .regal or dist: the sources tools/build-wasm.sh compiles. */
function stageRego(into: string): string {
  const src = path.join(REPO, "rego");
  const dest = path.join(into, "rego");
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(src, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== ".regal" && entry.name !== "dist") walk(child);
      } else if (entry.name.endsWith(".rego") && !entry.name.endsWith("_test.rego")) {
        mkdirSync(path.dirname(path.join(dest, child)), { recursive: true });
        cpSync(path.join(src, child), path.join(dest, child));
      }
    }
  };
  walk(".");
  return dest;
}

// `some k; data.x[k]; … with input as data.x[k]` silently yields [] for every k in OPA 1.22.3; binding the
// document itself (`some k, d in …; … with input as d`) evaluates each input. The sample check below runs a few
// cases as separate `opa eval -i` processes (exactly as Terraform Cloud does) to keep the batch honest.
const BATCH_QUERY = "{k: f | some k, d in data.adversarial_corpus; f := data.modelgate.main.findings with input as d}";

function findingKeys(findings: unknown): string[] {
  if (!Array.isArray(findings)) throw new Error(`findings is not an array: ${JSON.stringify(findings)?.slice(0, 200)}`);
  return [...new Set(findings.map((f) => `${String((f as Record<string, unknown>).ruleId)}[${String((f as Record<string, unknown>).address)}]`))].sort();
}

describe("adversarial corpus (4): opa eval (Go) and the wasm agree on every case's finding keys", () => {
  const opa = requireOpa();
  const wasmPath = requireRealWasm();
  const catalog = loadCatalog();
  const approved: ApprovedSet = approvedSet(loadConfig(CONFIG));
  const fromGo = new Map<string, string[]>();
  let rego = "";
  let work = "";
  const dataFiles = new Map<string, string>();

  beforeAll(() => {
    clearPolicyCache();
    if (!existsSync(CASES_DIR)) throw new Error(`${CASES_DIR} is missing`);
    work = tempDir("modelgate-adversarial-");
    rego = stageRego(work);
    // One opa process per config: every case's input sits in the data document and the query maps over them.
    for (const config of ["with", "without"] as const) {
      const group = META.filter((c) => c.config === config);
      const inputs = Object.fromEntries(group.flatMap((c) => readInput(caseFile(c.slug)).map((input, i) => [`${c.slug}#${i}`, input.document])));
      const dataFile = path.join(work, `data-${config}.json`);
      const plain = path.join(work, `data-${config}-plain.json`);
      writeFileSync(dataFile, JSON.stringify({ ...toRegoData(catalog, config === "with" ? approved : undefined), adversarial_corpus: inputs }));
      writeFileSync(plain, JSON.stringify(toRegoData(catalog, config === "with" ? approved : undefined)));
      dataFiles.set(config, plain);
      const out = execFileSync(
        opa,
        ["eval", "-d", rego, "-d", dataFile, "--format", "json", BATCH_QUERY],
        { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
      );
      const parsed = JSON.parse(out) as { result?: Array<{ expressions: Array<{ value: Record<string, unknown> }> }> };
      const value = parsed.result?.[0]?.expressions[0]?.value ?? {};
      const missing = Object.keys(inputs).filter((k) => !(k in value));
      if (missing.length > 0) throw new Error(`opa eval gave no findings array for ${missing.join(", ")}`);
      for (const [key, findings] of Object.entries(value)) {
        const slug = key.slice(0, key.lastIndexOf("#"));
        fromGo.set(slug, [...new Set([...(fromGo.get(slug) ?? []), ...findingKeys(findings)])].sort());
      }
    }
  });

  it("GIVEN one case per class THEN a separate `opa eval -i` process gives the batch's finding keys", () => {
    const sample = CLASSES.map((k) => META.find((c) => c.class === k && c.expect === "block" && c.input === undefined) ?? META.find((c) => c.class === k && c.input === undefined)).filter(
      (c) => c !== undefined,
    );
    for (const c of sample) {
      const inputFile = path.join(work, `input-${c.slug}.json`);
      writeFileSync(inputFile, JSON.stringify(readInput(caseFile(c.slug))[0]?.document));
      const out = execFileSync(opa, ["eval", "-d", rego, "-d", dataFiles.get(c.config) as string, "-i", inputFile, "--format", "json", "data.modelgate.main.findings"], {
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      });
      const single = (JSON.parse(out) as { result?: Array<{ expressions: Array<{ value: unknown }> }> }).result?.[0]?.expressions[0]?.value;
      expect({ slug: c.slug, keys: findingKeys(single) }).toEqual({ slug: c.slug, keys: fromGo.get(c.slug) });
    }
  });

  it.each(rows)("%s: same finding keys", async (_name, c) => {
    const policy = await loadGatePolicy(wasmPath);
    policy.setData(toRegoData(catalog, c.config === "with" ? approved : undefined));
    const inputs = readInput(caseFile(c.slug));
    expect(inputs.length).toBeGreaterThan(0);
    const keys = new Set<string>();
    for (const input of inputs) {
      const result = policy.evaluate(input.json ?? input.document) as Array<{ result: unknown }>;
      expect(result).toHaveLength(1);
      for (const k of findingKeys(result[0]?.result)) keys.add(k);
    }
    expect({ slug: c.slug, keys: [...keys].sort() }).toEqual({ slug: c.slug, keys: fromGo.get(c.slug) });
  });
});
