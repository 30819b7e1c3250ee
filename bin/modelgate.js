#!/usr/bin/env node
// The installed `modelgate` command. The CLI itself is compiled TypeScript in dist/; when dist/ is missing
// (a clone after `npm ci --ignore-scripts`, or an install that skipped the build) say what to run, in one line.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const root = path.join(__dirname, "..");
const entry = path.join(root, "dist", "cli", "bin.js");
if (fs.existsSync(entry)) {
  require(entry);
} else {
  process.stderr.write(`modelgate: ${path.join(root, "dist")} is missing: run \`npm run build\` in ${root} (npm ci --ignore-scripts skips the build)\n`);
  process.exitCode = 2;
}
