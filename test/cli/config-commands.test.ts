import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { STARTER_CONFIG } from "../../cli/commands/init";
import { MINIMAL_YAML } from "../config/minimal";
import { tempDir } from "../gate/wasm-helper";
import { runCli } from "./run-cli";

const EXAMPLE = path.resolve(__dirname, "..", "..", "examples", "organization", "modelgate.yaml");

describe("modelgate init: a commented starter that is valid as written, never over an existing file", () => {
  it("GIVEN an empty directory THEN init writes ./modelgate.yaml, and validate and synth accept it from there", async () => {
    const cwd = tempDir("modelgate-init-");
    const init = await runCli(["init"], { cwd });
    expect(init).toEqual({ code: 0, stdout: "", stderr: "wrote modelgate.yaml: replace the values marked CHANGE ME, then run modelgate validate\n" });
    expect(readFileSync(path.join(cwd, "modelgate.yaml"), "utf8")).toBe(STARTER_CONFIG);
    const validate = await runCli(["validate", "--quiet"], { cwd });
    expect(validate).toEqual({ code: 0, stdout: "", stderr: "" });
    const synth = await runCli(["synth", "--quiet"], { cwd });
    expect([synth.code, synth.stderr]).toEqual([0, ""]);
    expect(existsSync(path.join(cwd, "cdktf.out", "manifest.json"))).toBe(true);
  });

  it("GIVEN modelgate.yaml exists THEN init exits 2 and leaves it alone", async () => {
    const cwd = tempDir("modelgate-init-");
    writeFileSync(path.join(cwd, "modelgate.yaml"), "mine\n");
    const r = await runCli(["init"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "modelgate: error CONFIG_EXISTS: modelgate.yaml already exists; modelgate init never overwrites a file (edit it, or pass another path)\n",
    );
    expect(readFileSync(path.join(cwd, "modelgate.yaml"), "utf8")).toBe("mine\n");
  });
});

describe("modelgate validate: the config alone, every problem, exit 0 or 2", () => {
  it("GIVEN the example THEN exit 0 with the expansions and a one-line verdict", async () => {
    const r = await runCli(["validate", "--config", EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${EXAMPLE}: targets.root.models[0]: amazon.nova-* → amazon.nova-2-lite-v1:0, `);
    expect(r.stderr.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^${EXAMPLE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: valid: 5 policy targets, 4 accounts, \\d+ approved models; catalog 2026-08-21$`));
  });

  it("GIVEN two problems THEN exit 2 and both are listed with line:col", async () => {
    const dir = tempDir("modelgate-validate-");
    const file = path.join(dir, "bad.yaml");
    writeFileSync(file, MINIMAL_YAML.replace('name: apps', 'name: "apps!"').replace("region: us-east-1", "region: mars-1"));
    const r = await runCli(["validate", "--config", file]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(`modelgate: error CONFIG_INVALID: ${file}: 2 problem(s) in the configuration`);
    expect(r.stderr).toContain(`  - ${file}:19:11: accounts[0].name: must be letters, digits and - (it names the stack) (got "apps!")\n`);
    expect(r.stderr).toContain(`  - ${file}:21:13: accounts[0].region: must be a Region name such as us-east-1 (got "mars-1")\n`);
  });

  it("GIVEN problems in the schema, the OU tree and the catalog at once THEN one run lists all of them, exit 2", async () => {
    const dir = tempDir("modelgate-validate-");
    const file = path.join(dir, "modelgate.yaml");
    writeFileSync(
      file,
      MINIMAL_YAML.replace("name: apps", 'name: "apps!"')
        .replace("models: [amazon.nova-lite-v1:0]", "models: [amazon.nova-lite-v1:0, amazon.nova-pro-v1:0]")
        .replace("      - anthropic.claude-haiku-4-5-20251001-v1:0\n", "      - anthropic.claude-haiku-4-5-20251001-v1:0\n      - acme.*\n"),
    );
    const r = await runCli(["validate"], { cwd: dir, env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `modelgate: error CONFIG_INVALID: ${file}: 3 problem(s) in the configuration\n` +
        `  - ${file}:20:11: accounts[0].name: must be letters, digits and - (it names the stack) (got "apps!")\n` +
        `  - ${file}:10:9: targets.root.models[2]: the pattern matches no model in the catalog (got "acme.*")\n` +
        `  - ${file}:16:39: targets.ous[0].models[1]: not approved by the parent (targets.root): amazon.nova-pro-v1:0; a level can only narrow its parent, so this would have no effect (got "amazon.nova-pro-v1:0")\n`,
    );
  });

  it("GIVEN a well-formed Region modelgate's list lacks THEN exit 0 with a warning naming the nearest Region", async () => {
    const dir = tempDir("modelgate-validate-");
    const file = path.join(dir, "new-region.yaml");
    writeFileSync(file, MINIMAL_YAML.replace("region: us-east-1", "region: us-eats-1"));
    const r = await runCli(["validate", "--config", file, "--quiet"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `warning: ${file}:21:13: accounts[0].region: not in modelgate's list of AWS Regions (config/regions.ts): did you mean us-east-1? ` +
        `A misspelt Region denies every call from the Region meant; if AWS launched this one after the list was written, it works as written (got "us-eats-1")\n`,
    );
  });

  it("GIVEN MODELGATE_CONFIG and no flag THEN that file is validated", async () => {
    const r = await runCli(["validate", "--quiet"], { env: { MODELGATE_CONFIG: EXAMPLE }, cwd: tempDir() });
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("GIVEN no config anywhere THEN exit 2 saying the three places looked at", async () => {
    const r = await runCli(["validate"], { cwd: tempDir() });
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: "modelgate: error CONFIG_NOT_FOUND: no configuration: pass --config <file>, set MODELGATE_CONFIG, or create ./modelgate.yaml (modelgate init writes a starter)\n",
    });
  });
});

describe("modelgate list-models: what a pattern expands to today", () => {
  it("GIVEN amazon.nova-* THEN exactly the IDs validate prints for that pattern", async () => {
    const r = await runCli(["list-models", "amazon.nova-*", "-f", "json"], { cwd: tempDir() });
    expect(r.code).toBe(0);
    const listed = (JSON.parse(r.stdout) as { models: { id: string }[] }).models.map((m) => m.id);
    const v = await runCli(["validate", "--config", EXAMPLE]);
    const line = v.stderr.split("\n").find((l) => l.includes("targets.root.models[0]: amazon.nova-* → ")) ?? "";
    expect(listed).toEqual(line.split(" → ")[1]?.split(", "));
  });

  it("GIVEN a text listing THEN one row per model and a count line", async () => {
    const r = await runCli(["list-models", "amazon.nova-lite-v1:0"], { cwd: tempDir() });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^MODEL +LIFECYCLE +INVOKE +PROFILES +MARKETPLACE$/);
    expect(r.stdout).toMatch(/\namazon\.nova-lite-v1:0 +ACTIVE +on-demand +/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("1 model matched by amazon.nova-lite-v1:0; catalog 2026-08-21");
  });

  it("GIVEN a misspelt ID THEN exit 2 with did you mean", async () => {
    const r = await runCli(["list-models", "amazon.nova-lite-v1:1"], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("amazon.nova-lite-v1:1: the ID is no model in catalog snapshot 2026-08-21; did you mean amazon.nova-lite-v1:0");
  });
});
