#!/usr/bin/env node
// Synth benchmark: generate organizations with 10, 100 and 1,000 accounts, synthesize each with the compiled
// composition root (dist/main.js, built by `npm run build`) in a child process, and report wall time and peak RSS.
// Usage: node bench/synth/run.js [sizes...]   e.g. node bench/synth/run.js 10 100 1000
"use strict";
const { spawnSync } = require("node:child_process");
const { mkdirSync, rmSync, writeFileSync, existsSync } = require("node:fs");
const { join, resolve } = require("node:path");

const ROOT = resolve(__dirname, "../..");
const MAIN = join(ROOT, "dist/main.js");
const OUT = join(ROOT, "bench/out/synth");
const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = SIZES.length > 0 ? SIZES : [10, 100, 1000];

if (!existsSync(MAIN)) {
  console.error(`bench/synth: ${MAIN} not found; run \`npm run build\` first`);
  process.exit(1);
}

const OU_MODELS = [
  ["anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0", "amazon.nova-2-lite-v1:0"],
  ["amazon.nova-lite-v1:0", "amazon.nova-pro-v1:0", "cohere.embed-v4:0"],
  ["meta.llama3-3-70b-instruct-v1:0", "mistral.mistral-large-3-675b-instruct", "amazon.nova-micro-v1:0"],
];

/** A generated organization: root approving the union, 10 OUs, n accounts spread over them. */
function organization(n) {
  const ous = Array.from({ length: 10 }, (_, i) => ({ id: `ou-a1b2-bench${String(i).padStart(3, "0")}`, models: OU_MODELS[i % OU_MODELS.length] }));
  const lines = [
    "version: 1",
    "organization:",
    '  managementAccountId: "111122223333"',
    "  rootId: r-a1b2",
    "targets:",
    "  root:",
    "    models:",
    ...[...new Set(OU_MODELS.flat())].map((m) => `      - ${m}`),
    "    geographies: [us, eu, global]",
    "  ous:",
    ...ous.flatMap((ou, i) => [`    - id: ${ou.id}`, `      name: Bench${i}`, "      parent: root", `      models: [${ou.models.join(", ")}]`]),
    "accounts:",
  ];
  for (let i = 0; i < n; i++) {
    const id = String(200000000000 + i);
    lines.push(
      `  - id: "${id}"`,
      `    name: acct-${i}`,
      `    ou: ${ous[i % ous.length].id}`,
      "    region: us-east-1",
      `    assumeRoleArn: arn:aws:iam::${id}:role/ModelgateDeployer`,
      "    invokePolicy:",
      "      attachToRoles: [Builder]",
    );
  }
  return lines.join("\n") + "\n";
}

function measure(n) {
  const dir = join(OUT, String(n));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const config = join(dir, "modelgate.yaml");
  writeFileSync(config, organization(n));
  // Synth alone: main.ts also gates its output unless told not to (the gate has its own benchmark).
  const env = { ...process.env, CDKTF_OUTDIR: join(dir, "cdktf.out"), MODELGATE_SYNTH_GATE: "off" };
  const useTime = existsSync("/usr/bin/time");
  const cmd = useTime ? "/usr/bin/time" : process.execPath;
  const args = useTime ? ["-v", process.execPath, MAIN, "--config", config] : [MAIN, "--config", config];
  const start = process.hrtime.bigint();
  const res = spawnSync(cmd, args, { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  if (res.status !== 0) {
    console.error(res.stderr);
    throw new Error(`synth of ${n} accounts failed with status ${res.status}`);
  }
  let rssMb = NaN;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr);
  if (m) rssMb = Number(m[1]) / 1024;
  return { n, wallS, rssMb };
}

const rows = sizes.map(measure);
console.log("| accounts | wall time (s) | peak RSS (MB) | ms per account |");
console.log("|---:|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.n} | ${r.wallS.toFixed(2)} | ${r.rssMb.toFixed(0)} | ${((r.wallS * 1000) / r.n).toFixed(1)} |`);
const big = rows.find((r) => r.n === 1000);
if (big) console.log(`\n1,000 accounts: ${big.wallS < 20 ? "within" : "OVER"} the 20 s goal, ${big.rssMb < 1536 ? "within" : "OVER"} the 1.5 GB goal`);
