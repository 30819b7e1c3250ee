import { isModelgateError, SuppressionError } from "../../core/errors";
import { applySuppressions, loadSuppressions, parseSuppressions, todayUtc } from "../../gate/suppressions";
import { finding } from "./sample-findings";
import { tempDir, writeTemp } from "./wasm-helper";

const entry = {
  ruleId: "MG-0005",
  address: 'module.guardrails.aws_organizations_policy.allow["ou-ab12"]',
  reason: "Legacy OU, migration tracked in PLAT-123",
  owner: "platform-team",
  expires: "2026-09-30",
};

function suppressionError(fn: () => unknown): SuppressionError {
  try {
    fn();
  } catch (e) {
    expect(isModelgateError(e) && e instanceof SuppressionError && e.source === "user").toBe(true);
    return e as SuppressionError;
  }
  throw new Error("expected a SuppressionError");
}

describe("parseSuppressions: YAML or JSON, every entry complete", () => {
  it("GIVEN YAML with a suppressions key THEN entries are returned as written", () => {
    const yaml = `suppressions:\n  - ruleId: MG-0005\n    address: 'module.guardrails.aws_organizations_policy.allow["ou-ab12"]'\n    reason: Legacy OU, migration tracked in PLAT-123\n    owner: platform-team\n    expires: "2026-09-30"\n`;
    expect(parseSuppressions(yaml, "s.yaml")).toEqual([entry]);
  });

  it("GIVEN a JSON array THEN the same entries", () => {
    expect(parseSuppressions(JSON.stringify([entry]), "s.json")).toEqual([entry]);
  });

  it("GIVEN a short reason, a bad date, a missing owner and an unknown key THEN one problem each, naming file and entry", () => {
    const bad = [{ ruleId: "MG-0005", address: "aws_iam_policy.x", reason: "because", expires: "2026-02-30", team: "x" }];
    const e = suppressionError(() => parseSuppressions(JSON.stringify(bad), "s.json"));
    expect(e.code).toBe("SUPPRESSIONS_INVALID");
    expect([...e.problems].sort()).toEqual(
      [
        "s.json: suppressions[0] has unknown key(s) team",
        "s.json: suppressions[0].reason must be at least 10 characters",
        "s.json: suppressions[0].expires must be a real calendar date",
        "s.json: suppressions[0].owner Invalid input: expected string, received undefined",
      ].sort(),
    );
  });

  it("GIVEN an unparsable file THEN SUPPRESSIONS_INVALID naming it", () => {
    const e = suppressionError(() => parseSuppressions("suppressions: [", "s.yaml"));
    expect(e.message.startsWith("s.yaml: not valid YAML or JSON: ")).toBe(true);
  });

  it("GIVEN a scalar instead of a list THEN the expected shape is explained", () => {
    const e = suppressionError(() => parseSuppressions("42", "s.yaml"));
    expect(e.problems).toEqual(["s.yaml: expected a list of suppressions, or an object {suppressions: [...]}"]);
  });

  it("GIVEN the same finding key twice THEN SUPPRESSIONS_INVALID", () => {
    const e = suppressionError(() => parseSuppressions(JSON.stringify([entry, { ...entry, owner: "other" }]), "s.json"));
    expect(e.message).toBe(`s.json: MG-0005[${entry.address}] is suppressed more than once`);
  });

  it("GIVEN a missing file THEN SUPPRESSIONS_UNREADABLE", () => {
    const file = `${tempDir()}/none.yaml`;
    expect(suppressionError(() => loadSuppressions(file)).message).toBe(`${file}: cannot read the suppressions file`);
  });

  it("GIVEN a file on disk with a BOM THEN it loads", () => {
    const file = writeTemp(tempDir(), "s.json", `\uFEFF${JSON.stringify({ suppressions: [entry] })}`);
    expect(loadSuppressions(file)).toEqual([entry]);
  });
});

describe("applySuppressions: one finding key per entry, until the expiry date inclusive", () => {
  const target = finding();
  const other = finding({ ruleId: "MG-0007", address: "aws_iam_policy.x" });

  it("GIVEN an active entry THEN its finding moves to suppressed and the others stay", () => {
    const result = applySuppressions([target, other], [entry], "2026-09-01");
    expect(result.findings).toEqual([other]);
    expect(result.suppressed).toEqual([{ finding: target, suppression: entry }]);
    expect(result.expired).toEqual([]);
  });

  it("GIVEN today equal to the expiry date THEN it still applies", () => {
    expect(applySuppressions([target], [entry], "2026-09-30").suppressed).toHaveLength(1);
  });

  it("GIVEN the day after expiry THEN the finding is reported again and the entry is listed as expired", () => {
    const result = applySuppressions([target], [entry], "2026-10-01");
    expect(result.findings).toEqual([target]);
    expect(result.suppressed).toEqual([]);
    expect(result.expired).toEqual([entry]);
  });

  it("GIVEN an entry for the same rule at another address THEN nothing is suppressed", () => {
    const result = applySuppressions([target], [{ ...entry, address: "aws_iam_policy.other" }], "2026-09-01");
    expect([result.findings.length, result.suppressed.length]).toEqual([1, 0]);
  });

  it("GIVEN a fixed clock THEN todayUtc is its UTC date", () => {
    expect(todayUtc(new Date("2026-08-21T23:30:00-05:00"))).toBe("2026-08-22");
  });
});

describe("applySuppressions: an address that stands in several inputs is suppressed only where the entry says", () => {
  // Every CDKTF account stack has the same address for its invoke policy.
  const dev = finding({ ruleId: "MG-0009", address: "aws_iam_policy.InvokePolicy", stack: "account-ml-dev", file: "cdktf.out/stacks/account-ml-dev/cdk.tf.json" });
  const prod = finding({ ruleId: "MG-0009", address: "aws_iam_policy.InvokePolicy", stack: "account-ml-prod", file: "cdktf.out/stacks/account-ml-prod/cdk.tf.json" });
  const base = { ruleId: "MG-0009", address: "aws_iam_policy.InvokePolicy", reason: "Sandbox account, reviewed in SEC-42", owner: "sec", expires: "2026-12-31" };

  it("GIVEN an entry without stack or file matching findings in two stacks THEN it applies to neither and is reported as ambiguous", () => {
    const result = applySuppressions([dev, prod], [base], "2026-11-28");
    expect(result.findings).toEqual([dev, prod]);
    expect(result.suppressed).toEqual([]);
    expect(result.ambiguous).toEqual([{ suppression: base, inputs: ["account-ml-dev", "account-ml-prod"] }]);
  });

  it("GIVEN an entry naming its stack (or file) THEN only that stack's finding is suppressed", () => {
    const byStack = { ...base, stack: "account-ml-dev" };
    expect(applySuppressions([dev, prod], [byStack], "2026-11-28")).toEqual({
      findings: [prod],
      suppressed: [{ finding: dev, suppression: byStack }],
      expired: [],
      ambiguous: [],
      unmatched: [],
    });
    const byFile = { ...base, file: "cdktf.out/stacks/account-ml-prod/cdk.tf.json" };
    expect(applySuppressions([dev, prod], [byFile], "2026-11-28").suppressed).toEqual([{ finding: prod, suppression: byFile }]);
  });

  it("GIVEN two entries for the same address in different stacks THEN the file is valid and both apply", () => {
    const text = JSON.stringify([
      { ...base, stack: "account-ml-dev" },
      { ...base, stack: "account-ml-prod" },
    ]);
    const entries = parseSuppressions(text, "s.json");
    expect(applySuppressions([dev, prod], entries, "2026-11-28").suppressed).toHaveLength(2);
    expect(suppressionError(() => parseSuppressions(JSON.stringify([base, base]), "s.json")).message).toBe(
      "s.json: MG-0009[aws_iam_policy.InvokePolicy] is suppressed more than once",
    );
  });
});

describe("applySuppressions: file: matches by resolved path; entries that match nothing are reported", () => {
  const f = finding({ ruleId: "MG-0009", address: "aws_iam_policy.x", file: "plans/plan.json" });
  const base = { ruleId: "MG-0009", address: "aws_iam_policy.x", reason: "Sandbox account, reviewed in SEC-42", owner: "sec", expires: "2026-12-31" };

  it.each([["./plans/plan.json"], ["plans/../plans/plan.json"], ["/work/repo/plans/plan.json"]])("GIVEN file: %s for the input plans/plan.json THEN it applies", (file) => {
    const entry = { ...base, file };
    const result = applySuppressions([f], [entry], "2026-11-28", { cwd: "/work/repo" });
    expect(result.suppressed).toEqual([{ finding: f, suppression: entry }]);
    expect(result.unmatched).toEqual([]);
  });

  it("GIVEN file: naming another file THEN it does not apply and is listed as unmatched", () => {
    const entry = { ...base, file: "plans/other.json" };
    const result = applySuppressions([f], [entry], "2026-11-28", { cwd: "/work/repo" });
    expect(result.findings).toEqual([f]);
    expect(result.unmatched).toEqual([entry]);
  });

  it("GIVEN an expired entry that matches nothing THEN it is expired, not unmatched", () => {
    const entry = { ...base, address: "aws_iam_policy.gone", expires: "2026-01-01" };
    const result = applySuppressions([f], [entry], "2026-11-28");
    expect([result.expired, result.unmatched]).toEqual([[entry], []]);
  });
});
