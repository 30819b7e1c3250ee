/**
 * Every rule's <slug>.yaml holds good and bad resource_changes examples (they feed docs/rules.md). This runs them
 * through the real wasm gate built from the repo's Rego: a good example produces no finding of that rule, a bad
 * one at least one. Rules that judge against the approved set run with a config approving amazon.nova-lite-v1:0
 * and Claude Haiku 4.5 (and its Marketplace product).
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { loadCatalog, type ApprovedSet } from "../../catalog";
import { evaluatePlan } from "../../gate/evaluate";
import { parseInputBytes, type GateInput } from "../../gate/input";
import { REAL_WASM, REPO, plan } from "../gate/wasm-helper";

const catalog = loadCatalog();
const approved: ApprovedSet = {
  models: ["amazon.nova-lite-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0"],
  productIds: ["prod-xdkflymybwmvi"],
};
const { rules } = JSON.parse(readFileSync(path.join(REPO, "rego/dist/rules.json"), "utf8")) as {
  rules: { id: string; longId: string }[];
};
/** Rules whose judgment needs the approved set, and MG-0025, whose examples assume one (it also runs without). */
const NEEDS_CONFIG = new Set(["MG-0010", "MG-0020", "MG-0022", "MG-0025"]);

function examplesFile(longId: string): string {
  for (const service of readdirSync(path.join(REPO, "rego/rules")).sort()) {
    const file = path.join(REPO, "rego/rules", service, longId, `${longId}.yaml`);
    try {
      readFileSync(file);
      return file;
    } catch {
      continue;
    }
  }
  throw new Error(`no ${longId}.yaml under rego/rules/*/${longId}/`);
}

const cases = rules.flatMap((rule) => {
  const examples = parseYaml(readFileSync(examplesFile(rule.longId), "utf8")) as { good: unknown[]; bad: unknown[] };
  return [
    ...examples.good.map((rc, i) => ({ rule, kind: "good" as const, i, rc })),
    ...examples.bad.map((rc, i) => ({ rule, kind: "bad" as const, i, rc })),
  ];
});

function inputOf(rc: unknown): GateInput {
  return parseInputBytes(Buffer.from(JSON.stringify(plan([rc]))), "example.json")[0] as GateInput;
}

describe("rule examples: each rule's good examples pass it and its bad examples fail it, through the wasm gate", () => {
  it("every rule has at least one good example, and every rule that judges resources a bad one", () => {
    for (const rule of rules) {
      expect(cases.some((c) => c.rule.id === rule.id && c.kind === "good")).toBe(true);
      // MG-0023 judges the plan as a whole (no resource_changes), MG-0024 the input (no plan object); their Rego
      // tests (and, for MG-0024, test/gate/evaluate.test.ts) cover the bad case.
      if (rule.id !== "MG-0023" && rule.id !== "MG-0024") expect(cases.some((c) => c.rule.id === rule.id && c.kind === "bad")).toBe(true);
    }
  });

  it.each(cases.map((c) => [`${c.rule.id} ${c.rule.longId} ${c.kind}[${c.i}]`, c] as const))("%s", async (_name, c) => {
    const findings = await evaluatePlan(inputOf(c.rc), {
      catalog,
      wasmPath: REAL_WASM,
      ...(NEEDS_CONFIG.has(c.rule.id) ? { approved } : {}),
    });
    const ofRule = findings.filter((f) => f.ruleId === c.rule.id).map((f) => f.message);
    if (c.kind === "good") expect(ofRule).toEqual([]);
    else expect(ofRule.length).toBeGreaterThan(0);
  });
});
