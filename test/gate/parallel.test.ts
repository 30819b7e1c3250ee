import { mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { loadCatalog, toRegoData } from "../../catalog";
import { approvedSet, loadConfig } from "../../config";
import { GateEvaluationError } from "../../core/errors";
import { evaluateInputs } from "../../gate/evaluate";
import { parseInputBytes, type GateInput } from "../../gate/input";
import { compiledPolicyModule, loadGatePolicy } from "../../gate/load-policy";
import { findingsOfResultSet } from "../../gate/finding";
import { MIN_PIECES_PER_WORKER, evalWorkerScript, evaluateInParallel, startWorkers, stopWorkers, threadsFor } from "../../gate/parallel";
import { REAL_WASM, REPO } from "./wasm-helper";

/**
 * Pieces judged on several threads (gate/parallel.ts) give the findings one thread gives. The workers run the
 * compiled worker (dist/gate/eval-worker.js): `npm run build` first (test:all's prepare does).
 */

const catalog = loadCatalog();
const data = toRegoData(catalog);
const MEMORY = { initial: 4096, maximum: 65536 };

/** A generated plan of n policy-bearing resources with defects (bench/gate/generate.js), as gate input. */
function generated(n: number): GateInput {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generatePlan } = require(path.join(REPO, "bench", "gate", "generate.js")) as {
    generatePlan: (n: number, data: unknown) => { plan: Record<string, unknown> };
  };
  return parseInputBytes(Buffer.from(JSON.stringify(generatePlan(n, data).plan)), `generated-${n}.json`)[0] as GateInput;
}

function script(): string {
  const found = evalWorkerScript();
  if (found === undefined) throw new Error("dist/gate/eval-worker.js is missing: run npm run build");
  return found;
}

describe("threadsFor: how many threads judge a run's pieces", () => {
  it("GIVEN fewer pieces than one worker is worth THEN this thread alone", () => {
    expect(threadsFor(MIN_PIECES_PER_WORKER - 1)).toBe(1);
    expect(threadsFor(0, 4)).toBe(1);
  });
  it("GIVEN many pieces and an explicit count THEN that count, at most one per core and one per MIN_PIECES_PER_WORKER pieces", () => {
    const cores = availableParallelism();
    expect(threadsFor(10 * MIN_PIECES_PER_WORKER, 3)).toBe(Math.min(3, cores));
    expect(threadsFor(2 * MIN_PIECES_PER_WORKER, 8)).toBe(Math.min(3, cores));
    expect(threadsFor(10 * MIN_PIECES_PER_WORKER, 1000)).toBe(Math.min(11, cores));
    expect(threadsFor(10 * MIN_PIECES_PER_WORKER, 1)).toBe(1);
  });
});

describe("evaluateInputs on several threads: the same findings as on one", () => {
  it("GIVEN a plan cut into many pieces and a cdktf-like run of many inputs WHEN judged on 1 and on 3 threads (at most one per core) THEN the findings are equal and non-empty", async () => {
    script();
    const plan = generated(120);
    // small pieces: 40 of them, enough for three threads
    const pieces = { maxResources: 3, maxBytes: 1024 * 1024 };
    const many = Array.from({ length: 20 }, (_, i) => ({ ...plan, file: `copy-${i}.json` }));
    const inputs = [plan, ...many];
    const one = await evaluateInputs(inputs, { catalog, pieces, threads: 1 });
    const three = await evaluateInputs(inputs, { catalog, pieces, threads: 3 });
    expect(one.length).toBeGreaterThan(20);
    expect(new Set(one.map((f) => f.file)).size).toBe(21);
    expect(three).toEqual(one);
  }, 120_000);
});

describe("evaluateInputs on several threads: runs side by side keep their own data", () => {
  it("GIVEN two runs at once, one with an approved set and one without, on the same cached instance THEN each gets the findings it gets alone", async () => {
    script();
    const resolved = loadConfig(path.join(REPO, "test", "adversarial", "modelgate.yaml"));
    const approved = approvedSet(resolved);
    const inputs = [generated(120)];
    const pieces = { maxResources: 3, maxBytes: 1024 * 1024 };
    const withSet = await evaluateInputs(inputs, { catalog: resolved.catalog, approved, pieces, threads: 1 });
    const without = await evaluateInputs(inputs, { catalog: resolved.catalog, pieces, threads: 1 });
    expect(withSet).not.toEqual(without);
    const [a, b] = await Promise.all([
      evaluateInputs(inputs, { catalog: resolved.catalog, approved, pieces, threads: 2 }),
      evaluateInputs(inputs, { catalog: resolved.catalog, pieces, threads: 2 }),
    ]);
    expect(a).toEqual(withSet);
    expect(b).toEqual(without);
  }, 120_000);
});

describe("evaluateInParallel: fails closed", () => {
  const emptyPlan = { text: Buffer.from(JSON.stringify({ plan: { format_version: "1.2", resource_changes: [] } })), file: "empty.json" };

  /** This thread, slowed on purpose so that the worker, once started, takes pieces. */
  function slowLocal(policy: Awaited<ReturnType<typeof loadGatePolicy>>, counter: { calls: number }) {
    return (job: { text: Uint8Array; file: string }): unknown[] => {
      counter.calls++;
      const until = Date.now() + 50;
      while (Date.now() < until);
      return findingsOfResultSet(policy.evaluate(job.text), job.file);
    };
  }

  it("GIVEN a worker whose policy cannot take its data (memory too small) WHEN it is given a piece THEN the run rejects with that error, not with fewer findings", async () => {
    const policy = await loadGatePolicy(REAL_WASM, MEMORY);
    policy.setData(data);
    const jobs = Array.from({ length: 40 }, () => emptyPlan);
    const counter = { calls: 0 };
    const tiny = { initial: 2, maximum: 2 };
    const error = await evaluateInParallel(jobs, slowLocal(policy, counter), { wasmPath: REAL_WASM, compiled: compiledPolicyModule(REAL_WASM), data, memory: tiny }, 2, script()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GateEvaluationError);
    expect((error as GateEvaluationError).code).toMatch(/^GATE_/);
    expect(counter.calls).toBeLessThan(jobs.length);
  }, 60_000);

  it("GIVEN a worker thread that dies at start WHEN the run waits for it THEN it rejects with GATE_WORKER_FAILED", async () => {
    const policy = await loadGatePolicy(REAL_WASM, MEMORY);
    policy.setData(data);
    const dir = mkdtempSync(path.join(os.tmpdir(), "modelgate-parallel-"));
    const dying = path.join(dir, "dying-worker.js");
    writeFileSync(dying, 'throw new Error("the worker could not start");\n');
    const jobs = Array.from({ length: 40 }, () => emptyPlan);
    const error = await evaluateInParallel(jobs, slowLocal(policy, { calls: 0 }), { wasmPath: REAL_WASM, compiled: compiledPolicyModule(REAL_WASM), data, memory: MEMORY }, 2, dying).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GateEvaluationError);
    expect((error as GateEvaluationError).code).toBe("GATE_WORKER_FAILED");
    expect((error as GateEvaluationError).message).toContain("the worker could not start");
  }, 60_000);

  /** A piece with one broad policy, padded by a description of `pad` characters (pieces of different sizes). */
  const padded = (n: number, pad: number) => ({
    text: Buffer.from(
      JSON.stringify({
        plan: {
          format_version: "1.2",
          resource_changes: [
            {
              address: `aws_iam_policy.p${n}`, mode: "managed", type: "aws_iam_policy", name: `p${n}`,
              change: {
                actions: ["create"], before: null, after_unknown: {},
                after: { name: `p${n}`, description: "x".repeat(pad), policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] }) },
              },
            },
          ],
        },
      }),
    ),
    file: `p${n}.json`,
  });

  it("GIVEN good pieces only WHEN judged on 2 threads THEN the worker judges some, and every result is in job order", async () => {
    const policy = await loadGatePolicy(REAL_WASM, MEMORY);
    policy.setData(data);
    const jobs = Array.from({ length: 40 }, (_, n) => padded(n, 0));
    const counter = { calls: 0 };
    const results = await evaluateInParallel(jobs, slowLocal(policy, counter), { wasmPath: REAL_WASM, compiled: compiledPolicyModule(REAL_WASM), data, memory: MEMORY }, 2, script());
    expect(counter.calls).toBeLessThan(jobs.length);
    expect(results).toHaveLength(40);
    results.forEach((raw, n) => {
      expect(raw.length).toBeGreaterThan(0);
      expect(JSON.stringify(raw)).toContain(`aws_iam_policy.p${n}`);
    });
  }, 60_000);

  it("GIVEN pieces of very different sizes WHEN judged on 2 threads (largest first) THEN every result is still in job order", async () => {
    const policy = await loadGatePolicy(REAL_WASM, MEMORY);
    policy.setData(data);
    const jobs = Array.from({ length: 30 }, (_, n) => padded(n, ((n * 7919) % 30) * 1000));
    const results = await evaluateInParallel(jobs, slowLocal(policy, { calls: 0 }), { wasmPath: REAL_WASM, compiled: compiledPolicyModule(REAL_WASM), data, memory: MEMORY }, 2, script());
    results.forEach((raw, n) => expect(JSON.stringify(raw)).toContain(`aws_iam_policy.p${n}"`));
  }, 60_000);

  it("GIVEN a worker started ahead WHEN the run takes it THEN it judges pieces, and no other worker is started", async () => {
    const policy = await loadGatePolicy(REAL_WASM, MEMORY);
    policy.setData(data);
    const init = { wasmPath: REAL_WASM, compiled: compiledPolicyModule(REAL_WASM), data, memory: MEMORY };
    const started = startWorkers(script(), init, 1);
    const jobs = Array.from({ length: 30 }, (_, n) => padded(n, 0));
    const counter = { calls: 0 };
    try {
      // a worker the run started itself would come from this script, which does not exist
      const results = await evaluateInParallel(jobs, slowLocal(policy, counter), init, 2, path.join(os.tmpdir(), "no-such-worker.js"), started);
      expect(counter.calls).toBeLessThan(jobs.length);
      results.forEach((raw, n) => expect(JSON.stringify(raw)).toContain(`aws_iam_policy.p${n}"`));
    } finally {
      stopWorkers(started);
    }
  }, 60_000);

  it("GIVEN a worker started ahead that died before the run WHEN the run takes it THEN it rejects with GATE_WORKER_FAILED", async () => {
    const policy = await loadGatePolicy(REAL_WASM, MEMORY);
    policy.setData(data);
    const dir = mkdtempSync(path.join(os.tmpdir(), "modelgate-parallel-"));
    const dying = path.join(dir, "dying-worker.js");
    writeFileSync(dying, 'throw new Error("the early worker could not start");\n');
    const init = { wasmPath: REAL_WASM, compiled: compiledPolicyModule(REAL_WASM), data, memory: MEMORY };
    const started = startWorkers(dying, init, 1);
    await new Promise<void>((resolve) => (started[0] as { worker: { once: (e: string, f: () => void) => void } }).worker.once("exit", resolve));
    const error = await evaluateInParallel(Array.from({ length: 30 }, () => emptyPlan), slowLocal(policy, { calls: 0 }), init, 2, script(), started).then(
      () => undefined,
      (e: unknown) => e,
    );
    stopWorkers(started);
    expect(error).toBeInstanceOf(GateEvaluationError);
    expect((error as GateEvaluationError).code).toBe("GATE_WORKER_FAILED");
    expect((error as GateEvaluationError).message).toContain("the early worker could not start");
  }, 60_000);
});
