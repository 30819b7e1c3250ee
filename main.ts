/**
 * Composition root: read the config, build the CDKTF app, synthesize into cdktf.out (or $CDKTF_OUTDIR).
 * Config path: `--config <path>`, else $MODELGATE_CONFIG, else ./modelgate.yaml.
 */
import { isModelgateError } from "./core/errors";
import { loadConfig } from "./config";
import { buildApp } from "./stacks";

export function configPathFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const i = argv.indexOf("--config");
  if (i >= 0 && argv[i + 1]) return argv[i + 1]!;
  const inline = argv.find((a) => a.startsWith("--config="));
  if (inline) return inline.slice("--config=".length);
  return env.MODELGATE_CONFIG || "modelgate.yaml";
}

/** Returns the exit code: 0 on success, 2 on a user error (config or policy limits). */
export function main(argv: readonly string[], env: NodeJS.ProcessEnv, stderr: (line: string) => void): number {
  try {
    const resolved = loadConfig(configPathFrom(argv, env));
    for (const e of resolved.expansions) {
      stderr(`${resolved.source}: ${e.yamlPath}: ${e.pattern} → ${e.literal ? "literal wildcard, matches today: " : ""}${e.models.join(", ")}`);
    }
    const built = buildApp(resolved, { outdir: env.CDKTF_OUTDIR || "cdktf.out" });
    built.app.synth();
    for (const w of built.warnings) stderr(`warning: ${w}`);
    stderr(
      `modelgate: synthesized ${built.stackNames.length} stacks (1 organization + ${built.stackNames.length - 1} accounts): ` +
        `${built.scpCount} SCPs on ${resolved.targets.length} targets, ${built.iamPolicyCount} IAM policies; catalog ${resolved.catalog.snapshotDate}`,
    );
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
  process.exitCode = main(process.argv.slice(2), process.env, (line) => process.stderr.write(line + "\n"));
}
