/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  // Opt-in heavy suites (real OpenTofu + moto) run only with MODELGATE_E2E=1; see README.
  testPathIgnorePatterns: process.env.MODELGATE_E2E === "1" ? ["/node_modules/"] : ["/node_modules/", "/test/e2e/"],
  testTimeout: 120000,
  // One temp directory per run, removed at the end (tools/jest-tmp.js).
  globalSetup: "<rootDir>/tools/jest-tmp-setup.js",
  globalTeardown: "<rootDir>/tools/jest-tmp-teardown.js",
  reporters: ["default", "<rootDir>/tools/jest-summary-reporter.js"],
};
