import { createHash } from "node:crypto";
import { GateEvaluationError } from "../core/errors";
import { isSeverity, parseSeverity, severityRank, type Severity } from "../core/severity";

/** The one entrypoint the gate evaluates (package modelgate.main, rule findings). */
export const FINDINGS_ENTRYPOINT = "modelgate/main/findings";

/** One violation of the model policy, as the gate reports it. Findings are data: they never throw. */
export interface Finding {
  /** Permanent rule ID, e.g. "MG-0005". */
  readonly ruleId: string;
  /** The rule's slug, e.g. "arn_account_segment". */
  readonly longId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly message: string;
  /** The Terraform address exactly as in the plan, module-qualified. */
  readonly address: string;
  readonly resourceType: string;
  readonly remediation: string;
  /** CDKTF stack name, when the input was synth output. */
  readonly stack?: string;
  /** CDKTF construct path, when the input was synth output. */
  readonly constructPath?: string;
  /** The input file (or synth directory) the finding came from. */
  readonly file: string;
}

/** The key a suppression targets and the stable identity of a finding: `RuleID[address]`. */
export function findingKey(finding: Pick<Finding, "ruleId" | "address">): string {
  return `${finding.ruleId}[${finding.address}]`;
}

/**
 * A key per finding that tells apart two findings of one rule on one address in one input (a policy can break a
 * rule in two places): `RuleID[address]` when it is the only one, else `RuleID[address]#<8 hex of sha256(message)>`
 * (stable across runs and orderings; a further `-2`, `-3` only for findings whose messages are identical too).
 * Suppressions still match on `RuleID[address]` (findingKey).
 */
export function distinctFindingKeys(findings: readonly Finding[]): Map<Finding, string> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = `${findingKey(f)}\u0000${f.stack ?? ""}\u0000${f.file}`;
    const list = groups.get(group) ?? [];
    list.push(f);
    groups.set(group, list);
  }
  const keys = new Map<Finding, string>();
  for (const list of groups.values()) {
    if (list.length === 1) {
      keys.set(list[0] as Finding, findingKey(list[0] as Finding));
      continue;
    }
    const seen = new Map<string, number>();
    for (const f of [...list].sort(compareFindings)) {
      const base = `${findingKey(f)}#${createHash("sha256").update(f.message).digest("hex").slice(0, 8)}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      keys.set(f, n === 1 ? base : `${base}-${n}`);
    }
  }
  return keys;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Severity (critical first), then rule ID, address, message, then stack and file so that the order is total. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.address, b.address) ||
    compareStrings(a.message, b.message) ||
    compareStrings(a.stack ?? "", b.stack ?? "") ||
    compareStrings(a.file, b.file)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** Fields every raw finding from the wasm must carry, as non-empty strings. */
const REQUIRED_STRING_FIELDS = ["ruleId", "longId", "title", "severity", "remediation", "message", "address", "resourceType"] as const;

/**
 * Check the shape of one element of the wasm result and turn it into a Finding.
 * Returns the list of problems instead when it is malformed: the caller fails closed on any.
 */
export function parseRawFinding(
  raw: unknown,
  index: number,
  context: { file: string; stack?: string; constructPath?: (address: string) => string | undefined },
): Finding | string[] {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return [`findings[${index}] is ${describeType(raw)}, expected an object`];
  }
  const record = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of REQUIRED_STRING_FIELDS) {
    const value = record[field];
    if (typeof value !== "string" || value.length === 0) {
      problems.push(`findings[${index}].${field} is ${describeType(value)}, expected a non-empty string`);
    }
  }
  const severity = typeof record.severity === "string" ? parseSeverity(record.severity) : undefined;
  if (typeof record.severity === "string" && record.severity.length > 0 && severity === undefined) {
    problems.push(`findings[${index}].severity is "${record.severity}", expected LOW, MEDIUM, HIGH or CRITICAL`);
  }
  if (problems.length > 0 || severity === undefined || !isSeverity(severity)) return problems;
  const address = record.address as string;
  const constructPath = context.constructPath?.(address);
  return {
    ruleId: record.ruleId as string,
    longId: record.longId as string,
    severity,
    title: record.title as string,
    message: record.message as string,
    address,
    resourceType: record.resourceType as string,
    remediation: record.remediation as string,
    ...(context.stack !== undefined ? { stack: context.stack } : {}),
    ...(constructPath !== undefined ? { constructPath } : {}),
    file: context.file,
  };
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Throw when the result of the wasm is malformed; never treat it as "no findings". */
function assertFindingsArray(value: unknown, entrypoint: string): asserts value is unknown[] {
  if (!Array.isArray(value)) {
    throw new GateEvaluationError(
      "GATE_RESULT_INVALID",
      `the policy entrypoint ${entrypoint} returned ${describeType(value)} instead of an array of findings; the plan was not evaluated`,
    );
  }
}

/** The findings array of the SDK's result set for one evaluation of `file`; anything else is a GateEvaluationError. */
export function findingsOfResultSet(resultSet: unknown, file: string): unknown[] {
  const value = unwrapResultSet(resultSet, file);
  assertFindingsArray(value, FINDINGS_ENTRYPOINT);
  return value;
}

/** The SDK returns `[{"result": value}]`, or `[]` when the entrypoint is undefined. */
function unwrapResultSet(resultSet: unknown, file: string): unknown {
  if (!Array.isArray(resultSet) || resultSet.length !== 1) {
    const what = Array.isArray(resultSet) && resultSet.length === 0 ? "undefined" : describeType(resultSet);
    throw new GateEvaluationError(
      "GATE_RESULT_INVALID",
      `the policy entrypoint ${FINDINGS_ENTRYPOINT} was ${what} for ${file}; the plan was not evaluated`,
    );
  }
  const first: unknown = resultSet[0];
  if (first === null || typeof first !== "object" || !("result" in first)) {
    throw new GateEvaluationError(
      "GATE_RESULT_INVALID",
      `the policy entrypoint ${FINDINGS_ENTRYPOINT} was undefined for ${file}; the plan was not evaluated`,
    );
  }
  return (first as { result: unknown }).result;
}
