#!/usr/bin/env node
// Write schema/modelgate.schema.json from the zod schema of modelgate.yaml (config/schema.ts, compiled in dist/).
// --check: exit 1 when the committed file differs from what the schema generates (CI runs this).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const compiled = path.join(root, "dist", "config", "json-schema.js");
if (!fs.existsSync(compiled)) {
  process.stderr.write(`build-config-schema: ${compiled} is missing: run npm run build first\n`);
  process.exit(2);
}
const { configJsonSchema, CONFIG_SCHEMA_FILE } = require(compiled);
const file = path.join(root, CONFIG_SCHEMA_FILE);
const text = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
if (process.argv.includes("--check")) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (current !== text) {
    process.stderr.write(`${CONFIG_SCHEMA_FILE} is out of date with config/schema.ts: run npm run build && node tools/build-config-schema.js\n`);
    process.exit(1);
  }
  process.stdout.write(`${CONFIG_SCHEMA_FILE} is current\n`);
} else {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  process.stdout.write(`wrote ${CONFIG_SCHEMA_FILE}\n`);
}
