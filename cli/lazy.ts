/* eslint-disable @typescript-eslint/no-require-imports */
// Modules a run loads only when it needs them, so that `modelgate check` starts fast (BENCHMARKS.md, "Start-up"):
// each command's module (serve loads fastify and undici, deploy the terraform driver) is loaded only when that
// command runs or the full help is shown, and the config loader (yaml, zod) only when a config is read.
// This file and cli/commands/synth.ts (stacks, hence cdktf) are the only places in cli/ that call require();
// eslint forbids it elsewhere, and test/cli/bin.test.ts checks in a real process what `check` loads.
import type { Command } from "commander";
import type { CommandContext } from "./context";

type Make = (ctx: CommandContext) => Command;

/** Every command by name, in the order `modelgate --help` lists them, with its aliases. */
export const COMMANDS: readonly { readonly name: string; readonly aliases: readonly string[]; readonly load: () => Make }[] = [
  { name: "synth", aliases: ["render"], load: () => (require("./commands/synth") as typeof import("./commands/synth")).synthCommand },
  { name: "validate", aliases: [], load: () => (require("./commands/validate") as typeof import("./commands/validate")).validateCommand },
  { name: "init", aliases: [], load: () => (require("./commands/init") as typeof import("./commands/init")).initCommand },
  { name: "list-models", aliases: [], load: () => (require("./commands/list-models") as typeof import("./commands/list-models")).listModelsCommand },
  { name: "check", aliases: [], load: () => (require("./commands/check") as typeof import("./commands/check")).checkCommand },
  { name: "list-rules", aliases: [], load: () => (require("./commands/list-rules") as typeof import("./commands/list-rules")).listRulesCommand },
  {
    name: "deploy",
    aliases: [],
    load: () => {
      const { deployCommand } = require("./commands/deploy") as typeof import("./commands/deploy");
      return (c) => deployCommand(c.io, c.setExit);
    },
  },
  {
    name: "serve",
    aliases: [],
    load: () => {
      const { serveCommand } = require("./commands/serve") as typeof import("./commands/serve");
      return (c) => serveCommand(c.io, c.setExit);
    },
  },
  {
    name: "export-policy-set",
    aliases: [],
    load: () => {
      const { exportPolicySetCommand } = require("./commands/export-policy-set") as typeof import("./commands/export-policy-set");
      return (c) => exportPolicySetCommand(c.io, c.setExit);
    },
  },
];

/** The config loader (config/, with yaml and zod), loaded the first time a command reads a config. */
export function configModule(): typeof import("../config") {
  return require("../config") as typeof import("../config");
}

/** node:readline/promises, loaded the first time a command asks a question (most runs ask none). */
export function readlineModule(): typeof import("node:readline/promises") {
  return require("node:readline/promises") as typeof import("node:readline/promises");
}
