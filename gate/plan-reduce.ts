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
  /** An array of objects, read and written reduced by the scanner as a list of kind `list` (LIST_CHANGES, LIST_PRIOR). */
  | { readonly kind: "entries"; readonly list: number }
  /** An array whose elements follow one schema (child_modules: modules). */
  | { readonly kind: "each"; readonly element: Schema };

/**
 * The kinds of list scanEntries (scanner/json-scan.ts) reduces. Of resource changes, it keeps the first (so that
 * "has resource changes" reads the same), every change of a declared type, every change it cannot read with
 * certainty (a type that is not a plain string, an entry with a key written with an escape), and every change whose
 * bytes hold "Statement", "Effect" or an escape that could spell either (select.ts keeps undeclared resources with
 * a string that reads like policy JSON); the others become stubs of their address, type and actions (select.ts
 * tells the prior state's resources that no change shows, a targeted plan's, by the addresses of every change),
 * and must pass validatePlan's checks as if kept (a string address and type, a change object, a non-empty array of
 * PLAN_ACTIONS written without escapes, after and after_unknown objects, arrays, booleans or null when present),
 * else it gives up. Of prior state resources, it drops those of a plain-string type that is not declared.
 */
const LIST_CHANGES = 0;
const LIST_PRIOR = 1;

/** What the pass found at an object or list the schema names: an object's keys, a list's reduced text ([out[0], out[1]) of the scanner's memory). */
type Found = FoundKeys | { readonly kind: "entries"; readonly out: Span };
type FoundKeys = { readonly kind: "keys"; readonly keys: Map<string, Found | undefined> };

const MODULE: Schema = {
  kind: "keys",
  children: {
    resources: { kind: "entries", list: LIST_PRIOR },
    get child_modules(): Schema {
      return CHILD_MODULES;
    },
  },
};
const CHILD_MODULES: Schema = { kind: "each", element: MODULE };
const PLAN: Schema & { kind: "keys" } = {
  kind: "keys",
  children: {
    resource_changes: { kind: "entries", list: LIST_CHANGES },
    prior_state: { kind: "keys", children: { values: { kind: "keys", children: { root_module: MODULE } } } },
  },
};

/** The compiled scanner's exports (scanner/json-scan.ts): the offset after what it read, or -1. */
interface ScanExports {
  skipValue(i: number, depth: number, maxDepth: number, stack: number): number;
  skipString(i: number): number;
  scanEntries(i: number, depth: number, maxDepth: number, stack: number, rec: number, list: number, types: number): number;
  setOutput(start: number, limit: number): void;
  written(): number;
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
/** A scanner instance holding a copy of the bytes, and where its memory's regions start (layout()). */
interface LoadedScanner {
  readonly exports: ScanExports;
  /** The whole memory, where the reduced lists are read from. */
  readonly memory: Buffer;
  readonly stack: number;
  readonly rec: number;
  readonly types: number;
  readonly out: number;
  readonly need: number;
}

const PAGE = 65536;
/** Zero bytes after the input: the scanner reads up to 5 bytes past a value's first byte, and 0 ends every path. */
const SLACK = 8;
/** A scanner's memory up to this size is kept for this thread's next plan (the server judges one after another). */
const KEEP_BYTES = 64 * 1024 * 1024;
let scannerModule: object | undefined;
let kept: { readonly memory: WasmMemory; readonly exports: ScanExports } | undefined;

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

/** Bytes of a scanner's entry record (scanner/json-scan.ts R_*: 15 int32). */
const RECORD_BYTES = 60;
/** Room for the declared types' table (typesTable()); a larger table (no selection has one) means a full reading. */
const TYPES_BYTES = 16 * 1024;
/** Room after the reduced lists beyond the input's length (what scanEntries writes of a list is never longer). */
const OUT_SLACK = 16;

/**
 * Where a scanner's memory holding `size` bytes keeps its stack of open containers, its entry record, the declared
 * types and the reduced lists, and how much it needs.
 */
function layout(size: number, maxDepth: number): { readonly stack: number; readonly rec: number; readonly types: number; readonly out: number; readonly need: number } {
  const stack = size + SLACK;
  const rec = (stack + maxDepth + 2 + 3) & ~3;
  const types = rec + RECORD_BYTES;
  const out = types + TYPES_BYTES;
  return { stack, rec, types, out, need: out + size + OUT_SLACK };
}

/** A new scanner instance with a memory of its own of at least `need` bytes. */
function newScanner(need: number): { readonly memory: WasmMemory; readonly exports: ScanExports } {
  scannerModule ??= compileScanner();
  const memory = new WebAssembly.Memory({ initial: Math.ceil(need / PAGE) });
  return { memory, exports: new WebAssembly.Instance(scannerModule, { env: { memory } }).exports as ScanExports };
}

/**
 * A scanner whose memory holds `bytes` from offset 0, then SLACK zero bytes, then room for maxDepth + 2 containers,
 * the entry record, the declared types' table and the reduced lists (layout()).
 */
function loadScanner(bytes: Uint8Array, maxDepth: number): LoadedScanner {
  const at = layout(bytes.byteLength, maxDepth);
  const own = owned.get(bytes.buffer);
  if (own !== undefined && bytes.byteOffset === 0 && bytes.byteLength === own.size && at.need <= own.memory.buffer.byteLength) {
    // read straight into this scanner's memory (scannerBuffer): only the slack after the bytes is written
    new Uint8Array(own.memory.buffer, bytes.byteLength, SLACK).fill(0);
    return { exports: own.exports, memory: Buffer.from(own.memory.buffer), ...at };
  }
  let slot = kept;
  if (slot !== undefined && slot.memory.buffer.byteLength < at.need && at.need <= KEEP_BYTES) {
    slot.memory.grow(Math.ceil((at.need - slot.memory.buffer.byteLength) / PAGE));
  } else if (slot === undefined || slot.memory.buffer.byteLength < at.need) {
    slot = newScanner(at.need);
    if (at.need <= KEEP_BYTES) kept = slot;
  }
  const view = new Uint8Array(slot.memory.buffer, 0, at.need);
  view.set(bytes, 0);
  view.fill(0, bytes.byteLength, bytes.byteLength + SLACK);
  return { exports: slot.exports, memory: Buffer.from(slot.memory.buffer), ...at };
}

/**
 * The declared types as scanEntries reads them: an int32 count, then each type's length (int32) and its UTF-8
 * bytes, padded to 4; undefined when they do not fit in TYPES_BYTES. The scan compares a type's bytes as they are
 * written between its quotes (one written with an escape is kept unread), and a plan is UTF-8, so those bytes
 * spell the declared type exactly when they are its UTF-8 bytes. Built once per set (exported for the scanner's
 * tests, which lay out its memory themselves).
 */
export function typesTable(types: ReadonlySet<string>): Buffer | undefined {
  let table = typeTables.get(types);
  if (table === undefined) {
    const names = [...types].map((t) => Buffer.from(t, "utf8"));
    table = Buffer.alloc(4 + names.reduce((n, b) => n + 4 + ((b.length + 3) & ~3), 0));
    table.writeInt32LE(names.length, 0);
    let p = 4;
    for (const b of names) {
      table.writeInt32LE(b.length, p);
      b.copy(table, p + 4);
      p += 4 + ((b.length + 3) & ~3);
    }
    typeTables.set(types, table);
  }
  return table.length <= TYPES_BYTES ? table : undefined;
}
const typeTables = new WeakMap<ReadonlySet<string>, Buffer>();

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
  /**
   * Where the next byte of the reduced text goes: the scanner's memory from layout()'s `out` on, written in the
   * input's order as the pass reads it (the lists by scanEntries, the rest here), never longer than the input.
   */
  out: number;
  constructor(
    /** The bytes, as a Buffer for its native slicing into strings. */
    readonly b: Buffer,
    readonly maxDepth: number,
    readonly wasm: LoadedScanner,
  ) {
    this.out = wasm.out;
  }

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

  /** One byte of the reduced text. */
  put(c: number): void {
    if (this.out >= this.wasm.need) giveUp();
    this.wasm.memory[this.out++] = c;
  }

  /** The input's bytes [start, end) into the reduced text. */
  copy(start: number, end: number): void {
    if (this.out + end - start > this.wasm.need) giveUp();
    this.wasm.memory.copyWithin(this.out, start, end);
    this.out += end - start;
  }

  /**
   * The value at this.i (whitespace first) inside containers `depth` deep, walked where the schema names it, and
   * written to the reduced text unless `keep` is false.
   */
  value(depth: number, schema?: Schema, keep = true): Found | undefined {
    this.ws();
    const c = this.b[this.i];
    if (schema?.kind === "keys" && c === 0x7b) return this.object(depth + 1, schema, false);
    if ((schema?.kind === "entries" || schema?.kind === "each") && c === 0x5b) return this.array(depth + 1, schema);
    // nothing to note below: validated by the scanner (most of a plan's bytes go through here)
    const start = this.i;
    const end = this.wasm.exports.skipValue(start, depth, this.maxDepth, this.wasm.stack);
    if (end < 0) giveUp();
    this.i = end;
    if (keep) this.copy(start, end);
    return undefined;
  }

  /** The object at this.i at `depth`, its keys recorded; `top`: the plan itself, whose OMITTED_KEYS are left out. */
  object(depth: number, schema: Schema & { kind: "keys" }, top: boolean): FoundKeys {
    if (depth > this.maxDepth) giveUp();
    const b = this.b;
    const found: FoundKeys = { kind: "keys", keys: new Map() };
    let written = 0;
    this.put(0x7b);
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
        const key = b.toString("latin1", keyStart + 1, keyEnd - 1);
        if (key.includes("\\")) giveUp();
        // JSON.parse keeps the last of duplicate keys; no plan has them
        if (found.keys.has(key)) giveUp();
        const keep = !(top && OMITTED_KEYS.has(key));
        if (keep) {
          if (written++ > 0) this.put(0x2c);
          this.copy(keyStart, keyEnd);
          this.put(0x3a);
        }
        const child = Object.prototype.hasOwnProperty.call(schema.children, key) ? schema.children[key] : undefined;
        found.keys.set(key, this.value(depth, child, keep));
        if (!this.more(0x7d)) break;
      }
    }
    this.put(0x7d);
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

  /** The array at this.i at `depth`: a list of entries, read and written reduced by the scanner, or a list of modules. */
  array(depth: number, schema: Schema & { kind: "entries" | "each" }): Found | undefined {
    if (depth > this.maxDepth) giveUp();
    if (schema.kind === "entries") {
      const { exports, stack, rec, types, need } = this.wasm;
      const from = this.out;
      exports.setOutput(from, need);
      const end = exports.scanEntries(this.i, depth, this.maxDepth, stack, rec, schema.list, types);
      if (end < 0) giveUp();
      this.i = end;
      this.out = exports.written();
      return { kind: "entries", out: [from, this.out] };
    }
    this.put(0x5b);
    if (!this.empty(0x5d)) {
      for (let n = 0; ; n++) {
        if (n > 0) this.put(0x2c);
        this.value(depth, schema.element);
        if (!this.more(0x5d)) break;
      }
    }
    this.put(0x5d);
    return undefined;
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
  const table = typesTable(options.types);
  if (table === undefined) return undefined;
  wasm.memory.set(table, wasm.types);
  const scanner = new Scanner(buf, options.maxDepth, wasm);
  let top: FoundKeys;
  try {
    scanner.ws();
    if (bytes[scanner.i] !== 0x7b) return undefined;
    top = scanner.object(1, PLAN, true);
    scanner.ws();
    if (scanner.i !== bytes.length) return undefined;
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
  if (!top.keys.has("format_version")) return undefined;
  const changes = top.keys.get("resource_changes");
  // an empty list is written as "[]"; any other keeps its first entry
  if (changes?.kind !== "entries" || changes.out[1] - changes.out[0] <= 2) return undefined;
  // the reduced text, decoded straight from the scanner's memory
  const text = wasm.memory.toString("utf8", wasm.out, scanner.out);
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return { value: value as Record<string, unknown> };
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

/**
 * Every action `terraform show -json` (format 1.x) and `tofu show -json` emit in change.actions. The scanner's
 * planAction (scanner/json-scan.ts) knows the same words (test/scanner/json-scan.test.ts checks they agree).
 */
export const PLAN_ACTIONS: ReadonlySet<string> = new Set(["no-op", "create", "read", "update", "delete", "forget"]);
const U_ESCAPE = Buffer.from("\\u", "latin1");
