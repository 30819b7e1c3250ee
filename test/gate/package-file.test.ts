import { existsSync } from "node:fs";
import * as path from "node:path";
import { packageFile } from "../../gate/package-file";

describe("packageFile: a file shipped with the package, found from the source tree", () => {
  it("GIVEN the scanner and the policy THEN their paths in the repository, which exist", () => {
    const repo = path.resolve(__dirname, "..", "..");
    expect(packageFile("scanner", "json-scan.wasm")).toBe(path.join(repo, "scanner", "json-scan.wasm"));
    expect(packageFile("rego", "dist", "policy.wasm")).toBe(path.join(repo, "rego", "dist", "policy.wasm"));
    expect(existsSync(packageFile("scanner", "json-scan.wasm"))).toBe(true);
  });

  it("GIVEN a file the package does not have THEN the source tree's path (the caller's read reports it missing)", () => {
    expect(packageFile("no-such-file")).toBe(path.resolve(__dirname, "..", "..", "no-such-file"));
  });
});
