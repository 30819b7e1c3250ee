import { FAILSAFE_SCHEMA, Type, load } from "js-yaml";

/**
 * modelgate.yaml read fast (issue #7: a 1,000-account config took ~0.35 s to read with the `yaml` library, cold, and
 * ~0.05 s with js-yaml). The `yaml` library stays the reader of record: it knows where every node is, so every
 * problem names a line and column. This reader is only a shortcut for a config that reads without problems, and
 * only where both readers give the same value:
 * - plain scalars resolve by the YAML 1.2 core schema exactly as `yaml` resolves them (js-yaml's own integers also
 *   take 0b…, +0x… and -0x…, and its floats refuse +.5: the int and float types below are the core schema's);
 * - text with an anchor, alias, tag or directive (`&`, `*` starting a token, `!`, `%`) or a merge key (`<<`) is left
 *   to `yaml`, which limits alias expansion (an alias bomb) and reports each of them where it is;
 * - layouts where js-yaml is more lenient than `yaml` (lenientLayout) are left to `yaml`;
 * - a mapping key that is null, or a collection, is left to `yaml`: the readers spell such keys differently;
 * - anything js-yaml refuses (a syntax error, a duplicate key, several documents) is left to `yaml` too, which then
 *   reports it.
 * Undefined means "read it with `yaml`". test/config/fast-yaml.test.ts compares both readers on every YAML file of
 * the repository, on tricky scalars and on generated configs.
 */
export function readYamlFast(text: string): { readonly value: unknown } | undefined {
  if (NOT_FAST.test(text) || lenientLayout(text)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: CORE_1_2 });
  } catch {
    return undefined;
  }
  return hasNullKey(value) ? undefined : { value };
}

/**
 * An anchor, tag or directive character anywhere, an alias (a `*` starting a token), a merge key, an explicit key
 * (`? `) or a flow collection used as a key (`]:`, `}:`): the readers turn collection keys into different strings.
 */
const NOT_FAST = /[&!%]|(?:^|[\s[\]{},])\*|<<|(?:^|[\s[{,])\?(?:\s|$)|[\]}][ \t]*:/;

/**
 * Layouts where js-yaml is more lenient than `yaml` (both read the same value from well-formed text, but js-yaml also
 * accepts some text `yaml` refuses): a flow collection (`[…]`, `{…}`) or a quoted scalar left open at the end of a
 * line (js-yaml accepts continuation lines `yaml` refuses as not indented enough), and a comment right after a
 * closing bracket or quote (`[]#`); block scalars (`|`, `>`) are left to `yaml` as well, whose indentation
 * indicators the two read differently. Quotes count where a quoted scalar can start (after indentation, `- `, `: `,
 * `[`, `{` or `,`); comments run from a `#` after whitespace to the end of the line. Anything this scan cannot
 * place makes it answer true: such text is only read more slowly.
 */
function lenientLayout(text: string): boolean {
  let depth = 0;
  let start = true; // at a place where a scalar can start
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      if (depth !== 0) return true;
      start = true;
      continue;
    }
    if (c === 0x23 /* # */ && (i === 0 || isSpace(text.charCodeAt(i - 1)))) {
      const eol = text.indexOf("\n", i);
      if (eol === -1) break;
      i = eol - 1;
      continue;
    }
    if (c === 0x23 && isCloser(text.charCodeAt(i - 1))) return true;
    if ((c === 0x7c || c === 0x3e) && start) return true; // a block scalar (| or >): indentation rules differ
    if ((c === 0x22 || c === 0x27) && start) {
      const end = closingQuote(text, i, c);
      if (end === -1) return true;
      i = end;
      start = false;
      continue;
    }
    if (c === 0x5b || c === 0x7b) {
      depth++;
      start = true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
      start = false;
    } else if (c === 0x2c) {
      start = depth > 0;
    } else if (c === 0x20 || c === 0x09) {
      const prev = text.charCodeAt(i - 1);
      // after ": ", "- " or "? " a scalar can start; spaces after indentation keep a line's start
      if (prev === 0x3a || prev === 0x2d || (start && (i === 0 || prev === 0x0a || isSpace(prev) || prev === 0x5b || prev === 0x7b || prev === 0x2c))) start = true;
      else start = false;
    } else {
      start = false;
    }
  }
  return depth !== 0;
}

/** The index of the quote closing the quoted scalar opened at i on the same line, or -1. */
function closingQuote(text: string, i: number, quote: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a || c === 0x0d) return -1;
    if (quote === 0x22 && c === 0x5c) {
      j++;
      continue;
    }
    if (c === quote) {
      if (quote === 0x27 && text.charCodeAt(j + 1) === 0x27) {
        j++;
        continue;
      }
      return j;
    }
  }
  return -1;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isCloser = (c: number): boolean => c === 0x5d || c === 0x7d || c === 0x22 || c === 0x27;

/** A null key (`~:`, `null:`, an empty key) reads as "null" in js-yaml and as "" in `yaml`. */
function hasNullKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasNullKey);
  if (value === null || typeof value !== "object") return false;
  for (const [k, v] of Object.entries(value)) if (k === "null" || hasNullKey(v)) return true;
  return false;
}

// the YAML 1.2 core schema's plain scalars other than strings, as the `yaml` library (2.x, schema "core") reads them
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
