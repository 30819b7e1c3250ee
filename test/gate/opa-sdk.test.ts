/**
 * gate/opa-sdk.ts in a real Node process (dist/, rebuilt when stale): jest's module registry has no `require.cache`
 * of Node's, so what the deferral does to module loading shows only there.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO, requireRealWasm } from "./wasm-helper";
import { ensureBuilt } from "../support/built-cli";

beforeAll(() => {
  ensureBuilt();
  requireRealWasm();
});

/** Run `script` in a fresh node with `sdk` (dist/gate/opa-sdk.js) and `policy` (dist/gate/load-policy.js) in scope. */
function run(script: string): { status: number | null; out: Record<string, unknown>; stderr: string } {
  const prelude = `
    const sdk = require(${JSON.stringify(path.join(REPO, "dist", "gate", "opa-sdk.js"))});
    const policy = require(${JSON.stringify(path.join(REPO, "dist", "gate", "load-policy.js"))});
    // files of the yaml package other than its main one (which may be the deferred module): loaded only really
    const loadedReally = () => Object.keys(require.cache).filter((k) => k.startsWith(require("node:path").dirname(sdk.sdkYamlPath())) && k !== sdk.sdkYamlPath()).length;
  `;
  const r = spawnSync(process.execPath, ["-e", `${prelude}\n(async () => { ${script} })().catch((e) => { console.error(e); process.exit(9); });`], {
    cwd: REPO,
    encoding: "utf8",
  });
  const last = r.stdout.trim().split("\n").pop() ?? "{}";
  return { status: r.status, out: JSON.parse(last) as Record<string, unknown>, stderr: r.stderr };
}

test("the SDK is loaded, and the policy evaluated, without loading the yaml package", () => {
  const r = run(`
    const before = Object.keys(require.cache).length;
    const p = await policy.loadGatePolicy();
    p.setData({});
    const result = p.evaluate(Buffer.from('{"plan":{"format_version":"1.2","resource_changes":[]}}'));
    console.log(JSON.stringify({ sdkLoaded: Object.keys(require.cache).some((k) => k.includes("opa-wasm")), yamlPath: sdk.sdkYamlPath() ?? null, really: loadedReally(), deferred: require.cache[sdk.sdkYamlPath()] !== undefined, result: Array.isArray(result) }));
  `);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.out).toEqual({ sdkLoaded: true, yamlPath: expect.stringMatching(/yaml/), really: 0, deferred: true, result: true });
});

test("the SDK's yaml builtins still work: the real package loads on first use", () => {
  const r = run(`
    sdk.opaSdk();
    const builtins = require(require("node:path").join(require("node:path").dirname(require.resolve("@open-policy-agent/opa-wasm")), "builtins", "yaml.js"));
    const reallyBefore = loadedReally();
    const parsed = builtins["yaml.unmarshal"]("a: [1, two]");
    const valid = builtins["yaml.is_valid"]("a: [");
    const dumped = builtins["yaml.marshal"]({ x: 1 });
    console.log(JSON.stringify({ reallyBefore, reallyAfter: loadedReally() > 0, parsed, valid, dumped }));
  `);
  expect(r.stderr).toBe("");
  expect(r.out).toEqual({ reallyBefore: 0, reallyAfter: true, parsed: { a: [1, "two"] }, valid: false, dumped: "x: 1\n" });
});

test("a yaml package already loaded is left as it is", () => {
  const r = run(`
    const real = require(sdk.sdkYamlPath());
    sdk.opaSdk();
    console.log(JSON.stringify({ same: require.cache[sdk.sdkYamlPath()].exports === real }));
  `);
  expect(r.stderr).toBe("");
  expect(r.out).toEqual({ same: true });
});
