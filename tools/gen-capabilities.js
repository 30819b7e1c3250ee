#!/usr/bin/env node
// Generates rego/capabilities.json: the pinned OPA's `opa capabilities --current`, with the builtins
// filtered to those a Wasm build can actually run in Node with @open-policy-agent/opa-wasm 1.10.0:
//   - compiled natively into policy.wasm (open-policy-agent/opa v1.22.3 internal/compiler/wasm/wasm.go,
//     map builtinsFunctions), plus the operators the planner compiles inline (eq, assign, internal.member_*);
//   - supplied by the SDK (npm-opa-wasm src/builtins: json.is_valid, regex.split, yaml.*) — sprintf is
//     deliberately left out (house style: concat; sprintf-js differs from Go fmt);
//   - rego.metadata.chain / rego.metadata.rule, which the compiler rewrites to constants before planning.
// `features` (rego_v1, …), `wasm_abi_versions` and `future_keywords` are kept unchanged.
// Usage: node tools/gen-capabilities.js [--check]
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const NATIVE = [
  "plus", "minus", "mul", "div", "abs", "round", "ceil", "floor", "rem",
  "array.concat", "array.flatten", "array.reverse", "array.slice",
  "and", "or", "intersection", "union",
  "is_number", "is_string", "is_boolean", "is_array", "is_set", "is_object", "is_null", "type_name",
  "bits.or", "bits.and", "bits.negate", "bits.xor", "bits.lsh", "bits.rsh",
  "count", "sum", "product", "max", "min", "sort", "all", "any",
  "base64.is_valid", "base64.decode", "base64.encode", "base64url.encode", "base64url.decode",
  "net.cidr_contains", "net.cidr_overlap", "net.cidr_intersects",
  "equal", "gt", "gte", "lt", "lte", "neq",
  "glob.match", "json.marshal", "json.unmarshal", "json.is_valid",
  "object.filter", "object.get", "object.keys", "object.remove", "object.union", "object.union_n",
  "concat", "format_int", "indexof", "substring", "lower", "upper", "contains", "startswith", "endswith",
  "strings.reverse", "split", "replace", "strings.replace_n",
  "trim", "trim_left", "trim_prefix", "trim_right", "trim_suffix", "trim_space",
  "internal.template_string", "numbers.range", "to_number", "walk", "graph.reachable",
  "regex.is_valid", "regex.match", "re_match", "regex.find_all_string_submatch_n",
  "json.remove", "json.filter", "internal.member_2", "internal.member_3",
  // compiled inline by the planner
  "eq", "assign",
];
const SDK = ["json.is_valid", "regex.split", "yaml.is_valid", "yaml.marshal", "yaml.unmarshal"];
const COMPILE_TIME = ["rego.metadata.chain", "rego.metadata.rule"];

const root = path.resolve(__dirname, "..");
const out = path.join(root, "rego", "capabilities.json");
const raw = execFileSync("bash", [path.join(root, "tools", "opa.sh"), "capabilities", "--current"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
const caps = JSON.parse(raw);
const allowed = new Set([...NATIVE, ...SDK, ...COMPILE_TIME]);
const present = new Set(caps.builtins.map((b) => b.name));
const missing = [...allowed].filter((n) => !present.has(n));
if (missing.length) {
  console.error(`gen-capabilities: not in opa capabilities --current: ${missing.join(", ")}`);
  process.exit(1);
}
caps.builtins = caps.builtins.filter((b) => allowed.has(b.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
const text = JSON.stringify(caps, null, 2) + "\n";
if (process.argv.includes("--check")) {
  const cur = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "";
  if (cur !== text) {
    console.error("gen-capabilities: rego/capabilities.json is out of date; run node tools/gen-capabilities.js");
    process.exit(1);
  }
  process.exit(0);
}
fs.writeFileSync(out, text);
console.log(`wrote ${path.relative(root, out)}: ${caps.builtins.length} builtins, features ${JSON.stringify(caps.features || [])}`);
