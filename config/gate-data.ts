import { loadCatalog, type ApprovedSet, type Catalog } from "../catalog";
import { approvedSet } from "./approved-set";
import { loadConfig } from "./load";

/**
 * What the gate needs from an optional config file: the catalog (with the config's overrides) and the approved
 * set; without a config, the bundled catalog and no approved set. Shared by the commands that take --config.
 */
export function gateDataFor(configPath: string | undefined): { catalog: Catalog; approved?: ApprovedSet } {
  if (configPath === undefined) return { catalog: loadCatalog() };
  const resolved = loadConfig(configPath);
  return { catalog: resolved.catalog, approved: approvedSet(resolved) };
}
