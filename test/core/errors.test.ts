import { ConfigError, GateEvaluationError, ModelgateError, describeThrown, isModelgateError } from "../../core/errors";
import { atLeast, parseSeverity } from "../../core/severity";
import { canonicalJson } from "../../core/canonical-json";

describe("ModelgateError: every failure records its code, who failed and the cause", () => {
  it("brands subclasses and keeps the cause and problems", () => {
    const cause = new Error("root cause");
    const error = new ConfigError("CONFIG_INVALID", "2 problems", { cause, problems: ["a", "b"] });
    expect(error).toBeInstanceOf(ModelgateError);
    expect(isModelgateError(error)).toBe(true);
    expect(error.name).toBe("ConfigError");
    expect(error.source).toBe("user");
    expect(error.cause).toBe(cause);
    expect(error.problems).toEqual(["a", "b"]);
    expect(new GateEvaluationError("WASM_LOAD_FAILED", "x").source).toBe("internal");
  });

  it("does not brand plain errors or look-alikes", () => {
    expect(isModelgateError(new Error("x"))).toBe(false);
    expect(isModelgateError({ code: "X", source: "user" })).toBe(false);
    expect(isModelgateError(null)).toBe(false);
  });

  it("describes the strings and plain objects the opa-wasm SDK throws", () => {
    expect(describeThrown("entrypoint x not found")).toBe("entrypoint x not found");
    expect(describeThrown({ message: "not implemented: time.now_ns" })).toBe("not implemented: time.now_ns");
    expect(describeThrown({ code: 7 })).toBe('{"code":7}');
  });
});

describe("severity and canonical JSON: ordering is total and output is stable", () => {
  it("parses any case and orders low < critical", () => {
    expect(parseSeverity("HIGH")).toBe("high");
    expect(parseSeverity("urgent")).toBeUndefined();
    expect(atLeast("critical", "medium")).toBe(true);
    expect(atLeast("low", "medium")).toBe(false);
  });
  it("sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });
});
