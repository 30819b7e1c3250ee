import type { Severity } from "../core/severity";
import type { CliIo } from "./io";

/** What the user asked for with global options. */
export interface GlobalOptions {
  /** false with --no-color. */
  readonly color: boolean;
  /** --quiet: only the report, warnings and errors. */
  readonly quiet: boolean;
}

const SGR: Record<Severity, string> = { critical: "1;31", high: "31", medium: "33", low: "36" };

/** Whether to colour a stream: a terminal, no --no-color, and NO_COLOR unset or empty (https://no-color.org). */
export function colorEnabled(isTty: boolean | undefined, globals: GlobalOptions, env: Readonly<Record<string, string | undefined>>): boolean {
  if (!isTty || !globals.color) return false;
  const noColor = env.NO_COLOR;
  return noColor === undefined || noColor === "";
}

/** Wrap text in the colour of a severity. */
export function paintSeverity(severity: Severity, text: string): string {
  return `\u001b[${SGR[severity]}m${text}\u001b[0m`;
}

/**
 * Informational lines and progress on stderr. Info is hidden by --quiet; progress appears only on a terminal and
 * only for a step that took about a second or more, so pipes and CI logs never see it.
 */
export class Messages {
  private readonly started = new Map<string, number>();

  constructor(
    private readonly io: CliIo,
    private readonly globals: GlobalOptions,
    private readonly now: () => number = () => performance.now(),
  ) {}

  info(line: string): void {
    if (!this.globals.quiet) this.io.stderr(`${line}\n`);
  }

  warn(line: string): void {
    this.io.stderr(`warning: ${line}\n`);
  }

  begin(step: string): void {
    this.started.set(step, this.now());
  }

  /** End a step: prints "modelgate: <done> (1.4 s)" when the step took ≥ 1 s on a terminal. */
  end(step: string, done: string): void {
    const start = this.started.get(step);
    this.started.delete(step);
    if (start === undefined || this.globals.quiet || !this.io.stderrIsTty) return;
    const seconds = (this.now() - start) / 1000;
    if (seconds >= 1) this.io.stderr(`modelgate: ${done} (${seconds.toFixed(1)} s)\n`);
  }
}
