import { findingKey, type Finding } from "../gate/finding";
import { SEVERITIES_DESC, isFailing, summarize, type GateReport } from "./reporter";

/** Human output: findings grouped by input file, then a summary line. */
export function renderText(report: GateReport): string {
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of [...byFile.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(file);
    for (const f of findings) {
      const marker = isFailing(f, report.threshold) ? "✖" : "!";
      lines.push(`  ${marker} ${f.severity.toUpperCase()} ${findingKey(f)} ${f.title}`);
      if (f.stack !== undefined || f.constructPath !== undefined) {
        lines.push(`      construct: ${[f.stack, f.constructPath].filter((x) => x !== undefined).join(" ")}`);
      }
      lines.push(`      ${f.message}`);
      lines.push(`      fix: ${f.remediation}`);
    }
    lines.push("");
  }
  if (report.suppressed.length > 0) {
    lines.push("Suppressed:");
    for (const s of report.suppressed) {
      lines.push(`  - ${findingKey(s.finding)} (${s.finding.severity}) until ${s.suppression.expires}, ${s.suppression.owner}: ${s.suppression.reason}`);
    }
    lines.push("");
  }
  for (const s of report.expiredSuppressions) {
    lines.push(`warning: suppression for ${findingKey(s)} expired on ${s.expires} (owner ${s.owner}); it no longer applies`);
  }
  if (report.expiredSuppressions.length > 0) lines.push("");
  lines.push(summaryLine(report));
  return `${lines.join("\n")}\n`;
}

export function summaryLine(report: GateReport): string {
  const s = summarize(report);
  const counts = SEVERITIES_DESC.filter((sev) => s.bySeverity[sev] > 0).map((sev) => `${s.bySeverity[sev]} ${sev}`);
  const found = s.total === 0 ? "no findings" : `${s.total} finding${s.total === 1 ? "" : "s"} (${counts.join(", ")})`;
  const verdict = s.failed ? `FAIL: at or above ${s.threshold}` : `PASS: none at or above ${s.threshold}`;
  const extras = [
    `${s.suppressed} suppressed`,
    ...(s.expiredSuppressions > 0 ? [`${s.expiredSuppressions} expired suppression${s.expiredSuppressions === 1 ? "" : "s"}`] : []),
    `${s.inputs} input${s.inputs === 1 ? "" : "s"}`,
    `catalog ${s.catalogSnapshotDate}`,
  ];
  return `${verdict}; ${found}; ${extras.join("; ")}`;
}
