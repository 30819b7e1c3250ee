import { findingKey } from "../gate/finding";
import { SEVERITIES_DESC, approvedSetNotice, summarize, type GateReport } from "./reporter";

/** Escape text for one GitHub-flavoured markdown table cell. */
export function escapeCell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/[<>]/g, (c) => (c === "<" ? "&lt;" : "&gt;"))
    .replace(/`/g, "\\`")
    .replace(/\r?\n/g, "<br>");
}

/** A pull-request comment: verdict, a summary table, then one table of findings. */
export function renderMarkdown(report: GateReport): string {
  const s = summarize(report);
  const out: string[] = [];
  out.push(`### modelgate: ${s.failed ? "❌ failed" : "✅ passed"} (threshold: ${s.threshold})`);
  out.push("");
  out.push("| Severity | Findings |");
  out.push("|---|---:|");
  for (const sev of SEVERITIES_DESC) out.push(`| ${sev} | ${s.bySeverity[sev]} |`);
  out.push(`| suppressed | ${s.suppressed} |`);
  out.push("");
  const notice = approvedSetNotice(report);
  if (notice !== undefined) {
    out.push(`> ⚠️ ${escapeCell(notice)}`);
    out.push("");
  }
  if (report.findings.length > 0) {
    out.push("| Severity | Rule | Address | Message | Remediation |");
    out.push("|---|---|---|---|---|");
    for (const f of report.findings) {
      const where = escapeCell(f.address) + (f.constructPath !== undefined ? `<br>${escapeCell(f.constructPath)}` : "");
      out.push(
        `| ${f.severity} | ${escapeCell(f.ruleId)} ${escapeCell(f.title)} | ${where} | ${escapeCell(f.message)} | ${escapeCell(f.remediation)} |`,
      );
    }
    out.push("");
  }
  if (report.suppressed.length > 0) {
    out.push("<details><summary>Suppressed findings</summary>");
    out.push("");
    out.push("| Finding | Owner | Expires | Reason |");
    out.push("|---|---|---|---|");
    for (const x of report.suppressed) {
      out.push(`| ${escapeCell(findingKey(x.finding))} | ${escapeCell(x.suppression.owner)} | ${x.suppression.expires} | ${escapeCell(x.suppression.reason)} |`);
    }
    out.push("");
    out.push("</details>");
    out.push("");
  }
  for (const e of report.expiredSuppressions) {
    out.push(`> ⚠️ The suppression for ${escapeCell(findingKey(e))} expired on ${e.expires} (owner ${escapeCell(e.owner)}) and no longer applies.`);
  }
  if (report.expiredSuppressions.length > 0) out.push("");
  out.push(`<sub>${s.inputs} input(s); catalog snapshot ${s.catalogSnapshotDate}</sub>`);
  return `${out.join("\n")}\n`;
}
