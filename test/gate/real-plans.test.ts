/**
 * The gate on real `terraform show -json` / `tofu show -json` plans of the example organization, made by the
 * end-to-end deploy suite (real terraform, the stand-in provider, moto) and committed under
 * test/fixtures/real-plans (regenerate: bash tools/gen-real-plans.sh). Every fixture has an expected verdict in
 * expected.json, derived from what the scenario does, not from a previous gate run.
 */
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { loadGatePolicy, evaluateInputs, readInputs, type GatePolicy } from "../../gate";
import { approvedSet, loadConfig } from "../../config";
import expected from "../fixtures/real-plans/expected.json";

const ROOT = path.join(__dirname, "..", "fixtures", "real-plans");
const CONFIG = loadConfig(path.join(__dirname, "..", "..", "examples", "organization", "modelgate.yaml"));

interface Expectation {
  readonly verdict: "pass" | "block";
  readonly rules?: readonly string[];
}

const fixtures: { tool: string; scenario: string; stack: string; file: string }[] = [];
for (const tool of ["terraform", "tofu"]) {
  const dir = path.join(ROOT, tool);
  if (!existsSync(dir)) continue;
  for (const scenario of readdirSync(dir).sort()) {
    for (const f of readdirSync(path.join(dir, scenario)).sort()) {
      fixtures.push({ tool, scenario, stack: f.replace(/\.json$/, ""), file: path.join(dir, scenario, f) });
    }
  }
}

function expectationFor(scenario: string, stack: string): Expectation | undefined {
  const s = (expected as unknown as Record<string, Record<string, Expectation>>)[scenario];
  return s?.[stack] ?? s?.["*"];
}

let policy: GatePolicy;
beforeAll(async () => {
  policy = await loadGatePolicy();
});

describe("gate on real plans: every committed terraform/tofu plan gets the verdict its scenario calls for", () => {
  test("GIVEN the committed real plans THEN there are some, and each has an expectation", () => {
    expect(fixtures.filter((f) => f.tool === "terraform").length).toBeGreaterThanOrEqual(20);
    expect(fixtures.filter((f) => expectationFor(f.scenario, f.stack) === undefined).map((f) => path.relative(ROOT, f.file))).toEqual([]);
  });

  test.each(fixtures.map((f) => [path.relative(ROOT, f.file), f] as const))("%s", async (_name, f) => {
    const want = expectationFor(f.scenario, f.stack)!;
    const inputs = readInputs([f.file]);
    expect(inputs.map((i) => i.kind)).toEqual(["plan"]);
    const findings = await evaluateInputs(inputs, { catalog: CONFIG.catalog, approved: approvedSet(CONFIG), policy });
    const failing = findings.filter((x) => ["medium", "high", "critical"].includes(x.severity));
    if (want.verdict === "pass") {
      expect(failing.map((x) => `${x.ruleId}[${x.address}]`)).toEqual([]);
    } else {
      expect(failing.length).toBeGreaterThan(0);
      for (const rule of want.rules ?? []) expect(failing.map((x) => x.ruleId)).toContain(rule);
    }
  });
});
