// Stages the Rego that tools/build-wasm.sh compiles (rego/ minus *_test.rego, .regal and dist) into `dest`,
// for the benchmark's opa eval and conftest runs and for Rego experiments.
"use strict";
const { cpSync, mkdirSync, readdirSync, rmSync } = require("node:fs");
const { dirname, join, resolve } = require("node:path");

const SRC = resolve(__dirname, "../../rego");

function stageRego(dest) {
  rmSync(dest, { recursive: true, force: true });
  const walk = (rel) => {
    for (const e of readdirSync(join(SRC, rel), { withFileTypes: true })) {
      const child = join(rel, e.name);
      if (e.isDirectory()) {
        if (e.name !== ".regal" && e.name !== "dist") walk(child);
      } else if (e.name.endsWith(".rego") && !e.name.endsWith("_test.rego")) {
        mkdirSync(dirname(join(dest, child)), { recursive: true });
        cpSync(join(SRC, child), join(dest, child));
      }
    }
  };
  walk(".");
}

module.exports = { stageRego };
