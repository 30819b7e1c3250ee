import { Command, CommanderError } from "commander";
import { ExitCode } from "../core/exit-codes";
import { describeThrown, isModelgateError } from "../core/errors";
import type { CommandContext } from "./context";
import type { CliIo } from "./io";
import { COMMANDS } from "./lazy";
import type { GlobalOptions } from "./terminal";
import { packageVersion } from "./version";


const OVERVIEW = `
modelgate renders which Amazon Bedrock models an AWS organization may use (SCP allow-lists and IAM policies, with
CDKTF), and gates every Terraform plan against that policy (Rego compiled to WebAssembly).

Config: --config, else $MODELGATE_CONFIG, else ./modelgate.yaml (the same for every command).

Examples:
  $ modelgate init && modelgate validate        start a modelgate.yaml and check it
  $ modelgate synth                             render it into cdktf.out/
  $ modelgate check cdktf.out                   gate what was rendered
  $ terraform show -json tfplan | modelgate check -
  $ modelgate list-models 'amazon.nova-*'       what a pattern approves today
  $ modelgate list-rules                        every rule the gate runs
  $ modelgate deploy --dry-run                  plan and gate every stack; without --dry-run, apply what passed
  $ modelgate serve --hmac-key-file key         the HCP Terraform run task
  $ modelgate export-policy-set policy-set      the HCP Terraform OPA policy set (add --config for the approved set)
  $ modelgate <command> --help                  options, examples and exit codes of one command

Exit codes: 0 pass, 1 findings at or above --fail-on, 2 usage, input or config error, 3 internal error.
`;

/** Internal errors that are known limits, not bugs: still exit 3 (not judged), but not worth a bug report. */
const KNOWN_LIMITS = new Set(["GATE_INPUT_TOO_LARGE", "GATE_OUT_OF_MEMORY"]);

/** Exit code for a thrown value: the user's fault → 2, the tool's (or unknown) → 3. */
export function exitCodeForError(error: unknown): number {
  if (isModelgateError(error)) return error.source === "user" ? ExitCode.UserError : ExitCode.InternalError;
  return ExitCode.InternalError;
}

/** The message printed on stderr for a failure, with every problem on its own line. */
export function formatError(error: unknown): string {
  if (isModelgateError(error)) {
    const lines = [`modelgate: error ${error.code}: ${error.message}`];
    for (const p of error.problems) if (p !== error.message) lines.push(`  - ${p}`);
    if (KNOWN_LIMITS.has(error.code)) lines.push("  (a known limit of the wasm gate: the plan was not judged)");
    else if (error.source === "internal") lines.push("  (an internal error: the plan was not judged; please report it)");
    return `${lines.join("\n")}\n`;
  }
  return `modelgate: internal error: ${describeThrown(error)}\n`;
}

/**
 * The command tree; exported so tests can list the registered command names. With `only`, just that command is
 * registered (and its module loaded): what main() does when argv names a command, so that `check` never loads
 * what serve or deploy need.
 */
export function buildProgram(ctx: CommandContext, only?: string): Command {
  const output = { writeOut: (s: string) => ctx.io.stdout(s), writeErr: (s: string) => ctx.io.stderr(s) };
  const program = new Command("modelgate")
    .description("Render and gate the Amazon Bedrock models an AWS organization may use.")
    .version(packageVersion(), "-v, --version", "print the version")
    .option("--no-color", "no colour, even on a terminal (NO_COLOR=1 does the same)")
    .option("-q, --quiet", "print only the report, warnings and errors")
    .addHelpText("after", OVERVIEW)
    .configureOutput(output)
    .exitOverride()
    .showSuggestionAfterError(true)
    .showHelpAfterError("(run modelgate --help for usage)");
  for (const entry of COMMANDS) {
    if (only !== undefined && entry.name !== only) continue;
    const command = entry.load()(ctx);
    command
      .configureOutput(output)
      .exitOverride()
      .showSuggestionAfterError(true)
      .showHelpAfterError(`(run modelgate ${command.name()} --help for usage and examples)`);
    program.addCommand(command);
  }
  return program;
}

/**
 * The command argv names: its first word that is not an option (the global options take no value), when that
 * word is a command name or alias. Anything else (no command, `help`, a typo) gets the whole tree, so help,
 * suggestions and errors are the same as ever.
 */
export function commandNamed(argv: readonly string[]): string | undefined {
  const word = argv.find((a) => !a.startsWith("-"));
  return COMMANDS.find((c) => c.name === word || c.aliases.includes(word ?? ""))?.name;
}

/** A name no command has: buildProgram registers none. */
const NO_COMMAND = "";

/**
 * Parse argv and run the command. Never rejects and never exits: it returns the exit code, and cli/bin.ts sets
 * process.exitCode from it. This is the one place where failures become exit codes.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exit: number = ExitCode.Pass;
  const built: { program?: Command } = {};
  const ctx: CommandContext = {
    io,
    setExit: (code) => {
      exit = code;
    },
    globals: (): GlobalOptions => {
      const o = built.program?.opts<{ color?: boolean; quiet?: boolean }>() ?? {};
      return { color: o.color !== false, quiet: o.quiet === true };
    },
  };
  // `--version` alone needs no command: building the whole tree loads every command's modules (~300 ms)
  const versionOnly = argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v");
  const program = buildProgram(ctx, versionOnly ? NO_COMMAND : commandNamed(argv));
  built.program = program;
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.UserError;
    }
    await program.parseAsync([...argv], { from: "user" });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end with exit code 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? ExitCode.Pass : ExitCode.UserError;
    }
    io.stderr(formatError(error));
    return exitCodeForError(error);
  }
}
