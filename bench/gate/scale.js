#!/usr/bin/env node
// Gate at scale (issue #7 item 4). For each input, side by side in one run, in paired and interleaved repetitions
// (repetition r runs the four processes in an order rotated by r):
//   JSON.parse   node reads the same bytes and JSON.parse-s them (the floor)      wall + peak RSS, in-process parse
//   check        node dist/cli/bin.js check <input> --format json                 wall + peak RSS, findings
//   opa          opa eval -d <staged rego> -d data.json -i {"plan": …}            wall + peak RSS, findings
//   conftest     conftest test {"plan": …} -p <staged rego> -p <shim> --data …    wall + peak RSS, findings
// Ratios (check / JSON.parse, check / opa) are medians of the per-repetition ratios. Findings counts must agree
// across the evaluators (✗ when they do not, or when one failed).
//
// Inputs (bench/gate/generate-scale.js; cached under bench/out/gate/scale/v<generator version>/):
//   tiny                   one inline role policy (≈2 KB): start-up
//   1mb 10mb 100mb 500mb   realistic plans: ~99 % unrelated resources, 1 % policy-bearing (generate.js mix + defects)
//   dense-100 … dense-10000  N policy-bearing resources, broad Bedrock grants: many findings
//   cdktf-1000             `modelgate synth` of 1,000 accounts under 4 OUs (re-synthesized every run: it follows
//                          the renderer), checked with --config; opa eval / conftest get the same per-stack inputs
//                          the gate builds (dist/gate readInput), all stacks in one process each.
//
// Usage: npm run build && node bench/gate/scale.js [--sets quick|all|<name,…>] [--reps 5] [--big-reps 1]
//          [--timeout-min 20] [--only parse,check,opa,conftest] [--merge] [--table-only]
//   quick = tiny,1mb,10mb,dense-100,dense-1000 (the default); all = every input above.
//   --reps: repetitions per input; the 100 and 500 MB plans and dense-10000 get --big-reps (default 1), so
//   `opa eval` of the 100/500 MB plans runs once. --merge keeps the rows of the previous run's other inputs in the
//   table and results (to run the big inputs separately); --table-only re-renders the last results.
// Progress on stderr, the markdown table on stdout, raw numbers in bench/out/gate/scale-results.json.
"use strict";
const { spawnSync } = require("node:child_process");
const { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } = require("node:fs");
const { join, relative, resolve } = require("node:path");
const os = require("node:os");

const ROOT = resolve(__dirname, "../..");
const OUT = join(ROOT, "bench/out/gate");
const BIN = join(ROOT, "dist/cli/bin.js");
const TOOLS = join(os.homedir(), ".cache/modelgate/bin");
const OPA = process.env.OPA ?? join(TOOLS, "opa");
const CONFTEST = process.env.CONFTEST ?? join(TOOLS, "conftest");
const TIME = "/usr/bin/time";
const RESULTS = join(OUT, "scale-results.json");

// ------------------------------------------------------------------------------------------------ arguments
const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  // the usage is this file's header comment
  const lines = readFileSync(__filename, "utf8").split("\n").slice(1);
  const header = lines.slice(0, lines.findIndex((l) => !l.startsWith("//"))).map((l) => l.slice(3));
  process.stdout.write(`${header.join("\n")}\n`);
  process.exit(0);
}
const KNOWN = new Set(["--sets", "--reps", "--big-reps", "--timeout-min", "--only", "--merge", "--table-only"]);
const unknown = argv.filter((a) => a.startsWith("-") && !KNOWN.has(a));
if (unknown.length > 0) {
  process.stderr.write(`bench/gate/scale: unknown option(s) ${unknown.join(", ")}; see --help\n`);
  process.exit(2);
}
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const MB = 1e6;
const SETS = {
  tiny: { kind: "tiny", label: "tiny (1 resource)" },
  "1mb": { kind: "realistic", bytes: 1 * MB, label: "realistic 1 MB" },
  "10mb": { kind: "realistic", bytes: 10 * MB, label: "realistic 10 MB" },
  "100mb": { kind: "realistic", bytes: 100 * MB, label: "realistic 100 MB", big: true },
  "500mb": { kind: "realistic", bytes: 500 * MB, label: "realistic 500 MB", big: true },
  "dense-100": { kind: "dense", resources: 100, label: "dense 100" },
  "dense-1000": { kind: "dense", resources: 1000, label: "dense 1,000" },
  "dense-2000": { kind: "dense", resources: 2000, label: "dense 2,000" },
  "dense-10000": { kind: "dense", resources: 10000, label: "dense 10,000", big: true },
  "cdktf-1000": { kind: "cdktf", accounts: 1000, label: "cdktf.out, 1,000 accounts" },
};
const QUICK = ["tiny", "1mb", "10mb", "dense-100", "dense-1000"];
const setArg = opt("sets", "quick");
const NAMES = setArg === "quick" ? QUICK : setArg === "all" ? Object.keys(SETS) : setArg.split(",");
for (const n of NAMES) {
  if (!SETS[n]) {
    process.stderr.write(`bench/gate/scale: unknown set "${n}"; known: quick, all, ${Object.keys(SETS).join(", ")}\n`);
    process.exit(2);
  }
}
const REPS = Number(opt("reps", "5"));
const BIG_REPS = Number(opt("big-reps", "1"));
/** Every measured process is killed (coreutils timeout) after this many minutes and reported as failed. */
const TIMEOUT_MIN = Number(opt("timeout-min", "20"));
const EVALUATORS = ["parse", "check", "opa", "conftest"];
const ONLY = opt("only", EVALUATORS.join(",")).split(",");

const log = (s) => process.stderr.write(`bench/gate/scale: ${s}\n`);
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ------------------------------------------------------------------------------------------------ environment
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

/** A conftest built from source says "dev"; tools/install-tools.sh records the version it built beside it. */
function conftestVersion() {
  const v = version(CONFTEST, ["--version"], /^Conftest: (\S+)/m);
  const recorded = `${CONFTEST}.version`;
  return v === "dev" && existsSync(recorded) ? readFileSync(recorded, "utf8").trim() : v;
}

function git(args) {
  const r = spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "?";
}

/** The measured processes never pick up a config the run did not ask for ($MODELGATE_CONFIG, ./modelgate.yaml). */
const CHILD_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "MODELGATE_CONFIG"));

// ------------------------------------------------------------------------------------------------ processes
/** Run under /usr/bin/time -v and coreutils timeout; wall time measured here, peak RSS from time's report. */
function timed(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME, ["-v", "timeout", `${TIMEOUT_MIN * 60}`, cmd, ...args], { cwd: ROOT, env: CHILD_ENV, encoding: "utf8", maxBuffer: 2 ** 31 - 1 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "");
  const sig = /Command terminated by signal (\d+)/.exec(r.stderr ?? "");
  const stderr = (r.stderr ?? "").split(/\n?\s*Command (being timed|terminated by signal|exited with non-zero)/)[0];
  let error;
  if (r.error) error = `spawn: ${r.error.message}`;
  else if (r.status === 124) error = `killed by the ${TIMEOUT_MIN}-min timeout`;
  else if (sig) error = `killed by signal ${sig[1]}`;
  else if (r.status === 137) error = "killed (SIGKILL, out of memory?)";
  return { ms, rssKb: m ? Number(m[1]) : NaN, status: r.status, stdout: r.stdout ?? "", stderr, error };
}

const firstLine = (s) => s.trim().split("\n").find((l) => l.trim() !== "") ?? "";
/** modelgate's typed errors print "modelgate: error CODE: …": the code says enough in a table cell. */
const reason = (s) => /\berror ([A-Z][A-Z0-9_]+):/.exec(s)?.[1] ?? firstLine(s);

// For a cdktf.out directory: the manifest and every stack's cdk.tf.json, as the gate reads them.
const PARSE_SCRIPT = `
const fs = require("node:fs"), path = require("node:path");
const target = process.argv[1];
let files = [target];
if (fs.statSync(target).isDirectory()) {
  const m = JSON.parse(fs.readFileSync(path.join(target, "manifest.json"), "utf8"));
  files = Object.values(m.stacks).map((s) => path.join(target, s.synthesizedStackPath));
}
let readNs = 0n, parseNs = 0n;
for (const f of files) {
  const t0 = process.hrtime.bigint();
  const text = fs.readFileSync(f, "utf8");
  const t1 = process.hrtime.bigint();
  JSON.parse(text);
  readNs += t1 - t0; parseNs += process.hrtime.bigint() - t1;
}
process.stdout.write(JSON.stringify({ readMs: Number(readNs) / 1e6, parseMs: Number(parseNs) / 1e6 }));`;

function runParse(input) {
  const r = timed(process.execPath, ["-e", PARSE_SCRIPT, input.target]);
  let inner = {};
  if (r.status === 0) inner = JSON.parse(r.stdout);
  else r.error ??= `exit ${r.status}: ${firstLine(r.stderr)}`;
  return { ms: r.ms, rssKb: r.rssKb, status: r.status, error: r.error, parseMs: inner.parseMs, readMs: inner.readMs };
}

function runCheck(input) {
  const r = timed(process.execPath, [BIN, "check", input.target, "--format", "json", ...(input.config ? ["--config", input.config] : [])]);
  let findings = NaN;
  if (!r.error && (r.status === 0 || r.status === 1)) {
    try {
      findings = JSON.parse(r.stdout).findings.length;
    } catch {
      r.error = "exit 0/1 but stdout is not a JSON report";
    }
  } else r.error ??= `exit ${r.status}: ${reason(r.stderr)}`;
  return { ms: r.ms, rssKb: r.rssKb, status: r.status, error: r.error, findings, ...(r.error ? { stderr: r.stderr.slice(0, 2000) } : {}) };
}

function runOpa(input, staged) {
  const query = input.opaStacks
    ? "sum([n | some p in data.bench_stacks; n := count(data.modelgate.main.findings) with input as {\"plan\": p}])"
    : "count(data.modelgate.main.findings)";
  const args = ["eval", "-d", staged.rego, "-d", input.dataFile, ...(input.opaStacks ? ["-d", input.opaStacks] : ["-i", input.wrapped]), "--format", "json", query];
  const r = timed(OPA, args);
  let findings = NaN;
  if (!r.error && r.status === 0) {
    const out = JSON.parse(r.stdout);
    findings = out.result && out.result.length === 1 ? out.result[0].expressions[0].value : NaN;
    if (!Number.isFinite(findings)) r.error = "no result (a rule is undefined on this input)";
  } else {
    // with --format json, opa reports evaluation errors on stdout as {"errors": [{code, message, location}]}
    let e;
    try {
      e = JSON.parse(r.stdout).errors?.[0];
    } catch {
      /* not JSON */
    }
    r.error ??= `exit ${r.status}: ${e ? `${e.code}${e.location ? ` (${e.location.file.replace(/^.*\/rego\//, "")}:${e.location.row})` : ""}` : firstLine(r.stderr)}`;
  }
  return { ms: r.ms, rssKb: r.rssKb, status: r.status, error: r.error, findings };
}

/** conftest's errors name the Rego file and the OPA error code; keep those two. */
const conftestReason = (s) => {
  const m = /rego\/([^\s:]+:\d+): (\w+)/.exec(s);
  return m ? `${m[2]} (${m[1]})` : firstLine(s);
};

function runConftest(input, staged) {
  // conftest queries deny/violation/warn in --namespace; exit 1 = failures found
  const files = input.conftestFiles ?? [input.wrapped];
  const r = timed(CONFTEST, ["test", ...files, "-p", staged.rego, "-p", staged.shim, "--data", input.dataDir, "--namespace", "modelgate.conftest", "--no-color", "-o", "json"]);
  let findings = NaN;
  if (!r.error && (r.status === 0 || r.status === 1)) {
    try {
      findings = JSON.parse(r.stdout).reduce((n, f) => n + (f.failures ?? []).length, 0);
    } catch {
      r.error = `exit ${r.status}: ${conftestReason(r.stderr || r.stdout)}`;
    }
  } else r.error ??= `exit ${r.status}: ${conftestReason(r.stderr || r.stdout)}`;
  return { ms: r.ms, rssKb: r.rssKb, status: r.status, error: r.error, findings };
}

// ------------------------------------------------------------------------------------------------ inputs
/** Copy `plan` into `wrapped` as {"plan": <bytes>} in 16 MiB chunks (never the whole file in memory). */
function wrapStreaming(plan, wrapped) {
  const tmp = `${wrapped}.tmp`;
  const src = openSync(plan, "r");
  const dst = openSync(tmp, "w");
  const buf = Buffer.allocUnsafe(16 * 1024 * 1024);
  writeSync(dst, '{"plan":');
  for (let n; (n = readSync(src, buf, 0, buf.length, null)) > 0; ) writeSync(dst, buf, 0, n);
  writeSync(dst, "}");
  closeSync(src);
  closeSync(dst);
  renameSync(tmp, wrapped);
}

/** Generated plan + wrapped input, reused while the generator version and spec are unchanged. */
function preparePlan(name, spec, regoData, dir) {
  const { GENERATOR_VERSION, writePlan } = require("./generate-scale");
  const vdir = join(dir, `v${GENERATOR_VERSION}`);
  mkdirSync(vdir, { recursive: true });
  const plan = join(vdir, `${name}.json`);
  const wrapped = join(vdir, `${name}.input.json`);
  const metaFile = join(vdir, `${name}.meta.json`);
  const key = JSON.stringify(spec);
  let meta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, "utf8")) : undefined;
  if (!meta || meta.spec !== key || !existsSync(plan) || !existsSync(wrapped) || statSync(plan).size !== meta.stats.bytes) {
    log(`${name}: generating (generator v${GENERATOR_VERSION})`);
    const t0 = Date.now();
    const tmp = `${plan}.tmp`;
    const stats = writePlan(spec, regoData, tmp);
    renameSync(tmp, plan);
    wrapStreaming(plan, wrapped);
    meta = { spec: key, stats, generatedMs: Date.now() - t0 };
    writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    log(`${name}: ${(stats.bytes / MB).toFixed(2)} MB, ${stats.resourceChanges} resource_changes, ${stats.policyBearing} policy-bearing, in ${meta.generatedMs} ms`);
  } else {
    log(`${name}: cached ${relative(ROOT, plan)} (${(meta.stats.bytes / MB).toFixed(2)} MB)`);
  }
  return { target: plan, wrapped, bytes: meta.stats.bytes, stats: meta.stats };
}

const OU_MODELS = [
  ["anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0", "amazon.nova-lite-v1:0"],
  ["amazon.nova-lite-v1:0", "amazon.nova-pro-v1:0", "cohere.embed-v4:0"],
  ["meta.llama3-3-70b-instruct-v1:0", "mistral.mistral-large-3-675b-instruct", "amazon.nova-micro-v1:0"],
];

/**
 * A modelgate.yaml of `n` accounts under 4 OUs (three with their own models, one child OU narrowing the first);
 * every account gets the invoke policy on a role or a group; one account in 10 has its own allow-list.
 */
function organizationYaml(n) {
  const union = [...new Set(OU_MODELS.flat())];
  const ous = [
    { id: "ou-a1b2-workload1", name: "Workloads", parent: "root", models: union.slice(0, 6) },
    { id: "ou-a1b2-prod0001", name: "Production", parent: "ou-a1b2-workload1", models: OU_MODELS[0] },
    { id: "ou-a1b2-research", name: "Research", parent: "root", models: OU_MODELS[1].concat(OU_MODELS[2]) },
    { id: "ou-a1b2-sandbox1", name: "Sandbox", parent: "root", models: OU_MODELS[2] },
  ];
  const lines = [
    "version: 1",
    "organization:",
    '  managementAccountId: "111122223333"',
    "  rootId: r-a1b2",
    "  marketplace:",
    "    mode: subscribe-on-first-call",
    "targets:",
    "  root:",
    "    models:",
    ...union.map((m) => `      - ${m}`),
    "    geographies: [us, eu, global]",
    "    regions: [us-east-1, us-west-2, eu-central-1, eu-west-1]",
    "  ous:",
    ...ous.flatMap((ou) => [`    - id: ${ou.id}`, `      name: ${ou.name}`, `      parent: ${ou.parent}`, `      models: [${ou.models.join(", ")}]`]),
    "accounts:",
  ];
  for (let i = 0; i < n; i++) {
    const id = String(200000000000 + i);
    const ou = ous[i % ous.length];
    lines.push(`  - id: "${id}"`, `    name: acct-${i}`, `    ou: ${ou.id}`, `    region: ${i % 3 === 0 ? "eu-central-1" : "us-east-1"}`, `    assumeRoleArn: arn:aws:iam::${id}:role/ModelgateDeployer`, "    invokePolicy:");
    lines.push(i % 2 === 0 ? "      attachToRoles: [Builder]" : "      attachToGroups: [builders]");
    if (i % 10 === 5) lines.push("    allowList:", `      models: [${ou.models[0]}]`);
  }
  return `${lines.join("\n")}\n`;
}

/** Synthesize the organization with the real renderer, then stage what opa eval and conftest get. */
function prepareCdktf(name, spec, dir, staged) {
  const cdir = join(dir, name);
  rmSync(cdir, { recursive: true, force: true });
  mkdirSync(cdir, { recursive: true });
  const config = join(cdir, "modelgate.yaml");
  writeFileSync(config, organizationYaml(spec.accounts));
  const outdir = join(cdir, "cdktf.out");
  log(`${name}: modelgate synth of ${spec.accounts} accounts`);
  const s = timed(process.execPath, [join(ROOT, "bin/modelgate.js"), "synth", "--config", config, "--outdir", outdir]);
  const synth = { ms: s.ms, rssKb: s.rssKb, status: s.status, error: s.error ?? (s.status !== 0 ? `exit ${s.status}: ${firstLine(s.stderr)}` : undefined) };
  if (synth.error) {
    log(`${name}: synth failed: ${synth.error}`);
    return { failed: synth.error, synth };
  }
  log(`${name}: synthesized in ${Math.round(s.ms)} ms, peak RSS ${Math.round(s.rssKb / 1024)} MiB`);
  // the inputs the gate evaluates, one per stack, built by the gate's own reader
  const { readInput } = require(join(ROOT, "dist/gate"));
  const { gateDataFor } = require(join(ROOT, "dist/config"));
  const { toRegoData } = require(join(ROOT, "dist/catalog"));
  const inputs = readInput(join(outdir, "manifest.json"));
  const stacksDir = join(cdir, "inputs");
  mkdirSync(stacksDir, { recursive: true });
  const conftestFiles = inputs.map((inp, k) => {
    const f = join(stacksDir, `${String(k).padStart(4, "0")}.json`);
    writeFileSync(f, JSON.stringify(inp.document));
    return f;
  });
  const opaStacks = join(cdir, "opa-stacks.json");
  writeFileSync(opaStacks, JSON.stringify({ bench_stacks: inputs.map((inp) => inp.document.plan) }));
  const data = gateDataFor(config);
  const dataDir = join(cdir, "data");
  mkdirSync(dataDir, { recursive: true });
  const dataFile = join(dataDir, "data.json");
  writeFileSync(dataFile, JSON.stringify(toRegoData(data.catalog, data.approved)));
  const bytes = inputs.reduce((n, inp) => n + statSync(inp.file).size, 0);
  const resourceChanges = inputs.reduce((n, inp) => n + inp.document.plan.resource_changes.length, 0);
  return { target: outdir, config, conftestFiles, opaStacks, dataFile, dataDir, bytes, stats: { stacks: inputs.length, resourceChanges }, synth };
}

// ------------------------------------------------------------------------------------------------ main
function main() {
  preconditions();
  mkdirSync(OUT, { recursive: true });
  const env = {
    node: process.version,
    cpus: `${os.cpus().length} x ${os.cpus()[0]?.model ?? "?"}`,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAvg: os.loadavg().map((x) => x.toFixed(1)).join(" "),
    opa: version(OPA, ["version"], /^Version: (\S+)/m),
    conftest: `${conftestVersion()} (OPA ${version(CONFTEST, ["--version"], /^OPA: (\S+)/m)})`,
    commit: git(["rev-parse", "--short=12", "HEAD"]),
    dirty: git(["status", "--porcelain", "--untracked-files=no"]) !== "",
    date: new Date().toISOString(),
    timeoutMin: TIMEOUT_MIN,
  };
  const check = spawnSync("bash", [join(ROOT, "tools/build-wasm.sh"), "--check"], { cwd: ROOT, encoding: "utf8" });
  env.wasmFresh = check.status === 0;
  log(`node ${env.node}, ${env.cpus}, ${env.memGiB} GiB, opa ${env.opa}, conftest ${env.conftest}, commit ${env.commit}${env.dirty ? " (modified)" : ""}`);
  log(`rego/dist/policy.wasm ${env.wasmFresh ? "matches" : "DOES NOT match"} the Rego sources (tools/build-wasm.sh --check)`);

  const dir = join(OUT, "scale");
  const staged = { rego: join(dir, "rego"), shim: join(dir, "conftest-shim") };
  require("./stage-rego").stageRego(staged.rego);
  rmSync(staged.shim, { recursive: true, force: true });
  mkdirSync(staged.shim, { recursive: true });
  cpSync(join(__dirname, "conftest_shim.rego"), join(staged.shim, "conftest_shim.rego"));
  const { loadCatalog, toRegoData } = require(join(ROOT, "dist/catalog"));
  const regoData = toRegoData(loadCatalog());
  const dataDir = join(dir, "data");
  mkdirSync(dataDir, { recursive: true });
  const dataFile = join(dataDir, "data.json");
  writeFileSync(dataFile, JSON.stringify(regoData));

  const previous = existsSync(RESULTS) && argv.includes("--merge") ? JSON.parse(readFileSync(RESULTS, "utf8")).rows : [];
  const rows = [];
  for (const name of NAMES) {
    const spec = SETS[name];
    const input = spec.kind === "cdktf" ? prepareCdktf(name, spec, dir, staged) : { ...preparePlan(name, spec, regoData, dir), dataFile, dataDir };
    const row = { name, label: spec.label, kind: spec.kind, bytes: input.bytes, stats: input.stats, synth: input.synth, reps: 0, samples: {}, ran: { commit: env.commit, date: env.date, loadAvg: env.loadAvg } };
    if (input.failed) {
      row.failed = input.failed;
      rows.push(row);
      continue;
    }
    const reps = spec.big ? BIG_REPS : REPS;
    row.reps = reps;
    const run = { parse: () => runParse(input), check: () => runCheck(input), opa: () => runOpa(input, staged), conftest: () => runConftest(input, staged) };
    const active = EVALUATORS.filter((e) => ONLY.includes(e));
    for (const e of active) row.samples[e] = [];
    for (let r = 0; r < reps; r++) {
      for (let k = 0; k < active.length; k++) {
        const e = active[(k + r) % active.length];
        const s = run[e]();
        row.samples[e].push(s);
        log(`${name} ${r + 1}/${reps} ${e}: ${Math.round(s.ms)} ms, ${Math.round(s.rssKb / 1024)} MiB${s.findings !== undefined ? `, ${s.findings} findings` : ""}${s.error ? `, FAILED: ${s.error}` : ""}`);
      }
    }
    summarize(row);
    rows.push(row);
    writeFileSync(RESULTS, JSON.stringify({ env, rows: merge(previous, rows) }, null, 2));
  }
  env.loadAvgEnd = os.loadavg().map((x) => x.toFixed(1)).join(" ");
  const all = merge(previous, rows);
  writeFileSync(RESULTS, JSON.stringify({ env, rows: all }, null, 2));
  process.stdout.write(table(env, all));
}

/** --merge: rows of this run replace the previous run's rows of the same name; the others are kept. */
function merge(previous, rows) {
  const names = new Set(rows.map((r) => r.name));
  const order = Object.keys(SETS);
  return [...previous.filter((r) => !names.has(r.name)), ...rows].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

function summarize(row) {
  const s = row.samples;
  row.summary = {};
  for (const [e, xs] of Object.entries(s)) {
    const ok = xs.filter((x) => !x.error);
    row.summary[e] = {
      ms: median(ok.map((x) => x.ms)),
      minMs: Math.min(...ok.map((x) => x.ms)),
      rssKb: median(ok.map((x) => x.rssKb)),
      parseMs: e === "parse" ? median(ok.map((x) => x.parseMs)) : undefined,
      findings: ok.length ? ok[0].findings : undefined,
      findingsVary: new Set(ok.map((x) => x.findings)).size > 1,
      failed: xs.length - ok.length,
      error: xs.find((x) => x.error)?.error,
      errorMs: xs.find((x) => x.error)?.ms,
      errorRssKb: xs.find((x) => x.error)?.rssKb,
    };
  }
  const paired = (a, b) => {
    if (!s[a] || !s[b]) return NaN;
    return median(s[a].map((x, r) => (!x.error && s[b][r] && !s[b][r].error ? x.ms / s[b][r].ms : NaN)));
  };
  row.ratios = { checkParse: paired("check", "parse"), checkOpa: paired("check", "opa") };
  const counts = ["check", "opa", "conftest"].filter((e) => row.summary[e]).map((e) => row.summary[e]);
  row.findingsAgree = counts.length > 0 && counts.every((c) => !c.failed && !c.findingsVary && Number.isFinite(c.findings) && c.findings === counts[0].findings);
}

// ------------------------------------------------------------------------------------------------ report
function table(env, rows) {
  const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "—");
  const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : "—");
  const x = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "—");
  const mib = (kb) => (Number.isFinite(kb) ? Math.round(kb / 1024).toLocaleString("en-US") : "—");
  const size = (b) => (b >= 10 * MB ? `${(b / MB).toFixed(0)} MB` : b >= MB ? `${(b / MB).toFixed(1)} MB` : `${(b / 1e3).toFixed(1)} KB`);
  const cell = (c) => {
    if (!c) return "not run";
    if (c.failed && !Number.isFinite(c.ms)) return `**failed**: ${String(c.error).slice(0, 70)} (after ${f0(c.errorMs)} ms, ${mib(c.errorRssKb)} MiB)`;
    return `${f0(c.ms)} ms, ${mib(c.rssKb)} MiB${c.failed ? ` (${c.failed} failed: ${String(c.error).slice(0, 40)})` : ""}`;
  };
  const lines = [];
  lines.push(`Machine: ${env.cpus}, ${env.memGiB} GiB; Node ${env.node}; OPA ${env.opa}; conftest ${env.conftest}; load average (1/5/15 min) at start ${env.loadAvg}${env.loadAvgEnd ? `, at the end ${env.loadAvgEnd}` : ""}.`);
  lines.push(
    `Commit ${env.commit}${env.dirty ? " (with uncommitted changes)" : ""}, ${env.date.slice(0, 16).replace("T", " ")} UTC; rego/dist/policy.wasm ${env.wasmFresh ? "matched" : "did NOT match"} the Rego sources. ` +
      `Wall time: median over the repetitions; RSS: peak (median); ratios: median of per-repetition ratios; timeout ${env.timeoutMin} min per process.`,
  );
  lines.push("");
  lines.push("| input | bytes | resource_changes (policy-bearing) | reps | JSON.parse process (in-process parse) | `modelgate check` | `opa eval` | `conftest test` | check / JSON.parse | check / opa | findings (check / opa / conftest) |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const r of rows) {
    const st = r.stats ?? {};
    const rc = r.kind === "cdktf" ? `${f0(st.resourceChanges)} in ${f0(st.stacks)} stacks` : `${f0(st.resourceChanges)} (${f0(st.policyBearing)})`;
    if (r.failed) {
      lines.push(`| ${r.label} | — | — | 0 | **input not built**: ${r.failed} | | | | | | |`);
      continue;
    }
    const s = r.summary;
    const p = s.parse;
    const parseCell = p ? `${cell(p)}${Number.isFinite(p.parseMs) ? ` (${p.parseMs < 10 ? p.parseMs.toFixed(1) : f0(p.parseMs)} ms)` : ""}` : "not run";
    const fc = (c) => (c ? (c.failed && !Number.isFinite(c.findings) ? "failed" : f0(c.findings)) : "—");
    lines.push(
      `| ${r.label} | ${size(r.bytes)} | ${rc} | ${r.reps} | ${parseCell} | ${cell(s.check)} | ${cell(s.opa)} | ${cell(s.conftest)} | ${x(r.ratios.checkParse)} | ${x(r.ratios.checkOpa)} | ${fc(s.check)} / ${fc(s.opa)} / ${fc(s.conftest)} ${r.findingsAgree ? "✓" : "✗"} |`,
    );
  }
  const runs = new Set(rows.map((r) => (r.ran ? `${r.ran.commit} ${r.ran.date}` : "")));
  if (runs.size > 1) {
    lines.push("", "Rows from more than one run (--merge):");
    for (const r of rows) if (r.ran) lines.push(`- ${r.label}: commit ${r.ran.commit}, ${r.ran.date.slice(0, 16).replace("T", " ")} UTC, load average at start ${r.ran.loadAvg}`);
  }
  const synth = rows.find((r) => r.synth);
  if (synth) lines.push("", `The cdktf.out was synthesized in this run by \`modelgate synth\` (${cell(synth.synth)}); its bytes are the stacks' cdk.tf.json files.`);
  lines.push("", "Goals (issue #7):");
  const goal = (ok, text) => lines.push(`- ${ok === undefined ? "not measured" : ok ? "met" : "NOT met"}: ${text}`);
  const by = (n) => rows.find((r) => r.name === n && !r.failed);
  const checkOk = (r) => r && r.summary.check && !r.summary.check.failed;
  /** undefined (not measured) when an evaluator the goal compares with did not run; false when check failed. */
  const vs = (r, other, ratio, limit) => (!r.summary.check || !r.summary[other] ? undefined : checkOk(r) && ratio <= limit);
  const tiny = by("tiny");
  if (tiny) goal(vs(tiny, "opa", tiny.ratios.checkOpa, 1.5), `tiny plan: check within 1.5× of opa eval (${x(tiny.ratios.checkOpa)})`);
  for (const n of ["10mb", "100mb", "500mb"]) {
    const r = by(n);
    if (!r) continue;
    goal(vs(r, "parse", r.ratios.checkParse, 1.5), `${r.label}: check within 1.5× of JSON.parse (${checkOk(r) ? x(r.ratios.checkParse) : "check failed"})`);
    // opa eval stopped by the timeout ran at least that long: a bound, not a ratio (a process killed otherwise proves nothing)
    const o = r.summary.opa;
    const bound = o && !o.findings && o.failed && /timeout/.test(o.error ?? "") && checkOk(r) ? r.summary.check.ms / o.errorMs : undefined;
    if (bound !== undefined) goal(bound <= 0.5, `${r.label}: check at least 2× faster than opa eval (opa eval still running when the timeout stopped it: ≤ ${x(bound)})`);
    else goal(vs(r, "opa", r.ratios.checkOpa, 0.5), `${r.label}: check at least 2× faster than opa eval (${checkOk(r) ? x(r.ratios.checkOpa) : "check failed"})`);
  }
  for (const [n, limit] of [["dense-2000", 2000], ["dense-10000", 10000]]) {
    const r = by(n);
    if (!r) continue;
    const c = r.summary.check;
    goal(checkOk(r) && c.ms < limit && c.rssKb < 500 * 1024, `${r.label}: under ${limit / 1000} s and 500 MB (${f0(c?.ms)} ms, ${mib(c?.rssKb)} MiB)`);
  }
  const cd = by("cdktf-1000");
  if (cd) goal(checkOk(cd) && cd.summary.check.ms < 5000, `cdktf.out of 1,000 accounts gated in under 5 s (${f0(cd.summary.check?.ms)} ms)`);
  goal(
    rows.some((r) => r.summary && ["check", "opa", "conftest"].filter((e) => r.summary[e]).length >= 2) ? rows.every((r) => r.findingsAgree) : undefined,
    "every evaluator returned the same number of findings on every input",
  );
  return `${lines.join("\n")}\n`;
}

if (argv.includes("--table-only")) {
  // re-render the table of the last run without measuring
  const { env, rows } = JSON.parse(readFileSync(RESULTS, "utf8"));
  process.stdout.write(table(env, rows));
} else {
  main();
}
