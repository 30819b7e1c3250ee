#!/usr/bin/env node
// Warm wasm cost per policy (issue #7): loads the gate once (256 MiB initial memory), evaluates each plan once to
// warm up, then REPS times (default 5), and prints the minimum CPU and wall time of one evaluatePlan.
//   npm run build && node bench/gate/rego-cost.js plan.json...     (WASM=<policy.wasm> to time another build)
"use strict";
const { resolve } = require("node:path");

const ROOT = resolve(__dirname, "../..");
const reps = Number(process.env.REPS || 5);

(async () => {
  const { readInput } = require(`${ROOT}/dist/gate/input`);
  const { evaluatePlan } = require(`${ROOT}/dist/gate/evaluate`);
  const { loadGatePolicy } = require(`${ROOT}/dist/gate/load-policy`);
  const { loadCatalog } = require(`${ROOT}/dist/catalog`);
  const catalog = loadCatalog();
  const policy = await loadGatePolicy(process.env.WASM, { initial: 4096, maximum: 65536 });
  for (const file of process.argv.slice(2)) {
    const [input] = readInput(file);
    const resources = JSON.parse(require("node:fs").readFileSync(file, "utf8")).resource_changes.length;
    await evaluatePlan(input, { catalog, policy });
    let wall = Infinity;
    let cpu = Infinity;
    let findings = 0;
    for (let i = 0; i < reps; i++) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      findings = (await evaluatePlan(input, { catalog, policy })).length;
      wall = Math.min(wall, Number(process.hrtime.bigint() - t0) / 1e6);
      const c = process.cpuUsage(c0);
      cpu = Math.min(cpu, (c.user + c.system) / 1000);
    }
    const per = (cpu / resources).toFixed(2);
    console.log(`${file}: ${resources} resource changes, ${findings} findings, wall ${wall.toFixed(0)} ms, cpu ${cpu.toFixed(0)} ms, ${per} ms/resource`);
  }
})();
