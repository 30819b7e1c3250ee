import { FAILSAFE_SCHEMA, Type, load } from "js-yaml";

/**
 * modelgate.yaml read fast (issue #7: a 1,000-account config took ~0.35 s to read with the `yaml` library, cold, and
 * ~0.05 s with js-yaml). The `yaml` library stays the reader of record: it knows where every node is, so every
 * problem names a line and column, and it is the stricter reader. This one is only a shortcut for plain configs:
 * js-yaml reads text only when every line is in a small, strict layout both libraries read alike (plainLayout);
 * anything else (and anything js-yaml refuses) is left to `yaml` (undefined means "read it with `yaml`"). Plain
 * scalars resolve by the YAML 1.2 core schema exactly as `yaml` resolves them (js-yaml's own integers also take
 * 0b11, +0x1 and -0x1, and its floats refuse +.5: the types below are the core schema's).
 *
 * A review that fuzzed the first version (a blacklist of constructs) found texts both libraries accept and read
 * differently: a lone carriage return that js-yaml takes for a line break (a key hidden in what `yaml` reads as a
 * comment), an empty sequence entry, a flow collection as a key, a BOM or `---` in mid-text, tabs, escapes, keys
 * over 1,024 characters. The layout is now a whitelist instead. test/config/fast-yaml.test.ts holds those texts
 * and compares both readers on every YAML file of the repository and on generated and damaged configs.
 */
export function readYamlFast(text: string): { readonly value: unknown } | undefined {
  if (!plainLayout(text)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: CORE_1_2 });
  } catch {
    return undefined;
  }
  return value === undefined ? undefined : { value };
}

// ---- the layout: line by line, then the indentation of the block collections

/** Characters a plain config has no use for: controls (tab and CR included), DEL, NEL, LS, PS and the BOM. */
const BANNED = /[\u0000-\u0009\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/;

const BLANK_OR_COMMENT = /^ *(?:#.*)?$/;

/** A double-quoted scalar without escapes, a single-quoted one ('' is a quote), on one line. */
const QUOTED = String.raw`"[^"\\]*"|'(?:[^']|'')*'`;
/** A plain scalar in block context: no indicator first, ": " and " #" nowhere, single spaces between words. */
const WORD = String.raw`(?:[A-Za-z0-9_.~/+()=$^*@,-]|:(?=[^ ]))+`;
const PLAIN = String.raw`(?:[A-Za-z0-9_.~/+(=$^]|-(?=[^ ]))(?:[A-Za-z0-9_.~/+()=$^*@,-]|:(?=[^ ]))*(?: ${WORD})*`;
/** A flow sequence of scalars on one line: plain items without spaces, commas or a trailing colon. */
const FLOW_ITEM = String.raw`${QUOTED}|(?:[A-Za-z0-9_.~/+(=$^]|-(?=[^ ,\]]))(?:[A-Za-z0-9_.~/+()=$^*@-]|:(?=[^ ,\]]))*`;
const FLOW = String.raw`\[ *(?:(?:${FLOW_ITEM})(?: *, *(?:${FLOW_ITEM}))*)? *\]`;
const VALUE = String.raw`${QUOTED}|${FLOW}|${PLAIN}`;
/**
 * A content line: indentation, sequence entries ("- ", one space each), then a key (an identifier, never a null
 * spelling: `yaml` and js-yaml spell a null key differently) with or without a value, or a value alone; then an
 * optional comment after a space.
 */
const LINE = new RegExp(String.raw`^( *)((?:- )*)(?:(?!(?:null|Null|NULL):)([A-Za-z_][A-Za-z0-9_-]*):(?: +(${VALUE}))?|(${VALUE}))?(?: +#.*| *)$`);

/** The longest line read fast (`yaml` refuses an implicit key of over 1,024 characters). */
const MAX_LINE = 1000;

interface Container {
  readonly col: number;
  readonly kind: "seq" | "map";
}

/**
 * Every line is blank, a comment or a content line (LINE) that opens or continues block collections at consistent
 * columns: no line continues a scalar of the line before (a more indented line follows only a "key:" with no
 * value), a less indented one lands on the column of a collection still open, and every sequence entry and key
 * holds something. Documents markers, flow mappings, block scalars, anchors, aliases, tags, directives, escapes,
 * tabs and carriage returns are not in the layout.
 */
function plainLayout(text: string): boolean {
  if (BANNED.test(text)) return false;
  const stack: Container[] = [];
  /** The column of the key on the line before when it had no value (its value may be the block that follows). */
  let openKey = -1;
  let content = false;
  for (const line of text.split("\n")) {
    if (line.length > MAX_LINE) return false;
    if (BLANK_OR_COMMENT.test(line)) continue;
    const m = LINE.exec(line);
    if (m === null) return false;
    const indent = (m[1] as string).length;
    const dashes = (m[2] as string).length / 2;
    const key = m[3];
    const hasValue = m[4] !== undefined || m[5] !== undefined;
    if (key === undefined && (dashes === 0 || !hasValue)) return false; // a bare scalar, or an empty entry
    const first: Container["kind"] = dashes > 0 ? "seq" : "map";
    const nested = openKey >= 0 && (indent > openKey || (indent === openKey && first === "seq"));
    if (!nested && content) {
      // the line continues a collection still open at its column
      while (stack.length > 0 && (stack[stack.length - 1] as Container).col > indent) stack.pop();
      let top = stack[stack.length - 1];
      // a sequence that was a key's value at the key's own column ends where the mapping goes on
      if (top?.col === indent && top.kind === "seq" && first === "map" && stack[stack.length - 2]?.col === indent) {
        stack.pop();
        top = stack[stack.length - 1];
      }
      if (top === undefined || top.col !== indent || top.kind !== first) return false;
      stack.pop(); // pushed again below, with the line's inner collections
    }
    for (let d = 0; d < dashes; d++) stack.push({ col: indent + 2 * d, kind: "seq" });
    const keyCol = indent + 2 * dashes;
    if (key !== undefined) stack.push({ col: keyCol, kind: "map" });
    openKey = key !== undefined && !hasValue ? keyCol : -1;
    content = true;
  }
  return content;
}

// ---- the YAML 1.2 core schema's plain scalars other than strings, as the `yaml` library (2.x, "core") reads them

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const FLOAT_INF = /^[-+]?\.(?:inf|Inf|INF)$/;
const FLOAT_NAN = /^\.(?:nan|NaN|NAN)$/;

const coreNull = new Type("tag:yaml.org,2002:null", {
  kind: "scalar",
  resolve: (data: unknown) => data === null || (typeof data === "string" && NULL.test(data)),
  construct: () => null,
});

const coreBool = new Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (data: unknown) => typeof data === "string" && BOOL.test(data),
  construct: (data: string) => data.toLowerCase() === "true",
});

const coreInt = new Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (data: unknown) => typeof data === "string" && (INT_DEC.test(data) || INT_OCT.test(data) || INT_HEX.test(data)),
  construct: (data: string) => {
    if (INT_OCT.test(data)) return parseInt(data.slice(2), 8);
    if (INT_HEX.test(data)) return parseInt(data.slice(2), 16);
    return parseInt(data, 10);
  },
});

const coreFloat = new Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: (data: unknown) => typeof data === "string" && (FLOAT.test(data) || FLOAT_INF.test(data) || FLOAT_NAN.test(data)),
  construct: (data: string) => {
    if (FLOAT_NAN.test(data)) return NaN;
    if (FLOAT_INF.test(data)) return data.startsWith("-") ? -Infinity : Infinity;
    return parseFloat(data);
  },
});

/** Strings, sequences and mappings, and the core schema's null, booleans, integers and floats (in that order). */
const CORE_1_2 = FAILSAFE_SCHEMA.extend({ implicit: [coreNull, coreBool, coreInt, coreFloat] });
