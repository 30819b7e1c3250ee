import type { ApprovedSet, Catalog } from "../catalog";
import { managedPoliciesNamed, toRegoData } from "../catalog";
import { GateEvaluationError } from "../core/errors";
import { findingsOfResultSet, parseRawFinding, sortFindings, type Finding } from "./finding";
import type { GateInput, ReadOptions } from "./input";
import {
  MAX_WASM_INPUT_BYTES,
  defaultWasmPath,
  compiledPolicyModule,
  loadGatePolicy,
  memoryForInput,
  tooLargeAdvice,
  type GatePolicy,
  type MemoryOptions,
} from "./load-policy";
import { evalWorkerScript, evaluateInParallel, startWorkers, stopWorkers, threadsFor, type PieceJob, type StartedWorker } from "./parallel";
import { awsManagedPolicyNames } from "./managed-names";
import { PieceCache } from "./piece-cache";
import { DEFAULT_PIECE_LIMITS, loadSelection, selectPieces, selectionPathFor, type PieceLimits, type Selection } from "./select";

export interface EvaluateOptions {
  readonly catalog: Catalog;
  /** The union of approved models from the user's config (`check --config`); absent means catalog-only rules. */
  readonly approved?: ApprovedSet;
  /** Defaults to rego/dist/policy.wasm. */
  readonly wasmPath?: string;
  /** Wasm memory; defaults to memoryForInput(the input's size). */
  readonly memory?: MemoryOptions;
  /** An already loaded policy (tests, the server); overrides wasmPath. */
  readonly policy?: GatePolicy;
  /**
   * How the plan is cut into pieces (gate/select.ts); `"whole"` evaluates the whole document in one evaluation,
   * as `opa eval` does (the parity tests and benchmarks compare both).
   */
  readonly pieces?: PieceLimits | "whole";
  /**
   * Findings of pieces judged before, reused when a piece's bytes are the same (gate/piece-cache.ts). Only for one
   * policy and one catalog + approved set: the caller keeps one cache per judge.
   */
  readonly pieceCache?: PieceCache;
  /**
   * Threads that judge pieces side by side (gate/parallel.ts): 1 keeps to this thread; absent, one per core (at
   * most 4) when there are enough pieces. A given `policy` always keeps to this thread.
   */
  readonly threads?: number;
}

/**
 * Evaluate one input against the findings entrypoint. Fails closed: a result that is missing, not an array,
 * or holds a malformed finding is a GateEvaluationError, never "no findings".
 */
export async function evaluatePlan(input: GateInput, options: EvaluateOptions): Promise<Finding[]> {
  return parseFindings(input, await evaluateRaw(input, options));
}

function parseFindings(input: GateInput, raw: readonly unknown[]): Finding[] {
  const findings: Finding[] = [];
  const problems: string[] = [];
  const context = {
    file: input.file,
    ...(input.stack !== undefined ? { stack: input.stack } : {}),
    constructPath: (address: string) => input.constructPaths.get(address),
  };
  raw.forEach((value, index) => {
    const parsed = parseRawFinding(value, index, context);
    if (Array.isArray(parsed)) problems.push(...parsed);
    else findings.push(parsed);
  });
  if (problems.length > 0) {
    throw new GateEvaluationError(
      "GATE_RESULT_INVALID",
      `the policy returned ${problems.length} malformed finding field(s) for ${input.file}: ${problems[0]}`,
      { problems },
    );
  }
  return sortFindings(findings);
}

/**
 * The findings entrypoint's values for one input, unparsed: the concatenation of every piece's findings array
 * (gate/select.ts), or the whole document's. Exported for the parity tests, which compare it with Go OPA's.
 */
export async function evaluateRaw(input: GateInput, options: EvaluateOptions): Promise<unknown[]> {
  return (await evaluateRawAll([input], options))[0] as unknown[];
}

/** A piece waiting for evaluation: which input and which of its pieces, and its cache key. */
interface Pending {
  readonly input: number;
  readonly piece: number;
  readonly key: string | undefined;
}

/**
 * evaluateRaw of every input. Whole documents are evaluated one by one; the pieces of every input go to one queue,
 * judged on several threads when there are enough of them (gate/parallel.ts: a cdktf.out of many stacks, a plan of
 * many broad policies), and put back in input and piece order.
 */
async function evaluateRawAll(inputs: readonly GateInput[], options: EvaluateOptions): Promise<unknown[][]> {
  const wasmPath = options.policy?.wasmPath ?? options.wasmPath ?? defaultWasmPath();
  const selection = options.pieces === "whole" ? undefined : loadSelection(selectionPathFor(wasmPath));
  const ahead = selection === undefined ? [] : startAhead(inputs, selection, options, wasmPath);
  try {
    return await judgeAll(inputs, options, wasmPath, selection, ahead);
  } finally {
    stopWorkers(ahead);
  }
}

async function judgeAll(
  inputs: readonly GateInput[],
  options: EvaluateOptions,
  wasmPath: string,
  selection: Selection | undefined,
  ahead: readonly StartedWorker[],
): Promise<unknown[][]> {
  const out: (readonly unknown[])[][] = [];
  const jobs: PieceJob[] = [];
  const pending: Pending[] = [];
  const cache = options.pieceCache;
  for (const [i, input] of inputs.entries()) {
    const pieces = selection && selectPieces(input.document, selection, options.pieces === "whole" ? undefined : options.pieces);
    if (pieces === undefined) {
      const bytes = input.json?.byteLength ?? 0;
      if (bytes > MAX_WASM_INPUT_BYTES) throw new GateEvaluationError("GATE_INPUT_TOO_LARGE", `${input.file}: ${tooLargeAdvice(bytes)}`);
      // the user's own bytes (escapes and all) are not searched for AWS-managed policy names: the whole snapshot
      const policy = await policyFor(options, wasmPath, options.memory ?? memoryForInput(bytes), regoDataFor(options.catalog, options.approved));
      out.push([evaluateOne(policy, input.json ?? input.document, input.file)]);
      continue;
    }
    const texts = pieces.map((piece) => Buffer.from(JSON.stringify(piece), "utf8"));
    const largest = texts.reduce((n, t) => Math.max(n, t.byteLength), 0);
    if (largest > MAX_WASM_INPUT_BYTES) {
      throw new GateEvaluationError("GATE_INPUT_TOO_LARGE", `${input.file}: its largest group of related resources: ${tooLargeAdvice(largest)}`);
    }
    const results: (readonly unknown[])[] = new Array(texts.length);
    for (const [j, text] of texts.entries()) {
      const key = cache === undefined ? undefined : PieceCache.key(text);
      const hit = key === undefined ? undefined : cache?.get(key);
      if (hit !== undefined) {
        results[j] = hit;
        continue;
      }
      jobs.push({ text, file: input.file });
      pending.push({ input: i, piece: j, key });
    }
    out.push(results);
  }
  if (jobs.length > 0) {
    // the policy is loaded (and given its data) only when some piece is not in the cache
    const largest = jobs.reduce((n, j) => Math.max(n, j.text.byteLength), 0);
    const memory = options.memory ?? memoryForPieces(largest);
    // of the AWS-managed policy snapshot, only the policies these pieces can name (gate/managed-names.ts)
    const data = regoDataFor(options.catalog, options.approved, awsManagedPolicyNames(jobs.map((j) => j.text)));
    const policy = await policyFor(options, wasmPath, memory, data);
    // the data again before each piece (an identity check when unchanged): this thread yields between pieces, and
    // another evaluation sharing the cached instance may have loaded its own data meanwhile
    const local = (job: PieceJob): unknown[] => {
      policy.setData(data);
      return evaluateOne(policy, job.text, job.file);
    };
    const threads = options.policy !== undefined ? 1 : threadsFor(jobs.length, options.threads);
    const script = threads > 1 ? evalWorkerScript() : undefined;
    // workers started ahead are taken when they were started with this memory (the caller stops the rest)
    const usable = ahead.filter((w) => w.init.memory.initial === memory.initial && w.init.memory.maximum === memory.maximum);
    const raws =
      script !== undefined
        ? await evaluateInParallel(jobs, local, { wasmPath, compiled: compiledPolicyModule(wasmPath), data, memory }, threads, script, usable)
        : jobs.map(local);
    raws.forEach((raw, k) => {
      const at = pending[k] as Pending;
      (out[at.input] as (readonly unknown[])[])[at.piece] = raw;
      if (at.key !== undefined) cache?.set(at.key, raw);
    });
  }
  return out.map((pieces) => pieces.flat(1));
}

/**
 * Worker threads started before the pieces are selected, when the inputs clearly make enough pieces for them (a
 * cdktf.out of many stacks, a plan of many resources of the selected types): their start (~100 ms: the module, the
 * instance, the data) then overlaps the selection. They get the memory of the smallest pieces (that of every piece
 * up to ~1 MB); a larger piece makes judgeAll start workers of its own. None for a given policy (one thread) or
 * when one thread is wanted.
 */
function startAhead(inputs: readonly GateInput[], selection: Selection, options: EvaluateOptions, wasmPath: string): StartedWorker[] {
  if (options.policy !== undefined || options.pieces === "whole") return [];
  const limits = options.pieces ?? DEFAULT_PIECE_LIMITS;
  let expected = 0;
  for (const input of inputs) {
    const changes = input.document.plan.resource_changes;
    const selected = Array.isArray(changes) ? changes.filter((rc: { type?: unknown } | null) => typeof rc?.type === "string" && selection.types.has(rc.type)).length : 0;
    expected += 1 + Math.floor(selected / limits.maxResources);
  }
  const threads = threadsFor(expected, options.threads);
  const script = threads > 1 ? evalWorkerScript() : undefined;
  if (script === undefined) return [];
  const memory = options.memory ?? memoryForPieces(0);
  // the whole AWS-managed policy snapshot: the pieces are not known yet (a superset of what they can name)
  const data = regoDataFor(options.catalog, options.approved);
  return startWorkers(script, { wasmPath, compiled: compiledPolicyModule(wasmPath), data, memory }, threads - 1);
}

/**
 * Memory for evaluating pieces of at most `largest` bytes. A piece's evaluation needs far more memory than its
 * bytes suggest (the access model's probes), and memory grown on demand costs a V8 garbage collection per step
 * (measured: pieces of 50 broad policies took 2.4x the CPU of pieces of 25 until the instance started large). The
 * heap is reset between pieces, so what is touched once is reused: start at 256 MiB (untouched pages cost no RSS).
 */
function memoryForPieces(largest: number): MemoryOptions {
  const byBytes = memoryForInput(largest);
  return { initial: Math.max(PIECE_MEMORY_PAGES, byBytes.initial), maximum: byBytes.maximum };
}
const PIECE_MEMORY_PAGES = 4096;

async function policyFor(options: EvaluateOptions, wasmPath: string, memory: MemoryOptions, data: RegoData): Promise<GatePolicy> {
  const policy = options.policy ?? (await loadGatePolicy(wasmPath, memory));
  policy.setData(data);
  return policy;
}

function evaluateOne(policy: GatePolicy, document: object | Uint8Array, file: string): unknown[] {
  return findingsOfResultSet(policy.evaluate(document), file);
}

/**
 * toRegoData once per catalog, approved set and set of AWS-managed policy names (`managed`; absent: the whole
 * snapshot), so that the same data document is the same object (GatePolicy.setData loads it once): a cdktf.out
 * directory evaluates one input per stack, and the server one plan per run with mostly the same names.
 */
type RegoData = ReturnType<typeof toRegoData>;
type ByNames = Map<string, RegoData>;
const regoData = new WeakMap<Catalog, { none: ByNames; byApproved: WeakMap<ApprovedSet, ByNames> }>();
/** Data documents kept per catalog and approved set; past this many distinct name sets the oldest is dropped. */
const MAX_NAME_SETS = 64;
function regoDataFor(catalog: Catalog, approved: ApprovedSet | undefined, managed?: readonly string[]): RegoData {
  let entry = regoData.get(catalog);
  if (!entry) regoData.set(catalog, (entry = { none: new Map(), byApproved: new WeakMap() }));
  let byNames = approved === undefined ? entry.none : entry.byApproved.get(approved);
  if (!byNames) entry.byApproved.set(approved as ApprovedSet, (byNames = new Map()));
  const key = managed === undefined ? "whole" : `named:${managed.join("\n")}`;
  let data = byNames.get(key);
  if (!data) {
    data = toRegoData(catalog, approved, managed === undefined ? undefined : managedPoliciesNamed(managed));
    if (byNames.size >= MAX_NAME_SETS) byNames.delete(byNames.keys().next().value as string);
    byNames.set(key, data);
  }
  return data;
}

/**
 * How to read plans for the policy at `wasmPath` (default: the bundled one): large plans are read without what its
 * selection declaration drops (gate/plan-reduce.ts). Without a selection.json (a test policy, evaluated whole)
 * plans are read whole.
 */
export function readOptionsFor(wasmPath?: string): ReadOptions {
  const selection = loadSelection(selectionPathFor(wasmPath ?? defaultWasmPath()));
  return selection === undefined ? {} : { reduceTo: selection.types };
}

/** Evaluate every input in order and return all findings, sorted. */
export async function evaluateInputs(inputs: readonly GateInput[], options: EvaluateOptions): Promise<Finding[]> {
  const raws = await evaluateRawAll(inputs, options);
  return sortFindings(inputs.flatMap((input, i) => parseFindings(input, raws[i] as unknown[])));
}
