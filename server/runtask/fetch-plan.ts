import { setTimeout as sleep } from "node:timers/promises";
import { request, type Dispatcher } from "undici";
import { describeThrown } from "../../core/errors";
import type { HostAllowList } from "./allow-list";
import { RunTaskError, redactUrl } from "./errors";

/**
 * GET the plan JSON from `plan_json_api_url` with the run's token. HCP answers 307 to a short-lived URL on its
 * archivist host (followed only when that host is allow-listed too, and without the token when it is another
 * origin), or 204 while the plan is not ready (retried with backoff). The body is streamed with a byte cap.
 */

export interface FetchPlanOptions {
  readonly allowList: HostAllowList;
  /** Largest plan accepted, in bytes. */
  readonly maxBytes: number;
  /** Timeout of each HTTP exchange (headers and body), in ms. */
  readonly timeoutMs: number;
  /** How often a 204 is retried before giving up. */
  readonly notReadyRetries: number;
  /** First backoff after a 204, doubled each time up to 8x. */
  readonly backoffMs: number;
  readonly dispatcher?: Dispatcher;
  /** Aborts waiting and transfers (server shutdown never uses it: in-flight tasks finish). */
  readonly signal?: AbortSignal;
}

const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function fetchPlan(rawUrl: string, token: string, options: FetchPlanOptions): Promise<Buffer> {
  const first = options.allowList.check(rawUrl);
  if (!first.ok) throw new RunTaskError("RUNTASK_URL_REFUSED", `plan_json_api_url refused: ${first.reason}`);
  const origin = first.url.origin;
  let url = first.url;
  let redirects = 0;
  let notReady = 0;
  for (;;) {
    const sameOrigin = url.origin === origin;
    const headers: Record<string, string> = { accept: "application/json", "user-agent": "modelgate-runtask" };
    // The token belongs to HCP's API origin; a redirect to a signed URL elsewhere gets no credentials.
    if (sameOrigin) headers.authorization = `Bearer ${token}`;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: "GET",
        headers,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        signal: combineSignals(options.signal, options.timeoutMs),
        ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
      });
    } catch (cause) {
      throw new RunTaskError("RUNTASK_PLAN_UNREACHABLE", `cannot fetch the plan from ${redactUrl(url)}: ${describeThrown(cause)}`, { cause });
    }
    const { statusCode } = response;
    if (statusCode === 200) return readCapped(response, url, options.maxBytes, options.timeoutMs);
    await response.body.dump().catch(() => undefined);
    if (statusCode === 204) {
      if (notReady >= options.notReadyRetries) {
        throw new RunTaskError("RUNTASK_PLAN_NOT_READY", `the plan JSON was still not ready after ${notReady + 1} attempts (HTTP 204)`);
      }
      await sleep(options.backoffMs * 2 ** Math.min(notReady, 3), undefined, options.signal ? { signal: options.signal } : undefined);
      notReady++;
      continue;
    }
    if (REDIRECTS.has(statusCode)) {
      const location = headerValue(response.headers.location);
      if (location === undefined) throw new RunTaskError("RUNTASK_PLAN_REDIRECT_INVALID", `HTTP ${statusCode} from ${redactUrl(url)} without a Location`);
      if (++redirects > MAX_REDIRECTS) throw new RunTaskError("RUNTASK_PLAN_REDIRECT_INVALID", `more than ${MAX_REDIRECTS} redirects fetching the plan`);
      const next = options.allowList.check(location, url);
      if (!next.ok) throw new RunTaskError("RUNTASK_URL_REFUSED", `redirect from ${redactUrl(url)} refused: ${next.reason}`);
      url = next.url;
      continue;
    }
    const hint = statusCode === 422 ? " (HCP cannot render plan JSON for Terraform < 0.12)" : statusCode === 401 || statusCode === 403 ? " (the run token was refused)" : "";
    throw new RunTaskError("RUNTASK_PLAN_HTTP_ERROR", `HTTP ${statusCode} fetching the plan from ${redactUrl(url)}${hint}`);
  }
}

async function readCapped(response: Dispatcher.ResponseData, url: URL, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  const declared = Number(headerValue(response.headers["content-length"]) ?? NaN);
  const tooLarge = (n: string) =>
    new RunTaskError("RUNTASK_PLAN_TOO_LARGE", `the plan JSON from ${redactUrl(url)} is ${n} bytes; this server accepts at most ${maxBytes} (--max-plan-bytes)`);
  // Destroying the body makes it emit an abort error that nobody else listens for.
  response.body.on("error", () => undefined);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body.destroy();
    throw tooLarge(String(declared));
  }
  // With a declared length the body is copied once, into a buffer of its own (not a pooled slice: the judge may
  // move it to a worker thread whole); a body longer than declared is an error, a shorter one is returned as read.
  const into = Number.isFinite(declared) && declared > 0 ? Buffer.allocUnsafeSlow(declared) : undefined;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      if (total + chunk.byteLength > maxBytes) {
        response.body.destroy();
        throw tooLarge(`more than ${maxBytes}`);
      }
      if (into !== undefined) {
        if (total + chunk.byteLength > into.byteLength) {
          response.body.destroy();
          throw new RunTaskError("RUNTASK_PLAN_UNREACHABLE", `the plan from ${redactUrl(url)} is longer than its Content-Length (${declared} bytes)`);
        }
        into.set(chunk, total);
      } else {
        chunks.push(chunk);
      }
      total += chunk.byteLength;
    }
  } catch (cause) {
    if (cause instanceof RunTaskError) throw cause;
    throw new RunTaskError("RUNTASK_PLAN_UNREACHABLE", `reading the plan from ${redactUrl(url)} failed after ${total} bytes (timeout ${timeoutMs} ms): ${describeThrown(cause)}`, { cause });
  }
  if (into === undefined) return Buffer.concat(chunks, total);
  return total === into.byteLength ? into : into.subarray(0, total);
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** An AbortSignal that fires on `outer` or after `timeoutMs`. */
export function combineSignals(outer: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return outer === undefined ? timeout : AbortSignal.any([outer, timeout]);
}
