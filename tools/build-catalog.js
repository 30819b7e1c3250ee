#!/usr/bin/env node
// Usage: node tools/build-catalog.js [seed.json] [--check]
// Rebuilds catalog/models.json from the reviewed seed ../shared/data/bedrock-models.json (or the path given).
// Run it when the seed changes, review the diff, and commit. The catalog keeps the seed's snapshotDate.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const args = process.argv.slice(2);
const check = args.includes("--check");
const src = args.find((a) => !a.startsWith("--")) ?? path.join(__dirname, "..", "..", "shared", "data", "bedrock-models.json");
const seed = JSON.parse(fs.readFileSync(src, "utf8"));
const models = seed.models
  .map((m) => ({
    id: m.id,
    provider: m.provider,
    lifecycle: m.lifecycle,
    hasFoundationModelArn: m.hasFoundationModelArn,
    onDemand: m.onDemand,
    profilePrefixes: [...m.inferenceProfilePrefixes].sort(),
    mantle: [...m.mantle].sort(),
    marketplace: m.marketplace,
    productId: m.productId,
    requiresUseCaseForm: m.requiresUseCaseForm,
    evidence: m.evidence,
  }))
  .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const out = {
  snapshotDate: seed.snapshotDate,
  source: seed.source,
  models,
};
const dest = path.join(__dirname, "..", "catalog", "models.json");
const text = JSON.stringify(out, null, 2) + "\n";
if (check) {
  if (fs.readFileSync(dest, "utf8") !== text) {
    process.stderr.write(`catalog/models.json is out of date with ${src}: run node tools/build-catalog.js and review the diff\n`);
    process.exit(1);
  }
  process.stderr.write(`catalog/models.json matches ${path.relative(process.cwd(), src)} (${models.length} models)\n`);
  process.exit(0);
}
fs.writeFileSync(dest, text);
process.stderr.write(`wrote ${models.length} models (snapshot ${seed.snapshotDate}) to ${path.relative(process.cwd(), dest)}\n`);
