/** Process exit codes; only cli/bin.ts (process.exitCode, so output drains) and main.ts set them on the process. */
export const ExitCode = {
  /** No finding at or above the threshold (suppressed findings do not count). */
  Pass: 0,
  /** Findings at or above the threshold. */
  Findings: 1,
  /** The user's input, config, catalog or suppressions are wrong. */
  UserError: 2,
  /** Internal or evaluation error: the gate could not decide. */
  InternalError: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
