import { randomBytes } from "node:crypto";
import { chmod, lstat, readlink, realpath, rename, stat, unlink, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { ModelgateError } from "../core/errors";

/**
 * Write a report to `file` the way a shell redirect would, but never leave a half-written regular file:
 * - a regular file (or a new one) is replaced atomically: a temp file beside it, then a rename, keeping its mode;
 * - a symlink is followed, and its target is written by these same rules (the link itself stays);
 * - a FIFO, character device or socket (`/dev/stdout`, a named pipe) is opened and written in place.
 */
export async function writeOutput(file: string, content: string): Promise<void> {
  try {
    const target = await followLinks(file);
    const info = await stat(target).catch((cause: NodeJS.ErrnoException) => {
      if (cause.code === "ENOENT") return undefined;
      throw cause;
    });
    if (info && !info.isFile()) {
      if (info.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      await writeFile(target, content, { encoding: "utf8", flag: "w" });
      return;
    }
    await replaceAtomically(target, content, info?.mode);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new ModelgateError("OUTPUT_UNWRITABLE", "user", `${file}: cannot write the report${code ? ` (${code})` : ""}`, { cause });
  }
}

/** The path a write to `file` lands on: symlinks resolved, also a dangling one (whose target is created). */
async function followLinks(file: string): Promise<string> {
  let current = file;
  for (let hops = 0; hops < 40; hops++) {
    const info = await lstat(current).catch(() => undefined);
    if (!info?.isSymbolicLink()) return current;
    try {
      return await realpath(current);
    } catch {
      // Dangling: follow one hop by hand, relative to the link's directory.
      const next = await readlink(current);
      current = path.resolve(path.dirname(current), next);
    }
  }
  throw Object.assign(new Error("too many symbolic links"), { code: "ELOOP" });
}

async function replaceAtomically(file: string, content: string, mode: number | undefined): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, content, { encoding: "utf8", flag: "wx" });
    if (mode !== undefined) await chmod(temp, mode & 0o7777);
    await rename(temp, file);
  } catch (cause) {
    await unlink(temp).catch(() => undefined);
    throw cause;
  }
}
