import * as path from "node:path";
import { loadCatalog } from "../../catalog";
import { evaluateRaw } from "../../gate/evaluate";
import { readInput } from "../../gate/input";
import { REPO, requireRealWasm } from "./wasm-helper";

/**
 * The plans written while attacking the selection (test/fixtures/selection/README.md): what each must give, with
 * default pieces, one resource per piece, and the whole plan in one evaluation. (select-parity.test.ts compares
 * them with Go OPA as well.)
 */

const DIR = path.join(REPO, "test", "fixtures", "selection");
const catalog = loadCatalog();

async function keys(file: string, pieces?: { maxResources: number; maxBytes: number } | "whole"): Promise<string[]> {
  const [input] = readInput(path.join(DIR, file));
  const raw = (await evaluateRaw(input!, { catalog, ...(pieces ? { pieces } : {}) })) as Array<{ ruleId: string; address: string }>;
  return [...new Set(raw.map((f) => `${f.ruleId} ${f.address}`))].sort();
}

describe("selection review plans", () => {
  requireRealWasm();

  it.each([
    // a module named __proto__ keeps its configuration: both roles' unknown inline_policy sets are reported
    ["proto-module-role-inline.json", ["MG-0004 module.__proto__.aws_iam_role.this"]],
    // a single group name given as a string joins its group policy, as the Rego reads it
    ["membership-groups-string.json", ["MG-0009 aws_iam_user_group_membership.alice"]],
    // a look-alike of an SCP's state in a terraform_data input is not the SCP: its detach is reported
    ["prior-state-injected-scp.json", ["MG-0018 aws_organizations_policy_attachment.ml"]],
    // policy_id = p[count.index].id resolves to the instance of the same index: nothing is weakened
    ["count-index-real-references.json", []],
  ])("GIVEN %s THEN the same findings in pieces and whole", async (file, want) => {
    expect(await keys(file)).toEqual(want);
    expect(await keys(file, { maxResources: 1, maxBytes: 1 })).toEqual(want);
    expect(await keys(file, "whole")).toEqual(want);
  });

  it("GIVEN a configuration look-alike in a terraform_data literal THEN it is not configuration (no conflict, same in pieces and whole)", async () => {
    const whole = await keys("nested-config-conflict.json", "whole");
    expect(await keys("nested-config-conflict.json")).toEqual(whole);
    expect(await keys("nested-config-conflict.json", { maxResources: 1, maxBytes: 1 })).toEqual(whole);
  });

  it("GIVEN an SCP target list given as a string THEN the move out of the target is judged with its allow-list", async () => {
    const pieces = await keys("awscc-target-ids-string.json");
    expect(pieces.some((k) => k.startsWith("MG-0018 "))).toBe(true);
    expect(await keys("awscc-target-ids-string.json", { maxResources: 1, maxBytes: 1 })).toEqual(pieces);
    expect(await keys("awscc-target-ids-string.json", "whole")).toEqual(pieces);
  });
});
