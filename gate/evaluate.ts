import type { ApprovedSet, Catalog } from "../catalog";
import { toRegoData } from "../catalog";
import { GateEvaluationError } from "../core/errors";
import { assertFindingsArray, describeType, parseRawFinding, sortFindings, type Finding } from "./finding";
import type { GateInput } from "./input";
import {
  FINDINGS_ENTRYPOINT,
  MAX_WASM_INPUT_BYTES,
  loadGatePolicy,
  memoryForInput,
  tooLargeAdvice,
  type GatePolicy,
  type MemoryOptions,
} from "./load-policy";

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
}

/**
 * Evaluate one input against the findings entrypoint. Fails closed: a result that is missing, not an array,
 * or holds a malformed finding is a GateEvaluationError, never "no findings".
 */
export async function evaluatePlan(input: GateInput, options: EvaluateOptions): Promise<Finding[]> {
  const bytes = input.json?.byteLength ?? 0;
  if (bytes > MAX_WASM_INPUT_BYTES) throw new GateEvaluationError("GATE_INPUT_TOO_LARGE", `${input.file}: ${tooLargeAdvice(bytes)}`);
  const memory = options.memory ?? memoryForInput(bytes);
  const policy = options.policy ?? (await loadGatePolicy(options.wasmPath, memory));
  policy.setData(regoDataFor(options.catalog, options.approved));
  const resultSet = policy.evaluate(input.json ?? input.document);
  const value = unwrapResultSet(resultSet, input.file);
  assertFindingsArray(value, FINDINGS_ENTRYPOINT);
  const findings: Finding[] = [];
  const problems: string[] = [];
  const context = {
    file: input.file,
    ...(input.stack !== undefined ? { stack: input.stack } : {}),
    constructPath: (address: string) => input.constructPaths.get(address),
  };
  value.forEach((raw, index) => {
    const parsed = parseRawFinding(raw, index, context);
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

/** toRegoData once per catalog and approved set (a cdktf.out directory evaluates one input per stack). */
type RegoData = ReturnType<typeof toRegoData>;
const regoData = new WeakMap<Catalog, { none?: RegoData; byApproved: WeakMap<ApprovedSet, RegoData> }>();
function regoDataFor(catalog: Catalog, approved: ApprovedSet | undefined): RegoData {
  let entry = regoData.get(catalog);
  if (!entry) regoData.set(catalog, (entry = { byApproved: new WeakMap() }));
  if (approved === undefined) return (entry.none ??= toRegoData(catalog));
  let data = entry.byApproved.get(approved);
  if (!data) entry.byApproved.set(approved, (data = toRegoData(catalog, approved)));
  return data;
}

/** Evaluate every input in order and return all findings, sorted. */
export async function evaluateInputs(inputs: readonly GateInput[], options: EvaluateOptions): Promise<Finding[]> {
  const all: Finding[] = [];
  for (const input of inputs) all.push(...(await evaluatePlan(input, options)));
  return sortFindings(all);
}

/** The SDK returns `[{"result": value}]`, or `[]` when the entrypoint is undefined. */
function unwrapResultSet(resultSet: unknown, file: string): unknown {
  if (!Array.isArray(resultSet) || resultSet.length !== 1) {
    const what = Array.isArray(resultSet) && resultSet.length === 0 ? "undefined" : describeType(resultSet);
    throw new GateEvaluationError(
      "GATE_RESULT_INVALID",
      `the policy entrypoint ${FINDINGS_ENTRYPOINT} was ${what} for ${file}; the plan was not evaluated`,
    );
  }
  const first: unknown = resultSet[0];
  if (first === null || typeof first !== "object" || !("result" in first)) {
    throw new GateEvaluationError(
      "GATE_RESULT_INVALID",
      `the policy entrypoint ${FINDINGS_ENTRYPOINT} was undefined for ${file}; the plan was not evaluated`,
    );
  }
  return (first as { result: unknown }).result;
}
