#!/usr/bin/env node
// Rego experiment for the gate benchmark (proposal only; rego/ is not modified). Stages the non-test Rego into
// bench/out/gate/exp/<name>/rego, applies a textual change to lib/tfplan/tfplan.rego, builds the wasm with the
// project's capabilities and entrypoints into bench/out/gate/exp/<name>/policy.wasm. Then measure with
//   BENCH_WASM=bench/out/gate/exp/<name>/policy.wasm node bench/gate/warm.js bench/out/gate/plan-1000.json 3
//   opa eval -d bench/out/gate/exp/<name>/rego -d bench/out/gate/data/data.json -i bench/out/gate/input-1000.json ...
// Usage: node bench/gate/experiment.js slim-rc
"use strict";
const { spawnSync } = require("node:child_process");
const { readFileSync, rmSync, writeFileSync } = require("node:fs");
const { join, resolve } = require("node:path");
const os = require("node:os");
const { stageRego } = require("./stage-rego");

const ROOT = resolve(__dirname, "../..");
const OPA = process.env.OPA ?? join(os.homedir(), ".cache/modelgate/bin/opa");

const EXPERIMENTS = {
  // The sets of lib.tfplan hold whole resource changes (before, after, after_unknown, …) as elements, so
  // every insertion hashes and compares the whole change. Keep the plan's array as an array and carry only
  // {address, type} (all that lib.result.new reads) in policies/unknown.
  "slim-rc": (src) =>
    replaceOnce(
      replaceOnce(
        replaceOnce(
          replaceOnce(
            src,
            "resource_changes contains rc if {\n\tsome rc in input.plan.resource_changes\n\tis_object(rc)\n}",
            "resource_changes := [rc |\n\tsome rc in input.plan.resource_changes\n\tis_object(rc)\n]",
          ),
          "_candidates contains rc if {\n\tsome rc in resource_changes",
          "_candidates contains i if {\n\tsome i, rc in resource_changes",
        ),
        'policies contains {"rc": rc, "kind": kind(rc), "attr": attr, "text": text} if {\n\tsome rc in _candidates\n',
        'policies contains {"rc": {"address": rc.address, "type": rc.type}, "kind": kind(rc), "attr": attr, "text": text} if {\n\tsome i in _candidates\n\trc := resource_changes[i]\n',
      ),
      'unknown contains {"rc": rc, "attr": attr} if {\n\tsome rc in _candidates\n',
      'unknown contains {"rc": {"address": rc.address, "type": rc.type}, "attr": attr} if {\n\tsome i in _candidates\n\trc := resource_changes[i]\n',
    ),
};

function replaceOnce(text, from, to) {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`experiment: text not found in tfplan.rego:\n${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const name = process.argv[2];
if (!EXPERIMENTS[name]) {
  console.error(`usage: node bench/gate/experiment.js <${Object.keys(EXPERIMENTS).join("|")}>`);
  process.exit(2);
}
const dir = join(ROOT, "bench/out/gate/exp", name);
const dest = join(dir, "rego");
rmSync(dir, { recursive: true, force: true });
stageRego(dest);
const tfplan = join(dest, "lib/tfplan/tfplan.rego");
writeFileSync(tfplan, EXPERIMENTS[name](readFileSync(tfplan, "utf8")));
const r = spawnSync(
  OPA,
  ["build", "-t", "wasm", "--capabilities", join(ROOT, "rego/capabilities.json"), "-e", "modelgate/main/findings", "-e", "modelgate/main/deny", "-o", join(dir, "bundle.tar.gz"), "."],
  { cwd: dest, encoding: "utf8" },
);
if (r.status !== 0) {
  console.error(r.stderr);
  process.exit(1);
}
spawnSync("tar", ["-xzf", join(dir, "bundle.tar.gz"), "-C", dir, "/policy.wasm"], { encoding: "utf8" });
console.error(`built ${join(dir, "policy.wasm")}`);
