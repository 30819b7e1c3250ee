import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, parseMainArgs } from "../main";

const EXAMPLE = join(__dirname, "../examples/organization/modelgate.yaml");

describe("parseMainArgs: main.js takes --config and nothing else", () => {
  it("reads --config in both spellings and refuses anything else", () => {
    expect(parseMainArgs(["--config", "a.yaml"])).toEqual({ config: "a.yaml" });
    expect(parseMainArgs(["--config=c.yaml"])).toEqual({ config: "c.yaml" });
    expect(parseMainArgs([])).toEqual({});
    expect(parseMainArgs(["--confg", "x.yaml"])).toEqual({
      error: "unknown argument '--confg' (main.js takes only --config <file>; the full CLI is modelgate synth --help)",
    });
    expect(parseMainArgs(["--config"])).toEqual({ error: "option '--config' needs a file" });
  });

  it("GIVEN a misspelt flag THEN exit 2 before anything is synthesized", async () => {
    const lines: string[] = [];
    expect(await main(["--confg", "x.yaml"], {}, (l) => lines.push(l))).toBe(2);
    expect(lines).toEqual(["modelgate: unknown argument '--confg' (main.js takes only --config <file>; the full CLI is modelgate synth --help)"]);
  });

  it("GIVEN no --config, no MODELGATE_CONFIG and no ./modelgate.yaml THEN exit 2 saying how to name one", async () => {
    const lines: string[] = [];
    const record = (l: string) => void lines.push(l);
    expect(await main([], {}, record, record, mkdtempSync(join(tmpdir(), "mg-main-")))).toBe(2);
    expect(lines).toEqual([
      "modelgate: no configuration: pass --config <file>, set MODELGATE_CONFIG, or create ./modelgate.yaml (modelgate init writes a starter)",
    ]);
  });
});

describe("main: synthesizes a valid config and exits 2 on a user error", () => {
  it("synthesizes the example into CDKTF_OUTDIR, prints the expansion and a summary, and gates the output", async () => {
    // GIVEN the example and a temp outdir WHEN main runs
    const outdir = mkdtempSync(join(tmpdir(), "mg-main-"));
    const lines: string[] = [];
    const code = await main(["--config", EXAMPLE], { CDKTF_OUTDIR: outdir }, (l) => lines.push(l));
    // THEN it succeeds, writes the manifest, and prints expansions then the one-line summary
    expect(code).toBe(0);
    expect(existsSync(join(outdir, "manifest.json"))).toBe(true);
    expect(lines[0]).toMatch(/: targets\.root\.models\[0\]: amazon\.nova-\* → amazon\.nova-2-lite-v1:0, /);
    expect(lines.at(-2)).toBe("modelgate: synthesized 5 stacks (1 organization + 4 accounts): 5 SCPs on 5 targets, 5 IAM policies; catalog 2026-08-21");
    expect(lines.at(-1)).toBe("modelgate: gate passed the synth output (nothing at or above medium)");
  });

  it("prints every problem and returns 2 on an invalid config", async () => {
    // GIVEN a config with a bad version WHEN main runs
    const path = join(mkdtempSync(join(tmpdir(), "mg-main-")), "bad.yaml");
    writeFileSync(path, "version: 2\n");
    const lines: string[] = [];
    const code = await main([], { MODELGATE_CONFIG: path }, (l) => lines.push(l));
    // THEN the exit code is 2 and each problem is listed
    expect(code).toBe(2);
    expect(lines).toEqual([
      `modelgate: ${path}: 3 problem(s) in the configuration`,
      `  - ${path}:1:10: version: must be 1 (got 2)`,
      `  - ${path}:1:1: organization: expected a mapping (key: value lines), got nothing (the key is missing)`,
      `  - ${path}:1:1: accounts: expected a list of accounts, got nothing (the key is missing)`,
    ]);
  });
});

describe("main: synth output the gate blocks fails synth (so `cdktf synth` and `cdktf deploy` fail)", () => {
  it("GIVEN a config approving every model through a literal wildcard WHEN main runs THEN it exits 1 listing the failing findings on stderr, and informational lines go to info", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-main-"));
    const config = join(dir, "modelgate.yaml");
    writeFileSync(
      config,
      readFileSync(EXAMPLE, "utf8")
        .replace("      - mistral.mistral-large-3-675b-instruct      # also served by bedrock-mantle\n", '$&      - {pattern: "*", literal: true}\n')
        .replace("        - mistral.mistral-large-3-675b-instruct\n      geographies: [us]", '        - mistral.mistral-large-3-675b-instruct\n        - {pattern: "*", literal: true}\n      geographies: [us]'),
    );
    const errors: string[] = [];
    const info: string[] = [];
    const code = await main(["--config", config], { CDKTF_OUTDIR: join(dir, "out") }, (l) => errors.push(l), (l) => info.push(l));
    expect(code).toBe(1);
    expect(errors[0]).toMatch(/^modelgate: the gate blocks this synth output: \d+ finding\(s\) at or above medium; nothing may be deployed$/);
    expect(errors.some((l) => l.startsWith("  ✖ HIGH MG-0009[aws_iam_policy.InvokePolicy] (stack account-research-sandbox): "))).toBe(true);
    expect(info.at(-1)).toMatch(/^modelgate: synthesized 5 stacks/);
    expect(info.some((l) => l.includes("[ERROR]") || l.startsWith("  ✖"))).toBe(false);
  });

  it("GIVEN MODELGATE_SYNTH_GATE=off WHEN main runs on the same config THEN it synthesizes without gating (deploy gates it itself)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-main-"));
    const lines: string[] = [];
    const code = await main(["--config", EXAMPLE], { CDKTF_OUTDIR: join(dir, "out"), MODELGATE_SYNTH_GATE: "off" }, (l) => lines.push(l));
    expect(code).toBe(0);
    expect(lines.some((l) => l.includes("gate passed"))).toBe(false);
  });
});
