import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { dependencyOrder, readManifest } from "../../deploy/synth";

describe("readManifest: stacks in dependency order, stale stack folders removed", () => {
  test("GIVEN an alphabetical manifest whose accounts depend on the organization WHEN read THEN the organization comes first and a folder the manifest lacks is removed", () => {
    const out = mkdtempSync(path.join(tmpdir(), "mg-manifest-"));
    for (const s of ["account-a", "account-b", "organization", "account-gone"]) mkdirSync(path.join(out, "stacks", s), { recursive: true });
    writeFileSync(
      path.join(out, "manifest.json"),
      JSON.stringify({
        stacks: {
          "account-a": { name: "account-a", workingDirectory: "stacks/account-a", dependencies: ["organization"] },
          "account-b": { name: "account-b", workingDirectory: "stacks/account-b", dependencies: ["organization"] },
          organization: { name: "organization", workingDirectory: "stacks/organization", dependencies: [] },
        },
      }),
    );
    const result = readManifest(out);
    expect(result.stacks.map((s) => s.name)).toEqual(["organization", "account-a", "account-b"]);
    expect(result.stacks[0]!.workingDirectory).toBe(path.join(out, "stacks", "organization"));
    expect(result.removed).toEqual(["account-gone"]);
    expect(existsSync(path.join(out, "stacks", "account-gone"))).toBe(false);
  });

  test("GIVEN a dependency cycle WHEN ordered THEN it is an internal error naming the stacks", () => {
    expect(() => dependencyOrder([{ key: "a", deps: ["b"] }, { key: "b", deps: ["a"] }])).toThrow("stack dependencies form a cycle: a, b");
  });
});
