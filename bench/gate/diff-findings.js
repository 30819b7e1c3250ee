#!/usr/bin/env node
// Findings of two policy builds on every adversarial case (with the config it names) and every JSON plan under
// test/ (without a config and with the example's): a speed change to the Rego must change none of them. Prints
// each difference (the first ten) and a count; exits 1 when any differ.
//   npm run build && node bench/gate/diff-findings.js <dir A> <dir B>
//   (a dir holds policy.wasm and selection.json, e.g. a copy of an earlier build's rego/dist)
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "../..");

(async () => {
  const [dirA, dirB] = process.argv.slice(2);
  if (!dirA || !dirB) {
    console.error("usage: node bench/gate/diff-findings.js <dir A> <dir B>");
    process.exit(2);
  }
  const { readInput } = require(`${ROOT}/dist/gate/input`);
  const { evaluateInputs, readOptionsFor } = require(`${ROOT}/dist/gate/evaluate`);
  const { loadCatalog } = require(`${ROOT}/dist/catalog`);
  const { gateDataFor } = require(`${ROOT}/dist/config`);
  const catalog = loadCatalog();
  const [A, B] = [dirA, dirB].map((d) => path.resolve(d, "policy.wasm"));
  const configs = { without: undefined, with: "test/adversarial/modelgate.yaml", example: "examples/organization/modelgate.yaml" };
  for (const f of fs.readdirSync(path.join(ROOT, "test/adversarial/configs"))) configs[f.replace(/\.yaml$/, "")] = `test/adversarial/configs/${f}`;
  const approved = Object.fromEntries(Object.entries(configs).map(([k, v]) => [k, v === undefined ? undefined : gateDataFor(path.join(ROOT, v)).approved]));
  const cases = JSON.parse(fs.readFileSync(path.join(ROOT, "test/adversarial/cases.json"), "utf8"));
  const suffix = { cdktf: ".cdktf", synth: ".cdk.tf.json", plan: ".json" };
  const caseConfig = new Map(cases.map((c) => [path.join(ROOT, "test/adversarial/cases", `${c.slug}${suffix[c.input ?? "plan"]}`), c.config]));
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".json")) files.push(p);
    }
  };
  walk(path.join(ROOT, "test"));
  let compared = 0;
  let differ = 0;
  let unreadable = 0;
  for (const file of files.sort()) {
    let inputs;
    try {
      inputs = readInput(file, readOptionsFor(B));
    } catch {
      unreadable++; // not a plan (a schema, a fixture of another kind) or a plan the gate refuses: both builds read alike
      continue;
    }
    for (const k of caseConfig.has(file) ? [caseConfig.get(file)] : ["without", "example"]) {
      const run = async (wasmPath) => {
        try {
          return JSON.stringify(await evaluateInputs(inputs, { catalog, approved: approved[k], wasmPath, threads: 1 }));
        } catch (error) {
          return `error: ${error.message}`;
        }
      };
      const a = await run(A);
      const b = await run(B);
      compared++;
      if (a !== b) {
        differ++;
        if (differ <= 10) console.log(`DIFF ${path.relative(ROOT, file)} (config ${k})\n  A: ${a.slice(0, 600)}\n  B: ${b.slice(0, 600)}`);
      }
    }
  }
  console.log(`compared ${compared} evaluations, ${differ} differ (${unreadable} JSON files under test/ are not plans the gate reads)`);
  if (differ > 0) process.exitCode = 1;
})();
