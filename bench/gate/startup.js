#!/usr/bin/env node
// Start-up benchmark (issue #7 item 3): what a tiny `modelgate check` (one resource) costs as a whole process, next
// to Node's bare start and `opa eval` on the same rules, data and input, and where the process spends its time.
//
// Usage: npm run build && node bench/gate/startup.js [--reps 21] [--before <dir>] [--with <label>=<dir>]... [--plan <plan.json>]
//   --before <dir>  also time <dir>/dist/cli/bin.js (a built checkout of an earlier commit) in the same paired
//                   loop, and break its phases down too: before/after from one run on one machine.
//   --with <label>=<dir>  the same for any other build (an experiment), shown as "<label>"; repeatable.
//   --plan <file>   the plan to check (default: bench/gate/generate.js with 1 resource, written to bench/out/startup/).
// Every rep runs each command once, in a shuffled order (paired runs); the tables give medians over reps and the
// median of the per-rep ratios. Wall time is measured around spawnSync, so every command pays the same spawn cost.
// Progress goes to stderr; markdown tables to stdout; raw numbers to bench/out/startup/results.json.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync, mkdirSync, writeFileSync, readFileSync } = require("node:fs");
const { join, resolve } = require("node:path");
const os = require("node:os");

const ROOT = resolve(__dirname, "../..");
const OUT = join(ROOT, "bench/out/startup");
const OPA = process.env.OPA ?? join(os.homedir(), ".cache/modelgate/bin/opa");

// ------------------------------------------------------------------------------------------------ phases (child)
// `node startup.js --phases <dist> <plan>`: one fresh process that does what `check <plan>` does, step by step,
// and prints the milliseconds of each step as JSON. `--modules <dist> <plan>` instead runs the real CLI with a
// require hook and prints the self time of loading each package (the hook itself adds a little).
if (process.argv[2] === "--phases") {
  const t0 = performance.now(); // ms since the process started: Node's own start-up
  const [dist, plan] = process.argv.slice(3);
  const marks = [["node start (to first line of user code)", t0]];
  let last = t0;
  const mark = (name) => {
    const now = performance.now();
    marks.push([name, now - last]);
    last = now;
  };
  require(join(dist, "cli/index.js"));
  require(join(dist, "cli/commands/check.js"));
  mark("load modules (check's import graph)");
  const catalog = require(join(dist, "catalog"));
  const gate = require(join(dist, "gate"));
  const report = require(join(dist, "report"));
  const c = catalog.loadCatalog();
  mark("catalog: loadCatalog()");
  catalog.loadManagedPolicies();
  mark("catalog: loadManagedPolicies()");
  const data = catalog.toRegoData(c);
  mark("catalog: toRegoData()");
  const inputs = gate.readInput(plan);
  mark("read + parse the plan");
  const bytes = inputs[0].json ? inputs[0].json.byteLength : 0;
  gate.loadGatePolicy(undefined, gate.memoryForInput(bytes)).then((policy) => {
    mark("wasm: read + compile + instantiate");
    policy.setData(data);
    mark("wasm: setData (the ~600 KB data document)");
    policy.evaluate(inputs[0].json ?? inputs[0].document);
    mark("wasm: evaluate");
    return gate.evaluateInputs(inputs, { catalog: c }).then((findings) => {
      mark("evaluateInputs (again: result checks, findings)");
      report.renderJson({ findings, suppressed: [], expiredSuppressions: [], threshold: "medium", inputs: [], catalogSnapshotDate: c.snapshotDate });
      mark("report: renderJson");
      marks.push(["total in process (after node start)", performance.now() - t0]);
      process.stdout.write(JSON.stringify(marks));
    });
  });
  return;
}
if (process.argv[2] === "--modules") {
  const Module = require("node:module");
  const [dist, plan] = process.argv.slice(3);
  const original = Module.prototype.require;
  const stack = [];
  const self = new Map();
  Module.prototype.require = function (id) {
    const start = process.hrtime.bigint();
    stack.push(0n);
    try {
      return original.apply(this, arguments);
    } finally {
      const elapsed = process.hrtime.bigint() - start;
      const children = stack.pop();
      if (stack.length > 0) stack[stack.length - 1] += elapsed;
      let key = id;
      try {
        const file = Module._resolveFilename(id, this);
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
        key = m ? m[1] : file.startsWith(dist) ? "modelgate's own modules (dist/)" : id;
      } catch {
        // a builtin: keep its id
      }
      self.set(key, (self.get(key) ?? 0n) + elapsed - children);
    }
  };
  process.on("exit", () => {
    process.stderr.write(`\n@@modules ${JSON.stringify([...self].map(([k, v]) => [k, Number(v) / 1e6]))}\n`);
  });
  process.argv = [process.argv[0], join(dist, "cli/bin.js"), "check", plan, "-f", "json"];
  require(join(dist, "cli/bin.js"));
  return;
}

// ------------------------------------------------------------------------------------------------ main
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const REPS = Number(opt("reps", "21"));
const BEFORE = opt("before", undefined);
const WITH = argv.flatMap((a, i) => (a === "--with" && argv[i + 1] !== undefined ? [argv[i + 1]] : [])).map((w) => {
  const eq = w.indexOf("=");
  return { name: w.slice(0, eq), dist: resolve(w.slice(eq + 1), "dist") };
});
const log = (s) => process.stderr.write(`bench/startup: ${s}\n`);
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : "–");
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : "–");
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : "–");

function wall(cmd, args, okCodes) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(" ")}: exit ${r.status}: ${r.stderr}`);
  return ms;
}

function shuffle(xs, seed) {
  let a = seed >>> 0;
  const rand = () => ((a = (a * 1664525 + 1013904223) >>> 0) / 4294967296);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function main() {
  const dist = join(ROOT, "dist");
  const beforeDist = BEFORE !== undefined ? resolve(BEFORE, "dist") : undefined;
  const variants = [{ name: "now", dist }, ...(beforeDist ? [{ name: "before", dist: beforeDist }] : []), ...WITH];
  for (const d of variants.map((v) => v.dist)) {
    if (!existsSync(join(d, "cli/bin.js"))) throw new Error(`${d}/cli/bin.js is missing: build it (npm run build)`);
  }
  if (!existsSync(OPA)) throw new Error(`${OPA} is missing: bash tools/install-tools.sh opa`);
  mkdirSync(OUT, { recursive: true });

  // Inputs: the tiny plan, {"plan": …} for opa, the data document, the staged Rego.
  const { loadCatalog, toRegoData } = require(join(dist, "catalog"));
  const data = toRegoData(loadCatalog());
  const dataFile = join(OUT, "data.json");
  writeFileSync(dataFile, JSON.stringify(data));
  let plan = opt("plan", undefined);
  if (plan === undefined) {
    plan = join(OUT, "tiny.json");
    writeFileSync(plan, JSON.stringify(require("./generate").generatePlan(1, data).plan));
  }
  plan = resolve(plan);
  const inputFile = join(OUT, "input.json");
  writeFileSync(inputFile, `{"plan":${readFileSync(plan, "utf8")}}`);
  const regoDir = join(OUT, "rego");
  require("./stage-rego").stageRego(regoDir);

  // Same findings from both, before timing anything.
  const mg = spawnSync(process.execPath, [join(dist, "cli/bin.js"), "check", plan, "-f", "json"], { cwd: ROOT, encoding: "utf8" });
  const opa = spawnSync(OPA, ["eval", "-f", "json", "-d", regoDir, "-d", dataFile, "-i", inputFile, "data.modelgate.main.findings"], { cwd: ROOT, encoding: "utf8" });
  const mgCount = JSON.parse(mg.stdout).findings.length;
  const opaCount = JSON.parse(opa.stdout).result[0].expressions[0].value.length;
  log(`plan ${plan} (${readFileSync(plan).byteLength} bytes): modelgate ${mgCount} findings (exit ${mg.status}), opa eval ${opaCount}`);
  if (mgCount !== opaCount) throw new Error("modelgate and opa eval disagree on the number of findings");

  const commands = [
    { name: "node -e 0", cmd: process.execPath, args: ["-e", "0"], ok: [0] },
    ...variants.map((v) => ({ name: `modelgate check (${v.name})`, cmd: process.execPath, args: [join(v.dist, "cli/bin.js"), "check", plan, "-f", "json"], ok: [0, 1] })),
    { name: "opa eval", cmd: OPA, args: ["eval", "-d", regoDir, "-d", dataFile, "-i", inputFile, "data.modelgate.main.findings"], ok: [0] },
  ];
  const phaseRuns = variants;

  const times = Object.fromEntries(commands.map((c) => [c.name, []]));
  const phases = Object.fromEntries(phaseRuns.map((p) => [p.name, []]));
  const modules = Object.fromEntries(phaseRuns.map((p) => [p.name, []]));
  for (const c of commands) wall(c.cmd, c.args, c.ok); // warm the page cache
  for (let rep = 0; rep < REPS; rep++) {
    for (const c of shuffle(commands, rep + 1)) times[c.name].push(wall(c.cmd, c.args, c.ok));
    for (const p of shuffle(phaseRuns, rep + 7)) {
      const r = spawnSync(process.execPath, [__filename, "--phases", p.dist, plan], { cwd: ROOT, encoding: "utf8" });
      phases[p.name].push(JSON.parse(r.stdout));
      const m = spawnSync(process.execPath, [__filename, "--modules", p.dist, plan], { cwd: ROOT, encoding: "utf8" });
      modules[p.name].push(JSON.parse(/@@modules (.*)/.exec(m.stderr)[1]));
    }
    log(`rep ${rep + 1}/${REPS}: ${commands.map((c) => `${c.name} ${f0(times[c.name][rep])} ms`).join(", ")}`);
  }

  const opaTimes = times["opa eval"];
  const lines = [];
  lines.push(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0].model}, load average ${os.loadavg().map(f1).join(" ")} at the end; ${REPS} paired reps.`);
  lines.push("");
  lines.push("| process | median wall | × `opa eval` (median of paired ratios) |");
  lines.push("|---|---:|---:|");
  for (const c of commands) {
    const ratio = median(times[c.name].map((t, i) => t / opaTimes[i]));
    lines.push(`| \`${c.name}\` | ${f0(median(times[c.name]))} ms | ${f2(ratio)} |`);
  }
  lines.push("");
  const phaseNames = phases.now[0].map(([n]) => n);
  lines.push(`| phase (fresh process, medians) | ${phaseRuns.map((p) => p.name).join(" | ")} |`);
  lines.push(`|---|${phaseRuns.map(() => "---:").join("|")}|`);
  for (const n of phaseNames) {
    const cell = (p) => f1(median(phases[p.name].map((run) => (run.find(([m]) => m === n) ?? [n, NaN])[1])));
    lines.push(`| ${n} | ${phaseRuns.map(cell).join(" | ")} |`);
  }
  lines.push("");
  const pkgs = new Map();
  for (const p of phaseRuns) {
    for (const run of modules[p.name]) for (const [k] of run) pkgs.set(k, true);
  }
  const pkgMedian = (p, k) => median(modules[p.name].map((run) => (run.find(([m]) => m === k) ?? [k, 0])[1]));
  const ranked = [...pkgs.keys()]
    .map((k) => [k, Math.max(...phaseRuns.map((p) => pkgMedian(p, k)))])
    .filter(([, v]) => v >= 0.5)
    .sort((a, b) => b[1] - a[1]);
  lines.push(`| module loading of \`check\`, self time (require hook, medians) | ${phaseRuns.map((p) => p.name).join(" | ")} |`);
  lines.push(`|---|${phaseRuns.map(() => "---:").join("|")}|`);
  for (const [k] of ranked) lines.push(`| ${k} | ${phaseRuns.map((p) => `${f1(pkgMedian(p, k))} ms`).join(" | ")} |`);
  lines.push(
    `| total | ${phaseRuns.map((p) => `${f1(median(modules[p.name].map((run) => run.reduce((s, [, v]) => s + v, 0))))} ms`).join(" | ")} |`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
  writeFileSync(join(OUT, "results.json"), JSON.stringify({ node: process.version, reps: REPS, times, phases, modules }, null, 1));
}

try {
  main();
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
