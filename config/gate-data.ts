import * as path from "node:path";
import { loadCatalog, type ApprovedSet, type Catalog } from "../catalog";
import { ConfigError } from "../core/errors";
import { approvedSet } from "./approved-set";
import { CONFIG_ENV, DEFAULT_CONFIG_FILE, locateConfig, requireConfig, type ConfigLocation, type DiscoverOptions } from "./discover";
import { loadConfig } from "./load";

/** The catalog (with the config's overrides) and approved set a command gates with, and the config they came from. */
export interface GateData {
  readonly catalog: Catalog;
  readonly approved?: ApprovedSet;
  /** The discovered config; undefined when none was named and there is no ./modelgate.yaml. */
  readonly location?: ConfigLocation;
  /** The path the config was read from (as given when it resolves the same from the process's directory). */
  readonly file?: string;
}

/**
 * What the gate needs from an optional config file: the catalog (with the config's overrides) and the approved
 * set; without a config, the bundled catalog and no approved set.
 */
export function gateDataFor(configPath: string | undefined): { catalog: Catalog; approved?: ApprovedSet } {
  if (configPath === undefined) return { catalog: loadCatalog() };
  const resolved = loadConfig(configPath);
  return { catalog: resolved.catalog, approved: approvedSet(resolved) };
}

export interface DiscoverGateDataOptions extends DiscoverOptions {
  /**
   * "optional": no config means the bundled catalog and no approved set; "require-config": no config is
   * ConfigError CONFIG_REQUIRED naming `rulesNotEvaluated` (the --require-config flag); "needed": the command cannot
   * work without one (CONFIG_NOT_FOUND).
   */
  readonly mode: "optional" | "require-config" | "needed";
  /** The rules that cannot run without an approved set, for the CONFIG_REQUIRED message. */
  readonly rulesNotEvaluated?: readonly string[];
}

/**
 * Config discovery plus gateDataFor, the same for every command that gates: `--config`, else `$MODELGATE_CONFIG`,
 * else `./modelgate.yaml`.
 */
export function discoverGateData(options: DiscoverGateDataOptions): GateData {
  const location = options.mode === "needed" ? requireConfig(options) : locateConfig(options);
  if (location === undefined) {
    if (options.mode === "require-config") {
      const rules = options.rulesNotEvaluated ?? [];
      throw new ConfigError(
        "CONFIG_REQUIRED",
        `--require-config: no configuration found (no --config, $${CONFIG_ENV} or ./${DEFAULT_CONFIG_FILE})` +
          (rules.length > 0 ? `, so rules ${rules.join(", ")} cannot be evaluated` : ""),
      );
    }
    return { catalog: loadCatalog() };
  }
  const file = configFilePath(location);
  return { ...gateDataFor(file), location, file };
}

/** The path to open: as the user gave it when it names the same file from the process's directory, else absolute. */
export function configFilePath(location: ConfigLocation): string {
  return path.isAbsolute(location.path) || path.resolve(location.path) === location.resolved ? location.path : location.resolved;
}
