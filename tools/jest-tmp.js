// Jest globalSetup / globalTeardown: every temp file a test run makes (in the test workers and in the processes they
// start) goes under one directory, removed when the run ends. Before this, each run left ~0.5 GB in /tmp (installed
// tarballs, synth outputs, built test wasm) and a CI machine with a small disk ran out of space.
// MODELGATE_KEEP_TMP=1 (or the e2e suite's MODELGATE_E2E_KEEP=1) keeps the directory and prints where it is.
const { mkdtempSync, rmSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");

async function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "modelgate-jest-"));
  process.env.MODELGATE_JEST_TMP = dir;
  // os.tmpdir() reads TMPDIR on each call, and workers and child processes inherit the environment.
  process.env.TMPDIR = dir;
}

async function teardown() {
  const dir = process.env.MODELGATE_JEST_TMP;
  if (!dir) return;
  if (process.env.MODELGATE_KEEP_TMP === "1" || process.env.MODELGATE_E2E_KEEP === "1") {
    process.stderr.write(`modelgate: test temp files kept in ${dir}\n`);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
}

module.exports = { setup, teardown };
