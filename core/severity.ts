/** Finding severities, lowest first. Rego METADATA uses upper case; reports use lower case. */
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export function isSeverity(value: unknown): value is Severity {
  return typeof value === "string" && (SEVERITIES as readonly string[]).includes(value);
}

/** Parse a severity in any letter case; undefined when it is not one. */
export function parseSeverity(value: string): Severity | undefined {
  const lower = value.toLowerCase();
  return isSeverity(lower) ? lower : undefined;
}

/** 0 for low … 3 for critical. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}
