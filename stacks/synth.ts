/**
 * Synthesis, shared by main.ts (the cdktf app entry that `cdktf synth` runs) and `modelgate synth`: read the config,
 * print every pattern's expansion, build the CDKTF app and write it to the output directory.
 */
import { loadConfig, type ResolvedConfig } from "../config";
import { buildApp } from "./app";

export interface SynthOptions {
  /** The modelgate.yaml to render (already discovered: --config, $MODELGATE_CONFIG, ./modelgate.yaml). */
  readonly configPath: string;
  /** Where CDKTF writes the stacks (cdktf.out by default). */
  readonly outdir: string;
  /** One line of progress or information, without the newline. */
  readonly log: (line: string) => void;
}

export interface SynthResult {
  readonly stackNames: readonly string[];
  readonly scpCount: number;
  readonly iamPolicyCount: number;
  readonly targetCount: number;
  readonly warnings: readonly string[];
  readonly catalogSnapshotDate: string;
  readonly summary: string;
  /** The config it rendered (the synth-time gate judges the output against its approved set). */
  readonly resolved: ResolvedConfig;
}

/** Render and synthesize. Throws ConfigError or PolicyError (user errors, exit 2) listing every problem. */
export function synthesize(options: SynthOptions): SynthResult {
  const resolved = loadConfig(options.configPath);
  for (const e of resolved.expansions) {
    options.log(`${resolved.source}: ${e.yamlPath}: ${e.pattern} → ${e.literal ? "literal wildcard, matches today: " : ""}${e.models.join(", ")}`);
  }
  const built = buildApp(resolved, { outdir: options.outdir });
  built.app.synth();
  for (const w of built.warnings) options.log(`warning: ${w}`);
  const summary =
    `modelgate: synthesized ${built.stackNames.length} stacks (1 organization + ${built.stackNames.length - 1} accounts): ` +
    `${built.scpCount} SCPs on ${resolved.targets.length} targets, ${built.iamPolicyCount} IAM policies; catalog ${resolved.catalog.snapshotDate}`;
  options.log(summary);
  return {
    stackNames: built.stackNames,
    scpCount: built.scpCount,
    iamPolicyCount: built.iamPolicyCount,
    targetCount: resolved.targets.length,
    warnings: built.warnings,
    catalogSnapshotDate: resolved.catalog.snapshotDate,
    summary,
    resolved,
  };
}
