/**
 * The cdktf app entry (cdktf.json runs `node dist/main.js`): synthesize into cdktf.out (or $CDKTF_OUTDIR) with the
 * same code as `modelgate synth`. Config path: `--config <path>`, else $MODELGATE_CONFIG, else ./modelgate.yaml.
 * Anything else on the command line is an error: the full command-line interface is `modelgate synth`.
 */
import { isModelgateError } from "./core/errors";
import { requireConfig } from "./config";
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

/** Returns the exit code: 0 on success, 2 on a user error (arguments, config or policy limits). */
export function main(argv: readonly string[], env: NodeJS.ProcessEnv, stderr: (line: string) => void, cwd: string = process.cwd()): number {
  const args = parseMainArgs(argv);
  if ("error" in args) {
    stderr(`modelgate: ${args.error}`);
    return 2;
  }
  try {
    const location = requireConfig({ flag: args.config, env, cwd });
    synthesize({ configPath: location.path, outdir: env.CDKTF_OUTDIR || "cdktf.out", log: stderr });
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
