import { Command } from "commander";
import { ExitCode } from "../../core/exit-codes";
import * as path from "node:path";
import { cwdOf, envOf, messages, needConfig, openPath, type CommandContext } from "../context";

const EXAMPLES = `
Config: --config, else $MODELGATE_CONFIG, else ./modelgate.yaml. Output: --outdir, else $CDKTF_OUTDIR, else cdktf.out.
Every pattern's expansion is printed (amazon.nova-* → the exact IDs it matches today); a bad config exits 2 and
lists every problem with file:line:col.

Examples:
  $ modelgate synth
  $ modelgate synth --config org/modelgate.yaml --outdir build/cdktf.out
  $ modelgate synth && modelgate check cdktf.out       render, then gate what was rendered
`;

/** `modelgate synth` (alias `render`): what `cdktf synth` runs through main.ts, with the same code. */
export function synthCommand(ctx: CommandContext): Command {
  return new Command("synth")
    .alias("render")
    .description("render modelgate.yaml into CDKTF stacks (SCP allow-lists and account IAM) in cdktf.out")
    .option("-c, --config <file>", "the modelgate.yaml to render")
    .option("-o, --outdir <dir>", "where to write the stacks (default $CDKTF_OUTDIR or cdktf.out)")
    .addHelpText("after", EXAMPLES)
    .action((opts: { config?: string; outdir?: string }) => {
      const location = needConfig(ctx.io, opts.config);
      const msg = messages(ctx);
      msg.begin("synth");
      // Loaded here and only here: cdktf and the AWS provider bindings cost time and memory that check never needs.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { synthesize } = require("../../stacks/synth") as typeof import("../../stacks/synth");
      const result = synthesize({
        configPath: openPath(ctx.io, location),
        outdir: path.resolve(cwdOf(ctx.io), opts.outdir ?? (envOf(ctx.io).CDKTF_OUTDIR || "cdktf.out")),
        log: (line: string) => (line.startsWith("warning: ") ? msg.warn(line.slice("warning: ".length)) : msg.info(line)),
      });
      msg.end("synth", `synthesized ${result.stackNames.length} stacks`);
      ctx.setExit(ExitCode.Pass);
    });
}
