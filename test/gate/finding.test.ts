import { compareFindings, findingKey, parseRawFinding, sortFindings } from "../../gate/finding";
import { finding } from "./sample-findings";

describe("finding: key and total order", () => {
  it("GIVEN a finding THEN its key is RuleID[address]", () => {
    expect(findingKey(finding({ ruleId: "MG-0005", address: "aws_iam_policy.ml" }))).toBe("MG-0005[aws_iam_policy.ml]");
  });

  it("GIVEN shuffled findings THEN sorted by severity desc, rule ID, address, message", () => {
    const a = finding({ severity: "low", ruleId: "MG-0001", address: "a" });
    const b = finding({ severity: "critical", ruleId: "MG-0009", address: "z" });
    const c = finding({ severity: "high", ruleId: "MG-0002", address: "b", message: "2" });
    const d = finding({ severity: "high", ruleId: "MG-0002", address: "b", message: "1" });
    const e = finding({ severity: "high", ruleId: "MG-0002", address: "a" });
    const f = finding({ severity: "high", ruleId: "MG-0001", address: "z" });
    expect(sortFindings([a, c, e, b, d, f])).toEqual([b, f, e, d, c, a]);
    expect(compareFindings(a, a)).toBe(0);
  });
});

describe("parseRawFinding: accepts exactly the Rego output contract", () => {
  const raw = {
    ruleId: "MG-0005",
    longId: "arn_account_segment",
    title: "t",
    severity: "HIGH",
    remediation: "r",
    message: "m",
    address: "aws_iam_policy.x",
    resourceType: "aws_iam_policy",
  };

  it("GIVEN a well-formed raw finding and synth context THEN lower-case severity, stack and construct path", () => {
    const parsed = parseRawFinding(raw, 0, { file: "f", stack: "acct", constructPath: (a) => (a === "aws_iam_policy.x" ? "acct/X" : undefined) });
    expect(parsed).toEqual({ ...raw, severity: "high", stack: "acct", constructPath: "acct/X", file: "f" });
  });

  it("GIVEN an array, or an empty message THEN the problems", () => {
    expect(parseRawFinding([], 3, { file: "f" })).toEqual(["findings[3] is an array, expected an object"]);
    expect(parseRawFinding({ ...raw, message: "" }, 0, { file: "f" })).toEqual(["findings[0].message is a string, expected a non-empty string"]);
  });
});
