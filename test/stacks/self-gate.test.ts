import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { approvedSet, loadConfig } from "../../config";
import { buildApp } from "../../stacks";
import { evaluateInputs, readInputs } from "../../gate";

describe("buildApp + gate: the project's own synthesized stacks pass the project's own gate", () => {
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), "modelgate-self-gate-"));
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("reports no finding at all for the bundled example, with its approved set", async () => {
    // GIVEN the bundled example config, synthesized exactly as `npm start` does
    const resolved = loadConfig(join(__dirname, "../../examples/organization/modelgate.yaml"));
    buildApp(resolved, { outdir }).app.synth();
    // WHEN the real wasm gate checks the whole cdktf.out directory against the config's approved set
    const inputs = readInputs([outdir]);
    const findings = await evaluateInputs(inputs, { catalog: resolved.catalog, approved: approvedSet(resolved) });
    // THEN all five stacks are read and nothing is reported, not even advisories
    expect(inputs.map((i) => i.stack).sort()).toEqual([
      "account-data-science",
      "account-ml-dev",
      "account-ml-prod",
      "account-research-sandbox",
      "organization",
    ]);
    expect(findings.map((f) => `${f.ruleId}[${f.address}] ${f.message}`)).toEqual([]);
  });
});
