import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { signBody } from "../../server/runtask/hmac";

/**
 * A fake HCP Terraform on loopback (node:http): serves plan JSON the way HCP does (204 while not ready, then 307
 * to a signed URL on another host, the "archivist"), records every request and every callback, and can hold a
 * plan response until the test releases it.
 */

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export interface PlanRoute {
  /** How many 204s before the redirect. */
  notReady?: number;
  /** The plan bytes the archivist serves. */
  plan: Buffer;
  /** Send the plan chunked, without Content-Length. */
  chunked?: boolean;
  /** Override the 307 Location (absolute URL). */
  location?: string;
  /** Hold the archivist's response until `release()` is called. */
  hold?: boolean;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export class FakeHttp {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private handler: Handler = (_q, res) => void res.writeHead(404).end();
  private requestWaiters: Array<{ n: number; resolve: () => void }> = [];

  setHandler(handler: Handler): void {
    this.handler = handler;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        this.requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
        this.requestWaiters = this.requestWaiters.filter((w) => (this.requests.length >= w.n ? (w.resolve(), false) : true));
        this.handler(req, res, body);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
  }

  /** Resolves once `n` requests have been received. */
  waitForRequests(n: number): Promise<void> {
    if (this.requests.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.requestWaiters.push({ n, resolve }));
  }

  get port(): number {
    return (this.server?.address() as AddressInfo).port;
  }

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  get origin(): string {
    return `http://${this.host}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export class FakeHcp {
  /** The API host: plan endpoint and callbacks. */
  readonly api = new FakeHttp();
  /** The host the plan redirects to. */
  readonly archivist = new FakeHttp();
  readonly plans = new Map<string, PlanRoute>();
  /** HTTP statuses the callback endpoint answers, in order; 200 once exhausted. */
  callbackStatuses: number[] = [];
  readonly callbacks: RecordedRequest[] = [];
  private callbackWaiters: Array<{ n: number; resolve: () => void }> = [];
  private held: Array<() => void> = [];
  private heldWaiters: Array<() => void> = [];

  async start(): Promise<void> {
    await this.api.start();
    await this.archivist.start();
    this.api.setHandler((req, res, body) => {
      const plan = /^\/api\/v2\/plans\/([^/]+)\/json-output$/.exec(req.url ?? "");
      if (req.method === "GET" && plan) {
        const route = this.plans.get(plan[1] as string);
        if (!route) return void res.writeHead(404).end();
        if ((route.notReady ?? 0) > 0) {
          route.notReady = (route.notReady ?? 0) - 1;
          return void res.writeHead(204).end();
        }
        const location = route.location ?? `${this.archivist.origin}/archivist/${plan[1]}?signature=secret-signed-part`;
        return void res.writeHead(307, { location }).end();
      }
      const callback = /^\/api\/v2\/task-results\/([^/]+)\/callback$/.exec(req.url ?? "");
      if (req.method === "PATCH" && callback) {
        const status = this.callbackStatuses.shift() ?? 200;
        res.writeHead(status, { "content-type": "application/vnd.api+json" }).end(status === 200 ? "{}" : '{"errors":[{"status":"' + status + '"}]}');
        if (status === 200) {
          this.callbacks.push({ method: req.method, url: req.url ?? "", headers: req.headers, body });
          this.callbackWaiters = this.callbackWaiters.filter((w) => (this.callbacks.length >= w.n ? (w.resolve(), false) : true));
        }
        return;
      }
      res.writeHead(404).end();
    });
    this.archivist.setHandler((req, res) => {
      const m = /^\/archivist\/([^/?]+)\?signature=secret-signed-part$/.exec(req.url ?? "");
      const route = m ? this.plans.get(m[1] as string) : undefined;
      if (!route) return void res.writeHead(404).end();
      const send = () => {
        if (route.chunked) {
          res.writeHead(200, { "content-type": "application/json" });
          for (let i = 0; i < route.plan.length; i += 4096) res.write(route.plan.subarray(i, i + 4096));
          res.end();
        } else {
          res.writeHead(200, { "content-type": "application/json", "content-length": String(route.plan.length) }).end(route.plan);
        }
      };
      if (route.hold) {
        this.held.push(send);
        for (const w of this.heldWaiters.splice(0)) w();
      } else send();
    });
  }

  /** Resolves once a plan response is being held. */
  waitForHeld(): Promise<void> {
    if (this.held.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.heldWaiters.push(resolve));
  }

  /** Send every held plan response. */
  release(): void {
    for (const send of this.held.splice(0)) send();
  }

  waitForCallbacks(n: number): Promise<void> {
    if (this.callbacks.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.callbackWaiters.push({ n, resolve }));
  }

  planUrl(id: string): string {
    return `${this.api.origin}/api/v2/plans/${id}/json-output`;
  }

  callbackUrl(id: string): string {
    return `${this.api.origin}/api/v2/task-results/${id}/callback`;
  }

  /** A post_plan request body as HCP sends it (fields from the API reference). */
  request(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      payload_version: 1,
      stage: "post_plan",
      access_token: `run-token-${id}`,
      capabilities: { outcomes: true },
      configuration_version_download_url: `${this.api.origin}/api/v2/configuration-versions/cv-1/download`,
      configuration_version_id: "cv-1",
      is_speculative: false,
      organization_name: "acme",
      plan_json_api_url: this.planUrl(id),
      run_app_url: `${this.api.origin}/app/acme/ws/runs/run-${id}`,
      run_created_at: "2026-11-29T06:00:00.000Z",
      run_created_by: "alice",
      run_id: `run-${id}`,
      run_message: "Queued manually",
      task_result_callback_url: this.callbackUrl(id),
      task_result_enforcement_level: "mandatory",
      task_result_id: `taskrs-${id}`,
      vcs_branch: "main",
      vcs_commit_url: "",
      vcs_pull_request_url: "",
      vcs_repo_url: "",
      workspace_app_url: `${this.api.origin}/app/acme/ws`,
      workspace_id: "ws-1",
      workspace_name: "ws",
      workspace_working_directory: "",
      ...overrides,
    };
  }

  async stop(): Promise<void> {
    this.release();
    await this.api.stop();
    await this.archivist.stop();
  }
}

/** POST a run-task request to the server, signed with `key` unless a signature is given. */
export async function postTask(
  serverUrl: string,
  body: Record<string, unknown> | string,
  options: { key?: Uint8Array; signature?: string | null } = {},
): Promise<{ status: number; body: string }> {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "TFC/1.0 (+https://app.terraform.io; TFC)" };
  const signature = options.signature !== undefined ? options.signature : options.key !== undefined ? signBody(options.key, Buffer.from(raw)) : null;
  if (signature !== null) headers["x-tfc-task-signature"] = signature;
  const res = await fetch(serverUrl, { method: "POST", headers, body: raw });
  return { status: res.status, body: await res.text() };
}
