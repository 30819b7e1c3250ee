import { readFileSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import * as path from "node:path";
import * as fc from "fast-check";
import { PLAN_ACTIONS, typesTable } from "../../gate/plan-reduce";

/**
 * scanner/json-scan.wasm (built from scanner/json-scan.ts by tools/build-scanner.sh; CI checks the committed module
 * is current) validates JSON exactly as JSON.parse reads it and writes a list of entries reduced (resource changes
 * of undeclared types cut to stubs, prior state resources of undeclared types dropped). These tests drive the
 * committed module directly; test/gate/plan-reduce.test.ts drives it through the plan reader.
 */

interface Scan {
  skipValue(i: number, depth: number, maxDepth: number, stack: number): number;
  skipString(i: number): number;
  scanEntries(i: number, depth: number, maxDepth: number, stack: number, rec: number, list: number, types: number): number;
  setOutput(start: number, limit: number): void;
  written(): number;
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

/**
 * The bytes in a fresh instance's memory as plan-reduce.ts lays them out: the bytes, 8 zero bytes, the stack, the
 * entry record, the declared types' table (`types`), and room for the reduced lists as long as the bytes (`out`).
 */
function load(bytes: Uint8Array, types: readonly string[] = []): { scan: Scan; memory: { buffer: ArrayBuffer }; stack: number; rec: number; types: number; out: number } {
  const stack = bytes.byteLength + 8;
  const rec = (stack + MAX_DEPTH + 2 + 3) & ~3;
  // the declared types' table as plan-reduce.ts writes it
  const table = typesTable(new Set(types)) as Buffer;
  const out = rec + 60 + table.length;
  const limit = out + bytes.byteLength + 16;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((limit + 64) / 65536) });
  const scan = new WebAssembly.Instance(MODULE, { env: { memory } }).exports as Scan;
  new Uint8Array(memory.buffer).set(bytes, 0);
  new Uint8Array(memory.buffer).set(table, rec + 60);
  scan.setOutput(out, limit);
  return { scan, memory, stack, rec, types: rec + 60, out };
}

const LIST_CHANGES = 0;
const LIST_PRIOR = 1;

/** scanEntries of the list `t` (at offset 0): the offset it returned, and the reduced list it wrote. */
function reduceList(t: string, list: number, types: readonly string[]): { end: number; text: string } {
  const bytes = Buffer.from(t, "utf8");
  const { scan, memory, stack, rec, types: at, out } = load(bytes, types);
  const end = scan.scanEntries(0, 1, MAX_DEPTH, stack, rec, list, at);
  return { end, text: Buffer.from(memory.buffer).toString("utf8", out, scan.written()) };
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
          const scan = new WebAssembly.Instance(MODULE, { env: { memory } }).exports as Scan;
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

  describe(`json-scan (${label}): scanEntries writes a list reduced as plan-reduce.ts documents`, () => {
    beforeAll(() => (MODULE = module));
    const DECLARED = ["aws_iam_policy", "aws_organizations_policy"];
    const ACTIONS = [...PLAN_ACTIONS];
    const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

    /** This test's own reading of plan-reduce.ts's rules for one entry of a list written by JSON.stringify. */
    function expected(e: Record<string, unknown>, list: number, index: number): "keep" | "stub" | "drop" | "give up" {
      if (list === LIST_CHANGES && index === 0) return "keep";
      const change = isObject(e.change) ? e.change : undefined;
      // a key written with an escape (JSON.stringify escapes quotes, backslashes and controls) could spell any name
      const escaped = [...Object.keys(e), ...Object.keys(change ?? {})].some((k) => JSON.stringify(k).includes("\\"));
      if (escaped || typeof e.type !== "string" || JSON.stringify(e.type).includes("\\") || DECLARED.includes(e.type)) return "keep";
      if (list === LIST_PRIOR) return "drop";
      const fits = (v: unknown): boolean => v === undefined || typeof v === "object" || typeof v === "boolean";
      const actions = change?.actions;
      const shape =
        typeof e.address === "string" &&
        change !== undefined &&
        Array.isArray(actions) &&
        actions.length > 0 &&
        actions.every((a) => typeof a === "string" && ACTIONS.includes(a)) &&
        fits(change.after) &&
        fits(change.after_unknown);
      if (!shape) return "give up";
      return /Statement|Effect|\\u/.test(JSON.stringify(e)) ? "keep" : "stub";
    }

    const value = fc.jsonValue({ maxDepth: 2 });
    const type = fc.oneof(
      { arbitrary: fc.constantFrom(...DECLARED, "aws_s3_bucket", "aws_iam_polic", "aws_iam_policyx", "", "aws_iam_po\"licy"), weight: 4 },
      { arbitrary: value, weight: 1 },
    );
    const actions = fc.oneof(
      { arbitrary: fc.constantFrom(...ACTIONS.map((a) => [a]), ["delete", "create"], ["create", "delete"]), weight: 4 },
      { arbitrary: fc.constantFrom([], ["crate"], ["create", 1], "create", ["Create"], ["no-op", "\u0001"], ["creat"], ["forgot"]), weight: 1 },
      { arbitrary: value, weight: 1 },
    );
    const after = fc.oneof(
      { arbitrary: fc.constantFrom({}, [], true, false, null, { a: 1 }, { a: "S E \\ u" }), weight: 6 },
      { arbitrary: fc.constantFrom({ doc: '{"Statement":[]}' }, { doc: "an Effect" }, { a: "\u0001" }), weight: 1 },
      { arbitrary: fc.constantFrom(1, "x"), weight: 1 },
      { arbitrary: value, weight: 1 },
    );
    const change = fc.record({ actions, after, after_unknown: after, before: fc.constantFrom(null, { a: 1 }) }, { requiredKeys: ["actions"] });
    const good = fc.record({ address: fc.string(), type, mode: fc.constant("managed"), change }, { requiredKeys: ["address", "type", "change"] });
    const any = fc.record({ address: fc.oneof(fc.string(), value), type, "ty\\pe": value, change: fc.oneof(value, change) }, { requiredKeys: [] });
    const entry = fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: any, weight: 1 });

    it("GIVEN a list of entries THEN each is kept whole, cut to a stub or dropped as documented, or the list is given up", () => {
      const seen = { keep: 0, stub: 0, drop: 0, "give up": 0 };
      fc.assert(
        fc.property(fc.array(entry, { maxLength: 5 }), fc.constantFrom(LIST_CHANGES, LIST_PRIOR), fc.constantFrom(undefined, 1), (list, kind, indent) => {
          const t = JSON.stringify(list, null, indent);
          const { end, text } = reduceList(t, kind, DECLARED);
          const parsed = JSON.parse(t) as Array<Record<string, unknown>>;
          const verdicts = parsed.map((e, k) => expected(e, kind, k));
          for (const v of verdicts) seen[v]++;
          if (verdicts.includes("give up")) {
            expect(end).toBe(-1);
            return;
          }
          expect(end).toBe(Buffer.byteLength(t));
          const want = parsed.flatMap((e, k) => {
            if (verdicts[k] === "drop") return [];
            if (verdicts[k] === "keep") return [e];
            return [{ address: e.address, type: e.type, change: { actions: (e.change as Record<string, unknown>).actions } }];
          });
          expect(JSON.parse(text)).toEqual(want);
        }),
        { numRuns: 2000 },
      );
      // the generators reach every verdict often (a property that only ever gave up would prove little)
      expect(Object.values(seen).every((n) => n >= 100)).toEqual(true);
    });

    it("GIVEN entries kept whole THEN their bytes are copied as they are (whitespace and all)", () => {
      const t = '[ {"type" : "aws_iam_policy",\n "x": [1, 2.50]} ,{"type":"aws_s3_bucket","address":"a","change":{"actions":[ "create" ]}}\t]';
      expect(reduceList(t, LIST_CHANGES, DECLARED)).toEqual({
        end: t.length,
        text: '[{"type" : "aws_iam_policy",\n "x": [1, 2.50]},{"address":"a","type":"aws_s3_bucket","change":{"actions":[ "create" ]}}]',
      });
      expect(reduceList(t, LIST_PRIOR, ["aws_s3_bucket"])).toEqual({ end: t.length, text: '[{"type":"aws_s3_bucket","address":"a","change":{"actions":[ "create" ]}}]' });
      expect(reduceList("[ ]", LIST_CHANGES, DECLARED)).toEqual({ end: 3, text: "[]" });
    });

    it("GIVEN every plan action, and near misses and escapes of them THEN only the plan actions are cut to a stub", () => {
      const stubbed = (a: string): number => reduceList(`[{},{"address":"a","type":"t","change":{"actions":["${a}"]}}]`, LIST_CHANGES, DECLARED).end;
      expect(ACTIONS).toHaveLength(6);
      for (const a of ACTIONS) expect([a, stubbed(a)]).not.toEqual([a, -1]);
      for (const a of ["no-o", "no-opp", "creat", "createx", "rea", "reads", "updatf", "delet", "forgot", "Create", "cr\\u0065ate", "", "no op"]) {
        expect([a, stubbed(a)]).toEqual([a, -1]);
      }
    });

    it('GIVEN "Statement", "Effect" or an escape at every offset of a long undeclared change THEN it is kept whole, and a part of either word is not', () => {
      // policyLike looks 16 bytes at a time (SIMD): every offset within and across those steps, and words cut by the entry's end
      for (const word of ["Statement", "Effect", "\\u0041", "Statemen", "Effec", "\\\\"]) {
        for (let at = 0; at <= 40; at++) {
          const t = `[{},{"address":"a","type":"t","change":{"actions":["create"]},"doc":"${"x".repeat(at)}${word}"}]`;
          const kept = JSON.parse(reduceList(t, LIST_CHANGES, DECLARED).text)[1] as Record<string, unknown>;
          expect([word, at, "doc" in kept]).toEqual([word, at, ["Statement", "Effect", "\\u0041"].includes(word)]);
        }
      }
    });

    it("GIVEN less room for the reduced list than it needs THEN refused, not written past the room", () => {
      const t = '[{"address":"a","type":"t","change":{"actions":["create"]}}]';
      const bytes = Buffer.from(t);
      const { scan, memory, stack, rec, types, out } = load(bytes, DECLARED);
      for (let room = 0; room < t.length; room++) {
        new Uint8Array(memory.buffer).fill(0x7e, out + room);
        scan.setOutput(out, out + room);
        expect([room, scan.scanEntries(0, 1, MAX_DEPTH, stack, rec, LIST_CHANGES, types)]).toEqual([room, -1]);
        expect(new Uint8Array(memory.buffer, out + room, 64).every((b) => b === 0x7e)).toBe(true);
      }
      scan.setOutput(out, out + t.length);
      expect(scan.scanEntries(0, 1, MAX_DEPTH, stack, rec, LIST_CHANGES, types)).toBe(t.length);
    });

    it("GIVEN a key written with an escape, or change twice THEN the entry is kept whole", () => {
      for (const t of ['[{},{"typ\\u0065":"x"}]', '[{},{"type":"x","change":{"act\\u0069ons":[]}}]', '[{},{"type":"x","change":{},"change":{}}]']) {
        const { end, text } = reduceList(t, LIST_CHANGES, DECLARED);
        expect([t, end, text]).toEqual([t, t.length, t]);
      }
    });

    it("GIVEN an entry that is not an object THEN refused", () => {
      for (const t of ["[1]", '[{"a":1},[]]', '["x"]']) {
        expect(reduceList(t, LIST_PRIOR, DECLARED).end).toBe(-1);
      }
    });
  });
}
