// AssemblyScript, compiled to scanner/json-scan.wasm by tools/build-scanner.sh (not by tsc: see tsconfig.json).
//
// The tight JSON validator of gate/plan-reduce.ts: most of a large plan's bytes are values no rule reads, and this
// loop only checks that they are well-formed JSON (RFC 8259, as JSON.parse reads it) no deeper than a limit and
// finds where they end. In JavaScript it ran ~2.5x slower on a plan read once (the loop is interpreted until V8
// optimises it, and deoptimised on each byte class it had not seen); compiled ahead it runs at one speed from
// its first byte (BENCHMARKS.md, "The byte scan in WebAssembly").
//
// Memory (imported, sized by the caller): the input's bytes from offset 0, then at least 8 zero bytes (a read past
// the end sees 0, a control character that no path accepts), then the stack of open containers, then one entry
// record (scanEntries). skipString loads 16 bytes at a time (SIMD) from offsets up to that first zero, and over 16
// bytes of memory follow it (the rest of the zeros and the 60-byte record at least), so no load leaves the memory.
// tools/build-scanner.sh builds this file twice: json-scan.wasm with SIMD, and json-scan-scalar.wasm without it
// (one byte at a time), which plan-reduce.ts loads where V8 cannot compile SIMD (an x86-64 CPU without SSE4.1).
// Every function returns the offset after what it read, or -1 when the bytes are not what it expects: the caller
// then gives up. The module has no data segment (no string literals): keys are compared as
// integers, so nothing of its own lands on the input.

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

/** Called once per entry scanEntries has recorded (the record is at `rec`); the caller reads it there. */
@external("env", "entry")
declare function entry(): void;

// An entry record: 15 i32 at `rec`. Absent spans are -1.
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

/**
 * The array at i (a bracket) at `depth`, whose every element must be an object: each is recorded at `rec` (its
 * span, the spans of its address, type and change, and of the change's actions, after and after_unknown) and
 * handed over by calling entry(). The offset after the array.
 */
export function scanEntries(i: i32, depth: i32, maxDepth: i32, stack: i32, rec: i32): i32 {
  if (depth > maxDepth) return GIVE_UP;
  i = skipWs(i + 1);
  if (load<u8>(i) == 0x5d) return i + 1;
  for (;;) {
    i = skipWs(i);
    if (load<u8>(i) != 0x7b) return GIVE_UP;
    store<i32>(rec + R_START, i);
    store<i32>(rec + R_UNSURE, 0);
    for (let f = R_ADDRESS; f <= R_AFTER_UNKNOWN; f += 4) store<i32>(rec + f, -1);
    i = scanObject(i, depth + 1, maxDepth, stack, rec, false);
    if (i < 0) return GIVE_UP;
    store<i32>(rec + R_END, i);
    entry();
    i = skipWs(i);
    const c = <u32>load<u8>(i);
    if (c == 0x2c) {
      i++;
      continue;
    }
    if (c == 0x5d) return i + 1;
    return GIVE_UP;
  }
  return GIVE_UP;
}
