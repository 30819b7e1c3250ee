import { randomBytes } from "node:crypto";
import { renameSync, unlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ModelgateError } from "../core/errors";

/** Write a file so that readers see the old content or the whole new content, never a part: temp file, then rename. */
export function writeFileAtomic(file: string, content: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(temp, content, { encoding: "utf8", flag: "wx" });
    renameSync(temp, file);
  } catch (cause) {
    try {
      unlinkSync(temp);
    } catch {
      // the temp file was never created, or is already gone
    }
    const code = (cause as NodeJS.ErrnoException).code;
    throw new ModelgateError("OUTPUT_UNWRITABLE", "user", `${file}: cannot write the report${code ? ` (${code})` : ""}`, { cause });
  }
}
