import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { GateEvaluationError, describeThrown } from "../core/errors";
import { SEVERITIES } from "../core/severity";
import { defaultWasmPath } from "./load-policy";

/** One rule's METADATA, as tools/build-wasm.sh extracts it into rego/dist/rules.json beside the wasm. */
export const ruleInfoSchema = z.strictObject({
  id: z.string().regex(/^MG-\d{4}$/),
  longId: z.string().min(1),
  title: z.string().min(1),
  severity: z.enum(SEVERITIES),
  description: z.string(),
  remediation: z.string(),
  relatedResources: z.array(z.string()),
  package: z.string().min(1),
  deprecated: z.boolean(),
  /** True for rules that judge against the config's approved set and are not evaluated without one. */
  requiresConfig: z.boolean().optional(),
});
export type RuleInfo = z.infer<typeof ruleInfoSchema>;

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
  const result = z.strictObject({ rules: z.array(ruleInfoSchema) }).safeParse(parsed);
  if (!result.success) {
    throw new GateEvaluationError("GATE_RULES_INVALID", `${file} does not describe rules: ${result.error.issues[0]?.message ?? "invalid"}`);
  }
  return result.data.rules;
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
