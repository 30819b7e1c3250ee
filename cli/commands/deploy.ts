import * as path from "node:path";
import { Command, Option } from "commander";
import { DeployError } from "../../core/errors";
import { SEVERITIES, type Severity } from "../../core/severity";
import { renderSummary, runDeploy } from "../../deploy/run";
import { findTfBinary } from "../../deploy/terraform";
import { loadSuppressions, todayUtc, type Suppression } from "../../gate";
import type { CliIo } from "../io";
import { gateDataForCommand } from "./gate-config";

export interface DeployCommandOptions {
  readonly stacks: readonly string[];
  /** --config; when absent, $MODELGATE_CONFIG, else ./modelgate.yaml (synth needs one: none is an error). */
  readonly config?: string;
  readonly failOn: Severity;
  readonly autoApprove: boolean;
  readonly dryRun: boolean;
  readonly outDir?: string;
  readonly tfBinary?: string;
  readonly suppressions?: string;
}

/** Plan, gate and apply every stack. Returns the exit code; throws ModelgateError before any stack is touched. */
export async function runDeployCommand(options: DeployCommandOptions, io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  if (!options.dryRun && !options.autoApprove && io.interactive !== true) {
    throw new DeployError(
      "APPROVAL_REQUIRED",
      "user",
      "refusing to apply without --auto-approve: no terminal to ask for approval (use --dry-run to plan and gate only)",
    );
  }
  // Fail fast, before synth, on what the run needs: the config, the suppressions, and terraform or tofu.
  // The same file is synthesized and gated: synth gets the discovered path, not its own discovery.
  const { catalog, approved, location } = gateDataForCommand(io, options.config, "needed");
  const config = location?.resolved;
  const suppressions: Suppression[] = options.suppressions !== undefined ? loadSuppressions(options.suppressions) : [];
  const tf = findTfBinary(options.tfBinary, env);
  const synthOutDir = env.CDKTF_OUTDIR || "cdktf.out";
  const outDir = path.resolve(cwd, options.outDir ?? path.join(synthOutDir, "deploy"));
  io.stderr(`modelgate deploy: ${tf.kind} at ${tf.path}; plans and reports in ${outDir}${options.dryRun ? " (dry run)" : ""}\n`);
  const ask = io.ask;
  const result = await runDeploy({
    stacks: options.stacks,
    ...(config !== undefined ? { config } : {}),
    dryRun: options.dryRun,
    outDir,
    synthOutDir,
    cwd,
    env,
    tf,
    gate: {
      catalog,
      ...(approved !== undefined ? { approved } : {}),
      ...(io.wasmPath !== undefined ? { wasmPath: io.wasmPath } : {}),
      suppressions,
      today: io.today?.() ?? todayUtc(),
      failOn: options.failOn,
    },
    ...(!options.autoApprove && ask !== undefined
      ? {
          confirm: async (stack: string, c: { add: number; change: number; destroy: number }) =>
            (await ask(`Apply the gated plan of ${stack} (${c.add} to add, ${c.change} to change, ${c.destroy} to destroy)? Only "yes" applies: `)).trim() === "yes",
        }
      : {}),
    log: (line) => io.stderr(`${line}\n`),
    print: (text) => io.stdout(text),
  });
  io.stdout(renderSummary(result));
  return result.exitCode;
}

const EXAMPLES = `
Per stack, organization first: terraform init, plan -out, show -json, gate that plan, apply that saved plan.
The first blocked or failed stack stops the run; nothing after it is applied. Synth output is gated first.
terraform is used when on PATH, else tofu (or name one with --tf-binary).
Config: --config, else $MODELGATE_CONFIG, else ./modelgate.yaml; without one, exit 2 before anything runs.

Examples:
  $ modelgate deploy --config modelgate.yaml --dry-run            (plan and gate every stack, apply nothing)
  $ modelgate deploy --config modelgate.yaml --auto-approve       (CI on the main branch)
  $ modelgate deploy organization --config modelgate.yaml         (one stack; asks before applying)

Writes <out-dir>/<stack>/plan.json, plan.report.{txt,json}, synth.report.{txt,json} and summary.json.
Exit codes: 0 every stack applied or unchanged, 1 blocked by findings at or above --fail-on,
            2 the config, suppressions or command line are wrong, or terraform/tofu is missing,
            3 a terraform/tofu step or the gate failed (the table says exactly what was applied).
`;

/** The `deploy` command; `onExit` receives the command's exit code. */
export function deployCommand(io: CliIo, onExit: (code: number) => void): Command {
  return new Command("deploy")
    .description("synthesize, then plan, gate and apply every stack: only a plan that passed the gate is applied")
    .argument("[stack...]", "stacks to deploy (default: all, organization first)")
    .option("-c, --config <file>", "modelgate.yaml, passed to synth and to the gate (default: $MODELGATE_CONFIG, else ./modelgate.yaml)")
    .addOption(new Option("--fail-on <severity>", "lowest severity that blocks a stack").choices(SEVERITIES).default("medium"))
    .option("-s, --suppressions <file>", "YAML or JSON list of {ruleId, address, reason, owner, expires}")
    .option("--auto-approve", "apply gated plans without asking (required when stdin is not a terminal)", false)
    .option("--dry-run", "plan and gate every stack, apply nothing", false)
    .option("--out-dir <dir>", "where plans and reports go (default: <cdktf.out>/deploy)")
    .option("--tf-binary <path>", "terraform or tofu executable (default: terraform on PATH, else tofu)")
    .addHelpText("after", EXAMPLES)
    .action(
      async (
        stacks: string[],
        opts: { config?: string; failOn: Severity; suppressions?: string; autoApprove: boolean; dryRun: boolean; outDir?: string; tfBinary?: string },
      ) => {
        onExit(
          await runDeployCommand(
            {
              stacks,
              failOn: opts.failOn,
              autoApprove: opts.autoApprove,
              dryRun: opts.dryRun,
              ...(opts.config !== undefined ? { config: opts.config } : {}),
              ...(opts.suppressions !== undefined ? { suppressions: opts.suppressions } : {}),
              ...(opts.outDir !== undefined ? { outDir: opts.outDir } : {}),
              ...(opts.tfBinary !== undefined ? { tfBinary: opts.tfBinary } : {}),
            },
            io,
          ),
        );
      },
    );
}
