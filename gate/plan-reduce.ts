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

interface Entry {
  readonly start: number;
  end: number;
  /**
   * Spans of the values validatePlan (gate/input.ts) checks in a resource change: its own "address", "type" and
   * "change", and that change's "actions", "after" and "after_unknown" (the last of duplicate keys, as JSON.parse
   * reads them).
   */
  readonly at: Partial<Record<(typeof ENTRY_KEYS)[number] | (typeof CHANGE_KEYS)[number], Span>>;
  /** A key at either level was written with an escape (it could spell any of those), or "change" is repeated: the entry is parsed. */
  escapedKey: boolean;
  changes: number;
}
const ENTRY_KEYS = ["address", "type", "change"] as const;
const CHANGE_KEYS = ["actions", "after", "after_unknown"] as const;

/** Which keys' values an object's scan notes in an entry: at the entry's own level, or in its change. */
interface Capture {
  readonly entry: Entry;
  readonly keys: readonly string[];
}

/** What the pass found at a value the schema names. */
type Found =
  | { readonly kind: "keys"; readonly start: number; end: number; readonly keys: Map<string, { keySpan: Span; span: Span; found?: Found }> }
  | { readonly kind: "entries"; readonly start: number; end: number; readonly entries: Entry[] }
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

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * One validating pass: the bytes are one JSON value (RFC 8259, as JSON.parse reads it) no deeper than maxDepth,
 * with no escape of a UTF-16 surrogate. Records what the schema asks for.
 */
class Scanner {
  i = 0;
  readonly stack: Uint8Array;
  constructor(
    readonly b: Uint8Array,
    readonly maxDepth: number,
  ) {
    this.stack = new Uint8Array(maxDepth + 2);
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

  /** A string starting at this.i (a quote); returns true when it holds an escape. */
  string(): boolean {
    const b = this.b;
    const start = this.i;
    this.i = skipString(b, start);
    for (let k = start + 1; k < this.i - 1; k++) if (b[k] === BACKSLASH) return true;
    return false;
  }

  /** The value at this.i (whitespace skipped before it), inside a container at `depth`. */
  value(depth: number, schema?: Schema, capture?: Capture): Found | undefined {
    if (schema === undefined && capture === undefined) {
      // nothing to note below: the tight validator (most of a plan's bytes go through it)
      this.i = skipValue(this.b, this.i, depth, this.maxDepth, this.stack);
      return undefined;
    }
    this.ws();
    const c = this.b[this.i];
    if (c === 0x7b) return this.object(depth + 1, schema, capture);
    if (c === 0x5b) return this.array(depth + 1, schema);
    this.i = skipValue(this.b, this.i, depth, this.maxDepth, this.stack); // a string, number or literal
    return undefined;
  }

  object(depth: number, schema: Schema | undefined, capture: Capture | undefined): Found | undefined {
    if (depth > this.maxDepth) giveUp();
    const b = this.b;
    const start = this.i;
    const found: Found | undefined = schema?.kind === "keys" ? { kind: "keys", start, end: start, keys: new Map() } : undefined;
    if (!this.empty(0x7d)) {
      for (;;) {
        this.ws();
        if (b[this.i] !== QUOTE) giveUp();
        const keyStart = this.i;
        const escaped = this.string();
        const keyEnd = this.i;
        this.ws();
        if (b[this.i] !== 0x3a) giveUp();
        this.i++;
        // keys are compared as bytes: one with an escape could spell any name
        let key: string | undefined;
        if (found !== undefined) {
          if (escaped) giveUp();
          key = latin1(b, keyStart + 1, keyEnd - 1);
        } else if (capture !== undefined) {
          if (escaped) capture.entry.escapedKey = true;
          else key = keyAmong(b, keyStart + 1, keyEnd - 1, capture.keys);
        }
        this.ws();
        const valueStart = this.i;
        const child = found !== undefined && key !== undefined && schema?.kind === "keys" && Object.prototype.hasOwnProperty.call(schema.children, key) ? schema.children[key] : undefined;
        const captured = capture !== undefined && key !== undefined;
        const inner = this.value(depth, child, captured && key === "change" && capture.keys === ENTRY_KEYS ? { entry: capture.entry, keys: CHANGE_KEYS } : undefined);
        if (found !== undefined && found.kind === "keys" && key !== undefined) {
          if (found.keys.has(key)) giveUp(); // JSON.parse keeps the last of duplicate keys; no plan has them
          found.keys.set(key, { keySpan: [keyStart, keyEnd], span: [valueStart, this.i], ...(inner === undefined ? {} : { found: inner }) });
        }
        if (captured) {
          const at = capture.entry.at as Record<string, Span>;
          at[key as string] = [valueStart, this.i];
          // a repeated "change" is read whole (the captures of the first one would linger)
          if (key === "change" && capture.keys === ENTRY_KEYS && ++capture.entry.changes > 1) capture.entry.escapedKey = true;
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

  array(depth: number, schema: Schema | undefined): Found | undefined {
    if (depth > this.maxDepth) giveUp();
    const b = this.b;
    const start = this.i;
    const found: Found | undefined =
      schema?.kind === "entries"
        ? { kind: "entries", start, end: start, entries: [] }
        : schema?.kind === "each"
          ? { kind: "each", start, end: start, elements: [] }
          : undefined;
    if (!this.empty(0x5d)) {
      for (;;) {
        this.ws();
        if (found?.kind === "entries") {
          if (b[this.i] !== 0x7b) giveUp(); // an entry that is not an object: the full parse judges the shape
          const e: Entry = { start: this.i, end: this.i, at: {}, escapedKey: false, changes: 0 };
          this.object(depth + 1, undefined, { entry: e, keys: ENTRY_KEYS });
          e.end = this.i;
          found.entries.push(e);
        } else if (found?.kind === "each" && schema?.kind === "each") {
          const s = this.i;
          const inner = this.value(depth, schema.element);
          found.elements.push(inner === undefined ? { span: [s, this.i] } : { span: [s, this.i], found: inner });
        } else {
          this.value(depth);
        }
        if (!this.more(0x5d)) break;
      }
    }
    if (found !== undefined) found.end = this.i;
    return found;
  }
}

/**
 * Validate one JSON value starting at i (whitespace first) inside containers `depth` deep; returns the index after
 * it. One loop with its own stack of open containers (1 object, 2 array), no calls per token but for strings and
 * numbers: most of a plan's bytes pass through here.
 */
function skipValue(b: Uint8Array, i: number, depth: number, maxDepth: number, stack: Uint8Array): number {
  let sp = 0;
  for (;;) {
    // a value
    let c = b[i];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++i];
    if (c === 0x7b || c === 0x5b) {
      if (depth + sp + 1 > maxDepth) giveUp();
      const object = c === 0x7b;
      c = b[++i];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++i];
      if (c === (object ? 0x7d : 0x5d)) {
        i++;
      } else {
        stack[sp++] = object ? 1 : 2;
        if (object) i = skipKey(b, i);
        continue;
      }
    } else if (c === QUOTE) {
      i = skipString(b, i);
    } else if (c === 0x74) {
      if (b[i + 1] !== 0x72 || b[i + 2] !== 0x75 || b[i + 3] !== 0x65) giveUp();
      i += 4;
    } else if (c === 0x66) {
      if (b[i + 1] !== 0x61 || b[i + 2] !== 0x6c || b[i + 3] !== 0x73 || b[i + 4] !== 0x65) giveUp();
      i += 5;
    } else if (c === 0x6e) {
      if (b[i + 1] !== 0x75 || b[i + 2] !== 0x6c || b[i + 3] !== 0x6c) giveUp();
      i += 4;
    } else {
      i = skipNumber(b, i);
    }
    // after a value: close containers, or go on to the next member
    for (;;) {
      if (sp === 0) return i;
      c = b[i];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++i];
      const inObject = stack[sp - 1] === 1;
      if (c === 0x2c) {
        i++;
        if (inObject) i = skipKey(b, i);
        break;
      }
      if (c === (inObject ? 0x7d : 0x5d)) {
        i++;
        sp--;
        continue;
      }
      return giveUp();
    }
  }
}

/** A member's key and its colon (whitespace around them); returns the index after the colon. */
function skipKey(b: Uint8Array, i: number): number {
  let c = b[i];
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++i];
  if (c !== QUOTE) giveUp();
  i = skipString(b, i);
  c = b[i];
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++i];
  if (c !== 0x3a) giveUp();
  return i + 1;
}

/** A string starting at the quote at i; returns the index after its closing quote. */
function skipString(b: Uint8Array, i: number): number {
  i++;
  for (;;) {
    const c = b[i] as number;
    if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH) {
      i++;
      continue;
    }
    if (c === QUOTE) return i + 1;
    if (c !== BACKSLASH) return giveUp(); // a control character, or the end of the input
    const e = b[i + 1];
    if (e === 0x75) {
      // (an escaped surrogate was ruled out before the scan: surrogateEscapeIn)
      for (let k = 2; k < 6; k++) if (!isHex(b[i + k])) giveUp();
      i += 6;
    } else if (e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
      i += 2;
    } else {
      giveUp();
    }
  }
}

function skipNumber(b: Uint8Array, i: number): number {
  if (b[i] === 0x2d) i++;
  if (b[i] === 0x30) i++;
  else if (isDigit1(b[i])) while (isDigit(b[i])) i++;
  else giveUp();
  if (b[i] === 0x2e) {
    i++;
    if (!isDigit(b[i])) giveUp();
    while (isDigit(b[i])) i++;
  }
  if (b[i] === 0x65 || b[i] === 0x45) {
    i++;
    if (b[i] === 0x2b || b[i] === 0x2d) i++;
    if (!isDigit(b[i])) giveUp();
    while (isDigit(b[i])) i++;
  }
  return i;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isDigit1 = (c: number | undefined): boolean => c !== undefined && c >= 0x31 && c <= 0x39;
const isHex = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));

/** The key of `keys` spelt by the bytes [start, end) (compared as bytes, no string made), or undefined. */
function keyAmong<K extends string>(b: Uint8Array, start: number, end: number, keys: readonly K[]): K | undefined {
  const n = end - start;
  for (const key of keys) {
    if (key.length !== n) continue;
    let k = 0;
    while (k < n && b[start + k] === key.charCodeAt(k)) k++;
    if (k === n) return key;
  }
  return undefined;
}

function latin1(b: Uint8Array, start: number, end: number): string {
  return Buffer.from(b.buffer, b.byteOffset + start, end - start).toString("latin1");
}

/**
 * The plan (the top-level object of `terraform show -json` output) with what gate/select.ts would drop cut out, or
 * undefined when the bytes must be parsed whole (see the file comment). `bytes` must be valid UTF-8 without a BOM.
 */
export function reducePlanBytes(bytes: Uint8Array, options: ReduceOptions): { value: Record<string, unknown> } | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (surrogateEscapeIn(buf)) return undefined;
  const scanner = new Scanner(bytes, options.maxDepth);
  let top: Found | undefined;
  try {
    scanner.ws();
    if (bytes[scanner.i] !== 0x7b) return undefined;
    top = scanner.object(1, PLAN, undefined);
    scanner.ws();
    if (scanner.i !== bytes.length) return undefined;
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
  if (top?.kind !== "keys" || !top.keys.has("format_version")) return undefined;
  const changes = top.keys.get("resource_changes")?.found;
  if (changes?.kind !== "entries" || changes.entries.length === 0) return undefined;

  const typeOf = (e: Entry): string | undefined => {
    const span = e.at.type;
    if (e.escapedKey || span === undefined || bytes[span[0]] !== QUOTE) return undefined;
    const [s, t] = span;
    if (bytes.subarray(s, t).includes(BACKSLASH)) return undefined;
    return latin1(bytes, s + 1, t - 1);
  };
  /**
   * A dropped resource change must pass validatePlan's checks as if it were kept (else the full reading reports
   * it): a string address and type, a change object with a non-empty array of known actions, and after and
   * after_unknown objects, booleans or null when present.
   */
  const shapeOk = (e: Entry): boolean => {
    const first = (span: Span | undefined): number | undefined => (span === undefined ? undefined : bytes[span[0]]);
    if (first(e.at.address) !== QUOTE || first(e.at.type) !== QUOTE || first(e.at.change) !== 0x7b) return false;
    const actions = e.at.actions;
    if (actions === undefined || bytes[actions[0]] !== 0x5b) return false;
    const list: unknown = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + actions[0], actions[1] - actions[0]).toString("utf8"));
    if (!Array.isArray(list) || list.length === 0 || !list.every((a) => typeof a === "string" && PLAN_ACTIONS.has(a))) return false;
    for (const span of [e.at.after, e.at.after_unknown]) {
      const c = first(span);
      if (c !== undefined && c !== 0x7b && c !== 0x5b && c !== 0x74 && c !== 0x66 && c !== 0x6e) return false;
    }
    return true;
  };
  const keepChange = (e: Entry, first: boolean): Keep => {
    if (first) return "keep"; // so that "has resource changes" reads the same on the reduced plan
    const type = typeOf(e);
    if (type === undefined || options.types.has(type)) return "keep";
    if (!shapeOk(e)) giveUp();
    // select.ts keeps undeclared changes with a string that reads like policy JSON ("Statement" or "Effect"):
    // any entry whose bytes hold either word, or an escape that could spell one, is kept
    const span = buf.subarray(e.start, e.end);
    return span.indexOf(STATEMENT) !== -1 || span.indexOf(EFFECT) !== -1 || span.indexOf(U_ESCAPE) !== -1 ? "keep" : "stub";
  };
  const keepPrior = (e: Entry): Keep => {
    const type = typeOf(e);
    return type === undefined || options.types.has(type) ? "keep" : "drop";
  };

  // the reduced text: kept parts copied as bytes, recorded lists rebuilt from their kept entries
  const parts: Uint8Array[] = [];
  /**
   * A dropped resource change leaves its address, type and actions behind: select.ts tells the prior state's
   * resources that no change shows (a targeted plan's) by the addresses of every change, kept or not.
   */
  const stub = (e: Entry): void => {
    const raw = (span: Span | undefined): Uint8Array => bytes.subarray((span as Span)[0], (span as Span)[1]);
    parts.push(STUB_ADDRESS, raw(e.at.address), STUB_TYPE, raw(e.at.type), STUB_ACTIONS, raw(e.at.actions), STUB_END);
  };
  const emit = (span: Span, found: Found | undefined, keep: (e: Entry, first: boolean) => Keep): void => {
    if (found === undefined) {
      parts.push(bytes.subarray(span[0], span[1]));
    } else if (found.kind === "entries") {
      parts.push(OPEN_BRACKET);
      let n = 0;
      found.entries.forEach((e, k) => {
        const verdict = keep(e, k === 0);
        if (verdict === "drop") return;
        if (n++ > 0) parts.push(COMMA);
        if (verdict === "keep") parts.push(bytes.subarray(e.start, e.end));
        else stub(e);
      });
      parts.push(CLOSE_BRACKET);
    } else if (found.kind === "each") {
      parts.push(OPEN_BRACKET);
      found.elements.forEach((el, k) => {
        if (k > 0) parts.push(COMMA);
        emit(el.span, el.found, keep);
      });
      parts.push(CLOSE_BRACKET);
    } else {
      parts.push(OPEN_BRACE);
      let n = 0;
      for (const [key, child] of found.keys) {
        if (found === top && OMITTED_KEYS.has(key)) continue;
        if (n++ > 0) parts.push(COMMA);
        parts.push(bytes.subarray(child.keySpan[0], child.keySpan[1]), COLON);
        emit(child.span, child.found, found === top && key === "prior_state" ? keepPrior : keep);
      }
      parts.push(CLOSE_BRACE);
    }
  };
  try {
    emit([top.start, top.end], top, keepChange);
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
  const text = Buffer.concat(parts).toString("utf8");
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
