#!/usr/bin/env node
// Plans of N aws_iam_policy resources that grant Bedrock broadly, for the Rego cost per policy (issue #7).
//   node bench/gate/policies.js identical N > plan.json   every policy allows bedrock:* on * (one Sid)
//   node bench/gate/policies.js distinct N > plan.json    every document differs (Sids, actions, resources, extra
//                                                         statements), so de-duplication alone cannot help
"use strict";
const [kind = "identical", nArg = "200"] = process.argv.slice(2);
const n = Number(nArg);
if (!["identical", "distinct"].includes(kind) || !Number.isInteger(n) || n < 1) {
  process.stderr.write("usage: node bench/gate/policies.js identical|distinct N\n");
  process.exit(2);
}
const actions = ["bedrock:*", "bedrock:Invoke*", "*", ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], "bedrock:*Model*"];
const resources = [
  "*",
  "arn:aws:bedrock:*::foundation-model/*",
  ["arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:*:*:inference-profile/*"],
  "arn:aws:bedrock:us-west-2::foundation-model/*",
  "arn:aws:bedrock:*:123456789012:*",
];

function statements(i) {
  if (kind === "identical") return [{ Sid: "All", Effect: "Allow", Action: "bedrock:*", Resource: "*" }];
  const st = [
    { Sid: `Broad${i}`, Effect: "Allow", Action: actions[i % actions.length], Resource: resources[Math.floor(i / actions.length) % resources.length] },
    { Sid: `S3Read${i}`, Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [`arn:aws:s3:::bucket-${i}`, `arn:aws:s3:::bucket-${i}/*`] },
  ];
  if (i % 3 === 0) {
    const account = `1234567890${String(i % 100).padStart(2, "0")}`;
    st.push({ Sid: `Logs${i}`, Effect: "Allow", Action: "logs:PutLogEvents", Resource: `arn:aws:logs:us-east-1:${account}:log-group:/app/${i}:*` });
  }
  if (i % 7 === 0) st.push({ Sid: `Nova${i}`, Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "arn:aws:bedrock:*::foundation-model/amazon.nova-*" });
  return st;
}

const rcs = [];
for (let i = 0; i < n; i++) {
  const policy = JSON.stringify({ Version: "2012-10-17", Statement: statements(i) });
  rcs.push({
    address: `aws_iam_policy.p[${i}]`, mode: "managed", type: "aws_iam_policy", name: "p", index: i,
    provider_name: "registry.terraform.io/hashicorp/aws",
    change: {
      actions: ["create"], before: null,
      after: { name: `p-${i}`, policy, path: "/", description: null, tags: null },
      after_unknown: { arn: true, id: true, policy_id: true, tags_all: true },
      before_sensitive: false, after_sensitive: { tags_all: {} },
    },
  });
}
const configuration = {
  root_module: {
    resources: [{ address: "aws_iam_policy.p", mode: "managed", type: "aws_iam_policy", name: "p", count_expression: { constant_value: n }, expressions: { policy: {} } }],
  },
};
process.stdout.write(JSON.stringify({ format_version: "1.2", terraform_version: "1.11.4", resource_changes: rcs, configuration }));
