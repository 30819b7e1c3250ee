import { readFileSync } from "node:fs";
import * as path from "node:path";
import { loadCatalog } from "../../catalog";
import { gateJudge } from "../../server/judge";
import { judgeWorkerScript, workerPoolJudge } from "../../server/worker-pool";

/** The worker pool runs the compiled worker (dist/server/judge-worker.js): `npm run build` first. */

const PLANS = path.resolve(__dirname, "..", "fixtures", "plans");

describe("workerPoolJudge: the same verdicts as the in-process gate, off the main thread", () => {
  it("GIVEN several plans judged at once on two workers THEN each verdict equals the in-process one, in order", async () => {
    judgeWorkerScript(); // fails with "run npm run build" when the worker is not compiled
    const pool = workerPoolJudge({ workers: 2 });
    try {
      const direct = gateJudge({ catalog: loadCatalog() });
      const names = ["article-5-original.json", "article-2-original.json", "article-2-corrected.json", "unknown-content.json", "delete-detach.json"];
      const plans = names.map((n) => readFileSync(path.join(PLANS, n)));
      const pooled = await Promise.all(plans.map((p, i) => pool.judge(p, names[i] as string)));
      const expected = await Promise.all(plans.map((p, i) => direct.judge(p, names[i] as string)));
      expect(pooled).toEqual(expected);
      expect(pooled.some((v) => v.findings.length > 0)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it("GIVEN bytes that are not a plan THEN the gate's typed error crosses the thread with its code and source", async () => {
    const pool = workerPoolJudge({ workers: 1 });
    try {
      await expect(pool.judge(Buffer.from("[1,2]"), "bad.json")).rejects.toMatchObject({ code: "INPUT_NOT_OBJECT", source: "user" });
      // The worker is still usable afterwards.
      await expect(pool.judge(Buffer.from('{"format_version":"1.2","resource_changes":[]}'), "empty.json")).resolves.toMatchObject({ findings: [] });
    } finally {
      await pool.close();
    }
  });

  it("GIVEN bytes handed over THEN their buffer moves to the worker (no copy) and the verdict is the same; bytes not handed over, or a view into a larger buffer, are copied and stay readable", async () => {
    const pool = workerPoolJudge({ workers: 1 });
    try {
      const text = readFileSync(path.join(PLANS, "article-2-original.json"));
      const whole = new Uint8Array(text.byteLength);
      whole.set(text);
      const kept = await pool.judge(whole, "plan");
      expect(whole.byteLength).toBe(text.byteLength);
      const handed = await pool.judge(whole, "plan", { handOver: true });
      expect(whole.byteLength).toBe(0); // detached: the worker has it
      expect(handed.findings).toEqual(kept.findings);
      expect(handed.findings.length).toBeGreaterThan(0);
      // a view into a larger buffer (a pooled Buffer's slice) is copied even when handed over
      const big = new Uint8Array(text.byteLength + 16);
      big.set(text, 8);
      const view = big.subarray(8, 8 + text.byteLength);
      await expect(pool.judge(view, "plan", { handOver: true })).resolves.toEqual(kept);
      expect(view.byteLength).toBe(text.byteLength);
    } finally {
      await pool.close();
    }
  });

  it("GIVEN a closed pool THEN judging is refused (the server fails such a task closed)", async () => {
    const pool = workerPoolJudge({ workers: 1 });
    await pool.close();
    await expect(pool.judge(Buffer.from("{}"), "x")).rejects.toMatchObject({ code: "GATE_WORKER_CLOSED" });
  });
});
