/**
 * The package as a user gets it: `npm pack` (which builds dist/ through the prepare script), then the README's quick
 * start (`npm install --save-dev <tarball>` in an empty directory and its `npx modelgate` lines, read from README.md),
 * and `npm install -g <tarball>` into a temporary prefix with the installed `modelgate` run from another directory.
 * Opt-in (MODELGATE_E2E=1, `npm run test:e2e`): installing copies the AWS provider bindings (~400 MB).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { tempDir } from "../gate/wasm-helper";

const REPO = path.resolve(__dirname, "..", "..");
const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

let modelgate: string;
let work: string;
let tarball: string;

beforeAll(() => {
  const packDir = tempDir("modelgate-pack-");
  const name = npm(["pack", "--pack-destination", packDir], REPO).trim().split("\n").at(-1) as string;
  tarball = path.join(packDir, name);
  const prefix = tempDir("modelgate-prefix-");
  npm(["install", "-g", "--prefix", prefix, tarball], packDir);
  modelgate = path.join(prefix, "bin", "modelgate");
  work = tempDir("modelgate-user-");
}, 900000);

/** A user's environment: PATH with this node (and its npx), HOME, and the npm cache (offline installs). */
const userEnv = (): NodeJS.ProcessEnv => ({
  PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ""}`,
  HOME: process.env.HOME ?? "",
  ...(process.env.npm_config_cache !== undefined ? { npm_config_cache: process.env.npm_config_cache } : {}),
});

function run(args: string[], cwd = work, command = modelgate): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: userEnv() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The README's quick-start block: the first sh block that runs `npx modelgate init`, comments dropped. */
function quickStart(): string[] {
  const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
  const block = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? "").find((b) => b.includes("npx modelgate init"));
  if (block === undefined) throw new Error("README.md has no quick-start block running npx modelgate init");
  return block
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "");
}

describe("the packed package: installed into an empty prefix, used from an unrelated directory", () => {
  it("GIVEN the installed bin THEN --version is the package's version", () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };
    expect(run(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("GIVEN a plan in another directory THEN modelgate check judges it with the bundled policy", () => {
    const plans = path.join(work, "plans");
    mkdirSync(plans);
    copyFileSync(path.join(REPO, "test", "fixtures", "plans", readPlanFixture()), path.join(plans, "plan.json"));
    const r = run(["check", "plans/plan.json", "-f", "json"]);
    expect([0, 1]).toContain(r.code);
    const report = JSON.parse(r.stdout) as { summary: { inputs: { file: string }[] } };
    expect(report.summary.inputs).toEqual([{ file: "plans/plan.json", kind: "plan" }]);
  });

  it("GIVEN init, validate, synth and check in an empty directory THEN each succeeds", () => {
    const dir = tempDir("modelgate-fresh-");
    expect(run(["init"], dir).code).toBe(0);
    expect(run(["validate"], dir).code).toBe(0);
    expect(run(["synth", "--quiet"], dir).code).toBe(0);
    expect(existsSync(path.join(dir, "cdktf.out", "manifest.json"))).toBe(true);
    const check = run(["check", "cdktf.out", "--require-config"], dir);
    expect([check.code, check.stderr]).toEqual([0, ""]);
  });

  it("GIVEN the README's quick start THEN its tarball install in an empty directory and its npx modelgate lines each exit 0, in order", () => {
    const lines = quickStart();
    const { version } = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };
    expect(lines.slice(0, 2)).toEqual(["mkdir bedrock-access && cd bedrock-access", `npm install --save-dev /path/to/modelgate-${version}.tgz`]);
    const commands = lines.slice(2);
    expect(commands.map((l) => l.split(" ").slice(0, 3).join(" "))).toEqual(["npx modelgate init", "npx modelgate validate", "npx modelgate synth", "npx modelgate check"]);
    const dir = path.join(tempDir("modelgate-quickstart-"), "bedrock-access");
    mkdirSync(dir);
    npm(["install", "--save-dev", tarball], dir);
    for (const line of commands) {
      const [npx, ...args] = line.split(/\s+/);
      const r = run(args, dir, npx as string);
      expect({ line, code: r.code, stderr: r.code === 0 ? "" : r.stderr }).toEqual({ line, code: 0, stderr: "" });
    }
    expect(existsSync(path.join(dir, "cdktf.out", "manifest.json"))).toBe(true);
    const check = run(["modelgate", "check", "cdktf.out", "-f", "json"], dir, "npx");
    expect((JSON.parse(check.stdout) as { summary: { inputs: unknown[] } }).summary.inputs.length).toBeGreaterThan(1);
  });

  it("GIVEN dist/ is missing THEN the bin says what to run, in one line, exit 2", () => {
    const root = tempDir("modelgate-nodist-");
    mkdirSync(path.join(root, "bin"));
    copyFileSync(path.join(REPO, "bin", "modelgate.js"), path.join(root, "bin", "modelgate.js"));
    writeFileSync(path.join(root, "package.json"), "{}\n");
    const r = spawnSync(process.execPath, [path.join(root, "bin", "modelgate.js"), "--help"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`modelgate: ${path.join(root, "dist")} is missing: run \`npm run build\` in ${root} (npm ci --ignore-scripts skips the build)\n`);
  });
});

/** A committed plan fixture, so the check has something real to judge. */
function readPlanFixture(): string {
  const dir = path.join(REPO, "test", "fixtures", "plans");
  const names = execFileSync("ls", [dir], { encoding: "utf8" }).split("\n").filter((n) => n.endsWith(".json"));
  if (names.length === 0) throw new Error(`no plan fixtures in ${dir}`);
  return names.sort()[0] as string;
}
