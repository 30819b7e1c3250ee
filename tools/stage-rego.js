#!/usr/bin/env node
// The one staging of the gate's Rego: rego/ without *_test.rego, .regal/ and dist/, copied to a directory.
// Used by tools/build-wasm.sh (which compiles it), `modelgate export-policy-set` (which ships it as an HCP
// Terraform policy set) and the benchmarks (opa eval, conftest).
//   node tools/stage-rego.js <dest>    stage into <dest> (replaced) and print the staged paths, sorted, one a line
"use strict";
const { cpSync, mkdirSync, readdirSync, rmSync } = require("node:fs");
const { dirname, join, resolve } = require("node:path");

const REGO_SOURCE = resolve(__dirname, "..", "rego");

/** True for the files that make up the policy (what opa build and HCP see). */
function isPolicyFile(name) {
  return name.endsWith(".rego") && !name.endsWith("_test.rego");
}

/**
 * Copy the policy's Rego from `src` (default rego/) into `dest`, which is emptied first.
 * Returns the staged paths relative to `dest`, with "/" separators, sorted by code unit (as `LC_ALL=C sort`).
 */
function stageRego(dest, src = REGO_SOURCE) {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const staged = [];
  const walk = (rel) => {
    for (const e of readdirSync(join(src, rel), { withFileTypes: true })) {
      const child = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!(rel === "" && (e.name === ".regal" || e.name === "dist"))) walk(child);
      } else if (e.isFile() && isPolicyFile(e.name)) {
        mkdirSync(dirname(join(dest, child)), { recursive: true });
        cpSync(join(src, child), join(dest, child));
        staged.push(child);
      }
    }
  };
  walk("");
  return staged.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

module.exports = { stageRego, REGO_SOURCE };

if (require.main === module) {
  const dest = process.argv[2];
  if (!dest || dest.startsWith("-") || process.argv.length > 3) {
    process.stderr.write("usage: node tools/stage-rego.js <dest>\n");
    process.exit(2);
  }
  process.stdout.write(stageRego(resolve(dest)).map((p) => `${p}\n`).join(""));
}
