import { Command, Option } from "commander";
import { canonicalJson } from "../../core/canonical-json";
import { ExitCode } from "../../core/exit-codes";
import { loadRuleInfo, type RuleInfo } from "../../gate";
import { choiceArg, type CommandContext } from "../context";

const EXAMPLES = `
Examples:
  $ modelgate list-rules                  one line per rule: id, severity, slug, title
  $ modelgate list-rules -f json          every rule's METADATA (description, remediation, links)
`;

const FORMATS = ["text", "json"] as const;

/** Render the rule list; pure, so tests compare it exactly. */
export function renderRuleList(rules: readonly RuleInfo[], format: "text" | "json"): string {
  if (format === "json") return canonicalJson({ rules }) + "\n";
  const width = Math.max(...rules.map((r) => r.longId.length));
  const lines = rules.map((r) => `${r.id}  ${r.severity.toUpperCase().padEnd(8)}  ${r.longId.padEnd(width)}  ${r.title}${r.deprecated ? " (deprecated)" : ""}`);
  return `${lines.join("\n")}\n${rules.length} rules; details: modelgate list-rules --format json, or docs/rules.md\n`;
}

export function listRulesCommand(ctx: CommandContext): Command {
  return new Command("list-rules")
    .description("list the gate's rules (id, severity, slug, title) as compiled into the wasm policy")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).argParser(choiceArg(FORMATS)).default("text"))
    .addHelpText("after", EXAMPLES)
    .action((opts: { format: "text" | "json" }) => {
      ctx.io.stdout(renderRuleList(loadRuleInfo(ctx.io.wasmPath), opts.format));
      ctx.setExit(ExitCode.Pass);
    });
}
