import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli";
import type { CliIo } from "../../cli/io";

const EXAMPLE = join(__dirname, "../../examples/organization/modelgate.yaml");

function io(extra: Partial<CliIo> = {}): { io: CliIo; out: () => string; err: () => string } {
  let stdout = "";
  let stderr = "";
  return { io: { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), ...extra }, out: () => stdout, err: () => stderr };
}

describe("modelgate deploy (command line): refuses what it cannot do safely before touching anything", () => {
  it("GIVEN no terminal and no --auto-approve WHEN deploy runs THEN exit 2 with the reason and nothing else happens", async () => {
    const cli = io({ interactive: false, env: { PATH: "/nonexistent" } });
    expect(await main(["deploy", "--config", EXAMPLE], cli.io)).toBe(2);
    expect(cli.err()).toBe(
      "modelgate: error APPROVAL_REQUIRED: refusing to apply without --auto-approve: no terminal to ask for approval (use --dry-run to plan and gate only)\n",
    );
    expect(cli.out()).toBe("");
  });

  it("GIVEN --dry-run and no terraform or tofu WHEN deploy runs THEN exit 2 naming the missing binary, before synth", async () => {
    const cli = io({ interactive: false, env: { PATH: "/nonexistent" } });
    expect(await main(["deploy", "--config", EXAMPLE, "--dry-run"], cli.io)).toBe(2);
    expect(cli.err()).toBe("modelgate: error TF_BINARY_NOT_FOUND: neither terraform nor tofu is on PATH: install one, or name it with --tf-binary <path>\n");
  });

  it("GIVEN an invalid --fail-on WHEN deploy runs THEN commander rejects it (exit 2)", async () => {
    const cli = io();
    expect(await main(["deploy", "--fail-on", "severe"], cli.io)).toBe(2);
    expect(cli.err()).toContain("error: option '--fail-on <severity>' argument 'severe' is invalid");
  });

  it("documents every option and the exit codes in --help", async () => {
    const cli = io();
    expect(await main(["deploy", "--help"], cli.io)).toBe(0);
    for (const flag of ["--config", "--fail-on", "--suppressions", "--auto-approve", "--dry-run", "--out-dir", "--tf-binary"]) expect(cli.out()).toContain(flag);
    expect(cli.out()).toContain("3 a terraform/tofu step or the gate failed");
  });
});

describe("modelgate deploy: finds its config as check does, and synthesizes and gates that same file", () => {
  const broken = (dir: string) => {
    writeFileSync(join(dir, "modelgate.yaml"), "version: 2\n");
    return join(dir, "modelgate.yaml");
  };

  it("GIVEN no --config, no $MODELGATE_CONFIG and no ./modelgate.yaml THEN exit 2 before anything runs", async () => {
    const cli = io({ interactive: false, env: { PATH: "/nonexistent" }, cwd: mkdtempSync(join(tmpdir(), "modelgate-deploy-")) });
    expect(await main(["deploy", "--dry-run"], cli.io)).toBe(2);
    expect(cli.err()).toContain("modelgate: error CONFIG_NOT_FOUND: no configuration: pass --config <file>, set MODELGATE_CONFIG, or create ./modelgate.yaml");
  });

  it("GIVEN ./modelgate.yaml THEN that file is loaded (a broken one is reported as such)", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "modelgate-deploy-"));
    const file = broken(cwd);
    const cli = io({ interactive: false, env: { PATH: "/nonexistent" }, cwd });
    expect(await main(["deploy", "--dry-run"], cli.io)).toBe(2);
    expect(cli.err()).toContain(`modelgate: error CONFIG_INVALID: ${file}: `);
  });

  it("GIVEN $MODELGATE_CONFIG THEN it is used over ./modelgate.yaml, and --config over both", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "modelgate-deploy-"));
    broken(cwd);
    const viaEnv = io({ interactive: false, env: { PATH: "/nonexistent", MODELGATE_CONFIG: EXAMPLE }, cwd });
    expect(await main(["deploy", "--dry-run"], viaEnv.io)).toBe(2);
    // Past the config: the next thing checked is terraform/tofu.
    expect(viaEnv.err()).toBe("modelgate: error TF_BINARY_NOT_FOUND: neither terraform nor tofu is on PATH: install one, or name it with --tf-binary <path>\n");
    const other = join(cwd, "other.yaml");
    writeFileSync(other, "version: 3\n");
    const viaFlag = io({ interactive: false, env: { PATH: "/nonexistent", MODELGATE_CONFIG: EXAMPLE }, cwd });
    expect(await main(["deploy", "--dry-run", "--config", "other.yaml"], viaFlag.io)).toBe(2);
    expect(viaFlag.err()).toContain(`modelgate: error CONFIG_INVALID: `);
    expect(viaFlag.err()).toContain(`other.yaml:1:10: version: must be 1`);
  });
});
