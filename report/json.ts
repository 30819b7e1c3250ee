import { distinctFindingKeys, findingKey, type Finding } from "../gate/finding";
import type { SuppressedFinding } from "../gate/suppressions";
import { approvedSetNotice, summarize, type GateReport } from "./reporter";

/** Key order is fixed here, so the output is byte-stable for the same findings. */
function findingJson(f: Finding, keys: ReadonlyMap<Finding, string>): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    longId: f.longId,
    severity: f.severity,
    title: f.title,
    message: f.message,
    address: f.address,
    resourceType: f.resourceType,
    remediation: f.remediation,
    ...(f.stack !== undefined ? { stack: f.stack } : {}),
    ...(f.constructPath !== undefined ? { constructPath: f.constructPath } : {}),
    file: f.file,
    key: keys.get(f) ?? findingKey(f),
  };
}

function suppressedJson(s: SuppressedFinding, keys: ReadonlyMap<Finding, string>): Record<string, unknown> {
  return {
    ...findingJson(s.finding, keys),
    suppression: { reason: s.suppression.reason, owner: s.suppression.owner, expires: s.suppression.expires },
  };
}

/** Exactly one JSON object: {"findings": […], "suppressed": […], "summary": {…}}. */
export function renderJson(report: GateReport): string {
  const summary = summarize(report);
  const keys = distinctFindingKeys([...report.findings, ...report.suppressed.map((s) => s.finding)]);
  const out = {
    findings: report.findings.map((f) => findingJson(f, keys)),
    suppressed: report.suppressed.map((s) => suppressedJson(s, keys)),
    summary: {
      total: summary.total,
      bySeverity: {
        critical: summary.bySeverity.critical,
        high: summary.bySeverity.high,
        medium: summary.bySeverity.medium,
        low: summary.bySeverity.low,
      },
      suppressed: summary.suppressed,
      expiredSuppressions: report.expiredSuppressions.map((s) => ({
        ruleId: s.ruleId,
        address: s.address,
        owner: s.owner,
        expires: s.expires,
      })),
      threshold: summary.threshold,
      failed: summary.failed,
      inputs: report.inputs.map((i) => ({ file: i.file, kind: i.kind, ...(i.stack !== undefined ? { stack: i.stack } : {}) })),
      catalogSnapshotDate: summary.catalogSnapshotDate,
      ...((report.rulesNotEvaluated ?? []).length > 0 ? { approvedSet: "none", rulesNotEvaluated: [...(report.rulesNotEvaluated ?? [])], notice: approvedSetNotice(report) } : {}),
    },
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
