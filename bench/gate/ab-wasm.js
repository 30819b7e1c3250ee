#!/usr/bin/env node
// Wasm time of two policy builds, side by side in one process (issue #7): both are loaded with the same data, every
// piece of the input is evaluated by both in alternating order (so slow phases of a shared machine hit both), and
// the findings of each piece are compared. Prints the summed wall time of each and the ratio B/A.
//   npm run build && node bench/gate/ab-wasm.js <plan.json | cdktf.out> <dir A> <dir B>
//   (a dir holds policy.wasm and selection.json, e.g. a copy of an earlier build's rego/dist)
// Env: CFG=<modelgate.yaml> (approved set), REPS (default 1), LIMIT (first N pieces), SKIPORG=1 (skip a cdktf.out's
// organization stack).
"use strict";
const { resolve } = require("node:path");

const ROOT = resolve(__dirname, "../..");

(async () => {
  const [inputPath, dirA, dirB] = process.argv.slice(2);
  if (!inputPath || !dirA || !dirB) {
    console.error("usage: node bench/gate/ab-wasm.js <plan.json | cdktf.out> <dir A> <dir B>");
    process.exit(2);
  }
  const { readInput } = require(`${ROOT}/dist/gate/input`);
  const { loadGatePolicy } = require(`${ROOT}/dist/gate/load-policy`);
  const { loadSelection, selectPieces, selectionPathFor } = require(`${ROOT}/dist/gate/select`);
  const { loadCatalog, toRegoData } = require(`${ROOT}/dist/catalog`);
  const approved = process.env.CFG ? require(`${ROOT}/dist/config`).gateDataFor(process.env.CFG).approved : undefined;
  const data = toRegoData(loadCatalog(), approved);
  const load = async (dir) => {
    const policy = await loadGatePolicy(`${dir}/policy.wasm`, { initial: 4096, maximum: 65536 });
    policy.setData(data);
    return { policy, selection: loadSelection(selectionPathFor(`${dir}/policy.wasm`)) };
  };
  const A = await load(dirA);
  const B = await load(dirB);
  const pairs = [];
  for (const input of readInput(inputPath, {})) {
    if (process.env.SKIPORG && input.stack === "organization") continue;
    const pa = selectPieces(input.document, A.selection);
    const pb = selectPieces(input.document, B.selection);
    pa.forEach((p, k) => pairs.push([Buffer.from(JSON.stringify(p)), Buffer.from(JSON.stringify(pb[k] ?? p))]));
  }
  const pieces = pairs.slice(0, Number(process.env.LIMIT || pairs.length));
  const reps = Number(process.env.REPS || 1);
  for (const [ta, tb] of pieces.slice(0, 10)) {
    A.policy.evaluate(ta);
    B.policy.evaluate(tb);
  }
  const time = (P, text) => {
    const start = process.hrtime.bigint();
    const result = JSON.stringify(P.evaluate(text));
    return [Number(process.hrtime.bigint() - start) / 1e6, result];
  };
  let sumA = 0;
  let sumB = 0;
  let n = 0;
  let same = true;
  for (let r = 0; r < reps; r++) {
    for (const [ta, tb] of pieces) {
      const aFirst = n++ % 2 === 0;
      const [ra, rb] = aFirst ? [time(A.policy, ta), time(B.policy, tb)] : [time(B.policy, tb), time(A.policy, ta)].reverse();
      sumA += ra[0];
      sumB += rb[0];
      if (ra[1] !== rb[1]) same = false;
    }
  }
  console.log(`pieces ${pieces.length} x${reps}: A ${sumA.toFixed(0)} ms, B ${sumB.toFixed(0)} ms, B/A ${(sumB / sumA).toFixed(3)}, findings identical: ${same}`);
  if (!same) process.exitCode = 1;
})();
