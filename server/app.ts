import Fastify, { type FastifyInstance } from "fastify";
import type { Dispatcher } from "undici";
import { describeThrown, isModelgateError } from "../core/errors";
import type { Severity } from "../core/severity";
import type { PlanJudge } from "./judge";
import { TaskQueue } from "./queue";
import type { HostAllowList } from "./runtask/allow-list";
import { sendCallback, type TaskResult } from "./runtask/callback";
import { fetchPlan } from "./runtask/fetch-plan";
import { SIGNATURE_HEADER, verifySignature } from "./runtask/hmac";
import { errorResult, prePlanResult, verdictResult } from "./runtask/outcomes";

/**
 * The run-task server: HTTP and the HCP protocol (signature, verification request, 200 at once, plan fetch,
 * callback). What a plan means is the judge's business (server/judge.ts).
 */

export interface RunTaskServerOptions {
  /** The run task's HMAC key. Without one, `allowUnsigned` must be true. */
  readonly hmacKey?: Uint8Array;
  readonly allowUnsigned?: boolean;
  readonly allowList: HostAllowList;
  readonly judge: PlanJudge;
  readonly failOn: Severity;
  readonly rulesUrl?: string;
  /** Tasks worked on at once (plan fetch + evaluation + callback). */
  readonly concurrency: number;
  /** Tasks accepted beyond `concurrency` before answering 429. */
  readonly maxQueued: number;
  readonly maxPlanBytes: number;
  /** Largest run-task request body (HCP's are a few KB). */
  readonly maxRequestBytes?: number;
  /** Outbound timeout per HTTP exchange, ms. */
  readonly outboundTimeoutMs?: number;
  /** Retries of a 204 from the plan endpoint, and of a failed callback. */
  readonly planNotReadyRetries?: number;
  readonly callbackRetries?: number;
  /** First backoff for both, ms (doubled per attempt). */
  readonly backoffMs?: number;
  /**
   * HCP expects a progress update within 10 minutes: a task not finished after this long (queued or evaluating)
   * sends a `running` result first. Default 5 minutes.
   */
  readonly progressAfterMs?: number;
  /** pino logger options (`level`, `stream`); false disables logging. */
  readonly logger?: false | { level?: string; stream?: NodeJS.WritableStream };
  /** For tests and benchmarks: the undici dispatcher used for outbound calls. */
  readonly dispatcher?: Dispatcher;
}

/** What the server has done since it started (`/readyz` shows it; tests and the benchmark read it). */
export interface RunTaskStats {
  accepted: number;
  verifications: number;
  refusedBusy: number;
  refusedSignature: number;
  completed: number;
  callbacksDelivered: number;
  callbacksLost: number;
  progressUpdates: number;
}

export interface RunTaskServer {
  readonly app: FastifyInstance;
  readonly stats: Readonly<RunTaskStats>;
  /** Stop accepting tasks, close the listener, finish every accepted task (including its callback). */
  shutdown(): Promise<void>;
}

/** The fields of HCP's request that the server uses. */
interface RunTaskRequest {
  readonly stage: string;
  readonly accessToken: string;
  readonly callbackUrl: string;
  readonly planJsonApiUrl?: string;
  readonly runId?: string;
  readonly taskResultId?: string;
  readonly workspaceName?: string;
  readonly organizationName?: string;
}

/** HCP's verification request when a run task is created or edited. */
const VERIFICATION_TOKEN = "test-token";

export function buildRunTaskServer(options: RunTaskServerOptions): RunTaskServer {
  if (options.hmacKey === undefined && options.allowUnsigned !== true) {
    throw new TypeError("an HMAC key is required unless allowUnsigned is set");
  }
  const hmacKey = options.hmacKey !== undefined && options.hmacKey.byteLength > 0 ? options.hmacKey : undefined;
  const timeoutMs = options.outboundTimeoutMs ?? 30_000;
  const backoffMs = options.backoffMs ?? 1000;
  const queue = new TaskQueue(options.concurrency, options.maxQueued);
  const stats: RunTaskStats = { accepted: 0, verifications: 0, refusedBusy: 0, refusedSignature: 0, completed: 0, callbacksDelivered: 0, callbacksLost: 0, progressUpdates: 0 };
  let draining = false;
  let stopped: Promise<void> | undefined;

  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: options.logger?.level ?? "info",
            ...(options.logger?.stream !== undefined ? { stream: options.logger.stream } : {}),
            redact: { paths: ["req.headers.authorization", `req.headers["${SIGNATURE_HEADER}"]`, "accessToken", "access_token"], censor: "[redacted]" },
          },
    bodyLimit: options.maxRequestBytes ?? 256 * 1024,
    // Never trust a proxy's X-Forwarded-* unless told: the logs show the peer.
    trustProxy: false,
    return503OnClosing: true,
  });

  // The signature covers the raw bytes, so no parser runs before it is checked.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_req, reply) => {
    const body = { status: draining ? "draining" : "ready", active: queue.active, queued: queue.queued, ...stats };
    return reply.code(draining ? 503 : 200).send(body);
  });

  const handle = async (req: import("fastify").FastifyRequest, reply: import("fastify").FastifyReply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.headers[SIGNATURE_HEADER];
    if (hmacKey !== undefined) {
      const check = verifySignature(hmacKey, raw, signature);
      if (check !== "valid") {
        stats.refusedSignature++;
        req.log.warn({ signature: check }, "run task request refused: bad signature");
        return reply.code(401).send({ error: `signature ${check}` });
      }
    } else if (typeof signature === "string" && signature !== "") {
      // HCP signs only when the task has a key; this server has none, so the two disagree.
      req.log.warn("signed run task request, but this server has no HMAC key");
      return reply.code(400).send({ error: "request is signed but the server has no HMAC key" });
    }
    const parsed = parseRequest(raw);
    if (parsed === "verification") {
      // Sent when the task is created or edited: it must get 200, and there is nothing to call back.
      stats.verifications++;
      req.log.info("run task verification request");
      return reply.code(200).send({});
    }
    if (typeof parsed === "string") {
      req.log.warn({ problem: parsed }, "run task request refused");
      return reply.code(400).send({ error: parsed });
    }
    const logContext = { runId: parsed.runId, taskResultId: parsed.taskResultId, stage: parsed.stage, workspace: parsed.workspaceName, organization: parsed.organizationName };
    const callback = options.allowList.check(parsed.callbackUrl);
    if (!callback.ok) {
      req.log.error({ ...logContext, problem: callback.reason }, "run task refused: task_result_callback_url not allowed");
      return reply.code(400).send({ error: `task_result_callback_url refused: ${callback.reason}` });
    }
    if (draining) return reply.code(503).header("retry-after", "5").send({ error: "shutting down" });
    const taskLog = app.log.child(logContext);
    const progress = progressUpdate(parsed, taskLog);
    const offered = queue.offer(() => runTask(parsed, taskLog, progress));
    if (!offered) {
      progress.cancel();
      stats.refusedBusy++;
      req.log.warn({ ...logContext, active: queue.active, queued: queue.queued }, "run task refused: queue full");
      return reply.code(429).header("retry-after", "5").send({ error: "busy" });
    }
    stats.accepted++;
    req.log.info(logContext, "run task accepted");
    return reply.code(200).send({});
  };
  app.post("/", handle);
  app.post("/runtask", handle);

  /** Send a `running` result if the task is still unfinished after progressAfterMs; `settle` waits for it. */
  function progressUpdate(task: RunTaskRequest, log: import("fastify").FastifyBaseLogger): { cancel(): void; settle(): Promise<void> } {
    let sent: Promise<void> | undefined;
    const timer = setTimeout(() => {
      stats.progressUpdates++;
      const running: TaskResult = { status: "running", message: "modelgate is judging the plan (the server is busy; the result follows)", outcomes: [] };
      sent = sendCallback(task.callbackUrl, task.accessToken, running, {
        allowList: options.allowList,
        timeoutMs,
        retries: 1,
        backoffMs,
        logger: log,
        ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
      }).then(
        () => undefined,
        () => undefined, // logged by sendCallback; the final result still follows
      );
    }, options.progressAfterMs ?? 5 * 60_000);
    timer.unref();
    return {
      cancel: () => clearTimeout(timer),
      // The final result must reach HCP after the progress update, never before it.
      settle: async () => {
        clearTimeout(timer);
        await sent;
      },
    };
  }

  async function runTask(task: RunTaskRequest, log: import("fastify").FastifyBaseLogger, progress: { settle(): Promise<void> }): Promise<void> {
    const started = Date.now();
    let result: TaskResult;
    try {
      result = await judgeTask(task);
    } catch (error) {
      const reason = isModelgateError(error) ? `${error.code}: ${error.message}` : `internal error: ${describeThrown(error)}`;
      log.warn({ reason }, "run task not judged; reporting failed");
      result = errorResult(reason);
    }
    await progress.settle();
    try {
      const { attempts } = await sendCallback(task.callbackUrl, task.accessToken, result, {
        allowList: options.allowList,
        timeoutMs,
        retries: options.callbackRetries ?? 5,
        backoffMs,
        logger: log,
        ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
      });
      stats.callbacksDelivered++;
      log.info({ status: result.status, outcomes: result.outcomes.length, attempts, ms: Date.now() - started }, "run task result delivered");
    } catch {
      stats.callbacksLost++; // sendCallback logged it at error level
    } finally {
      stats.completed++;
    }
  }

  async function judgeTask(task: RunTaskRequest): Promise<TaskResult> {
    if (task.stage === "pre_plan") return prePlanResult();
    if (task.planJsonApiUrl === undefined) {
      return errorResult(`the ${task.stage} request has no plan_json_api_url; modelgate judges plans (attach it at post_plan)`);
    }
    const plan = await fetchPlan(task.planJsonApiUrl, task.accessToken, {
      allowList: options.allowList,
      maxBytes: options.maxPlanBytes,
      timeoutMs,
      notReadyRetries: options.planNotReadyRetries ?? 8,
      backoffMs,
      ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
    });
    // the plan's bytes are not read again here: a worker may take their buffer
    const verdict = await options.judge.judge(plan, `plan of ${task.runId ?? "run"}`, { handOver: true });
    return verdictResult(verdict, { failOn: options.failOn, ...(options.rulesUrl !== undefined ? { rulesUrl: options.rulesUrl } : {}) });
  }

  return {
    app,
    stats,
    shutdown() {
      draining = true;
      stopped ??= app.close().then(() => queue.drain());
      return stopped;
    },
  };
}

/** Validate the request body: "verification", the problem as a string, or the fields the server needs. */
function parseRequest(raw: Buffer): RunTaskRequest | "verification" | string {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString("utf8"));
  } catch {
    return "the body is not JSON";
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "the body is not a JSON object";
  const v = value as Record<string, unknown>;
  if (v.access_token === VERIFICATION_TOKEN) return "verification";
  if (v.payload_version !== 1) return `payload_version ${JSON.stringify(v.payload_version ?? null)} is not supported (expected 1)`;
  const str = (key: string): string | undefined => (typeof v[key] === "string" && v[key] !== "" ? (v[key] as string) : undefined);
  const stage = str("stage");
  const accessToken = str("access_token");
  const callbackUrl = str("task_result_callback_url");
  const missing = [stage === undefined && "stage", accessToken === undefined && "access_token", callbackUrl === undefined && "task_result_callback_url"].filter(Boolean);
  if (missing.length > 0) return `missing ${missing.join(", ")}`;
  const optional = (key: string, as: keyof RunTaskRequest) => (str(key) !== undefined ? { [as]: str(key) } : {});
  return {
    stage: stage as string,
    accessToken: accessToken as string,
    callbackUrl: callbackUrl as string,
    ...optional("plan_json_api_url", "planJsonApiUrl"),
    ...optional("run_id", "runId"),
    ...optional("task_result_id", "taskResultId"),
    ...optional("workspace_name", "workspaceName"),
    ...optional("organization_name", "organizationName"),
  } as RunTaskRequest;
}
