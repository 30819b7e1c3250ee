import { availableParallelism } from "node:os";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { main } from "../../cli";
import type { CliIo } from "../../cli/io";
import { loadCatalog } from "../../catalog";
import { evaluateInputs, parseInputBytes } from "../../gate";
import { FakeHcp, postTask } from "../server/fake-hcp";
import { tempDir, writeTemp } from "../gate/wasm-helper";

const PLANS = path.resolve(__dirname, "..", "fixtures", "plans");

interface Running {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
  listening: Promise<string>;
  stop: (signal: string) => void;
}

function serveIo(): Running {
  let out = "";
  let err = "";
  let stop: (signal: string) => void = () => undefined;
  let listening: (address: string) => void = () => undefined;
  const signal = new Promise<string>((resolve) => (stop = resolve));
  const listeningP = new Promise<string>((resolve) => (listening = resolve));
  return {
    io: { stdout: (s) => void (out += s), stderr: (s) => void (err += s), shutdownSignal: () => signal, onListening: (a) => listening(a) },
    stdout: () => out,
    stderr: () => err,
    listening: listeningP,
    stop: (s) => stop(s),
  };
}

describe("modelgate serve: starts only when it can check signatures, and stops cleanly", () => {
  it("GIVEN no key and no --allow-unsigned THEN exit 2 and say how to give one", async () => {
    const r = serveIo();
    const code = await main(["serve", "--port", "0"], r.io);
    expect(code).toBe(2);
    expect(r.stderr()).toContain("modelgate: error SERVE_NO_HMAC_KEY: no HMAC key: pass --hmac-key-file");
  });

  it("GIVEN an empty key file or a bad --tfc-host THEN exit 2", async () => {
    const dir = tempDir();
    const empty = writeTemp(dir, "empty", "\n");
    const r1 = serveIo();
    expect(await main(["serve", "--hmac-key-file", empty], r1.io)).toBe(2);
    expect(r1.stderr()).toContain("SERVE_HMAC_KEY_EMPTY");
    const key = writeTemp(dir, "key", "k");
    const r2 = serveIo();
    expect(await main(["serve", "--hmac-key-file", key, "--tfc-host", "https://app.terraform.io"], r2.io)).toBe(2);
    expect(r2.stderr()).toContain('SERVE_BAD_TFC_HOST: --tfc-host: not a host or host:port: "https://app.terraform.io"');
  });

  it("GIVEN --help THEN the options and examples are shown", async () => {
    const r = serveIo();
    expect(await main(["serve", "--help"], r.io)).toBe(0);
    for (const text of ["--hmac-key-file <path>", "--tfc-host <host[:port]...>", "--max-plan-bytes <n>", "--allow-unsigned", "$ modelgate serve --port 8080 --hmac-key-file"]) {
      expect(r.stdout()).toContain(text);
    }
  });

  it("GIVEN a key file with a final newline and a fake HCP THEN it verifies, judges a run, and exits 0 on the signal after the task", async () => {
    const hcp = new FakeHcp();
    await hcp.start();
    try {
      const dir = tempDir();
      const keyFile = writeTemp(dir, "hmac-key", "the-key\n");
      const config = path.resolve(__dirname, "..", "..", "examples", "organization", "modelgate.yaml");
      const r = serveIo();
      const exit = main(
        ["serve", "--port", "0", "--workers", "0", "--hmac-key-file", keyFile, "--tfc-host", `${hcp.api.host},${hcp.archivist.host}`, "--insecure-http", "--config", config],
        r.io,
      );
      const address = await r.listening;
      const key = Buffer.from("the-key");
      expect((await postTask(address, { access_token: "test-token" }, { key })).status).toBe(200);
      hcp.plans.set("cli", { plan: readFileSync(path.join(PLANS, "article-2-original.json")) });
      expect((await postTask(address, hcp.request("cli"), { key })).status).toBe(200);
      await hcp.waitForCallbacks(1);
      r.stop("SIGTERM");
      expect(await exit).toBe(0);
      const doc = JSON.parse(hcp.callbacks[0]?.body ?? "{}");
      expect(doc.data.attributes.status).toBe("failed");
      expect(doc.data.attributes.message).toContain("+ approved set");
      const lines = r.stdout().trim().split("\n").map((l) => JSON.parse(l) as { msg: string });
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["modelgate run task listening", "run task verification request", "run task result delivered", "stopped"]));
      expect(lines.find((l) => l.msg === "modelgate run task listening")).toMatchObject({ signed: true, approvedSet: true, tfcHosts: [hcp.api.host, hcp.archivist.host].sort() });
    } finally {
      await hcp.stop();
    }
  });
});

describe("modelgate serve as a real process: SIGTERM finishes the task in flight, judged in a worker thread", () => {
  const bin = path.resolve(__dirname, "..", "..", "dist", "cli", "bin.js");

  it("GIVEN a task whose plan is still downloading WHEN SIGTERM arrives THEN the callback is sent and the process exits 0", async () => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first`);
    const hcp = new FakeHcp();
    await hcp.start();
    const child = spawn(process.execPath, [bin, "serve", "--port", "0", "--workers", "1", "--tfc-host", `${hcp.api.host},${hcp.archivist.host}`, "--insecure-http"], {
      env: { ...process.env, MODELGATE_HMAC_KEY: "process-key" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let out = "";
      const listening = new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (c: Buffer) => {
          out += c.toString();
          const m = /"address":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
          if (m) resolve(m[1] as string);
        });
        child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      const address = await listening;
      const plan = readFileSync(path.join(PLANS, "article-5-original.json"));
      hcp.plans.set("proc", { plan, hold: true });
      expect((await postTask(address, hcp.request("proc"), { key: Buffer.from("process-key") })).status).toBe(200);
      await hcp.waitForHeld();
      child.kill("SIGTERM");
      // Give the signal a chance to be handled before the plan arrives; the outcome must not depend on it.
      await new Promise((r) => setImmediate(r));
      hcp.release();
      expect(await exited).toBe(0);
      expect(hcp.callbacks.map((c) => c.url)).toEqual(["/api/v2/task-results/proc/callback"]);
      const doc = JSON.parse(hcp.callbacks[0]?.body ?? "{}");
      const findings = await evaluateInputs(parseInputBytes(plan, "oracle"), { catalog: loadCatalog() });
      expect(doc.data.relationships.outcomes.data.map((o: { attributes: Record<string, string> }) => o.attributes["outcome-id"])).toEqual(findings.map((f) => `${f.ruleId}[${f.address}]`));
      expect(out).toContain('"msg":"shutting down: finishing accepted tasks"');
      expect(out).toContain('"callbacksDelivered":1');
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await hcp.stop();
    }
  });
});

describe("modelgate serve: finds its config as check does (--config, $MODELGATE_CONFIG, ./modelgate.yaml)", () => {
  const EXAMPLE = path.resolve(__dirname, "..", "..", "examples", "organization", "modelgate.yaml");

  /** Start serve on the main thread, wait until it listens, stop it; the parsed log lines and exit code. */
  async function startAndStop(args: string[], extra: Partial<CliIo>): Promise<{ code: number; lines: Array<Record<string, unknown>> }> {
    const r = serveIo();
    const exit = main(["serve", "--port", "0", "--workers", "0", "--allow-unsigned", ...args], { ...r.io, ...extra });
    await Promise.race([r.listening, exit]);
    r.stop("SIGTERM");
    const code = await exit;
    return { code, lines: r.stdout().trim().split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>) };
  }
  const listening = (lines: Array<Record<string, unknown>>) => lines.find((l) => l.msg === "modelgate run task listening");

  it("GIVEN ./modelgate.yaml and no flag THEN it serves with that approved set", async () => {
    const cwd = tempDir();
    writeTemp(cwd, "modelgate.yaml", readFileSync(EXAMPLE, "utf8"));
    const { code, lines } = await startAndStop([], { cwd, env: {} });
    expect(code).toBe(0);
    expect(listening(lines)).toMatchObject({ approvedSet: true, config: path.join(cwd, "modelgate.yaml") });
    expect(lines.some((l) => String(l.msg).startsWith("approved set: none"))).toBe(false);
  });

  it("GIVEN a machine of 1-2 cores and Node without --single-threaded-gc THEN the start-up log says how to start it", async () => {
    const { code, lines } = await startAndStop([], { cwd: tempDir(), env: { MODELGATE_CONFIG: EXAMPLE } });
    expect(code).toBe(0);
    const hint = lines.find((l) => String(l.msg).includes("--single-threaded-gc"));
    const expected = availableParallelism() <= 2 && !process.execArgv.some((a) => a.replace(/_/g, "-") === "--single-threaded-gc");
    expect(hint === undefined ? undefined : { level: hint.level, cores: hint.cores }).toEqual(expected ? { level: 30, cores: availableParallelism() } : undefined);
  });

  it("GIVEN $MODELGATE_CONFIG THEN that file is used", async () => {
    const { code, lines } = await startAndStop([], { cwd: tempDir(), env: { MODELGATE_CONFIG: EXAMPLE } });
    expect(code).toBe(0);
    expect(listening(lines)).toMatchObject({ approvedSet: true, config: EXAMPLE });
  });

  it("GIVEN no config anywhere THEN it logs the approved-set notice as a warning; --require-config makes it exit 2 before listening", async () => {
    const cwd = tempDir();
    const { code, lines } = await startAndStop([], { cwd, env: {} });
    expect(code).toBe(0);
    expect(listening(lines)).toMatchObject({ approvedSet: false });
    const notice = lines.find((l) => String(l.msg).startsWith("approved set: none"));
    expect(notice).toMatchObject({ level: 40, rulesNotEvaluated: expect.arrayContaining(["MG-0010"]) });
    const r = serveIo();
    expect(await main(["serve", "--port", "0", "--workers", "0", "--allow-unsigned", "--require-config"], { ...r.io, cwd, env: {} })).toBe(2);
    expect(r.stderr()).toMatch(/^modelgate: error CONFIG_REQUIRED: --require-config: no configuration found/);
    expect(r.stdout()).toBe("");
  });
});
