import * as path from "node:path";
import { loadCatalog } from "../../catalog";
import { evaluateRaw } from "../../gate/evaluate";
import { parseInputBytes, readInput } from "../../gate/input";
import { PieceCache } from "../../gate/piece-cache";
import { loadSelection, selectPieces, selectionPathFor } from "../../gate/select";
import { REAL_WASM, REPO, requireRealWasm } from "./wasm-helper";

/**
 * The server's cache of piece findings (gate/piece-cache.ts) with the real wasm: the findings with the cache are the
 * findings without it, a repeated plan is answered from the cache, and a plan with one resource changed evaluates
 * only the piece that holds it.
 */
const catalog = loadCatalog();
/** Small pieces, so the five cases are several pieces (the default packs up to 50 resources into one). */
const LIMITS = { maxResources: 2, maxBytes: 1024 * 1024 };
const PLAN = path.join(REPO, "test", "adversarial", "cases", "holder-membership-update-adds-user.json");

/** Several unrelated cases side by side, so the plan is cut into many pieces. */
function mergedPlan(): Buffer {
  const slugs = ["holder-role-trust-opened", "holder-sso-assignment", "mp-group-attach-poweruser", "group-policy-invoke-star", "trap-holder-user-joins-s3-group"];
  const changes = slugs.flatMap((slug) => {
    const [input] = readInput(path.join(REPO, "test", "adversarial", "cases", `${slug}.json`));
    const plan = (input?.document as { plan: { resource_changes: unknown[] } }).plan;
    return plan.resource_changes;
  });
  return Buffer.from(JSON.stringify({ format_version: "1.2", terraform_version: "1.11.4", resource_changes: changes }));
}

describe("PieceCache with the real wasm", () => {
  beforeAll(() => requireRealWasm());

  it("GIVEN a plan of several groups WHEN judged twice with a cache THEN the same findings as without, and the second time every piece is a hit", async () => {
    const bytes = mergedPlan();
    const [input] = parseInputBytes(bytes, "merged.json");
    const selection = loadSelection(selectionPathFor(REAL_WASM));
    const pieces = selectPieces(input!.document, selection!, LIMITS)!.length;
    expect(pieces).toBeGreaterThan(1);

    const without = await evaluateRaw(input!, { catalog, pieces: LIMITS });
    const cache = new PieceCache(8 * 1024 * 1024);
    const first = await evaluateRaw(input!, { catalog, pieces: LIMITS, pieceCache: cache });
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 0, misses: pieces });
    const [again] = parseInputBytes(bytes, "merged.json");
    const second = await evaluateRaw(again!, { catalog, pieces: LIMITS, pieceCache: cache });
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: pieces, misses: pieces });
    expect(first).toEqual(without);
    expect(second).toEqual(without);
    expect(without.length).toBeGreaterThan(0);
  });

  it("GIVEN a judged plan WHEN one resource changes THEN only its piece misses, and its findings are the new ones", async () => {
    const cache = new PieceCache(8 * 1024 * 1024);
    const bytes = mergedPlan();
    const [input] = parseInputBytes(bytes, "merged.json");
    await evaluateRaw(input!, { catalog, pieces: LIMITS, pieceCache: cache });
    const misses = cache.misses;

    // the S3-only group policy of the trap becomes bedrock:* on *: its membership now reaches a broad grant
    const changed = Buffer.from(bytes.toString("utf8").replace(/s3:GetObject\\",\\"s3:ListBucket/g, 'bedrock:*\\",\\"s3:ListBucket'));
    expect(changed.equals(bytes)).toBe(false);
    const [next] = parseInputBytes(changed, "merged.json");
    const cached = await evaluateRaw(next!, { catalog, pieces: LIMITS, pieceCache: cache });
    expect(cache.misses - misses).toBe(1);
    const [fresh] = parseInputBytes(changed, "merged.json");
    expect(cached).toEqual(await evaluateRaw(fresh!, { catalog, pieces: LIMITS }));
    expect(cache.hits).toBeGreaterThan(0);
    expect(JSON.stringify(cached)).toContain("aws_iam_user_group_membership.mia");
  });

  it("GIVEN a small bound WHEN more findings are cached than fit THEN the least recently used go first and the size stays within it", async () => {
    const [input] = readInput(PLAN);
    const raw = await evaluateRaw(input!, { catalog });
    const one = JSON.stringify(raw).length + PieceCache.key(Buffer.from("a")).length;
    const cache = new PieceCache(one * 2);
    for (const k of ["a", "b", "c"]) cache.set(PieceCache.key(Buffer.from(k)), raw);
    expect(cache.size).toBe(2);
    expect(cache.sizeBytes).toBeLessThanOrEqual(one * 2);
    expect(cache.get(PieceCache.key(Buffer.from("a")))).toBeUndefined();
    expect(cache.get(PieceCache.key(Buffer.from("c")))).toEqual(raw);
    // an entry larger than the whole bound is not kept
    new PieceCache(10).set("k", raw);
    const tiny = new PieceCache(10);
    tiny.set("k", raw);
    expect(tiny.size).toBe(0);
  });
});
