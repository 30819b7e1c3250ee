import { loadCatalog, toRegoData } from "../../catalog";
import { GateEvaluationError, isModelgateError } from "../../core/errors";
import { evaluateInputs, evaluatePlan } from "../../gate/evaluate";
import { parseInputBytes, readInput, type GateInput } from "../../gate/input";
import { FINDINGS_ENTRYPOINT, findingsOfResultSet } from "../../gate/finding";
import { clearPolicyCache, MAX_WASM_INPUT_BYTES, loadGatePolicy, memoryForInput } from "../../gate/load-policy";
import * as path from "node:path";
import { REAL_WASM, buildTestWasm, iamPolicyChange, plan, tempDir, writeTemp } from "./wasm-helper";

const catalog = loadCatalog();
const WIDE = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] };

function inputOf(value: unknown, file = "plan.json"): GateInput {
  return parseInputBytes(Buffer.from(JSON.stringify(value)), file)[0] as GateInput;
}

async function evaluationError(promise: Promise<unknown>): Promise<GateEvaluationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isModelgateError(error)).toBe(true);
  expect(error).toBeInstanceOf(GateEvaluationError);
  expect((error as GateEvaluationError).source).toBe("internal");
  return error as GateEvaluationError;
}

beforeEach(() => clearPolicyCache());

describe("evaluatePlan: findings from the stand-in policy carry the contract's fields", () => {
  // The stand-in (test/gate/rego/standin) has two rules with the production output contract: bedrock:* in an
  // aws_iam_policy (MG-9001, HIGH) and an aws_iam_policy whose text is unknown (MG-9002, CRITICAL).
  const wasmPath = () => buildTestWasm("standin");

  it("GIVEN a module/for_each address with bedrock:* and an unknown policy THEN two findings, critical first, severity lower-case", async () => {
    const input = inputOf(plan([iamPolicyChange('module.a.aws_iam_policy.x["k"]', WIDE), iamPolicyChange("aws_iam_policy.u", undefined)]));
    const findings = await evaluatePlan(input, { catalog, wasmPath: wasmPath() });
    expect(findings).toEqual([
      {
        ruleId: "MG-9002",
        longId: "dev_unknown",
        severity: "critical",
        title: "Policy unknown at plan time",
        message: "policy text unknown",
        address: "aws_iam_policy.u",
        resourceType: "aws_iam_policy",
        remediation: "Make the policy text known at plan time.",
        file: "plan.json",
      },
      {
        ruleId: "MG-9001",
        longId: "dev_wildcard",
        severity: "high",
        title: "Wildcard Bedrock action",
        message: 'bedrock:* granted by module.a.aws_iam_policy.x["k"]',
        address: 'module.a.aws_iam_policy.x["k"]',
        resourceType: "aws_iam_policy",
        remediation: "Name actions explicitly.",
        file: "plan.json",
      },
    ]);
  });

  it("GIVEN a clean plan THEN no findings (an empty array, not an error)", async () => {
    const clean = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] };
    expect(await evaluatePlan(inputOf(plan([iamPolicyChange("aws_iam_policy.ok", clean)])), { catalog, wasmPath: wasmPath() })).toEqual([]);
  });

  it("GIVEN the same plan as raw JSON bytes and as an object THEN the same findings", async () => {
    const input = inputOf(plan([iamPolicyChange("aws_iam_policy.a", WIDE), iamPolicyChange("aws_iam_policy.b", undefined)]));
    expect(input.json).toBeDefined();
    const viaBytes = await evaluatePlan(input, { catalog, wasmPath: wasmPath() });
    const viaObject = await evaluatePlan({ ...input, json: undefined }, { catalog, wasmPath: wasmPath() });
    expect(viaBytes.map((f) => f.ruleId)).toEqual(["MG-9002", "MG-9001"]);
    expect(viaObject).toEqual(viaBytes);
  });

  it("GIVEN a UTF-16 plan with BOM THEN it is evaluated like the UTF-8 one", async () => {
    const fixtures = path.resolve(__dirname, "..", "fixtures", "inputs", "good");
    const [utf8] = readInput(path.join(fixtures, "plan-utf8.json"));
    const [utf16] = readInput(path.join(fixtures, "plan-utf16le-bom.json"));
    const a = await evaluatePlan(utf8 as GateInput, { catalog, wasmPath: wasmPath() });
    const b = await evaluatePlan(utf16 as GateInput, { catalog, wasmPath: wasmPath() });
    expect(a.map((f) => f.address)).toEqual(["aws_iam_policy.wide"]);
    expect(b.map(({ file: _f, ...rest }) => rest)).toEqual(a.map(({ file: _f, ...rest }) => rest));
  });

  it("GIVEN CDKTF synth output THEN findings carry the stack and the construct path", async () => {
    const dir = path.resolve(__dirname, "..", "fixtures", "inputs", "good", "cdktf.out");
    const findings = await evaluateInputs(readInput(dir), { catalog, wasmPath: wasmPath() });
    expect(findings.map((f) => [f.ruleId, f.address, f.stack, f.constructPath, path.relative(dir, f.file)])).toEqual([
      ["MG-9002", "aws_iam_policy.Computed", "acct", "acct/Computed", "stacks/acct/cdk.tf.json"],
    ]);
  });

  it("GIVEN two inputs THEN evaluateInputs merges and sorts their findings", async () => {
    const a = inputOf(plan([iamPolicyChange("aws_iam_policy.z", WIDE)]), "a.json");
    const b = inputOf(plan([iamPolicyChange("aws_iam_policy.y", undefined), iamPolicyChange("aws_iam_policy.a", WIDE)]), "b.json");
    const findings = await evaluateInputs([a, b], { catalog, wasmPath: wasmPath() });
    expect(findings.map((f) => `${f.ruleId} ${f.address} ${f.file}`)).toEqual([
      "MG-9002 aws_iam_policy.y b.json",
      "MG-9001 aws_iam_policy.a b.json",
      "MG-9001 aws_iam_policy.z a.json",
    ]);
  });

  it("GIVEN one path loaded twice THEN the same policy instance is reused", async () => {
    const first = await loadGatePolicy(wasmPath());
    expect(await loadGatePolicy(wasmPath())).toBe(first);
  });

  it("GIVEN a large plan THEN the policy memory grows and the result is complete", async () => {
    const many = Array.from({ length: 3000 }, (_, i) => iamPolicyChange(`aws_iam_policy.p${i}`, i % 1000 === 0 ? WIDE : { Statement: [], Pad: "x".repeat(4000) }));
    const findings = await evaluatePlan(inputOf(plan(many)), { catalog, wasmPath: wasmPath() });
    expect(findings.map((f) => f.address)).toEqual(["aws_iam_policy.p0", "aws_iam_policy.p1000", "aws_iam_policy.p2000"]);
  });
});

describe("evaluatePlan: fails closed when the policy cannot decide", () => {
  const input = () => inputOf(plan([iamPolicyChange("aws_iam_policy.x", WIDE)]));

  it("GIVEN a policy whose findings is an object THEN GATE_RESULT_INVALID, never 'no findings'", async () => {
    const e = await evaluationError(evaluatePlan(input(), { catalog, wasmPath: buildTestWasm("non-array") }));
    expect([e.code, e.message]).toEqual([
      "GATE_RESULT_INVALID",
      `the policy entrypoint ${FINDINGS_ENTRYPOINT} returned an object instead of an array of findings; the plan was not evaluated`,
    ]);
  });

  it("GIVEN a policy whose findings is undefined THEN GATE_RESULT_INVALID", async () => {
    const e = await evaluationError(evaluatePlan(input(), { catalog, wasmPath: buildTestWasm("undefined") }));
    expect(e.message).toBe(`the policy entrypoint ${FINDINGS_ENTRYPOINT} was undefined for plan.json; the plan was not evaluated`);
  });

  it("GIVEN a finding with a missing title and an unknown severity THEN GATE_RESULT_INVALID listing both", async () => {
    const e = await evaluationError(evaluatePlan(input(), { catalog, wasmPath: buildTestWasm("bad-finding") }));
    expect(e.problems).toEqual([
      "findings[0].title is missing, expected a non-empty string",
      'findings[0].severity is "SEVERE", expected LOW, MEDIUM, HIGH or CRITICAL',
    ]);
    expect(e.message).toBe("the policy returned 2 malformed finding field(s) for plan.json: findings[0].title is missing, expected a non-empty string");
  });

  it("GIVEN a wasm without the findings entrypoint THEN GATE_ENTRYPOINT_MISSING naming the ones it has", async () => {
    const wasm = buildTestWasm("no-entrypoint", "modelgate/other/deny");
    const e = await evaluationError(evaluatePlan(input(), { catalog, wasmPath: wasm }));
    expect([e.code, e.message]).toEqual([
      "GATE_ENTRYPOINT_MISSING",
      `the policy ${wasm} has no entrypoint ${FINDINGS_ENTRYPOINT} (it has: modelgate/other/deny); rebuild it with tools/build-wasm.sh`,
    ]);
  });

  it("GIVEN a policy calling a builtin opa-wasm lacks THEN the SDK's plain-object throw becomes GATE_EVALUATION_FAILED", async () => {
    const e = await evaluationError(evaluatePlan(input(), { catalog, wasmPath: buildTestWasm("aborts") }));
    expect([e.code, e.message]).toEqual(["GATE_EVALUATION_FAILED", "the policy failed during evaluation: not implemented: built-in function 0: time.now_ns"]);
    expect(e.cause).toEqual(expect.objectContaining({ message: "not implemented: built-in function 0: time.now_ns" }));
  });

  it("GIVEN a missing wasm file THEN GATE_POLICY_MISSING", async () => {
    const missing = path.join(tempDir(), "policy.wasm");
    const e = await evaluationError(evaluatePlan(input(), { catalog, wasmPath: missing }));
    expect(e.code).toBe("GATE_POLICY_MISSING");
    expect(e.message).toMatch(new RegExp(`^cannot read the policy ${missing.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(ENOENT: .*\\); build it with tools/build-wasm\\.sh$`));
  });

  it("GIVEN a file that is not WebAssembly THEN GATE_POLICY_INVALID", async () => {
    const bogus = writeTemp(tempDir(), "policy.wasm", "not wasm at all");
    const e = await evaluationError(evaluatePlan(input(), { catalog, wasmPath: bogus }));
    expect(e.code).toBe("GATE_POLICY_INVALID");
    expect(e.message.startsWith(`cannot load the policy ${bogus}: `)).toBe(true);
  });

  it("GIVEN bytes the wasm runtime cannot parse (it evaluates them as an absent input) THEN the real policy reports MG-0024, never 'no findings'", async () => {
    // the gate only hands the wasm JSON that JSON.parse accepted or JSON.stringify wrote; this is the net under that
    const policy = await loadGatePolicy(REAL_WASM, { initial: 4096, maximum: 65536 });
    policy.setData(toRegoData(catalog));
    const wide = JSON.stringify(plan([iamPolicyChange("aws_iam_policy.x", WIDE)]));
    for (const text of [wide.slice(0, wide.length - 3), '{"plan": {"resource_changes": [']) {
      const raw = findingsOfResultSet(policy.evaluate(Buffer.from(text, "utf8")), "truncated.json") as { ruleId: string }[];
      expect(raw.map((f) => f.ruleId)).toEqual(["MG-0024"]);
    }
  });

  it("GIVEN a memory maximum too small for the input THEN GATE_OUT_OF_MEMORY rather than a crash or a pass", async () => {
    const big = plan(Array.from({ length: 200 }, (_, i) => iamPolicyChange(`aws_iam_policy.p${i}`, { Pad: "x".repeat(10_000) })));
    // 8 MiB holds the data document (~4 MiB with the managed-policy snapshot) but not a 2 MB plan (~110 bytes per byte)
    const e = await evaluationError(evaluatePlan(inputOf(big), { catalog, wasmPath: buildTestWasm("standin"), memory: { initial: 32, maximum: 128 } }));
    expect(e.code).toBe("GATE_OUT_OF_MEMORY");
    expect(e.message).toMatch(/^the plan \(2\.\d MB of JSON\) needs more than the 8 MiB this policy may use /);
  });
});

describe("memoryForInput and the size limit: the wasm instance starts large enough, and plans it cannot hold are refused", () => {
  it("starts at 32 pages for small inputs and grows in powers of two with the input, capped at 2 GiB", () => {
    // GIVEN inputs from empty to far beyond what wasm32 can hold  WHEN sized
    const pages = [0, 4096, 1_000_000, 10_000_000, 30_000_000].map((b) => memoryForInput(b).initial);
    // THEN ~256 bytes of memory per input byte, rounded up to a power of two, never above 32768 pages
    expect(pages).toEqual([64, 128, 4096, 32768, 32768]);
    expect(memoryForInput(1_000_000).maximum).toBe(65536);
  });

  it("refuses a plan too large for 4 GiB of wasm memory at once, as an evaluation error (exit 3), never a pass", async () => {
    // GIVEN an input whose JSON is one byte over the limit (its bytes are never read: the size alone decides)
    const input: GateInput = {
      file: "huge.json",
      kind: "plan",
      constructPaths: new Map(),
      document: { plan: {} },
      json: new Uint8Array(MAX_WASM_INPUT_BYTES + 1),
    };
    // WHEN evaluated
    const error = await evaluatePlan(input, { catalog: loadCatalog() }).catch((e: unknown) => e);
    // THEN a typed internal error says why and what to do instead
    expect(error).toBeInstanceOf(GateEvaluationError);
    expect((error as GateEvaluationError).code).toBe("GATE_INPUT_TOO_LARGE");
    expect((error as GateEvaluationError).message).toMatch(
      /^huge\.json: the plan \(39\.0 MB of JSON\) needs more than the 4 GiB a wasm32 policy can address .*Gate it in parts .*opa eval -d policy-set\/rego/,
    );
  });
});
