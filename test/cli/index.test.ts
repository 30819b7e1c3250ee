import { readFileSync } from "node:fs";
import * as path from "node:path";
import { buildProgram, commandNamed } from "../../cli";
import { runCli } from "./run-cli";

const REPO = path.resolve(__dirname, "..", "..");
const COMMANDS = ["synth", "validate", "init", "list-models", "check", "list-rules"];

function registeredCommands(): Set<string> {
  const program = buildProgram({ io: { stdout: () => undefined, stderr: () => undefined }, setExit: () => undefined, globals: () => ({ color: false, quiet: false }) });
  return new Set(program.commands.flatMap((c) => [c.name(), ...c.aliases()]));
}

describe("modelgate: commands, help, version and usage errors", () => {
  it("GIVEN --version THEN the version of package.json and exit 0", async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };
    expect(await runCli(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it.each(COMMANDS)("GIVEN %s --help THEN exit 0 and at least one example of that command", async (name) => {
    const r = await runCli([name, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: modelgate ${name}`);
    expect(r.stdout).toMatch(new RegExp(`\\$ modelgate ${name}\\b`));
  });

  it("GIVEN a misspelt command THEN exit 2 with did you mean", async () => {
    const r = await runCli(["chek", "plan.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown command 'chek'");
    expect(r.stderr).toContain("(Did you mean check?)");
  });

  it("GIVEN a misspelt option THEN exit 2 with did you mean", async () => {
    const r = await runCli(["synth", "--confg", "x.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown option '--confg'");
    expect(r.stderr).toContain("(Did you mean --config?)");
  });

  it("GIVEN an extra argument to a command that takes none THEN exit 2", async () => {
    const r = await runCli(["list-rules", "extra"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: too many arguments for 'list-rules'");
  });
});

describe("main builds only the command argv names (start-up), and the whole tree otherwise", () => {
  it.each([
    [["check", "plan.json"], "check"],
    [["-q", "--no-color", "check", "-f", "json", "plan.json"], "check"],
    [["render", "--config", "m.yaml"], "synth"],
    [["export-policy-set", "out"], "export-policy-set"],
    [["help", "check"], undefined],
    [["--version"], undefined],
    [["chek", "plan.json"], undefined],
    [[], undefined],
  ])("GIVEN argv %j THEN the command is %s", (argv, expected) => {
    expect(commandNamed(argv)).toBe(expected);
  });

  it("GIVEN -v or --version alone THEN the version, with no command built", async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };
    expect(await runCli(["-v"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    const none = buildProgram({ io: { stdout: () => undefined, stderr: () => undefined }, setExit: () => undefined, globals: () => ({ color: false, quiet: false }) }, "");
    expect(none.commands).toEqual([]);
  });

  it("GIVEN --help THEN every command is listed, as before", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const name of [...COMMANDS, "deploy", "serve", "export-policy-set"]) expect(r.stdout).toMatch(new RegExp(`^  ${name}\\b`, "m"));
  });

  it("GIVEN help check THEN commander's help command still shows check's help", async () => {
    const r = await runCli(["help", "check"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: modelgate check");
  });
});

describe("remediation texts name only commands that exist", () => {
  it("GIVEN every rule's remediation in rego/dist/rules.json THEN each `modelgate <word>` is a registered command", () => {
    const { rules } = JSON.parse(readFileSync(path.join(REPO, "rego", "dist", "rules.json"), "utf8")) as {
      rules: { id: string; remediation: string }[];
    };
    const registered = registeredCommands();
    const named = rules.flatMap((r) =>
      [...r.remediation.matchAll(/\bmodelgate ([a-z][a-z-]*)/g)].map((m) => ({ rule: r.id, command: m[1] as string })),
    );
    const missing = named.filter((n) => !registered.has(n.command));
    expect(missing).toEqual([]);
  });

  it("GIVEN a text naming a command that does not exist THEN the same check reports it", () => {
    const registered = registeredCommands();
    const named = [..."run modelgate deploy-everything first".matchAll(/\bmodelgate ([a-z][a-z-]*)/g)].map((m) => m[1] as string);
    expect(named.filter((c) => !registered.has(c))).toEqual(["deploy-everything"]);
  });
});
