import * as path from "node:path";
import { InvalidArgumentError } from "commander";
import { locateConfig, requireConfig, type ConfigLocation } from "../config/discover";
import { SEVERITIES, parseSeverity, type Severity } from "../core/severity";
import type { CliIo } from "./io";
import { Messages, colorEnabled, type GlobalOptions } from "./terminal";

/** What every command gets: the I/O, a way to set the exit code, and the global options once parsed. */
export interface CommandContext {
  readonly io: CliIo;
  setExit(code: number): void;
  globals(): GlobalOptions;
}

export function envOf(io: CliIo): Readonly<Record<string, string | undefined>> {
  return io.env ?? {};
}

export function cwdOf(io: CliIo): string {
  return io.cwd ?? process.cwd();
}

export function messages(ctx: CommandContext): Messages {
  return new Messages(ctx.io, ctx.globals());
}

export function stdoutColor(ctx: CommandContext): boolean {
  return colorEnabled(ctx.io.stdoutIsTty, ctx.globals(), envOf(ctx.io));
}

/** The path to open for a discovered config: as given when the CLI runs in its own directory, else absolute. */
export function openPath(io: CliIo, location: ConfigLocation): string {
  return io.cwd === undefined || io.cwd === process.cwd() || path.isAbsolute(location.path) ? location.path : location.resolved;
}

export function findConfig(io: CliIo, flag: string | undefined): ConfigLocation | undefined {
  return locateConfig({ flag, env: envOf(io), cwd: cwdOf(io) });
}

export function needConfig(io: CliIo, flag: string | undefined): ConfigLocation {
  return requireConfig({ flag, env: envOf(io), cwd: cwdOf(io) });
}

/** Commander parser for a severity in any letter case (`--fail-on HIGH`). */
export function severityArg(value: string): Severity {
  const parsed = parseSeverity(value);
  if (parsed === undefined) throw new InvalidArgumentError(`Allowed choices are ${SEVERITIES.join(", ")} (any case).`);
  return parsed;
}

/** Commander parser for an option that takes a positive integer; `name` is the flag, for the message. */
export const positiveInt = (name: string) => (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
};

/** Commander parser for a --format value, case-insensitive, from a fixed list. */
export function choiceArg<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    const lower = value.toLowerCase();
    const found = choices.find((c) => c === lower);
    if (found === undefined) throw new InvalidArgumentError(`Allowed choices are ${choices.join(", ")}.`);
    return found;
  };
}
