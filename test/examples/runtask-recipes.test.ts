import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * The run-task deployment recipes in examples/runtask/ are not built by CI (no Docker here), so these checks keep
 * them in step with the package: the image holds every file the server reads at run time, and both recipes start
 * Node with the flag the README recommends, one this Node accepts.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const read = (p: string) => readFileSync(path.join(ROOT, p), "utf8");

describe("examples/runtask", () => {
  const dockerfile = read("examples/runtask/Dockerfile");
  const unit = read("examples/runtask/modelgate-runtask.service");

  it("GIVEN the package's run-time files THEN the image copies each of them (or a folder holding it)", () => {
    const files = (JSON.parse(read("package.json")) as { files: string[] }).files;
    // what `serve` reads: the compiled code, the policy and its declarations, the plan scanner
    const runtime = files.filter((f) => f === "dist/" || f.startsWith("rego/dist/") || f.startsWith("scanner/"));
    expect(runtime).toEqual(expect.arrayContaining(["dist/", "rego/dist/policy.wasm", "scanner/json-scan.wasm"]));
    const copied = [...dockerfile.matchAll(/^COPY --from=build \/src\/(\S+) /gm)].map((m) => (m[1] as string).replace(/\/?$/, "/"));
    for (const f of runtime) {
      expect([f, copied.some((c) => `${f}/`.startsWith(c) || f === c)]).toEqual([f, true]);
    }
  });

  it("GIVEN the recipes THEN both start the server with --single-threaded-gc, which this Node accepts", () => {
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "--single-threaded-gc", "dist\/cli\/bin\.js", "serve"\]$/m);
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node --single-threaded-gc \/opt\/modelgate\/dist\/cli\/bin\.js serve /m);
    const run = spawnSync(process.execPath, ["--single-threaded-gc", "-e", "process.exit(0)"], { encoding: "utf8" });
    expect([run.status, run.stderr]).toEqual([0, ""]);
  });
});
