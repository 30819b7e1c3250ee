import { readFileSync } from "node:fs";
import * as os from "node:os";
import { Writable } from "node:stream";
import { Command, InvalidArgumentError, Option } from "commander";
import { ModelgateError } from "../../core/errors";
import { ExitCode } from "../../core/exit-codes";
import { SEVERITIES, type Severity } from "../../core/severity";
import { buildRunTaskServer } from "../../server/app";
import { gateJudge, type PlanJudge } from "../../server/judge";
import { workerPoolJudge, type WorkerPoolJudge } from "../../server/worker-pool";
import { DEFAULT_TFC_HOSTS, HostAllowList } from "../../server/runtask/allow-list";
import type { CliIo } from "../io";
import { positiveInt } from "../context";
import { gateDataForCommand, noConfigNotice } from "./gate-config";

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly hmacKeyFile?: string;
  /** The key itself (MODELGATE_HMAC_KEY); the file wins when both are set. */
  readonly hmacKey?: string;
  readonly allowUnsigned: boolean;
  /** --config; when absent, $MODELGATE_CONFIG or ./modelgate.yaml is used if present. */
  readonly config?: string;
  /** No config found is an error (exit 2) instead of a logged notice. */
  readonly requireConfig?: boolean;
  readonly tfcHosts: readonly string[];
  readonly insecureHttp: boolean;
  readonly concurrency: number;
  readonly queue: number;
  /** Worker threads that run the gate; 0 runs it on the main thread. */
  readonly workers: number;
  readonly maxPlanBytes: number;
  /** MiB of findings each worker keeps for pieces of plans it judged before (0: none). */
  readonly cacheMb?: number;
  readonly failOn: Severity;
  readonly rulesUrl?: string;
  readonly logLevel: string;
}

/** 32 MiB: below the ~39 MB the wasm gate can hold at all (gate/load-policy.ts). */
export const DEFAULT_MAX_PLAN_BYTES = 32 * 1024 * 1024;

/** Per worker: findings of a few thousand pieces; a workspace's next plan reuses the pieces it did not change. */
export const DEFAULT_CACHE_MB = 64;

/** Serve the run task until io.shutdownSignal resolves, then finish in-flight tasks. Returns the exit code. */
export async function runServe(options: ServeOptions, io: CliIo): Promise<number> {
  const key = readKey(options);
  if (key === undefined && !options.allowUnsigned) {
    throw new ModelgateError(
      "SERVE_NO_HMAC_KEY",
      "user",
      "no HMAC key: pass --hmac-key-file (or set MODELGATE_HMAC_KEY_FILE / MODELGATE_HMAC_KEY) with the run task's key, " +
        "or --allow-unsigned to accept unsigned requests (only behind something else that authenticates HCP)",
    );
  }
  let allowList: HostAllowList;
  try {
    allowList = new HostAllowList(options.tfcHosts, { insecureHttp: options.insecureHttp });
  } catch (error) {
    throw new ModelgateError("SERVE_BAD_TFC_HOST", "user", `--tfc-host: ${(error as Error).message}`);
  }
  const { catalog, approved, file: configFile, rulesNotEvaluated } = gateDataForCommand(io, options.config, options.requireConfig === true ? "require-config" : "optional");
  let pool: WorkerPoolJudge | undefined;
  let judge: PlanJudge;
  const cacheBytes = Math.floor((options.cacheMb ?? DEFAULT_CACHE_MB) * 1024 * 1024);
  if (options.workers > 0) {
    pool = workerPoolJudge({
      workers: options.workers,
      ...(configFile !== undefined ? { config: configFile } : {}),
      ...(io.wasmPath !== undefined ? { wasmPath: io.wasmPath } : {}),
      cacheBytes,
    });
    judge = pool;
  } else {
    judge = gateJudge({ catalog, ...(approved !== undefined ? { approved } : {}), ...(io.wasmPath !== undefined ? { wasmPath: io.wasmPath } : {}), cacheBytes });
  }
  // Judge an empty plan once per worker: a missing or broken policy stops the start instead of failing every run.
  const empty = Buffer.from('{"format_version":"1.2","resource_changes":[]}');
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.workers) }, () => judge.judge(empty, "startup self-check")));
  } catch (error) {
    await pool?.close();
    throw error;
  }

  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      io.stdout(chunk.toString("utf8"));
      done();
    },
  });
  const server = buildRunTaskServer({
    ...(key !== undefined ? { hmacKey: key } : {}),
    allowUnsigned: options.allowUnsigned,
    allowList,
    judge,
    failOn: options.failOn,
    ...(options.rulesUrl !== undefined ? { rulesUrl: options.rulesUrl } : {}),
    concurrency: options.concurrency,
    maxQueued: options.queue,
    maxPlanBytes: options.maxPlanBytes,
    logger: { level: options.logLevel, stream: logStream },
  });
  const address = await server.app.listen({ port: options.port, host: options.host });
  server.app.log.info(
    {
      address,
      tfcHosts: allowList.list(),
      insecureHttp: options.insecureHttp,
      signed: key !== undefined,
      approvedSet: approved !== undefined,
      ...(configFile !== undefined ? { config: configFile } : {}),
      failOn: options.failOn,
      concurrency: options.concurrency,
      queue: options.queue,
      workers: options.workers,
      maxPlanBytes: options.maxPlanBytes,
    },
    "modelgate run task listening",
  );
  if (rulesNotEvaluated.length > 0) server.app.log.warn({ rulesNotEvaluated }, noConfigNotice(rulesNotEvaluated));
  if (os.availableParallelism() <= 2 && !process.execArgv.some((a) => a.replace(/_/g, "-") === "--single-threaded-gc")) {
    server.app.log.info(
      { cores: os.availableParallelism() },
      "on 1-2 cores, start node with --single-threaded-gc: up to ~15 % more tasks/s (README, Terraform Cloud)",
    );
  }
  io.onListening?.(address);
  const signal = io.shutdownSignal !== undefined ? await io.shutdownSignal() : await new Promise<string>(() => undefined);
  server.app.log.info({ signal }, "shutting down: finishing accepted tasks");
  await server.shutdown();
  await pool?.close();
  io.stdout(`${JSON.stringify({ level: 30, time: Date.now(), msg: "stopped", ...server.stats })}\n`);
  return ExitCode.Pass;
}

function readKey(options: ServeOptions): Uint8Array | undefined {
  let key: Buffer | undefined;
  if (options.hmacKeyFile !== undefined) {
    try {
      key = readFileSync(options.hmacKeyFile);
    } catch (cause) {
      throw new ModelgateError("SERVE_HMAC_KEY_UNREADABLE", "user", `cannot read --hmac-key-file ${options.hmacKeyFile}: ${(cause as Error).message}`, { cause });
    }
    // Editors and `echo` add a final newline that is not part of the key typed into HCP.
    key = key.subarray(0, key.length - (key.toString("latin1").match(/\r?\n$/)?.[0].length ?? 0));
    if (key.length === 0) throw new ModelgateError("SERVE_HMAC_KEY_EMPTY", "user", `--hmac-key-file ${options.hmacKeyFile} is empty`);
  } else if (options.hmacKey !== undefined && options.hmacKey !== "") {
    key = Buffer.from(options.hmacKey, "utf8");
  }
  return key;
}

const nonNegativeInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${name} must be a non-negative integer`);
  return n;
};
const port = (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError("a port is 0-65535");
  return n;
};
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), ...value.split(",").map((v) => v.trim()).filter((v) => v !== "")];

const EXAMPLES = `
Environment: MODELGATE_HMAC_KEY_FILE, MODELGATE_HMAC_KEY (the key itself), MODELGATE_CONFIG, MODELGATE_TFC_HOSTS
(comma-separated), MODELGATE_PORT, MODELGATE_HOST; flags win over the environment.
Config: --config, else $MODELGATE_CONFIG, else ./modelgate.yaml. Without one the approved-set rules are not
evaluated and the start-up log says so; --require-config makes that an error (exit 2).

Examples:
  $ modelgate serve --port 8080 --hmac-key-file /etc/modelgate/hmac-key
  $ modelgate serve --host 0.0.0.0 --port 8080 --hmac-key-file key --config modelgate.yaml
  $ modelgate serve --hmac-key-file key --tfc-host tfe.example.com      (Terraform Enterprise)
  $ modelgate serve --allow-unsigned --insecure-http --tfc-host 127.0.0.1:9000   (local testing only)

Register https://<this server>/ as the run task's URL in HCP Terraform (Settings → Run tasks) with the same HMAC
key, at the post-plan stage. The server answers at once and PATCHes the result back; it logs JSON lines to stdout,
serves /healthz and /readyz, and on SIGTERM stops accepting tasks and finishes the ones it accepted.
`;

export function serveCommand(io: CliIo, onExit: (code: number) => void): Command {
  return new Command("serve")
    .description("run the HCP Terraform / Terraform Enterprise run task: gate every run's plan and report back")
    .addOption(new Option("-p, --port <n>", "port to listen on").argParser(port).default(8080).env("MODELGATE_PORT"))
    .addOption(new Option("--host <address>", "address to bind").default("127.0.0.1").env("MODELGATE_HOST"))
    .addOption(new Option("--hmac-key-file <path>", "file holding the run task's HMAC key").env("MODELGATE_HMAC_KEY_FILE"))
    .addOption(new Option("--allow-unsigned", "accept requests without a signature when no key is configured").default(false))
    .option("-c, --config <file>", "modelgate.yaml: also flag models outside the approved set (default: $MODELGATE_CONFIG, else ./modelgate.yaml)")
    .option("--require-config", "exit 2 when no config is found instead of serving without the approved-set rules")
    .addOption(
      new Option("--tfc-host <host[:port]...>", `hosts the server may call (repeatable or comma-separated; default ${DEFAULT_TFC_HOSTS.join(", ")})`)
        .argParser(collect)
        .env("MODELGATE_TFC_HOSTS"),
    )
    .addOption(new Option("--insecure-http", "allow http:// to the allow-listed hosts (testing only)").default(false))
    .addOption(new Option("--concurrency <n>", "tasks worked on at once").argParser(positiveInt("--concurrency")).default(4))
    .addOption(new Option("--queue <n>", "tasks waiting beyond --concurrency before answering 429").argParser(positiveInt("--queue")).default(64))
    .addOption(
      new Option("--workers <n>", "worker threads running the gate, so HCP's requests never wait on an evaluation (0: main thread)")
        .argParser(nonNegativeInt("--workers"))
        .default(Math.max(1, os.availableParallelism())),
    )
    .addOption(new Option("--max-plan-bytes <n>", "largest plan JSON fetched").argParser(positiveInt("--max-plan-bytes")).default(DEFAULT_MAX_PLAN_BYTES))
    .addOption(
      new Option("--cache-mb <n>", "MiB of findings each worker keeps for groups of resources it judged before; a workspace's next plan reuses what did not change (0: off)")
        .argParser(nonNegativeInt("--cache-mb"))
        .default(DEFAULT_CACHE_MB),
    )
    .addOption(new Option("--fail-on <severity>", "lowest severity that fails the task").choices(SEVERITIES).default("medium"))
    .option("--rules-url <url>", "public page describing the rules; outcomes link to <url>#<rule id>")
    .addOption(new Option("--log-level <level>", "log level").choices(["fatal", "error", "warn", "info", "debug"]).default("info"))
    .addHelpText("after", EXAMPLES)
    .action(async (opts: Record<string, unknown>) => {
      const envKey = io.env?.MODELGATE_HMAC_KEY;
      onExit(
        await runServe(
          {
            port: opts.port as number,
            host: opts.host as string,
            ...(opts.hmacKeyFile !== undefined ? { hmacKeyFile: opts.hmacKeyFile as string } : {}),
            ...(envKey !== undefined ? { hmacKey: envKey } : {}),
            allowUnsigned: opts.allowUnsigned === true,
            ...(opts.config !== undefined ? { config: opts.config as string } : {}),
            ...(opts.requireConfig === true ? { requireConfig: true } : {}),
            tfcHosts: tfcHostsOption(opts.tfcHost),
            insecureHttp: opts.insecureHttp === true,
            concurrency: opts.concurrency as number,
            queue: opts.queue as number,
            workers: opts.workers as number,
            maxPlanBytes: opts.maxPlanBytes as number,
            cacheMb: opts.cacheMb as number,
            failOn: opts.failOn as Severity,
            ...(opts.rulesUrl !== undefined ? { rulesUrl: opts.rulesUrl as string } : {}),
            logLevel: opts.logLevel as string,
          },
          io,
        ),
      );
    });
}

/** From the environment commander passes the raw string, from flags the collected list. */
function tfcHostsOption(value: unknown): string[] {
  if (value === undefined) return [...DEFAULT_TFC_HOSTS];
  if (typeof value === "string") return collect(value, []);
  return value as string[];
}
