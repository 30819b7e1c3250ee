/** Where a command writes, and the few things tests replace. Commands never touch process.* directly. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Today's date (YYYY-MM-DD) for suppression expiry; defaults to the UTC date. */
  today?(): string;
  /** The policy wasm; defaults to rego/dist/policy.wasm. */
  readonly wasmPath?: string;
  /** True when a person can answer prompts (stdin is a terminal); `deploy` asks before each apply only then. */
  readonly interactive?: boolean;
  /** Ask a question on the terminal and return the answer (only used when `interactive`). */
  ask?(question: string): Promise<string>;
  /** Environment for child processes (synth, terraform); defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    interactive: process.stdin.isTTY === true,
    ask: async (question) => {
      const { createInterface } = await import("node:readline/promises");
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
  };
}
