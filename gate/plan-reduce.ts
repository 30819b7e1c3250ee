/**
 * Reading a large `terraform show -json` plan without parsing what the gate would drop (issue #7, #10).
 *
 * A large workspace's plan is mostly resources the rules never read: gate/select.ts keeps only resource changes of
 * declared types (and undeclared ones that look like they carry a policy) and, of the prior state, only resources of
 * declared types, and it drops planned_values, resource_drift, output_changes, relevant_attributes and checks
 * outright. JSON.parse of everything (and its garbage) was most of what judging such a plan cost. Here one pass over
 * the bytes validates the whole text as JSON, measures its depth, and notes where those lists' entries are; only
 * the rest, with the dropped entries cut out, is handed to JSON.parse. gate/select.ts then selects from this
 * reduced plan exactly what it would select from the whole one (test/gate/plan-reduce.test.ts proves it on every
 * fixture, the adversarial corpus and generated plans).
 *
 * Whenever the reading is not certain, it gives up and the caller parses the whole plan as before, so every error
 * (invalid JSON, too deep, a lone surrogate, an unexpected shape) keeps its exact message: this file never reports an
 * error of its own. It gives up on: invalid JSON, nesting deeper than the limit, a \uD800-\uDFFF escape anywhere,
 * an escape in a key of the objects it walks, duplicate keys there, a list entry that is not an object, a dropped
 * resource change that validatePlan would refuse, and a plan without resource changes (MG-0023 judges those by
 * planned_values).
 *
 * What the reduced plan no longer has: the dropped top-level keys, the dropped prior-state resources, and of each
 * dropped resource change all but its address, type and actions (select.ts reads the addresses of every change).
 * It is fit only for evaluation in selected pieces; the input's `json` still holds the whole plan.
 */

import { readFileSync } from "node:fs";
import { packageFile } from "./package-file";

/** Top-level keys no rule reads once the plan is selected in pieces (gate/select.ts DROPPED_PLAN_KEYS less those it rebuilds). */
const OMITTED_KEYS = new Set(["planned_values", "resource_drift", "output_changes", "relevant_attributes", "checks"]);

export interface ReduceOptions {
  /** Resource types the rules read (the selection declaration's types). */
  readonly types: ReadonlySet<string>;
  /** The deepest nesting accepted (deeper input is left to the full parse, which refuses it). */
  readonly maxDepth: number;
}

/** A span [start, end) into the bytes. */
type Span = readonly [number, number];

/** What the pass records under a value: the schema of the parts of a plan it walks. */
type Schema =
  | { readonly kind: "keys"; readonly children: Readonly<Record<string, Schema>> }
  /** An array of objects: each entry's span and its own "type" value. */
  | { readonly kind: "entries" }
  /** An array whose elements follow one schema (child_modules: modules). */
  | { readonly kind: "each"; readonly element: Schema };

/**
 * Where the spans of a recorded entry start in its record (each span's end follows its start), in int32s: the same
 * layout as scanner/json-scan.ts's R_* byte offsets.
 */
const F_ADDRESS = 3;
const F_TYPE = 5;
const F_CHANGE = 7;
const F_ACTIONS = 9;
const F_AFTER = 11;
const F_AFTER_UNKNOWN = 13;
const RECORD_INTS = 15;

/**
 * The entries of one list, as the scanner recorded them (RECORD_INTS int32 each, in list order): the entry's span,
 * whether it is unsure (a key at either level written with an escape, which could spell any name, or "change"
 * repeated: the entry is then kept whole), and the spans of the values validatePlan (gate/input.ts) checks in a
 * resource change: its own "address", "type" and "change", and that change's "actions", "after" and
 * "after_unknown" (the last of duplicate keys, as JSON.parse reads them); -1 where absent.
 */
class EntryTable {
  data = new Int32Array(RECORD_INTS * 256);
  length = 0;

  push(record: Int32Array): void {
    const at = this.length * RECORD_INTS;
    if (at + RECORD_INTS > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(record, at);
    this.length++;
  }
  start(k: number): number {
    return this.data[k * RECORD_INTS] as number;
  }
  end(k: number): number {
    return this.data[k * RECORD_INTS + 1] as number;
  }
  unsure(k: number): boolean {
    return this.data[k * RECORD_INTS + 2] === 1;
  }
  /** Where the field's value starts, or -1. */
  from(k: number, field: number): number {
    return this.data[k * RECORD_INTS + field] as number;
  }
  to(k: number, field: number): number {
    return this.data[k * RECORD_INTS + field + 1] as number;
  }
}

/** What the pass found at a value the schema names. */
type Found =
  | { readonly kind: "keys"; readonly start: number; end: number; readonly keys: Map<string, { keySpan: Span; span: Span; found?: Found }> }
  | { readonly kind: "entries"; readonly start: number; end: number; readonly entries: EntryTable }
  | { readonly kind: "each"; readonly start: number; end: number; readonly elements: Array<{ span: Span; found?: Found }> };

const MODULE: Schema = {
  kind: "keys",
  children: {
    resources: { kind: "entries" },
    get child_modules(): Schema {
      return CHILD_MODULES;
    },
  },
};
const CHILD_MODULES: Schema = { kind: "each", element: MODULE };
const PLAN: Schema = {
  kind: "keys",
  children: {
    resource_changes: { kind: "entries" },
    prior_state: { kind: "keys", children: { values: { kind: "keys", children: { root_module: MODULE } } } },
  },
};

/** The compiled scanner's exports (scanner/json-scan.ts): the offset after what it read, or -1. */
interface ScanExports {
  skipValue(i: number, depth: number, maxDepth: number, stack: number): number;
  skipString(i: number): number;
  scanEntries(i: number, depth: number, maxDepth: number, stack: number, rec: number): number;
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
// lib ES2022 has no WebAssembly types; this file needs only these
declare const WebAssembly: {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly CompileError: new () => Error;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
  readonly Memory: new (descriptor: { initial: number }) => WasmMemory;
};
/** A scanner instance holding a copy of the bytes, where its stack of open containers starts, and its entry record. */
interface LoadedScanner {
  readonly exports: ScanExports;
  readonly stack: number;
  /** Where scanEntries writes each entry's record (EntryTable's layout), and a view of it. */
  readonly rec: number;
  readonly record: Int32Array;
}

const PAGE = 65536;
/** Zero bytes after the input: the scanner reads up to 5 bytes past a value's first byte, and 0 ends every path. */
const SLACK = 8;
/** A scanner's memory up to this size is kept for this thread's next plan (the server judges one after another). */
const KEEP_BYTES = 64 * 1024 * 1024;
/** The reduced text's buffer starts this large (a realistic 10 MB plan reduces to ~0.7 MB) and doubles as needed. */
const OUT_START_BYTES = 256 * 1024;
/** The output buffer of this thread's last reduction (up to KEEP_BYTES), for the next one. */
let keptOut: Buffer | undefined;
let scannerModule: object | undefined;
let kept: { readonly memory: WasmMemory; readonly exports: ScanExports } | undefined;
/** What the scanner's entry() import calls: the scan in progress on this thread (scans are synchronous). */
let onEntry: () => void = () => undefined;

/**
 * The compiled scanner: the SIMD build, or where V8 cannot compile WebAssembly SIMD (an x86-64 CPU without SSE4.1)
 * the same scanner built without it (tools/build-scanner.sh).
 */
function compileScanner(): object {
  try {
    return new WebAssembly.Module(readFileSync(packageFile("scanner", "json-scan.wasm")));
  } catch (error) {
    if (!(error instanceof WebAssembly.CompileError)) throw error;
  }
  return new WebAssembly.Module(readFileSync(packageFile("scanner", "json-scan-scalar.wasm")));
}

/** Where a scanner's memory holding `size` bytes keeps its stack and its entry record, and how much it needs. */
function layout(size: number, maxDepth: number): { readonly stack: number; readonly rec: number; readonly need: number } {
  const stack = size + SLACK;
  const rec = (stack + maxDepth + 2 + 3) & ~3;
  return { stack, rec, need: rec + RECORD_INTS * 4 };
}

/** A new scanner instance with a memory of its own of at least `need` bytes. */
function newScanner(need: number): { readonly memory: WasmMemory; readonly exports: ScanExports } {
  scannerModule ??= compileScanner();
  const memory = new WebAssembly.Memory({ initial: Math.ceil(need / PAGE) });
  return { memory, exports: new WebAssembly.Instance(scannerModule, { env: { memory, entry: () => onEntry() } }).exports as ScanExports };
}

/**
 * A scanner whose memory holds `bytes` from offset 0, then SLACK zero bytes, then room for maxDepth + 2 containers,
 * then the entry record.
 */
function loadScanner(bytes: Uint8Array, maxDepth: number): LoadedScanner {
  const { stack, rec, need } = layout(bytes.byteLength, maxDepth);
  const own = owned.get(bytes.buffer);
  if (own !== undefined && bytes.byteOffset === 0 && bytes.byteLength === own.size && need <= own.memory.buffer.byteLength) {
    // read straight into this scanner's memory (scannerBuffer): only the slack after the bytes is written
    new Uint8Array(own.memory.buffer, bytes.byteLength, SLACK).fill(0);
    return { exports: own.exports, stack, rec, record: new Int32Array(own.memory.buffer, rec, RECORD_INTS) };
  }
  let slot = kept;
  if (slot !== undefined && slot.memory.buffer.byteLength < need && need <= KEEP_BYTES) {
    slot.memory.grow(Math.ceil((need - slot.memory.buffer.byteLength) / PAGE));
  } else if (slot === undefined || slot.memory.buffer.byteLength < need) {
    slot = newScanner(need);
    if (need <= KEEP_BYTES) kept = slot;
  }
  const view = new Uint8Array(slot.memory.buffer, 0, need);
  view.set(bytes, 0);
  view.fill(0, bytes.byteLength, bytes.byteLength + SLACK);
  return { exports: slot.exports, stack, rec, record: new Int32Array(slot.memory.buffer, rec, RECORD_INTS) };
}

/** Memories of scannerBuffer(), by their buffer: each holds one plan's bytes for as long as they are referenced. */
const owned = new WeakMap<ArrayBufferLike, { readonly memory: WasmMemory; readonly exports: ScanExports; readonly size: number }>();

/**
 * A Buffer of `size` bytes at the start of a scanner's memory of its own, for a caller to read a plan into. Then
 * reducePlanBytes of that whole Buffer scans the bytes where they are (a view of part of it is copied, as any other
 * input is), instead of copying them into a scanner's memory: for a 10 MB plan ~5 ms of a check, the copy and the
 * first touch of another 10 MB. That memory is never the thread's kept scanner and never grows, so the Buffer stays
 * valid for as long as it is referenced, and scans do not write to it (only past its end). Throws RangeError when
 * there is no memory for it.
 */
export function scannerBuffer(size: number, maxDepth: number): Buffer {
  const { memory, exports } = newScanner(layout(size, maxDepth).need);
  owned.set(memory.buffer, { memory, exports, size });
  return Buffer.from(memory.buffer, 0, size);
}

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

const QUOTE = 0x22;

/**
 * One validating pass: the bytes are one JSON value (RFC 8259, as JSON.parse reads it) no deeper than maxDepth,
 * with no escape of a UTF-16 surrogate. Records what the schema asks for. The schema's objects and arrays are
 * walked here; the lists of entries, every value below the schema and every key are read by the compiled scanner
 * (scanner/json-scan.ts), which holds a copy of the bytes.
 */
class Scanner {
  i = 0;
  constructor(
    /** The bytes, as a Buffer for its native slicing into strings. */
    readonly b: Buffer,
    readonly maxDepth: number,
    readonly wasm: LoadedScanner,
  ) {}

  ws(): void {
    const b = this.b;
    let i = this.i;
    for (;;) {
      const c = b[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }

  /** The value at this.i (whitespace first) inside containers `depth` deep, walked where the schema names it. */
  value(depth: number, schema?: Schema): Found | undefined {
    this.ws();
    const c = this.b[this.i];
    if (schema !== undefined && c === 0x7b) return this.object(depth + 1, schema);
    if (schema !== undefined && c === 0x5b) return this.array(depth + 1, schema);
    // nothing to note below: validated by the scanner (most of a plan's bytes go through here)
    const end = this.wasm.exports.skipValue(this.i, depth, this.maxDepth, this.wasm.stack);
    if (end < 0) giveUp();
    this.i = end;
    return undefined;
  }

  object(depth: number, schema: Schema): Found | undefined {
    if (depth > this.maxDepth) giveUp();
    const b = this.b;
    const start = this.i;
    const found: Found | undefined = schema.kind === "keys" ? { kind: "keys", start, end: start, keys: new Map() } : undefined;
    if (!this.empty(0x7d)) {
      for (;;) {
        this.ws();
        if (b[this.i] !== QUOTE) giveUp();
        const keyStart = this.i;
        const keyEnd = this.wasm.exports.skipString(keyStart);
        if (keyEnd < 0) giveUp();
        this.i = keyEnd;
        this.ws();
        if (b[this.i] !== 0x3a) giveUp();
        this.i++;
        // keys are compared as their bytes: one with an escape could spell any name
        const key = found === undefined ? undefined : b.toString("latin1", keyStart + 1, keyEnd - 1);
        if (key?.includes("\\")) giveUp();
        this.ws();
        const valueStart = this.i;
        const child = key !== undefined && schema.kind === "keys" && Object.prototype.hasOwnProperty.call(schema.children, key) ? schema.children[key] : undefined;
        const inner = this.value(depth, child);
        if (found !== undefined && key !== undefined) {
          if (found.keys.has(key)) giveUp(); // JSON.parse keeps the last of duplicate keys; no plan has them
          found.keys.set(key, { keySpan: [keyStart, keyEnd], span: [valueStart, this.i], ...(inner === undefined ? {} : { found: inner }) });
        }
        if (!this.more(0x7d)) break;
      }
    }
    if (found !== undefined) found.end = this.i;
    return found;
  }

  /** Past the opening bracket at this.i: true, and past the closing one too, when the container is empty. */
  empty(close: number): boolean {
    this.i++;
    this.ws();
    if (this.b[this.i] !== close) return false;
    this.i++;
    return true;
  }

  /** After a member: a comma (true: another follows) or the container's closing bracket (false). */
  more(close: number): boolean {
    this.ws();
    const c = this.b[this.i++];
    if (c === 0x2c) return true;
    if (c === close) return false;
    return giveUp();
  }

  array(depth: number, schema: Schema): Found | undefined {
    if (depth > this.maxDepth) giveUp();
    const start = this.i;
    if (schema.kind === "entries") {
      const found: Found = { kind: "entries", start, end: start, entries: new EntryTable() };
      this.entries(depth, found.entries);
      found.end = this.i;
      return found;
    }
    const found: Found | undefined = schema.kind === "each" ? { kind: "each", start, end: start, elements: [] } : undefined;
    if (!this.empty(0x5d)) {
      for (;;) {
        this.ws();
        const s = this.i;
        const inner = this.value(depth, schema.kind === "each" ? schema.element : undefined);
        found?.elements.push(inner === undefined ? { span: [s, this.i] } : { span: [s, this.i], found: inner });
        if (!this.more(0x5d)) break;
      }
    }
    if (found !== undefined) found.end = this.i;
    return found;
  }

  /**
   * The list at this.i (a bracket) at `depth`, read in one call by the scanner: each entry (an object, else the
   * full parse judges the shape) is recorded in `into` with the spans of the values validatePlan checks.
   */
  entries(depth: number, into: EntryTable): void {
    const { record, exports, stack, rec } = this.wasm;
    onEntry = () => into.push(record);
    try {
      const end = exports.scanEntries(this.i, depth, this.maxDepth, stack, rec);
      if (end < 0) giveUp();
      this.i = end;
    } finally {
      onEntry = () => undefined;
    }
  }
}

/**
 * The plan (the top-level object of `terraform show -json` output) with what gate/select.ts would drop cut out, or
 * undefined when the bytes must be parsed whole (see the file comment). `bytes` must be valid UTF-8 without a BOM.
 */
export function reducePlanBytes(bytes: Uint8Array, options: ReduceOptions): { value: Record<string, unknown> } | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (surrogateEscapeIn(buf)) return undefined;
  let wasm: LoadedScanner;
  try {
    wasm = loadScanner(bytes, options.maxDepth);
  } catch (error) {
    if (error instanceof RangeError) return undefined; // no memory for a copy: the full reading decides
    throw error;
  }
  const scanner = new Scanner(buf, options.maxDepth, wasm);
  let top: Found | undefined;
  try {
    scanner.ws();
    if (bytes[scanner.i] !== 0x7b) return undefined;
    top = scanner.object(1, PLAN);
    scanner.ws();
    if (scanner.i !== bytes.length) return undefined;
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
  if (top?.kind !== "keys" || !top.keys.has("format_version")) return undefined;
  const changes = top.keys.get("resource_changes")?.found;
  if (changes?.kind !== "entries" || changes.entries.length === 0) return undefined;
  // select.ts keeps undeclared changes with a string that reads like policy JSON ("Statement" or "Effect"): any
  // entry whose bytes hold either word, or an escape that could spell one, is kept
  const policyLike = [new Needle(buf, STATEMENT), new Needle(buf, EFFECT), new Needle(buf, U_ESCAPE)];
  const actionsOk = new Map<string, boolean>();

  const typeOf = (t: EntryTable, k: number): string | undefined => {
    const s = t.from(k, F_TYPE);
    const e = t.to(k, F_TYPE);
    if (t.unsure(k) || s < 0 || bytes[s] !== QUOTE) return undefined;
    // the bytes as a string (no Buffer object per entry); one with an escape could spell any type
    const type = buf.toString("latin1", s + 1, e - 1);
    return type.includes("\\") ? undefined : type;
  };
  const first = (t: EntryTable, k: number, field: number): number | undefined => {
    const s = t.from(k, field);
    return s < 0 ? undefined : bytes[s];
  };
  /**
   * A dropped resource change must pass validatePlan's checks as if it were kept (else the full reading reports
   * it): a string address and type, a change object with a non-empty array of known actions, and after and
   * after_unknown objects, booleans or null when present.
   */
  const shapeOk = (t: EntryTable, k: number): boolean => {
    if (first(t, k, F_ADDRESS) !== QUOTE || first(t, k, F_TYPE) !== QUOTE || first(t, k, F_CHANGE) !== 0x7b) return false;
    if (first(t, k, F_ACTIONS) !== 0x5b) return false;
    const text = buf.toString("utf8", t.from(k, F_ACTIONS), t.to(k, F_ACTIONS));
    let ok = actionsOk.get(text);
    if (ok === undefined) {
      const list: unknown = JSON.parse(text);
      ok = Array.isArray(list) && list.length > 0 && list.every((a) => typeof a === "string" && PLAN_ACTIONS.has(a));
      actionsOk.set(text, ok);
    }
    if (!ok) return false;
    for (const field of [F_AFTER, F_AFTER_UNKNOWN]) {
      const c = first(t, k, field);
      if (c !== undefined && c !== 0x7b && c !== 0x5b && c !== 0x74 && c !== 0x66 && c !== 0x6e) return false;
    }
    return true;
  };
  const keepChange = (t: EntryTable, k: number): Keep => {
    if (k === 0) return "keep"; // so that "has resource changes" reads the same on the reduced plan
    const type = typeOf(t, k);
    if (type === undefined || options.types.has(type)) return "keep";
    if (!shapeOk(t, k)) giveUp();
    return policyLike.some((n) => n.within(t.start(k), t.end(k))) ? "keep" : "stub";
  };
  const keepPrior = (t: EntryTable, k: number): Keep => {
    const type = typeOf(t, k);
    return type === undefined || options.types.has(type) ? "keep" : "drop";
  };

  // the reduced text: kept parts copied as bytes, recorded lists rebuilt from their kept entries, into this
  // thread's output buffer (reused from plan to plan, instead of a fresh one per plan as large as the plan: 10 MB
  // for a 10 MB plan whose reduced text is ~0.7 MB); `room` grows it when needed
  let out = keptOut ?? Buffer.allocUnsafe(OUT_START_BYTES);
  let pos = 0;
  const room = (n: number): void => {
    if (pos + n <= out.length) return;
    const grown = Buffer.allocUnsafe(Math.max(out.length * 2, pos + n));
    out.copy(grown, 0, 0, pos);
    out = grown;
  };
  const copy = (start: number, end: number): void => {
    room(end - start);
    pos += buf.copy(out, pos, start, end);
  };
  const put = (constant: Uint8Array): void => {
    room(constant.length);
    out.set(constant, pos);
    pos += constant.length;
  };
  /**
   * A dropped resource change leaves its address, type and actions behind: select.ts tells the prior state's
   * resources that no change shows (a targeted plan's) by the addresses of every change, kept or not.
   */
  const stub = (t: EntryTable, k: number): void => {
    put(STUB_ADDRESS);
    copy(t.from(k, F_ADDRESS), t.to(k, F_ADDRESS));
    put(STUB_TYPE);
    copy(t.from(k, F_TYPE), t.to(k, F_TYPE));
    put(STUB_ACTIONS);
    copy(t.from(k, F_ACTIONS), t.to(k, F_ACTIONS));
    put(STUB_END);
  };
  const emit = (span: Span, found: Found | undefined, keep: (t: EntryTable, k: number) => Keep): void => {
    if (found === undefined) {
      copy(span[0], span[1]);
    } else if (found.kind === "entries") {
      put(OPEN_BRACKET);
      const t = found.entries;
      let n = 0;
      for (let k = 0; k < t.length; k++) {
        const verdict = keep(t, k);
        if (verdict === "drop") continue;
        if (n++ > 0) put(COMMA);
        if (verdict === "keep") copy(t.start(k), t.end(k));
        else stub(t, k);
      }
      put(CLOSE_BRACKET);
    } else if (found.kind === "each") {
      put(OPEN_BRACKET);
      found.elements.forEach((el, k) => {
        if (k > 0) put(COMMA);
        emit(el.span, el.found, keep);
      });
      put(CLOSE_BRACKET);
    } else {
      put(OPEN_BRACE);
      let n = 0;
      for (const [key, child] of found.keys) {
        if (found === top && OMITTED_KEYS.has(key)) continue;
        if (n++ > 0) put(COMMA);
        copy(child.keySpan[0], child.keySpan[1]);
        put(COLON);
        emit(child.span, child.found, found === top && key === "prior_state" ? keepPrior : keep);
      }
      put(CLOSE_BRACE);
    }
  };
  try {
    emit([top.start, top.end], top, keepChange);
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
  const text = out.toString("utf8", 0, pos);
  keptOut = out.length <= KEEP_BYTES ? out : undefined;
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return { value: value as Record<string, unknown> };
}

/**
 * Where one byte string occurs in the bytes, found once (a native search) and asked about spans in ascending
 * order: whether one occurrence lies wholly inside [start, end).
 */
class Needle {
  private at: number;
  constructor(
    private readonly buf: Buffer,
    private readonly needle: Buffer,
  ) {
    this.at = buf.indexOf(needle);
  }
  within(start: number, end: number): boolean {
    // the first occurrence from start on (spans come in ascending order, so this searches each byte at most once)
    if (this.at !== -1 && this.at < start) this.at = this.buf.indexOf(this.needle, start);
    return this.at !== -1 && this.at + this.needle.length <= end;
  }
}

/**
 * The bytes hold "\\u" followed by D8-DF: an escaped UTF-16 surrogate, in the plan's own JSON or in JSON text a
 * string holds (policy text), anywhere. The full reading checks those strings (INPUT_LONE_SURROGATE names where),
 * so such a plan is read whole.
 */
function surrogateEscapeIn(buf: Buffer): boolean {
  for (let i = buf.indexOf(U_ESCAPE); i !== -1; i = buf.indexOf(U_ESCAPE, i + 2)) {
    const h = (buf[i + 2] ?? 0) | 0x20;
    const h2 = (buf[i + 3] ?? 0) | 0x20;
    if (h === 0x64 && (h2 === 0x38 || h2 === 0x39 || (h2 >= 0x61 && h2 <= 0x66))) return true;
  }
  return false;
}

/** Every action `terraform show -json` (format 1.x) and `tofu show -json` emit in change.actions. */
export const PLAN_ACTIONS: ReadonlySet<string> = new Set(["no-op", "create", "read", "update", "delete", "forget"]);
const STATEMENT = Buffer.from("Statement", "latin1");
const EFFECT = Buffer.from("Effect", "latin1");
const U_ESCAPE = Buffer.from("\\u", "latin1");
const OPEN_BRACE = Buffer.from("{");
const CLOSE_BRACE = Buffer.from("}");
const OPEN_BRACKET = Buffer.from("[");
const CLOSE_BRACKET = Buffer.from("]");
const COMMA = Buffer.from(",");
const STUB_ADDRESS = Buffer.from('{"address":');
const STUB_TYPE = Buffer.from(',"type":');
const STUB_ACTIONS = Buffer.from(',"change":{"actions":');
const STUB_END = Buffer.from("}}");
/** What becomes of a list entry in the reduced plan. */
type Keep = "keep" | "stub" | "drop";
const COLON = Buffer.from(":");
