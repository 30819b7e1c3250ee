import { Command, Option } from "commander";
import { loadCatalog, type ApprovedSet, type Catalog } from "../../catalog";
import { approvedSet, loadConfig } from "../../config";
import { ExitCode } from "../../core/exit-codes";
import { SEVERITIES, type Severity } from "../../core/severity";
import { applySuppressions, evaluateInputs, loadSuppressions, readInputs, todayUtc, type Suppression } from "../../gate";
import { FORMATS, REPORTERS, summarize, type Format, type GateReport } from "../../report";
import { summaryLine } from "../../report/text";
import type { CliIo } from "../io";
import { writeFileAtomic } from "../write-atomic";

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly format: Format;
  readonly failOn: Severity;
  readonly config?: string;
  readonly suppressions?: string;
  readonly output?: string;
}

/** Evaluate every input, apply suppressions, render one report. Returns the exit code; throws ModelgateError. */
export async function runCheck(options: CheckOptions, io: CliIo): Promise<number> {
  let catalog: Catalog;
  let approved: ApprovedSet | undefined;
  if (options.config !== undefined) {
    const resolved = loadConfig(options.config);
    catalog = resolved.catalog;
    approved = approvedSet(resolved);
  } else {
    catalog = loadCatalog();
  }
  const suppressions: Suppression[] = options.suppressions !== undefined ? loadSuppressions(options.suppressions) : [];
  const inputs = readInputs(options.paths);
  const findings = await evaluateInputs(inputs, {
    catalog,
    ...(approved !== undefined ? { approved } : {}),
    ...(io.wasmPath !== undefined ? { wasmPath: io.wasmPath } : {}),
  });
  const applied = applySuppressions(findings, suppressions, io.today?.() ?? todayUtc());
  const report: GateReport = {
    findings: applied.findings,
    suppressed: applied.suppressed,
    expiredSuppressions: applied.expired,
    threshold: options.failOn,
    inputs: inputs.map((i) => ({ file: i.file, kind: i.kind, ...(i.stack !== undefined ? { stack: i.stack } : {}) })),
    catalogSnapshotDate: catalog.snapshotDate,
  };
  for (const a of applied.ambiguous) {
    const s = a.suppression;
    io.stderr(
      `warning: suppression for ${s.ruleId}[${s.address}] matches findings in ${a.inputs.length} inputs (${a.inputs.join(", ")}); ` +
        `it was not applied: add stack: or file: to say which one\n`,
    );
  }
  const rendered = REPORTERS[options.format](report);
  if (options.output !== undefined) {
    writeFileAtomic(options.output, rendered);
    io.stderr(`${summaryLine(report)}\nreport written to ${options.output}\n`);
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

const EXAMPLES = `
Inputs:
  a plan        terraform plan -out=tfplan && terraform show -json tfplan > plan.json
  synth output  a cdktf.out directory (every stack) or one cdktf.out/stacks/<stack>/cdk.tf.json
  HCP input     Terraform Cloud's OPA input {"plan": ..., "run": ...}

Examples:
  $ modelgate check plan.json
  $ modelgate check cdktf.out --fail-on high
  $ modelgate check plan.json --config modelgate.yaml --suppressions suppressions.yaml
  $ modelgate check plan.json --format sarif --output modelgate.sarif
  $ modelgate check plan.json --format markdown > comment.md

Exit codes: 0 nothing at or above --fail-on (suppressed findings do not count), 1 findings at or above it,
            2 the input, config or suppressions are wrong, 3 internal or evaluation error.
`;

/** The `check` command; `onExit` receives the command's exit code. */
export function checkCommand(io: CliIo, onExit: (code: number) => void): Command {
  return new Command("check")
    .description("gate Terraform plans or CDKTF synth output against the Bedrock model policy")
    .argument("<path...>", "plan JSON, cdk.tf.json, cdktf.out directory, or HCP OPA input")
    .addOption(new Option("-f, --format <format>", "report format").choices(FORMATS).default("text"))
    .addOption(new Option("--fail-on <severity>", "lowest severity that fails the check").choices(SEVERITIES).default("medium"))
    .option("-c, --config <file>", "modelgate.yaml: also flag models outside the approved set")
    .option("-s, --suppressions <file>", "YAML or JSON list of {ruleId, address, reason, owner, expires}")
    .option("-o, --output <file>", "write the report to a file (atomically) instead of stdout")
    .addHelpText("after", EXAMPLES)
    .action(async (paths: string[], opts: { format: Format; failOn: Severity; config?: string; suppressions?: string; output?: string }) => {
      onExit(
        await runCheck(
          {
            paths,
            format: opts.format,
            failOn: opts.failOn,
            ...(opts.config !== undefined ? { config: opts.config } : {}),
            ...(opts.suppressions !== undefined ? { suppressions: opts.suppressions } : {}),
            ...(opts.output !== undefined ? { output: opts.output } : {}),
          },
          io,
        ),
      );
    });
}
