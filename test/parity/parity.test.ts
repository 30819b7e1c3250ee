import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { loadCatalog, toRegoData, type ApprovedSet } from "../../catalog";
import { readInput, type GateInput } from "../../gate/input";
import { clearPolicyCache, loadGatePolicy } from "../../gate/load-policy";
import { planFixtures, realPlanSample, REPO, requireOpa, requireRealWasm, tempDir } from "../gate/wasm-helper";

/**
 * Terraform Cloud evaluates the Rego with Go OPA; users run the wasm in Node. For every fixture, both must
 * return exactly the same findings array (same elements, same order).
 */

const catalog = loadCatalog();
const CORPUS = path.join(REPO, "test", "fixtures", "inputs", "good");
const APPROVED: ApprovedSet = { models: ["amazon.nova-lite-v1:0"], productIds: [] };

/** rego/ without tests, .regal or dist: the same sources tools/build-wasm.sh compiles. */
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

function opaFindings(opa: string, rego: string, dataFile: string, inputFile: string): unknown {
  const out = execFileSync(opa, ["eval", "-d", rego, "-d", dataFile, "-i", inputFile, "--format", "json", "data.modelgate.main.findings"], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const parsed = JSON.parse(out) as { result?: Array<{ expressions: Array<{ value: unknown }> }> };
  if (!parsed.result || parsed.result.length !== 1) throw new Error(`opa eval: data.modelgate.main.findings is undefined for ${inputFile}`);
  return parsed.result[0]?.expressions[0]?.value;
}

describe("parity: opa eval (Go, as in Terraform Cloud) and the wasm in Node return identical findings", () => {
  const opa = requireOpa();
  const wasmPath = requireRealWasm();
  const work = tempDir("modelgate-parity-");
  const rego = stageRego(work);

  const inputs: GateInput[] = [
    ...planFixtures().flatMap((f) => readInput(f)),
    ...realPlanSample().flatMap((f) => readInput(f)),
    ...readInput(path.join(CORPUS, "plan-utf8.json")),
    ...readInput(path.join(CORPUS, "tfc-input.json")),
    ...readInput(path.join(CORPUS, "cdktf.out")),
  ];

  beforeAll(() => clearPolicyCache());

  describe.each([
    ["catalog only", undefined],
    ["with an approved set (check --config)", APPROVED],
  ])("%s", (label, approved) => {
    const data = toRegoData(catalog, approved);
    const dataFile = path.join(work, `data-${label.replace(/\W+/g, "-")}.json`);
    writeFileSync(dataFile, JSON.stringify(data));

    it.each(inputs.map((i) => [`${path.relative(REPO, i.file)}${i.stack ? ` (${i.stack})` : ""}`, i] as const))(
      "GIVEN %s THEN the same findings from both evaluators",
      async (_name, input) => {
        const inputFile = path.join(work, `input-${Math.random().toString(36).slice(2)}.json`);
        writeFileSync(inputFile, JSON.stringify(input.document));
        const policy = await loadGatePolicy(wasmPath);
        policy.setData(data);
        const wasmResult = policy.evaluate(input.json ?? input.document) as Array<{ result: unknown }>;
        expect(wasmResult).toHaveLength(1);
        const fromWasm = wasmResult[0]?.result;
        const fromGo = opaFindings(opa, rego, dataFile, inputFile);
        expect(Array.isArray(fromGo)).toBe(true);
        expect(fromWasm).toEqual(fromGo);
      },
    );
  });

  it("GIVEN the fixtures THEN at least one of them produces findings (the comparison is not vacuous)", async () => {
    const policy = await loadGatePolicy(wasmPath);
    policy.setData(toRegoData(catalog));
    const counts = inputs.map((i) => ((policy.evaluate(i.json ?? i.document) as Array<{ result: unknown[] }>)[0]?.result ?? []).length);
    expect(counts.some((n) => n > 0)).toBe(true);
  });
});
