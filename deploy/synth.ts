/**
 * Synthesis for `modelgate deploy`: runs the same entry point as `cdktf synth` (`node dist/main.js`) in a child
 * process, so deploy never loads cdktf itself. Kept to this one function so it can be pointed at a `modelgate synth`
 * command later without touching the rest of deploy.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { DeployError, describeThrown } from "../core/errors";

export interface SynthRequest {
  readonly config?: string;
  /** The cdktf output directory (CDKTF_OUTDIR). */
  readonly outdir: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Receives synth's own diagnostics (pattern expansions, warnings), one line at a time. */
  readonly log: (line: string) => void;
}

export interface SynthResult {
  /** In creation order: the organization stack, then one per account. */
  readonly stacks: readonly SynthStack[];
  /** Stack folders removed because the config no longer has those stacks (their resources were not destroyed). */
  readonly removed: readonly string[];
}

export interface SynthStack {
  readonly name: string;
  /** Absolute directory terraform runs in. */
  readonly workingDirectory: string;
}

/** Where the built synth entry point is: dist/main.js next to dist/deploy/, or dist/main.js from the sources. */
export function synthEntryPoint(): string {
  const candidates = [path.resolve(__dirname, "..", "main.js"), path.resolve(__dirname, "..", "dist", "main.js")];
  const found = candidates.find((c) => existsSync(c));
  if (found === undefined) {
    throw new DeployError("SYNTH_NOT_BUILT", "user", `cannot find the synth entry point (looked for ${candidates.join(", ")}); run npm run build`);
  }
  return found;
}

/**
 * Synthesize every stack into `outdir`, then remove stack folders the config no longer has, so nothing stale is
 * planned. Returns the stacks in creation order (organization first). Throws DeployError SYNTH_FAILED.
 */
export async function synthesize(request: SynthRequest): Promise<SynthResult> {
  const args = [synthEntryPoint(), ...(request.config !== undefined ? ["--config", request.config] : [])];
  // deploy gates the synth output itself (with suppressions and --fail-on), so main.ts need not gate it too.
  const env = { ...request.env, CDKTF_OUTDIR: request.outdir, MODELGATE_SYNTH_GATE: "off" };
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: request.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => err.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (cause) => reject(new DeployError("SYNTH_FAILED", "internal", `cannot run synth: ${cause.message}`, { cause })));
    child.on("close", (c) => resolve({ code: c ?? 1, stderr: Buffer.concat(err).toString("utf8") }));
  });
  for (const line of stderr.split("\n")) if (line.trim() !== "") request.log(line);
  if (code !== 0) {
    // main.ts exits 2 for a user error (config or policy limits) and has already printed the problems.
    throw new DeployError("SYNTH_FAILED", code === 2 ? "user" : "internal", `synth failed (exit ${code}); nothing was planned or applied`);
  }
  return readManifest(path.resolve(request.cwd, request.outdir));
}

/** The stacks a cdktf manifest lists, in its order; removes stacks/<name> folders it does not list. */
export function readManifest(outdir: string): SynthResult {
  const file = path.join(outdir, "manifest.json");
  let manifest: { stacks?: Record<string, { name?: string; workingDirectory?: string; dependencies?: string[] }> };
  try {
    manifest = JSON.parse(readFileSync(file, "utf8")) as typeof manifest;
  } catch (cause) {
    throw new DeployError("SYNTH_FAILED", "internal", `${file}: cannot read the synth manifest: ${describeThrown(cause)}`, { cause });
  }
  const entries = dependencyOrder(Object.entries(manifest.stacks ?? {}).map(([key, s]) => ({ key, deps: s.dependencies ?? [], s })));
  const stacks = entries.map(({ key, s }) => ({
    name: s.name ?? key,
    workingDirectory: path.resolve(outdir, s.workingDirectory ?? path.join("stacks", key)),
  }));
  const stacksDir = path.join(outdir, "stacks");
  const keep = new Set(stacks.map((s) => path.resolve(s.workingDirectory)));
  const removed: string[] = [];
  if (existsSync(stacksDir)) {
    for (const entry of readdirSync(stacksDir).sort()) {
      const dir = path.resolve(stacksDir, entry);
      if (keep.has(dir)) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push(entry);
    }
  }
  return { stacks, removed };
}

/** Order stacks so each comes after the stacks it depends on, otherwise keeping the manifest's order. */
export function dependencyOrder<T extends { key: string; deps: readonly string[] }>(entries: readonly T[]): T[] {
  const done = new Set<string>();
  const ordered: T[] = [];
  const known = new Set(entries.map((e) => e.key));
  while (ordered.length < entries.length) {
    const next = entries.find((e) => !done.has(e.key) && e.deps.every((d) => done.has(d) || !known.has(d)));
    if (next === undefined) {
      throw new DeployError("SYNTH_FAILED", "internal", `stack dependencies form a cycle: ${entries.filter((e) => !done.has(e.key)).map((e) => e.key).join(", ")}`);
    }
    done.add(next.key);
    ordered.push(next);
  }
  return ordered;
}
