/** Where a command writes, and the few things tests replace. Commands never touch process.* directly. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Today's date (YYYY-MM-DD) for suppression expiry; defaults to the UTC date. */
  today?(): string;
  /** The policy wasm; defaults to rego/dist/policy.wasm. */
  readonly wasmPath?: string;
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  };
}
