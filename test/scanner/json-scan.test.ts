import { readFileSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import * as path from "node:path";
import * as fc from "fast-check";

/**
 * scanner/json-scan.wasm (built from scanner/json-scan.ts by tools/build-scanner.sh; CI checks the committed module
 * is current) validates JSON exactly as JSON.parse reads it and records the entries of a list. These tests drive
 * the committed module directly; test/gate/plan-reduce.test.ts drives it through the plan reader.
 */

interface Scan {
  skipValue(i: number, depth: number, maxDepth: number, stack: number): number;
  skipString(i: number): number;
  scanEntries(i: number, depth: number, maxDepth: number, stack: number, rec: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
};

const compile = (file: string) => new WebAssembly.Module(readFileSync(path.join(__dirname, "..", "..", "scanner", file)));
/** Both builds of the scanner (tools/build-scanner.sh): with SIMD, and the scalar one for CPUs without it. */
const BUILDS: ReadonlyArray<readonly [string, object]> = [
  ["SIMD build", compile("json-scan.wasm")],
  ["scalar build", compile("json-scan-scalar.wasm")],
];
/** The build the running describe block tests (set in its beforeAll). */
let MODULE = (BUILDS[0] as readonly [string, object])[1];
const MAX_DEPTH = 64;

/** The bytes in a fresh instance's memory as plan-reduce.ts lays them out, and what the scanner recorded. */
function load(bytes: Uint8Array): { scan: Scan; stack: number; rec: number; entries: number[][] } {
  const stack = bytes.byteLength + 8;
  const rec = (stack + MAX_DEPTH + 2 + 3) & ~3;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((rec + 64) / 65536) });
  const entries: number[][] = [];
  const scan = new WebAssembly.Instance(MODULE, {
    env: { memory, entry: () => entries.push([...new Int32Array(memory.buffer, rec, 15)]) },
  }).exports as Scan;
  new Uint8Array(memory.buffer).set(bytes, 0);
  return { scan, stack, rec, entries };
}

/** JSON.parse's verdict on the text: valid JSON or not. */
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The scanner's verdict on the whole input: one value, then only whitespace. */
function scans(bytes: Uint8Array): boolean {
  const { scan, stack } = load(bytes);
  const end = scan.skipValue(0, 0, MAX_DEPTH, stack);
  if (end < 0) return false;
  for (let i = end; i < bytes.length; i++) if (![0x20, 0x0a, 0x0d, 0x09].includes(bytes[i] as number)) return false;
  return true;
}

const SPICE = [..."{}[],:\"\\ \t\n0123456789-+.eEtrufalsn"].map((c) => c.charCodeAt(0)).concat([0x00, 0x1f, 0x7f, 0x80]);
const text = fc.oneof(fc.json({ maxDepth: 6 }), fc.json({ maxDepth: 6 }).map((t) => JSON.stringify(JSON.parse(t), null, 1)));

for (const [label, module] of BUILDS) {
  describe(`json-scan (${label}): skipValue accepts exactly what JSON.parse accepts`, () => {
    beforeAll(() => (MODULE = module));
    it("GIVEN any JSON text THEN it is one value ending where the text ends", () => {
      fc.assert(
        fc.property(text, (t) => {
          const bytes = Buffer.from(t, "utf8");
          expect(load(bytes).scan.skipValue(0, 0, MAX_DEPTH, bytes.length + 8)).toBe(bytes.length);
        }),
        { numRuns: 500 },
      );
    });

    it("GIVEN JSON text with a byte replaced, removed or added THEN the same verdict as JSON.parse", () => {
      const mutated = fc
        .tuple(text, fc.nat(), fc.constantFrom(...SPICE), fc.constantFrom("replace", "remove", "insert"))
        .map(([t, at, byte, how]) => {
          const b = [...Buffer.from(t, "utf8")];
          const k = at % (b.length + 1);
          if (how === "replace" && k < b.length) b[k] = byte;
          else if (how === "remove") b.splice(k, 1);
          else b.splice(k, 0, byte);
          return Buffer.from(b);
        })
        .filter((b) => isUtf8(b));
      fc.assert(
        fc.property(mutated, (bytes) => {
          expect(scans(bytes)).toBe(parses(bytes.toString("utf8")));
        }),
        { numRuns: 3000 },
      );
    });

    it("GIVEN nesting to the limit THEN accepted; one level deeper THEN refused", () => {
      const nest = (n: number) => Buffer.from("[".repeat(n) + "]".repeat(n));
      const { scan: ok, stack: s1 } = load(nest(MAX_DEPTH));
      expect(ok.skipValue(0, 0, MAX_DEPTH, s1)).toBe(2 * MAX_DEPTH);
      const { scan: deep, stack: s2 } = load(nest(MAX_DEPTH + 1));
      expect(deep.skipValue(0, 0, MAX_DEPTH, s2)).toBe(-1);
    });

    it("GIVEN strings up to 80 bytes with a quote, an escape, a control or a multi-byte character at every offset THEN the same verdict as JSON.parse", () => {
      // skipString steps 16 bytes at a time (SIMD): every offset of a special byte within and across those steps
      const specials = ['\\"', "\\\\", "\\u00e9", "\\n", "\\x", "\\u12g4", "é", "€", "\u0001", "\u001f", "\u007f", '"', "\\"];
      for (let len = 0; len <= 80; len++) {
        for (let at = 0; at <= len; at++) {
          for (const special of specials) {
            const t = `"${"a".repeat(at)}${special}${"b".repeat(len - at)}"`;
            expect([t, scans(Buffer.from(t, "utf8"))]).toEqual([t, parses(t)]);
          }
        }
      }
    });

    it("GIVEN a string running to the last byte the reader lays out (memory sized as plan-reduce.ts sizes it) THEN no load leaves the memory", () => {
      // plan-reduce.ts: the bytes, 8 zero bytes, the stack (maxDepth + 2, rounded to 4), a 60-byte record, in whole pages
      const fill = (n: number) => 65536 - 8 - ((MAX_DEPTH + 2 + 3) & ~3) - 60 - n;
      for (let k = -20; k <= 20; k++) {
        for (const closed of [true, false]) {
          const n = fill(k);
          const bytes = Buffer.alloc(n, 0x61);
          bytes[0] = 0x22;
          if (closed) bytes[n - 1] = 0x22;
          const stack = n + 8;
          const rec = (stack + MAX_DEPTH + 2 + 3) & ~3;
          const memory = new WebAssembly.Memory({ initial: Math.ceil((rec + 60) / 65536) });
          const scan = new WebAssembly.Instance(MODULE, { env: { memory, entry: () => undefined } }).exports as Scan;
          new Uint8Array(memory.buffer).set(bytes, 0);
          expect([n, closed, scan.skipValue(0, 0, MAX_DEPTH, stack)]).toEqual([n, closed, closed ? n : -1]);
        }
      }
    });

    it("GIVEN the edges JSON.parse refuses THEN refused", () => {
      for (const t of ['"a\tb"', '"\\x"', '"\\u12g4"', "01", "1.", "-", "1e", "tru", "nul", "[1,]", '{"a":1,}', '{"a" 1}', "{1:2}", '"abc']) {
        expect([t, scans(Buffer.from(t))]).toEqual([t, false]);
      }
    });
  });

  describe(`json-scan (${label}): scanEntries records each entry and the values the plan reader checks`, () => {
    beforeAll(() => (MODULE = module));
    const value = fc.jsonValue({ maxDepth: 3 });
    const entry = fc.record(
      { address: value, type: value, mode: value, change: fc.oneof(value, fc.record({ actions: value, after: value, after_unknown: value, before: value }, { requiredKeys: [] })) },
      { requiredKeys: [] },
    );

    it("GIVEN a list of objects THEN each entry's span and its fields' spans hold what JSON.parse reads there", () => {
      fc.assert(
        fc.property(fc.array(entry, { maxLength: 6 }), fc.constantFrom(undefined, 1), (list, indent) => {
          const t = JSON.stringify(list, null, indent);
          const bytes = Buffer.from(t, "utf8");
          const { scan, stack, rec, entries } = load(bytes);
          expect(scan.scanEntries(0, 1, MAX_DEPTH, stack, rec)).toBe(bytes.length);
          const parsed = JSON.parse(t) as Array<Record<string, unknown>>;
          expect(entries).toHaveLength(parsed.length);
          const at = (s: number, e: number): unknown => JSON.parse(bytes.subarray(s, e).toString("utf8"));
          entries.forEach((r, k) => {
            const e = parsed[k] as Record<string, unknown>;
            expect(at(r[0] as number, r[1] as number)).toEqual(e);
            const change = e.change !== null && typeof e.change === "object" && !Array.isArray(e.change) ? (e.change as Record<string, unknown>) : {};
            // unsure: a key of the entry or of its change written with an escape
            const escaped = [...Object.keys(e), ...Object.keys(change)].some((key) => JSON.stringify(key).includes("\\"));
            expect(r[2]).toBe(escaped ? 1 : 0);
            const fields: Array<[number, unknown, boolean]> = [
              [3, e.address, "address" in e],
              [5, e.type, "type" in e],
              [7, e.change, "change" in e],
              [9, change.actions, "actions" in change],
              [11, change.after, "after" in change],
              [13, change.after_unknown, "after_unknown" in change],
            ];
            for (const [f, expected, present] of fields) {
              if (present) expect(at(r[f] as number, r[f + 1] as number)).toEqual(expected);
              else expect(r[f]).toBe(-1);
            }
          });
        }),
        { numRuns: 500 },
      );
    });

    it("GIVEN a key written with an escape, or change twice THEN the entry is marked unsure", () => {
      for (const t of ['[{"typ\\u0065":"x"}]', '[{"change":{"act\\u0069ons":[]}}]', '[{"change":{},"change":{}}]']) {
        const { scan, stack, rec, entries } = load(Buffer.from(t));
        expect(scan.scanEntries(0, 1, MAX_DEPTH, stack, rec)).toBe(t.length);
        expect([t, entries[0]?.[2]]).toEqual([t, 1]);
      }
    });

    it("GIVEN an entry that is not an object THEN refused", () => {
      for (const t of ["[1]", '[{"a":1},[]]', '["x"]']) {
        const { scan, stack, rec } = load(Buffer.from(t));
        expect(scan.scanEntries(0, 1, MAX_DEPTH, stack, rec)).toBe(-1);
      }
    });
  });
}
