#!/usr/bin/env node
import { exitCodeForError, formatError, main } from "./index";
import { processIo } from "./io";

// The only process.exit in modelgate. main() already turns every failure into an exit code (user → 2,
// internal or unknown → 3); this catch uses the same mapping for anything that escapes it.
main(process.argv.slice(2), processIo()).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(formatError(error));
    process.exit(exitCodeForError(error));
  },
);
