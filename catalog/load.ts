// A type-only import keeps models.json in the program, so that tsc copies it to dist/catalog/ (readBundled reads it).
import type _modelsJson from "./models.json";
import { CatalogError } from "../core/errors";
import { deepFreeze } from "../core/canonical-json";
import { describeValue, valueAt } from "../core/describe-value";
import type { Geography } from "./geography";
import type { CatalogOverride } from "./schema";
import { readBundled } from "./trusted";
import type { z } from "zod";

/** The zod schemas (and zod), loaded the first time something is validated. */
function schemas(): typeof import("./schema") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./schema") as typeof import("./schema");
}

export interface CatalogModel {
  readonly id: string;
  readonly provider: string;
  readonly lifecycle: "ACTIVE" | "LEGACY" | "END_OF_LIFE";
  readonly hasFoundationModelArn: boolean;
  readonly onDemand: boolean;
  readonly profilePrefixes: readonly Geography[];
  readonly mantle: readonly string[];
  readonly marketplace: boolean | null;
  readonly productId: string | null;
  readonly requiresUseCaseForm: boolean;
  readonly evidence: "V" | "3P" | "U";
}

/** An immutable, reviewed list of Bedrock models with its snapshot date. */
export interface Catalog {
  readonly snapshotDate: string;
  /** Sorted by ID. */
  readonly models: readonly CatalogModel[];
  get(id: string): CatalogModel | undefined;
}

export interface LoadCatalogOptions {
  /** Models to add, or fields to override on existing models, from the user's config. */
  readonly overrides?: readonly CatalogOverride[];
  /** Where the overrides came from, for error messages. */
  readonly overridesSource?: string;
}

/** Load the bundled catalog, then apply the user's additions and overrides. Throws CatalogError listing every problem. */
export function loadCatalog(options: LoadCatalogOptions = {}): Catalog {
  const bundled = bundledCatalog();
  const byId = new Map<string, CatalogModel>();
  for (const model of bundled.models) byId.set(model.id, model);

  const problems: string[] = [];
  const source = options.overridesSource ?? "config";
  (options.overrides ?? []).forEach((override, index) => {
    const base = byId.get(override.id);
    const merged = { ...(base ?? {}), ...override };
    const result = schemas().catalogModelSchema.safeParse(merged);
    if (!result.success) {
      const hint = base ? "" : " (a model not in the bundled catalog needs every field)";
      for (const line of formatIssues(`${source}: catalog.models[${index}] (${override.id})`, result.error)) {
        problems.push(line + hint);
      }
      return;
    }
    byId.set(result.data.id, result.data);
  });
  if (problems.length > 0) {
    throw new CatalogError("CATALOG_OVERRIDE_INVALID", `${problems.length} invalid catalog override(s)`, { problems });
  }
  return buildCatalog(bundled.snapshotDate, [...byId.values()]);
}

interface CatalogFile {
  readonly snapshotDate: string;
  readonly models: readonly CatalogModel[];
}
let bundledOnce: CatalogFile | undefined;

/**
 * catalog/models.json, read once per process and frozen: trusted as it is when its bytes are the reviewed ones
 * (catalog/trusted.ts), else validated with the schema, as every run did before.
 */
function bundledCatalog(): CatalogFile {
  if (bundledOnce !== undefined) return bundledOnce;
  let read: ReturnType<typeof readBundled>;
  try {
    read = readBundled("models.json");
  } catch (cause) {
    throw new CatalogError("CATALOG_SCHEMA_INVALID", `the bundled catalog/models.json cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
  let file: CatalogFile;
  if (read.reviewed) {
    file = read.document as CatalogFile;
  } else {
    const parsed = schemas().catalogFileSchema.safeParse(read.document);
    if (!parsed.success) {
      throw new CatalogError("CATALOG_SCHEMA_INVALID", "the bundled catalog/models.json is invalid", {
        problems: formatIssues("catalog/models.json", parsed.error),
      });
    }
    file = parsed.data;
  }
  return (bundledOnce = deepFreeze({ snapshotDate: file.snapshotDate, models: file.models }));
}

function buildCatalog(snapshotDate: string, models: CatalogModel[]): Catalog {
  const sorted = [...models].sort((a, b) => compareIds(a.id, b.id));
  const index = new Map(sorted.map((m) => [m.id, m] as const));
  const catalog: Catalog = {
    snapshotDate,
    models: sorted,
    get: (id: string) => index.get(id),
  };
  deepFreeze(sorted);
  return Object.freeze(catalog);
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when a model ID pattern contains IAM-style wildcards (* or ?). */
export function isPattern(value: string): boolean {
  return value.includes("*") || value.includes("?");
}

/** Compile an IAM-style wildcard (* any run, ? one character) to an anchored RegExp. */
export function wildcardToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
}

/** Every catalog model ID that the pattern matches, sorted. */
export function expandModelPattern(catalog: Catalog, pattern: string): string[] {
  if (!isPattern(pattern)) return catalog.get(pattern) ? [pattern] : [];
  const re = wildcardToRegExp(pattern);
  return catalog.models.filter((m) => re.test(m.id)).map((m) => m.id);
}

/** Up to `max` catalog IDs closest to an unknown one, for "did you mean" messages. */
export function suggestModelIds(catalog: Catalog, unknown: string, max = 3): string[] {
  const scored = catalog.models
    .map((m) => ({ id: m.id, d: levenshtein(unknown.toLowerCase(), m.id.toLowerCase()) }))
    .filter((s) => s.d <= Math.max(3, Math.floor(unknown.length / 3)))
    .sort((a, b) => a.d - b.d || compareIds(a.id, b.id));
  return scored.slice(0, max).map((s) => s.id);
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** One line per zod issue: "<where>: <path>: <message> (got <value>)". */
export function formatIssues(where: string, error: z.ZodError, input?: unknown): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)";
    const got = input === undefined ? "" : describeValue(valueAt(input, issue.path));
    return `${where}: ${path}: ${issue.message}${got}`;
  });
}

