// AssemblyScript, compiled to scanner/json-scan.wasm by tools/build-scanner.sh (not by tsc: see tsconfig.json).
//
// The tight JSON validator of gate/plan-reduce.ts: most of a large plan's bytes are values no rule reads, and this
// loop only checks that they are well-formed JSON (RFC 8259, as JSON.parse reads it) no deeper than a limit and
// finds where they end. In JavaScript it ran ~2.5x slower on a plan read once (the loop is interpreted until V8
// optimises it, and deoptimised on each byte class it had not seen); compiled ahead it runs at one speed from
// its first byte (BENCHMARKS.md, "The byte scan in WebAssembly"). The lists of entries (resource changes, prior
// state resources) are also judged and written reduced here, not in JavaScript: cold JavaScript spent ~5 µs on each
// entry's verdict and copies, 10-20 ms of a 10 MB plan (BENCHMARKS.md, "The entry lists judged in WebAssembly").
//
// Memory (imported, sized by the caller): the input's bytes from offset 0, then at least 8 zero bytes (a read past
// the end sees 0, a control character that no path accepts), then the stack of open containers, then one entry
// record (scanEntries), the declared types and the room for the reduced lists (setOutput). skipString loads 16
// bytes at a time (SIMD) from offsets up to that first zero, and over 16 bytes of memory follow it (the rest of the
// zeros and the 60-byte record at least), so no load leaves the memory; policyLike loads 16 bytes only inside an
// entry.
// tools/build-scanner.sh builds this file twice: json-scan.wasm with SIMD, and json-scan-scalar.wasm without it
// (one byte at a time), which plan-reduce.ts loads where V8 cannot compile SIMD (an x86-64 CPU without SSE4.1).
// Every function returns the offset after what it read, or -1 when the bytes are not what it expects: the caller
// then gives up. The module has no data segment (no string literals): keys and words are compared, and constants
// written, as integers, so nothing of its own lands on the input.

const GIVE_UP: i32 = -1;

@inline function isWs(c: u32): bool {
  return c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09;
}
@inline function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}
@inline function isHex(c: u32): bool {
  return c - 0x30 < 10 || (c | 0x20) - 0x61 < 6;
}

/** A string starting at the quote at i; the offset after its closing quote. */
export function skipString(i: i32): i32 {
  i++;
  for (;;) {
    let c: u32;
    if (ASC_FEATURE_SIMD) {
      // 16 bytes at a time to the first quote, backslash or control character (the zero after the input is one, so
      // a load never reaches past the scanner's memory: see the file comment)
      const v = v128.load(i);
      const stop = v128.or(v128.or(i8x16.eq(v, i8x16.splat(0x22)), i8x16.eq(v, i8x16.splat(0x5c))), i8x16.lt_u(v, i8x16.splat(0x20)));
      const mask = i8x16.bitmask(stop);
      if (mask == 0) {
        i += 16;
        continue;
      }
      i += ctz<i32>(mask);
      c = <u32>load<u8>(i);
    } else {
      c = <u32>load<u8>(i);
      if (c >= 0x20 && c != 0x22 && c != 0x5c) {
        i++;
        continue;
      }
    }
    if (c == 0x22) return i + 1;
    if (c != 0x5c) return GIVE_UP; // a control character, or the end of the input
    const e = <u32>load<u8>(i + 1);
    if (e == 0x75) {
      // (an escaped surrogate is ruled out before the scan: plan-reduce.ts surrogateEscapeIn)
      if (!isHex(load<u8>(i + 2)) || !isHex(load<u8>(i + 3)) || !isHex(load<u8>(i + 4)) || !isHex(load<u8>(i + 5))) return GIVE_UP;
      i += 6;
    } else if (e == 0x22 || e == 0x5c || e == 0x2f || e == 0x62 || e == 0x66 || e == 0x6e || e == 0x72 || e == 0x74) {
      i += 2;
    } else {
      return GIVE_UP;
    }
  }
  return GIVE_UP;
}

function skipNumber(i: i32): i32 {
  if (load<u8>(i) == 0x2d) i++;
  let c = <u32>load<u8>(i);
  if (c == 0x30) {
    i++;
  } else if (c - 0x31 < 9) {
    i++;
    while (isDigit(load<u8>(i))) i++;
  } else {
    return GIVE_UP;
  }
  if (load<u8>(i) == 0x2e) {
    i++;
    if (!isDigit(load<u8>(i))) return GIVE_UP;
    while (isDigit(load<u8>(i))) i++;
  }
  c = <u32>load<u8>(i);
  if (c == 0x65 || c == 0x45) {
    i++;
    c = <u32>load<u8>(i);
    if (c == 0x2b || c == 0x2d) i++;
    if (!isDigit(load<u8>(i))) return GIVE_UP;
    while (isDigit(load<u8>(i))) i++;
  }
  return i;
}

/** A member's key and its colon (whitespace around them); the offset after the colon. */
function skipKey(i: i32): i32 {
  let c = <u32>load<u8>(i);
  while (isWs(c)) c = load<u8>(++i);
  if (c != 0x22) return GIVE_UP;
  i = skipString(i);
  if (i < 0) return GIVE_UP;
  c = load<u8>(i);
  while (isWs(c)) c = load<u8>(++i);
  if (c != 0x3a) return GIVE_UP;
  return i + 1;
}

/**
 * One JSON value starting at i (whitespace first) inside containers `depth` deep, none deeper than maxDepth; the
 * offset after it. One loop with its own stack of open containers at `stack` (1 object, 2 array).
 */
export function skipValue(i: i32, depth: i32, maxDepth: i32, stack: i32): i32 {
  let sp: i32 = 0;
  for (;;) {
    // a value
    let c = <u32>load<u8>(i);
    while (isWs(c)) c = load<u8>(++i);
    if (c == 0x7b || c == 0x5b) {
      if (depth + sp + 1 > maxDepth) return GIVE_UP;
      const object = c == 0x7b;
      c = load<u8>(++i);
      while (isWs(c)) c = load<u8>(++i);
      if (c == (object ? 0x7d : 0x5d)) {
        i++;
      } else {
        store<u8>(stack + sp, object ? 1 : 2);
        sp++;
        if (object) {
          i = skipKey(i);
          if (i < 0) return GIVE_UP;
        }
        continue;
      }
    } else if (c == 0x22) {
      i = skipString(i);
      if (i < 0) return GIVE_UP;
    } else if (c == 0x74) {
      if (load<u8>(i + 1) != 0x72 || load<u8>(i + 2) != 0x75 || load<u8>(i + 3) != 0x65) return GIVE_UP;
      i += 4;
    } else if (c == 0x66) {
      if (load<u8>(i + 1) != 0x61 || load<u8>(i + 2) != 0x6c || load<u8>(i + 3) != 0x73 || load<u8>(i + 4) != 0x65) return GIVE_UP;
      i += 5;
    } else if (c == 0x6e) {
      if (load<u8>(i + 1) != 0x75 || load<u8>(i + 2) != 0x6c || load<u8>(i + 3) != 0x6c) return GIVE_UP;
      i += 4;
    } else {
      i = skipNumber(i);
      if (i < 0) return GIVE_UP;
    }
    // after a value: close containers, or go on to the next member
    for (;;) {
      if (sp == 0) return i;
      c = load<u8>(i);
      while (isWs(c)) c = load<u8>(++i);
      const inObject = load<u8>(stack + sp - 1) == 1;
      if (c == 0x2c) {
        i++;
        if (inObject) {
          i = skipKey(i);
          if (i < 0) return GIVE_UP;
        }
        break;
      }
      if (c == (inObject ? 0x7d : 0x5d)) {
        i++;
        sp--;
        continue;
      }
      return GIVE_UP;
    }
  }
  return GIVE_UP;
}

// ------------------------------------------------------------------------------------------------ entries

// An entry record: 15 i32 at `rec`, rewritten for each entry. Absent spans are -1.
const R_START: i32 = 0;
const R_END: i32 = 4;
/** 1 when a key of the entry or of its change has an escape (it could spell any name), or "change" repeats. */
const R_UNSURE: i32 = 8;
const R_ADDRESS: i32 = 12;
const R_TYPE: i32 = 20;
const R_CHANGE: i32 = 28;
const R_ACTIONS: i32 = 36;
const R_AFTER: i32 = 44;
const R_AFTER_UNKNOWN: i32 = 52;

/** The bytes [s, e) hold a backslash. */
function hasBackslash(s: i32, e: i32): bool {
  for (let k = s; k < e; k++) if (load<u8>(k) == 0x5c) return true;
  return false;
}

// keys compared as little-endian integers: "addr" "ess" "type" "chan" "ge" "acti" "ons" "afte" "r" "_unk" "nown"
/** Which of an entry's keys the bytes [s, s + n) spell: R_ADDRESS, R_TYPE, R_CHANGE, or 0. */
function entryKey(s: i32, n: i32): i32 {
  if (n == 7 && load<u32>(s) == 0x72646461 && load<u16>(s + 4) == 0x7365 && load<u8>(s + 6) == 0x73) return R_ADDRESS;
  if (n == 4 && load<u32>(s) == 0x65707974) return R_TYPE;
  if (n == 6 && load<u32>(s) == 0x6e616863 && load<u16>(s + 4) == 0x6567) return R_CHANGE;
  return 0;
}

/** Which of a change's keys the bytes [s, s + n) spell: R_ACTIONS, R_AFTER, R_AFTER_UNKNOWN, or 0. */
function changeKey(s: i32, n: i32): i32 {
  if (n == 7 && load<u32>(s) == 0x69746361 && load<u16>(s + 4) == 0x6e6f && load<u8>(s + 6) == 0x73) return R_ACTIONS;
  if (n == 5 && load<u32>(s) == 0x65746661 && load<u8>(s + 4) == 0x72) return R_AFTER;
  if (n == 13 && load<u32>(s) == 0x65746661 && load<u32>(s + 4) == 0x6e755f72 && load<u32>(s + 8) == 0x776f6e6b && load<u8>(s + 12) == 0x6e) {
    return R_AFTER_UNKNOWN;
  }
  return 0;
}

@inline function skipWs(i: i32): i32 {
  while (isWs(load<u8>(i))) i++;
  return i;
}

/**
 * The object at i (a brace) at `depth`, its members' values validated; with `inChange` false the members "address",
 * "type" and "change" are recorded (and a "change" object is read by the same function with `inChange` true, which
 * records "actions", "after" and "after_unknown"). The offset after the object.
 */
function scanObject(i: i32, depth: i32, maxDepth: i32, stack: i32, rec: i32, inChange: bool): i32 {
  if (depth > maxDepth) return GIVE_UP;
  i = skipWs(i + 1);
  if (load<u8>(i) == 0x7d) return i + 1;
  for (;;) {
    i = skipWs(i);
    if (load<u8>(i) != 0x22) return GIVE_UP;
    const keyStart = i;
    i = skipString(i);
    if (i < 0) return GIVE_UP;
    const keyEnd = i;
    i = skipWs(i);
    if (load<u8>(i) != 0x3a) return GIVE_UP;
    i = skipWs(i + 1);
    let field: i32 = 0;
    if (hasBackslash(keyStart + 1, keyEnd - 1)) store<i32>(rec + R_UNSURE, 1);
    else field = inChange ? changeKey(keyStart + 1, keyEnd - keyStart - 2) : entryKey(keyStart + 1, keyEnd - keyStart - 2);
    const valueStart = i;
    if (field == R_CHANGE && load<u8>(i) == 0x7b) i = scanObject(i, depth + 1, maxDepth, stack, rec, true);
    else i = skipValue(i, depth, maxDepth, stack);
    if (i < 0) return GIVE_UP;
    if (field != 0) {
      // the last of repeated keys, as JSON.parse keeps it; a repeated "change" leaves the entry unsure
      if (field == R_CHANGE && load<i32>(rec + R_CHANGE) >= 0) store<i32>(rec + R_UNSURE, 1);
      store<i32>(rec + field, valueStart);
      store<i32>(rec + field + 4, i);
    }
    i = skipWs(i);
    const c = <u32>load<u8>(i);
    if (c == 0x2c) {
      i++;
      continue;
    }
    if (c == 0x7d) return i + 1;
    return GIVE_UP;
  }
  return GIVE_UP;
}

// ------------------------------------------------------------------------------------------------ reduced lists
//
// scanEntries reads a list of entries (resource_changes, or a prior state module's resources) and writes, from
// the output position on, the list as the reduced plan holds it: each entry kept whole, cut to a stub, or dropped
// (gate/plan-reduce.ts says why each is what select.ts needs). The output region lies after the types table, and
// what is written for a list is never longer than the list itself, so a region as long as the input always has
// room; the writes check it all the same (no room: give up).

/** Where the next reduced byte goes, and where the room for them ends (setOutput). */
let out: i32 = 0;
let outLimit: i32 = 0;

/** Start writing reduced lists at `start`, with room up to `limit`. */
export function setOutput(start: i32, limit: i32): void {
  out = start;
  outLimit = limit;
}

/** Where the next reduced byte goes: the end of what scanEntries has written. */
export function written(): i32 {
  return out;
}

/** What a list's entries are: resource changes (stubs for undeclared ones) or prior state resources (dropped). */
const LIST_CHANGES: i32 = 0;
const LIST_PRIOR: i32 = 1;

const KEEP: i32 = 0;
const STUB: i32 = 1;
const DROP: i32 = 2;

/** The type [s, s + n) is one of the declared types: at `types`, an i32 count, then each as an i32 length and its
 * bytes, padded to 4. */
function declared(types: i32, s: i32, n: i32): bool {
  const count = load<i32>(types);
  let p = types + 4;
  for (let k = 0; k < count; k++) {
    const len = load<i32>(p);
    if (len == n && sameBytes(p + 4, s, n)) return true;
    p += 4 + ((len + 3) & ~3);
  }
  return false;
}

function sameBytes(a: i32, b: i32, n: i32): bool {
  for (let k = 0; k < n; k++) if (load<u8>(a + k) != load<u8>(b + k)) return false;
  return true;
}

/** The string's bytes [s, s + n) (between its quotes) are one of the actions a plan may hold (PLAN_ACTIONS). An
 * action written with an escape matches none: the entry's list is then read by the full parse. */
function planAction(s: i32, n: i32): bool {
  if (n == 4) return load<u32>(s) == 0x64616572; // read
  if (n == 5) return load<u32>(s) == 0x6f2d6f6e && load<u8>(s + 4) == 0x70; // no-op
  if (n != 6) return false;
  const head = load<u32>(s);
  const tail = <u32>load<u16>(s + 4);
  if (tail == 0x6574) return head == 0x61657263 || head == 0x61647075 || head == 0x656c6564; // create update delete
  return tail == 0x7465 && head == 0x67726f66; // forget
}

/** The validated array [s, e) holds one or more strings, each a plan action. */
function actionsOk(s: i32, e: i32): bool {
  let i = skipWs(s + 1);
  for (;;) {
    if (load<u8>(i) != 0x22) return false; // not a string, or the list is empty
    const after = skipString(i);
    if (after < 0 || !planAction(i + 1, after - i - 2)) return false;
    i = skipWs(after);
    const c = <u32>load<u8>(i);
    if (c != 0x2c) return c == 0x5d && i + 1 == e;
    i = skipWs(i + 1);
  }
  return false;
}

/** The first byte of the recorded value `field`, or 0 when the entry has none. */
@inline function firstOf(rec: i32, field: i32): u32 {
  const s = load<i32>(rec + field);
  return s < 0 ? 0 : <u32>load<u8>(s);
}

/**
 * A dropped resource change must pass the plan reader's checks as if it were kept (else the full reading reports
 * it): a string address and type, a change object with a non-empty array of known actions, and after and
 * after_unknown objects, arrays, booleans or null when present.
 */
function shapeOk(rec: i32): bool {
  if (firstOf(rec, R_ADDRESS) != 0x22 || firstOf(rec, R_TYPE) != 0x22 || firstOf(rec, R_CHANGE) != 0x7b) return false;
  if (firstOf(rec, R_ACTIONS) != 0x5b || !actionsOk(load<i32>(rec + R_ACTIONS), load<i32>(rec + R_ACTIONS + 4))) return false;
  for (let f = R_AFTER; f <= R_AFTER_UNKNOWN; f += 8) {
    const c = firstOf(rec, f);
    if (c != 0 && c != 0x7b && c != 0x5b && c != 0x74 && c != 0x66 && c != 0x6e) return false;
  }
  return true;
}

/** "\u", "Statement" or "Effect" starts at k and ends by e. */
function wordAt(k: i32, e: i32): bool {
  const c = <u32>load<u8>(k);
  if (c == 0x5c) return k + 2 <= e && load<u8>(k + 1) == 0x75;
  if (c == 0x53) return k + 9 <= e && load<u64>(k) == 0x6e656d6574617453 && load<u8>(k + 8) == 0x74;
  if (c == 0x45) return k + 6 <= e && load<u32>(k) == 0x65666645 && load<u16>(k + 4) == 0x7463;
  return false;
}

/**
 * The bytes [s, e) hold "Statement" or "Effect" (policy JSON), or an escape that could spell either: select.ts keeps
 * an undeclared resource with a string that reads like a policy, so its change is kept whole.
 */
function policyLike(s: i32, e: i32): bool {
  let k = s;
  if (ASC_FEATURE_SIMD) {
    // 16 bytes at a time to each S, E or backslash
    for (; k + 16 <= e; k += 16) {
      const v = v128.load(k);
      let mask = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, i8x16.splat(0x53)), i8x16.eq(v, i8x16.splat(0x45))), i8x16.eq(v, i8x16.splat(0x5c))));
      while (mask != 0) {
        if (wordAt(k + ctz<i32>(mask), e)) return true;
        mask &= mask - 1;
      }
    }
  }
  for (; k < e; k++) if (wordAt(k, e)) return true;
  return false;
}

/** KEEP, STUB or DROP for the entry recorded at `rec`, the `index`th of a list of kind `list`; GIVE_UP when a
 * resource change that would be cut does not pass the plan reader's checks. */
function verdict(rec: i32, list: i32, types: i32, index: i32): i32 {
  if (list == LIST_CHANGES && index == 0) return KEEP; // so that "has resource changes" reads the same
  const ts = load<i32>(rec + R_TYPE);
  // a type that is not a plain string (or an entry with an escaped key) could be any type: kept
  if (load<i32>(rec + R_UNSURE) == 1 || ts < 0 || load<u8>(ts) != 0x22) return KEEP;
  const te = load<i32>(rec + R_TYPE + 4);
  if (hasBackslash(ts + 1, te - 1) || declared(types, ts + 1, te - ts - 2)) return KEEP;
  if (list == LIST_PRIOR) return DROP;
  if (!shapeOk(rec)) return GIVE_UP;
  return policyLike(load<i32>(rec + R_START), load<i32>(rec + R_END)) ? KEEP : STUB;
}

/** Writes `{"address":`. */
function putStubAddress(): void {
  store<u64>(out, 0x736572646461227b);
  store<u16>(out + 8, 0x2273);
  store<u8>(out + 10, 0x3a);
  out += 11;
}

/** Writes `,"type":`. */
function putStubType(): void {
  store<u64>(out, 0x3a2265707974222c);
  out += 8;
}

/** Writes `,"change":{"actions":`. */
function putStubActions(): void {
  store<u64>(out, 0x65676e616863222c);
  store<u64>(out + 8, 0x69746361227b3a22);
  store<u32>(out + 16, 0x22736e6f);
  store<u8>(out + 20, 0x3a);
  out += 21;
}

/** Copies the recorded value `field`. */
function putField(rec: i32, field: i32): void {
  const s = load<i32>(rec + field);
  const n = load<i32>(rec + field + 4) - s;
  memory.copy(out, s, n);
  out += n;
}

/** The length of the recorded value `field`. */
@inline function lengthOf(rec: i32, field: i32): i32 {
  return load<i32>(rec + field + 4) - load<i32>(rec + field);
}

/**
 * Writes the entry recorded at `rec` as `what` says (after a comma unless it is the list's first): whole, or as a
 * stub of its address, type and actions (select.ts tells the prior state's resources that no change shows, a
 * targeted plan's, by the addresses of every change, kept or not). False when there is no room.
 */
function put(rec: i32, what: i32, first: bool): bool {
  const n = what == KEEP ? load<i32>(rec + R_END) - load<i32>(rec + R_START) : 42 + lengthOf(rec, R_ADDRESS) + lengthOf(rec, R_TYPE) + lengthOf(rec, R_ACTIONS);
  // a comma before it unless it is the first, and the list's closing bracket after it
  if (out + n + (first ? 1 : 2) > outLimit) return false;
  if (!first) store<u8>(out++, 0x2c);
  if (what == KEEP) {
    const s = load<i32>(rec + R_START);
    memory.copy(out, s, n);
    out += n;
    return true;
  }
  putStubAddress();
  putField(rec, R_ADDRESS);
  putStubType();
  putField(rec, R_TYPE);
  putStubActions();
  putField(rec, R_ACTIONS);
  store<u16>(out, 0x7d7d); // }}
  out += 2;
  return true;
}

/**
 * The array at i (a bracket) at `depth`, whose every element must be an object, read and written reduced at the
 * output position: `list` is LIST_CHANGES or LIST_PRIOR, `types` the declared types (see declared()). Each entry
 * is recorded at `rec` (its span, the spans of its address, type and change, and of the change's actions, after
 * and after_unknown) and judged. The offset after the array, or GIVE_UP.
 */
export function scanEntries(i: i32, depth: i32, maxDepth: i32, stack: i32, rec: i32, list: i32, types: i32): i32 {
  if (depth > maxDepth || out + 2 > outLimit) return GIVE_UP;
  store<u8>(out++, 0x5b);
  i = skipWs(i + 1);
  if (load<u8>(i) == 0x5d) {
    store<u8>(out++, 0x5d);
    return i + 1;
  }
  let index = 0;
  let kept = 0;
  for (;;) {
    i = skipWs(i);
    if (load<u8>(i) != 0x7b) return GIVE_UP;
    store<i32>(rec + R_START, i);
    store<i32>(rec + R_UNSURE, 0);
    for (let f = R_ADDRESS; f <= R_AFTER_UNKNOWN; f += 4) store<i32>(rec + f, -1);
    i = scanObject(i, depth + 1, maxDepth, stack, rec, false);
    if (i < 0) return GIVE_UP;
    store<i32>(rec + R_END, i);
    const what = verdict(rec, list, types, index++);
    if (what == GIVE_UP) return GIVE_UP;
    if (what != DROP) {
      if (!put(rec, what, kept == 0)) return GIVE_UP;
      kept++;
    }
    i = skipWs(i);
    const c = <u32>load<u8>(i);
    if (c == 0x2c) {
      i++;
      continue;
    }
    if (c == 0x5d) {
      store<u8>(out++, 0x5d);
      return i + 1;
    }
    return GIVE_UP;
  }
  return GIVE_UP;
}
