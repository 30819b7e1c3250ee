/**
/**
 * The cdktf app entry (cdktf.json runs `node dist/main.js`): synthesize into cdktf.out (or $CDKTF_OUTDIR) with the
 * same code as `modelgate synth`, then gate the synth output, so `cdktf synth` and `cdktf deploy` fail on a config
 * that renders a finding. Config path: `--config <path>`, else $MODELGATE_CONFIG, else ./modelgate.yaml. Anything
 * else on the command line is an error: the full command-line interface is `modelgate synth`.
 * Informational lines go to stdout (the cdktf CLI shows an app's stderr as [ERROR]); problems go to stderr.
 * $MODELGATE_FAIL_ON (default medium) is the lowest severity that fails synth; MODELGATE_SYNTH_GATE=off skips the
 * gate (`modelgate deploy` sets it: it gates the same output itself, with suppressions and --fail-on).
 */
import { approvedSet, requireConfig, type ResolvedConfig } from "./config";
import { ConfigError, isModelgateError } from "./core/errors";
import { SEVERITIES, atLeast, parseSeverity, type Severity } from "./core/severity";
import { evaluateInputs, readInputs } from "./gate";
import { synthesize } from "./stacks/synth";

/** The --config value, or an error message for any other argument. */
export function parseMainArgs(argv: readonly string[]): { config?: string } | { error: string } {
  let config: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--config" || arg === "-c") {
      const value = argv[i + 1];
      if (value === undefined || value === "") return { error: `option '${arg}' needs a file` };
      config = value;
      i++;
    } else if (arg.startsWith("--config=")) {
      config = arg.slice("--config=".length);
    } else {
      return { error: `unknown argument '${arg}' (main.js takes only --config <file>; the full CLI is modelgate synth --help)` };
    }
  }
  return config !== undefined ? { config } : {};
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
 * synth output, 2 on a user error (arguments, config or policy limits). `info` defaults to `stderr`.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  stderr: (line: string) => void,
  info: (line: string) => void = stderr,
  cwd: string = process.cwd(),
): Promise<number> {
  const args = parseMainArgs(argv);
  if ("error" in args) {
    stderr(`modelgate: ${args.error}`);
    return 2;
  }
  try {
    const location = requireConfig({ flag: args.config, env, cwd });
    const outdir = env.CDKTF_OUTDIR || "cdktf.out";
    const result = synthesize({ configPath: location.path, outdir, log: info });
    if (env.MODELGATE_SYNTH_GATE === "off") return 0;
    const failOn = env.MODELGATE_FAIL_ON || "medium";
    const threshold = parseSeverity(failOn);
    if (threshold === undefined) throw new ConfigError("FAIL_ON_INVALID", `MODELGATE_FAIL_ON must be one of ${SEVERITIES.join(", ")} (got "${failOn}")`);
    const failing = await gateSynthOutput(outdir, result.resolved, threshold);
    if (failing.length > 0) {
      stderr(`modelgate: the gate blocks this synth output: ${failing.length} finding(s) at or above ${failOn}; nothing may be deployed`);
      for (const line of failing) stderr(line);
      stderr(`  (details: modelgate check ${outdir} --config ${result.resolved.source})`);
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
