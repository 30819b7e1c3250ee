/**
 * Composition root: read the config, build the CDKTF app, synthesize into cdktf.out (or $CDKTF_OUTDIR), then gate
 * the synth output, so `cdktf synth` and `cdktf deploy` fail on a config that renders a finding.
 * Config path: `--config <path>`, else $MODELGATE_CONFIG, else ./modelgate.yaml.
 * Informational lines go to stdout (the cdktf CLI shows an app's stderr as [ERROR]); problems go to stderr.
 * $MODELGATE_FAIL_ON (default medium) is the lowest severity that fails synth; MODELGATE_SYNTH_GATE=off skips the
 * gate (`modelgate deploy` sets it: it gates the same output itself, with suppressions and --fail-on).
 */
import { approvedSet, loadConfig, type ResolvedConfig } from "./config";
import { ConfigError, isModelgateError } from "./core/errors";
import { SEVERITIES, atLeast, parseSeverity, type Severity } from "./core/severity";
import { evaluateInputs, readInputs } from "./gate";
import { buildApp } from "./stacks";

export function configPathFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const i = argv.indexOf("--config");
  if (i >= 0 && argv[i + 1]) return argv[i + 1]!;
  const inline = argv.find((a) => a.startsWith("--config="));
  if (inline) return inline.slice("--config=".length);
  return env.MODELGATE_CONFIG || "modelgate.yaml";
}

/**
 * Gate the synthesized stacks; returns the failing findings as lines (empty when the synth output passes).
 * Throws GateEvaluationError when the gate cannot judge: synth then fails rather than passing unjudged output.
 */
export async function gateSynthOutput(outdir: string, resolved: ResolvedConfig, threshold: Severity): Promise<string[]> {
  const findings = await evaluateInputs(readInputs([outdir]), { catalog: resolved.catalog, approved: approvedSet(resolved) });
  return findings
    .filter((f) => atLeast(f.severity, threshold))
    .map((f) => `  ✖ ${f.severity.toUpperCase()} ${f.ruleId}[${f.address}]${f.stack ? ` (stack ${f.stack})` : ""}: ${f.message}`);
}

/**
 * Returns the exit code: 0 on success, 1 when the gate finds something at or above $MODELGATE_FAIL_ON in the
 * synth output, 2 on a user error (config or policy limits). `info` defaults to `stderr`.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  stderr: (line: string) => void,
  info: (line: string) => void = stderr,
): Promise<number> {
  try {
    const resolved = loadConfig(configPathFrom(argv, env));
    for (const e of resolved.expansions) {
      info(`${resolved.source}: ${e.yamlPath}: ${e.pattern} → ${e.literal ? "literal wildcard, matches today: " : ""}${e.models.join(", ")}`);
    }
    const outdir = env.CDKTF_OUTDIR || "cdktf.out";
    const built = buildApp(resolved, { outdir });
    built.app.synth();
    for (const w of built.warnings) info(`warning: ${w}`);
    info(
      `modelgate: synthesized ${built.stackNames.length} stacks (1 organization + ${built.stackNames.length - 1} accounts): ` +
        `${built.scpCount} SCPs on ${resolved.targets.length} targets, ${built.iamPolicyCount} IAM policies; catalog ${resolved.catalog.snapshotDate}`,
    );
    if (env.MODELGATE_SYNTH_GATE === "off") return 0;
    const failOn = env.MODELGATE_FAIL_ON || "medium";
    const threshold = parseSeverity(failOn);
    if (threshold === undefined) throw new ConfigError("FAIL_ON_INVALID", `MODELGATE_FAIL_ON must be one of ${SEVERITIES.join(", ")} (got "${failOn}")`);
    const failing = await gateSynthOutput(outdir, resolved, threshold);
    if (failing.length > 0) {
      stderr(`modelgate: the gate blocks this synth output: ${failing.length} finding(s) at or above ${failOn}; nothing may be deployed`);
      for (const line of failing) stderr(line);
      stderr(`  (details: modelgate check ${outdir} --config ${resolved.source})`);
      return 1;
    }
    info(`modelgate: gate passed the synth output (nothing at or above ${failOn})`);
    return 0;
  } catch (error) {
    if (isModelgateError(error) && error.source === "user") {
      stderr(`modelgate: ${error.message}`);
      for (const p of error.problems) stderr(`  - ${p}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  main(
    process.argv.slice(2),
    process.env,
    (line) => process.stderr.write(line + "\n"),
    (line) => process.stdout.write(line + "\n"),
  ).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`modelgate: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 3;
    },
  );
}
