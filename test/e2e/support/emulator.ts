/**
 * The end-to-end world: the stand-in hashicorp/aws provider (built once, cached), moto on 127.0.0.1 as the AWS API,
 * the example organization seeded into it, and `modelgate` run as a real process. Nothing here fakes a result:
 * deploys run real terraform against real HTTP, and read-backs go through the AWS API (boto3 → moto).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import * as path from "node:path";

export const REPO = path.resolve(__dirname, "..", "..", "..");
export const EXAMPLE_CONFIG = path.join(REPO, "examples", "organization", "modelgate.yaml");
const CLI = path.join(REPO, "dist", "cli", "bin.js");

export interface Tools {
  /** TF_CLI_CONFIG_FILE installing the stand-in provider from its filesystem mirror. */
  readonly tfrc: string;
  /** The moto venv's bin directory (moto_server, python). */
  readonly motoBin: string;
  /** terraform or tofu. */
  readonly tfBinary: string;
}

function bash(script: string): string {
  return execFileSync("bash", [path.join(REPO, script)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
}

/** Build/install what the suite needs (cached under $HOME/.cache/modelgate; fast after the first run). */
export function installTools(): Tools {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build before the end-to-end suite`);
  const tfBinary = process.env.MODELGATE_E2E_TF ?? findOnPath("terraform") ?? findOnPath("tofu");
  if (tfBinary === undefined) throw new Error("neither terraform nor tofu is on PATH (or set MODELGATE_E2E_TF); see .ci/run");
  return { tfrc: bash("tools/standin-aws-provider/build.sh"), motoBin: bash("tools/moto/install.sh"), tfBinary };
}

export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const p = path.join(dir, name);
    if (dir !== "" && existsSync(p)) return p;
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export class Moto {
  private child: ChildProcess | undefined;
  private constructor(
    readonly endpoint: string,
    private readonly tools: Tools,
    private readonly port: number,
  ) {}

  /** Start moto_server on a free loopback port and wait until it answers. */
  static async start(tools: Tools): Promise<Moto> {
    const port = await freePort();
    const moto = new Moto(`http://127.0.0.1:${port}`, tools, port);
    await moto.restart();
    return moto;
  }

  async restart(): Promise<void> {
    this.child = spawn(path.join(this.tools.motoBin, "moto_server"), ["-H", "127.0.0.1", "-p", String(this.port)], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    this.child.stderr?.on("data", (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
    for (let i = 0; i < 200; i++) {
      try {
        const res = await fetch(`${this.endpoint}/moto-api/data.json`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (this.child.exitCode !== null) throw new Error(`moto_server exited: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`moto_server did not answer on ${this.endpoint}: ${stderr}`);
  }

  /** Stop moto (the process only; restart() brings back an empty emulator on the same port). */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
    this.child = undefined;
  }

  /** Forget every account, organization and policy, and make the IDs moto generates next repeatable. */
  async reset(): Promise<void> {
    for (const url of [`${this.endpoint}/moto-api/reset`, `${this.endpoint}/moto-api/seed?a=42`]) {
      const res = await fetch(url, { method: "POST" });
      if (!res.ok) throw new Error(`moto ${url}: HTTP ${res.status}`);
    }
  }

  /** The moto_server process ID (to stop it from a wrapper script mid-run). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Environment for anything that talks to this moto: terraform, the provider, boto3. */
  env(): NodeJS.ProcessEnv {
    return {
      AWS_ENDPOINT_URL: this.endpoint,
      AWS_ACCESS_KEY_ID: "modelgate-e2e",
      AWS_SECRET_ACCESS_KEY: "modelgate-e2e",
      AWS_REGION: "us-east-1",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    };
  }

  /** Run tools/moto/aws.py <command> with one JSON document in and out. */
  aws<T>(command: "seed" | "seed-config" | "dump" | "tamper", input: unknown): T {
    const r = spawnSync(path.join(this.tools.motoBin, "python"), [path.join(REPO, "tools", "moto", "aws.py"), command], {
      input: JSON.stringify(input),
      encoding: "utf8",
      env: { ...process.env, ...this.env() },
    });
    if (r.status !== 0) throw new Error(`aws.py ${command} failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  }
}

export interface Seeded {
  readonly managementAccountId: string;
  readonly rootId: string;
  /** Example ID (root, OU or account) → moto's ID. */
  readonly ids: Readonly<Record<string, string>>;
  /** The rewritten config's path. */
  readonly config: string;
  /** moto's account IDs, in the example's order. */
  readonly accounts: readonly string[];
}

/**
 * Create in moto the organization `configPath` describes (root, OUs, accounts, and in each account the roles and
 * groups the config attaches to), then write the config with every example ID replaced by moto's to `outPath`
 * (tools/moto/aws.py seed-config, the same step the README's emulator walkthrough runs).
 */
export function seedOrganization(moto: Moto, configPath: string, outPath: string): Seeded {
  mkdirSync(path.dirname(outPath), { recursive: true });
  return moto.aws<Seeded>("seed-config", { config: configPath, out: outPath });
}

export interface DumpedScp {
  readonly name: string;
  readonly description: string;
  readonly id: string;
  readonly content: string;
  readonly targets: readonly string[];
}
export interface DumpedPolicy {
  readonly name: string;
  readonly arn: string;
  readonly path: string;
  readonly description: string;
  readonly document: string;
  readonly versions: number;
  readonly roles: readonly string[];
  readonly groups: readonly string[];
}
export interface Dump {
  readonly scps: readonly DumpedScp[];
  readonly accounts: Readonly<Record<string, { policies: readonly DumpedPolicy[]; roles: readonly { name: string; trust: string; description: string }[] }>>;
}

/** Everything modelgate manages, read back through the AWS API. */
export function dump(moto: Moto, seeded: Seeded): Dump {
  return moto.aws<Dump>("dump", { accounts: seeded.accounts });
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the built CLI as a real process in `cwd`, talking to moto through the stand-in provider. */
export function modelgate(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The environment a deploy runs with: PATH, HOME, moto's endpoint and credentials, the stand-in's CLI config. */
export function deployEnv(moto: Moto, tools: Tools, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TF_CLI_CONFIG_FILE: tools.tfrc,
    CHECKPOINT_DISABLE: "1",
    ...moto.env(),
    ...extra,
  };
}
