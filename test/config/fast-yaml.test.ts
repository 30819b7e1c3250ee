import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { dump } from "js-yaml";
import { parseDocument, stringify } from "yaml";
import { readYamlFast } from "../../config/fast-yaml";
import { MAX_ALIAS_COUNT, checkConfigText } from "../../config/load";

const ROOT = path.resolve(__dirname, "../..");

/** What the reader of record (`yaml`, as config/load.ts calls it) makes of the text: its value, or "error". */
function byYaml(text: string): { value: unknown } | "error" {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return "error";
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch {
    return "error";
  }
}

/** The fast reader never reads text differently from `yaml`: the same value, or it leaves the text to `yaml`. */
function agrees(text: string): boolean {
  const fast = readYamlFast(text);
  if (fast === undefined) return true;
  const slow = byYaml(text);
  return slow !== "error" && isDeepStrictEqual(fast.value, slow.value);
}

describe("readYamlFast", () => {
  const files = execFileSync("git", ["ls-files", "*.yaml", "*.yml"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);

  it("reads every YAML file of the repository as `yaml` does", () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      const fast = readYamlFast(text);
      const slow = byYaml(text);
      expect({ file, same: fast === undefined || (slow !== "error" && isDeepStrictEqual(fast.value, slow.value)) }).toEqual({ file, same: true });
    }
    // the shortcut is taken for the example config (it would be no shortcut otherwise)
    expect(readYamlFast(readFileSync(path.join(ROOT, "examples/organization/modelgate.yaml"), "utf8"))).toBeDefined();
  });

  it.each([
    // the core schema's forms, and look-alikes that stay strings in it (js-yaml's own schema reads some as numbers)
    ...["1", "01", "012345678901", "0o17", "0O17", "017", "0x1F", "0X1f", "0b11", "1_000", "+1", "-1", "+0x1", "-0x1"],
    ...["1.5", "1e3", "1E3", "1.", "+.5", ".5", "-.5", "1.e3", "12e+3", "12e-3", "-0", "+0", "0e0", "5.", "00", "-00"],
    ...[".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", ".NAN", "nan", "inf", "0b", "0o", "0x", "1e", "+", "."],
    ...["true", "True", "TRUE", "tRue", "yes", "no", "on", "off", "y", "n", "null", "Null", "NULL", "nULL", "~", ""],
    ...["2025-01-01", "2001-12-14t21:59:43.10-05:00", "12:30", "1:30:00", '"1"', "'x'", "[1, a, \"b\", ~]", "[arn:aws:iam::1:role/x, b]"],
    ...["'it''s'", "a # comment", '"a # not a comment"', "arn:aws:iam::111122223333:role/App", "anthropic.*", '"é 😀"'],
  ])("reads the scalar or collection %j as `yaml` does", (value) => {
    const text = `k: ${value}\n`;
    expect(byYaml(text)).not.toBe("error");
    expect(readYamlFast(text)).toBeDefined();
    expect(agrees(text)).toBe(true);
  });

  it.each([
    // what a review found js-yaml reading differently from `yaml` (or accepting where `yaml` refuses), when the
    // fast reader was a blacklist: each is outside the layout now
    ["a lone carriage return hiding a key in a comment", "a: 1\n# note\radmin: true\n"],
    ["a lone carriage return after a value", "a: 1 # note\rb: 2\n"],
    ["a lone carriage return in a flow sequence", "a: [1,\r2]\n"],
    ["an empty entry before a less indented one", "- -\n- a\n"],
    ["an empty entry under a key", "a:\n  - - \n  - b\n"],
    ["an empty entry, a comment and a continuation", "-\n#c\n x\n- y\n"],
    ["an empty entry at a key's column", "a:\n  -\n- b\n"],
    ["a flow sequence as a key inside a flow mapping", "a: {x: 1, [b, c]}\n"],
    ["a flow mapping as a key inside a flow mapping", "a: {{b: 1}}\n"],
    ["--- before a key", "---a: 1\n"],
    ["----", "----\n"],
    ["--- before a comment", "---#c\nx\n"],
    ["a block mapping on the --- line", "--- a: 1\n"],
    ["a BOM after the start", "\n\ufeffa: 1\n"],
    ["a BOM before a sequence", "\ufeff- x\n"],
    ["only whitespace", " \n"],
    ["a tab starting a line", "\ta\n"],
    ["a tab line inside a scalar", "k: a\n\t\n  b\n"],
    ["a comment between a key and its value", "a:\n#c\n x\nb: 1\n"],
    ["an escaped line break in double quotes", 'a: "x\\\ny"\n'],
    ["a \\U escape above U+10FFFF", 'a: "\\U00110000"\n'],
    ["a key of over 1,024 characters", `${"x".repeat(1030)}: 1\n`],
    ["a continuation line", "a: x\n  y\n"],
    ["a misaligned dedent", "a:\n    b: 1\n  c: 2\n"],
    ["a null key", "null: 1\n"],
    ["escapes in double quotes", 'k: "tab\\tand \\u00e9"\n'],
    ["a hash inside a plain scalar", "k: a#b\n"],
    ["a flow mapping", "k: {a: 1, b: [c]}\n"],
    ["an anchor and alias", "a: &x [1]\nb: *x\n"],
    ["an alias in a flow sequence", "a: &x 1\nb: [*x]\n"],
    ["a tag", "a: !!str 1\n"],
    ["a local tag", "a: !thing 1\n"],
    ["a directive", "%YAML 1.2\n---\na: 1\n"],
    ["a literal block scalar", "k: |\n  a\n  b\n"],
    ["a folded block scalar with an indentation indicator", "k: >2-\n   x\n"],
    ["a merge key", "base: {a: 1}\nc:\n  <<: {a: 2}\n"],
    ["an explicit key", "? a\n: b\n"],
    ["a flow sequence as a key", "m:\n  [a, b]: v\n"],
    ["a flow mapping as a key", "m: {{a: 1}: v}\n"],
    ["a null key", "m:\n  ~: v\n"],
    ["an empty key in a flow sequence", "g: [: x, global]\n"],
  ])("leaves text with %s to `yaml`", (_what, text) => {
    expect(readYamlFast(text)).toBeUndefined();
  });

  it.each([
    ["a sequence as a key's value at the key's column", "a:\n- x\n- y\nb: 1\n"],
    ["mappings in sequence entries", "- a: 1\n  b: 2\n- a: 3\n"],
    ["nested sequences", "- - a\n  - b\n- c\n"],
    ["a key without a value, then a sibling", "a:\nb: 1\n"],
    ["comments and blank lines anywhere", "# top\n\na: 1 # one\n\n  # indented\nb:\n  - x # x\n"],
  ])("reads %s as `yaml` does", (_what, text) => {
    expect(readYamlFast(text)).toBeDefined();
    expect(agrees(text)).toBe(true);
  });

  it("reads config-shaped text of any indentation as `yaml` does, or leaves it to `yaml`", () => {
    const key = fc.constantFrom("a", "b", "id", "models", "x_y", "k-1", "true", "yes", "Null1", "__proto__", "constructor");
    const value = fc.constantFrom(
      ...["x", "1", "-1", "-0", "+1", "01", "0o17", "0x1F", "0b11", "1_0", "1e3", "1.", ".5", "+.5", ".inf", ".nan", "True"],
      ...["null", "~", "~x", "a b", "a:b", "arn:aws:iam::1:role/x", "a,b", "x*", "-a", "a=b", "(x)", "2025-01-01", "12:30"],
      ...['"q"', '""', "''", "'it''s'", '"a # b"', "[]", "[a, b]", "[a,b]", "[1, -1, .5, true, ~]", "[a:b, c]", "é", "😀"],
    );
    const line = fc.record({
      indent: fc.nat({ max: 6 }),
      dashes: fc.nat({ max: 2 }),
      key: fc.option(key),
      value: fc.option(value),
      comment: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const text = lines
          .map((l) => `${" ".repeat(l.indent)}${"- ".repeat(l.dashes)}${l.key !== null ? `${l.key}:${l.value !== null ? ` ${l.value}` : ""}` : (l.value ?? "")}${l.comment ? " # c" : ""}`)
          .join("\n");
        return agrees(`${text}\n`);
      }),
      { numRuns: Number(process.env.FAST_YAML_RUNS ?? 2000) },
    );
  });

  it.each([
    ["a duplicate key", "a: 1\na: 2\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["an unclosed flow sequence", "a: [1, 2\n"],
    ["a bad indentation", "a:\n  b: 1\n c: 2\n"],
    ["an unclosed quote", 'a: "x\n'],
    ["a sequence indicator after a key", "k: -\n"],
  ])("leaves %s to `yaml`, which reports it", (_what, text) => {
    expect(byYaml(text)).toBe("error");
    expect(readYamlFast(text)).toBeUndefined();
  });

  it("reads what `yaml` and js-yaml write, of any JSON value, as `yaml` reads it", () => {
    const key = fc.string({ unit: fc.constantFrom("a", "b", "-", " ", ":", "#", "'", '"', "*", "1", ".", "\t", "é", "\\", "\n") });
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: "small" },
        fc.string({ unit: fc.constantFrom("a", "-", " ", ":", "#", "'", '"', "*", "0", "1", ".", "e", "x", "o", "+", "~", "\t", "\n", "[", "{", "é") }),
        fc.constantFrom("true", "null", "0o7", "0x1F", "+.5", "0b11", "1_0", ".inf", "Yes", "012", "1e3", ""),
        fc.integer(),
        fc.double({ noNaN: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie("v"), { maxLength: 4 }),
        fc.dictionary(key, tie("v"), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, fc.constantFrom("yaml-block", "yaml-flow", "js-yaml"), (v, writer) => {
        const text =
          writer === "js-yaml"
            ? dump(v, { noRefs: true })
            : stringify(v, writer === "yaml-flow" ? { collectionStyle: "flow", aliasDuplicateObjects: false } : { aliasDuplicateObjects: false });
        return agrees(text);
      }),
      { numRuns: Number(process.env.FAST_YAML_RUNS ?? 500) },
    );
  });

  it("never accepts what `yaml` refuses: damaged config text", () => {
    const base = readFileSync(path.join(ROOT, "examples/organization/modelgate.yaml"), "utf8");
    const edit = fc.record({
      at: fc.nat({ max: base.length }),
      cut: fc.nat({ max: 3 }),
      put: fc.string({ unit: fc.constantFrom(" ", "\t", "\n", ":", "-", "[", "]", "{", "}", ",", "'", '"', "#", "?", "|", ">", "a", "1") , maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = base;
        for (const e of edits) text = text.slice(0, Math.min(e.at, text.length)) + e.put + text.slice(Math.min(e.at, text.length) + e.cut);
        return agrees(text);
      }),
      { numRuns: Number(process.env.FAST_YAML_RUNS ?? 1500) },
    );
  });
});

describe("checkConfigText with the fast reader", () => {
  it("reports a config's problems with their line and column, as read by `yaml`", () => {
    const text = readFileSync(path.join(ROOT, "examples/organization/modelgate.yaml"), "utf8").replace(
      /(models:\n\s+- )([^\n]+)/,
      "$1anthropic.claude-sonnet-9-nonexistent",
    );
    expect(readYamlFast(text)).toBeDefined();
    const checked = checkConfigText(text, "m.yaml");
    expect(checked.resolved).toBeUndefined();
    expect(checked.problems.join("\n")).toMatch(/^m\.yaml:\d+:\d+: .*anthropic\.claude-sonnet-9-nonexistent/m);
  });
});
