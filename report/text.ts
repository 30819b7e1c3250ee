import type { Severity } from "../core/severity";
import { distinctFindingKeys, findingKey, type Finding } from "../gate/finding";
import { SEVERITIES_DESC, approvedSetNotice, isFailing, summarize, type GateReport } from "./reporter";

/** Terminal styling for the text report. The default (no colour, no wrapping) is what pipes and files get. */
export interface TextStyle {
  /** Colours a severity label (given by the CLI on a terminal). */
  readonly paint?: (severity: Severity, text: string) => string;
  /** Wrap long lines to this many columns, continuing with the line's indentation. */
  readonly width?: number;
}

/** Human output: findings grouped by input file, then a summary line. */
export function renderText(report: GateReport, style: TextStyle = {}): string {
  const lines: string[] = [];
  const paint = style.paint ?? ((_s: Severity, text: string) => text);
  const push = (indent: string, text: string) => lines.push(...wrapLine(indent, text, style.width));
  const keys = distinctFindingKeys([...report.findings, ...report.suppressed.map((s) => s.finding)]);
  const keyOf = (f: Finding) => keys.get(f) ?? findingKey(f);
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
      lines.push(`  ${paint(f.severity, `${marker} ${f.severity.toUpperCase()}`)} ${keyOf(f)} ${f.title}`);
      if (f.stack !== undefined || f.constructPath !== undefined) {
        push("      ", `construct: ${[f.stack, f.constructPath].filter((x) => x !== undefined).join(" ")}`);
      }
      push("      ", f.message);
      push("      ", `fix: ${f.remediation}`);
    }
    lines.push("");
  }
  if (report.suppressed.length > 0) {
    lines.push("Suppressed:");
    for (const s of report.suppressed) {
      push("  - ", `${keyOf(s.finding)} (${s.finding.severity}) until ${s.suppression.expires}, ${s.suppression.owner}: ${s.suppression.reason}`);
    }
    lines.push("");
  }
  for (const s of report.expiredSuppressions) {
    push("", `warning: suppression for ${findingKey(s)} expired on ${s.expires} (owner ${s.owner}); it no longer applies`);
  }
  if (report.expiredSuppressions.length > 0) lines.push("");
  const notice = approvedSetNotice(report);
  if (notice !== undefined) push("", notice);
  lines.push(summaryLine(report));
  return `${lines.join("\n")}\n`;
}

/**
 * One logical line as printed: `indent` + text, wrapped at spaces to `width` columns when a width is given, every
 * continuation indented like the first line (a list marker such as "  - " is replaced by spaces).
 */
export function wrapLine(indent: string, text: string, width?: number): string[] {
  const first = indent + text;
  if (width === undefined || first.length <= width) return [first];
  const hang = " ".repeat(indent.length);
  const room = Math.max(20, width - indent.length);
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > room) {
      out.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") out.push(line);
  return out.map((l, i) => (i === 0 ? indent : hang) + l);
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
