import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import * as path from "node:path";
import type { Worker } from "node:worker_threads";
import { GateEvaluationError } from "../core/errors";
import type { EvalJob, EvalReply, EvalWorkerData } from "./eval-worker";

/**
 * Pieces evaluated on more than one core. A plan's pieces (gate/select.ts) and a cdktf.out's stacks are
 * independent evaluations of the same policy and data, so they can run side by side: this thread takes pieces
 * from a shared queue and so does each worker thread (gate/eval-worker.ts), which loads the same compiled module
 * and data. Results come back by index, so the findings do not depend on which thread judged what. The first
 * error stops the run and is thrown (fail closed); the workers are terminated either way.
 */

export interface PieceJob {
  readonly text: Uint8Array;
  readonly file: string;
}

/** Below this many pieces a worker's start (~100 ms: the SDK, the instance, the data) is not worth it. */
export const MIN_PIECES_PER_WORKER = 16;

/** Pieces posted to a worker ahead of its answers. */
const IN_FLIGHT_PER_WORKER = 2;

/** The most threads used by default, this one included. */
const MAX_DEFAULT_THREADS = 4;

/**
 * How many threads to judge `jobs` pieces on: `requested` when given (1: this thread only), else
 * MAX_DEFAULT_THREADS; never more than the cores, nor more than one per MIN_PIECES_PER_WORKER pieces (each thread
 * holds a wasm instance sized for the largest piece). Worker threads never start
 * workers of their own (the server already runs one judge per core).
 */
export function threadsFor(jobs: number, requested?: number): number {
  // one thread for fewer pieces, whatever else holds: a check of one plan does not even load node:worker_threads
  if (jobs < MIN_PIECES_PER_WORKER || !workerThreads().isMainThread) return 1;
  const wanted = Math.min(requested ?? MAX_DEFAULT_THREADS, availableParallelism());
  return Math.max(1, Math.min(wanted, Math.floor(jobs / MIN_PIECES_PER_WORKER) + 1));
}

/** node:worker_threads, loaded when first needed (~2 ms of a check that runs on one thread). */
function workerThreads(): typeof import("node:worker_threads") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("node:worker_threads") as typeof import("node:worker_threads");
}

/** The compiled worker script: next to this file in dist/, or dist/gate/ when running from the TypeScript sources. */
export function evalWorkerScript(): string | undefined {
  const candidates = [path.join(__dirname, "eval-worker.js"), path.resolve(__dirname, "..", "dist", "gate", "eval-worker.js")];
  return candidates.find((c) => existsSync(c));
}

/**
 * A worker thread started before its pieces are known (gate/evaluate.ts starts them while it selects the pieces: a
 * worker's start, ~100 ms, then overlaps that work). What happens to it before evaluateInParallel takes it over is
 * kept, so that a worker that failed to start is reported, never waited for.
 */
export interface StartedWorker {
  readonly worker: Worker;
  readonly init: EvalWorkerData;
  failure?: Error;
  exitCode?: number;
}

/** Start `count` workers from `init` ahead of their pieces. */
export function startWorkers(script: string, init: EvalWorkerData, count: number): StartedWorker[] {
  return Array.from({ length: count }, () => {
    const started: StartedWorker = { worker: new (workerThreads().Worker)(script, { workerData: init }), init };
    started.worker.on("error", (error) => (started.failure ??= error));
    started.worker.on("exit", (code) => (started.exitCode ??= code));
    return started;
  });
}

/** Stop workers started ahead (those evaluateInParallel did not take are stopped unused). */
export function stopWorkers(started: readonly StartedWorker[]): void {
  for (const s of started) {
    s.worker.removeAllListeners();
    void s.worker.terminate();
  }
}

/**
 * Evaluate every job with `local` on this thread and with `threads - 1` workers started from `init` (those of
 * `started` first, which must have been started from the same init); returns the raw findings arrays in job order.
 */
export async function evaluateInParallel(
  jobs: readonly PieceJob[],
  local: (job: PieceJob) => unknown[],
  init: EvalWorkerData,
  threads: number,
  script: string,
  started: readonly StartedWorker[] = [],
): Promise<unknown[][]> {
  const results: (unknown[] | undefined)[] = new Array(jobs.length);
  // the largest pieces first (bytes stand for cost): a large piece taken last leaves the other threads idle while
  // one finishes it (a cdktf.out's organization stack sorts after its account stacks and costs ~25 of them)
  const order = jobs.map((_, i) => i).sort((a, b) => (jobs[b] as PieceJob).text.byteLength - (jobs[a] as PieceJob).text.byteLength || a - b);
  let next = 0;
  let done = 0;
  let failure: Error | undefined;
  const workers: Worker[] = [];
  let wake: (() => void) | undefined;
  const settle = (): void => {
    wake?.();
    wake = undefined;
  };
  const fail = (error: Error): void => {
    failure ??= error;
    settle();
  };

  const feed = (worker: Worker): void => {
    if (failure !== undefined || next >= jobs.length) return;
    const id = order[next++] as number;
    const job = jobs[id] as PieceJob;
    worker.postMessage({ id, text: job.text, file: job.file } satisfies EvalJob);
  };
  try {
    // inside the try: a worker that cannot be created (ERR_WORKER_INIT_FAILED) must not leave the others running
    for (let i = 1; i < threads; i++) {
      const ahead = started[i - 1];
      const worker = ahead?.worker ?? new (workerThreads().Worker)(script, { workerData: init });
      workers.push(worker);
      if (ahead !== undefined) {
        worker.removeAllListeners();
        if (ahead.failure !== undefined) fail(new GateEvaluationError("GATE_WORKER_FAILED", `a gate worker thread failed: ${ahead.failure.message}`));
        else if (ahead.exitCode !== undefined) fail(new GateEvaluationError("GATE_WORKER_FAILED", `a gate worker thread exited with code ${ahead.exitCode} before its piece was judged`));
      }
      worker.on("message", (reply: EvalReply) => {
        if ("error" in reply) return fail(new GateEvaluationError(reply.error.code, reply.error.message));
        results[reply.id] = reply.raw;
        done++;
        settle();
        feed(worker);
      });
      worker.on("error", (error) => fail(new GateEvaluationError("GATE_WORKER_FAILED", `a gate worker thread failed: ${error.message}`)));
      worker.on("messageerror", (error) => fail(new GateEvaluationError("GATE_WORKER_FAILED", `a gate worker thread's answer could not be read: ${error.message}`)));
      worker.on("exit", (code) => {
        if (done < jobs.length) fail(new GateEvaluationError("GATE_WORKER_FAILED", `a gate worker thread exited with code ${code} before its piece was judged`));
      });
      // two pieces in flight: a worker's answer waits until this thread finishes its own piece, and the worker
      // should not sit idle meanwhile
      for (let k = 0; k < IN_FLIGHT_PER_WORKER; k++) feed(worker);
    }
    // this thread takes pieces too, yielding between them so that the workers' answers are read
    while (failure === undefined && next < jobs.length) {
      const id = order[next++] as number;
      results[id] = local(jobs[id] as PieceJob);
      done++;
      await new Promise<void>((r) => setImmediate(r));
    }
    while (failure === undefined && done < jobs.length) await new Promise<void>((r) => (wake = r));
    if (failure !== undefined) throw failure;
    return results as unknown[][];
  } finally {
    for (const w of workers) {
      w.removeAllListeners();
      void w.terminate();
    }
  }
}
