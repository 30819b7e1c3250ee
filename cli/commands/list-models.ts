import { Command, Option } from "commander";
import { expandModelPattern, isPattern, loadCatalog, suggestModelIds, type Catalog, type CatalogModel } from "../../catalog";
import { loadConfig } from "../../config";
import { canonicalJson } from "../../core/canonical-json";
import { ConfigError } from "../../core/errors";
import { ExitCode } from "../../core/exit-codes";
import { choiceArg, findConfig, openPath, type CommandContext } from "../context";

const EXAMPLES = `
A pattern is expanded exactly as in modelgate.yaml: to the catalog IDs it matches today (with the config's
catalog.overrides applied when a config is found: --config, $MODELGATE_CONFIG, ./modelgate.yaml).

Examples:
  $ modelgate list-models                          every model in the catalog snapshot
  $ modelgate list-models 'amazon.nova-*'          what that pattern approves today
  $ modelgate list-models 'anthropic.*' -f json    with every catalog field
`;

const FORMATS = ["text", "json"] as const;

function profiles(m: CatalogModel): string {
  return m.profilePrefixes.length > 0 ? m.profilePrefixes.join(",") : "-";
}

/** One row per model: ID, provider, lifecycle, how it is called, profile geographies, Marketplace product. */
export function renderModelList(catalog: Catalog, ids: readonly string[], format: "text" | "json", pattern?: string): string {
  const models = ids.map((id) => catalog.get(id)).filter((m): m is CatalogModel => m !== undefined);
  if (format === "json") return canonicalJson({ snapshotDate: catalog.snapshotDate, ...(pattern !== undefined ? { pattern } : {}), models }) + "\n";
  const rows = models.map((m) => [
    m.id,
    m.lifecycle,
    !m.hasFoundationModelArn ? "mantle only" : m.onDemand ? "on-demand" : "profile only",
    profiles(m),
    m.marketplace === true ? (m.productId ?? "marketplace (product ID unknown)") : m.marketplace === null ? "marketplace?" : "-",
  ]);
  const header = ["MODEL", "LIFECYCLE", "INVOKE", "PROFILES", "MARKETPLACE"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] as number))).join("  ");
  const what = pattern === undefined ? "models" : `model${models.length === 1 ? "" : "s"} matched by ${pattern}`;
  return `${[line(header), ...rows.map(line)].join("\n")}\n${models.length} ${what}; catalog ${catalog.snapshotDate}\n`;
}

export function listModelsCommand(ctx: CommandContext): Command {
  return new Command("list-models")
    .description("list the catalog's models, or exactly what a model ID pattern expands to today")
    .argument("[pattern]", "a model ID or a pattern such as amazon.nova-* (* any run, ? one character)")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).argParser(choiceArg(FORMATS)).default("text"))
    .option("-c, --config <file>", "apply this config's catalog.overrides")
    .addHelpText("after", EXAMPLES)
    .action((pattern: string | undefined, opts: { format: "text" | "json"; config?: string }) => {
      const location = findConfig(ctx.io, opts.config);
      const catalog = location !== undefined ? loadConfig(openPath(ctx.io, location)).catalog : loadCatalog();
      const ids = pattern === undefined ? catalog.models.map((m) => m.id) : expandModelPattern(catalog, pattern);
      if (pattern !== undefined && ids.length === 0) {
        const suggestions = isPattern(pattern) ? [] : suggestModelIds(catalog, pattern);
        throw new ConfigError(
          "MODEL_PATTERN_UNMATCHED",
          `${pattern}: ${isPattern(pattern) ? "the pattern matches" : "the ID is"} no model in catalog snapshot ${catalog.snapshotDate}` +
            (suggestions.length > 0 ? `; did you mean ${suggestions.join(", ")}?` : ""),
        );
      }
      ctx.io.stdout(renderModelList(catalog, ids, opts.format, pattern));
      ctx.setExit(ExitCode.Pass);
    });
}
