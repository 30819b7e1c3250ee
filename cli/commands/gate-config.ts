import { discoverGateData, type GateData } from "../../config";
import { CONFIG_ONLY_RULES_FALLBACK, configOnlyRules, loadRuleInfo } from "../../gate";
import type { CliIo } from "../io";

/**
 * The config of a command that gates (serve, export-policy-set, deploy), discovered as check does: `--config`, else
 * `$MODELGATE_CONFIG`, else `./modelgate.yaml`. `rulesNotEvaluated` lists the approved-set rules when none was found.
 */
export interface CommandGateData extends GateData {
  readonly rulesNotEvaluated: readonly string[];
}

export function gateDataForCommand(
  io: CliIo,
  flag: string | undefined,
  mode: "optional" | "require-config" | "needed",
): CommandGateData {
  const rules = mode === "needed" ? [] : rulesNeedingConfig(io.wasmPath);
  const data = discoverGateData({ flag, env: io.env ?? {}, cwd: io.cwd ?? process.cwd(), mode, rulesNotEvaluated: rules });
  return { ...data, rulesNotEvaluated: data.location === undefined ? rules : [] };
}

/** "approved set: none — rules … not evaluated (…)": the line check prints in its reports, for the other commands. */
export function noConfigNotice(rules: readonly string[]): string {
  return (
    `approved set: none — rules ${rules.join(", ")} not evaluated ` +
    `(no --config, $MODELGATE_CONFIG or ./modelgate.yaml; --require-config makes this an error)`
  );
}

/** The config-only rules of the policy beside `wasmPath`, or the fallback list when its rules.json is absent. */
function rulesNeedingConfig(wasmPath: string | undefined): string[] {
  try {
    return configOnlyRules(loadRuleInfo(wasmPath));
  } catch {
    return [...CONFIG_ONLY_RULES_FALLBACK];
  }
}
