import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import * as path from "node:path";
import { main } from "../../cli";
import type { CliIo } from "../../cli/io";
import { clearPolicyCache } from "../../gate/load-policy";
import { buildTestWasm, iamPolicyChange, plan, tempDir, writeTemp } from "../gate/wasm-helper";
import { runCli } from "./run-cli";

const WIDE = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] };
const CORPUS = path.resolve(__dirname, "..", "fixtures", "inputs");

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process against the stand-in policy with a fixed date. */
async function run(argv: string[], wasmPath = buildTestWasm("standin")): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), today: () => "2026-08-21", wasmPath };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

let dir: string;
let wide: string;
let unknown: string;
let clean: string;
beforeAll(() => {
  dir = tempDir();
  wide = writeTemp(dir, "wide.json", JSON.stringify(plan([iamPolicyChange("aws_iam_policy.wide", WIDE)])));
  unknown = writeTemp(dir, "unknown.json", JSON.stringify(plan([iamPolicyChange("aws_iam_policy.u", undefined)])));
  clean = writeTemp(dir, "clean.json", JSON.stringify(plan([iamPolicyChange("aws_iam_policy.ok", { Statement: [] })])));
});
beforeEach(() => clearPolicyCache());

describe("modelgate check: the exit code follows the findings and --fail-on", () => {
  it("GIVEN a HIGH finding and the default threshold (medium) THEN exit 1", async () => {
    expect((await run(["check", wide])).code).toBe(1);
  });

  it("GIVEN a HIGH finding and --fail-on critical THEN exit 0, and the finding is still reported", async () => {
    const r = await run(["check", wide, "--fail-on", "critical"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("HIGH MG-9001[aws_iam_policy.wide]");
  });

  it("GIVEN a clean plan and no config THEN exit 0 with a PASS summary that says the approved-set rules were not evaluated", async () => {
    const r = await run(["check", clean]);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      0,
      "approved set: none — rules MG-0010, MG-0020, MG-0022 not evaluated (no --config, $MODELGATE_CONFIG or ./modelgate.yaml; --require-config makes this an error)\n" +
        "PASS: none at or above medium; no findings; 0 suppressed; 1 input; catalog 2026-08-21\n",
      "",
    ]);
  });

  it("GIVEN the only finding suppressed THEN exit 0 and it is counted", async () => {
    const s = writeTemp(dir, "s.yaml", "- ruleId: MG-9001\n  address: aws_iam_policy.wide\n  reason: Sandbox account, reviewed by security\n  owner: ml-team\n  expires: '2026-12-31'\n");
    const r = await run(["check", wide, "--suppressions", s, "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect([out.summary.total, out.summary.suppressed, out.suppressed[0].key]).toEqual([0, 1, "MG-9001[aws_iam_policy.wide]"]);
  });

  it("GIVEN an expired suppression THEN exit 1 and a warning on stderr", async () => {
    const s = writeTemp(dir, "old.yaml", "- ruleId: MG-9001\n  address: aws_iam_policy.wide\n  reason: Sandbox account, reviewed by security\n  owner: ml-team\n  expires: '2026-08-20'\n");
    const r = await run(["check", wide, "--suppressions", s, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("warning: suppression for MG-9001[aws_iam_policy.wide] expired on 2026-08-20; it no longer applies\n");
    expect(JSON.parse(r.stdout).summary.expiredSuppressions).toEqual([{ ruleId: "MG-9001", address: "aws_iam_policy.wide", owner: "ml-team", expires: "2026-08-20" }]);
  });
});

describe("modelgate check --format json: exactly one JSON object on stdout", () => {
  it("GIVEN two inputs THEN stdout parses as one object holding both findings, stderr is empty", async () => {
    const r = await run(["check", wide, unknown, "--format", "json"]);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.findings.map((f: { key: string; severity: string }) => `${f.severity} ${f.key}`)).toEqual([
      "critical MG-9002[aws_iam_policy.u]",
      "high MG-9001[aws_iam_policy.wide]",
    ]);
    expect(out.summary.inputs.map((i: { file: string }) => i.file)).toEqual([wide, unknown]);
  });

  it("GIVEN a bad input THEN nothing on stdout, the error on stderr, exit 2", async () => {
    const r = await run(["check", path.join(CORPUS, "bad", "format-version-2.json"), "--format", "json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `modelgate: error PLAN_FORMAT_UNSUPPORTED: ${path.join(CORPUS, "bad", "format-version-2.json")}: plan format_version "2.0" is not supported; modelgate reads format 1.x (terraform show -json from Terraform 1.1 or later, or OpenTofu)\n`,
    );
  });
});

describe("modelgate check: user errors exit 2, internal errors exit 3", () => {
  it("GIVEN an unknown --format THEN exit 2 with commander's message", async () => {
    const r = await run(["check", wide, "--format", "html"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: option '-f, --format <format>' argument 'html' is invalid. Allowed choices are text, json, sarif, junit, markdown.");
  });

  it("GIVEN an unknown option THEN exit 2", async () => {
    const r = await run(["check", wide, "--strict-mode"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown option '--strict-mode'");
  });

  it("GIVEN no path THEN exit 2", async () => {
    const r = await run(["check"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: missing required argument 'path'");
  });

  it("GIVEN an invalid suppressions file THEN exit 2 listing each problem", async () => {
    const s = writeTemp(dir, "bad.yaml", "- ruleId: MG-9001\n  address: aws_iam_policy.wide\n  reason: short\n  owner: me\n  expires: '2026-12-31'\n");
    const r = await run(["check", wide, "--suppressions", s]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `modelgate: error SUPPRESSIONS_INVALID: ${s}: 1 invalid suppression field(s): ${s}: suppressions[0].reason must be at least 10 characters\n  - ${s}: suppressions[0].reason must be at least 10 characters\n`,
    );
  });

  it("GIVEN a policy that returns a non-array THEN exit 3 and no report", async () => {
    const r = await run(["check", wide, "--format", "json"], buildTestWasm("non-array"));
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "modelgate: error GATE_RESULT_INVALID: the policy entrypoint modelgate/main/findings returned an object instead of an array of findings; the plan was not evaluated\n" +
        "  (an internal error: the plan was not judged; please report it)\n",
    );
  });

  it("GIVEN a missing config file THEN exit 2", async () => {
    const r = await run(["check", wide, "--config", path.join(dir, "nope.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith("modelgate: error CONFIG_UNREADABLE: ")).toBe(true);
  });
});

describe("modelgate check --output: the report file is written whole, or not at all", () => {
  it("GIVEN --output THEN the file holds the report, stdout is empty and the summary goes to stderr", async () => {
    const out = path.join(tempDir(), "report.sarif");
    const r = await run(["check", wide, "--format", "sarif", "--output", out]);
    expect([r.code, r.stdout]).toEqual([1, ""]);
    expect(JSON.parse(readFileSync(out, "utf8")).version).toBe("2.1.0");
    expect(r.stderr).toBe(`FAIL: at or above medium; 1 finding (1 high); 0 suppressed; 1 input; catalog 2026-08-21\nreport written to ${out}\n`);
    expect(readdirSync(path.dirname(out))).toEqual(["report.sarif"]);
  });

  it("GIVEN an output directory that does not exist THEN exit 2 and no stray temp file", async () => {
    const parent = tempDir();
    const out = path.join(parent, "missing", "report.json");
    const r = await run(["check", wide, "--format", "json", "--output", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`modelgate: error OUTPUT_UNWRITABLE: ${out}: cannot write the report (ENOENT)\n`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe("modelgate --help teaches with examples", () => {
  it("GIVEN check --help THEN exit 0 and the examples and exit codes are shown", async () => {
    const r = await run(["check", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("$ modelgate check cdktf.out --fail-on high");
    expect(r.stdout).toContain("Exit codes: 0 nothing at or above --fail-on");
    expect(r.stdout.replace(/\s+/g, " ")).toContain('(choices: "low", "medium", "high", "critical", default: "medium")');
  });

  it("GIVEN no arguments THEN the overview on stdout and exit 2", async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("$ terraform show -json tfplan | modelgate check -");
  });
});

describe("modelgate check: config discovery and the approved-set notice", () => {
  const EXAMPLE = path.resolve(__dirname, "..", "..", "examples", "organization", "modelgate.yaml");
  const NOTICE = "approved set: none — rules MG-0010, MG-0020, MG-0022 not evaluated";
  const cli = (argv: string[], extra: Partial<CliIo> = {}) => runCli(argv, { wasmPath: buildTestWasm("standin"), ...extra });

  it.each(["text", "json", "sarif", "junit", "markdown"])("GIVEN no config WHEN -f %s THEN the report says which rules were not evaluated", async (format) => {
    const r = await cli(["check", clean, "-f", format], { cwd: tempDir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(NOTICE);
  });

  it("GIVEN no config THEN json and sarif carry the rule IDs as data", async () => {
    const json = JSON.parse((await cli(["check", clean, "-f", "json"], { cwd: tempDir() })).stdout);
    expect([json.summary.approvedSet, json.summary.rulesNotEvaluated]).toEqual(["none", ["MG-0010", "MG-0020", "MG-0022"]]);
    const sarif = JSON.parse((await cli(["check", clean, "-f", "sarif"], { cwd: tempDir() })).stdout);
    expect(sarif.runs[0].properties.rulesNotEvaluated).toEqual(["MG-0010", "MG-0020", "MG-0022"]);
  });

  it("GIVEN no config and --require-config THEN exit 2 and no report", async () => {
    const r = await cli(["check", clean, "--require-config"], { cwd: tempDir() });
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toBe(
      "modelgate: error CONFIG_REQUIRED: --require-config: no configuration found (no --config, $MODELGATE_CONFIG or ./modelgate.yaml), so rules MG-0010, MG-0020, MG-0022 cannot be evaluated\n",
    );
  });

  it("GIVEN ./modelgate.yaml in the working directory THEN check uses it: no notice, and --require-config passes", async () => {
    const cwd = tempDir();
    writeTemp(cwd, "modelgate.yaml", readFileSync(EXAMPLE, "utf8"));
    const r = await cli(["check", clean, "--require-config"], { cwd });
    expect(r).toEqual({ code: 0, stdout: "PASS: none at or above medium; no findings; 0 suppressed; 1 input; catalog 2026-08-21\n", stderr: "" });
  });

  it("GIVEN $MODELGATE_CONFIG naming a missing file THEN exit 2: a named config is never silently skipped", async () => {
    const r = await cli(["check", clean], { cwd: tempDir(), env: { MODELGATE_CONFIG: path.join(dir, "absent.yaml") } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("CONFIG_UNREADABLE");
  });
});

describe("modelgate check: flags in any case, -f everywhere", () => {
  it("GIVEN --fail-on HIGH and --format JSON THEN they mean high and json", async () => {
    const r = await runCli(["check", wide, "--fail-on", "HIGH", "--format", "JSON"], { wasmPath: buildTestWasm("standin"), cwd: tempDir() });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary.threshold).toBe("high");
  });

  it("GIVEN --fail-on severe THEN exit 2 naming the choices", async () => {
    const r = await runCli(["check", wide, "--fail-on", "severe"], { wasmPath: buildTestWasm("standin") });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: option '--fail-on <severity>' argument 'severe' is invalid. Allowed choices are low, medium, high, critical (any case).");
  });

  it("GIVEN --threads 0 or --threads two THEN exit 2 naming the flag; --threads 1 judges as usual", async () => {
    for (const bad of ["0", "two", "1.5"]) {
      const r = await runCli(["check", wide, "--threads", bad], { wasmPath: buildTestWasm("standin") });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--threads must be a positive integer");
    }
    const ok = await runCli(["check", wide, "--threads", "1", "-f", "json"], { wasmPath: buildTestWasm("standin"), cwd: tempDir() });
    expect(ok.code).toBe(1);
    expect(JSON.parse(ok.stdout).findings.length).toBeGreaterThan(0);
  });
});

describe("modelgate check --output: through symlinks, into FIFOs, atomically only for regular files", () => {
  it("GIVEN a symlink THEN the link stays a link and its target holds the report", async () => {
    const d = tempDir();
    const target = writeTemp(d, "real.json", "old");
    symlinkSync(target, path.join(d, "link.json"));
    const r = await runCli(["check", wide, "-f", "json", "-o", path.join(d, "link.json")], { wasmPath: buildTestWasm("standin") });
    expect(r.code).toBe(1);
    expect(lstatSync(path.join(d, "link.json")).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, "utf8")).summary.total).toBe(1);
    expect(readdirSync(d).sort()).toEqual(["link.json", "real.json"]);
  });

  it("GIVEN an existing report with mode 0640 THEN it is replaced and keeps its mode", async () => {
    const d = tempDir();
    const file = writeTemp(d, "r.json", "old");
    chmodSync(file, 0o640);
    await runCli(["check", wide, "-f", "json", "-o", file], { wasmPath: buildTestWasm("standin") });
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(JSON.parse(readFileSync(file, "utf8")).summary.total).toBe(1);
  });

  it("GIVEN a FIFO THEN the report is written into it (a reader gets it) and the FIFO is still a FIFO", async () => {
    const d = tempDir();
    const fifo = path.join(d, "pipe");
    execFileSync("mkfifo", [fifo]);
    const reader = spawn("cat", [fifo]);
    let got = "";
    reader.stdout.on("data", (b: Buffer) => (got += b.toString("utf8")));
    const done = new Promise((resolve) => reader.on("close", resolve));
    const r = await runCli(["check", wide, "-f", "json", "-o", fifo], { wasmPath: buildTestWasm("standin") });
    await done;
    expect(r.code).toBe(1);
    expect(JSON.parse(got).summary.total).toBe(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe("modelgate check on a terminal: colour and wrapping, never in pipes or machine formats", () => {
  const tty = { stdoutIsTty: true, stderrIsTty: true, columns: 30 };

  it("GIVEN a terminal THEN severities are coloured and long lines wrapped with indentation", async () => {
    const r = await runCli(["check", wide], { wasmPath: buildTestWasm("standin"), cwd: tempDir(), ...tty });
    expect(r.stdout).toContain("\u001b[31m✖ HIGH\u001b[0m MG-9001[aws_iam_policy.wide]");
    const lines = r.stdout.split("\n").filter((l) => l.startsWith("      "));
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
  });

  it.each([
    ["NO_COLOR", ["check"], { NO_COLOR: "1" }],
    ["--no-color", ["--no-color", "check"], {}],
  ])("GIVEN %s THEN no escape codes", async (_name, prefix, env) => {
    const r = await runCli([...prefix, wide], { wasmPath: buildTestWasm("standin"), cwd: tempDir(), env, ...tty });
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("GIVEN a terminal and -f json THEN the bytes equal those written to a pipe", async () => {
    const cwd = tempDir();
    const onTty = await runCli(["check", wide, "-f", "json"], { wasmPath: buildTestWasm("standin"), cwd, ...tty });
    const piped = await runCli(["check", wide, "-f", "json"], { wasmPath: buildTestWasm("standin"), cwd });
    expect(onTty.stdout).toBe(piped.stdout);
  });
});

describe("modelgate check --suppressions: entries that can never apply are reported", () => {
  it("GIVEN an unknown rule ID and an entry matching no finding THEN a warning for each, with the real policy's rules", async () => {
    const s = writeTemp(
      dir,
      "stale.yaml",
      "- ruleId: MG-0999\n  address: aws_iam_policy.wide\n  reason: Sandbox account, reviewed by security\n  owner: ml-team\n  expires: '2026-12-31'\n" +
        "- ruleId: MG-0009\n  address: aws_iam_policy.gone\n  reason: Sandbox account, reviewed by security\n  owner: ml-team\n  expires: '2026-12-31'\n",
    );
    const r = await runCli(["check", wide, "-s", s, "-f", "json"], { cwd: tempDir() });
    expect(r.stderr).toBe(
      "warning: suppression for MG-0999[aws_iam_policy.wide] names a rule the gate does not have (modelgate list-rules); it can never apply\n" +
        "warning: suppression for MG-0009[aws_iam_policy.gone] matches no finding; remove it, or fix its address, stack or file\n",
    );
  });
});

describe("modelgate check - : standard input through CliIo", () => {
  it("GIVEN stdin over the size limit THEN exit 2, input too large", async () => {
    const r = await runCli(["check", "-"], { wasmPath: buildTestWasm("standin"), readStdin: () => Promise.reject(new RangeError("more than 1 bytes")) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("modelgate: error INPUT_TOO_LARGE: <stdin>: input is over ");
  });

  it("GIVEN - twice THEN exit 2", async () => {
    const r = await runCli(["check", "-", "-"], { wasmPath: buildTestWasm("standin"), readStdin: () => Promise.resolve(Buffer.from("{}")) });
    expect([r.code, r.stderr]).toEqual([2, "modelgate: error INPUT_STDIN_TWICE: - (standard input) can be given only once\n"]);
  });
});
