#!/usr/bin/env node
// Minimal reproducer of the OPA wasm regex cache bug that crashes the gate on plans naming more than ~100
// distinct IAM wildcard patterns (lib.iam.wildcard_match -> regex.match). OPA's wasm/src/regex.cc caches at
// most 100 compiled patterns; reuse() evicts cache()->begin() when the cache is full, which in libc++ is often
// the entry that was just looked up and is being returned, so the RE2 is freed while in use and later freed
// again: "memory access out of bounds" or opa_abort "size_ <= max_size()". Go OPA (opa eval) is unaffected.
// Usage: node bench/gate/regex-cache-repro.js   (builds into bench/out/gate/regex-repro with the pinned OPA)
"use strict";
const { spawnSync } = require("node:child_process");
const { mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const { join, resolve } = require("node:path");
const os = require("node:os");

const ROOT = resolve(__dirname, "../..");
const OPA = process.env.OPA ?? join(os.homedir(), ".cache/modelgate/bin/opa");
const dir = join(ROOT, "bench/out/gate/regex-repro");
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, "repro.rego"),
  `package repro

# input.n distinct patterns, each matched against input.m values in a row
hits := count([1 |
	some i in numbers.range(1, input.n)
	p := concat("", ["^arn:aws:bedrock:.*::foundation-model/model-", format_int(i, 10), "$"])
	some j in numbers.range(1, input.m)
	regex.match(p, concat("", ["arn:aws:bedrock:us-east-1::foundation-model/model-", format_int(j, 10)]))
])
`,
);
const b = spawnSync(OPA, ["build", "-t", "wasm", "-e", "repro/hits", "-o", "bundle.tar.gz", "repro.rego"], { cwd: dir, encoding: "utf8" });
if (b.status !== 0) throw new Error(b.stderr);
spawnSync("tar", ["-xzf", "bundle.tar.gz", "/policy.wasm"], { cwd: dir });
const { loadPolicy } = require(join(ROOT, "node_modules/@open-policy-agent/opa-wasm"));
(async () => {
  const wasm = readFileSync(join(dir, "policy.wasm"));
  for (const [n, m] of [[100, 3], [101, 1], [101, 2], [150, 3]]) {
    const policy = await loadPolicy(wasm);
    let wasmResult;
    try {
      wasmResult = policy.evaluate({ n, m })[0].result;
    } catch (e) {
      wasmResult = `ERROR ${e && e.message ? e.message : e}`;
    }
    writeFileSync(join(dir, "input.json"), JSON.stringify({ n, m }));
    const go = spawnSync(OPA, ["eval", "-d", "repro.rego", "-i", "input.json", "--format", "raw", "data.repro.hits"], { cwd: dir, encoding: "utf8" });
    console.log(`${n} distinct patterns x ${m} values: wasm ${wasmResult}, opa eval ${go.stdout.trim()}`);
  }
})();
