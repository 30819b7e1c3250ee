#!/usr/bin/env node
// Reads `opa test --coverage --format json` on stdin, prints per-file coverage and exits non-zero when
// a rule file (rego/rules/**) or the aggregator falls below the threshold (default 95 %; override with
// MODELGATE_REGO_COVERAGE_MIN). Library files are printed and held to the same threshold, except the
// test helpers (lib/testing). Test files are not counted.
"use strict";
const MIN = Number(process.env.MODELGATE_REGO_COVERAGE_MIN || 95);
let raw = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (c) => (raw += c));
process.stdin.on("end", () => {
  let report;
  try {
    report = JSON.parse(raw);
  } catch (e) {
    console.error("rego-coverage: stdin is not the JSON of `opa test --coverage --format json`");
    console.error(raw.slice(0, 2000));
    process.exit(2);
  }
  const files = Object.entries(report.files || {})
    .filter(([f]) => !f.endsWith("_test.rego") && !f.includes("/.regal/"))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  if (files.length === 0) {
    console.error("rego-coverage: no files in the coverage report");
    process.exit(2);
  }
  const failing = [];
  const width = Math.max(...files.map(([f]) => f.length));
  for (const [file, info] of files) {
    const covered = (info.covered_lines ?? sumRanges(info.covered)) || 0;
    const notCovered = (info.not_covered_lines ?? sumRanges(info.not_covered)) || 0;
    const pct = typeof info.coverage === "number" ? info.coverage : covered + notCovered === 0 ? 100 : (100 * covered) / (covered + notCovered);
    const held = !file.includes("lib/testing/");
    const bad = held && pct < MIN;
    if (bad) failing.push(file);
    const missed = (info.not_covered || []).map((r) => (r.start.row === r.end.row ? `${r.start.row}` : `${r.start.row}-${r.end.row}`));
    console.log(`${bad ? "FAIL" : "ok  "} ${file.padEnd(width)} ${pct.toFixed(1).padStart(5)}%${missed.length ? `  not covered: ${missed.join(",")}` : ""}`);
  }
  console.log(`total ${typeof report.coverage === "number" ? report.coverage.toFixed(1) : "?"}%  (threshold ${MIN}% per file)`);
  if (failing.length) {
    console.error(`rego-coverage: ${failing.length} file(s) below ${MIN}%: ${failing.join(", ")}`);
    process.exit(1);
  }
});

function sumRanges(ranges) {
  return (ranges || []).reduce((n, r) => n + (r.end.row - r.start.row + 1), 0);
}
