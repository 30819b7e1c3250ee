import type { ApprovedSet, Catalog } from "../catalog";
import { PieceCache, evaluateInputs, parseInputBytes, readOptionsFor, type Finding } from "../gate";

/**
 * The domain behind the run-task protocol: judge one plan's JSON bytes. The server knows nothing else about the
 * gate; tests and benchmarks can put any judge behind the same protocol.
 */
export interface PlanJudge {
  /**
   * Throws (ModelgateError) when the plan cannot be judged; the server reports that as `failed`. With `handOver`
   * the caller gives up the bytes (it never reads them again): a judge in another thread may take their buffer
   * instead of copying it.
   */
  judge(planJson: Uint8Array, source: string, options?: { readonly handOver?: boolean }): Promise<Verdict>;
}

export interface Verdict {
  /** Sorted as the gate sorts them. */
  readonly findings: readonly Finding[];
  readonly catalogSnapshotDate: string;
  /** True when an approved set (--config) took part. */
  readonly withApprovedSet: boolean;
}

export interface GateJudgeOptions {
  readonly catalog: Catalog;
  readonly approved?: ApprovedSet;
  /** Defaults to rego/dist/policy.wasm. */
  readonly wasmPath?: string;
  /** Bytes of findings kept for pieces judged before (gate/piece-cache.ts); 0 or absent keeps none. */
  readonly cacheBytes?: number;
}

/** The same engine as `modelgate check`: gate/input.ts reads the bytes, evaluateInputs runs the wasm. */
export function gateJudge(options: GateJudgeOptions): PlanJudge {
  const readOptions = readOptionsFor(options.wasmPath);
  const cache = options.cacheBytes !== undefined && options.cacheBytes > 0 ? new PieceCache(options.cacheBytes) : undefined;
  return {
    async judge(planJson, source) {
      const inputs = parseInputBytes(planJson, source, readOptions);
      const findings = await evaluateInputs(inputs, {
        catalog: options.catalog,
        ...(options.approved !== undefined ? { approved: options.approved } : {}),
        ...(options.wasmPath !== undefined ? { wasmPath: options.wasmPath } : {}),
        ...(cache !== undefined ? { pieceCache: cache } : {}),
        // one thread per plan: the server runs its judges side by side already (server/worker-pool.ts), and a
        // judge on the main thread (--workers 0) must not start threads per request
        threads: 1,
      });
      return { findings, catalogSnapshotDate: options.catalog.snapshotDate, withApprovedSet: options.approved !== undefined };
    },
  };
}
