/**
 * Running terraform or tofu: finding the binary, and one spawn per command with the output captured. Nothing here
 * knows about the gate; deploy/run.ts decides what to run and what the results mean.
 */
import { spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import * as path from "node:path";
import { DeployError } from "../core/errors";

export type TfKind = "terraform" | "tofu";

export interface TfBinary {
  /** Absolute path of the executable. */
  readonly path: string;
  readonly kind: TfKind;
}

export interface TfResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return path.resolve(candidate);
  }
  return undefined;
}

/** `tofu` when the file name says so, else terraform (their CLIs are the same for what deploy runs). */
export function kindOf(binary: string): TfKind {
  return /tofu/i.test(path.basename(binary)) ? "tofu" : "terraform";
}

/**
 * The binary to run: `explicit` (a path, or a name looked up on PATH) when given, else `terraform` on PATH, else
 * `tofu` on PATH. Throws DeployError TF_BINARY_NOT_FOUND (a user error: install one or pass --tf-binary).
 */
export function findTfBinary(explicit: string | undefined, env: NodeJS.ProcessEnv): TfBinary {
  if (explicit !== undefined) {
    const found = explicit.includes("/") ? (isExecutable(explicit) ? path.resolve(explicit) : undefined) : onPath(explicit, env);
    if (found === undefined) {
      throw new DeployError("TF_BINARY_NOT_FOUND", "user", `--tf-binary ${explicit}: no such executable${explicit.includes("/") ? "" : " on PATH"}`);
    }
    return { path: found, kind: kindOf(found) };
  }
  for (const name of ["terraform", "tofu"] as const) {
    const found = onPath(name, env);
    if (found !== undefined) return { path: found, kind: name };
  }
  throw new DeployError(
    "TF_BINARY_NOT_FOUND",
    "user",
    "neither terraform nor tofu is on PATH: install one, or name it with --tf-binary <path>",
  );
}

/** The environment terraform/tofu run with: the caller's, plus the switches that keep them non-interactive. */
export function tfEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: env.CHECKPOINT_DISABLE ?? "1" };
}

/**
 * Run `binary args…` in `cwd` and collect its output. Resolves with the exit code (never rejects on a non-zero
 * exit); rejects with DeployError TF_SPAWN_FAILED when the process cannot be started at all.
 */
export function runTf(binary: TfBinary, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<TfResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary.path, [...args], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (cause) => {
      reject(new DeployError("TF_SPAWN_FAILED", "user", `cannot run ${binary.path}: ${cause.message}`, { cause }));
    });
    child.on("close", (code, signal) => {
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8") + (signal ? `\n(killed by ${signal})` : ""),
      });
    });
  });
}

/** One resource-level event of `apply -json` (the machine-readable UI). */
export interface ApplyEvent {
  readonly address: string;
  readonly action: string;
  readonly outcome: "complete" | "errored";
}

/** The diagnostics and per-resource outcomes in `apply -json` output, in the order they happened. */
export function parseApplyStream(stdout: string): { events: ApplyEvent[]; errors: string[] } {
  const events: ApplyEvent[] = [];
  const errors: string[] = [];
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    let message: { type?: string; hook?: { resource?: { addr?: string }; action?: string }; diagnostic?: { severity?: string; summary?: string; detail?: string; address?: string } };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      continue;
    }
    if ((message.type === "apply_complete" || message.type === "apply_errored") && message.hook?.resource?.addr) {
      events.push({ address: message.hook.resource.addr, action: message.hook.action ?? "", outcome: message.type === "apply_complete" ? "complete" : "errored" });
    }
    if (message.type === "diagnostic" && message.diagnostic?.severity === "error") {
      const d = message.diagnostic;
      errors.push([d.address, d.summary, d.detail].filter((s) => s !== undefined && s !== "").join(": "));
    }
  }
  return { events, errors };
}

/** The last few non-empty lines of a failed command's output, for an error message. */
export function tail(text: string, lines = 12): string {
  return text
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l !== "")
    .slice(-lines)
    .join("\n");
}
