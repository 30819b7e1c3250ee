import { Command, Option } from "commander";
import { loadCatalog, type ApprovedSet, type Catalog } from "../../catalog";
import { ConfigError, PlanInputError } from "../../core/errors";
import { ExitCode } from "../../core/exit-codes";
import { SEVERITIES, type Severity } from "../../core/severity";
import {
  CONFIG_ONLY_RULES_FALLBACK,
  MAX_INPUT_BYTES,
  applySuppressions,
  configOnlyRules,
  evaluateInputs,
  loadRuleInfo,
  loadSuppressions,
  parseInputBytes,
  readInput,
  readOptionsFor,
  todayUtc,
  type GateInput,
  type Suppression,
} from "../../gate";
import { FORMATS, REPORTERS, renderText, summarize, type Format, type GateReport } from "../../report";
import { summaryLine } from "../../report/text";
import { choiceArg, cwdOf, findConfig, messages as messagesFor, openPath, positiveInt, severityArg, stdoutColor, type CommandContext } from "../context";
import type { CliIo } from "../io";
import { configModule } from "../lazy";
import { Messages, paintSeverity } from "../terminal";
import { writeOutput } from "../write-output";

/** The name a plan read from standard input carries in reports. */
export const STDIN_NAME = "<stdin>";

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly format: Format;
  readonly failOn: Severity;
  /** --config; when absent, $MODELGATE_CONFIG or ./modelgate.yaml is used if present. */
  readonly config?: string;
  /** No config found is an error (exit 2) instead of a notice. */
  readonly requireConfig?: boolean;
  readonly suppressions?: string;
  readonly output?: string;
  /** --threads: threads that judge pieces side by side (1: one thread); absent, one per core, at most 4. */
  readonly threads?: number;
}

/** Evaluate every input, apply suppressions, render one report. Returns the exit code; throws ModelgateError. */
export async function runCheck(options: CheckOptions, io: CliIo, messages: Messages = new Messages(io, { color: false, quiet: false }), colour = false): Promise<number> {
  const msg = messages;
  let catalog: Catalog;
  let approved: ApprovedSet | undefined;
  let rulesNotEvaluated: string[] = [];
  const location = findConfig(io, options.config);
  if (location !== undefined) {
    const { approvedSet, loadConfig } = configModule();
    const resolved = loadConfig(openPath(io, location));
    catalog = resolved.catalog;
    approved = approvedSet(resolved);
  } else {
    catalog = loadCatalog();
    rulesNotEvaluated = rulesNeedingConfig(io.wasmPath);
    if (options.requireConfig) {
      throw new ConfigError(
        "CONFIG_REQUIRED",
        `--require-config: no configuration found (no --config, $MODELGATE_CONFIG or ./modelgate.yaml), so rules ${rulesNotEvaluated.join(", ")} cannot be evaluated`,
      );
    }
  }
  const suppressions: Suppression[] = options.suppressions !== undefined ? loadSuppressions(options.suppressions) : [];
  msg.begin("read");
  const inputs = await readAllInputs(options.paths, io);
  msg.end("read", `read ${inputs.length} input${inputs.length === 1 ? "" : "s"}`);
  msg.begin("evaluate");
  const findings = await evaluateInputs(inputs, {
    catalog,
    ...(approved !== undefined ? { approved } : {}),
    ...(io.wasmPath !== undefined ? { wasmPath: io.wasmPath } : {}),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
  });
  msg.end("evaluate", `evaluated ${inputs.length} input${inputs.length === 1 ? "" : "s"}`);
  const applied = applySuppressions(findings, suppressions, io.today?.() ?? todayUtc(), { cwd: cwdOf(io) });
  const report: GateReport = {
    findings: applied.findings,
    suppressed: applied.suppressed,
    expiredSuppressions: applied.expired,
    threshold: options.failOn,
    inputs: inputs.map((i) => ({ file: i.file, kind: i.kind, ...(i.stack !== undefined ? { stack: i.stack } : {}) })),
    catalogSnapshotDate: catalog.snapshotDate,
    ...(rulesNotEvaluated.length > 0 ? { rulesNotEvaluated } : {}),
  };
  for (const a of applied.ambiguous) {
    const s = a.suppression;
    io.stderr(
      `warning: suppression for ${s.ruleId}[${s.address}] matches findings in ${a.inputs.length} inputs (${a.inputs.join(", ")}); ` +
        `it was not applied: add stack: or file: to say which one\n`,
    );
  }
  const knownRules = ruleIdsOrUndefined(io.wasmPath);
  for (const s of suppressions) {
    if (knownRules !== undefined && !knownRules.has(s.ruleId)) {
      msg.warn(`suppression for ${s.ruleId}[${s.address}] names a rule the gate does not have (modelgate list-rules); it can never apply`);
    }
  }
  for (const s of applied.unmatched) {
    if (knownRules !== undefined && !knownRules.has(s.ruleId)) continue;
    const where = [s.stack !== undefined ? `stack ${s.stack}` : "", s.file !== undefined ? `file ${s.file}` : ""].filter(Boolean).join(", ");
    msg.warn(`suppression for ${s.ruleId}[${s.address}]${where ? ` (${where})` : ""} matches no finding; remove it, or fix its address, stack or file`);
  }
  const rendered =
    options.format === "text" && options.output === undefined
      ? renderText(report, {
          ...(colour ? { paint: paintSeverity } : {}),
          ...(io.stdoutIsTty && io.columns !== undefined ? { width: io.columns } : {}),
        })
      : REPORTERS[options.format](report);
  if (options.output !== undefined && options.output !== "-") {
    await writeOutput(options.output, rendered);
    msg.info(`${summaryLine(report)}\nreport written to ${options.output}`);
  } else {
    io.stdout(rendered);
    if (options.format !== "text") {
      for (const e of report.expiredSuppressions) {
        io.stderr(`warning: suppression for ${e.ruleId}[${e.address}] expired on ${e.expires}; it no longer applies\n`);
      }
    }
  }
  return summarize(report).failed ? ExitCode.Findings : ExitCode.Pass;
}

/** The config-only rules of the policy beside `wasmPath`, or the fallback list when its rules.json is absent. */
function rulesNeedingConfig(wasmPath: string | undefined): string[] {
  try {
    return configOnlyRules(loadRuleInfo(wasmPath));
  } catch {
    return [...CONFIG_ONLY_RULES_FALLBACK];
  }
}

/** The rule IDs compiled into the policy, or undefined when its rules.json cannot be read (a test policy). */
function ruleIdsOrUndefined(wasmPath: string | undefined): Set<string> | undefined {
  try {
    return new Set(loadRuleInfo(wasmPath).map((r) => r.id));
  } catch {
    return undefined;
  }
}

/** Read each path in order; `-` reads standard input once. */
async function readAllInputs(paths: readonly string[], io: CliIo): Promise<GateInput[]> {
  // one plan file is read straight into the scanner's memory (gate/input.ts ReadOptions.readInPlace)
  const readOptions = { ...readOptionsFor(io.wasmPath), readInPlace: paths.length === 1 };
  if (paths.filter((p) => p === "-").length > 1) {
    throw new PlanInputError("INPUT_STDIN_TWICE", "- (standard input) can be given only once");
  }
  const out: GateInput[] = [];
  for (const p of paths) {
    if (p !== "-") {
      out.push(...readInput(p, readOptions));
      continue;
    }
    if (io.readStdin === undefined) throw new PlanInputError("INPUT_NO_STDIN", "- : standard input is not available here");
    let bytes: Uint8Array;
    try {
      bytes = await io.readStdin(MAX_INPUT_BYTES);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === "STDIN_IS_TTY") {
        throw new PlanInputError("INPUT_STDIN_TTY", `${STDIN_NAME}: standard input is a terminal; pipe a plan in: terraform show -json tfplan | modelgate check -`, { cause });
      }
      if (cause instanceof RangeError) {
        throw new PlanInputError("INPUT_TOO_LARGE", `${STDIN_NAME}: input is over ${MAX_INPUT_BYTES} bytes; the gate reads at most that much per input`, { cause });
      }
      throw new PlanInputError("INPUT_NOT_FOUND", `${STDIN_NAME}: cannot read standard input (${(cause as Error).message})`, { cause });
    }
    if (bytes.byteLength === 0) {
      throw new PlanInputError("INPUT_EMPTY", `${STDIN_NAME}: standard input is empty; pipe a plan in: terraform show -json tfplan | modelgate check -`);
    }
    out.push(...parseInputBytes(bytes, STDIN_NAME, readOptions));
  }
  return out;
}

const EXAMPLES = `
Inputs:
  a plan        terraform plan -out=tfplan && terraform show -json tfplan > plan.json
  -             the same, from standard input: terraform show -json tfplan | modelgate check -
  synth output  a cdktf.out directory (every stack) or one cdktf.out/stacks/<stack>/cdk.tf.json
  HCP input     Terraform Cloud's OPA input {"plan": ..., "run": ...}

Config: --config, else $MODELGATE_CONFIG, else ./modelgate.yaml. Without one, the rules that compare with the
approved set are not evaluated and every report says so; --require-config makes that an error (exit 2).

Examples:
  $ modelgate check plan.json
  $ terraform show -json tfplan | modelgate check - --require-config
  $ modelgate check cdktf.out --fail-on high
  $ modelgate check plan.json --config modelgate.yaml --suppressions suppressions.yaml
  $ modelgate check plan.json -f sarif -o modelgate.sarif
  $ modelgate check plan.json --format markdown > comment.md

Exit codes: 0 nothing at or above --fail-on (suppressed findings do not count), 1 findings at or above it,
            2 the input, config or suppressions are wrong, 3 internal or evaluation error.
`;

/** The `check` command. */
export function checkCommand(ctx: CommandContext): Command {
  return new Command("check")
    .description("gate Terraform plans or CDKTF synth output against the Bedrock model policy")
    .argument("<path...>", "plan JSON, cdk.tf.json, cdktf.out directory, HCP OPA input, or - for standard input")
    .addOption(new Option("-f, --format <format>", "report format").choices(FORMATS).argParser(choiceArg(FORMATS)).default("text"))
    .addOption(
      new Option("--fail-on <severity>", "lowest severity that fails the check, any case").choices(SEVERITIES).argParser(severityArg).default("medium"),
    )
    .option("-c, --config <file>", "modelgate.yaml: also flag models outside the approved set")
    .option("--require-config", "exit 2 when no config is found instead of skipping the approved-set rules")
    .option("-s, --suppressions <file>", "YAML or JSON list of {ruleId, address, reason, owner, expires, stack?, file?}")
    .option("-o, --output <file>", "write the report to a file (regular files are replaced atomically) instead of stdout")
    .addOption(
      new Option(
        "--threads <n>",
        "threads that judge side by side when there is much to judge (many stacks, many policies); default: one per core, at most 4",
      ).argParser(positiveInt("--threads")),
    )
    .addHelpText("after", EXAMPLES)
    .action(
      async (
        paths: string[],
        opts: { format: Format; failOn: Severity; config?: string; requireConfig?: boolean; suppressions?: string; output?: string; threads?: number },
      ) => {
        ctx.setExit(
          await runCheck(
            {
              paths,
              format: opts.format,
              failOn: opts.failOn,
              ...(opts.config !== undefined ? { config: opts.config } : {}),
              ...(opts.requireConfig ? { requireConfig: true } : {}),
              ...(opts.suppressions !== undefined ? { suppressions: opts.suppressions } : {}),
              ...(opts.output !== undefined ? { output: opts.output } : {}),
              ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
            },
            ctx.io,
            messagesFor(ctx),
            stdoutColor(ctx),
          ),
        );
      },
    );
}
