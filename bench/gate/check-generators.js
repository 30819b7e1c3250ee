#!/usr/bin/env node
// Self-check of bench/gate/generate-scale.js (no evaluator involved): generates small plans of every kind twice
// into a temporary directory and fails (exit 1) unless each is byte-for-byte deterministic, parses as JSON, and is
// consistent the way `terraform show -json` output is:
//   - format_version 1.2; resource_changes addresses unique;
//   - planned_values holds exactly the resources that are not deleted, prior_state exactly those not created,
//     with the values of change.after / change.before;
//   - every module resource sits under its module's address; every root resource has a configuration block; a module
//     resource's references to the (counted) resources of its module carry count.index, as Terraform lists them;
//   - realistic plans: 0.5–2 % of resources policy-bearing (from 1 MB), within 10 % of the requested size, and at least one
//     defect (a broad grant, an unscoped Subscribe, a trailing comma, unknown content …) at 1 MB and above;
//   - dense plans: the requested number of policy-bearing resources, every policy text distinct.
// Usage: npm run build && node bench/gate/check-generators.js
"use strict";
const { mkdtempSync, readFileSync, rmSync } = require("node:fs");
const { join, resolve } = require("node:path");
const os = require("node:os");
const { writePlan } = require("./generate-scale");

const ROOT = resolve(__dirname, "../..");
const { loadCatalog, toRegoData } = require(join(ROOT, "dist/catalog"));
const regoData = toRegoData(loadCatalog());
const POLICY_TYPES = new Set(["aws_organizations_policy", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]);

const problems = [];
const expect = (ok, what) => {
  if (!ok) problems.push(what);
};

function modules(tree) {
  const out = [];
  const walk = (m, addr) => {
    for (const r of m.resources ?? []) out.push({ ...r, moduleAddress: addr });
    for (const c of m.child_modules ?? []) walk(c, c.address);
  };
  if (tree) walk(tree.root_module, undefined);
  return out;
}

function checkPlan(name, spec, text, stats) {
  const plan = JSON.parse(text);
  expect(plan.format_version === "1.2", `${name}: format_version ${plan.format_version}`);
  const rcs = plan.resource_changes;
  const addresses = rcs.map((r) => r.address);
  expect(new Set(addresses).size === addresses.length, `${name}: duplicate resource_changes addresses`);
  expect(rcs.length === stats.resourceChanges, `${name}: stats say ${stats.resourceChanges} resource_changes, the plan has ${rcs.length}`);
  const planned = new Map(modules(plan.planned_values).map((r) => [r.address, r]));
  const prior = new Map(modules(plan.prior_state.values).map((r) => [r.address, r]));
  const rootConfig = new Set(plan.configuration.root_module.resources.map((r) => r.address));
  for (const rc of rcs) {
    const deleted = rc.change.actions.length === 1 && rc.change.actions[0] === "delete";
    const created = rc.change.actions.length === 1 && rc.change.actions[0] === "create";
    expect(deleted !== planned.has(rc.address), `${name}: ${rc.address} (${rc.change.actions}) ${deleted ? "is" : "is not"} in planned_values`);
    expect(created !== prior.has(rc.address), `${name}: ${rc.address} (${rc.change.actions}) ${created ? "is" : "is not"} in prior_state`);
    if (planned.has(rc.address)) expect(JSON.stringify(planned.get(rc.address).values) === JSON.stringify(rc.change.after), `${name}: ${rc.address} planned values differ from change.after`);
    if (prior.has(rc.address)) expect(JSON.stringify(prior.get(rc.address).values) === JSON.stringify(rc.change.before), `${name}: ${rc.address} prior values differ from change.before`);
    if (rc.module_address) expect(rc.address.startsWith(`${rc.module_address}.`) && planned.get(rc.address)?.moduleAddress !== undefined === !deleted, `${name}: ${rc.address} not under ${rc.module_address}`);
    else if (rc.action_reason !== "delete_because_no_resource_config") expect(rootConfig.has(rc.address), `${name}: ${rc.address} has no configuration block`);
  }
  // a counted resource's attributes are read through an instance (Terraform refuses "aws_iam_policy.x.arn" when x has
  // count): every reference of a module resource to a managed resource of its module carries count.index beside it
  for (const call of Object.values(plan.configuration.root_module.module_calls ?? {})) {
    const locals = new Set((call.module?.resources ?? []).map((r) => r.address));
    for (const r of call.module?.resources ?? []) {
      for (const [attr, e] of Object.entries(r.expressions ?? {})) {
        const refs = Array.isArray(e?.references) ? e.references : [];
        if (refs.some((ref) => locals.has(ref))) expect(refs.includes("count.index"), `${name}: module resource ${r.address}.${attr} references a counted resource without count.index: ${refs.join(", ")}`);
      }
    }
  }
  const policies = rcs.filter((r) => POLICY_TYPES.has(r.type));
  if (spec.kind === "realistic") {
    const share = policies.length / rcs.length;
    if (spec.bytes >= 1e6) expect(share >= 0.005 && share <= 0.02, `${name}: ${(share * 100).toFixed(2)} % policy-bearing`);
    expect(Math.abs(text.length - spec.bytes) / spec.bytes < 0.1, `${name}: ${text.length} bytes for ${spec.bytes} requested`);
    if (spec.bytes >= 1e6) {
      const defective = policies.filter((r) => {
        const p = r.change.after?.policy ?? r.change.after?.content;
        return p === undefined ? r.change.after_unknown?.policy || r.change.after_unknown?.content : /"bedrock:\*"|Converse|,\]\}|::inference-profile|aws-marketplace:Subscribe","Resource":"\*"\}/.test(p);
      });
      expect(defective.length > 0, `${name}: no defective policy`);
    }
  }
  if (spec.kind === "dense") {
    expect(stats.policyBearing === spec.resources + 1, `${name}: ${stats.policyBearing} policy-bearing (+1 deleted SCP) for ${spec.resources} requested`);
    const texts = policies.map((r) => r.change.after?.policy ?? r.change.after?.content).filter((t) => t !== undefined);
    expect(new Set(texts).size === texts.length, `${name}: ${texts.length - new Set(texts).size} duplicate policy texts`);
  }
}

const dir = mkdtempSync(join(os.tmpdir(), "modelgate-gen-"));
try {
  const specs = {
    tiny: { kind: "tiny" },
    "realistic-200k": { kind: "realistic", bytes: 200e3 },
    "realistic-2m": { kind: "realistic", bytes: 2e6 },
    "dense-300": { kind: "dense", resources: 300 },
  };
  for (const [name, spec] of Object.entries(specs)) {
    const a = join(dir, `${name}-a.json`);
    const b = join(dir, `${name}-b.json`);
    const stats = writePlan(spec, regoData, a);
    writePlan(spec, regoData, b);
    const text = readFileSync(a, "utf8");
    expect(text === readFileSync(b, "utf8"), `${name}: two generations differ`);
    expect(Buffer.byteLength(text) === stats.bytes, `${name}: stats.bytes ${stats.bytes}, file ${Buffer.byteLength(text)}`);
    checkPlan(name, spec, text, stats);
    process.stderr.write(`check-generators: ${name}: ${stats.bytes} bytes, ${stats.resourceChanges} resource_changes, ${stats.policyBearing} policy-bearing\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (problems.length) {
  for (const p of problems.slice(0, 50)) process.stderr.write(`check-generators: ${p}\n`);
  process.stderr.write(`check-generators: ${problems.length} problem(s)\n`);
  process.exit(1);
}
process.stderr.write("check-generators: all generated plans are deterministic and consistent\n");
