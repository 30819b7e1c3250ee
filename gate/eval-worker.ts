import { parentPort, workerData } from "node:worker_threads";
import { threadError, type ThreadError } from "../core/errors";
import { findingsOfResultSet } from "./finding";
import { adoptCompiledPolicyModule, loadGatePolicy, type MemoryOptions } from "./load-policy";

/**
 * A worker thread of gate/parallel.ts: evaluates pieces (JSON texts) with the same policy, data and memory as the
 * thread that started it, and answers each with the findings entrypoint's raw array, or the error that stopped it.
 */

export interface EvalWorkerData {
  readonly wasmPath: string;
  /** The parent's compiled WebAssembly.Module (compiledPolicyModule): not compiled again here. */
  readonly compiled: unknown;
  readonly data: object;
  readonly memory: MemoryOptions;
}

export interface EvalJob {
  readonly id: number;
  readonly text: Uint8Array;
  /** The input the piece comes from, for messages. */
  readonly file: string;
}

export type EvalReply =
  | { readonly id: number; readonly raw: unknown[] }
  | { readonly id: number; readonly error: ThreadError };

if (parentPort !== null) {
  const port = parentPort;
  const init = workerData as EvalWorkerData;
  adoptCompiledPolicyModule(init.wasmPath, init.compiled);
  const ready = loadGatePolicy(init.wasmPath, init.memory).then((policy) => {
    policy.setData(init.data);
    return policy;
  });
  // a policy that cannot load is reported with each piece (below), not as an unhandled rejection
  ready.catch(() => undefined);
  port.on("message", (job: EvalJob) => {
    ready
      .then((policy) => {
        const raw = findingsOfResultSet(policy.evaluate(job.text), job.file);
        port.postMessage({ id: job.id, raw } satisfies EvalReply);
      })
      .catch((error: unknown) => {
        port.postMessage({
          id: job.id,
          error: threadError(error),
        } satisfies EvalReply);
      });
  });
}
