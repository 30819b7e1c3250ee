import { SEVERITIES, atLeast, type Severity } from "../core/severity";
import type { Finding } from "../gate/finding";
import type { InputKind } from "../gate/input";
import type { SuppressedFinding, Suppression } from "../gate/suppressions";

/** Everything a reporter needs; reporters are pure functions of it and do no I/O. */
export interface GateReport {
  /** Findings still in force (not suppressed), sorted. */
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly expiredSuppressions: readonly Suppression[];
  readonly threshold: Severity;
  readonly inputs: readonly ReportInput[];
  readonly catalogSnapshotDate: string;
  /**
   * Set when the check ran without a config (no approved set): the rules that need one and were not evaluated.
   * Absent or empty when a config was given.
   */
  readonly rulesNotEvaluated?: readonly string[];
}

export interface ReportInput {
  readonly file: string;
  readonly kind: InputKind;
  readonly stack?: string;
}

export interface Summary {
  readonly total: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly suppressed: number;
  readonly expiredSuppressions: number;
  readonly threshold: Severity;
  /** True when at least one unsuppressed finding is at or above the threshold. */
  readonly failed: boolean;
  readonly inputs: number;
  readonly catalogSnapshotDate: string;
}

export const FORMATS = ["text", "json", "sarif", "junit", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

/** One reporter per format; every reporter renders the whole report as one string. */
export type Reporter = (report: GateReport) => string;

export function summarize(report: GateReport): Summary {
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0 } as Record<Severity, number>;
  for (const f of report.findings) bySeverity[f.severity] += 1;
  return {
    total: report.findings.length,
    bySeverity,
    suppressed: report.suppressed.length,
    expiredSuppressions: report.expiredSuppressions.length,
    threshold: report.threshold,
    failed: report.findings.some((f) => atLeast(f.severity, report.threshold)),
    inputs: report.inputs.length,
    catalogSnapshotDate: report.catalogSnapshotDate,
  };
}

/** Severities from critical down, for display. */
export const SEVERITIES_DESC: readonly Severity[] = [...SEVERITIES].reverse();

export function isFailing(finding: Finding, threshold: Severity): boolean {
  return atLeast(finding.severity, threshold);
}

/** Distinct rules among findings, in first-seen order of the (sorted) findings. */
export function rulesOf(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) if (!seen.has(f.ruleId)) seen.set(f.ruleId, f);
  return [...seen.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

/** "approved set: none — rules MG-0010, MG-0020, MG-0022 not evaluated (…)", or undefined when a config was given. */
export function approvedSetNotice(report: GateReport): string | undefined {
  const rules = report.rulesNotEvaluated ?? [];
  if (rules.length === 0) return undefined;
  return (
    `approved set: none — rules ${rules.join(", ")} not evaluated ` +
    `(no --config, $MODELGATE_CONFIG or ./modelgate.yaml; --require-config makes this an error)`
  );
}
