#!/usr/bin/env node
import { exitCodeForError, formatError, main } from "./index";
import { processIo } from "./io";

// modelgate never calls process.exit: a report written to a pipe is flushed asynchronously, and exiting right
// after the write would cut it (at 64 KiB on Linux). Setting the exit code lets Node drain stdout and stderr first.
// main() already turns every failure into an exit code (user → 2, internal or unknown → 3); this catch uses the
// same mapping for anything that escapes it.
main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(formatError(error));
    process.exitCode = exitCodeForError(error);
  },
);
