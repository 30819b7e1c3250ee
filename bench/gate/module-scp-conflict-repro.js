#!/usr/bin/env node
// Reproduction (found by bench/gate/scale.js, dense-1000): a module instantiated more than once (for_each or
// count) that creates an SCP and attaches it (`policy_id = aws_organizations_policy.this.id`) makes every
// evaluator fail with
//   rego/lib/access/org/org.rego: eval_conflict_error: functions must not produce multiple outputs for same inputs
// (`modelgate check` exits 3, GATE_EVALUATION_FAILED). On create, the attachment's policy_id is unknown, so
// org._policy_of resolves it through the configuration reference; tfplan.same_resource compares module *names*
// (instance keys dropped) and local addresses, so the reference matches the SCP of every instance of the module,
// and the function has one output per instance. Terraform resolves such a reference within the same module
// instance (and, for a counted resource, the same index).
// Usage: npm run build && node bench/gate/module-scp-conflict-repro.js   (prints both evaluators' outcome)
"use strict";
const { spawnSync } = require("node:child_process");
const { mkdirSync, writeFileSync } = require("node:fs");
const { join, resolve } = require("node:path");
const os = require("node:os");

const ROOT = resolve(__dirname, "../..");
const OUT = join(ROOT, "bench/out/gate/repro");
const OPA = process.env.OPA ?? join(os.homedir(), ".cache/modelgate/bin/opa");
const P = "registry.terraform.io/hashicorp/aws";
const scp = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "DenyMantle", Effect: "Deny", Action: "bedrock-mantle:CreateInference", Resource: "*" }] });

const changes = [];
for (const key of ["a", "b"]) {
  const mod = `module.ou["${key}"]`;
  changes.push(
    { address: `${mod}.aws_organizations_policy.this`, module_address: mod, mode: "managed", type: "aws_organizations_policy", name: "this", provider_name: P, change: { actions: ["create"], before: null, after: { content: scp, name: `ou-${key}`, type: "SERVICE_CONTROL_POLICY" }, after_unknown: { arn: true, id: true } } },
    { address: `${mod}.aws_organizations_policy_attachment.this`, module_address: mod, mode: "managed", type: "aws_organizations_policy_attachment", name: "this", provider_name: P, change: { actions: ["create"], before: null, after: { target_id: `ou-ab12-0000000${key}` }, after_unknown: { id: true, policy_id: true } } },
  );
}
const plan = {
  format_version: "1.2",
  resource_changes: changes,
  configuration: {
    root_module: {
      module_calls: {
        ou: {
          source: "./modules/ou",
          for_each_expression: { references: ["local.ous"] },
          module: {
            resources: [
              { address: "aws_organizations_policy.this", mode: "managed", type: "aws_organizations_policy", name: "this", provider_config_key: "ou:aws", expressions: { content: { constant_value: scp } }, schema_version: 0 },
              { address: "aws_organizations_policy_attachment.this", mode: "managed", type: "aws_organizations_policy_attachment", name: "this", provider_config_key: "ou:aws", expressions: { policy_id: { references: ["aws_organizations_policy.this.id", "aws_organizations_policy.this"] }, target_id: { references: ["var.ou_id"] } }, schema_version: 0 },
            ],
          },
        },
      },
    },
  },
};
mkdirSync(OUT, { recursive: true });
const planFile = join(OUT, "module-scp-conflict.json");
writeFileSync(planFile, JSON.stringify(plan, null, 2));
writeFileSync(join(OUT, "module-scp-conflict.input.json"), JSON.stringify({ plan }));
const { loadCatalog, toRegoData } = require(join(ROOT, "dist/catalog"));
writeFileSync(join(OUT, "data.json"), JSON.stringify(toRegoData(loadCatalog())));
require("./stage-rego").stageRego(join(OUT, "rego"));

const check = spawnSync(process.execPath, [join(ROOT, "dist/cli/bin.js"), "check", planFile, "--format", "json"], { cwd: ROOT, encoding: "utf8" });
console.log(`modelgate check: exit ${check.status} ${check.status > 1 ? check.stderr.trim().split("\n")[0] : ""}`);
const opa = spawnSync(OPA, ["eval", "-d", join(OUT, "rego"), "-d", join(OUT, "data.json"), "-i", join(OUT, "module-scp-conflict.input.json"), "count(data.modelgate.main.findings)"], { cwd: ROOT, encoding: "utf8" });
const conflict = /eval_conflict_error[^"\n]*/.exec(opa.stdout + opa.stderr);
console.log(`opa eval: exit ${opa.status} ${conflict ? conflict[0] : (opa.stdout + opa.stderr).trim().slice(0, 200)}`);
