/**
 * The real `modelgate` process (dist/cli/bin.js, rebuilt when stale): what a pipe, a closed pipe and standard input
 * see. In-process tests cannot show these: they are about how the process ends and how its streams drain.
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { main } from "../../cli";
import type { CliIo } from "../../cli/io";
import { REPO, iamPolicyChange, plan, requireRealWasm, tempDir, writeTemp } from "../gate/wasm-helper";
import { ensureBuilt } from "../support/built-cli";

const WIDE = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] };

let bin: string;
let dir: string;
let large: string;
/** An environment without MODELGATE_CONFIG or NO_COLOR from the machine running the tests. */
const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };

beforeAll(() => {
  bin = ensureBuilt();
  requireRealWasm();
  dir = tempDir("modelgate-bin-");
  // 240 policies that allow every model: a finding or more each, so the SARIF report is far over 64 KiB.
  const changes = Array.from({ length: 240 }, (_, i) => iamPolicyChange(`aws_iam_policy.wide_${String(i).padStart(3, "0")}`, WIDE));
  large = writeTemp(dir, "large.json", JSON.stringify(plan(changes)));
});

/** Run the process with stdout and stderr on pipes; resolves with every byte both carried and the exit code. */
function runPiped(args: string[], input?: Buffer): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => (err += b.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr: err }));
    child.stdin.end(input ?? Buffer.alloc(0));
  });
}

async function inProcess(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const io: CliIo = { stdout: (s) => void (stdout += s), stderr: () => undefined, cwd: dir };
  return { code: await main(args, io), stdout };
}

describe("modelgate (process): a report written to a pipe arrives whole", () => {
  it("GIVEN a SARIF report far over 64 KiB WHEN stdout is a pipe THEN every byte arrives, identical to the in-process report", async () => {
    const expected = await inProcess(["check", large, "-f", "sarif"]);
    const piped = await runPiped(["check", large, "-f", "sarif"]);
    expect(expected.stdout.length).toBeGreaterThan(2 * 65536);
    expect(piped.stderr).toBe("");
    expect(piped.code).toBe(1);
    expect(piped.stdout.length).toBe(Buffer.byteLength(expected.stdout));
    expect(piped.stdout.toString("utf8")).toBe(expected.stdout);
  });

  it("GIVEN the reader closes the pipe early (| head -c 100) THEN no EPIPE trace on stderr and the exit code is still the verdict", () => {
    const script = `"${process.execPath}" "${bin}" check "${large}" -f sarif 2>"${dir}/err.txt" | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const r = spawnSync("bash", ["-c", script], { cwd: dir, env, encoding: "utf8" });
    expect(r.stdout.trim()).toBe("1");
    expect(readFileSync(path.join(dir, "err.txt"), "utf8")).toBe("");
  });

  it("GIVEN --help piped into a reader that exits at once THEN it ends quietly with exit 0", () => {
    const script = `"${process.execPath}" "${bin}" --help 2>"${dir}/help-err.txt" | true; echo "\${PIPESTATUS[0]}"`;
    const r = spawnSync("bash", ["-c", script], { cwd: dir, env, encoding: "utf8" });
    expect(r.stdout.trim()).toBe("0");
    expect(readFileSync(path.join(dir, "help-err.txt"), "utf8")).toBe("");
  });
});

describe("modelgate check - : the plan from standard input", () => {
  it("GIVEN a plan on stdin THEN the report equals the one for the same plan as a file, named <stdin>", async () => {
    const bytes = readFileSync(large);
    const fromStdin = await runPiped(["check", "-", "-f", "json"], bytes);
    const fromFile = await inProcess(["check", large, "-f", "json"]);
    expect(fromStdin.code).toBe(1);
    const a = JSON.parse(fromStdin.stdout.toString("utf8"));
    const b = JSON.parse(fromFile.stdout);
    expect(a.summary.inputs).toEqual([{ file: "<stdin>", kind: "plan" }]);
    expect(a.findings.map((f: { key: string }) => f.key)).toEqual(b.findings.map((f: { key: string }) => f.key));
  });

  it("GIVEN empty stdin THEN exit 2 saying what to pipe in", async () => {
    const r = await runPiped(["check", "-"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "modelgate: error INPUT_EMPTY: <stdin>: standard input is empty; pipe a plan in: terraform show -json tfplan | modelgate check -\n",
    );
  });
});

describe("modelgate (process): check never loads cdktf; synth does", () => {
  const HOOK = `process.on("exit", () => { const n = Object.keys(require.cache).filter((k) => k.includes("${path.sep}node_modules${path.sep}cdktf${path.sep}")).length; process.stderr.write("cdktf modules: " + n + "\\n"); });`;

  function loadedCdktf(args: string[]): number {
    const hook = writeTemp(dir, "hook.js", HOOK);
    const r = spawnSync(process.execPath, ["-r", hook, bin, ...args], { cwd: dir, env, encoding: "utf8" });
    const m = /cdktf modules: (\d+)/.exec(r.stderr);
    if (!m) throw new Error(`no hook output: ${r.stderr}`);
    return Number(m[1]);
  }

  it("GIVEN check THEN no cdktf module was loaded", () => {
    expect(loadedCdktf(["check", large, "-f", "json", "-o", path.join(dir, "out.json")])).toBe(0);
  });

  it("GIVEN synth THEN cdktf was loaded (the probe can see it)", () => {
    const example = path.resolve(__dirname, "..", "..", "examples", "organization", "modelgate.yaml");
    expect(loadedCdktf(["synth", "--config", example, "--outdir", path.join(dir, "cdktf.out"), "--quiet"])).toBeGreaterThan(0);
  });
});

describe("modelgate (process): check loads only what it needs to start fast (BENCHMARKS.md, Start-up)", () => {
  const HOOK = `process.on("exit", () => { const builtins = (process.moduleLoadList ?? []).filter((m) => m.startsWith("NativeModule ")).map((m) => "builtin:" + m.slice(13)); process.stderr.write("\\n@@loaded " + JSON.stringify([...Object.keys(require.cache), ...builtins]) + "\\n"); });`;

  /** Every module file the real process loaded, with "/" separators, and Node's own modules as "builtin:<name>". */
  function loaded(args: string[]): string[] {
    const hook = writeTemp(dir, "loaded-hook.js", HOOK);
    const r = spawnSync(process.execPath, ["-r", hook, bin, ...args], { cwd: dir, env, encoding: "utf8" });
    const m = /@@loaded (.*)/.exec(r.stderr);
    if (!m) throw new Error(`no hook output: ${r.stderr}`);
    return (JSON.parse(m[1] as string) as string[]).map((f) => f.split(path.sep).join("/"));
  }
  const has = (files: string[], part: string) => files.some((f) => f.includes(part));
  /** Loaded only for serve, deploy, a config, or when the bundled catalog must be validated. */
  const HEAVY = [
    "/node_modules/fastify/",
    "/node_modules/undici/",
    "/node_modules/zod/",
    "/dist/server/",
    "/dist/deploy/",
    "/dist/config/load.js",
    "/dist/catalog/schema.js",
    "/dist/catalog/managed-policies-schema.js",
  ];

  it("GIVEN check without a config THEN neither serve's, deploy's nor the config loader's modules, nor zod or the catalog schemas, nor the yaml package the opa-wasm SDK requires for its yaml builtins (gate/opa-sdk.ts), were loaded", () => {
    const files = loaded(["check", large, "-f", "json", "-o", path.join(dir, "out-lazy.json")]);
    expect(has(files, "/dist/gate/load-policy.js")).toBe(true); // the probe sees what check does load
    expect(has(files, "/node_modules/@open-policy-agent/opa-wasm/src/opa.js")).toBe(true);
    expect(HEAVY.filter((h) => has(files, h))).toEqual([]);
    expect(files.filter((f) => /\/node_modules\/yaml\/dist\//.test(f))).toEqual([]);
    // Node's own modules that only threads (gate/parallel.ts) and questions (cli/io.ts) need
    expect(files.filter((f) => ["builtin:worker_threads", "builtin:readline/promises"].includes(f))).toEqual([]);
    expect(has(files, "builtin:fs")).toBe(true); // the probe sees Node's modules
  });

  it("GIVEN check --config THEN the config loader was loaded, and nothing of serve or deploy", () => {
    const example = path.resolve(__dirname, "..", "..", "examples", "organization", "modelgate.yaml");
    const files = loaded(["check", large, "--config", example, "-f", "json", "-o", path.join(dir, "out-config.json")]);
    expect(has(files, "/dist/config/load.js")).toBe(true);
    expect(HEAVY.filter((h) => has(files, h) && !h.startsWith("/dist/config/") && !h.startsWith("/dist/catalog/") && h !== "/node_modules/zod/")).toEqual([]);
  });

  it("GIVEN serve --help THEN serve's modules were loaded (the probe can see them)", () => {
    const files = loaded(["serve", "--help"]);
    expect(has(files, "/node_modules/fastify/")).toBe(true);
    expect(has(files, "/dist/deploy/")).toBe(false);
  });
});

describe("modelgate check on a CPU without WebAssembly SIMD", () => {
  // V8 cannot compile the SIMD scanner on an x86-64 CPU without SSE4.1 (--no-enable-sse4-1 makes this one behave so):
  // the scalar build must read the plan instead, with the same verdict (the gate once exited 3 there)
  const run = process.arch === "x64" ? it : it.skip;
  run("GIVEN a plan large enough to be scanned THEN the same report as with SIMD", () => {
    const padded = JSON.parse(readFileSync(path.join(REPO, "test", "fixtures", "plans", "article-1-original.json"), "utf8")) as {
      resource_changes: unknown[];
    };
    // padded with unrelated resources past the 64 KiB from which plans are scanned, not parsed whole
    for (let i = 0; i < 400; i++) {
      padded.resource_changes.push({ address: `null_resource.pad${i}`, type: "null_resource", name: `pad${i}`, change: { actions: ["create"], before: null, after: { triggers: { note: "x".repeat(200) } }, after_unknown: {} } });
    }
    const text = JSON.stringify(padded);
    expect(text.length).toBeGreaterThan(64 * 1024);
    const file = writeTemp(dir, "padded-plan.json", text);
    const simd = spawnSync(process.execPath, [bin, "check", file, "--format", "json"], { encoding: "utf8" });
    const scalar = spawnSync(process.execPath, ["--no-enable-sse4-1", bin, "check", file, "--format", "json"], { encoding: "utf8" });
    expect(simd.status).toBe(1);
    expect([scalar.status, scalar.stderr]).toEqual([simd.status, simd.stderr]);
    expect(scalar.stdout).toBe(simd.stdout);
  });
});
