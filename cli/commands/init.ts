import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import { DEFAULT_CONFIG_FILE } from "../../config";
import { ConfigError } from "../../core/errors";
import { ExitCode } from "../../core/exit-codes";
import { cwdOf, messages, type CommandContext } from "../context";

/** Where editors find the JSON Schema once modelgate is installed in the repository (npm install modelgate). */
export const SCHEMA_REFERENCE = "./node_modules/modelgate/schema/modelgate.schema.json";

/** The starter config: valid as written (so validate and synth work at once), with every placeholder marked. */
export const STARTER_CONFIG = `# yaml-language-server: $schema=${SCHEMA_REFERENCE}
# modelgate configuration: which Amazon Bedrock models each part of your AWS organization may use.
# Written by \`modelgate init\`. Replace every value marked CHANGE ME, then run:
#   modelgate validate      every problem with file:line:col, and what each pattern expands to
#   modelgate synth         render the SCP allow-lists and account IAM policies into cdktf.out/
#   modelgate check cdktf.out
# The annotated example of every field: examples/organization/modelgate.yaml in the modelgate repository.
version: 1

organization:
  managementAccountId: "111122223333"   # CHANGE ME: the management account (12 digits, in quotes)
  rootId: r-a1b2                        # CHANGE ME: the Organizations root ID (aws organizations list-roots)
  marketplace:
    # Builders may subscribe to approved Marketplace models, only through Bedrock (aws:CalledViaLast).
    mode: subscribe-on-first-call
  backend:
    type: local                          # or {type: s3, bucket, keyPrefix, region} or {type: cloud, organization, workspacePrefix}

targets:
  # The root's allow-list SCP: no account in the organization can invoke a model outside it.
  root:
    models:
      - amazon.nova-*                    # a pattern is expanded to today's exact IDs (modelgate list-models 'amazon.nova-*')
      - anthropic.claude-haiku-4-5-20251001-v1:0
    geographies: [us, eu]                # cross-Region inference profiles allowed (us., eu., ...)
  # OUs narrow their parent; uncomment and change to add one.
  ous: []
  #  - id: ou-a1b2-abcd1234
  #    name: Production
  #    parent: root
  #    models: [anthropic.claude-haiku-4-5-20251001-v1:0]

# Accounts whose builders get an IAM invoke policy for the approved models.
accounts:
  - id: "123456789012"                   # CHANGE ME
    name: ml-dev                         # names the stack: account-ml-dev
    ou: root                             # "root" or an OU id from targets.ous
    region: us-east-1
    assumeRoleArn: arn:aws:iam::123456789012:role/ModelgateDeployer   # CHANGE ME: same account as id
    invokePolicy:
      attachToRoles: [MLDeveloper]       # CHANGE ME: existing roles and/or attachToGroups, or createRole
`;

const EXAMPLES = `
Examples:
  $ modelgate init                      writes ./modelgate.yaml
  $ modelgate init org/modelgate.yaml   writes it there (the directory must exist)
`;

export function initCommand(ctx: CommandContext): Command {
  return new Command("init")
    .description("write a commented starter modelgate.yaml (never overwrites an existing file)")
    .argument("[file]", "where to write it", DEFAULT_CONFIG_FILE)
    .addHelpText("after", EXAMPLES)
    .action((file: string) => {
      const target = path.resolve(cwdOf(ctx.io), file);
      try {
        writeFileSync(target, STARTER_CONFIG, { encoding: "utf8", flag: "wx" });
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        const reason = code === "EEXIST" ? "already exists; modelgate init never overwrites a file (edit it, or pass another path)" : `cannot be written (${code ?? "error"})`;
        throw new ConfigError(code === "EEXIST" ? "CONFIG_EXISTS" : "CONFIG_UNWRITABLE", `${file} ${reason}`, { cause });
      }
      messages(ctx).info(`wrote ${file}: replace the values marked CHANGE ME, then run modelgate validate`);
      ctx.setExit(ExitCode.Pass);
    });
}
