/** Where a command writes, and the few things tests replace. Commands never touch process.* directly. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Today's date (YYYY-MM-DD) for suppression expiry; defaults to the UTC date. */
  today?(): string;
  /** The policy wasm; defaults to rego/dist/policy.wasm. */
  readonly wasmPath?: string;
  /** Environment variables commands read themselves (commander reads the documented option variables). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Long-running commands (`serve`) stop when this resolves; the real process waits for SIGTERM or SIGINT. */
  shutdownSignal?(): Promise<string>;
  /** Called once `serve` listens, with its address (tests listen on port 0). */
  onListening?(address: string): void;
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    shutdownSignal: () =>
      new Promise((resolve) => {
        const stop = (signal: string) => {
          process.off("SIGTERM", stop);
          process.off("SIGINT", stop);
          resolve(signal);
        };
        process.once("SIGTERM", stop);
        process.once("SIGINT", stop);
      }),
  };
}
