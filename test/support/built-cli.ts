import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";

export const REPO = path.resolve(__dirname, "..", "..");
export const BIN = path.join(REPO, "dist", "cli", "bin.js");
const SOURCE_DIRS = ["main.ts", "core", "catalog", "config", "policies", "stacks", "gate", "report", "cli", "server"];

function newestSource(entry: string): number {
  const full = path.join(REPO, entry);
  if (!existsSync(full)) return 0;
  const info = statSync(full);
  if (!info.isDirectory()) return entry.endsWith(".ts") || entry.endsWith(".json") ? info.mtimeMs : 0;
  return Math.max(0, ...readdirSync(full).map((name) => newestSource(path.join(entry, name))));
}

/**
 * dist/ as `npm run build` makes it, rebuilt when a source file is newer than dist/cli/bin.js. Tests that run the
 * real `modelgate` process (pipes, signals, stdin, the installed package) use it.
 */
export function ensureBuilt(): string {
  const built = existsSync(BIN) ? statSync(BIN).mtimeMs : 0;
  if (built < Math.max(...SOURCE_DIRS.map(newestSource))) {
    execFileSync(process.execPath, [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(REPO, "tsconfig.build.json")], {
      cwd: REPO,
      stdio: "pipe",
    });
  }
  return BIN;
}
