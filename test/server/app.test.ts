import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Writable } from "node:stream";
import Ajv from "ajv";
import { loadCatalog } from "../../catalog";
import { atLeast, type Severity } from "../../core/severity";
import { evaluateInputs, parseInputBytes, type Finding } from "../../gate";
import { buildRunTaskServer, type RunTaskServer, type RunTaskServerOptions } from "../../server/app";
import { gateJudge } from "../../server/judge";
import { HostAllowList } from "../../server/runtask/allow-list";
import { signBody } from "../../server/runtask/hmac";
import { FakeHcp, FakeHttp, postTask } from "./fake-hcp";

const PLANS = path.resolve(__dirname, "..", "fixtures", "plans");
const SCHEMA = JSON.parse(readFileSync(path.resolve(__dirname, "..", "fixtures", "schemas", "runtask-result.schema.json"), "utf8"));
const KEY = Buffer.from("a run task hmac key that is long enough");
const catalog = loadCatalog();

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:\S*$/i);
const validateCallback = ajv.compile(SCHEMA);

function planBytes(name: string): Buffer {
  return readFileSync(path.join(PLANS, name));
}

/** What the gate itself says about a plan: the oracle for the callback's outcomes. */
async function gateFindings(bytes: Buffer): Promise<Finding[]> {
  return evaluateInputs(parseInputBytes(bytes, "oracle"), { catalog });
}

const LABEL: Record<Severity, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };
const LEVEL: Record<Severity, string> = { critical: "error", high: "error", medium: "warning", low: "info" };
const md = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => "\\" + c);

/** The outcome the server must send for one finding, written out field by field. */
function expectedOutcome(f: Finding, failOn: Severity = "medium"): object {
  return {
    type: "task-result-outcomes",
    attributes: {
      "outcome-id": `${f.ruleId}[${f.address}]`,
      description: `${f.ruleId}: ${f.title} (${f.address})`,
      body: `**${f.ruleId} ${md(f.title)}** (${f.longId})\n\nResource: \`${f.address}\`\n\n${md(f.message)}\n\n**Remediation:** ${md(f.remediation)}`,
      tags: {
        Status: [atLeast(f.severity, failOn) ? { label: "Failed", level: "error" } : { label: "Advisory", level: "warning" }],
        Severity: [{ label: LABEL[f.severity], level: LEVEL[f.severity] }],
      },
    },
  };
}

let hcp: FakeHcp;
let server: RunTaskServer | undefined;
let url: string;
let logs: string;

async function startServer(overrides: Partial<RunTaskServerOptions> = {}): Promise<void> {
  logs = "";
  server = buildRunTaskServer({
    hmacKey: KEY,
    allowList: new HostAllowList([hcp.api.host, hcp.archivist.host], { insecureHttp: true }),
    judge: gateJudge({ catalog }),
    failOn: "medium",
    concurrency: 4,
    maxQueued: 16,
    maxPlanBytes: 1024 * 1024,
    backoffMs: 5,
    outboundTimeoutMs: 10_000,
    logger: { level: "info", stream: new Writable({ write: (c: Buffer, _e, done) => void ((logs += c.toString()), done()) }) },
    ...overrides,
  });
  url = await server.app.listen({ port: 0, host: "127.0.0.1" });
}

beforeEach(async () => {
  hcp = new FakeHcp();
  await hcp.start();
});

afterEach(async () => {
  await server?.shutdown();
  server = undefined;
  await hcp.stop();
});

function callbackJson(i = 0): { data: { attributes: Record<string, unknown>; relationships: { outcomes: { data: unknown[] } } } } {
  return JSON.parse(hcp.callbacks[i]?.body ?? "null");
}

describe("run task server: a signed post_plan request gets the gate's verdict as one outcome per finding", () => {
  it("GIVEN a plan with findings behind a 204 and a 307 THEN 200 at once, and the callback carries exactly the gate's findings", async () => {
    await startServer();
    const plan = planBytes("article-5-original.json");
    hcp.plans.set("p1", { plan, notReady: 1 });
    const res = await postTask(url, hcp.request("p1"), { key: KEY });
    expect(res.status).toBe(200);
    await hcp.waitForCallbacks(1);

    const findings = await gateFindings(plan);
    expect(findings.length).toBeGreaterThan(0);
    const failing = findings.filter((f) => atLeast(f.severity, "medium")).length;
    const doc = callbackJson();
    expect(doc).toEqual({
      data: {
        type: "task-results",
        attributes: {
          status: failing > 0 ? "failed" : "passed",
          message: expect.stringMatching(failing > 0 ? new RegExp(`^${failing} findings? at or above MEDIUM`) : /^no findings/),
        },
        relationships: { outcomes: { data: findings.map((f) => expectedOutcome(f)) } },
      },
    });
    expect(validateCallback(doc)).toBe(true);

    const cb = hcp.callbacks[0];
    expect([cb?.method, cb?.headers["content-type"], cb?.headers.authorization]).toEqual(["PATCH", "application/vnd.api+json", "Bearer run-token-p1"]);
    // 204 then 307 on the API host (with the token), the signed URL on the archivist host (without it).
    const planGets = hcp.api.requests.filter((r) => r.method === "GET");
    expect(planGets.map((r) => [r.url, r.headers.authorization])).toEqual([
      ["/api/v2/plans/p1/json-output", "Bearer run-token-p1"],
      ["/api/v2/plans/p1/json-output", "Bearer run-token-p1"],
    ]);
    expect(hcp.archivist.requests.map((r) => [r.url, r.headers.authorization])).toEqual([["/archivist/p1?signature=secret-signed-part", undefined]]);
    await server?.shutdown();
    expect(server?.stats).toMatchObject({ accepted: 1, completed: 1, callbacksDelivered: 1, callbacksLost: 0 });
  });

  it("GIVEN a plan whose policy text is not JSON THEN the task fails with MG-0001 on that resource", async () => {
    await startServer();
    hcp.plans.set("bad", { plan: planBytes("article-2-original.json") });
    expect((await postTask(url, hcp.request("bad"), { key: KEY })).status).toBe(200);
    await hcp.waitForCallbacks(1);
    const doc = callbackJson();
    expect(doc.data.attributes.status).toBe("failed");
    const ids = doc.data.relationships.outcomes.data.map((o) => (o as { attributes: { "outcome-id": string } }).attributes["outcome-id"]);
    expect(ids).toContain("MG-0001[aws_iam_policy.bedrock_allow_then_deny]");
    expect(validateCallback(doc)).toBe(true);
  });

  it("GIVEN the corrected plan THEN the callback is exactly what the gate says (passed when nothing reaches MEDIUM)", async () => {
    await startServer();
    const plan = planBytes("article-2-corrected.json");
    hcp.plans.set("ok", { plan });
    await postTask(url, hcp.request("ok"), { key: KEY });
    await hcp.waitForCallbacks(1);
    const findings = await gateFindings(plan);
    const failing = findings.some((f) => atLeast(f.severity, "medium"));
    const doc = callbackJson();
    expect(doc.data.attributes.status).toBe(failing ? "failed" : "passed");
    if (findings.length === 0) expect(doc.data.attributes.message).toBe(`no findings; catalog ${catalog.snapshotDate}, no approved set`);
    expect(doc.data.relationships.outcomes.data).toEqual(findings.map((f) => expectedOutcome(f)));
    expect(validateCallback(doc)).toBe(true);
  });

  it("GIVEN --fail-on critical and HIGH findings THEN passed, and the findings are still outcomes tagged Advisory", async () => {
    await startServer({ failOn: "critical" });
    const plan = planBytes("article-5-original.json");
    hcp.plans.set("p", { plan });
    await postTask(url, hcp.request("p"), { key: KEY });
    await hcp.waitForCallbacks(1);
    const findings = await gateFindings(plan);
    expect(findings.some((f) => f.severity === "critical")).toBe(false);
    const doc = callbackJson();
    expect(doc.data.attributes.status).toBe("passed");
    expect(doc.data.relationships.outcomes.data).toEqual(findings.map((f) => expectedOutcome(f, "critical")));
  });

  it("GIVEN a chunked plan response THEN it is read and judged like a sized one", async () => {
    await startServer();
    const plan = planBytes("article-5-original.json");
    hcp.plans.set("c", { plan, chunked: true });
    await postTask(url, hcp.request("c"), { key: KEY });
    await hcp.waitForCallbacks(1);
    expect(callbackJson().data.relationships.outcomes.data).toEqual((await gateFindings(plan)).map((f) => expectedOutcome(f)));
  });
});

describe("run task server: signatures are checked over the raw body before anything is parsed", () => {
  const cases: Array<[string, string | null]> = [
    ["missing", null],
    ["empty", ""],
    ["wrong length (one hex digit short)", "a".repeat(127)],
    ["wrong length (SHA-256 sized)", "a".repeat(64)],
    ["upper-case hex", ""],
    ["not hex", "z".repeat(128)],
    ["signed with another key", ""],
    ["signed over other bytes", ""],
  ];
  it.each(cases)("GIVEN a %s signature THEN 401 and nothing is fetched or called back", async (name, given) => {
    await startServer();
    hcp.plans.set("s", { plan: planBytes("article-5-original.json") });
    const body = JSON.stringify(hcp.request("s"));
    let signature = given;
    if (name === "upper-case hex") signature = signBody(KEY, Buffer.from(body)).toUpperCase();
    if (name === "signed with another key") signature = signBody(Buffer.from("another key"), Buffer.from(body));
    if (name === "signed over other bytes") signature = signBody(KEY, Buffer.from(body + " "));
    const res = await postTask(url, body, { signature });
    expect(res.status).toBe(401);
    expect(hcp.api.requests).toEqual([]);
    expect(server?.stats).toMatchObject({ accepted: 0, refusedSignature: 1 });
  });

  it("GIVEN a valid signature over a body that is not JSON THEN 400", async () => {
    await startServer();
    expect((await postTask(url, "{not json", { key: KEY })).status).toBe(400);
  });

  it("GIVEN payload_version 2 or a missing callback URL THEN 400", async () => {
    await startServer();
    expect((await postTask(url, hcp.request("v", { payload_version: 2 }), { key: KEY })).status).toBe(400);
    const noCallback = hcp.request("v");
    delete noCallback.task_result_callback_url;
    expect((await postTask(url, noCallback, { key: KEY })).status).toBe(400);
  });

  it("GIVEN a server without a key (allowUnsigned) THEN unsigned requests are accepted and signed ones refused with 400", async () => {
    await startServer({ hmacKey: undefined, allowUnsigned: true });
    hcp.plans.set("u", { plan: planBytes("article-2-corrected.json") });
    expect((await postTask(url, hcp.request("u"))).status).toBe(200);
    expect((await postTask(url, hcp.request("u"), { key: KEY })).status).toBe(400);
    await hcp.waitForCallbacks(1);
  });

  it("GIVEN neither a key nor allowUnsigned THEN the server refuses to start", () => {
    expect(() => buildRunTaskServer({ allowList: new HostAllowList(["app.terraform.io"]), judge: gateJudge({ catalog }), failOn: "medium", concurrency: 1, maxQueued: 1, maxPlanBytes: 1 })).toThrow(
      "an HMAC key is required unless allowUnsigned is set",
    );
  });

  it("GIVEN HCP's verification request (access_token test-token) THEN 200, no plan fetch and no callback", async () => {
    await startServer();
    const res = await postTask(url, { payload_version: 1, access_token: "test-token", stage: "test", task_result_callback_url: hcp.callbackUrl("t") }, { key: KEY });
    expect(res.status).toBe(200);
    // A later real task's callback proves the verification sent nothing before it.
    hcp.plans.set("after", { plan: planBytes("article-2-corrected.json") });
    await postTask(url, hcp.request("after"), { key: KEY });
    await hcp.waitForCallbacks(1);
    expect(hcp.callbacks.map((c) => c.url)).toEqual(["/api/v2/task-results/after/callback"]);
    expect(server?.stats).toMatchObject({ verifications: 1, accepted: 1 });
  });
});

describe("run task server: stages", () => {
  it("GIVEN a pre_plan request (no plan) THEN passed with a message saying there is nothing to judge, and no plan fetch", async () => {
    await startServer();
    const body = hcp.request("pre", { stage: "pre_plan" });
    delete body.plan_json_api_url;
    await postTask(url, body, { key: KEY });
    await hcp.waitForCallbacks(1);
    expect(callbackJson()).toEqual({
      data: {
        type: "task-results",
        attributes: { status: "passed", message: "nothing to judge before the plan: attach modelgate at the post-plan stage to gate the plan" },
        relationships: { outcomes: { data: [] } },
      },
    });
    expect(hcp.api.requests.filter((r) => r.method === "GET")).toEqual([]);
  });

  it("GIVEN a post_plan request without plan_json_api_url THEN failed (fail closed)", async () => {
    await startServer();
    const body = hcp.request("np");
    delete body.plan_json_api_url;
    await postTask(url, body, { key: KEY });
    await hcp.waitForCallbacks(1);
    const doc = callbackJson();
    expect(doc.data.attributes).toEqual({ status: "failed", message: expect.stringContaining("has no plan_json_api_url") });
    expect(validateCallback(doc)).toBe(true);
  });
});

describe("run task server: it only talks to allow-listed hosts, and fails closed", () => {
  let evil: FakeHttp;
  beforeEach(async () => {
    evil = new FakeHttp();
    await evil.start();
    evil.setHandler((_q, res) => void res.writeHead(200, { "content-type": "application/json" }).end('{"format_version":"1.2","resource_changes":[]}'));
  });
  afterEach(async () => evil.stop());

  async function failedReason(id: string, overrides: Record<string, unknown>): Promise<string> {
    await postTask(url, hcp.request(id, overrides), { key: KEY });
    await hcp.waitForCallbacks(1);
    const doc = callbackJson();
    expect(doc.data.attributes.status).toBe("failed");
    expect(validateCallback(doc)).toBe(true);
    return doc.data.attributes.message as string;
  }

  it("GIVEN a plan_json_api_url on another host THEN failed with the reason, and that host is never called", async () => {
    await startServer();
    const message = await failedReason("x", { plan_json_api_url: `${evil.origin}/api/v2/plans/x/json-output` });
    expect(message).toBe(`not judged, so failed: RUNTASK_URL_REFUSED: plan_json_api_url refused: host ${evil.host} is not in the allow-list`);
    expect(evil.requests).toEqual([]);
  });

  it("GIVEN a 307 to a host outside the allow-list THEN failed, and the redirect is not followed", async () => {
    await startServer();
    hcp.plans.set("r", { plan: planBytes("article-5-original.json"), location: `${evil.origin}/steal?signature=x` });
    const message = await failedReason("r", {});
    expect(message).toContain(`RUNTASK_URL_REFUSED: redirect from http://${hcp.api.host}/api/v2/plans/r/json-output refused: host ${evil.host} is not in the allow-list`);
    expect(evil.requests).toEqual([]);
  });

  it("GIVEN a 307 to a non-http scheme THEN failed", async () => {
    await startServer();
    hcp.plans.set("f", { plan: planBytes("article-5-original.json"), location: "file:///etc/passwd" });
    expect(await failedReason("f", {})).toContain("scheme file is not allowed");
  });

  it("GIVEN https-only (no insecureHttp) THEN http URLs on allowed hosts are refused: the callback URL at once with 400", async () => {
    await startServer({ allowList: new HostAllowList([hcp.api.host, hcp.archivist.host]) });
    const res = await postTask(url, hcp.request("h"), { key: KEY });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: "task_result_callback_url refused: scheme http is not allowed" });
    expect(hcp.api.requests).toEqual([]);
  });

  it("GIVEN a callback URL outside the allow-list THEN 400 at once and nothing is fetched", async () => {
    await startServer();
    const res = await postTask(url, hcp.request("cb", { task_result_callback_url: `${evil.origin}/api/v2/task-results/cb/callback` }), { key: KEY });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: `task_result_callback_url refused: host ${evil.host} is not in the allow-list` });
    expect([hcp.api.requests.length, evil.requests.length]).toEqual([0, 0]);
  });

  it("GIVEN a plan larger than maxPlanBytes (with Content-Length, and chunked) THEN failed with the size reason", async () => {
    await startServer({ maxPlanBytes: 1000 });
    hcp.plans.set("big", { plan: planBytes("article-5-original.json") });
    expect(await failedReason("big", {})).toContain("RUNTASK_PLAN_TOO_LARGE");
    hcp.callbacks.length = 0;
    hcp.plans.set("big2", { plan: planBytes("many-models.json"), chunked: true });
    expect(await failedReason("big2", {})).toContain("RUNTASK_PLAN_TOO_LARGE: the plan JSON from http");
  });

  it("GIVEN the plan never becomes ready (204 every time) THEN failed after the retries", async () => {
    await startServer({ planNotReadyRetries: 2 });
    hcp.plans.set("slow", { plan: planBytes("article-5-original.json"), notReady: 100 });
    expect(await failedReason("slow", {})).toContain("RUNTASK_PLAN_NOT_READY: the plan JSON was still not ready after 3 attempts (HTTP 204)");
    expect(hcp.api.requests.filter((r) => r.method === "GET")).toHaveLength(3);
  });

  it("GIVEN plan bytes that are not a plan THEN failed with the gate's input error", async () => {
    await startServer();
    hcp.plans.set("state", { plan: Buffer.from('{"format_version":"1.0","values":{"root_module":{}}}') });
    expect(await failedReason("state", {})).toMatch(/^not judged, so failed: [A-Z_]+: plan of run-state: /);
  });
});

describe("run task server: callbacks are retried, never dropped silently", () => {
  it("GIVEN the callback answers 503 then 500 THEN it is retried with the same body and delivered", async () => {
    await startServer();
    hcp.callbackStatuses = [503, 500];
    const plan = planBytes("article-5-original.json");
    hcp.plans.set("r", { plan });
    await postTask(url, hcp.request("r"), { key: KEY });
    await hcp.waitForCallbacks(1);
    const patches = hcp.api.requests.filter((r) => r.method === "PATCH");
    expect(patches).toHaveLength(3);
    expect(new Set(patches.map((p) => p.body)).size).toBe(1);
    expect(callbackJson().data.relationships.outcomes.data).toEqual((await gateFindings(plan)).map((f) => expectedOutcome(f)));
    await server?.shutdown();
    expect(server?.stats).toMatchObject({ callbacksDelivered: 1, callbacksLost: 0 });
    expect(logs).toContain('"msg":"run task callback failed; retrying"');
  });

  it("GIVEN the callback answers 422 THEN it is not retried, counted as lost and logged at error level", async () => {
    await startServer();
    hcp.callbackStatuses = [422];
    hcp.plans.set("q", { plan: planBytes("article-2-corrected.json") });
    await postTask(url, hcp.request("q"), { key: KEY });
    await server?.shutdown(); // drains the task
    expect(hcp.api.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
    expect(server?.stats).toMatchObject({ completed: 1, callbacksDelivered: 0, callbacksLost: 1 });
    const line = logs.split("\n").find((l) => l.includes("NOT delivered"));
    expect(JSON.parse(line ?? "{}")).toMatchObject({ level: 50, failure: "HTTP 422", runId: "run-q", taskResultId: "taskrs-q" });
  });

  it("GIVEN a 5xx on every attempt THEN it gives up after the retries and says so", async () => {
    await startServer({ callbackRetries: 2 });
    hcp.callbackStatuses = [500, 502, 504];
    hcp.plans.set("d", { plan: planBytes("article-2-corrected.json") });
    await postTask(url, hcp.request("d"), { key: KEY });
    await server?.shutdown();
    expect(hcp.api.requests.filter((r) => r.method === "PATCH")).toHaveLength(3);
    expect(server?.stats).toMatchObject({ callbacksLost: 1 });
    expect(logs).toContain("gave up after 3 attempts");
  });
});

describe("run task server: secrets stay out of the logs", () => {
  it("GIVEN tasks that succeed and fail THEN neither the run token, the key, the signature nor the signed URL part is logged", async () => {
    await startServer();
    hcp.plans.set("l", { plan: planBytes("article-5-original.json") });
    const body = hcp.request("l");
    const signature = signBody(KEY, Buffer.from(JSON.stringify(body)));
    await postTask(url, body, { key: KEY });
    await postTask(url, hcp.request("l2", { plan_json_api_url: "http://127.0.0.1:1/api/v2/plans/l2/json-output?token=run-token-l2" }), { key: KEY });
    await hcp.waitForCallbacks(2);
    await server?.shutdown();
    expect(logs).toContain("run task result delivered");
    for (const secret of ["run-token-l", KEY.toString(), signature, "secret-signed-part"]) expect(logs).not.toContain(secret);
    for (const line of logs.trim().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe("run task server: bounded work and graceful shutdown", () => {
  it("GIVEN concurrency 1 and a queue of 1, both busy THEN the next task gets 429 and the accepted ones still complete", async () => {
    await startServer({ concurrency: 1, maxQueued: 1 });
    hcp.plans.set("a", { plan: planBytes("article-2-corrected.json"), hold: true });
    hcp.plans.set("b", { plan: planBytes("article-2-corrected.json") });
    expect((await postTask(url, hcp.request("a"), { key: KEY })).status).toBe(200);
    await hcp.waitForHeld();
    expect((await postTask(url, hcp.request("b"), { key: KEY })).status).toBe(200);
    const third = await postTask(url, hcp.request("b"), { key: KEY });
    expect(third.status).toBe(429);
    hcp.release();
    await hcp.waitForCallbacks(2);
    await server?.shutdown();
    expect(server?.stats).toMatchObject({ accepted: 2, refusedBusy: 1, callbacksDelivered: 2 });
  });

  it("GIVEN a task in flight WHEN shutting down THEN the listener closes, readiness is gone, and the task still calls back before shutdown resolves", async () => {
    await startServer();
    hcp.plans.set("inflight", { plan: planBytes("article-5-original.json"), hold: true });
    expect((await postTask(url, hcp.request("inflight"), { key: KEY })).status).toBe(200);
    await hcp.waitForHeld();
    let done = false;
    const shutdown = server?.shutdown().then(() => (done = true));
    // New connections are refused once the listener is closed.
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect([done, hcp.callbacks.length]).toEqual([false, 0]);
    hcp.release();
    await shutdown;
    expect(hcp.callbacks.map((c) => c.url)).toEqual(["/api/v2/task-results/inflight/callback"]);
    expect(server?.stats).toMatchObject({ completed: 1, callbacksDelivered: 1 });
  });

  it("GIVEN a task still unfinished after progressAfterMs THEN a `running` update is sent first, then the final result", async () => {
    await startServer({ progressAfterMs: 20 });
    const plan = planBytes("article-5-original.json");
    hcp.plans.set("slow", { plan, hold: true });
    await postTask(url, hcp.request("slow"), { key: KEY });
    await hcp.waitForCallbacks(1);
    hcp.release();
    await hcp.waitForCallbacks(2);
    const [first, second] = [callbackJson(0), callbackJson(1)];
    expect(first).toEqual({
      data: {
        type: "task-results",
        attributes: { status: "running", message: "modelgate is judging the plan (the server is busy; the result follows)" },
        relationships: { outcomes: { data: [] } },
      },
    });
    expect(validateCallback(first)).toBe(true);
    expect(second.data.relationships.outcomes.data).toEqual((await gateFindings(plan)).map((f) => expectedOutcome(f)));
    await server?.shutdown();
    expect(server?.stats).toMatchObject({ progressUpdates: 1, callbacksDelivered: 1 });
  });

  it("GIVEN a task that finishes quickly THEN no progress update is sent", async () => {
    await startServer({ progressAfterMs: 60_000 });
    hcp.plans.set("fast", { plan: planBytes("article-2-corrected.json") });
    await postTask(url, hcp.request("fast"), { key: KEY });
    await hcp.waitForCallbacks(1);
    await server?.shutdown();
    expect(hcp.callbacks).toHaveLength(1);
    expect(server?.stats).toMatchObject({ progressUpdates: 0 });
  });

  it("GIVEN a running server THEN /healthz and /readyz answer 200", async () => {
    await startServer();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect([ready.status, ((await ready.json()) as { status: string }).status]).toEqual([200, "ready"]);
  });
});
