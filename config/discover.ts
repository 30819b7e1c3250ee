import { existsSync } from "node:fs";
import * as path from "node:path";
import { ConfigError } from "../core/errors";

/** The file name looked for in the working directory when neither --config nor $MODELGATE_CONFIG names one. */
export const DEFAULT_CONFIG_FILE = "modelgate.yaml";
export const CONFIG_ENV = "MODELGATE_CONFIG";

export interface ConfigLocation {
  /** The path as the user gave it (or ./modelgate.yaml), for messages. */
  readonly path: string;
  /** Absolute path. */
  readonly resolved: string;
  /** Where the path came from. */
  readonly from: "--config" | "$MODELGATE_CONFIG" | "./modelgate.yaml";
}

export interface DiscoverOptions {
  /** The --config value, when given. */
  readonly flag?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
}

/**
 * Config discovery, the same for every command and for main.ts: `--config`, else `$MODELGATE_CONFIG`, else
 * `./modelgate.yaml` if it exists. An explicit path is returned even when the file is missing (loading it then says
 * so); undefined means no config was named and there is no ./modelgate.yaml.
 */
export function locateConfig(options: DiscoverOptions): ConfigLocation | undefined {
  const cwd = options.cwd ?? process.cwd();
  if (options.flag !== undefined && options.flag !== "") {
    return { path: options.flag, resolved: path.resolve(cwd, options.flag), from: "--config" };
  }
  const fromEnv = options.env?.[CONFIG_ENV];
  if (fromEnv !== undefined && fromEnv !== "") return { path: fromEnv, resolved: path.resolve(cwd, fromEnv), from: "$MODELGATE_CONFIG" };
  const local = path.resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(local) ? { path: DEFAULT_CONFIG_FILE, resolved: local, from: "./modelgate.yaml" } : undefined;
}

/** Like locateConfig, for commands that cannot work without a config: throws ConfigError("CONFIG_NOT_FOUND"). */
export function requireConfig(options: DiscoverOptions): ConfigLocation {
  const found = locateConfig(options);
  if (found) return found;
  throw new ConfigError(
    "CONFIG_NOT_FOUND",
    `no configuration: pass --config <file>, set ${CONFIG_ENV}, or create ./${DEFAULT_CONFIG_FILE} (modelgate init writes a starter)`,
  );
}
