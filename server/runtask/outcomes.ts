import { atLeast, type Severity } from "../../core/severity";
import { findingKey, type Finding } from "../../gate";
import type { Verdict } from "../judge";
import type { TagLevel, TaskOutcome, TaskResult } from "./callback";

/** Turn the gate's verdict (or its failure) into the run-task result HCP shows: one outcome per finding. */

export interface OutcomeOptions {
  /** The lowest severity that fails the task (as `check --fail-on`). */
  readonly failOn: Severity;
  /** Public page describing the rules; each outcome links to `<rulesUrl>#<rule id in lower case>`. */
  readonly rulesUrl?: string;
}

/** HCP's documented limits are "under 1 MB recommended" for a body; keep each far below. */
const MAX_BODY_CHARS = 16_000;
const MAX_MESSAGE_CHARS = 300;

const SEVERITY_LABEL: Record<Severity, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };
const SEVERITY_LEVEL: Record<Severity, TagLevel> = { critical: "error", high: "error", medium: "warning", low: "info" };

export function verdictResult(verdict: Verdict, options: OutcomeOptions): TaskResult {
  const failing = verdict.findings.filter((f) => atLeast(f.severity, options.failOn));
  const threshold = options.failOn.toUpperCase();
  const scope = `catalog ${verdict.catalogSnapshotDate}${verdict.withApprovedSet ? " + approved set" : ", no approved set"}`;
  const total = verdict.findings.length;
  let message: string;
  if (failing.length > 0) {
    message = `${plural(failing.length, "finding")} at or above ${threshold}${total > failing.length ? ` (${total} in all)` : ""}; ${scope}`;
  } else if (total > 0) {
    message = `no findings at or above ${threshold} (${plural(total, "finding")} below it); ${scope}`;
  } else {
    message = `no findings; ${scope}`;
  }
  return {
    status: failing.length > 0 ? "failed" : "passed",
    message: oneLine(message),
    outcomes: verdict.findings.map((f) => findingOutcome(f, options)),
  };
}

function findingOutcome(f: Finding, options: OutcomeOptions): TaskOutcome {
  const fails = atLeast(f.severity, options.failOn);
  const body = [
    `**${f.ruleId} ${escapeMarkdown(f.title)}** (${f.longId})`,
    "",
    `Resource: ${code(f.address)}${f.constructPath !== undefined ? ` (construct ${code(f.constructPath)})` : ""}`,
    "",
    escapeMarkdown(f.message),
    "",
    `**Remediation:** ${escapeMarkdown(f.remediation)}`,
  ].join("\n");
  return {
    outcomeId: findingKey(f),
    description: oneLine(`${f.ruleId}: ${f.title} (${f.address})`),
    body: body.length > MAX_BODY_CHARS ? `${body.slice(0, MAX_BODY_CHARS)}\n\n(truncated)` : body,
    ...(options.rulesUrl !== undefined ? { url: `${options.rulesUrl}#${f.ruleId.toLowerCase()}` } : {}),
    tags: {
      Status: [fails ? { label: "Failed", level: "error" } : { label: "Advisory", level: "warning" }],
      Severity: [{ label: SEVERITY_LABEL[f.severity], level: SEVERITY_LEVEL[f.severity] }],
    },
  };
}

/** The plan was not judged: fail closed, with the reason in the message and in one outcome. */
export function errorResult(reason: string): TaskResult {
  return {
    status: "failed",
    message: oneLine(`not judged, so failed: ${reason}`),
    outcomes: [
      {
        outcomeId: "modelgate-error",
        description: "The plan was not judged",
        body: [
          "modelgate could not judge this plan, so the task failed (it fails closed).",
          "",
          escapeMarkdown(reason.length > MAX_BODY_CHARS ? `${reason.slice(0, MAX_BODY_CHARS)}…` : reason),
        ].join("\n"),
        tags: { Status: [{ label: "Error", level: "error" }] },
      },
    ],
  };
}

/** pre_plan has no plan to judge. */
export function prePlanResult(): TaskResult {
  return {
    status: "passed",
    message: "nothing to judge before the plan: attach modelgate at the post-plan stage to gate the plan",
    outcomes: [],
  };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_MESSAGE_CHARS ? `${flat.slice(0, MAX_MESSAGE_CHARS - 1)}…` : flat;
}

/** Plan text (addresses, ARNs, names) must render as text, never as markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${fence === "``" ? " " : ""}${text}${fence === "``" ? " " : ""}${fence}`;
}
