import { main } from "../../cli";
import type { CliIo } from "../../cli/io";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process, in `cwd`, with only the given environment (never the machine's MODELGATE_CONFIG). */
export async function runCli(argv: string[], options: Partial<CliIo> = {}): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { today: () => "2026-08-21", ...options, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
