import { Command } from "commander";
import { checkConfigFile } from "../../config";
import { ConfigError } from "../../core/errors";
import { ExitCode } from "../../core/exit-codes";
import { messages, needConfig, openPath, type CommandContext } from "../context";

const EXAMPLES = `
Checks the config alone (no synth, no AWS): every problem is listed with file:line:col, the YAML path, the bad
value and the rule. Exit 0 when valid, 2 when not. All stages run: schema problems do not hide the cross-field
checks (OU parents, narrowing, accounts) or the catalog checks (unknown model IDs, patterns that match nothing)
of the entries that pass the schema; only a YAML syntax error stops at that stage. Warnings (such as a Region
modelgate's list does not have yet) never change the exit code.

Examples:
  $ modelgate validate
  $ modelgate validate --config org/modelgate.yaml
  $ MODELGATE_CONFIG=org/modelgate.yaml modelgate validate --quiet && echo valid
`;

export function validateCommand(ctx: CommandContext): Command {
  return new Command("validate")
    .description("check modelgate.yaml and print what its patterns expand to; exit 0 when valid, 2 when not")
    .option("-c, --config <file>", "the modelgate.yaml to check")
    .addHelpText("after", EXAMPLES)
    .action((opts: { config?: string }) => {
      const location = needConfig(ctx.io, opts.config);
      const file = openPath(ctx.io, location);
      const checked = checkConfigFile(file);
      const msg = messages(ctx);
      for (const w of checked.warnings) msg.warn(w);
      const resolved = checked.resolved;
      if (resolved === undefined) {
        throw new ConfigError("CONFIG_INVALID", `${file}: ${checked.problems.length} problem(s) in the configuration`, { problems: checked.problems });
      }
      for (const e of resolved.expansions) {
        msg.info(`${resolved.source}: ${e.yamlPath}: ${e.pattern} → ${e.literal ? "literal wildcard, matches today: " : ""}${e.models.join(", ")}`);
      }
      const models = new Set(resolved.targets.flatMap((t) => t.approved.models));
      msg.info(
        `${resolved.source}: valid: ${resolved.targets.length} policy target${resolved.targets.length === 1 ? "" : "s"}, ` +
          `${resolved.accounts.length} account${resolved.accounts.length === 1 ? "" : "s"}, ${models.size} approved model${models.size === 1 ? "" : "s"}; ` +
          `catalog ${resolved.catalog.snapshotDate}`,
      );
      ctx.setExit(ExitCode.Pass);
    });
}
