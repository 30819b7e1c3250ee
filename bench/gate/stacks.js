#!/usr/bin/env node
// Wasm cost per account stack (issue #7): evaluates the first N stack inputs of the 1,000-account cdktf.out that
// `node bench/gate/scale.js --sets cdktf-1000` prepares (bench/out/gate/scale/cdktf-1000/inputs, with its data),
// in one instance on this thread, and prints the wall and CPU time per stack. Run it under
// `node --cpu-prof --cpu-prof-dir=<dir>` to see which rules cost what (wasm functions carry their Rego names).
//   npm run build && node bench/gate/stacks.js [N=200] [REPS=3]      (WASM=<policy.wasm> to time another build)
"use strict";
const { readdirSync, readFileSync } = require("node:fs");
const { join, resolve } = require("node:path");

const ROOT = resolve(__dirname, "../..");
const DIR = join(ROOT, "bench/out/gate/scale/cdktf-1000");
const n = Number(process.argv[2] ?? 200);
const reps = Number(process.argv[3] ?? 3);

(async () => {
  const { loadGatePolicy, defaultWasmPath } = require(`${ROOT}/dist/gate/load-policy`);
  let files;
  try {
    files = readdirSync(join(DIR, "inputs")).sort().slice(0, n);
  } catch {
    throw new Error(`no stack inputs in ${DIR}: run node bench/gate/scale.js --sets cdktf-1000 --only parse first`);
  }
  const policy = await loadGatePolicy(process.env.WASM ?? defaultWasmPath(), { initial: 4096, maximum: 65536 });
  policy.setData(JSON.parse(readFileSync(join(DIR, "data/data.json"), "utf8")));
  const inputs = files.map((f) => readFileSync(join(DIR, "inputs", f)));
  for (const b of inputs.slice(0, 10)) policy.evaluate(b); // warm-up
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let findings = 0;
    for (const b of inputs) findings += policy.evaluate(b)[0].result.length;
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1000;
    console.log(`${inputs.length} stacks: wall ${wall.toFixed(0)} ms (${(wall / inputs.length).toFixed(2)} ms/stack), cpu ${cpu.toFixed(0)} ms, ${findings} findings`);
  }
})().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
