import { join } from "node:path";
import { toRegoData } from "../../catalog";
import { approvedSet, loadConfig } from "../../config";

// The corpus config: Workloads approves four models in us and eu, Sandbox (and its account research) Nova Lite in us.
const CORPUS = join(__dirname, "../adversarial/modelgate.yaml");
const WKLD = "ou-ab12-wkld0001";
const SBOX = "ou-ab12-sbox0002";
const RESEARCH = "333344445555";
const MGMT = "111122223333";

describe("approvedSet: each target's own set beside the union", () => {
  const resolved = loadConfig(CORPUS);
  const set = approvedSet(resolved);

  it("keys each OU with an allow-list and each config account by its ID", () => {
    // GIVEN the corpus config WHEN the approved set is taken THEN Workloads, Sandbox and both accounts have their own
    // entry; Staging, which approves nothing of its own, has none (it is judged by the union); the management
    // account, which no SCP restricts and the config gives no entry nor a root allow-list, approves nothing
    expect(Object.keys(set.targets ?? {}).sort()).toEqual(["222233334444", RESEARCH, WKLD, SBOX, MGMT].sort());
    expect(set.targets?.[MGMT]).toMatchObject({ models: [], productIds: [], literalPatterns: [], geographies: [] });
    expect(set.targets?.[MGMT]?.openSurfaces).toEqual({ bedrockMantle: false, claudePlatform: false, apiKeys: false });
  });

  it("judges the management account by the root's allow-list when the config has one", () => {
    // GIVEN the example config (a root allow-list, the management account not listed as an account) WHEN the
    // approved set is taken THEN the management account's set is the root's
    const example = loadConfig(join(__dirname, "../../examples/organization/modelgate.yaml"));
    const own = approvedSet(example);
    const mgmt = example.organization.managementAccountId;
    expect(example.accounts.some((a) => a.id === mgmt)).toBe(false);
    expect(own.targets?.[mgmt]).toEqual(own.targets?.[example.organization.rootId]);
    expect(own.targets?.[mgmt]?.models.length).toBeGreaterThan(0);
  });

  it("gives each target only its own models, products and geographies", () => {
    // THEN Sandbox and research approve Nova Lite in us, with no Marketplace product
    for (const id of [SBOX, RESEARCH]) {
      expect(set.targets?.[id]).toMatchObject({ models: ["amazon.nova-lite-v1:0"], productIds: [], geographies: ["us"] });
    }
    // AND Workloads its four models in eu and us, with Haiku 4.5's product ID
    expect(set.targets?.[WKLD]).toMatchObject({ geographies: ["eu", "us"], productIds: ["prod-xdkflymybwmvi"] });
    expect(set.targets?.[WKLD]?.models).toHaveLength(4);
    // AND the union is every target's models and geographies together
    expect(set.models).toEqual(set.targets?.[WKLD]?.models);
    expect(set.geographies).toEqual(["eu", "us"]);
  });

  it("places every root, OU and account of the config, marking those that get an allow-list SCP", () => {
    // GIVEN the corpus config WHEN the approved set is taken THEN its layout holds the root, the three OUs (Staging,
    // which approves nothing of its own, too) and both accounts, each under the parent the config names
    expect(set.layout).toEqual({
      "r-ab12": { parent: null, allowList: false },
      [WKLD]: { parent: "r-ab12", allowList: true },
      [SBOX]: { parent: "r-ab12", allowList: true },
      "ou-ab12-stag0003": { parent: "r-ab12", allowList: false },
      "222233334444": { parent: WKLD, allowList: false },
      [RESEARCH]: { parent: SBOX, allowList: false },
    });
    // AND it reaches the Rego data as it is
    expect(toRegoData(resolved.catalog, set).modelgate.approved?.layout).toEqual(set.layout);
  });

  it("reaches the Rego data once per distinct set, each target indexing its own", () => {
    // WHEN written as the gate's data
    const approved = toRegoData(resolved.catalog, set).modelgate.approved;
    // THEN research shares Sandbox's set, ml-dev Workloads', and the management account has the empty one: three
    // distinct sets for five targets
    expect(approved?.scopes).toHaveLength(3);
    const targets = approved?.targets ?? {};
    expect(Object.keys(targets)).toEqual(["222233334444", RESEARCH, WKLD, SBOX, MGMT].sort());
    expect(targets[RESEARCH]).toBe(targets[SBOX]);
    expect(targets["222233334444"]).toBe(targets[WKLD]);
    expect(approved?.scopes?.[targets[SBOX]!]).toEqual({
      models: ["amazon.nova-lite-v1:0"],
      productIds: [],
      literalPatterns: [],
      openSurfaces: { bedrockMantle: false, claudePlatform: false, apiKeys: false },
      geographies: ["us"],
    });
    expect(approved?.geographies).toEqual(["eu", "us"]);
  });
});
