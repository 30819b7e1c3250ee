import { setTimeout as sleep } from "node:timers/promises";
import { request, type Dispatcher } from "undici";
import { describeThrown } from "../../core/errors";
import type { HostAllowList } from "./allow-list";
import { RunTaskError, redactUrl } from "./errors";
import { combineSignals, headerValue } from "./fetch-plan";

/**
 * The result of a run task, sent with `PATCH task_result_callback_url`. Outcomes go under
 * `data.relationships.outcomes.data` (the API reference and go-tfe), one per finding.
 */

export type TaskStatus = "running" | "passed" | "failed";
export type TagLevel = "none" | "info" | "warning" | "error";

export interface TaskTag {
  readonly label: string;
  readonly level: TagLevel;
}

export interface TaskOutcome {
  readonly outcomeId: string;
  readonly description: string;
  /** Markdown. */
  readonly body: string;
  readonly url?: string;
  readonly tags: Readonly<Record<string, readonly TaskTag[]>>;
}

export interface TaskResult {
  readonly status: TaskStatus;
  /** One line. */
  readonly message: string;
  readonly url?: string;
  readonly outcomes: readonly TaskOutcome[];
}

/** The JSON:API document HCP expects. Keys in a fixed order, so the bytes are deterministic. */
export function callbackDocument(result: TaskResult): object {
  return {
    data: {
      type: "task-results",
      attributes: {
        status: result.status,
        message: result.message,
        ...(result.url !== undefined ? { url: result.url } : {}),
      },
      relationships: {
        outcomes: {
          data: result.outcomes.map((o) => ({
            type: "task-result-outcomes",
            attributes: {
              "outcome-id": o.outcomeId,
              description: o.description,
              body: o.body,
              ...(o.url !== undefined ? { url: o.url } : {}),
              tags: o.tags,
            },
          })),
        },
      },
    },
  };
}

export interface CallbackLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SendCallbackOptions {
  readonly allowList: HostAllowList;
  /** Timeout of each attempt, in ms. */
  readonly timeoutMs: number;
  /** Attempts after the first one, for network errors, timeouts, 429 and 5xx. */
  readonly retries: number;
  /** First backoff, doubled each attempt up to 30 s (a Retry-After up to that cap is honoured). */
  readonly backoffMs: number;
  readonly logger: CallbackLogger;
  /** Fields added to every log line (task id, run id). */
  readonly logContext?: object;
  readonly dispatcher?: Dispatcher;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * PATCH the result. Retries transient failures with backoff and logs every failed attempt; a refusal that will
 * not change (401, 404, 422, …) is not retried. Throws RunTaskError when the result was not delivered, after
 * logging it: a callback is never dropped silently.
 */
export async function sendCallback(rawUrl: string, token: string, result: TaskResult, options: SendCallbackOptions): Promise<{ attempts: number }> {
  const ctx = options.logContext ?? {};
  const checked = options.allowList.check(rawUrl);
  if (!checked.ok) {
    const error = new RunTaskError("RUNTASK_URL_REFUSED", `task_result_callback_url refused: ${checked.reason}`);
    options.logger.error({ ...ctx, code: error.code }, error.message);
    throw error;
  }
  const url = checked.url;
  const body = JSON.stringify(callbackDocument(result));
  let attempt = 0;
  for (;;) {
    attempt++;
    let failure: string;
    let retryAfterMs: number | undefined;
    let retryable = true;
    try {
      const response = await request(url, {
        method: "PATCH",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/vnd.api+json",
          "user-agent": "modelgate-runtask",
        },
        body,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        signal: combineSignals(undefined, options.timeoutMs),
        ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
      });
      await response.body.dump().catch(() => undefined);
      if (response.statusCode >= 200 && response.statusCode < 300) return { attempts: attempt };
      failure = `HTTP ${response.statusCode}`;
      retryable = response.statusCode === 429 || response.statusCode >= 500;
      const retryAfter = Number(headerValue(response.headers["retry-after"]));
      if (Number.isFinite(retryAfter) && retryAfter >= 0) retryAfterMs = Math.min(retryAfter * 1000, MAX_BACKOFF_MS);
    } catch (cause) {
      failure = describeThrown(cause);
    }
    const last = !retryable || attempt > options.retries;
    const fields = { ...ctx, attempt, callback: redactUrl(url), failure, status: result.status };
    if (last) {
      const why = retryable ? `gave up after ${attempt} attempts` : "not retried: HCP refused it";
      options.logger.error(fields, `run task callback NOT delivered (${why}); HCP will show the task as errored or timed out`);
      throw new RunTaskError("RUNTASK_CALLBACK_FAILED", `callback to ${redactUrl(url)} failed: ${failure} (${why})`);
    }
    const delay = retryAfterMs ?? Math.min(options.backoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
    options.logger.warn({ ...fields, retryInMs: delay }, "run task callback failed; retrying");
    await sleep(delay);
  }
}
