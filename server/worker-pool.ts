import { existsSync } from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { ModelgateError } from "../core/errors";
import type { PlanJudge, Verdict } from "./judge";
import type { JudgeReply, JudgeRequest, JudgeWorkerData } from "./judge-worker";

/**
 * A PlanJudge that runs the gate in worker threads (server/judge-worker.ts, compiled). Plans wait in a FIFO until
 * a worker is free. A worker that dies fails its plan closed (the task reports `failed`) and is replaced.
 */

export interface WorkerPoolOptions extends JudgeWorkerData {
  readonly workers: number;
}

export interface WorkerPoolJudge extends PlanJudge {
  /** Terminate every worker (after in-flight plans are done: call it after the server drained). */
  close(): Promise<void>;
}

interface Job {
  readonly request: JudgeRequest;
  readonly transfer: ArrayBuffer;
  resolve(verdict: Verdict): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

/** The compiled worker script: next to this file in dist/, or dist/server/ when running from the TypeScript sources. */
export function judgeWorkerScript(): string {
  const candidates = [path.join(__dirname, "judge-worker.js"), path.resolve(__dirname, "..", "dist", "server", "judge-worker.js")];
  const found = candidates.find((c) => existsSync(c));
  if (found === undefined) throw new ModelgateError("GATE_WORKER_MISSING", "internal", `cannot find the compiled judge worker (looked in ${candidates.join(", ")}); run npm run build`);
  return found;
}

export function workerPoolJudge(options: WorkerPoolOptions): WorkerPoolJudge {
  if (!Number.isInteger(options.workers) || options.workers < 1) throw new RangeError("workers must be a positive integer");
  const script = judgeWorkerScript();
  const data: JudgeWorkerData = {
    ...(options.config !== undefined ? { config: path.resolve(options.config) } : {}),
    ...(options.wasmPath !== undefined ? { wasmPath: path.resolve(options.wasmPath) } : {}),
    ...(options.cacheBytes !== undefined ? { cacheBytes: options.cacheBytes } : {}),
  };
  const waiting: Job[] = [];
  let nextId = 1;
  let closing = false;

  const spawn = (slot?: Slot): Slot => {
    const s: Slot = slot ?? ({} as Slot);
    s.worker = new Worker(script, { workerData: data });
    s.worker.on("message", (reply: JudgeReply) => {
      const job = s.job;
      if (job === undefined || job.request.id !== reply.id) return;
      s.job = undefined;
      if ("verdict" in reply) job.resolve(reply.verdict);
      else job.reject(new ModelgateError(reply.error.code, reply.error.source, reply.error.message));
      dispatch();
    });
    // A worker that throws at start or dies (out of memory) fails its plan closed; a fresh one takes its place.
    s.worker.on("error", (error) => settleDead(s, error.message));
    s.worker.on("exit", (code) => settleDead(s, `the judge worker exited with code ${code}`));
    return s;
  };
  const slots: Slot[] = Array.from({ length: options.workers }, () => spawn());

  function settleDead(slot: Slot, why: string): void {
    const job = slot.job;
    slot.job = undefined;
    job?.reject(new ModelgateError("GATE_WORKER_FAILED", "internal", `the plan was not judged: ${why}`));
    if (!closing) {
      slot.worker.removeAllListeners();
      void slot.worker.terminate();
      spawn(slot);
      dispatch();
    }
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (slot.job !== undefined) continue;
      const job = waiting.shift();
      if (job === undefined) return;
      slot.job = job;
      slot.worker.postMessage(job.request, [job.transfer]);
    }
  }

  return {
    judge(planJson, source, options) {
      if (closing) return Promise.reject(new ModelgateError("GATE_WORKER_CLOSED", "internal", "the judge is shutting down"));
      // The buffer moves to the worker: the caller's own when it hands the bytes over and they fill it (the
      // server's fetched plan: ~1 MB less to allocate, copy and collect per task), else a private copy.
      const whole = planJson.byteOffset === 0 && planJson.byteLength === planJson.buffer.byteLength && planJson.buffer instanceof ArrayBuffer;
      const plan = options?.handOver === true && whole ? new Uint8Array(planJson.buffer as ArrayBuffer) : Uint8Array.prototype.slice.call(planJson);
      return new Promise<Verdict>((resolve, reject) => {
        waiting.push({ request: { id: nextId++, plan, source }, transfer: plan.buffer as ArrayBuffer, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closing = true;
      for (const job of waiting.splice(0)) job.reject(new ModelgateError("GATE_WORKER_CLOSED", "internal", "the judge is shutting down"));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
