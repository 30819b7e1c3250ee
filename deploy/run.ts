/**
 * `modelgate deploy`: synthesize, gate the synth output, then per stack (organization first, then accounts)
 * init → plan -out → show -json → gate that plan → apply that saved plan file. The first blocked or failed stack
 * stops the run: nothing after it is applied (a dry run, which applies nothing, plans and gates every stack). Every plan JSON and report is written under the output directory, and
 * the result records exactly what was applied.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { ApprovedSet, Catalog } from "../catalog";
import { ExitCode } from "../core/exit-codes";
import { DeployError, describeThrown, isModelgateError } from "../core/errors";
import type { Severity } from "../core/severity";
import { applySuppressions, evaluateInputs, parseInputBytes, readInputs, type GateInput, type Suppression } from "../gate";
import { REPORTERS, isFailing, summarize, type GateReport } from "../report";
import { summaryLine } from "../report/text";
import { synthesize, type SynthRequest, type SynthResult } from "./synth";
import { parseApplyStream, runTf, tail, tfEnvironment, type ApplyEvent, type TfBinary } from "./terraform";

export type StackStatus = "applied" | "unchanged" | "planned" | "blocked" | "failed" | "skipped";

export interface PlanCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
}

export interface StackResult {
  readonly stack: string;
  readonly status: StackStatus;
  /** The step that blocked or failed (synth-gate, init, plan, show, gate, approve, apply). */
  readonly step?: string;
  readonly changes?: PlanCounts;
  /** Unsuppressed findings, and how many are at or above --fail-on. */
  readonly findings?: number;
  readonly failing?: number;
  /** Resource changes that completed in AWS during apply, in the order they completed. */
  readonly applied: readonly ApplyEvent[];
  /** Resource changes that errored during apply. */
  readonly errored: readonly ApplyEvent[];
  readonly message?: string;
  /** Files written for this stack (plan JSON, reports), relative to the output directory. */
  readonly files: readonly string[];
}

export interface DeployResult {
  readonly exitCode: number;
  readonly stacks: readonly StackResult[];
  /** Stack folders synth removed because the config no longer has them. */
  readonly removedStacks: readonly string[];
}

export interface GateSettings {
  readonly catalog: Catalog;
  readonly approved?: ApprovedSet;
  readonly wasmPath?: string;
  readonly suppressions: readonly Suppression[];
  readonly today: string;
  readonly failOn: Severity;
}

export interface DeployOptions {
  /** Stacks to deploy, by name; empty means every stack. */
  readonly stacks: readonly string[];
  readonly config?: string;
  readonly dryRun: boolean;
  /** Absolute output directory for plans and reports. */
  readonly outDir: string;
  /** The cdktf output directory (relative to cwd or absolute). */
  readonly synthOutDir: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly tf: TfBinary;
  readonly gate: GateSettings;
  /** Asked before each apply when not auto-approved; absent means auto-approve. */
  readonly confirm?: (stack: string, changes: PlanCounts) => Promise<boolean>;
  /** Progress, one line per call (stderr). */
  readonly log: (line: string) => void;
  /** Reports of blocked plans (stdout). */
  readonly print: (text: string) => void;
  /** Synthesis; defaults to running dist/main.js. */
  readonly synth?: (request: SynthRequest) => Promise<SynthResult>;
}

/** Count the creates, updates and deletes in a plan (a replace counts as one add and one destroy). */
export function countChanges(plan: Record<string, unknown>): PlanCounts {
  let add = 0;
  let change = 0;
  let destroy = 0;
  const changes = Array.isArray(plan.resource_changes) ? (plan.resource_changes as { change?: { actions?: string[] } }[]) : [];
  for (const rc of changes) {
    const actions = rc.change?.actions ?? [];
    if (actions.includes("create")) add += 1;
    if (actions.includes("delete")) destroy += 1;
    if (actions.includes("update")) change += 1;
  }
  return { add, change, destroy };
}

const hasChanges = (c: PlanCounts) => c.add + c.change + c.destroy > 0;

async function gateInputs(inputs: readonly GateInput[], settings: GateSettings): Promise<GateReport> {
  const findings = await evaluateInputs(inputs, {
    catalog: settings.catalog,
    ...(settings.approved !== undefined ? { approved: settings.approved } : {}),
    ...(settings.wasmPath !== undefined ? { wasmPath: settings.wasmPath } : {}),
  });
  const applied = applySuppressions(findings, settings.suppressions, settings.today);
  return {
    findings: applied.findings,
    suppressed: applied.suppressed,
    expiredSuppressions: applied.expired,
    threshold: settings.failOn,
    inputs: inputs.map((i) => ({ file: i.file, kind: i.kind, ...(i.stack !== undefined ? { stack: i.stack } : {}) })),
    catalogSnapshotDate: settings.catalog.snapshotDate,
  };
}

function failingCount(report: GateReport): number {
  return report.findings.filter((f) => isFailing(f, report.threshold)).length;
}

/** Write a text and a JSON report; returns their paths relative to outDir. */
function writeReports(outDir: string, base: string, report: GateReport): string[] {
  const files = [`${base}.report.txt`, `${base}.report.json`];
  writeFileSync(path.join(outDir, files[0]!), REPORTERS.text(report));
  writeFileSync(path.join(outDir, files[1]!), REPORTERS.json(report));
  return files;
}

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** Run the whole deploy. Throws only before any stack was touched (synth failed, unknown stack name). */
export async function runDeploy(options: DeployOptions): Promise<DeployResult> {
  const { log, outDir } = options;
  mkdirSync(outDir, { recursive: true });
  log(`synth: ${options.config ?? "default config"} → ${options.synthOutDir}`);
  const synth = await (options.synth ?? synthesize)({
    ...(options.config !== undefined ? { config: options.config } : {}),
    outdir: options.synthOutDir,
    cwd: options.cwd,
    env: options.env,
    log,
  });
  for (const r of synth.removed) {
    log(`synth: stack ${r} is no longer in the config: its folder was removed; its resources were NOT destroyed (state terraform.${r}.tfstate)`);
  }
  const known = synth.stacks.map((s) => s.name);
  const unknown = options.stacks.filter((s) => !known.includes(s));
  if (unknown.length > 0) {
    throw new DeployError("UNKNOWN_STACK", "user", `unknown stack ${unknown.join(", ")}; the config synthesizes: ${known.join(", ")}`);
  }
  const selected = synth.stacks.filter((s) => options.stacks.length === 0 || options.stacks.includes(s.name));
  const results: StackResult[] = [];
  const skipRest = (from: number, why: string) => {
    for (const s of selected.slice(from)) results.push({ stack: s.name, status: "skipped", message: why, applied: [], errored: [], files: [] });
  };
  const finish = (exitCode: number): DeployResult => {
    const result: DeployResult = { exitCode, stacks: results, removedStacks: synth.removed };
    writeFileSync(path.join(outDir, "summary.json"), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  };

  // 1. Gate the synth output: a config that renders a finding never reaches terraform.
  log("gate: synth output");
  let synthReport: GateReport;
  try {
    synthReport = await gateInputs(readInputs([path.resolve(options.cwd, options.synthOutDir)]), options.gate);
  } catch (error) {
    skipRest(0, "the gate could not judge the synth output");
    log(`gate: error: ${describeThrown(error)}`);
    return finish(isModelgateError(error) && error.source === "user" ? ExitCode.UserError : ExitCode.InternalError);
  }
  const synthFiles = writeReports(outDir, "synth", synthReport);
  log(`gate: synth output: ${summaryLine(synthReport)}`);
  if (summarize(synthReport).failed) {
    options.print(REPORTERS.text(synthReport));
    for (const s of selected) {
      const own = synthReport.findings.filter((f) => f.stack === s.name);
      const failing = failingCount({ ...synthReport, findings: own });
      results.push(
        failing > 0
          ? { stack: s.name, status: "blocked", step: "synth-gate", findings: own.length, failing, applied: [], errored: [], files: synthFiles, message: "synth output blocked by the gate" }
          : { stack: s.name, status: "skipped", message: "synth output blocked by the gate", applied: [], errored: [], files: [] },
      );
    }
    return finish(ExitCode.Findings);
  }

  // 2. Per stack: init, plan, show, gate, apply the saved plan.
  const env = tfEnvironment(options.env);
  const tf = (args: string[], cwd: string) => runTf(options.tf, args, { cwd, env });
  for (const [index, stack] of selected.entries()) {
    const name = stack.name;
    const stackOut = path.join(outDir, name);
    mkdirSync(stackOut, { recursive: true });
    const planFile = path.join(stackOut, "plan.tfplan");
    const files: string[] = [];
    const fail = (step: string, message: string, extra: Partial<StackResult> = {}): DeployResult => {
      log(`[${name}] ${step} failed: ${message.split("\n")[0]}`);
      results.push({ stack: name, status: "failed", step, message, applied: [], errored: [], files, ...extra });
      skipRest(index + 1, `stopped: ${name} failed`);
      return finish(ExitCode.InternalError);
    };

    log(`[${name}] init`);
    const init = await tf(["init", "-input=false", "-no-color"], stack.workingDirectory);
    if (init.code !== 0) return fail("init", `${options.tf.kind} init exited ${init.code}:\n${tail(init.stderr || init.stdout)}`);

    log(`[${name}] plan`);
    const plan = await tf(["plan", "-input=false", "-no-color", "-lock-timeout=60s", `-out=${planFile}`], stack.workingDirectory);
    if (plan.code !== 0) return fail("plan", `${options.tf.kind} plan exited ${plan.code}:\n${tail(plan.stderr || plan.stdout)}`);
    const planHash = sha256(planFile);

    const show = await tf(["show", "-json", "-no-color", planFile], stack.workingDirectory);
    if (show.code !== 0) return fail("show", `${options.tf.kind} show -json exited ${show.code}:\n${tail(show.stderr || show.stdout)}`);
    const planJson = path.join(stackOut, "plan.json");
    writeFileSync(planJson, show.stdout);
    files.push(path.relative(outDir, planJson));

    let report: GateReport;
    let changes: PlanCounts;
    try {
      const inputs = parseInputBytes(Buffer.from(show.stdout, "utf8"), planJson);
      changes = countChanges(inputs[0]!.document.plan);
      report = await gateInputs(inputs, options.gate);
    } catch (error) {
      return fail("gate", `the gate could not judge the plan: ${describeThrown(error)}`);
    }
    files.push(...writeReports(outDir, path.join(name, "plan"), report));
    const failing = failingCount(report);
    const counts = `${changes.add} to add, ${changes.change} to change, ${changes.destroy} to destroy`;
    log(`[${name}] plan: ${counts}; gate: ${summaryLine(report)}`);
    const judged = { changes, findings: report.findings.length, failing, files };
    if (failing > 0) {
      options.print(REPORTERS.text(report));
      log(`[${name}] blocked by the gate: nothing applied`);
      results.push({ stack: name, status: "blocked", step: "gate", applied: [], errored: [], message: "plan blocked by the gate", ...judged });
      // A dry run applies nothing, so it goes on to plan and gate the other stacks: one run, the whole report.
      if (options.dryRun) continue;
      skipRest(index + 1, `stopped: ${name} was blocked`);
      return finish(ExitCode.Findings);
    }
    if (!hasChanges(changes)) {
      results.push({ stack: name, status: "unchanged", applied: [], errored: [], ...judged });
      continue;
    }
    if (options.dryRun) {
      results.push({ stack: name, status: "planned", message: "dry run: not applied", applied: [], errored: [], ...judged });
      continue;
    }
    if (options.confirm !== undefined && !(await options.confirm(name, changes))) {
      results.push({ stack: name, status: "skipped", step: "approve", message: "not approved", applied: [], errored: [], ...judged });
      skipRest(index + 1, `stopped: ${name} was not approved`);
      return finish(ExitCode.UserError);
    }
    if (sha256(planFile) !== planHash) {
      return fail("apply", `${planFile} changed after it was gated; refusing to apply it`, judged);
    }

    log(`[${name}] apply`);
    const apply = await tf(["apply", "-input=false", "-no-color", "-json", planFile], stack.workingDirectory);
    const stream = parseApplyStream(apply.stdout);
    const applied = stream.events.filter((e) => e.outcome === "complete");
    const errored = stream.events.filter((e) => e.outcome === "errored");
    if (apply.code !== 0) {
      const why = stream.errors.length > 0 ? stream.errors.join("\n") : tail(apply.stderr || apply.stdout);
      return fail("apply", `${options.tf.kind} apply exited ${apply.code}:\n${why}`, { ...judged, applied, errored });
    }
    log(`[${name}] applied ${applied.length} resource change(s)`);
    results.push({ stack: name, status: "applied", applied, errored, ...judged });
  }
  return finish(results.some((r) => r.status === "blocked") ? ExitCode.Findings : ExitCode.Pass);
}

const COLUMNS = ["stack", "result", "add", "change", "destroy", "findings", "applied"] as const;

/** The end-of-run table, one row per stack, plus a count line and the exact changes of a failed stack. */
export function renderSummary(result: DeployResult): string {
  const rows = result.stacks.map((s) => [
    s.stack,
    s.status + (s.step !== undefined && (s.status === "failed" || s.status === "blocked") ? ` (${s.step})` : ""),
    String(s.changes?.add ?? "-"),
    String(s.changes?.change ?? "-"),
    String(s.changes?.destroy ?? "-"),
    s.findings === undefined ? "-" : `${s.findings}${s.failing ? ` (${s.failing} failing)` : ""}`,
    String(s.applied.length),
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  const out = [line(COLUMNS), ...rows.map(line)];
  const count = (st: StackStatus) => result.stacks.filter((s) => s.status === st).length;
  out.push(
    "",
    `modelgate deploy: ${count("applied")} applied, ${count("unchanged")} unchanged, ${count("planned")} planned (dry run), ` +
      `${count("blocked")} blocked, ${count("failed")} failed, ${count("skipped")} skipped`,
  );
  for (const s of result.stacks.filter((x) => x.status === "failed")) {
    out.push(`${s.stack}: ${s.step} failed: ${s.message ?? ""}`);
    if (s.step === "apply") {
      out.push(`${s.stack}: applied before the failure (${s.applied.length}):`);
      for (const e of s.applied) out.push(`  ${e.action} ${e.address}`);
      for (const e of s.errored) out.push(`  FAILED ${e.action} ${e.address}`);
    }
  }
  return `${out.join("\n")}\n`;
}
