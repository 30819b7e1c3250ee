#!/usr/bin/env node
// Load benchmark for `modelgate serve` (the HCP Terraform run task), on loopback only.
//
// A fake HCP in this process serves generated plans (~1 MB and ~10 MB; --plans realistic, the default: a large
// workspace's plans, ~1 % policy-bearing, bench/gate/generate-scale.js; --plans dense: every resource bears a
// policy, bench/gate/generate.js) behind a 307, and
// records callbacks. The server runs as a real child process (node dist/cli/bin.js serve), signed with an HMAC
// key. Clients keep --clients requests outstanding (closed loop); each task's latency is request sent → callback
// received. Reported per plan size: throughput, p50/p99 latency, 429s, lost callbacks (accepted but never called
// back); and the server's RSS over time (from /proc/<pid>/status every --rss-ms).
//
//   npm run build && node bench/runtask/run.js                        defaults below; JSON in bench/out/runtask/
//   node bench/runtask/run.js --tasks-1mb 100 --tasks-10mb 10 --clients 8 --server-concurrency 4
//   node bench/runtask/run.js --vary one     a workspace re-planned with one resource changed (the server cache)
//   node bench/runtask/run.js --server-node-args ""   the server under Node's default flags (the default run uses
//                                            the recipes' --single-threaded-gc; see SERVER_NODE_ARGS)
//
// A warm-up phase (--warmup, 1 MB plans) comes first and is reported in its own row: a fresh server spends its
// first few hundred tasks compiling (V8 tiers the policy's WebAssembly and the hot JavaScript up on background
// threads: ~1 s of CPU, ~3 ms per task over the first 300), so the phases after it measure the server as it runs
// for hours. --warmup 10 measures a cold server.
//
// Bounded: at most --warmup + --tasks-1mb + --serial-1mb + --tasks-10mb tasks, and the whole run stops after
// --timeout-s seconds (tasks still waiting then count as lost).
"use strict";
const { spawn } = require("node:child_process");
const { createHmac } = require("node:crypto");
const { mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const { join, resolve } = require("node:path");

const ROOT = resolve(__dirname, "..", "..");
const OUT = join(ROOT, "bench", "out", "runtask");
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : def;
};
const TASKS_1MB = Number(opt("tasks-1mb", "200"));
const TASKS_10MB = Number(opt("tasks-10mb", "20"));
const SERIAL_1MB = Number(opt("serial-1mb", "20")); // one at a time: latency without queueing
const WARMUP = Number(opt("warmup", "400")); // 1 MB tasks before the measured phases (see above)
const CLIENTS = Number(opt("clients", "8"));
const SERVER_CONCURRENCY = Number(opt("server-concurrency", "4"));
// Node's flags for the server: by default those of the deployment recipes for small machines (README "Terraform
// Cloud", examples/runtask/); --server-node-args "" measures Node's defaults, and e.g. --server-node-args
// "--single-threaded-gc --cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (its workers too)
const SERVER_NODE_ARGS = opt("server-node-args", "--single-threaded-gc").split(" ").filter(Boolean);
const WORKERS = opt("workers", undefined); // default: the server's (one per core)
const TIMEOUT_S = Number(opt("timeout-s", "600"));
const RSS_MS = Number(opt("rss-ms", "500"));
const TASK_TIMEOUT_MS = Number(opt("task-timeout-s", "120")) * 1000;
const KEY = "bench-hmac-key";
// How task n's plan differs from the generated one (the server caches findings of pieces it judged before):
// "all" tags every resource with n (each plan new: nothing is reused), "one" tags one resource (a workspace's next
// run: one group of resources to judge again), "none" sends the same plan every time (an upper bound).
const VARY = opt("vary", "all");
if (!["all", "one", "none"].includes(VARY)) throw new Error(`--vary must be all, one or none, not ${VARY}`);
const CACHE_MB = opt("cache-mb", undefined); // default: the server's
const log = (msg) => process.stderr.write(`[runtask bench] ${msg}\n`);

// "realistic": plans of a large workspace (bench/gate/generate-scale.js: ~99 % unrelated resources, ~1 % policy
// bearing, as issue #7 defines realistic plans); "dense": every resource bears a policy (bench/gate/generate.js)
const PLANS = opt("plans", "realistic");
if (!["realistic", "dense"].includes(PLANS)) throw new Error(`--plans must be realistic or dense, not ${PLANS}`);

function generatePlans() {
  const { loadCatalog, toRegoData } = require(join(ROOT, "dist/catalog"));
  const regoData = toRegoData(loadCatalog());
  const plans = {};
  for (const [label, n, mb] of [["1mb", 100, 1], ["10mb", 1000, 10]]) {
    let plan;
    if (PLANS === "dense") {
      plan = require(join(ROOT, "bench/gate/generate")).generatePlan(n, regoData, { poolSize: 20 }).plan;
    } else {
      const { writePlan } = require(join(ROOT, "bench/gate/generate-scale"));
      mkdirSync(OUT, { recursive: true });
      const file = join(OUT, `realistic-${label}.json`);
      writePlan({ kind: "realistic", bytes: mb * 1024 * 1024 }, regoData, file);
      plan = JSON.parse(readFileSync(file, "utf8"));
    }
    plans[label] = { plan, bytes: Buffer.from(JSON.stringify(plan)), length: 0 };
    plans[label].length = plans[label].bytes.length;
    const policyBearing = plan.resource_changes.filter((rc) => /policy|ssoadmin/.test(rc.type)).length;
    log(`plan ${label} (${PLANS}): ${plan.resource_changes.length} resource changes (${policyBearing} policy-bearing), ${(plans[label].length / 1e6).toFixed(2)} MB`);
  }
  return plans;
}

/** Task n's plan JSON, as --vary says: tags that change the bytes of one or of every resource, not its findings. */
function planFor(entry, n) {
  if (VARY === "none") return entry.bytes;
  const rcs = entry.plan.resource_changes.filter((rc) => rc.change.after !== null && typeof rc.change.after === "object");
  const touched = VARY === "all" ? rcs : [rcs[n % rcs.length]];
  const saved = touched.map((rc) => rc.change.after.tags);
  for (const rc of touched) rc.change.after.tags = { "bench-task": String(n) };
  const bytes = Buffer.from(JSON.stringify(entry.plan));
  touched.forEach((rc, i) => (rc.change.after.tags = saved[i]));
  return bytes;
}

/** Plan bodies made before a phase starts (planFor re-serializes the plan: not on the clock, not on the cores). */
const bodies = new Map();

/** The fake HCP: plan endpoint (307 → archivist path) and callback endpoint. */
function startFakeHcp(plans, onCallback) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      let m = /^\/api\/v2\/plans\/(1mb|10mb)-(\d+)\/json-output$/.exec(req.url);
      if (req.method === "GET" && m) return void res.writeHead(307, { location: `/archivist/${m[1]}-${m[2]}?sig=x` }).end();
      m = /^\/archivist\/(1mb|10mb)-(\d+)\?sig=x$/.exec(req.url);
      if (req.method === "GET" && m) {
        const plan = bodies.get(`${m[1]}-${m[2]}`) ?? planFor(plans[m[1]], Number(m[2]));
        return void res.writeHead(200, { "content-type": "application/json", "content-length": plan.length }).end(plan);
      }
      m = /^\/api\/v2\/task-results\/([^/]+)\/callback$/.exec(req.url);
      if (req.method === "PATCH" && m) {
        res.writeHead(200).end("{}");
        return void onCallback(m[1], Buffer.concat(chunks).toString("utf8"));
      }
      res.writeHead(404).end();
    });
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(server)));
}

function startServer(hcpHost) {
  const child = spawn(
    process.execPath,
    [
      ...SERVER_NODE_ARGS,
      join(ROOT, "dist/cli/bin.js"), "serve", "--port", "0", "--host", "127.0.0.1", "--tfc-host", hcpHost, "--insecure-http",
      "--concurrency", String(SERVER_CONCURRENCY), "--queue", "1000", "--max-plan-bytes", String(32 * 1024 * 1024), "--log-level", "info", ...(WORKERS !== undefined ? ["--workers", WORKERS] : []),
      ...(CACHE_MB !== undefined ? ["--cache-mb", CACHE_MB] : []),
    ],
    { env: { ...process.env, MODELGATE_HMAC_KEY: KEY }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (c) => {
    stderr += c;
    process.stderr.write(`[server stderr] ${c}`);
  });
  child.on("exit", (code, signal) => log(`server exited: code ${code} signal ${signal}`));
  const logLines = []; // kept small: only warnings and errors are stored after start-up
  return new Promise((resolveStart, reject) => {
    let buf = "";
    child.stdout.on("data", (c) => {
      buf += c;
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try {
          const j = JSON.parse(line);
          if (j.level >= 40) {
            logLines.push(j);
            if (j.level >= 50) log(`server error: ${line.slice(0, 500)}`);
          }
          if (j.msg === "modelgate run task listening") {
            clearTimeout(startTimer);
            resolveStart({ child, address: j.address, logLines });
          }
        } catch {
          /* not JSON */
        }
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code} before listening: ${stderr}`)));
    const startTimer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the server did not log that it listens within 60 s"));
    }, 60_000);
  });
}

function rssKiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (fields 14 and 15, in clock ticks). */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const plans = generatePlans();
  const waiting = new Map(); // task id → resolve(callback time)
  let callbacks = 0;
  const statuses = {};
  const hcp = await startFakeHcp(plans, (id, body) => {
    callbacks++;
    const s = JSON.parse(body).data.attributes.status;
    statuses[s] = (statuses[s] ?? 0) + 1;
    const w = waiting.get(id);
    if (w) w(process.hrtime.bigint());
  });
  const hcpHost = `127.0.0.1:${hcp.address().port}`;
  const { child, address, logLines } = await startServer(hcpHost);
  // A hard stop well after the deadline, whatever hangs.
  setTimeout(() => {
    process.stderr.write("[runtask bench] hard timeout: killing the server\n");
    child.kill("SIGKILL");
    process.exit(1);
  }, (TIMEOUT_S + 120) * 1000).unref();
  log(`server pid ${child.pid} at ${address}; fake HCP at ${hcpHost}`);
  const t0 = process.hrtime.bigint();
  const rss = [];
  const sampler = setInterval(() => rss.push({ s: Number(process.hrtime.bigint() - t0) / 1e9, kib: rssKiB(child.pid) }), RSS_MS);
  const deadline = Date.now() + TIMEOUT_S * 1000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

  function post(body) {
    const raw = Buffer.from(JSON.stringify(body));
    const sig = createHmac("sha512", KEY).update(raw).digest("hex");
    const url = new URL(address);
    return new Promise((res, rej) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: "/", method: "POST", agent, headers: { "content-type": "application/json", "content-length": raw.length, "x-tfc-task-signature": sig } },
        (r) => {
          r.resume();
          r.on("end", () => res(r.statusCode));
        },
      );
      req.on("error", rej);
      req.end(raw);
    });
  }

  let seq = 0;
  async function runTask(size, phase) {
    const id = `${size}-${seq++}`;
    const body = {
      payload_version: 1, stage: "post_plan", access_token: `token-${id}`, task_result_id: id, run_id: `run-${id}`,
      plan_json_api_url: `http://${hcpHost}/api/v2/plans/${id}/json-output`,
      task_result_callback_url: `http://${hcpHost}/api/v2/task-results/${id}/callback`,
      task_result_enforcement_level: "mandatory", organization_name: "bench", workspace_name: "ws",
    };
    const sent = process.hrtime.bigint();
    const got = new Promise((r) => waiting.set(id, r));
    let status;
    let refused = 0;
    let ackMs;
    for (;;) {
      const postStart = process.hrtime.bigint();
      status = await post(body);
      ackMs = Number(process.hrtime.bigint() - postStart) / 1e6;
      if (status !== 429) break;
      refused++;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (status !== 200) return { phase, id, status, refused, lost: false, error: true };
    const timeout = new Promise((r) => setTimeout(() => r(null), Math.max(0, Math.min(TASK_TIMEOUT_MS, deadline - Date.now()))));
    const at = await Promise.race([got, timeout]);
    waiting.delete(id);
    return { phase, id, status, refused, ackMs, lost: at === null, ms: at === null ? undefined : Number(at - sent) / 1e6 };
  }

  async function phase(name, size, count, clients = CLIENTS) {
    bodies.clear();
    for (let k = 0; k < count; k++) bodies.set(`${size}-${seq + k}`, planFor(plans[size], seq + k));
    log(`phase ${name}: ${count} tasks with ${size} plans, ${clients} clients`);
    const results = [];
    let next = 0;
    const start = process.hrtime.bigint();
    const serverCpu0 = cpuSeconds(child.pid);
    const ownCpu0 = process.cpuUsage();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < count && Date.now() < deadline) {
          next++;
          results.push(await runTask(size, name));
        }
      }),
    );
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const serverCpuS = cpuSeconds(child.pid) - serverCpu0;
    const own = process.cpuUsage(ownCpu0);
    const harnessCpuS = (own.user + own.system) / 1e6;
    const lat = results.filter((r) => r.ms !== undefined).map((r) => r.ms).sort((a, b) => a - b);
    const acks = results.filter((r) => r.ackMs !== undefined).map((r) => r.ackMs).sort((a, b) => a - b);
    const row = {
      ackP50ms: percentile(acks, 50), ackP99ms: percentile(acks, 99),
      phase: name, clients, tasks: results.length, wallS: wall, tasksPerS: results.length / wall,
      p50ms: percentile(lat, 50), p99ms: percentile(lat, 99), maxms: lat[lat.length - 1],
      refused429: results.reduce((a, r) => a + r.refused, 0), lost: results.filter((r) => r.lost).length,
      errors: results.filter((r) => r.error).length, planBytes: plans[size].length,
      // CPU per task: the server process (all its threads) and this process (fake HCP and clients), which share
      // the machine's cores; their sum over the cores bounds the throughput
      serverCpuMsPerTask: (1000 * serverCpuS) / results.length, harnessCpuMsPerTask: (1000 * harnessCpuS) / results.length,
    };
    log(`  ${row.tasks} tasks in ${wall.toFixed(1)} s: ${row.tasksPerS.toFixed(2)} tasks/s, p50 ${row.p50ms.toFixed(0)} ms, p99 ${row.p99ms.toFixed(0)} ms, lost ${row.lost}; CPU per task: server ${row.serverCpuMsPerTask.toFixed(1)} ms, harness ${row.harnessCpuMsPerTask.toFixed(1)} ms`);
    return row;
  }

  const rows = [];
  if (WARMUP > 0) rows.push(await phase("warm-up (1 MB)", "1mb", WARMUP));
  const rssAfterWarm = rssKiB(child.pid);
  if (SERIAL_1MB > 0) rows.push(await phase("1 MB, one at a time", "1mb", SERIAL_1MB, 1));
  if (TASKS_1MB > 0) rows.push(await phase("1 MB", "1mb", TASKS_1MB));
  if (TASKS_10MB > 0) rows.push(await phase("10 MB", "10mb", TASKS_10MB));
  clearInterval(sampler);
  const exited = new Promise((r) => child.on("exit", (code, signal) => r({ code, signal })));
  child.kill("SIGTERM");
  const exit = await exited;
  agent.destroy();
  hcp.close();

  const env = {
    date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model,
    loadavg: os.loadavg(), plans: PLANS, clients: CLIENTS, serverConcurrency: SERVER_CONCURRENCY, workers: WORKERS ?? "default", vary: VARY, cacheMb: CACHE_MB ?? "default",
    wasmSha256: JSON.parse(readFileSync(join(ROOT, "rego/dist/manifest.json"), "utf8")).wasmSha256,
  };
  const kib = rss.map((r) => r.kib).filter((k) => k !== undefined);
  const summary = {
    env, rows, callbacks, statuses, serverExit: exit, serverWarnings: logLines.length, firstWarnings: logLines.slice(0, 5),
    rss: { afterWarmUpMiB: rssAfterWarm / 1024, maxMiB: Math.max(...kib) / 1024, lastMiB: kib[kib.length - 1] / 1024, samples: rss },
  };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "results.json"), JSON.stringify(summary, null, 2));
  // Table on stdout.
  const f = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "—");
  console.log("| plans | clients | tasks | tasks/s | request → callback p50 | p99 | max | request → 200 p50 / p99 | 429s | lost callbacks | CPU per task: server / harness |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(`| ${r.phase} (${(r.planBytes / 1e6).toFixed(2)} MB) | ${r.clients} | ${r.tasks} | ${f(r.tasksPerS, 2)} | ${f(r.p50ms)} ms | ${f(r.p99ms)} ms | ${f(r.maxms)} ms | ${f(r.ackP50ms, 1)} / ${f(r.ackP99ms, 1)} ms | ${r.refused429} | ${r.lost} | ${f(r.serverCpuMsPerTask, 1)} / ${f(r.harnessCpuMsPerTask, 1)} ms |`);
  }
  const step = Math.max(1, Math.floor(rss.length / 12));
  console.log(`\nRSS (MiB) every ${((step * RSS_MS) / 1000).toFixed(1)} s: ${rss.filter((_, i) => i % step === 0).map((r) => f(r.kib / 1024)).join(", ")}`);
  console.log(`after warm-up ${f(summary.rss.afterWarmUpMiB)} MiB, max ${f(summary.rss.maxMiB)} MiB, last ${f(summary.rss.lastMiB)} MiB; callbacks ${callbacks} (${JSON.stringify(statuses)}); server exit ${JSON.stringify(exit)}; server warnings/errors logged: ${logLines.length}`);
  console.log(`plans: ${PLANS}; vary: ${VARY}; server --cache-mb ${CACHE_MB ?? "default"}; server's node flags: ${SERVER_NODE_ARGS.join(" ") || "none"}`);
  console.log(`machine: ${env.cpus} cores ${env.cpuModel}, ${env.node}, load average at end ${env.loadavg.map((l) => l.toFixed(2)).join(" ")}`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
