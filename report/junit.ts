import { findingKey, type Finding } from "../gate/finding";
import { approvedSetNotice, isFailing, rulesOf, summarize, type GateReport } from "./reporter";

/** Escape text for XML attribute values and character data. */
export function escapeXml(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;",
  );
}

/**
 * JUnit XML: one testsuite per rule that produced findings, one testcase per finding. Findings at or above the
 * threshold are failures; those below it pass (with the finding in system-out); suppressed ones are skipped.
 * An empty report has one passing testcase, so CI shows that the gate ran.
 */
export function renderJunit(report: GateReport): string {
  const all = [...report.findings, ...report.suppressed.map((s) => s.finding)];
  const suppressedKeys = new Map(report.suppressed.map((s) => [findingKey(s.finding) + "\u0000" + s.finding.file, s.suppression] as const));
  const summary = summarize(report);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const rule of rulesOf(all)) {
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    for (const f of all.filter((x) => x.ruleId === rule.ruleId)) {
      const name = escapeXml(`${f.address}`);
      const classname = escapeXml(`${f.ruleId}.${f.longId}`);
      const suppression = suppressedKeys.get(findingKey(f) + "\u0000" + f.file);
      const isSuppressed = suppression !== undefined && !report.findings.includes(f);
      if (isSuppressed) {
        suiteSkipped += 1;
        cases.push(
          `    <testcase name="${name}" classname="${classname}" file="${escapeXml(f.file)}">\n` +
            `      <skipped message="${escapeXml(`suppressed until ${suppression.expires} by ${suppression.owner}: ${suppression.reason}`)}"/>\n` +
            `    </testcase>`,
        );
      } else if (isFailing(f, report.threshold)) {
        suiteFailures += 1;
        cases.push(
          `    <testcase name="${name}" classname="${classname}" file="${escapeXml(f.file)}">\n` +
            `      <failure message="${escapeXml(f.message)}" type="${f.severity}">${escapeXml(failureBody(f))}</failure>\n` +
            `    </testcase>`,
        );
      } else {
        cases.push(
          `    <testcase name="${name}" classname="${classname}" file="${escapeXml(f.file)}">\n` +
            `      <system-out>${escapeXml(`${f.severity} (below threshold ${report.threshold}): ${f.message}`)}</system-out>\n` +
            `    </testcase>`,
        );
      }
    }
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${escapeXml(`${rule.ruleId} ${rule.title}`)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">\n` +
        `${cases.join("\n")}\n  </testsuite>`,
    );
  }
  if (suites.length === 0) {
    tests = 1;
    suites.push(
      `  <testsuite name="modelgate" tests="1" failures="0" errors="0" skipped="0">\n` +
        `    <testcase name="no findings in ${summary.inputs} input(s)" classname="modelgate"/>\n  </testsuite>`,
    );
  }
  const notice = approvedSetNotice(report);
  if (notice !== undefined) {
    const rules = report.rulesNotEvaluated ?? [];
    tests += rules.length;
    skipped += rules.length;
    suites.push(
      `  <testsuite name="modelgate approved set" tests="${rules.length}" failures="0" errors="0" skipped="${rules.length}">\n` +
        rules.map((id) => `    <testcase name="${escapeXml(id)} not evaluated" classname="modelgate.approved-set">\n      <skipped message="${escapeXml(notice)}"/>\n    </testcase>`).join("\n") +
        `\n  </testsuite>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="modelgate" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
    `${suites.join("\n")}\n</testsuites>\n`
  );
}

function failureBody(f: Finding): string {
  return [
    `${f.severity.toUpperCase()} ${findingKey(f)}: ${f.title}`,
    f.message,
    ...(f.constructPath !== undefined ? [`construct: ${f.constructPath}`] : []),
    `remediation: ${f.remediation}`,
  ].join("\n");
}
