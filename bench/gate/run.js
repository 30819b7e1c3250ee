#!/usr/bin/env node
// Gate benchmark (issue #3 item 8). Generates `terraform show -json` plans with 100, 1,000 and 10,000
// policy-bearing resources (bench/gate/generate.js) and measures, side by side in one run:
//   (a) node -e JSON.parse of the file            process wall time + peak RSS, and in-process parse time
//   (b) modelgate check <file> --format json       process wall time + peak RSS (dist/cli/bin.js)
//   (c) warm in-process evaluation                 gate loaded once, evaluatePlan N times (bench/gate/warm.js)
//   (d) opa eval -d <rego> -d <data> -i <input>    process wall time + peak RSS
//   (e) conftest test <input> -p <rego> ...         process wall time + peak RSS
// and checks that every evaluator returned the same number of findings.
//
// Usage: npm run build && node bench/gate/run.js [--sizes 100,1000,10000] [--reps 5,3,3] [--gate-reps 5,3,1] [--warm 7,5,1]
//          [--pool 20] [--investigate] [--timeout-min 30] [--warm-even-if-failed] [--table-only]
// --reps/--warm are per size (the last value repeats). --investigate adds node-flag, wasm-memory and Rego
// variants (warm, at the first size).
// Peak RSS comes from /usr/bin/time -v (Debian: apt-get install -y time). Generated files: bench/out/gate/.
// Progress goes to stderr; the results table (markdown) to stdout; raw numbers to bench/out/gate/results.json.
"use strict";
const { spawnSync } = require("node:child_process");
const { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync, openSync, writeSync, closeSync } = require("node:fs");
const { join, resolve, relative, dirname } = require("node:path");
const os = require("node:os");

const ROOT = resolve(__dirname, "../..");
const OUT = join(ROOT, "bench/out/gate");
const BIN = join(ROOT, "dist/cli/bin.js");
const TOOLS = join(os.homedir(), ".cache/modelgate/bin");
const OPA = process.env.OPA ?? join(TOOLS, "opa");
const CONFTEST = process.env.CONFTEST ?? join(TOOLS, "conftest");
const TIME = "/usr/bin/time";

// ------------------------------------------------------------------------------------------------ arguments
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const list = (s) => s.split(",").map(Number);
const SIZES = list(opt("sizes", "100,1000,10000"));
const REPS = list(opt("reps", "5,3,3"));
/** Repetitions of the modelgate check process (it is the slow one at 10,000 resources). */
const GATE_REPS = list(opt("gate-reps", "5,3,1"));
const WARM = list(opt("warm", "7,5,1"));
const POOL = Number(opt("pool", "20"));
const INVESTIGATE = argv.includes("--investigate");
/** Every measured process is killed (coreutils timeout) after this many minutes and reported as failed. */
const TIMEOUT_MIN = Number(opt("timeout-min", "30"));
const at = (arr, i) => arr[Math.min(i, arr.length - 1)];

const log = (s) => process.stderr.write(`bench/gate: ${s}\n`);
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const min = (xs) => Math.min(...xs.filter((x) => Number.isFinite(x)));

// ------------------------------------------------------------------------------------------------ preconditions
function preconditions() {
  const problems = [];
  if (!existsSync(BIN)) problems.push(`${relative(ROOT, BIN)} is missing: run npm run build`);
  if (!existsSync(OPA)) problems.push(`${OPA} is missing: bash tools/install-tools.sh opa`);
  if (!existsSync(CONFTEST)) problems.push(`${CONFTEST} is missing: bash tools/install-tools.sh conftest`);
  if (!existsSync(TIME)) problems.push(`${TIME} is missing (peak RSS): apt-get install -y time`);
  if (problems.length) {
    for (const p of problems) log(p);
    process.exit(2);
  }
}

function version(cmd, args, re) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  const m = re.exec(`${r.stdout}\n${r.stderr}`);
  return m ? m[1] : "?";
}

// ------------------------------------------------------------------------------------------------ staging
const { stageRego } = require("./stage-rego");

/** Write `{"plan": <file bytes>}` without re-serialising (the shape opa eval -i and conftest must see). */
function writeWrapped(planFile, wrappedFile, planText) {
  const fd = openSync(wrappedFile, "w");
  writeSync(fd, '{"plan":');
  writeSync(fd, planText);
  writeSync(fd, "}");
  closeSync(fd);
}

// ------------------------------------------------------------------------------------------------ processes
/** Run under /usr/bin/time -v; wall time measured here (hrtime), peak RSS from time's report. */
function timed(cmd, args, { cwd = ROOT } = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME, ["-v", "timeout", `${TIMEOUT_MIN * 60}`, cmd, ...args], { cwd, encoding: "utf8", maxBuffer: 1024 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "");
  const stderr = (r.stderr ?? "").split("\n\tCommand being timed")[0];
  return { ms, rssKb: m ? Number(m[1]) : NaN, status: r.status, stdout: r.stdout ?? "", stderr };
}

const PARSE_SCRIPT = `
const t0 = process.hrtime.bigint();
const text = require("node:fs").readFileSync(process.argv[1], "utf8");
const t1 = process.hrtime.bigint();
JSON.parse(text);
const t2 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({ readMs: Number(t1 - t0) / 1e6, parseMs: Number(t2 - t1) / 1e6 }));`;

function runParse(planFile) {
  const r = timed(process.execPath, ["-e", PARSE_SCRIPT, planFile]);
  const inner = r.status === 0 ? JSON.parse(r.stdout) : {};
  return { ...r, parseMs: inner.parseMs, readMs: inner.readMs };
}

function runModelgate(planFile) {
  const r = timed(process.execPath, [BIN, "check", planFile, "--format", "json"]);
  let findings = NaN;
  if (r.status === 0 || r.status === 1) findings = JSON.parse(r.stdout).findings.length;
  const error = r.status === 124 ? `timed out after ${TIMEOUT_MIN} min` : r.status > 1 ? r.stderr.trim().split("\n")[0] : undefined;
  return { ...r, findings, error };
}

function runOpa(regoDir, dataFile, inputFile) {
  const r = timed(OPA, ["eval", "-d", regoDir, "-d", dataFile, "-i", inputFile, "--format", "json", "data.modelgate.main.findings"]);
  let findings = NaN;
  if (r.status === 0) {
    const out = JSON.parse(r.stdout);
    findings = out.result && out.result.length === 1 ? out.result[0].expressions[0].value.length : NaN;
  }
  return { ...r, findings, error: r.status !== 0 ? r.stderr.trim().split("\n")[0] : undefined };
}

function runConftest(regoDir, shimDir, dataDir, inputFile) {
  // conftest queries deny/violation/warn in --namespace; exit 1 = failures found
  const r = timed(CONFTEST, ["test", inputFile, "-p", regoDir, "-p", shimDir, "--data", dataDir, "--namespace", "modelgate.conftest", "--no-color", "-o", "json"]);
  let findings = NaN;
  if (r.status === 0 || r.status === 1) {
    try {
      const out = JSON.parse(r.stdout);
      findings = out.reduce((n, f) => n + (f.failures ?? []).length, 0);
    } catch {
      /* not JSON: an error */
    }
  }
  return { ...r, findings, error: Number.isNaN(findings) ? (r.stderr || r.stdout).trim().split("\n")[0] : undefined };
}

function runWarm(planFile, iterations, nodeFlags = [], extra = [], env = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME, ["-v", "timeout", `${TIMEOUT_MIN * 60}`, process.execPath, ...nodeFlags, join(__dirname, "warm.js"), planFile, String(iterations), ...extra], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  r.ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "");
  r.rssKb = m ? Number(m[1]) : NaN;
  r.stdout = r.stdout ?? "";
  r.stderr = (r.stderr ?? "").split("\n\tCommand being timed")[0];
  let out = {};
  try {
    out = JSON.parse(r.stdout.trim().split("\n").pop());
  } catch {
    out = { error: r.stderr.trim().split("\n").pop() };
  }
  return { ...out, processMs: r.ms, rssKb: r.rssKb, status: r.status };
}

// ------------------------------------------------------------------------------------------------ main
function main() {
  preconditions();
  mkdirSync(OUT, { recursive: true });
  const env = {
    node: process.version,
    cpus: `${os.cpus().length} x ${os.cpus()[0]?.model ?? "?"}`,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    opa: version(OPA, ["version"], /^Version: (\S+)/m),
    conftest: `${version(CONFTEST, ["--version"], /^Conftest: (\S+)/m)} (OPA ${version(CONFTEST, ["--version"], /^OPA: (\S+)/m)})`,
  };
  const check = spawnSync("bash", [join(ROOT, "tools/build-wasm.sh"), "--check"], { cwd: ROOT, encoding: "utf8" });
  env.wasmFresh = check.status === 0;
  log(`node ${env.node}, ${env.cpus}, ${env.memGiB} GiB, opa ${env.opa}, conftest ${env.conftest}`);
  log(`rego/dist/policy.wasm ${env.wasmFresh ? "matches" : "DOES NOT match"} the Rego sources (tools/build-wasm.sh --check)`);

  const regoDir = join(OUT, "rego");
  const shimDir = join(OUT, "conftest-shim");
  const dataDir = join(OUT, "data");
  stageRego(regoDir);
  rmSync(shimDir, { recursive: true, force: true });
  mkdirSync(shimDir, { recursive: true });
  cpSync(join(__dirname, "conftest_shim.rego"), join(shimDir, "conftest_shim.rego"));
  mkdirSync(dataDir, { recursive: true });
  const { loadCatalog, toRegoData } = require(join(ROOT, "dist/catalog"));
  const regoData = toRegoData(loadCatalog());
  const dataFile = join(dataDir, "data.json");
  writeFileSync(dataFile, JSON.stringify(regoData));
  const { generatePlan } = require("./generate");

  const rows = [];
  SIZES.forEach((n, si) => {
    const reps = at(REPS, si);
    const warmN = at(WARM, si);
    const planFile = join(OUT, `plan-${n}.json`);
    const inputFile = join(OUT, `input-${n}.json`);
    log(`generating ${n} resources (model pool ${POOL || "all"})`);
    const { plan, stats } = generatePlan(n, regoData, { poolSize: POOL });
    const text = JSON.stringify(plan);
    writeFileSync(planFile, text);
    writeWrapped(planFile, inputFile, text);
    const bytes = statSync(planFile).size;
    log(`  ${relative(ROOT, planFile)}: ${(bytes / 1e6).toFixed(2)} MB, ${stats.resourceChanges} resource_changes, ${stats.defects} defective`);

    const samples = { parse: [], gate: [], opa: [], conftest: [] };
    for (let r = 0; r < reps; r++) {
      log(`  ${n}: repetition ${r + 1}/${reps}: node JSON.parse`);
      samples.parse.push(runParse(planFile));
      if (r < at(GATE_REPS, si)) {
        log(`  ${n}: repetition ${r + 1}/${reps}: modelgate check`);
        samples.gate.push(runModelgate(planFile));
        log(`    ${Math.round(samples.gate.at(-1).ms)} ms, exit ${samples.gate.at(-1).status}`);
      }
      log(`  ${n}: repetition ${r + 1}/${reps}: opa eval`);
      samples.opa.push(runOpa(regoDir, dataFile, inputFile));
      log(`  ${n}: repetition ${r + 1}/${reps}: conftest test`);
      samples.conftest.push(runConftest(regoDir, shimDir, dataDir, inputFile));
    }
    const gateFailed = samples.gate.some((x) => x.error);
    let warm;
    if (gateFailed && !argv.includes("--warm-even-if-failed")) {
      warm = { error: "not run: modelgate check failed at this size (--warm-even-if-failed runs it anyway)" };
      log(`  ${n}: warm in-process evaluation skipped (modelgate check failed)`);
    } else {
      log(`  ${n}: warm in-process evaluation x${warmN}`);
      warm = runWarm(planFile, warmN);
    }

    const agg = (xs, k) => ({ median: median(xs.map((x) => x[k])), min: min(xs.map((x) => x[k])) });
    const row = {
      resources: n,
      resourceChanges: stats.resourceChanges,
      defects: stats.defects,
      bytes,
      reps,
      gateReps: samples.gate.length,
      warmIterations: warmN,
      parseProcess: { ...agg(samples.parse, "ms"), rssKb: median(samples.parse.map((x) => x.rssKb)) },
      parseInProcess: agg(samples.parse, "parseMs"),
      gate: { ...agg(samples.gate, "ms"), rssKb: median(samples.gate.map((x) => x.rssKb)), findings: samples.gate[0].findings, error: samples.gate.find((x) => x.error)?.error },
      warm,
      opa: { ...agg(samples.opa, "ms"), rssKb: median(samples.opa.map((x) => x.rssKb)), findings: samples.opa[0].findings, error: samples.opa.find((x) => x.error)?.error },
      conftest: { ...agg(samples.conftest, "ms"), rssKb: median(samples.conftest.map((x) => x.rssKb)), findings: samples.conftest[0].findings, error: samples.conftest.find((x) => x.error)?.error },
    };
    const counts = { modelgate: row.gate.findings, warm: warm.findings, opa: row.opa.findings, conftest: row.conftest.findings };
    const values = Object.values(counts).filter((v) => Number.isFinite(v) && v >= 0);
    row.findingsAgree = values.length === 4 && values.every((v) => v === values[0]);
    log(`  ${n}: findings ${JSON.stringify(counts)} -> ${row.findingsAgree ? "all agree" : "DISAGREE or failed"}`);
    for (const [k, v] of Object.entries({ modelgate: row.gate.error, warm: warm.error, opa: row.opa.error, conftest: row.conftest.error })) {
      if (v) log(`  ${n}: ${k} failed: ${v}`);
    }
    rows.push(row);
    writeFileSync(join(OUT, "results.json"), JSON.stringify({ env, rows }, null, 2));
  });

  let investigation;
  if (INVESTIGATE) investigation = investigate(SIZES[0]);
  writeFileSync(join(OUT, "results.json"), JSON.stringify({ env, rows, investigation }, null, 2));
  process.stdout.write(table(env, rows, investigation));
}

/**
 * Node flags, input form, initial wasm memory and a Rego variant (bench/gate/experiment.js), at one size, warm
 * (node flags apply to the whole process). Each variant runs in a fresh process.
 */
function investigate(n) {
  const planFile = join(OUT, `plan-${n}.json`);
  const slim = join(OUT, "exp/slim-rc/policy.wasm");
  const built = spawnSync(process.execPath, [join(__dirname, "experiment.js"), "slim-rc"], { cwd: ROOT, encoding: "utf8" });
  const out = {};
  const variants = [
    ["default", [], {}],
    ["--no-liftoff", ["--no-liftoff"], {}],
    ["--liftoff-only", ["--liftoff-only"], {}],
    ["--no-wasm-dynamic-tiering", ["--no-wasm-dynamic-tiering"], {}],
    ["initial memory 4096 pages (256 MiB)", [], { BENCH_MEM_INITIAL: "4096" }],
    ["--no-liftoff + initial 4096 pages", ["--no-liftoff"], { BENCH_MEM_INITIAL: "4096" }],
  ];
  if (built.status === 0) variants.push(["slim-rc Rego (experiment.js)", [], { BENCH_WASM: slim }], ["slim-rc + --no-liftoff + initial 4096", ["--no-liftoff"], { BENCH_WASM: slim, BENCH_MEM_INITIAL: "4096" }]);
  for (const [label, flags, env] of variants) {
    log(`investigate ${n}: warm with ${label}`);
    out[label] = runWarm(planFile, 5, flags, ["--variants"], env);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ report
function table(env, rows, investigation) {
  const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "—");
  const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : "—");
  const mb = (kb) => (Number.isFinite(kb) ? `${Math.round(kb / 1024)}` : "—");
  const lines = [];
  lines.push(`Machine: ${env.cpus}, ${env.memGiB} GiB; Node ${env.node}; OPA ${env.opa}; conftest ${env.conftest}.`);
  lines.push(`rego/dist/policy.wasm ${env.wasmFresh ? "matched" : "did NOT match"} the Rego sources. Times: median (min) in ms; RSS: peak, MiB (median).`);
  lines.push("");
  lines.push(
    "| resources | file MB | JSON.parse in-process | node -e parse process (RSS) | warm eval | warm eval / JSON.parse | modelgate check process (RSS) | opa eval (RSS) | conftest test (RSS) | modelgate / opa | findings (mg / warm / opa / conftest) |",
  );
  lines.push("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const r of rows) {
    const w = r.warm.times?.eval;
    // decode + parse in the warm process; without it, the parse-only time measured in the node -e process
    const p = r.warm.times?.parse ?? r.parseInProcess;
    const ratio = w && p ? w.median / p.median : NaN;
    const gateCell = r.gate.error
      ? `**failed**: ${r.gate.error.slice(0, 60)} (killed at ${f0(r.gate.median)}, RSS then ${mb(r.gate.rssKb)})`
      : `${f0(r.gate.median)} (${f0(r.gate.min)}) (${mb(r.gate.rssKb)})`;
    const warmCell = w ? `${f0(w.median)} (${f0(w.min)})` : r.warm.error?.startsWith("not run") ? "not run" : `**failed**${r.warm.error ? ` (${String(r.warm.error).slice(0, 60)})` : ""}`;
    lines.push(
      `| ${r.resources.toLocaleString("en-US")} | ${(r.bytes / 1e6).toFixed(1)} | ${f1(p?.median)} (${f1(p?.min)}) | ${f0(r.parseProcess.median)} (${mb(r.parseProcess.rssKb)}) | ${warmCell} | ${f1(ratio)}× | ${gateCell} | ${f0(r.opa.median)} (${f0(r.opa.min)}) (${mb(r.opa.rssKb)}) | ${f0(r.conftest.median)} (${f0(r.conftest.min)}) (${mb(r.conftest.rssKb)}) | ${r.gate.error ? "—" : `${f1(r.gate.median / r.opa.median)}×`} | ${f0(r.gate.findings)} / ${f0(r.warm.findings)} / ${f0(r.opa.findings)} / ${f0(r.conftest.findings)} ${r.findingsAgree ? "✓" : "✗"} |`,
    );
  }
  lines.push("");
  lines.push("Goals:");
  for (const r of rows) {
    const w = r.warm.times?.eval;
    const p = r.warm.times?.parse ?? r.parseInProcess;
    const ratio = w && p ? w.median / p.median : NaN;
    lines.push(
      `- ${r.resources}: warm eval within 3× of JSON.parse: ${ratio <= 3 ? "met" : "NOT met"} (${f1(ratio)}×); modelgate check faster than opa eval: ${!r.gate.error && r.gate.median < r.opa.median ? "met" : "NOT met"}` +
        `${r.gate.error ? " (modelgate failed)" : ` (${f1(r.gate.median / r.opa.median)}×)`}; warm detail: read+validate ${f0(r.warm.times?.read?.median)} ms, gate load ${f0(r.warm.loadMs)} ms, warm process peak RSS ${mb(r.warm.rssKb)} MiB`,
    );
  }
  if (investigation) {
    lines.push("");
    lines.push(`Investigation (warm, ${rows[0].resources} resources, 5 iterations, median ms):`);
    lines.push("| variant | first evaluatePlan | evaluatePlan median | SDK evaluate(bytes) | SDK evaluate(object) | JSON.parse | findings | peak RSS MiB |");
    lines.push("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const [label, v] of Object.entries(investigation)) {
      lines.push(
        `| ${label} | ${f0(v.firstEvalMs)} | ${f0(v.times?.eval?.median)} | ${f0(v.times?.sdkBytes?.median)} | ${f0(v.times?.sdkObject?.median)} | ${f1(v.times?.parse?.median)} | ${f0(v.findings)} | ${mb(v.rssKb)} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

if (argv.includes("--table-only")) {
  // re-render the table of the last run (bench/out/gate/results.json) without measuring
  const { env, rows, investigation } = require(join(OUT, "results.json"));
  process.stdout.write(table(env, rows, investigation));
} else {
  main();
}
