import { XMLParser } from "fast-xml-parser";
import { REPORTERS, FORMATS, renderJson, renderJunit, renderMarkdown, renderText, summarize } from "../../report";
import { escapeCell } from "../../report/markdown";
import { sampleReport } from "./sample-report";

describe("summarize: the verdict is a pure function of unsuppressed findings and the threshold", () => {
  it("GIVEN critical, high and low findings at threshold medium THEN failed with counts per severity", () => {
    expect(summarize(sampleReport())).toEqual({
      total: 3,
      bySeverity: { critical: 1, high: 1, medium: 0, low: 1 },
      suppressed: 1,
      expiredSuppressions: 1,
      threshold: "medium",
      failed: true,
      inputs: 2,
      catalogSnapshotDate: "2026-08-21",
    });
  });

  it("GIVEN only a low finding and a suppressed medium one THEN passed", () => {
    const report = sampleReport();
    expect(summarize({ ...report, findings: report.findings.filter((f) => f.severity === "low") }).failed).toBe(false);
  });

  it("GIVEN threshold low THEN the low finding alone fails", () => {
    const report = sampleReport({ threshold: "low" });
    expect(summarize({ ...report, findings: report.findings.filter((f) => f.severity === "low") }).failed).toBe(true);
  });
});

describe("renderJson: exactly one object with findings, suppressed and summary, in a stable key order", () => {
  const parsed = JSON.parse(renderJson(sampleReport()));

  it("GIVEN the sample THEN top-level keys are findings, suppressed, summary", () => {
    expect(Object.keys(parsed)).toEqual(["findings", "suppressed", "summary"]);
  });

  it("GIVEN a synth finding THEN all fields, severity lower-case, in contract order", () => {
    expect(parsed.findings[0]).toEqual({
      ruleId: "MG-0010",
      longId: "unknown_policy",
      severity: "critical",
      title: "Policy unknown at plan time",
      message: "content is unknown | fail closed",
      address: "aws_organizations_policy.DenyUnapprovedModels",
      resourceType: "aws_organizations_policy",
      remediation: 'Put "*" or the 12-digit account ID in the account segment.',
      stack: "org",
      constructPath: "org/DenyUnapprovedModels",
      file: "cdktf.out/stacks/org/cdk.tf.json",
      key: "MG-0010[aws_organizations_policy.DenyUnapprovedModels]",
    });
    expect(Object.keys(parsed.findings[1])).toEqual(["ruleId", "longId", "severity", "title", "message", "address", "resourceType", "remediation", "file", "key"]);
  });

  it("GIVEN a suppressed finding THEN it carries its suppression", () => {
    expect(parsed.suppressed[0].key).toBe("MG-0007[aws_organizations_policy.legacy]");
    expect(parsed.suppressed[0].suppression).toEqual({ reason: "Removed in Q3, ticket PLAT-9", owner: "platform", expires: "2026-09-30" });
  });

  it("GIVEN the sample THEN the summary", () => {
    expect(parsed.summary).toEqual({
      total: 3,
      bySeverity: { critical: 1, high: 1, medium: 0, low: 1 },
      suppressed: 1,
      expiredSuppressions: [{ ruleId: "MG-0005", address: "aws_iam_policy.old", owner: "ml-team", expires: "2026-01-31" }],
      threshold: "medium",
      failed: true,
      inputs: [
        { file: "plans/org.json", kind: "plan" },
        { file: "cdktf.out/stacks/org/cdk.tf.json", kind: "cdktf", stack: "org" },
      ],
      catalogSnapshotDate: "2026-08-21",
    });
  });

  it("GIVEN the same report twice THEN byte-identical output", () => {
    expect(renderJson(sampleReport())).toBe(renderJson(sampleReport()));
  });
});

describe("renderText: grouped by file, ending in one summary line", () => {
  const text = renderText(sampleReport());

  it("GIVEN the sample THEN the exact report", () => {
    expect(text).toBe(
      [
        "cdktf.out/stacks/org/cdk.tf.json",
        "  ✖ CRITICAL MG-0010[aws_organizations_policy.DenyUnapprovedModels] Policy unknown at plan time",
        "      construct: org org/DenyUnapprovedModels",
        "      content is unknown | fail closed",
        '      fix: Put "*" or the 12-digit account ID in the account segment.',
        "",
        "plans/org.json",
        '  ✖ HIGH MG-0005[module.guardrails.aws_organizations_policy.allow["ou-ab12"]] Inference-profile ARN with an empty account segment',
        "      empty account segment in arn:aws:bedrock:*::inference-profile/us.amazon.nova-lite-v1:0",
        '      fix: Put "*" or the 12-digit account ID in the account segment.',
        "  ! LOW MG-0020[aws_iam_policy.x] Allow-list gap on bedrock-mantle",
        "      bedrock-mantle is not denied",
        "      fix: Deny bedrock-mantle:* & friends <advisory>",
        "",
        "Suppressed:",
        "  - MG-0007[aws_organizations_policy.legacy] (medium) until 2026-09-30, platform: Removed in Q3, ticket PLAT-9",
        "",
        "warning: suppression for MG-0005[aws_iam_policy.old] expired on 2026-01-31 (owner ml-team); it no longer applies",
        "",
        "FAIL: at or above medium; 3 findings (1 critical, 1 high, 1 low); 1 suppressed; 1 expired suppression; 2 inputs; catalog 2026-08-21",
        "",
      ].join("\n"),
    );
  });

  it("GIVEN no findings THEN only the summary line", () => {
    expect(renderText(sampleReport({ findings: [], suppressed: [], expiredSuppressions: [], inputs: [{ file: "p.json", kind: "plan" }] }))).toBe(
      "PASS: none at or above medium; no findings; 0 suppressed; 1 input; catalog 2026-08-21\n",
    );
  });
});

describe("renderMarkdown: a PR comment whose tables survive pipes and newlines", () => {
  it("GIVEN cell text with | and a newline THEN escaped so the row keeps its columns", () => {
    expect(escapeCell("a | b\nc")).toBe("a \\| b<br>c");
  });

  it("GIVEN the sample THEN a verdict, the summary table and one row per finding with 5 columns", () => {
    const md = renderMarkdown(sampleReport());
    const lines = md.split("\n");
    expect(lines[0]).toBe("### modelgate: ❌ failed (threshold: medium)");
    expect(lines.slice(2, 10)).toEqual([
      "| Severity | Findings |",
      "|---|---:|",
      "| critical | 1 |",
      "| high | 1 |",
      "| medium | 0 |",
      "| low | 1 |",
      "| suppressed | 1 |",
      "",
    ]);
    expect(lines).toContain(
      '| critical | MG-0010 Policy unknown at plan time | aws_organizations_policy.DenyUnapprovedModels<br>org/DenyUnapprovedModels | content is unknown \\| fail closed | Put "*" or the 12-digit account ID in the account segment. |',
    );
    expect(lines).toContain("| low | MG-0020 Allow-list gap on bedrock-mantle | aws_iam_policy.x | bedrock-mantle is not denied | Deny bedrock-mantle:* & friends &lt;advisory&gt; |");
    const rows = lines.filter((l) => l.startsWith("| critical |") || l.startsWith("| high |") || l.startsWith("| low |"));
    for (const row of rows.filter((r) => r.includes("MG-"))) expect(row.split(/(?<!\\)\|/).length - 2).toBe(5);
    expect(md).toContain("> ⚠️ The suppression for MG-0005[aws_iam_policy.old] expired on 2026-01-31 (owner ml-team) and no longer applies.");
  });
});

describe("renderJunit: one testsuite per rule, failures at or above the threshold", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "testsuite" || name === "testcase" });

  it("GIVEN the sample THEN it parses back with the right counts per suite", () => {
    const doc = parser.parse(renderJunit(sampleReport()));
    const root = doc.testsuites;
    expect([root.tests, root.failures, root.skipped]).toEqual(["4", "2", "1"]);
    const suites = root.testsuite.map((s: Record<string, string>) => [s.name, s.tests, s.failures, s.skipped]);
    expect(suites).toEqual([
      ["MG-0005 Inference-profile ARN with an empty account segment", "1", "1", "0"],
      ["MG-0007 Deny-list SCP", "1", "0", "1"],
      ["MG-0010 Policy unknown at plan time", "1", "1", "0"],
      ["MG-0020 Allow-list gap on bedrock-mantle", "1", "0", "0"],
    ]);
    const failing = root.testsuite[0].testcase[0];
    expect(failing.name).toBe('module.guardrails.aws_organizations_policy.allow["ou-ab12"]');
    expect(failing.failure.type).toBe("high");
    expect(failing.failure["#text"]).toContain("remediation: Put \"*\" or the 12-digit account ID in the account segment.");
    expect(root.testsuite[3].testcase[0]["system-out"]).toBe("low (below threshold medium): bedrock-mantle is not denied");
    expect(root.testsuite[1].testcase[0].skipped.message).toBe("suppressed until 2026-09-30 by platform: Removed in Q3, ticket PLAT-9");
  });

  it("GIVEN no findings THEN one passing testcase so CI shows the gate ran", () => {
    const doc = parser.parse(renderJunit(sampleReport({ findings: [], suppressed: [] })));
    expect([doc.testsuites.tests, doc.testsuites.failures]).toEqual(["1", "0"]);
    expect(doc.testsuites.testsuite[0].testcase[0].name).toBe("no findings in 2 input(s)");
  });
});

describe("REPORTERS: one reporter per format", () => {
  it("GIVEN every format THEN a non-empty string ending in a newline", () => {
    expect(Object.keys(REPORTERS)).toEqual([...FORMATS]);
    for (const format of FORMATS) expect(REPORTERS[format](sampleReport())).toMatch(/\S\n$/);
  });
});
