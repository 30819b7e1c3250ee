import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { LoadedPolicy, loadPolicySync as SdkLoadPolicySync } from "@open-policy-agent/opa-wasm";
import { GateEvaluationError, describeThrown } from "../core/errors";
import { FINDINGS_ENTRYPOINT } from "./finding";
import { opaSdk } from "./opa-sdk";
import { packageFile } from "./package-file";

/** 64 KiB wasm pages. The default of 5 is too small for the catalog data; inputs grow memory on demand. */
export interface MemoryOptions {
  readonly initial: number;
  readonly maximum: number;
}
export const DEFAULT_MEMORY: MemoryOptions = { initial: 32, maximum: 65536 };

/**
 * Memory for evaluating an input of `inputBytes` bytes of JSON. Evaluation needs roughly 110-170 bytes of wasm
 * memory per input byte (BENCHMARKS.md). Left to grow on demand from a small start, the runtime grows in many
 * small steps and V8 answers each with a garbage collection, which dominated the check of a 1 MB plan; growing
 * the memory from outside does not help, since the runtime's allocator does not see the added pages. So the
 * instance starts large enough: 256 bytes per input byte, rounded up to a power of two (so that inputs of
 * similar size share one cached instance), at least DEFAULT_MEMORY.initial. Untouched pages cost no RSS.
 */
export function memoryForInput(inputBytes: number): MemoryOptions {
  const pages = Math.ceil((inputBytes * 256) / (64 * 1024)) + 64;
  let initial = DEFAULT_MEMORY.initial;
  while (initial < pages && initial < MAX_INITIAL_PAGES) initial *= 2;
  return { initial: Math.min(initial, MAX_INITIAL_PAGES), maximum: DEFAULT_MEMORY.maximum };
}

/**
 * The largest plan the wasm gate attempts. Evaluation needs at least ~110 bytes of wasm memory per byte of plan
 * JSON and a wasm32 instance addresses 4 GiB, so a larger plan cannot be judged: refusing it at once beats
 * failing after minutes of garbage collection (a 98 MB plan ran for over 5 minutes at 4 GiB before it was
 * stopped). Plans between ~25 MB and this limit may still run out of memory; that fails closed too.
 */
export const MAX_WASM_INPUT_BYTES = Math.floor((4 * 1024 ** 3) / 110);

/** The advice given whenever a plan is too large for the wasm gate. */
export function tooLargeAdvice(bytes: number, maximumPages: number = DEFAULT_MEMORY.maximum): string {
  const limit = maximumPages >= 65536 ? "the 4 GiB a wasm32 policy can address" : `the ${maximumPages / 16} MiB this policy may use`;
  return (
    `the plan (${(bytes / 1e6).toFixed(1)} MB of JSON) needs more than ${limit} ` +
    `(about 110-170 bytes per byte of plan), so it was not judged. Gate it in parts (one stack or module per plan), ` +
    `or with Go OPA on the exported policy set: opa eval -d policy-set/rego -i input.json data.modelgate.main.deny, ` +
    `where input.json is {"plan": <the plan>}`
  );
}

/**
 * 2 GiB. A wasm32 instance that starts with the whole 4 GiB cannot even allocate its data (the runtime's
 * heap arithmetic overflows: "opa_malloc: failed"); from here the runtime may still grow to the maximum.
 */
const MAX_INITIAL_PAGES = 32768;
/**
 * After an evaluation leaves memory larger than this (and larger than the instance started with), the instance
 * is dropped: wasm memory never shrinks.
 */
const RELOAD_ABOVE_BYTES = 256 * 1024 * 1024;

/** A loaded findings policy. Every method throws only GateEvaluationError. */
export interface GatePolicy {
  readonly wasmPath: string;
  /** Load the data document (`toRegoData(...)`) unless the same one is already loaded. */
  setData(data: object): void;
  /** Evaluate the findings entrypoint; returns the SDK's raw result set. */
  evaluate(input: object | Uint8Array): unknown;
}

/** The wasm built by tools/build-wasm.sh, found from the source tree or from dist/. */
export function defaultWasmPath(): string {
  return packageFile("rego", "dist", "policy.wasm");
}

/** A compiled WebAssembly.Module (lib ES2022 has no WebAssembly types; this file needs only the constructor). */
interface CompiledWasm {
  readonly __compiledWasm?: never;
}
declare const WebAssembly: { readonly Module: new (bytes: Uint8Array) => CompiledWasm };

const wasmModules = new Map<string, CompiledWasm>();
const instances = new Map<string, Promise<GatePolicy>>();

/** Forget every cached module and instance (tests that rebuild a wasm at the same path). */
export function clearPolicyCache(): void {
  wasmModules.clear();
  instances.clear();
}

/**
 * Load the policy at `wasmPath` once per process and reuse it. The bytes are cached by path; the
 * instance is replaced after a very large input (its memory cannot shrink).
 */
export function loadGatePolicy(wasmPath: string = defaultWasmPath(), memory: MemoryOptions = DEFAULT_MEMORY): Promise<GatePolicy> {
  const key = `${path.resolve(wasmPath)}#${memory.initial}/${memory.maximum}`;
  let instance = instances.get(key);
  if (!instance) {
    instance = instantiate(wasmPath, memory, () => instances.delete(key));
    instances.set(key, instance);
    instance.catch(() => instances.delete(key));
  }
  return instance;
}

/**
 * The compiled module of the policy at `wasmPath` (compiled once per process), to hand to a worker thread: a
 * WebAssembly.Module crosses postMessage and workerData without being compiled again.
 */
export function compiledPolicyModule(wasmPath: string): unknown {
  return compileWasm(wasmPath);
}

/** In a worker thread: use the module the parent compiled for `wasmPath` (compiledPolicyModule). */
export function adoptCompiledPolicyModule(wasmPath: string, compiled: unknown): void {
  wasmModules.set(path.resolve(wasmPath), compiled as CompiledWasm);
}

/**
 * The compiled module of the policy at `wasmPath`, compiled once per process. Compiled synchronously: V8 compiles
 * wasm functions lazily, on first call, so this takes a few milliseconds, and instantiating the module (not the
 * bytes) through the SDK's loadPolicySync skips its `instanceof Response` check, which loads Node's fetch
 * implementation (undici) on first use and cost a tiny check more than the compilation itself.
 */
function compileWasm(wasmPath: string): CompiledWasm {
  const key = path.resolve(wasmPath);
  const cached = wasmModules.get(key);
  if (cached) return cached;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(wasmPath);
  } catch (cause) {
    throw new GateEvaluationError(
      "GATE_POLICY_MISSING",
      `cannot read the policy ${wasmPath} (${describeThrown(cause)}); build it with tools/build-wasm.sh`,
      { cause },
    );
  }
  let compiled: CompiledWasm;
  try {
    compiled = new WebAssembly.Module(bytes);
  } catch (cause) {
    throw new GateEvaluationError("GATE_POLICY_INVALID", `cannot load the policy ${wasmPath}: ${describeThrown(cause)}`, { cause });
  }
  wasmModules.set(key, compiled);
  return compiled;
}

async function instantiate(wasmPath: string, memory: MemoryOptions, evict: () => void): Promise<GatePolicy> {
  const compiled = compileWasm(wasmPath);
  let loaded: LoadedPolicy;
  try {
    loaded = opaSdk().loadPolicySync(compiled as Parameters<typeof SdkLoadPolicySync>[0], { initial: memory.initial, maximum: memory.maximum });
  } catch (cause) {
    throw new GateEvaluationError("GATE_POLICY_INVALID", `cannot load the policy ${wasmPath}: ${describeThrown(cause)}`, { cause });
  }
  const entrypoints = (loaded.entrypoints ?? {}) as Record<string, number>;
  if (!Object.prototype.hasOwnProperty.call(entrypoints, FINDINGS_ENTRYPOINT)) {
    const known = Object.keys(entrypoints).sort();
    throw new GateEvaluationError(
      "GATE_ENTRYPOINT_MISSING",
      `the policy ${wasmPath} has no entrypoint ${FINDINGS_ENTRYPOINT} (it has: ${known.length > 0 ? known.join(", ") : "none"}); rebuild it with tools/build-wasm.sh`,
    );
  }
  let dataKey: string | undefined;
  let dataObject: object | undefined;
  return {
    wasmPath,
    setData(data: object): void {
      if (data === dataObject) return;
      const key = JSON.stringify(data);
      dataObject = data;
      if (key === dataKey) return;
      try {
        // The JSON text already made for the key, as the ArrayBuffer the SDK takes: it would stringify the
        // ~600 KB document again.
        loaded.setData(new TextEncoder().encode(key).buffer as ArrayBuffer);
        dataKey = key;
      } catch (cause) {
        dataKey = undefined;
        dataObject = undefined;
        throw new GateEvaluationError("GATE_DATA_REJECTED", `the policy ${wasmPath} rejected its data document: ${describeThrown(cause)}`, {
          cause,
        });
      }
    },
    evaluate(input: object | Uint8Array): unknown {
      // The SDK takes an ArrayBuffer holding exactly the JSON text: a view that spans its whole buffer (any input
      // over Node's 4 KiB pool) is passed as is; a view into a shared buffer is copied into one.
      const arg =
        input instanceof Uint8Array
          ? input.byteOffset === 0 && input.byteLength === input.buffer.byteLength
            ? (input.buffer as ArrayBuffer)
            : (input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) as ArrayBuffer)
          : input;
      try {
        return loaded.evaluate(arg, FINDINGS_ENTRYPOINT);
      } catch (cause) {
        evict();
        const text = describeThrown(cause);
        if (input instanceof Uint8Array && /opa_malloc|out of memory|Out of memory|could not grow|Cannot grow/i.test(text)) {
          throw new GateEvaluationError("GATE_OUT_OF_MEMORY", `${tooLargeAdvice(input.byteLength, memory.maximum)} (${text})`, { cause });
        }
        throw new GateEvaluationError("GATE_EVALUATION_FAILED", `the policy failed during evaluation: ${text}`, { cause });
      } finally {
        const now = loaded.mem.buffer.byteLength;
        if (now > RELOAD_ABOVE_BYTES && now > memory.initial * 64 * 1024) evict();
      }
    },
  };
}
