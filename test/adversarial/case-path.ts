import * as path from "node:path";

/** What a corpus case's input is (cases.json `input`): a synth directory, one synthesized stack, or (absent) a plan file. */
export type CaseInput = "cdktf" | "synth";

const SUFFIX = { cdktf: ".cdktf", synth: ".cdk.tf.json", plan: ".json" } as const;

/** The path of a corpus case's input in `casesDir` (test/adversarial/cases). */
export function casePath(casesDir: string, slug: string, input?: CaseInput): string {
  return path.join(casesDir, `${slug}${SUFFIX[input ?? "plan"]}`);
}
