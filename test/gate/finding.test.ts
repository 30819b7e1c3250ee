import { compareFindings, distinctFindingKeys, findingKey, parseRawFinding, sortFindings } from "../../gate/finding";
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

describe("distinctFindingKeys: two findings of one rule on one address get distinct keys", () => {
  it("GIVEN one finding per rule and address THEN the key is RuleID[address]", () => {
    const f = finding({ ruleId: "MG-0005", address: "aws_iam_policy.ml" });
    expect([...distinctFindingKeys([f]).values()]).toEqual(["MG-0005[aws_iam_policy.ml]"]);
  });

  it("GIVEN two findings of one rule on one address THEN two keys, stable under reordering", () => {
    const a = finding({ ruleId: "MG-0005", address: "aws_iam_policy.ml", message: "empty account segment in arn:aws:bedrock:*::inference-profile/us.a" });
    const b = finding({ ruleId: "MG-0005", address: "aws_iam_policy.ml", message: "empty account segment in arn:aws:bedrock:*::inference-profile/eu.a" });
    const forward = distinctFindingKeys([a, b]);
    const backward = distinctFindingKeys([b, a]);
    expect(forward.get(a)).not.toBe(forward.get(b));
    expect([forward.get(a), forward.get(b)]).toEqual([backward.get(a), backward.get(b)]);
    expect(forward.get(a)).toMatch(/^MG-0005\[aws_iam_policy\.ml\]#[0-9a-f]{8}$/);
  });

  it("GIVEN the same address in two stacks THEN each keeps the plain key (the input tells them apart)", () => {
    const a = finding({ ruleId: "MG-0009", address: "aws_iam_policy.InvokePolicy", stack: "account-a", file: "a/cdk.tf.json" });
    const b = finding({ ruleId: "MG-0009", address: "aws_iam_policy.InvokePolicy", stack: "account-b", file: "b/cdk.tf.json" });
    expect(new Set(distinctFindingKeys([a, b]).values())).toEqual(new Set(["MG-0009[aws_iam_policy.InvokePolicy]"]));
  });
});
