import { Command, CommanderError } from "commander";
import { ExitCode } from "../core/exit-codes";
import { describeThrown, isModelgateError } from "../core/errors";
import { checkCommand } from "./commands/check";
import { exportPolicySetCommand } from "./commands/export-policy-set";
import { listRulesCommand } from "./commands/list-rules";
import { serveCommand } from "./commands/serve";
import type { CliIo } from "./io";

const VERSION = "0.1.0";

const OVERVIEW = `
modelgate checks that an AWS organization only lets people use the Bedrock models it approved.
The gate reads a Terraform plan (or CDKTF synth output) and reports every way the change breaks the policy.

Examples:
  $ terraform show -json tfplan > plan.json && modelgate check plan.json
  $ modelgate check cdktf.out --format markdown --fail-on high
  $ modelgate list-rules          (every rule the gate runs)
  $ modelgate serve --hmac-key-file key   (the HCP Terraform run task)
  $ modelgate export-policy-set policy-set --config modelgate.yaml   (the HCP Terraform OPA policy set)
  $ modelgate check --help        (options, input kinds and exit codes)
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
 * Parse argv and run the command. Never rejects and never exits: it returns the exit code, and
 * cli/bin.ts passes it to process.exit. This is the one place where failures become exit codes.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exit: number = ExitCode.Pass;
  const setExit = (code: number) => {
    exit = code;
  };
  const output = { writeOut: (s: string) => io.stdout(s), writeErr: (s: string) => io.stderr(s) };
  const program = new Command("modelgate")
    .description("Gate Terraform plans against the organization's Amazon Bedrock model policy.")
    .version(VERSION, "-v, --version")
    .addHelpText("after", OVERVIEW)
    .configureOutput(output)
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");
  const check = checkCommand(io, setExit).configureOutput(output).exitOverride().showHelpAfterError("(run modelgate check --help for usage and examples)");
  program.addCommand(check);
  program.addCommand(listRulesCommand(io, setExit).configureOutput(output).exitOverride());
  program.addCommand(serveCommand(io, setExit).configureOutput(output).exitOverride());
  program.addCommand(exportPolicySetCommand(io, setExit).configureOutput(output).exitOverride());
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
