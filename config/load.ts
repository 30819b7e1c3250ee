import { readFileSync } from "node:fs";
import type { Document, LineCounter } from "yaml";
import type { z } from "zod";
import { ConfigError, isModelgateError } from "../core/errors";
import { deepFreeze } from "../core/canonical-json";
import { describeValue, valueAt } from "../core/describe-value";
import {
  GEOGRAPHIES,
  catalogModelSchema,
  catalogOverrideSchema,
  expandModelPattern,
  isPattern,
  loadCatalog,
  suggestModelIds,
  wildcardToRegExp,
  type Catalog,
  type Geography,
} from "../catalog";
import { readYamlFast } from "./fast-yaml";
import { closest, unknownRegion } from "./regions";
import { configJsonSchema } from "./json-schema";
import { accountSchema, allowListSchema, configFileSchema, ouSchema, type AllowListInput, type ConfigFile, type ModelEntry } from "./schema";
import type {
  ApprovedModels,
  DenySurfaces,
  PatternExpansion,
  ResolvedAccount,
  ResolvedConfig,
  ResolvedTarget,
  TargetKind,
} from "./types";

type PathPart = string | number;

/** Read and resolve a modelgate.yaml. Throws ConfigError("CONFIG_INVALID") listing every problem. */
export function loadConfig(path: string): ResolvedConfig {
  return parseConfig(readConfigText(path), path);
}

/**
 * Read and check a modelgate.yaml without throwing on its problems (`modelgate validate`): every problem and warning
 * of every stage. Throws ConfigError("CONFIG_UNREADABLE") when the file cannot be read.
 */
export function checkConfigFile(path: string): ConfigCheck {
  return checkConfigText(readConfigText(path), path);
}

function readConfigText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : "file cannot be read";
    throw new ConfigError("CONFIG_UNREADABLE", `${path}: ${reason}`, { cause, problems: [`${path}: ${reason}`] });
  }
}

/** Parse and resolve config text; `fileName` names the source in every problem. */
export function parseConfig(text: string, fileName: string): ResolvedConfig {
  const checked = checkConfigText(text, fileName);
  if (checked.resolved === undefined) throw invalid(fileName, [...checked.problems]);
  return checked.resolved;
}

/** The outcome of checking a config: `resolved` exactly when `problems` is empty. */
export interface ConfigCheck {
  readonly resolved?: ResolvedConfig;
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Every problem of config text, stage by stage. YAML syntax errors and the alias limit stop there (the document's
 * structure is not known). Schema problems do not: each section, OU, account and catalog override that passes the
 * schema on its own still goes through the cross-field checks (parents, narrowing, accounts) and the catalog checks
 * (unknown IDs, patterns that match nothing); references to an entry the schema refused are not reported again.
 */
export function checkConfigText(text: string, fileName: string): ConfigCheck {
  // the fast reader first (config/fast-yaml.ts); a config it cannot read, or that has problems, is read again by
  // `yaml`, so that every problem is reported exactly as before, with its line and column
  const fast = readYamlFast(text);
  if (fast !== undefined) {
    const parsed = configFileSchema.safeParse(fast.value ?? {});
    if (parsed.success) {
      const checked = new Resolver(parsed.data, new Locator(fileName, text), NOTHING_REFUSED).check();
      if (checked.problems.length === 0) return checked;
    }
  }
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      const where = `${fileName}:${pos.line}:${pos.col}`;
      return `${where}: YAML syntax error: ${e.message.split("\n")[0]}`;
    });
    return { problems, warnings: [] };
  }
  const locator = new Locator(fileName, text, { doc, lines: lineCounter });
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    return { problems: [aliasProblem(fileName, doc, lineCounter, cause)], warnings: [] };
  }
  const parsed = configFileSchema.safeParse(raw ?? {});
  if (parsed.success) return new Resolver(parsed.data, locator, NOTHING_REFUSED).check();
  const problems = zodProblems(parsed.error, raw, locator);
  const partial = partialConfig(raw);
  if (partial === undefined) return { problems, warnings: [] };
  const rest = new Resolver(partial.cfg, locator, partial.refused).check();
  return { problems: [...problems, ...rest.problems], warnings: rest.warnings };
}

/**
 * The `yaml` library, loaded when a config is read by it (a problem to place, or text the fast reader leaves to it):
 * a config without problems is read without loading it.
 */
function yamlLibrary(): typeof import("yaml") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("yaml") as typeof import("yaml");
}

/** What the schema refused, so that the cross-field checks do not report it again. */
interface Refused {
  /** IDs of OUs (and the root ID when targets.root was refused) whose allow-lists are not known. */
  readonly levels: ReadonlySet<string>;
  /** An OU without a usable ID was refused: a reference to an unknown OU may be to it. */
  readonly unnamedOu: boolean;
  /** IDs of catalog overrides the schema refused: models the config may name but the catalog lacks. */
  readonly overrideIds: ReadonlySet<string>;
}

const NOTHING_REFUSED: Refused = { levels: new Set(), unnamedOu: false, overrideIds: new Set() };

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The parts of a config the schema refused as a whole that pass it on their own: every section, and each OU,
 * account and catalog override separately. Undefined when the document is not a mapping.
 */
function partialConfig(raw: unknown): { cfg: ConfigFile; refused: Refused } | undefined {
  if (raw !== undefined && raw !== null && !isRecord(raw)) return undefined;
  const doc = raw ?? {};
  const shape = configFileSchema.shape;
  const levels = new Set<string>();
  const overrideIds = new Set<string>();
  let unnamedOu = false;

  const org = shape.organization.safeParse(doc.organization);
  const rawOrg = isRecord(doc.organization) ? doc.organization : {};
  const rootId = org.success ? org.data.rootId : typeof rawOrg.rootId === "string" && rawOrg.rootId !== "" ? rawOrg.rootId : "(organization.rootId)";
  const organization: ConfigFile["organization"] = org.success
    ? org.data
    : {
        // Only rootId is used by the checks below (it keys the root level); the rest is never rendered.
        managementAccountId: "",
        rootId,
        marketplace: { mode: "subscribe-on-first-call" },
        anthropicUseCaseForm: "documented-step",
        backend: { type: "local" },
        policyNamePrefix: "modelgate",
        skipDestroy: false,
      };

  const rawCatalog = isRecord(doc.catalog) ? doc.catalog : {};
  const overrides: ConfigFile["catalog"]["overrides"] = [];
  for (const entry of Array.isArray(rawCatalog.overrides) ? rawCatalog.overrides : []) {
    const one = catalogOverrideSchema.safeParse(entry);
    if (one.success) overrides.push(one.data);
    else if (isRecord(entry) && typeof entry.id === "string") overrideIds.add(entry.id);
  }

  const rawTargets = isRecord(doc.targets) ? doc.targets : {};
  let root: ConfigFile["targets"]["root"];
  if (rawTargets.root !== undefined) {
    const r = allowListSchema.safeParse(rawTargets.root);
    if (r.success) root = r.data;
    else levels.add(rootId);
  }
  const ous: ConfigFile["targets"]["ous"] = [];
  for (const entry of Array.isArray(rawTargets.ous) ? rawTargets.ous : []) {
    const one = ouSchema.safeParse(entry);
    if (one.success) ous.push(one.data);
    else if (isRecord(entry) && typeof entry.id === "string") levels.add(entry.id);
    else unnamedOu = true;
  }
  // A refused OU keeps its place in the hierarchy, so its children and accounts are not reported as orphans.
  const accounts: ConfigFile["accounts"] = [];
  for (const entry of Array.isArray(doc.accounts) ? doc.accounts : []) {
    const one = accountSchema.safeParse(entry);
    if (one.success) accounts.push(one.data);
  }
  const gate = shape.gate.safeParse(doc.gate);
  const cfg: ConfigFile = {
    version: 1,
    organization,
    catalog: { overrides },
    targets: { ...(root !== undefined ? { root } : {}), ous },
    accounts,
    gate: gate.success ? gate.data : { unresolvedPolicySeverity: "medium" },
  };
  return { cfg, refused: { levels, unnamedOu, overrideIds } };
}

/** The yaml library's default: more alias expansions than this in one document is refused (a "billion laughs" guard). */
export const MAX_ALIAS_COUNT = 100;

/** toJS throws on too many alias expansions (or an alias it cannot resolve): report it at the first alias. */
function aliasProblem(fileName: string, doc: Document, lines: LineCounter, cause: unknown): string {
  const aliases: { source: string; offset: number }[] = [];
  yamlLibrary().visit(doc, {
    Alias(_key, node) {
      aliases.push({ source: node.source, offset: node.range?.[0] ?? 0 });
    },
  });
  const first = aliases[0];
  const where = first ? `${fileName}:${lines.linePos(first.offset).line}:${lines.linePos(first.offset).col}` : fileName;
  const detail = cause instanceof Error ? cause.message : String(cause);
  if (/alias count/i.test(detail)) {
    return `${where}: YAML aliases: ${aliases.length} alias use(s) (first *${first?.source ?? "?"}) expand to more than ${MAX_ALIAS_COUNT} nodes, the limit that guards against alias bombs; write the repeated values out`;
  }
  return `${where}: YAML aliases: ${detail}`;
}

function invalid(fileName: string, problems: string[]): ConfigError {
  return new ConfigError("CONFIG_INVALID", `${fileName}: ${problems.length} problem(s) in the configuration`, { problems });
}

/** Formats YAML paths and finds their line:column (the `yaml` document is built when a position is first asked for). */
class Locator {
  constructor(
    readonly fileName: string,
    private readonly text: string,
    private tree?: { readonly doc: Document; readonly lines: LineCounter },
  ) {}

  problem(path: readonly PathPart[], rule: string, value?: unknown): string {
    return `${this.where(path)}: ${formatPath(path)}: ${rule}${describeValue(value)}`;
  }

  /** The text the user wrote for the scalar at `path`, when there is one (e.g. 012345678901 before YAML made it a number). */
  source(path: readonly PathPart[]): string | undefined {
    const node = this.parsed().doc.getIn(path, true);
    return yamlLibrary().isScalar(node) && typeof node.source === "string" ? node.source : undefined;
  }

  private parsed(): { readonly doc: Document; readonly lines: LineCounter } {
    if (this.tree === undefined) {
      const { LineCounter, parseDocument } = yamlLibrary();
      const lines = new LineCounter();
      this.tree = { doc: parseDocument(this.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
    }
    return this.tree;
  }

  private where(path: readonly PathPart[]): string {
    const { doc, lines } = this.parsed();
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && Array.isArray(node.range)) {
        const pos = lines.linePos(node.range[0]);
        return `${this.fileName}:${pos.line}:${pos.col}`;
      }
    }
    return this.fileName;
  }
}

/** targets.ous[1].models[0] */
export function formatPath(path: readonly PathPart[]): string {
  if (path.length === 0) return "(root)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function zodProblems(error: z.ZodError, raw: unknown, locator: Locator): string[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.filter((p): p is PathPart => typeof p === "string" || typeof p === "number");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => {
        const near = closest(key, KNOWN_KEYS);
        const hint = near.length > 0 ? `did you mean ${near.join(", ")}?` : "allowed keys are listed in examples/organization/modelgate.yaml";
        return locator.problem([...path, key], `unknown key; ${hint}`, key);
      });
    }
    const value = valueAt(raw, path);
    if (issue.code === "invalid_type") {
      const expected = String(issue.expected);
      if (expected === "string" && typeof value === "number") {
        const written = locator.source(path) ?? String(value);
        const what = /(^|\.)(id|managementAccountId)$/.test(formatPath(path)) ? "an account ID" : "this value";
        return [locator.problem(path, `${what} must be a string: quote it ("${written}"); as a YAML number it loses leading zeros`)];
      }
      return [locator.problem(path, `expected ${expectedWords(path, expected)}, got ${typeWords(value)}`, value)];
    }
    return [locator.problem(path, issue.message, value)];
  });
}

/** Every key the config schema knows, for "did you mean" on an unknown one. */
const KNOWN_KEYS: readonly string[] = (() => {
  const keys = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === "properties" && v !== null && typeof v === "object") for (const name of Object.keys(v)) keys.add(name);
      walk(v);
    }
  };
  walk(configJsonSchema());
  return [...keys].sort();
})();

const LIST_NOUNS: Readonly<Record<string, string>> = {
  models: "a list of model IDs",
  geographies: "a list of geographies",
  regions: "a list of Regions",
  attachToRoles: "a list of role names",
  attachToGroups: "a list of group names",
  assumedBy: "a list of principals",
  ous: "a list of OUs",
  accounts: "a list of accounts",
  overrides: "a list of catalog models",
};

function expectedWords(path: readonly PathPart[], expected: string): string {
  const last = [...path].reverse().find((p): p is string => typeof p === "string") ?? "";
  if (expected === "array") return LIST_NOUNS[last] ?? "a list";
  if (expected === "object") return "a mapping (key: value lines)";
  if (expected === "boolean") return "true or false";
  if (expected === "number" || expected === "int") return "a number";
  return `a ${expected}`;
}

function typeWords(value: unknown): string {
  if (value === undefined) return "nothing (the key is missing)";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "boolean") return `${value}`;
  return `a ${typeof value}`;
}

/** A root, OU or account allow-list level before resolution. */
interface Level {
  readonly kind: TargetKind;
  readonly id: string;
  readonly name: string;
  readonly path: readonly PathPart[];
  readonly parent: string | null;
  readonly own: AllowListInput;
}

/** The effective allow-list of a level below one that is missing, refused or in a cycle (already reported). */
const UNRESOLVED = Symbol("unresolved");

const DENY_DEFAULT: DenySurfaces = { bedrockMantle: true, claudePlatform: true, apiKeys: true };

class Resolver {
  private readonly problems: string[] = [];
  private readonly expansions: PatternExpansion[] = [];
  private readonly warnings: string[] = [];
  /** Effective allow-list per level: null when nothing above restricts models, UNRESOLVED when it cannot be known. */
  private readonly effective = new Map<string, ApprovedModels | null | typeof UNRESOLVED>();
  private readonly levels = new Map<string, Level>();
  /** Model IDs the catalog lacks because the override that adds them was refused: not reported again. */
  private readonly refusedModels = new Set<string>();
  private catalog!: Catalog;

  constructor(
    private readonly cfg: ConfigFile,
    private readonly loc: Locator,
    private readonly refused: Refused,
  ) {
    for (const id of refused.overrideIds) this.refusedModels.add(id);
  }

  /** Every check, each stage on what the earlier ones left usable; `resolved` only when there is no problem. */
  check(): ConfigCheck {
    const cfg = this.cfg;
    this.checkRegions();
    const overrides = this.checkOverrides();
    try {
      this.catalog = loadCatalog({ overrides, overridesSource: `${this.loc.fileName}: catalog.overrides` });
    } catch (error) {
      if (!isModelgateError(error)) throw error;
      this.problems.push(...error.problems);
      // Go on with the bundled catalog; the models the overrides add are not reported as unknown.
      this.catalog = loadCatalog();
      for (const o of overrides) if (!this.catalog.get(o.id)) this.refusedModels.add(o.id);
    }
    this.collectLevels();
    for (const level of this.levels.values()) this.resolveLevel(level, []);
    const accounts = this.resolveAccounts();
    if (this.problems.length > 0) return { problems: [...this.problems], warnings: [...this.warnings] };

    const targets: ResolvedTarget[] = [];
    for (const level of this.levels.values()) {
      const own = level.own;
      const approved = this.effective.get(level.id);
      if (!approved || approved === UNRESOLVED || (own.models === undefined && own.geographies === undefined && own.deny === undefined)) continue;
      targets.push({ kind: level.kind, id: level.id, name: level.name, yamlPath: formatPath(level.path), approved, otherScps: own.otherScps ?? 0 });
    }
    const org = cfg.organization;
    const resolved: ResolvedConfig = {
      source: this.loc.fileName,
      catalog: this.catalog,
      organization: {
        managementAccountId: org.managementAccountId,
        rootId: org.rootId,
        marketplace: org.marketplace,
        anthropicUseCaseForm: org.anthropicUseCaseForm,
        backend: org.backend,
        policyNamePrefix: org.policyNamePrefix,
        skipDestroy: org.skipDestroy,
      },
      targets,
      accounts,
      layout: this.layout(),
      expansions: this.expansions,
      gate: { unresolvedPolicySeverity: cfg.gate.unresolvedPolicySeverity },
      warnings: this.warnings,
    };
    // The catalog is already frozen; freeze the rest without walking into it.
    for (const key of ["organization", "targets", "accounts", "layout", "expansions", "gate", "warnings"] as const) deepFreeze(resolved[key]);
    return { resolved: Object.freeze(resolved), problems: [], warnings: [...this.warnings] };
  }

  /**
   * Each catalog override, merged over the bundled model it changes, must be a whole valid model: with line:col.
   * Returns the overrides that are; the others' IDs are remembered so that naming them is not reported again.
   */
  private checkOverrides(): ConfigFile["catalog"]["overrides"] {
    const bundled = loadCatalog();
    const usable: ConfigFile["catalog"]["overrides"] = [];
    this.cfg.catalog.overrides.forEach((override, i) => {
      const base = bundled.get(override.id);
      const merged = { ...(base ?? {}), ...override };
      const result = catalogModelSchema.safeParse(merged);
      if (result.success) return void usable.push(override);
      if (!base) this.refusedModels.add(override.id);
      const hint = base ? "" : ` (${override.id} is not in the bundled catalog, so its override needs every field)`;
      for (const issue of result.error.issues) {
        const sub = issue.path.filter((p): p is PathPart => typeof p === "string" || typeof p === "number");
        this.problem(["catalog", "overrides", i, ...sub], `${issue.message}${hint}`, valueAt(merged, sub));
      }
    });
    return usable;
  }

  /** A reference to an OU the schema refused (or may have refused) is not reported again. */
  private refusedLevel(id: string): boolean {
    return this.refused.levels.has(id) || this.refused.unnamedOu;
  }

  private problem(path: readonly PathPart[], rule: string, value?: unknown): void {
    this.problems.push(this.loc.problem(path, rule, value));
  }

  /** Well-formed Region names that are not in config/regions.ts: warnings with "did you mean", never errors. */
  private checkRegions(): void {
    const { cfg } = this;
    const check = (path: readonly PathPart[], value: string) => {
      const message = unknownRegion(value);
      if (message !== undefined) this.warnings.push(this.loc.problem(path, message, value));
    };
    const checkList = (path: readonly PathPart[], regions: readonly string[] | undefined) =>
      regions?.forEach((r, i) => check([...path, "regions", i], r));
    if (cfg.organization.backend.type === "s3") check(["organization", "backend", "region"], cfg.organization.backend.region);
    checkList(["targets", "root"], cfg.targets.root?.regions);
    cfg.targets.ous.forEach((ou, i) => checkList(["targets", "ous", i], ou.regions));
    cfg.accounts.forEach((account, i) => {
      check(["accounts", i, "region"], account.region);
      checkList(["accounts", i, "allowList"], account.allowList?.regions);
    });
  }

  private collectLevels(): void {
    const { cfg } = this;
    const rootId = cfg.organization.rootId;
    this.levels.set(rootId, { kind: "root", id: rootId, name: "Root", path: ["targets", "root"], parent: null, own: cfg.targets.root ?? {} });
    cfg.targets.ous.forEach((ou, i) => {
      if (this.levels.has(ou.id)) return this.problem(["targets", "ous", i, "id"], "duplicate OU ID", ou.id);
      const parent = ou.parent === "root" ? rootId : ou.parent;
      const { id, name, parent: _p, ...own } = ou;
      this.levels.set(id, { kind: "ou", id, name, path: ["targets", "ous", i], parent, own });
    });
    cfg.targets.ous.forEach((ou, i) => {
      const parent = ou.parent === "root" ? rootId : ou.parent;
      if (!this.levels.has(parent) && !this.refusedLevel(parent)) {
        this.problem(["targets", "ous", i, "parent"], `must be "root" or the ID of an OU listed under targets.ous`, ou.parent);
      }
    });
    const ids = new Set<string>();
    const names = new Set<string>();
    cfg.accounts.forEach((account, i) => {
      if (ids.has(account.id)) this.problem(["accounts", i, "id"], "duplicate account ID", account.id);
      if (names.has(account.name)) this.problem(["accounts", i, "name"], "duplicate account name (it names the stack)", account.name);
      ids.add(account.id);
      names.add(account.name);
      const ou = account.ou === "root" ? rootId : account.ou;
      if ((!this.levels.has(ou) && !this.refusedLevel(ou)) || this.levels.get(ou)?.kind === "account") {
        this.problem(["accounts", i, "ou"], `must be "root" or the ID of an OU listed under targets.ous`, account.ou);
      }
      const recipients = account.invokePolicy;
      if ((recipients.attachToRoles ?? []).length + (recipients.attachToGroups ?? []).length === 0 && !recipients.createRole) {
        this.problem(["accounts", i, "invokePolicy"], "must name at least one role or group in attachToRoles/attachToGroups, or a createRole");
      }
      if (account.allowList) {
        this.levels.set(account.id, { kind: "account", id: account.id, name: account.name, path: ["accounts", i, "allowList"], parent: ou, own: account.allowList });
      }
      const roleAccount = account.assumeRoleArn.split(":")[4];
      if (roleAccount !== account.id) {
        this.problem(["accounts", i, "assumeRoleArn"], `names account ${roleAccount}, not this account (${account.id}); the stack would manage another account's IAM`, account.assumeRoleArn);
      }
      if (account.id === cfg.organization.managementAccountId) {
        this.warnings.push(`${formatPath(["accounts", i])} (${account.id}) is the management account: SCPs do not apply to it, only its IAM policy restricts it`);
      }
    });
  }

  /**
   * Effective allow-list of a level (null: no level from the root down restricts models; UNRESOLVED: a level above
   * is missing, refused by the schema or in a cycle, already reported; then only the level's own models are checked).
   */
  private resolveLevel(level: Level, visiting: string[]): ApprovedModels | null | typeof UNRESOLVED {
    if (this.effective.has(level.id)) return this.effective.get(level.id) ?? null;
    if (visiting.includes(level.id)) {
      this.problem([...level.path, "parent"], `OU parents form a cycle: ${[...visiting, level.id].join(" → ")}`, level.parent);
      this.effective.set(level.id, UNRESOLVED);
      return UNRESOLVED;
    }
    const parentLevel = level.parent === null ? undefined : this.levels.get(level.parent);
    const parent =
      this.refused.levels.has(level.id) || (level.parent !== null && parentLevel === undefined)
        ? UNRESOLVED
        : parentLevel
          ? this.resolveLevel(parentLevel, [...visiting, level.id])
          : null;
    if (this.effective.has(level.id)) return this.effective.get(level.id) ?? null; // set while resolving a cycle
    if (parent === UNRESOLVED) {
      if (level.own.models !== undefined) this.expandModels(level.own.models, [...level.path, "models"]);
      this.effective.set(level.id, UNRESOLVED);
      return UNRESOLVED;
    }
    const result = this.narrow(level, parent, parentLevel);
    this.effective.set(level.id, result);
    return result;
  }

  private narrow(level: Level, parent: ApprovedModels | null, parentLevel: Level | undefined): ApprovedModels | null {
    const own = level.own;
    const path = level.path;
    const parentName = parentLevel ? formatPath(parentLevel.path) : "";
    const declaresAny = own.models !== undefined || own.geographies !== undefined || own.deny !== undefined || own.regions !== undefined;
    if (parent === null && !declaresAny) return null;
    if (parent === null && own.models === undefined) {
      this.problem(path, "declares geographies, regions or deny but no level from the root down approves models; add models here or above");
      return null;
    }

    // Models.
    let models: string[];
    let literalPatterns: string[];
    if (own.models === undefined) {
      models = [...(parent?.models ?? [])];
      literalPatterns = [...(parent?.literalPatterns ?? [])];
    } else {
      const expanded = this.expandModels(own.models, [...path, "models"]);
      models = expanded.models;
      literalPatterns = expanded.literalPatterns;
      if (parent) this.checkModelsNarrow(own.models, parent, [...path, "models"], parentName);
    }

    // Geographies.
    let geographies: Geography[];
    if (own.geographies === undefined) {
      geographies = [...(parent?.geographies ?? [])];
    } else {
      geographies = sortedUnique(own.geographies).sort((a, b) => GEOGRAPHIES.indexOf(a) - GEOGRAPHIES.indexOf(b));
      if (parent) {
        own.geographies.forEach((g, i) => {
          if (!parent.geographies.includes(g)) {
            this.problem([...path, "geographies", i], `not allowed by the parent (${parentName}, which allows [${parent.geographies.join(", ")}]); a level can only narrow its parent, so this would have no effect`, g);
          }
        });
      }
    }

    // Regions.
    let regions: string[] | null;
    if (own.regions === undefined) {
      regions = parent?.regions ? [...parent.regions] : null;
    } else {
      regions = sortedUnique(own.regions);
      const parentRegions = parent?.regions;
      if (parentRegions) {
        own.regions.forEach((r, i) => {
          if (!parentRegions.includes(r)) {
            this.problem([...path, "regions", i], `not allowed by the parent (${parentName}, which allows [${parentRegions.join(", ")}]); a level can only narrow its parent, so this would have no effect`, r);
          }
        });
      }
    }

    // Denied surfaces: a child may add denials, not lift them.
    const inherited = parent?.deny ?? DENY_DEFAULT;
    const deny: DenySurfaces = {
      bedrockMantle: own.deny?.bedrockMantle ?? inherited.bedrockMantle,
      claudePlatform: own.deny?.claudePlatform ?? inherited.claudePlatform,
      apiKeys: own.deny?.apiKeys ?? inherited.apiKeys,
    };
    if (parent) {
      for (const key of ["bedrockMantle", "claudePlatform", "apiKeys"] as const) {
        if (own.deny?.[key] === false && parent.deny[key]) {
          this.problem([...path, "deny", key], `the parent (${parentName}) denies this surface; a level can only narrow its parent, so false would have no effect`, false);
        }
      }
    }

    // A profile-only model needs at least one approved geography among its profiles.
    if (own.models !== undefined || own.geographies !== undefined) {
      for (const id of models) {
        const model = this.catalog.get(id);
        if (!model || model.onDemand || !model.hasFoundationModelArn) continue;
        if (!model.profilePrefixes.some((p) => geographies.includes(p))) {
          this.problem([...path, own.models !== undefined ? "models" : "geographies"], `${id} is callable only through inference profiles (${model.profilePrefixes.join(", ")}) and none of those geographies is approved here; approve one or remove the model`, geographies);
        }
      }
    }
    return { models, literalPatterns, geographies, regions, deny };
  }

  private expandModels(entries: readonly ModelEntry[], path: PathPart[]): { models: string[]; literalPatterns: string[] } {
    const models: string[] = [];
    const literalPatterns: string[] = [];
    entries.forEach((entry, i) => {
      const here = [...path, i];
      if (typeof entry === "string") {
        if (isPattern(entry)) {
          const matched = expandModelPattern(this.catalog, entry);
          if (matched.length === 0) return this.problem(here, "the pattern matches no model in the catalog", entry);
          this.expansions.push({ yamlPath: formatPath(here), pattern: entry, literal: false, models: matched });
          models.push(...matched);
        } else if (this.catalog.get(entry)) {
          models.push(entry);
        } else if (this.refusedModels.has(entry)) {
          // Its catalog override was refused, and that is reported where it is.
        } else {
          const suggestions = suggestModelIds(this.catalog, entry);
          const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(", ")}?` : "";
          this.problem(here, `unknown model ID (not in catalog snapshot ${this.catalog.snapshotDate}; add it under catalog.overrides)${hint}`, entry);
        }
        return;
      }
      if (!isPattern(entry.pattern)) return this.problem([...here, "pattern"], "literal: true needs a wildcard pattern (* or ?); write an exact ID as a plain string", entry.pattern);
      const matched = expandModelPattern(this.catalog, entry.pattern);
      if (matched.length === 0) return this.problem([...here, "pattern"], "the pattern matches no model in the catalog", entry.pattern);
      this.expansions.push({ yamlPath: formatPath(here), pattern: entry.pattern, literal: true, models: matched });
      literalPatterns.push(entry.pattern);
    });
    return { models: sortedUnique(models), literalPatterns: sortedUnique(literalPatterns) };
  }

  private checkModelsNarrow(
    entries: readonly ModelEntry[],
    parent: ApprovedModels,
    path: PathPart[],
    parentName: string,
  ): void {
    const parentLiterals = parent.literalPatterns.map(wildcardToRegExp);
    const allowedByParent = (id: string) => parent.models.includes(id) || parentLiterals.some((re) => re.test(id));
    entries.forEach((entry, i) => {
      if (typeof entry === "string") {
        const ids = isPattern(entry) ? expandModelPattern(this.catalog, entry) : this.catalog.get(entry) ? [entry] : [];
        const outside = ids.filter((id) => !allowedByParent(id));
        if (outside.length > 0) {
          this.problem([...path, i], `not approved by the parent (${parentName}): ${outside.join(", ")}; a level can only narrow its parent, so this would have no effect`, entry);
        }
      } else if (!parent.literalPatterns.includes(entry.pattern)) {
        this.problem([...path, i, "pattern"], `a literal wildcard must also be approved literally by the parent (${parentName}); a level can only narrow its parent`, entry.pattern);
      }
    });
  }

  /** Every node's parent as the config places it (root: null), sorted by ID. */
  private layout(): Record<string, string | null> {
    const rootId = this.cfg.organization.rootId;
    const parents = new Map<string, string | null>();
    for (const level of this.levels.values()) if (level.kind !== "account") parents.set(level.id, level.parent);
    for (const account of this.cfg.accounts) parents.set(account.id, account.ou === "root" ? rootId : account.ou);
    return Object.fromEntries([...parents].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  private resolveAccounts(): ResolvedAccount[] {
    const { cfg } = this;
    const rootId = cfg.organization.rootId;
    const out: ResolvedAccount[] = [];
    cfg.accounts.forEach((account, i) => {
      const ou = account.ou === "root" ? rootId : account.ou;
      const effective = this.effective.get(account.allowList ? account.id : ou) ?? null;
      // A level above that is unknown, refused or in a cycle is reported where it is.
      if (effective === UNRESOLVED || !this.levels.has(account.allowList ? account.id : ou)) return;
      // Resolved, so the chain up to the root has no cycle.
      const chain: string[] = [];
      for (let cur: string | null = account.allowList ? account.id : ou; cur !== null; cur = this.levels.get(cur)?.parent ?? null) {
        chain.unshift(cur);
      }
      if (!effective) {
        this.problem(["accounts", i], "no level from the root down to this account approves any model; declare models on targets.root, its OU, or the account's allowList", account.name);
        return;
      }
      const recipients = account.invokePolicy;
      out.push({
        id: account.id,
        name: account.name,
        ou: account.ou === "root" ? "root" : account.ou,
        region: account.region,
        assumeRoleArn: account.assumeRoleArn,
        invokePolicy: {
          attachToRoles: sortedUnique(recipients.attachToRoles ?? []),
          attachToGroups: sortedUnique(recipients.attachToGroups ?? []),
          createRole: recipients.createRole ? { name: recipients.createRole.name, assumedBy: sortedUnique(recipients.createRole.assumedBy) } : null,
        },
        effective,
        chain,
      });
    });
    return out;
  }
}

function sortedUnique<T extends string>(values: readonly T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
