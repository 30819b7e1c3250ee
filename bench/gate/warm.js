#!/usr/bin/env node
// Warm in-process measurement for one plan file, run in its own process by bench/gate/run.js.
// Usage: node [node flags] bench/gate/warm.js <plan.json> <iterations> [--variants]
// Loads the gate once (dist/gate load-policy + evaluate), then alternates, `iterations` times:
//   parse     JSON.parse(readFileSync(file).toString("utf8"))   (decode + parse of the same bytes)
//   parseOnly JSON.parse(text) of the already decoded text
//   read      gate readInput(file): read, decode, JSON.parse, depth + shape checks, build the {"plan":…} bytes
//   eval      gate evaluatePlan(input, {policy}) on the already read input (what "warm evaluation" means here;
//             the first one, which also grows the wasm memory, is reported separately as firstEvalMs too)
// With --variants also: sdkBytes (policy.evaluate on the UTF-8 bytes), sdkObject (policy.evaluate on the object).
// Prints one JSON object on stdout; progress on stderr.
"use strict";
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");

const ROOT = resolve(__dirname, "../..");
const [file, iterArg, ...rest] = process.argv.slice(2);
const iterations = Math.max(1, Number(iterArg) || 3);
const variants = rest.includes("--variants");

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

(async () => {
  const gate = require(`${ROOT}/dist/gate`);
  const { loadCatalog } = require(`${ROOT}/dist/catalog`);
  let t0 = process.hrtime.bigint();
  const catalog = loadCatalog();
  // Experiments: BENCH_WASM evaluates another build of the policy (default rego/dist/policy.wasm);
  // BENCH_MEM_INITIAL sets the initial wasm memory in 64 KiB pages (default gate DEFAULT_MEMORY).
  const memory = process.env.BENCH_MEM_INITIAL ? { initial: Number(process.env.BENCH_MEM_INITIAL), maximum: 65536 } : undefined;
  const policy = await gate.loadGatePolicy(process.env.BENCH_WASM || undefined, memory);
  const { toRegoData } = require(`${ROOT}/dist/catalog`);
  policy.setData(toRegoData(catalog));
  const loadMs = ms(t0);

  const times = { parse: [], parseOnly: [], read: [], eval: [], sdkBytes: [], sdkObject: [] };
  let findings = -1;
  let firstEvalMs;
  let error;
  const text = readFileSync(file).toString("utf8");
  const input = gate.readInput(file)[0];
  for (let i = 0; i < iterations; i++) {
    process.stderr.write(`  warm ${i + 1}/${iterations}\r`);
    t0 = process.hrtime.bigint();
    JSON.parse(readFileSync(file).toString("utf8"));
    times.parse.push(ms(t0));
    t0 = process.hrtime.bigint();
    JSON.parse(text);
    times.parseOnly.push(ms(t0));
    t0 = process.hrtime.bigint();
    gate.readInput(file);
    times.read.push(ms(t0));
    try {
      t0 = process.hrtime.bigint();
      const out = await gate.evaluatePlan(input, { catalog, policy });
      times.eval.push(ms(t0));
      if (i === 0) firstEvalMs = times.eval[0];
      findings = out.length;
    } catch (e) {
      error = e && e.message ? e.message : String(e);
      break;
    }
    if (variants) {
      t0 = process.hrtime.bigint();
      policy.evaluate(input.json);
      times.sdkBytes.push(ms(t0));
      t0 = process.hrtime.bigint();
      policy.evaluate(input.document);
      times.sdkObject.push(ms(t0));
    }
  }
  process.stderr.write("\n");
  const summary = {};
  for (const [k, v] of Object.entries(times)) if (v.length) summary[k] = { median: median(v), min: Math.min(...v), n: v.length };
  const usage = process.resourceUsage();
  process.stdout.write(JSON.stringify({ file, iterations, loadMs, firstEvalMs, findings, error, times: summary, maxRssKb: usage.maxRSS }) + "\n");
})().catch((e) => {
  process.stdout.write(JSON.stringify({ file, error: e && e.message ? e.message : String(e) }) + "\n");
  process.exitCode = 1;
});
