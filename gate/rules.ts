import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { GateEvaluationError, describeThrown } from "../core/errors";
import { SEVERITIES, type Severity } from "../core/severity";
import { defaultWasmPath } from "./load-policy";

/** One rule's METADATA, as tools/build-wasm.sh extracts it into rego/dist/rules.json beside the wasm. */
export interface RuleInfo {
  readonly id: string;
  readonly longId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly description: string;
  readonly remediation: string;
  readonly relatedResources: string[];
  readonly package: string;
  readonly deprecated: boolean;
  /** True for rules that judge against the config's approved set and are not evaluated without one. */
  readonly requiresConfig?: boolean;
}

const RULE_FIELDS = new Set(["id", "longId", "title", "severity", "description", "remediation", "relatedResources", "package", "deprecated", "requiresConfig"]);

/**
 * What is wrong with one rules.json entry, or undefined. Checked by hand rather than with zod: every `check` reads
 * this file, and loading zod alone costs more than a tiny plan's evaluation (BENCHMARKS.md, start-up).
 */
function ruleInfoProblem(value: unknown, index: number): string | undefined {
  const at = `rules[${index}]`;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return `${at} is not an object`;
  const r = value as Record<string, unknown>;
  const extra = Object.keys(r).find((k) => !RULE_FIELDS.has(k));
  if (extra !== undefined) return `${at} has an unknown field "${extra}"`;
  const nonEmpty = (k: string): boolean => typeof r[k] === "string" && (r[k] as string).length > 0;
  if (typeof r.id !== "string" || !/^MG-\d{4}$/.test(r.id)) return `${at}.id is not an MG-NNNN rule ID`;
  for (const k of ["longId", "title", "package"]) if (!nonEmpty(k)) return `${at}.${k} is not a non-empty string`;
  for (const k of ["description", "remediation"]) if (typeof r[k] !== "string") return `${at}.${k} is not a string`;
  if (!(SEVERITIES as readonly unknown[]).includes(r.severity)) return `${at}.severity is not one of ${SEVERITIES.join(", ")}`;
  if (!Array.isArray(r.relatedResources) || !r.relatedResources.every((x) => typeof x === "string")) return `${at}.relatedResources is not a list of strings`;
  if (typeof r.deprecated !== "boolean") return `${at}.deprecated is not a boolean`;
  if (r.requiresConfig !== undefined && typeof r.requiresConfig !== "boolean") return `${at}.requiresConfig is not a boolean`;
  return undefined;
}

/** The rules compiled into the wasm beside `wasmPath`, sorted by id. A missing or invalid file is an internal error. */
export function loadRuleInfo(wasmPath: string = defaultWasmPath()): RuleInfo[] {
  const file = path.join(path.dirname(wasmPath), "rules.json");
  if (!existsSync(file)) {
    throw new GateEvaluationError("GATE_RULES_MISSING", `${file} not found; rebuild the gate with npm run rego:build`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new GateEvaluationError("GATE_RULES_INVALID", `${file} is not JSON: ${describeThrown(error)}`, { cause: error });
  }
  const rules = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>).rules : undefined;
  const problem =
    parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || Object.keys(parsed).some((k) => k !== "rules") || !Array.isArray(rules)
      ? "expected an object with only a rules list"
      : rules.map(ruleInfoProblem).find((p) => p !== undefined);
  if (problem !== undefined) throw new GateEvaluationError("GATE_RULES_INVALID", `${file} does not describe rules: ${problem}`);
  return rules as RuleInfo[];
}

/**
 * Rules that compare against the approved set from the user's config, used when rules.json does not mark them
 * with `requiresConfig`: MG-0010 model_not_approved, MG-0020 subscribe_product_not_approved and MG-0022 scp_exempts_unapproved. The one place this
 * list lives.
 */
export const CONFIG_ONLY_RULES_FALLBACK: readonly string[] = ["MG-0010", "MG-0020", "MG-0022"];

/** IDs of the rules that need a config to be evaluated: from rules.json's `requiresConfig` when any rule has it. */
export function configOnlyRules(rules: readonly RuleInfo[]): string[] {
  const marked = rules.some((r) => r.requiresConfig !== undefined);
  const ids = marked
    ? rules.filter((r) => r.requiresConfig === true).map((r) => r.id)
    : rules.filter((r) => CONFIG_ONLY_RULES_FALLBACK.includes(r.id)).map((r) => r.id);
  return ids.filter((id, i) => ids.indexOf(id) === i).sort();
}
