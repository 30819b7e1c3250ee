import { parentPort, workerData } from "node:worker_threads";
import { loadCatalog, type ApprovedSet, type Catalog } from "../catalog";
import { approvedSet, loadConfig } from "../config";
import { threadError, type ThreadError } from "../core/errors";
import { gateJudge } from "./judge";

/**
 * A worker thread that judges plans with the wasm gate, so that evaluation (hundreds of ms per MB of plan) never
 * blocks the thread that answers HCP. Started by server/worker-pool.ts; one plan at a time.
 */

export interface JudgeWorkerData {
  readonly config?: string;
  readonly wasmPath?: string;
  readonly cacheBytes?: number;
}

export interface JudgeRequest {
  readonly id: number;
  readonly plan: Uint8Array;
  readonly source: string;
}

export type JudgeReply =
  | { readonly id: number; readonly verdict: import("./judge").Verdict }
  | { readonly id: number; readonly error: ThreadError };

if (parentPort !== null) {
  const port = parentPort;
  const data = workerData as JudgeWorkerData;
  let catalog: Catalog;
  let approved: ApprovedSet | undefined;
  if (data.config !== undefined) {
    const resolved = loadConfig(data.config);
    catalog = resolved.catalog;
    approved = approvedSet(resolved);
  } else {
    catalog = loadCatalog();
  }
  const judge = gateJudge({
    catalog,
    ...(approved !== undefined ? { approved } : {}),
    ...(data.wasmPath !== undefined ? { wasmPath: data.wasmPath } : {}),
    ...(data.cacheBytes !== undefined ? { cacheBytes: data.cacheBytes } : {}),
  });
  port.on("message", (request: JudgeRequest) => {
    judge.judge(request.plan, request.source).then(
      (verdict) => port.postMessage({ id: request.id, verdict } satisfies JudgeReply),
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          error: threadError(error),
        } satisfies JudgeReply),
    );
  });
}
