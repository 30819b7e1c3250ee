import { CatalogError, isModelgateError } from "../../core/errors";
import { expandModelPattern, loadCatalog, suggestModelIds, wildcardToRegExp } from "../../catalog/load";

describe("loadCatalog: the bundled catalog is the reviewed seed, sorted and frozen", () => {
  it("carries the seed's snapshot date and its 136 models, sorted by ID", () => {
    // GIVEN the bundled catalog (CI checks it against the seed with tools/build-catalog.js --check)
    // WHEN it loads
    const catalog = loadCatalog();
    // THEN it has the seed's date and every model once, in order
    expect(catalog.snapshotDate).toBe("2026-08-21");
    const ids = catalog.models.map((m) => m.id);
    expect(ids).toHaveLength(136);
    expect(new Set(ids).size).toBe(136);
    expect(ids).toEqual([...ids].sort());
    const nova2 = catalog.get("amazon.nova-2-lite-v1:0");
    expect(nova2).toMatchObject({ onDemand: false, profilePrefixes: ["eu", "global", "jp", "us"], marketplace: false });
  });

  it("cannot be mutated", () => {
    const catalog = loadCatalog();
    expect(() => (catalog.models as unknown as unknown[]).push({})).toThrow(TypeError);
    expect(Object.isFrozen(catalog.get("amazon.nova-lite-v1:0"))).toBe(true);
  });
});

describe("loadCatalog: overrides add or change models and are validated", () => {
  it("adds a model that has every field and overrides one field of an existing model", () => {
    // GIVEN an addition (a model newer than the snapshot) and an override of a product ID
    const catalog = loadCatalog({
      overrides: [
        {
          id: "anthropic.claude-haiku-5-5",
          provider: "anthropic",
          lifecycle: "ACTIVE",
          hasFoundationModelArn: true,
          onDemand: true,
          profilePrefixes: ["us"],
          mantle: [],
          marketplace: true,
          productId: "prod-6cyn7tgqazjhu",
          requiresUseCaseForm: true,
          evidence: "3P",
        },
        { id: "anthropic.claude-opus-4-6-v1", productId: "prod-example0000" },
      ],
    });
    // THEN both are in the catalog
    expect(catalog.get("anthropic.claude-haiku-5-5")?.productId).toBe("prod-6cyn7tgqazjhu");
    expect(catalog.get("anthropic.claude-opus-4-6-v1")?.productId).toBe("prod-example0000");
    expect(catalog.get("anthropic.claude-opus-4-6-v1")?.provider).toBe("anthropic");
  });

  it("rejects a new model with missing fields, naming the model, the field and the rule", () => {
    // GIVEN a new model with only an id  WHEN it loads
    let thrown: unknown;
    try {
      loadCatalog({ overrides: [{ id: "acme.model-1" }], overridesSource: "org.yaml" });
    } catch (error) {
      thrown = error;
    }
    // THEN one CatalogError lists every missing field
    expect(thrown).toBeInstanceOf(CatalogError);
    expect(isModelgateError(thrown)).toBe(true);
    const error = thrown as CatalogError;
    expect(error.code).toBe("CATALOG_OVERRIDE_INVALID");
    expect(error.source).toBe("user");
    expect(error.problems).toContain(
      "org.yaml: catalog.models[0] (acme.model-1): provider: Invalid input: expected string, received undefined (a model not in the bundled catalog needs every field)",
    );
    expect(error.problems).toHaveLength(10);
  });

  it("rejects a geography that is not a Bedrock profile prefix", () => {
    expect(() => loadCatalog({ overrides: [{ id: "amazon.nova-lite-v1:0", profilePrefixes: ["mars" as "us"] }] })).toThrow(
      expect.objectContaining({
        problems: [expect.stringMatching(/^config: catalog\.models\[0\] \(amazon\.nova-lite-v1:0\): profilePrefixes\.0: Invalid option: expected one of "us"\|"eu"/)],
      }),
    );
  });
});

describe("expandModelPattern: IAM-style wildcards expand to exact catalog IDs", () => {
  const catalog = loadCatalog();

  it("expands amazon.nova-* to every Nova model and nothing else", () => {
    const ids = expandModelPattern(catalog, "amazon.nova-*");
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.every((id) => id.startsWith("amazon.nova-"))).toBe(true);
    expect(ids).toContain("amazon.nova-2-lite-v1:0");
    expect(ids).toEqual([...ids].sort());
  });

  it("treats ? as one character and an exact id as itself", () => {
    expect(expandModelPattern(catalog, "amazon.nova-reel-v1:?")).toEqual(["amazon.nova-reel-v1:0", "amazon.nova-reel-v1:1"]);
    expect(expandModelPattern(catalog, "amazon.nova-lite-v1:0")).toEqual(["amazon.nova-lite-v1:0"]);
    expect(expandModelPattern(catalog, "amazon.nova-lite-v9:0")).toEqual([]);
  });

  it("escapes regex metacharacters, so a dot matches only a dot", () => {
    expect(wildcardToRegExp("deepseek.v3.1").test("deepseek.v3x1")).toBe(false);
    expect(wildcardToRegExp("deepseek.v3.1").test("deepseek.v3.1")).toBe(true);
  });
});

describe("suggestModelIds: unknown IDs get the nearest catalog IDs", () => {
  it("suggests the real ID for a one-letter typo", () => {
    expect(suggestModelIds(loadCatalog(), "amazon.nova-lite-v1:1")[0]).toBe("amazon.nova-lite-v1:0");
  });
  it("suggests nothing for an unrelated string", () => {
    expect(suggestModelIds(loadCatalog(), "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")).toEqual([]);
  });
});
