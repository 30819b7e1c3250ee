import Ajv from "ajv";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { renderSarif } from "../../report";
import { sarifLevel, toUri } from "../../report/sarif";
import { sampleReport } from "./sample-report";

const schema = JSON.parse(readFileSync(path.resolve(__dirname, "..", "fixtures", "schemas", "sarif-schema-2.1.0.json"), "utf8"));

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addFormat("uri-reference", /^\S*$/);
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv.compile(schema);
}

describe("renderSarif: SARIF 2.1.0 valid against the OASIS schema, one result per finding", () => {
  const validate = validator();
  const log = JSON.parse(renderSarif(sampleReport()));

  it("GIVEN the sample report THEN the log validates against the schema", () => {
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("GIVEN an empty report THEN it validates too, with no rules and no results", () => {
    const empty = JSON.parse(renderSarif(sampleReport({ findings: [], suppressed: [] })));
    expect(validate(empty)).toBe(true);
    expect([empty.runs[0].tool.driver.rules, empty.runs[0].results]).toEqual([[], []]);
  });

  it("GIVEN a broken log THEN the validator rejects it (the schema check can fail)", () => {
    const broken = JSON.parse(renderSarif(sampleReport()));
    broken.runs[0].results[0].level = "critical";
    delete broken.runs[0].results[1].message;
    expect(validate(broken)).toBe(false);
  });

  it("GIVEN the sample THEN rules come from finding metadata, sorted by ID, and results point at them", () => {
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string; name: string }) => [r.id, r.name])).toEqual([
      ["MG-0005", "arn_account_segment"],
      ["MG-0007", "deny_list_scp"],
      ["MG-0010", "unknown_policy"],
      ["MG-0020", "mantle_gap"],
    ]);
    expect(run.tool.driver.rules[0].help.text).toBe('Put "*" or the 12-digit account ID in the account segment.');
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it("GIVEN a synth finding THEN level, message, logical location (address) and physical location (input file)", () => {
    expect(log.runs[0].results[0]).toEqual({
      ruleId: "MG-0010",
      ruleIndex: 2,
      level: "error",
      message: { text: "content is unknown | fail closed" },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: "cdktf.out/stacks/org/cdk.tf.json" } },
          logicalLocations: [{ name: "DenyUnapprovedModels", fullyQualifiedName: "aws_organizations_policy.DenyUnapprovedModels", kind: "resource" }],
        },
      ],
      partialFingerprints: { findingKey: "MG-0010[aws_organizations_policy.DenyUnapprovedModels]" },
      properties: { severity: "critical", resourceType: "aws_organizations_policy", stack: "org", constructPath: "org/DenyUnapprovedModels" },
    });
  });

  it("GIVEN a suppressed finding THEN its result carries an accepted external suppression", () => {
    const suppressed = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "MG-0007");
    expect(suppressed.suppressions).toEqual([
      { kind: "external", status: "accepted", justification: "Removed in Q3, ticket PLAT-9 (owner platform, expires 2026-09-30)" },
    ]);
  });

  it("GIVEN each severity THEN the SARIF level", () => {
    expect((["critical", "high", "medium", "low"] as const).map(sarifLevel)).toEqual(["error", "error", "warning", "note"]);
  });

  it("GIVEN Windows or ./ paths and spaces THEN relative URIs with forward slashes, percent-encoded", () => {
    expect(toUri(".\\plans\\my plan.json")).toBe("plans/my%20plan.json");
    expect(toUri("./cdktf.out/stacks/a/cdk.tf.json")).toBe("cdktf.out/stacks/a/cdk.tf.json");
  });
});

describe("SARIF: two findings of one rule on one address have distinct fingerprints", () => {
  it("GIVEN two MG-0005 findings on aws_iam_policy.ml THEN their partialFingerprints differ", () => {
    const base = sampleReport().findings[1]!;
    const report = sampleReport({ findings: [{ ...base, message: "first ARN" }, { ...base, message: "second ARN" }], suppressed: [] });
    const results = JSON.parse(renderSarif(report)).runs[0].results as { partialFingerprints: { findingKey: string } }[];
    const prints = results.map((r) => r.partialFingerprints.findingKey);
    expect(new Set(prints).size).toBe(2);
  });
});
