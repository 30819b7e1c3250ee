import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import * as path from "node:path";
import { isUtf8 } from "node:buffer";
import { PlanInputError } from "../core/errors";
import { PLAN_ACTIONS, reducePlanBytes, scannerBuffer } from "./plan-reduce";

/**
 * Reading what the gate judges: `terraform show -json` / `tofu show -json` plans, Terraform Cloud's OPA input
 * `{plan, run}`, one CDKTF `cdk.tf.json`, or a whole `cdktf.out` directory. Every input becomes the document the
 * Rego reads (`{"plan": …}`), plus where it came from. Anything unreadable is a PlanInputError (exit 2).
 */

export type InputKind = "plan" | "tfc" | "cdktf";

export interface GateInput {
  /** The file the input came from (for a cdktf.out directory: that stack's cdk.tf.json). */
  readonly file: string;
  readonly kind: InputKind;
  /** CDKTF stack name, for synth output. */
  readonly stack?: string;
  /** Terraform address → CDKTF construct path, for synth output. Empty for plans. */
  readonly constructPaths: ReadonlyMap<string, string>;
  /** What the Rego sees as `input`. */
  readonly document: { readonly plan: Record<string, unknown>; readonly run?: unknown };
  /**
   * UTF-8 JSON text of `document` built from the input bytes without re-serialising, when available (plan and
   * Terraform Cloud files). Only set after the text has parsed as JSON: the wasm would read a truncated
   * document as "no input" and pass it.
   */
  readonly json?: Uint8Array;
}

/** Inputs larger than this are refused before reading (V8 cannot hold a string much longer). */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;
/** Deeper JSON is refused: no Terraform plan nests this deep, and the evaluators recurse. */
export const MAX_JSON_DEPTH = 512;

/** Read every path (plan file, cdk.tf.json, or cdktf.out directory) in order. */
export function readInputs(paths: readonly string[], options: ReadOptions = {}): GateInput[] {
  return paths.flatMap((p) => readInput(p, options));
}

/** Read one path; a cdktf.out directory yields one input per stack. */
export function readInput(file: string, options: ReadOptions = {}): GateInput[] {
  let stat;
  try {
    stat = statSync(file);
  } catch (cause) {
    throw new PlanInputError("INPUT_NOT_FOUND", `${file}: cannot read input (${errnoText(cause)})`, { cause });
  }
  if (stat.isDirectory()) return readSynthDirectory(file);
  if (stat.size > MAX_INPUT_BYTES) {
    throw new PlanInputError(
      "INPUT_TOO_LARGE",
      `${file}: input is ${stat.size} bytes; the gate reads at most ${MAX_INPUT_BYTES} bytes per file`,
    );
  }
  const bytes = readBytes(file, options.reduceTo !== undefined && options.readInPlace === true ? (options.reduceFromBytes ?? REDUCE_FROM_BYTES) : undefined);
  if (path.basename(file) === "manifest.json") {
    const value = parseJson(decodeText(bytes, file), file);
    if (isRecord(value) && isRecord(value.stacks)) return readSynthDirectory(path.dirname(file));
  }
  return parseInputBytes(bytes, file, options);
}

/** How to read a plan. */
export interface ReadOptions {
  /**
   * The resource types the rules read (the policy's selection declaration, gate/select.ts): a large plan is then
   * read without parsing the resources no rule reads (gate/plan-reduce.ts). The document is then only fit for
   * evaluation in selected pieces; `json` still holds the whole plan.
   */
  readonly reduceTo?: ReadonlySet<string>;
  /** Plans smaller than this are parsed whole (default 64 KiB: below it the bookkeeping costs more than it saves). */
  readonly reduceFromBytes?: number;
  /**
   * Read a plan file that will be reduced straight into a scanner's memory (gate/plan-reduce.ts scannerBuffer), not
   * into a Buffer the scan then copies. For a caller that reads one plan (check of one file): each such memory
   * reserves ~10 GiB of address space for as long as its input is held, so many plans read so in one run could
   * exhaust a limited address space (ulimit -v) before the policy's own memory is reserved.
   */
  readonly readInPlace?: boolean;
}

const REDUCE_FROM_BYTES = 64 * 1024;

/** Classify and convert already-read bytes (exported for tests and for the server's request bodies). */
export function parseInputBytes(bytes: Uint8Array, file: string, options: ReadOptions = {}): GateInput[] {
  if (options.reduceTo !== undefined && bytes.length >= (options.reduceFromBytes ?? REDUCE_FROM_BYTES)) {
    const reduced = readReducedPlan(bytes, file, options.reduceTo);
    if (reduced !== undefined) return [reduced];
  }
  const decoded = decodeInput(bytes, file);
  const value = parseJson(decoded.text, file);
  if (!isRecord(value)) {
    throw new PlanInputError(
      "INPUT_NOT_OBJECT",
      `${file}: expected a JSON object (a Terraform plan), got ${jsonTypeName(value)}`,
    );
  }
  checkStructure(decoded.text, value, file);
  // Only the UTF-8 bytes (or, for a UTF-16 input, the text) are kept for the document's JSON, not both.
  const body = decoded.utf8 ?? decoded.text;

  if (isUiEvent(value)) throw uiStreamError(file);
  if ("format_version" in value) {
    validatePlan(value, file, "");
    return [planInput(file, value, lazyJson(body, '{"plan":', "}"))];
  }
  if ("plan" in value && isRecord(value.plan) && ("run" in value || "format_version" in value.plan)) {
    validatePlan(value.plan, file, "plan.");
    const document = "run" in value ? { plan: value.plan, run: value.run } : { plan: value.plan };
    const json = lazyJson(body, "", "");
    return [{ file, kind: "tfc", constructPaths: new Map(), document, get json() { return json(); } }];
  }
  if ("plan" in value) {
    throw new PlanInputError(
      "PLAN_SHAPE_INVALID",
      `${file}: "plan" is ${jsonTypeName(value.plan)} without a format_version; expected Terraform Cloud's OPA input {"plan": <terraform show -json output>, "run": …}`,
    );
  }
  if (looksLikeSynthStack(value)) {
    refuseRepeatedKeys(decoded.text, file);
    return [convertSynthStack(value, file, undefined)];
  }
  throw new PlanInputError(
    "INPUT_UNRECOGNIZED",
    `${file}: not a Terraform plan; expected the output of "terraform show -json tfplan" (with format_version), ` +
      `Terraform Cloud's OPA input {"plan", "run"}, a cdk.tf.json, or a cdktf.out directory`,
  );
}

/**
 * A plan read by gate/plan-reduce.ts, or undefined when it must be read whole (any other encoding, input or shape:
 * the full reading then gives its exact verdict or error). UTF-16 and UTF-32 are not UTF-8, so isUtf8 sends them
 * to the full reading too.
 */
function readReducedPlan(bytes: Uint8Array, file: string, types: ReadonlySet<string>): GateInput | undefined {
  const body = withoutUtf8Bom(bytes);
  if (!isUtf8(body)) return undefined;
  const reduced = reducePlanBytes(body, { types, maxDepth: MAX_JSON_DEPTH });
  if (reduced === undefined) return undefined;
  // no checkStructure: the scan measured the whole text's depth, and gave up on any escape of a surrogate (strict
  // UTF-8 has no raw ones)
  const { value } = reduced;
  if (isUiEvent(value) || !("format_version" in value)) return undefined;
  try {
    validatePlan(value, file, "");
  } catch {
    return undefined; // the full reading names the problem with the entry's index in the whole plan
  }
  return planInput(file, value, lazyJson(body, '{"plan":', "}"));
}

const withoutUtf8Bom = (bytes: Uint8Array): Uint8Array =>
  bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;

/**
 * The document's UTF-8 JSON, built from the input's own bytes (or, for a UTF-16 input, its text) only when asked
 * for: the gate evaluates a selection of the plan and needs them only for a plan it evaluates whole.
 */
function lazyJson(body: Uint8Array | string, prefix: string, suffix: string): () => Uint8Array {
  let built: Uint8Array | undefined;
  return () => (built ??= Buffer.concat([Buffer.from(prefix, "utf8"), typeof body === "string" ? Buffer.from(body, "utf8") : body, Buffer.from(suffix, "utf8")]));
}

function planInput(file: string, plan: Record<string, unknown>, json: () => Uint8Array): GateInput {
  return { file, kind: "plan", constructPaths: new Map(), document: { plan }, get json() { return json(); } };
}

// ---------------------------------------------------------------------------------------------------------------
// Encodings

interface DecodedInput {
  readonly text: string;
  /** The UTF-8 bytes of `text` when the input already was UTF-8 (BOM removed). */
  readonly utf8?: Uint8Array;
}

/** Decode UTF-8 (with or without BOM) or UTF-16 LE/BE with BOM; anything else is a PlanInputError. */
export function decodeText(bytes: Uint8Array, file: string): string {
  return decodeInput(bytes, file).text;
}

function decodeInput(bytes: Uint8Array, file: string): DecodedInput {
  if (bytes.length === 0) throw new PlanInputError("INPUT_EMPTY", `${file}: the file is empty`);
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe && bytes[2] === 0 && bytes[3] === 0) {
    throw encodingError(file, "starts with a UTF-32 byte-order mark; UTF-32 is not supported");
  }
  if (b0 === 0xff && b1 === 0xfe) return { text: decodeStrict("utf-16le", bytes.subarray(2), file, "UTF-16LE") };
  if (b0 === 0xfe && b1 === 0xff) return { text: decodeStrict("utf-16be", bytes.subarray(2), file, "UTF-16BE") };
  const body = withoutUtf8Bom(bytes);
  const nul = body.indexOf(0);
  if (nul !== -1) {
    throw encodingError(
      file,
      `contains a NUL byte at offset ${nul + bytes.length - body.length}; UTF-16 without a byte-order mark is not supported`,
    );
  }
  return { text: decodeStrict("utf-8", body, file, "UTF-8"), utf8: body };
}

function decodeStrict(encoding: string, bytes: Uint8Array, file: string, label: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw encodingError(file, `is not valid ${label}`, cause);
  }
}

function encodingError(file: string, detail: string, cause?: unknown): PlanInputError {
  return new PlanInputError(
    "INPUT_ENCODING",
    `${file}: ${detail}; save the plan as UTF-8 (or UTF-16 with a byte-order mark), e.g. terraform show -json tfplan > plan.json`,
    cause === undefined ? {} : { cause },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// JSON

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    if (looksLikeUiStream(text)) throw uiStreamError(file);
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new PlanInputError("INPUT_NOT_JSON", `${file}: not valid JSON (truncated or corrupted?): ${detail}`, { cause });
  }
}

function isUiEvent(value: Record<string, unknown>): boolean {
  return "@level" in value && "@message" in value;
}

function looksLikeUiStream(text: string): boolean {
  const firstLine = text.slice(0, 64 * 1024).split("\n", 1)[0]?.trim() ?? "";
  try {
    const first: unknown = JSON.parse(firstLine);
    return isRecord(first) && isUiEvent(first);
  } catch {
    return false;
  }
}

function uiStreamError(file: string): PlanInputError {
  return new PlanInputError(
    "PLAN_JSON_UI_STREAM",
    `${file}: this is the event stream of "terraform plan -json", not a plan; ` +
      `save the plan and convert it instead: terraform plan -out=tfplan && terraform show -json tfplan > plan.json`,
  );
}

/**
 * Nesting depth and lone surrogates, checked on the text where that is cheaper than walking the parsed value: a
 * lone surrogate can only come from a \\u escape (strict decoding refuses one written raw), so text without a
 * \\uD800-\\uDFFF escape needs only its brackets counted; text with one gets the walk that names the string.
 */
function checkStructure(text: string, value: unknown, file: string): void {
  if (SURROGATE_ESCAPE.test(text)) checkDepth(value, file);
  else checkTextDepth(text, file);
}
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * The nesting depth of JSON text, counted over its brackets outside strings (the text has parsed as JSON). Strings
 * are skipped with indexOf, which is native: most of a plan's text is inside strings.
 */
function checkTextDepth(text: string, file: string): void {
  const n = text.length;
  let depth = 0;
  let i = 0;
  while (i < n) {
    const quote = text.indexOf('"', i);
    const end = quote === -1 ? n : quote;
    for (let j = i; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x7b || c === 0x5b) {
        if (++depth > MAX_JSON_DEPTH) throw new PlanInputError("INPUT_TOO_DEEP", `${file}: JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
      } else if (c === 0x7d || c === 0x5d) {
        depth--;
      }
    }
    if (quote === -1) return;
    const close = closingQuote(text, quote);
    if (close === -1) return;
    i = close + 1;
  }
}

/** Where the string opened by the quote at `quote` closes: the next quote not escaped (after an even number of backslashes), or -1. */
function closingQuote(text: string, quote: number): number {
  let close = quote + 1;
  for (;;) {
    close = text.indexOf('"', close);
    if (close === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return close;
    close++;
  }
}

/**
 * A synthesized stack is what Terraform runs, and Terraform reads every occurrence of a repeated key in its JSON
 * (HCL's JSON syntax: two "statement" keys are two blocks, two "resource" keys two sets of resources), where
 * JSON.parse keeps only the last: whatever the earlier ones hold would be deployed unjudged. So a stack that
 * repeats a key within one object is refused (exit 2), naming the key and where. (A plan's JSON only describes the
 * saved plan, which is what apply runs, so repeated keys there hide nothing.) `text` has parsed as JSON.
 */
function refuseRepeatedKeys(text: string, file: string): void {
  // per open container: its keys (an object) or null (an array), and the path to it for the message
  const open: Array<{ keys: Set<string> | null; path: string }> = [];
  let lastKey = "";
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      const parent = open[open.length - 1];
      const at = parent === undefined ? "" : parent.keys === null ? `${parent.path}[]` : `${parent.path}${parent.path ? "." : ""}${lastKey}`;
      open.push({ keys: c === 0x7b ? new Set() : null, path: at });
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
      i++;
    } else if (c === 0x22) {
      const close = closingQuote(text, i);
      let j = close + 1;
      while (j < n && (text[j] === " " || text[j] === "\n" || text[j] === "\r" || text[j] === "\t")) j++;
      const top = open[open.length - 1];
      if (text[j] === ":" && top?.keys) {
        const raw = text.slice(i + 1, close);
        // a key written with escapes is the same key as its plain spelling
        const key = raw.includes("\\") ? (JSON.parse(text.slice(i, close + 1)) as string) : raw;
        if (top.keys.has(key)) {
          throw new PlanInputError(
            "SYNTH_KEY_REPEATED",
            `${file}: the key "${key}" appears twice in ${top.path ? `"${top.path}"` : "the top-level object"}; Terraform reads every occurrence of a repeated key, JSON.parse only the last, so the gate cannot judge this stack`,
          );
        }
        top.keys.add(key);
        lastKey = key;
      }
      i = close + 1;
    } else {
      i++;
    }
  }
}

/** Iterative, so that a hostile nesting depth cannot overflow the stack here. */
function checkDepth(root: unknown, file: string): void {
  const stack: Array<[unknown, number]> = [[root, 1]];
  let surrogate = false;
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (depth > MAX_JSON_DEPTH) {
      throw new PlanInputError("INPUT_TOO_DEEP", `${file}: JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
    if (value !== null && typeof value === "object") {
      for (const child of Object.values(value)) {
        if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
        else if (typeof child === "string" && !surrogate && hasLoneSurrogate(child)) surrogate = true;
      }
    }
  }
  if (surrogate) {
    const at = loneSurrogatePath(root) ?? "a string";
    throw new PlanInputError(
      "INPUT_LONE_SURROGATE",
      `${file}: ${at} holds a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF), which is not valid Unicode, ` +
        "so the gate cannot judge that text; fix the string (or the tool that wrote it)",
    );
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// the same, written as JSON escapes inside text that is itself JSON (policy documents are JSON strings in a plan).
// A "\\u" is an escape only after an even run of backslashes ("\\\\ud800" is an escaped backslash, then text): the
// lookbehinds count them, so such text neither is a surrogate nor pairs with a real low one after it.
const LONE_SURROGATE_ESCAPE =
  /(?<=(?:^|[^\\])(?:\\\\)*)\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<=(?:^|[^\\])(?:\\\\)*)(?<!(?:^|[^\\])(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}/;

/** True when a string holds an unpaired surrogate, directly or as a \\u escape of embedded JSON text. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text) || (text.includes("\\u") && LONE_SURROGATE_ESCAPE.test(text));
}

/** The JSON path of the first string with a lone surrogate, for the error message. */
function loneSurrogatePath(root: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[root, ""]];
  while (stack.length > 0) {
    const [value, at] = stack.pop() as [unknown, string];
    if (typeof value === "string") {
      if (hasLoneSurrogate(value)) return at === "" ? "the input" : at;
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push([v, `${at}[${i}]`]));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) stack.push([v, at === "" ? k : `${at}.${k}`]);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Plans

const MAX_LISTED_PROBLEMS = 20;

function validatePlan(plan: Record<string, unknown>, file: string, at: string): void {
  const version = plan.format_version;
  if (typeof version !== "string" || !/^\d+\.\d+$/.test(version)) {
    throw new PlanInputError(
      "PLAN_FORMAT_UNSUPPORTED",
      `${file}: ${at}format_version is ${typeof version === "string" ? `"${version}"` : jsonTypeName(version)}; expected "1.x" from "terraform show -json"`,
    );
  }
  const major = version.split(".")[0];
  if (major !== "1") {
    throw new PlanInputError(
      "PLAN_FORMAT_UNSUPPORTED",
      `${file}: plan format_version "${version}" is not supported; modelgate reads format 1.x (terraform show -json from Terraform 1.1 or later, or OpenTofu)`,
    );
  }
  // `terraform show -json` without a plan file prints the STATE: same format_version, "values" instead of a plan.
  // Judging it would judge nothing, so it is refused, as is an object with no plan content at all.
  const hasPlanContent = ["resource_changes", "planned_values", "configuration", "prior_state"].some((k) => k in plan);
  if (!hasPlanContent) {
    const state = "values" in plan;
    throw new PlanInputError(
      state ? "PLAN_IS_STATE" : "PLAN_SHAPE_INVALID",
      state
        ? `${file}: ${at ? `${at.slice(0, -1)} is` : "this is"} a Terraform state, not a plan (terraform show -json without a plan file); run: terraform plan -out=tfplan && terraform show -json tfplan`
        : `${file}: ${at ? at.slice(0, -1) : "the JSON"} has format_version but no plan content (no resource_changes, planned_values, configuration or prior_state); expected the output of terraform show -json tfplan`,
    );
  }
  if (plan.errored === true) {
    throw new PlanInputError(
      "PLAN_ERRORED",
      `${file}: ${at}errored is true: Terraform could not finish this plan, so it cannot be judged; fix the plan's errors first`,
    );
  }
  const problems: string[] = [];
  const changes = plan.resource_changes;
  if (changes !== undefined) {
    if (!Array.isArray(changes)) {
      problems.push(`${at}resource_changes is ${jsonTypeName(changes)}, expected an array`);
    } else {
      changes.forEach((rc: unknown, i) => problems.push(...resourceChangeProblems(rc, `${at}resource_changes[${i}]`)));
    }
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    if (problems.length > listed.length) listed.push(`… and ${problems.length - listed.length} more`);
    throw new PlanInputError(
      "PLAN_SHAPE_INVALID",
      `${file}: not a valid Terraform plan (${problems.length} problem${problems.length === 1 ? "" : "s"}): ${listed[0]}`,
      { problems: listed },
    );
  }
}


function resourceChangeProblems(rc: unknown, at: string): string[] {
  if (!isRecord(rc)) return [`${at} is ${jsonTypeName(rc)}, expected an object`];
  const problems: string[] = [];
  for (const key of ["address", "type"] as const) {
    if (typeof rc[key] !== "string") problems.push(`${at}.${key} is ${jsonTypeName(rc[key])}, expected a string`);
  }
  const change = rc.change;
  if (!isRecord(change)) return [...problems, `${at}.change is ${jsonTypeName(change)}, expected an object`];
  const actions = change.actions;
  if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => typeof a === "string")) {
    problems.push(`${at}.change.actions is ${jsonTypeName(actions)}, expected a non-empty array of strings`);
  } else {
    // An action the rules do not know would be skipped as if nothing happened: refuse it instead.
    const unknown = actions.filter((a) => !PLAN_ACTIONS.has(a as string));
    if (unknown.length > 0) {
      problems.push(`${at}.change.actions has ${unknown.map((a) => JSON.stringify(a)).join(", ")}; expected ${[...PLAN_ACTIONS].join(", ")}`);
    }
  }
  for (const key of ["after", "after_unknown"] as const) {
    const v = change[key];
    if (v !== undefined && v !== null && typeof v !== "object" && typeof v !== "boolean") {
      problems.push(`${at}.change.${key} is ${jsonTypeName(v)}, expected an object`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// CDKTF synth output

function looksLikeSynthStack(value: Record<string, unknown>): boolean {
  return "resource" in value || "data" in value || "module" in value || ("//" in value && "terraform" in value);
}

interface SynthManifest {
  readonly stacks: Record<string, { readonly name?: unknown; readonly synthesizedStackPath?: unknown }>;
}

function readSynthDirectory(dir: string): GateInput[] {
  const manifestFile = path.join(dir, "manifest.json");
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(manifestFile);
  } catch (cause) {
    throw new PlanInputError(
      "INPUT_NOT_FOUND",
      `${dir}: a directory without manifest.json; pass a cdktf.out directory, a cdk.tf.json, or a plan JSON file (${errnoText(cause)})`,
      { cause },
    );
  }
  const manifest = parseJson(decodeText(bytes, manifestFile), manifestFile);
  if (!isRecord(manifest) || !isRecord(manifest.stacks)) {
    throw new PlanInputError("SYNTH_MANIFEST_INVALID", `${manifestFile}: expected an object with "stacks" (cdktf synth output)`);
  }
  const stacks = (manifest as unknown as SynthManifest).stacks;
  const names = Object.keys(stacks).sort();
  if (names.length === 0) throw new PlanInputError("SYNTH_MANIFEST_INVALID", `${manifestFile}: lists no stacks`);
  return names.map((key) => {
    const entry = stacks[key];
    const stackPath = isRecord(entry) ? entry.synthesizedStackPath : undefined;
    if (typeof stackPath !== "string" || stackPath.length === 0) {
      throw new PlanInputError(
        "SYNTH_MANIFEST_INVALID",
        `${manifestFile}: stacks.${key}.synthesizedStackPath is ${jsonTypeName(stackPath)}, expected a relative path`,
      );
    }
    const resolved = path.resolve(dir, stackPath);
    const relative = path.relative(path.resolve(dir), resolved);
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
      throw new PlanInputError(
        "SYNTH_MANIFEST_INVALID",
        `${manifestFile}: stacks.${key}.synthesizedStackPath "${stackPath}" points outside the directory`,
      );
    }
    const file = path.join(dir, stackPath);
    const stackBytes = readBytes(file);
    const stackText = decodeText(stackBytes, file);
    const value = parseJson(stackText, file);
    if (!isRecord(value)) {
      throw new PlanInputError("INPUT_NOT_OBJECT", `${file}: expected a JSON object (a cdk.tf.json), got ${jsonTypeName(value)}`);
    }
    checkStructure(stackText, value, file);
    refuseRepeatedKeys(stackText, file);
    const name = isRecord(entry) && typeof entry.name === "string" ? entry.name : key;
    return convertSynthStack(value, file, name);
  });
}

/** Meta-arguments are Terraform's, not the provider's: they never appear in a plan's `after`. */
const META_ARGUMENTS = new Set(["//", "count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"]);

/**
 * Nested blocks the rules read, by resource type. Terraform's JSON syntax takes a block as one object or as an
 * array of objects; a plan always shows an array, so the single-object form is read as a list of one. (Without
 * the provider's schema a block cannot be told from an object-typed attribute such as tags, hence the table.)
 */
const NESTED_BLOCKS: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role: ["inline_policy"],
  aws_ssoadmin_customer_managed_policy_attachment: ["customer_managed_policy_reference"],
  aws_ssoadmin_customer_managed_policy_attachments_exclusive: ["customer_managed_policy_reference"],
  aws_ssoadmin_permissions_boundary_attachment: ["permissions_boundary"],
};

/** Computed attributes that carry policy text: never literal in synth output, so unknown. */
const COMPUTED_POLICY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_policy_document: ["json", "minified_json"],
};

/** Convert one cdk.tf.json into the plan shape described in docs/ARCHITECTURE.md ("Gate input"). */
export function convertSynthStack(stack: Record<string, unknown>, file: string, stackName: string | undefined): GateInput {
  const meta = isRecord(stack["//"]) && isRecord(stack["//"].metadata) ? stack["//"].metadata : {};
  const name = stackName ?? (typeof meta.stackName === "string" ? meta.stackName : undefined);
  const providers = providerSources(stack);
  const constructPaths = new Map<string, string>();
  const resourceChanges: Record<string, unknown>[] = [];
  const configResources: Record<string, unknown>[] = [];
  const problems: string[] = [];
  refuseModuleCalls(stack, file);
  const documents = literalPolicyDocuments(stack);

  for (const mode of ["managed", "data"] as const) {
    const block = stack[mode === "managed" ? "resource" : "data"];
    if (block === undefined) continue;
    if (!isRecord(block)) {
      problems.push(`${mode === "managed" ? "resource" : "data"} is ${jsonTypeName(block)}, expected an object`);
      continue;
    }
    for (const type of Object.keys(block).sort()) {
      const byId = block[type];
      if (!isRecord(byId)) {
        problems.push(`${mode === "managed" ? "resource" : "data"}.${type} is ${jsonTypeName(byId)}, expected an object`);
        continue;
      }
      for (const id of Object.keys(byId).sort()) {
        const body = byId[id];
        const address = mode === "managed" ? `${type}.${id}` : `data.${type}.${id}`;
        if (!isRecord(body)) {
          problems.push(`${address} is ${jsonTypeName(body)}, expected an object`);
          continue;
        }
        const after: Record<string, unknown> = {};
        const afterUnknown: Record<string, unknown> = {};
        const expressions: Record<string, { references: string[] }> = {};
        for (const attr of Object.keys(body).sort()) {
          if (META_ARGUMENTS.has(attr)) continue;
          if (attr === "dynamic") {
            // a dynamic block's instances come from its for_each when Terraform plans: unknown here (fail closed)
            const dynamic = body[attr];
            if (!isRecord(dynamic)) problems.push(`${address}.dynamic is ${jsonTypeName(dynamic)}, expected an object of blocks`);
            else for (const blockName of Object.keys(dynamic)) afterUnknown[blockName] = true;
            continue;
          }
          const value = (NESTED_BLOCKS[type] ?? []).includes(attr) && isRecord(body[attr]) ? [body[attr]] : body[attr];
          const document = typeof value === "string" ? documentReference(value, documents) : undefined;
          if (document !== undefined) {
            // "${data.aws_iam_policy_document.x.json}" of a document read while planning: its JSON is known
            after[attr] = document;
            continue;
          }
          if (containsInterpolation(value)) {
            afterUnknown[attr] = true;
            const references = templateReferences(value);
            if (references.length > 0) expressions[attr] = { references };
          } else after[attr] = unescapeTemplates(value);
        }
        if (Object.keys(expressions).length > 0) {
          configResources.push({ address, mode, type, name: id, expressions });
        }
        // a policy document whose arguments are all literal is read while planning: its JSON is known
        const rendered = mode === "data" && type === "aws_iam_policy_document" ? documents.get(id) : undefined;
        if (rendered !== undefined) {
          after.json = rendered;
          after.minified_json = rendered;
        } else if (mode === "data") for (const attr of COMPUTED_POLICY_ATTRIBUTES[type] ?? []) {
          if (!(attr in after)) afterUnknown[attr] = true;
        }
        const construct = isRecord(body["//"]) && isRecord(body["//"].metadata) ? body["//"].metadata.path : undefined;
        if (typeof construct === "string") constructPaths.set(address, construct);
        resourceChanges.push({
          address,
          mode,
          type,
          name: id,
          provider_name: providerName(type, body.provider, providers),
          change: {
            actions: [mode === "managed" ? "create" : "read"],
            before: null,
            after,
            after_unknown: afterUnknown,
            before_sensitive: false,
            after_sensitive: {},
          },
        });
      }
    }
  }
  if (problems.length > 0) {
    throw new PlanInputError("SYNTH_SHAPE_INVALID", `${file}: not a valid cdk.tf.json: ${problems[0]}`, { problems });
  }
  // The references of interpolated attributes, in the shape of a plan's configuration, so that an attachment whose
  // policy_id or policy_arn is "${aws_iam_policy.x.arn}" resolves to that policy as it does in a real plan.
  const plan = {
    format_version: "1.2",
    resource_changes: resourceChanges,
    ...(configResources.length > 0 ? { configuration: { root_module: { resources: configResources } } } : {}),
  };
  // Serialized once, so the size limit and the wasm memory sizing apply to synth output as to plans.
  const json = Buffer.from(JSON.stringify({ plan }), "utf8");
  return { file, kind: "cdktf", ...(name !== undefined ? { stack: name } : {}), constructPaths, document: { plan }, json };
}

/**
 * The aws_iam_policy_document data sources of a stack whose arguments are all literal (no count or for_each, no
 * template sequence), by name, with the JSON each renders: Terraform reads them while planning.
 */
function literalPolicyDocuments(stack: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const data = isRecord(stack.data) ? stack.data.aws_iam_policy_document : undefined;
  if (!isRecord(data)) return out;
  for (const [name, body] of Object.entries(data)) {
    if (!isRecord(body) || "count" in body || "for_each" in body || "dynamic" in body || containsInterpolation(body)) continue;
    // Terraform reads the arguments' strings as templates first: "$${" and "%%{" are literal "${" and "%{"
    const args = unescapeTemplates(Object.fromEntries(Object.entries(body).filter(([k]) => !META_ARGUMENTS.has(k)))) as Record<string, unknown>;
    const json = renderPolicyDocument(args);
    if (json !== undefined) out.set(name, json);
  }
  return out;
}

/** The JSON of a literal policy document a value names whole ("${data.aws_iam_policy_document.x.json}"), if any. */
function documentReference(value: string, documents: ReadonlyMap<string, string>): string | undefined {
  const m = /^\$\{data\.aws_iam_policy_document\.([A-Za-z_][\w-]*)\.(?:json|minified_json)\}$/.exec(value);
  return m === null ? undefined : documents.get(m[1] as string);
}

/**
 * The JSON an aws_iam_policy_document data source renders from literal arguments (their template escapes already
 * read), as the provider builds it (semantically: every list stays a list, which IAM reads as the provider's single
 * strings), or undefined when the arguments use anything else (source or override documents, an unknown key, a
 * value of an unexpected shape), which then stays unknown until apply (fail closed).
 *
 * The provider writes "&{" as "${" in resources, not_resources, principal identifiers and condition values (its
 * documented way to write an IAM policy variable, which Terraform would otherwise read as its own interpolation),
 * and refuses "&{" there under Version 2008-10-17 (hashicorp/terraform-provider-aws, data source
 * aws_iam_policy_document: dataSourcePolicyDocumentVarReplacer); actions, sids and condition keys are taken as
 * written. So "&{aws:RequestedRegion}" reaches IAM as the variable ${aws:RequestedRegion}, and is judged as one.
 */
export function renderPolicyDocument(args: Record<string, unknown>): string | undefined {
  if (args.version !== undefined && typeof args.version !== "string") return undefined;
  const oldVersion = args.version === "2008-10-17";
  const known = new Set(["statement", "version", "policy_id"]);
  if (Object.keys(args).some((k) => !known.has(k))) return undefined;
  const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined);
  // a list the provider writes policy variables in: "&{" becomes "${" (undefined where the provider fails)
  const withVariables = (v: unknown): string[] | undefined => {
    const list = strings(v);
    if (list === undefined || (oldVersion && list.some((x) => x.includes("&{")))) return undefined;
    return list.map((x) => x.replaceAll("&{", "${"));
  };
  const blocks = (v: unknown): Record<string, unknown>[] | undefined =>
    v === undefined ? [] : Array.isArray(v) && v.every(isRecord) ? (v as Record<string, unknown>[]) : isRecord(v) ? [v] : undefined;
  const principals = (v: unknown): Record<string, string[]> | "*" | undefined => {
    const list = blocks(v);
    if (list === undefined) return undefined;
    const out: Record<string, string[]> = {};
    for (const p of list) {
      const ids = withVariables(p.identifiers);
      if (typeof p.type !== "string" || ids === undefined || Object.keys(p).some((k) => k !== "type" && k !== "identifiers")) return undefined;
      if (p.type === "*" && ids.length === 1 && ids[0] === "*" && list.length === 1) return "*";
      (out[p.type] ??= []).push(...ids);
    }
    return out;
  };
  const statements = blocks(args.statement);
  if (statements === undefined) return undefined;
  const out: Record<string, unknown>[] = [];
  const keys = new Set(["sid", "effect", "actions", "not_actions", "resources", "not_resources", "principals", "not_principals", "condition"]);
  for (const st of statements) {
    if (Object.keys(st).some((k) => !keys.has(k))) return undefined;
    const s: Record<string, unknown> = {};
    if (st.sid !== undefined) {
      if (typeof st.sid !== "string") return undefined;
      if (st.sid !== "") s.Sid = st.sid;
    }
    const effect = st.effect ?? "Allow";
    if (effect !== "Allow" && effect !== "Deny") return undefined;
    s.Effect = effect;
    for (const [from, to, variables] of [
      ["actions", "Action", false],
      ["not_actions", "NotAction", false],
      ["resources", "Resource", true],
      ["not_resources", "NotResource", true],
    ] as const) {
      if (st[from] === undefined) continue;
      const list = variables ? withVariables(st[from]) : strings(st[from]);
      if (list === undefined) return undefined;
      if (list.length > 0) s[to] = list;
    }
    for (const [from, to] of [["principals", "Principal"], ["not_principals", "NotPrincipal"]] as const) {
      if (st[from] === undefined) continue;
      const p = principals(st[from]);
      if (p === undefined) return undefined;
      if (p === "*" || Object.keys(p).length > 0) s[to] = p;
    }
    if (st.condition !== undefined) {
      const conditions = blocks(st.condition);
      if (conditions === undefined) return undefined;
      const c: Record<string, Record<string, string[]>> = {};
      for (const cond of conditions) {
        const values = withVariables(cond.values);
        if (typeof cond.test !== "string" || typeof cond.variable !== "string" || values === undefined) return undefined;
        if (Object.keys(cond).some((k) => k !== "test" && k !== "variable" && k !== "values")) return undefined;
        ((c[cond.test] ??= {})[cond.variable] ??= []).push(...values);
      }
      if (Object.keys(c).length > 0) s.Condition = c;
    }
    out.push(s);
  }
  if (args.policy_id !== undefined && typeof args.policy_id !== "string") return undefined;
  return JSON.stringify({ Version: args.version ?? "2012-10-17", ...(args.policy_id ? { Id: args.policy_id } : {}), Statement: out });
}

/**
 * A module call in synth output (a TerraformHclModule, a registry module) creates resources that cdk.tf.json does not
 * show: the gate cannot judge them, and passing the stack would pass them unseen. The plan shows them.
 */
function refuseModuleCalls(stack: Record<string, unknown>, file: string): void {
  const modules = stack.module;
  if (modules === undefined) return;
  const names = isRecord(modules) ? Object.keys(modules).sort() : [];
  const first = names[0];
  const source = first !== undefined && isRecord(modules) && isRecord(modules[first]) ? modules[first].source : undefined;
  throw new PlanInputError(
    "SYNTH_MODULE_UNJUDGED",
    `${file}: calls ${names.length === 0 ? "modules" : `module "${first}"${typeof source === "string" ? ` (${source})` : ""}${names.length > 1 ? ` and ${names.length - 1} more` : ""}`}, ` +
      `whose resources synth output does not show, so the gate cannot judge them; gate the plan instead: ` +
      `terraform plan -out=tfplan && terraform show -json tfplan | modelgate check -`,
  );
}

/**
 * True when a string (or any string or key inside the value) holds a Terraform template sequence:
 * `${…}` interpolation or a `%{…}` directive. `$${` and `%%{` are escapes for literal text.
 */
export function containsInterpolation(value: unknown): boolean {
  if (typeof value === "string") return hasTemplateSequence(value);
  if (Array.isArray(value)) return value.some(containsInterpolation);
  if (isRecord(value)) {
    return Object.entries(value).some(([k, v]) => hasTemplateSequence(k) || containsInterpolation(v));
  }
  return false;
}

/**
 * The resources a template value refers to, as Terraform lists them in a plan's configuration: for
 * "${aws_iam_policy.x.arn}" both "aws_iam_policy.x.arn" and "aws_iam_policy.x" (data sources keep "data.").
 */
export function templateReferences(value: unknown): string[] {
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === "string") {
      for (const expr of v.matchAll(/\$\{([^}]*)\}/g)) {
        for (const m of (expr[1] ?? "").matchAll(/(?<![\w.])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)((?:\.[A-Za-z_]\w*)?)/g)) {
          const base = m[1] ?? "";
          if (/^(var|local|module|each|count|path|terraform|self)\./.test(base)) continue;
          if (m[2]) out.add(base + m[2]);
          out.add(base);
        }
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (isRecord(v)) Object.values(v).forEach(visit);
  };
  visit(value);
  return [...out].sort();
}

function hasTemplateSequence(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === "$" || c === "%") && text[i + 1] === c && text[i + 2] === "{") {
      i += 2;
      continue;
    }
    if ((c === "$" || c === "%") && text[i + 1] === "{") return true;
  }
  return false;
}

function unescapeTemplates(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
  if (Array.isArray(value)) return value.map(unescapeTemplates);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = unescapeTemplates(v);
    return out;
  }
  return value;
}

function providerSources(stack: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const terraform = stack.terraform;
  const required = isRecord(terraform) && isRecord(terraform.required_providers) ? terraform.required_providers : {};
  for (const [local, spec] of Object.entries(required)) {
    if (isRecord(spec) && typeof spec.source === "string") out.set(local, spec.source);
  }
  return out;
}

/** Fully qualified provider address, as `terraform show -json` writes it. */
function providerName(type: string, providerArg: unknown, sources: Map<string, string>): string {
  const local =
    typeof providerArg === "string" && providerArg.length > 0 ? providerArg.split(".")[0] ?? "" : type.split("_")[0] ?? type;
  const source = sources.get(local) ?? local;
  const parts = source.split("/");
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${source}`;
  if (parts.length === 2) return `registry.terraform.io/${source}`;
  return source;
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * The file's bytes. With `scanFromBytes` (ReadOptions.readInPlace), a file of that many bytes or more (a plan that
 * will be scanned, gate/plan-reduce.ts) is read straight into a scanner's memory (scannerBuffer), which spares the
 * scan a copy. A file that is not the size it was a moment ago is read again the ordinary way.
 */
function readBytes(file: string, scanFromBytes?: number): Uint8Array {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (cause) {
    throw cannotRead(file, cause);
  }
  if (size > MAX_INPUT_BYTES) {
    throw new PlanInputError("INPUT_TOO_LARGE", `${file}: input is ${size} bytes; the gate reads at most ${MAX_INPUT_BYTES} bytes per file`);
  }
  if (scanFromBytes !== undefined && size >= scanFromBytes) {
    const read = readIntoScanner(file, size);
    if (read !== undefined) return read;
  }
  try {
    return readFileSync(file);
  } catch (cause) {
    throw cannotRead(file, cause);
  }
}

/**
 * `size` bytes of the file in a scanner's memory; undefined when there is no memory for them or the file is not
 * `size` bytes. The scanner's own failures (its module missing or invalid) are internal errors, as in the scan.
 */
function readIntoScanner(file: string, size: number): Uint8Array | undefined {
  let into: Buffer;
  try {
    into = scannerBuffer(size, MAX_JSON_DEPTH);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (cause) {
    throw cannotRead(file, cause);
  }
  try {
    let at = 0;
    for (let n = 1; at < size && n > 0; at += n) n = readSync(fd, into, at, size - at, null);
    if (at !== size || readSync(fd, Buffer.alloc(1), 0, 1, null) !== 0) return undefined;
    return into;
  } catch (cause) {
    throw cannotRead(file, cause);
  } finally {
    closeSync(fd);
  }
}

function cannotRead(file: string, cause: unknown): PlanInputError {
  return new PlanInputError("INPUT_NOT_FOUND", `${file}: cannot read input (${errnoText(cause)})`, { cause });
}

function errnoText(cause: unknown): string {
  const code = isRecord(cause) && typeof cause.code === "string" ? cause.code : undefined;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return cause instanceof Error ? cause.message : String(cause);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function jsonTypeName(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return "a boolean";
  return typeof value;
}
