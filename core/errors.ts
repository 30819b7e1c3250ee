/**
 * Every failure in modelgate is a ModelgateError. Findings are data and never throw;
 * errors are failures of the user's input (source "user", exit 2) or of the tool (source "internal", exit 3).
 */
const BRAND = Symbol.for("modelgate.ModelgateError");

export type ErrorSource = "user" | "internal";

export interface ModelgateErrorOptions {
  readonly cause?: unknown;
  /** Individual problems when one boundary error carries a validator's whole list. */
  readonly problems?: readonly string[];
}

export class ModelgateError extends Error {
  readonly code: string;
  readonly source: ErrorSource;
  readonly problems: readonly string[];

  constructor(code: string, source: ErrorSource, message: string, options: ModelgateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.source = source;
    this.problems = Object.freeze([...(options.problems ?? [])]);
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }
}

/** True for any ModelgateError, even one created by another copy of this module. */
export function isModelgateError(value: unknown): value is ModelgateError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** The catalog (bundled or user override) is invalid. */
export class CatalogError extends ModelgateError {
  constructor(code: string, message: string, options?: ModelgateErrorOptions) {
    super(code, "user", message, options);
  }
}

/** The modelgate.yaml configuration is invalid. */
export class ConfigError extends ModelgateError {
  constructor(code: string, message: string, options?: ModelgateErrorOptions) {
    super(code, "user", message, options);
  }
}

/** A rendered policy breaks an AWS limit or grammar rule. */
export class PolicyError extends ModelgateError {
  constructor(code: string, message: string, options?: ModelgateErrorOptions) {
    super(code, "user", message, options);
  }
}

/** The plan, synth output or run-task input given to the gate cannot be read. */
export class PlanInputError extends ModelgateError {
  constructor(code: string, message: string, options?: ModelgateErrorOptions) {
    super(code, "user", message, options);
  }
}

/** A suppressions file is invalid. */
export class SuppressionError extends ModelgateError {
  constructor(code: string, message: string, options?: ModelgateErrorOptions) {
    super(code, "user", message, options);
  }
}

/** The wasm policy could not be loaded or evaluated: the gate could not decide, so it fails. */
export class GateEvaluationError extends ModelgateError {
  constructor(code: string, message: string, options?: ModelgateErrorOptions) {
    super(code, "internal", message, options);
  }
}

/** Render a thrown value (the opa-wasm SDK throws strings and plain objects) as text. */
export function describeThrown(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string") {
    return (value as { message: string }).message;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** What a worker thread sends back for an error: a ModelgateError's code, source and message, or GATE_WORKER_ERROR. */
export interface ThreadError {
  readonly code: string;
  readonly source: ErrorSource;
  readonly message: string;
}

export function threadError(error: unknown): ThreadError {
  return isModelgateError(error)
    ? { code: error.code, source: error.source, message: error.message }
    : { code: "GATE_WORKER_ERROR", source: "internal", message: describeThrown(error) };
}

/**
 * `modelgate deploy` could not finish: terraform/tofu missing (source "user"), or a synth, init, plan or apply step
 * failed (source "user" when the user's environment or input is at fault, "internal" otherwise).
 */
export class DeployError extends ModelgateError {
  constructor(code: string, source: ErrorSource, message: string, options?: ModelgateErrorOptions) {
    super(code, source, message, options);
  }
}
