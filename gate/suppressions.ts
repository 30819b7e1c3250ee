import { readFileSync } from "node:fs";
import * as path from "node:path";
import type * as Zod from "zod";
import { SuppressionError } from "../core/errors";
import { findingKey, type Finding } from "./finding";

/**
 * Suppressions silence one finding each (rule ID + Terraform address), with a reason, an owner and an expiry
 * date. Expired entries stop applying and are reported. Suppressed findings are counted and listed, never hidden.
 * The same address can stand in several inputs (every CDKTF account stack has aws_iam_policy.InvokePolicy), so an
 * entry may name its `stack` or `file`; an entry that names neither and matches findings in more than one input
 * is ambiguous and does not apply.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One suppression entry (validated by the zod schema in schemas()). */
export interface Suppression {
  readonly ruleId: string;
  readonly address: string;
  readonly reason: string;
  readonly owner: string;
  /** The CDKTF stack the finding is in (cdktf.out inputs). */
  readonly stack?: string;
  /** The input file the finding is in, as given on the command line. */
  readonly file?: string;
  readonly expires: string;
}

/**
 * The schemas, built on first use: zod and yaml are loaded only when a suppressions file is read, not on every
 * `check` (loading them cost more than evaluating a tiny plan; BENCHMARKS.md, start-up).
 */
let built: { entry: Zod.ZodType<Suppression>; file: Zod.ZodType<Suppression[] | { suppressions: Suppression[] }> } | undefined;
function schemas(): NonNullable<typeof built> {
  if (built) return built;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { z } = require("zod") as typeof Zod;
  const entry = z
    .object({
      ruleId: z.string().regex(/^[A-Z]+-\d{4}$/, "must look like MG-0005"),
      address: z.string().min(1, "must be a Terraform address"),
      reason: z.string().trim().min(10, "must be at least 10 characters"),
      owner: z.string().trim().min(1, "must name an owner"),
      stack: z.string().min(1, "must name a stack").optional(),
      file: z.string().min(1, "must name a file").optional(),
      expires: z.string().regex(DATE, "must be a date YYYY-MM-DD").refine(isRealDate, "must be a real calendar date"),
    })
    .strict();
  built = { entry, file: z.union([z.object({ suppressions: z.array(entry) }).strict(), z.array(entry)]) };
  return built;
}

function parseYaml(text: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("yaml") as typeof import("yaml")).parse(text);
}

export interface SuppressionResult {
  readonly findings: Finding[];
  readonly suppressed: SuppressedFinding[];
  /** Entries whose expiry date has passed: they no longer apply. */
  readonly expired: Suppression[];
  /** Entries without stack or file that match findings in several inputs: they do not apply. */
  readonly ambiguous: AmbiguousSuppression[];
  /** Entries in force that matched no finding: stale, or naming the wrong address, stack or file. */
  readonly unmatched: Suppression[];
}

export interface AmbiguousSuppression {
  readonly suppression: Suppression;
  /** The inputs (stack, else file) it matched, sorted. */
  readonly inputs: readonly string[];
}

export interface SuppressedFinding {
  readonly finding: Finding;
  readonly suppression: Suppression;
}

function isRealDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Read and validate a suppressions file (YAML or JSON). Throws SuppressionError listing every problem. */
export function loadSuppressions(file: string): Suppression[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (cause) {
    throw new SuppressionError("SUPPRESSIONS_UNREADABLE", `${file}: cannot read the suppressions file`, { cause });
  }
  return parseSuppressions(text, file);
}

export function parseSuppressions(text: string, file: string): Suppression[] {
  let value: unknown;
  try {
    value = parseYaml(text); // YAML 1.2 is a superset of JSON.
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new SuppressionError("SUPPRESSIONS_INVALID", `${file}: not valid YAML or JSON: ${detail}`, { cause });
  }
  const parsed = schemas().file.safeParse(value ?? []);
  if (!parsed.success) {
    const problems = suppressionProblems(value, file);
    throw new SuppressionError(
      "SUPPRESSIONS_INVALID",
      `${file}: ${problems.length} invalid suppression field(s): ${problems[0] ?? "expected a list of suppressions"}`,
      { problems },
    );
  }
  const entries = Array.isArray(parsed.data) ? parsed.data : parsed.data.suppressions;
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const e of entries) {
    const key = `${findingKey(e)}${e.stack !== undefined ? ` in stack ${e.stack}` : ""}${e.file !== undefined ? ` in file ${e.file}` : ""}`;
    if (seen.has(key)) duplicates.push(`${file}: ${key} is suppressed more than once`);
    seen.add(key);
  }
  if (duplicates.length > 0) {
    throw new SuppressionError("SUPPRESSIONS_INVALID", duplicates[0] as string, { problems: duplicates });
  }
  return entries;
}

/** Per-entry messages naming the file, the entry and the field: `file: suppressions[1].reason must be …`. */
function suppressionProblems(value: unknown, file: string): string[] {
  const list = Array.isArray(value)
    ? value
    : value !== null && typeof value === "object" && Array.isArray((value as { suppressions?: unknown }).suppressions)
      ? ((value as { suppressions: unknown[] }).suppressions)
      : undefined;
  if (!list) return [`${file}: expected a list of suppressions, or an object {suppressions: [...]}`];
  const problems: string[] = [];
  if (!Array.isArray(value)) {
    const extra = Object.keys(value as object).filter((k) => k !== "suppressions");
    for (const k of extra) problems.push(`${file}: unknown top-level key "${k}"`);
  }
  list.forEach((entry, i) => {
    const result = schemas().entry.safeParse(entry);
    if (result.success) return;
    for (const issue of result.error.issues) {
      const field = issue.path.length > 0 ? `.${issue.path.join(".")}` : "";
      const message = issue.code === "unrecognized_keys" ? `has unknown key(s) ${issue.keys.join(", ")}` : issue.message;
      problems.push(`${file}: suppressions[${i}]${field} ${message}`);
    }
  });
  return problems;
}

/**
 * Split findings into those still reported and those suppressed. An entry applies while `today` ≤ expires;
 * from the day after, it is expired and listed in `expired`. `today` is YYYY-MM-DD (injectable for tests).
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  today: string,
  options: { readonly cwd?: string } = {},
): SuppressionResult {
  // `file:` matches by resolved path: "./plan.json", "plan.json" and its absolute path name the same input.
  const cwd = options.cwd ?? process.cwd();
  const sameFile = (a: string, b: string) => a === b || path.resolve(cwd, a) === path.resolve(cwd, b);
  const active: Suppression[] = [];
  const expired: Suppression[] = [];
  for (const s of suppressions) {
    if (s.expires < today) expired.push(s);
    else active.push(s);
  }
  const inputOf = (f: Finding) => f.stack ?? f.file;
  const matches = (s: Suppression, f: Finding) =>
    findingKey(s) === findingKey(f) && (s.stack === undefined || s.stack === f.stack) && (s.file === undefined || sameFile(s.file, f.file));
  const ambiguous: AmbiguousSuppression[] = [];
  const applicable = active.filter((s) => {
    if (s.stack !== undefined || s.file !== undefined) return true;
    const inputs = [...new Set(findings.filter((f) => matches(s, f)).map(inputOf))].sort();
    if (inputs.length <= 1) return true;
    ambiguous.push({ suppression: s, inputs });
    return false;
  });
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const suppression = applicable.find((s) => matches(s, finding));
    if (suppression) suppressed.push({ finding, suppression });
    else kept.push(finding);
  }
  expired.sort((a, b) => (findingKey(a) < findingKey(b) ? -1 : findingKey(a) > findingKey(b) ? 1 : 0));
  const used = new Set(suppressed.map((s) => s.suppression));
  const unmatched = applicable.filter((s) => !used.has(s));
  return { findings: kept, suppressed, expired, ambiguous, unmatched };
}

/** Today's date in UTC as YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
