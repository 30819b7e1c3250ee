import { readlineModule } from "./lazy";

/** Where a command writes, and the few things tests replace. Commands never touch process.* directly. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Today's date (YYYY-MM-DD) for suppression expiry; defaults to the UTC date. */
  today?(): string;
  /** The policy wasm; defaults to rego/dist/policy.wasm. */
  readonly wasmPath?: string;
  /** All of standard input, for the `-` argument; `limit` bytes at most (more is an error). */
  readStdin?(limit: number): Promise<Uint8Array>;
  /** Environment variables (MODELGATE_CONFIG, NO_COLOR, ...; passed to child processes such as terraform). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The working directory that relative paths and ./modelgate.yaml are resolved against. */
  readonly cwd?: string;
  /** True when stderr is a terminal: progress and colour are shown there (unless NO_COLOR or --no-color). */
  readonly stderrIsTty?: boolean;
  /** True when stdout is a terminal: the text report is coloured and wrapped. */
  readonly stdoutIsTty?: boolean;
  /** Terminal width in columns, for wrapping; undefined when not a terminal. */
  readonly columns?: number;
  /** True when a person can answer prompts (stdin is a terminal); `deploy` asks before each apply only then. */
  readonly interactive?: boolean;
  /** Ask a question on the terminal and return the answer (only used when `interactive`). */
  ask?(question: string): Promise<string>;
  /** Long-running commands (`serve`) stop when this resolves; the real process waits for SIGTERM or SIGINT. */
  shutdownSignal?(): Promise<string>;
  /** Called once `serve` listens, with its address (tests listen on port 0). */
  onListening?(address: string): void;
}

/**
 * The real process streams. A closed pipe (`modelgate --help | head`) ends output quietly: the first EPIPE marks the
 * stream closed, later writes are dropped, and the command still finishes and sets its exit code.
 */
export function processIo(): CliIo {
  const closed = { stdout: false, stderr: false };
  const guard = (name: "stdout" | "stderr") => {
    const stream = process[name];
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") {
        closed[name] = true;
        return;
      }
      throw error;
    });
    return (text: string) => {
      if (!closed[name]) stream.write(text);
    };
  };
  const stdout = guard("stdout");
  const stderr = guard("stderr");
  return {
    stdout,
    stderr,
    readStdin: (limit) =>
      process.stdin.isTTY
        ? Promise.reject(Object.assign(new Error("standard input is a terminal"), { code: "STDIN_IS_TTY" }))
        : readAll(process.stdin, limit),
    env: process.env,
    cwd: process.cwd(),
    stderrIsTty: process.stderr.isTTY === true,
    stdoutIsTty: process.stdout.isTTY === true,
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
    interactive: process.stdin.isTTY === true,
    ask: async (question) => {
      const { createInterface } = readlineModule();
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
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

/** Read a stream to its end into one buffer; rejects with a RangeError once more than `limit` bytes arrived. */
export function readAll(stream: NodeJS.ReadableStream, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer | string) => {
      const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      size += buf.byteLength;
      if (size > limit) {
        reject(new RangeError(`more than ${limit} bytes`));
        stream.removeAllListeners("data");
        stream.pause();
        return;
      }
      chunks.push(buf);
    });
    stream.on("end", () => resolve(Buffer.concat(chunks, size)));
    stream.on("error", reject);
  });
}
