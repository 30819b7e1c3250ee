/**
 * fast-check generators of VALID modelgate configs, as the plain objects a user would write in modelgate.yaml
 * (dump them with `yaml` and feed them to parseConfig). Every level only narrows its parent, profile-only models
 * always keep one approved geography among their profiles, and IDs are unique, so parseConfig accepts every
 * generated config; a generator bug shows up as a ConfigError, never as a silently different config.
 *
 * The generator tracks each level's effective allow-list only to stay valid. Tests must derive their expectations
 * from the generated object itself (see test/policies/semantics.test.ts), not from this bookkeeping.
 */
import fc from "fast-check";
import { GEOGRAPHIES, type Catalog, type Geography } from "../../catalog";

export type RawModelEntry = string | { readonly pattern: string; readonly literal: true };

export interface RawDeny {
  bedrockMantle?: boolean;
  claudePlatform?: boolean;
  apiKeys?: boolean;
}

/** The allow-list keys of a root, OU or account level, as written in the file. */
export interface RawAllowList {
  models?: RawModelEntry[];
  geographies?: Geography[];
  regions?: string[];
  deny?: RawDeny;
}

export interface RawOu extends RawAllowList {
  id: string;
  name: string;
  parent: string;
}

export interface RawAccount {
  id: string;
  name: string;
  ou: string;
  region: string;
  assumeRoleArn: string;
  invokePolicy: {
    attachToRoles?: string[];
    attachToGroups?: string[];
    createRole?: { name: string; assumedBy: string[] };
  };
  allowList?: RawAllowList;
}

export type RawMarketplace = { mode: "subscribe-on-first-call" } | { mode: "designated-subscriber"; subscriberRoleName: string };

export interface RawConfig {
  version: 1;
  organization: { managementAccountId: string; rootId: string; marketplace?: RawMarketplace };
  targets?: { root?: RawAllowList; ous?: RawOu[] };
  accounts: RawAccount[];
}

/** Regions the generator draws from (and the test picks "outside" Regions from). */
export const REGION_POOL = ["us-east-1", "us-west-2", "eu-central-1", "eu-west-1", "ap-northeast-1", "ap-southeast-2"] as const;

/** Expanded (non-literal) patterns the generator may write; each must match at least one catalog model. */
export const MODEL_PATTERNS = ["amazon.nova-*", "anthropic.claude-*", "anthropic.claude-haiku-4-5*", "cohere.*", "meta.llama3*", "mistral.mistral-*", "twelvelabs.*", "stability.stable-image-*"] as const;

/** Patterns the generator may write as literal wildcards ({pattern, literal: true}). */
export const LITERAL_PATTERNS = ["amazon.nova-*", "cohere.embed-*", "meta.llama3-?-70b-instruct-v1:0"] as const;

export const MANAGEMENT_ACCOUNT_ID = "999999999999";
export const ROOT_ID = "r-g3n0";
export const SUBSCRIBER_ROLE = "MarketplaceAdmin";

/** A model-ID glob: `*` any run (also empty), `?` one character. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

/** What the generator needs to know about a level to keep its children valid. */
interface LevelState {
  readonly models: readonly string[];
  readonly literals: readonly string[];
  readonly geographies: readonly Geography[];
  readonly regions: readonly string[] | null;
  readonly deny: Required<RawDeny>;
}

type Gen = fc.GeneratorValue;

/** A profile-only model is usable at a level only if one of its profile geographies is approved there. */
function usable(catalog: Catalog, id: string, geographies: readonly Geography[]): boolean {
  const m = catalog.get(id);
  if (!m || m.onDemand || !m.hasFoundationModelArn) return true;
  return m.profilePrefixes.some((p) => geographies.includes(p));
}

function expand(catalog: Catalog, pattern: string): string[] {
  const re = globToRegExp(pattern);
  return catalog.models.filter((m) => re.test(m.id)).map((m) => m.id);
}

function subset<T>(g: Gen, values: readonly T[], min: number, max = values.length): T[] {
  if (values.length === 0) return [];
  return g(fc.subarray, [...values], { minLength: Math.min(min, values.length), maxLength: Math.min(max, values.length) });
}

function genDeny(g: Gen, parent: Required<RawDeny> | null): RawDeny | undefined {
  if (!g(fc.boolean)) return undefined;
  const out: RawDeny = {};
  for (const key of ["bedrockMantle", "claudePlatform", "apiKeys"] as const) {
    const choice = g(fc.constantFrom, "inherit", "true", "false");
    if (choice === "true") out[key] = true;
    // A child may not lift a parent's denial.
    if (choice === "false" && !(parent?.[key] ?? true)) out[key] = false;
    if (choice === "false" && parent === null) out[key] = false;
  }
  return out;
}

function mergeDeny(parent: Required<RawDeny> | null, own: RawDeny | undefined): Required<RawDeny> {
  const base = parent ?? { bedrockMantle: true, claudePlatform: true, apiKeys: true };
  return {
    bedrockMantle: own?.bedrockMantle ?? base.bedrockMantle,
    claudePlatform: own?.claudePlatform ?? base.claudePlatform,
    apiKeys: own?.apiKeys ?? base.apiKeys,
  };
}

/**
 * The first level that approves models (usually the root): 1-12 exact IDs, or 30-60 in one run out of four so that
 * SCPs need the compact and split strategies (or exceed even those); maybe an expanded pattern, maybe a literal wildcard.
 */
function genTop(g: Gen, catalog: Catalog): { own: RawAllowList; state: LevelState } {
  const big = g(fc.integer, { min: 0, max: 3 }) === 0;
  const geographies = g(fc.boolean) ? subset(g, GEOGRAPHIES, big ? 2 : 0) : undefined;
  const geos = geographies ?? [];
  const candidates = catalog.models.map((m) => m.id).filter((id) => usable(catalog, id, geos));
  const ids = subset(g, candidates, big ? 30 : 1, big ? 60 : 12);
  const patterns = MODEL_PATTERNS.filter((p) => expand(catalog, p).every((id) => usable(catalog, id, geos)));
  const pattern = patterns.length > 0 && g(fc.integer, { min: 0, max: 3 }) === 0 ? [g(fc.constantFrom, ...patterns)] : [];
  const literals = g(fc.integer, { min: 0, max: 4 }) === 0 ? [g(fc.constantFrom, ...LITERAL_PATTERNS)] : [];
  const regions = g(fc.boolean) ? subset(g, REGION_POOL, 1, 3) : undefined;
  const deny = genDeny(g, null);
  const own: RawAllowList = {
    models: [...ids, ...pattern, ...literals.map((p) => ({ pattern: p, literal: true as const }))],
    ...(geographies !== undefined ? { geographies } : {}),
    ...(regions !== undefined ? { regions } : {}),
    ...(deny !== undefined ? { deny } : {}),
  };
  const models = [...new Set([...ids, ...pattern.flatMap((p) => expand(catalog, p))])].sort();
  return { own, state: { models, literals, geographies: geos, regions: regions ?? null, deny: mergeDeny(null, deny) } };
}

/**
 * An OU or account level below `parent`: declares nothing, or narrows some of models, geographies, Regions, deny.
 * Below a level that approves nothing (parent null) it either declares nothing or is the first to approve models;
 * `mustApprove` forces the latter (an account needs some level on its path to approve models).
 */
function genChild(g: Gen, catalog: Catalog, parent: LevelState | null, mustApprove = false): { own: RawAllowList | undefined; state: LevelState | null } {
  if (parent === null) return mustApprove || g(fc.boolean) ? genTop(g, catalog) : { own: undefined, state: null };
  if (!g(fc.boolean)) return { own: undefined, state: parent };
  let geographies = g(fc.boolean) ? subset(g, parent.geographies, 0) : undefined;
  let geos = geographies ?? parent.geographies;
  let candidates = parent.models.filter((id) => usable(catalog, id, geos));
  if (candidates.length === 0 && parent.literals.length === 0) {
    // Narrowing the geographies left nothing callable: keep the parent's.
    geographies = undefined;
    geos = parent.geographies;
    candidates = parent.models.filter((id) => usable(catalog, id, geos));
  }
  // Narrowed geographies can strand an inherited profile-only model: then models must be narrowed too.
  const mustDeclareModels = candidates.length < parent.models.length;
  let models: RawModelEntry[] | undefined;
  let state = { models: parent.models, literals: parent.literals };
  if (mustDeclareModels || g(fc.boolean)) {
    const ids = subset(g, candidates, 0, 10);
    const patterns = MODEL_PATTERNS.filter((p) => {
      const matched = expand(catalog, p);
      return matched.length > 0 && matched.every((id) => candidates.includes(id));
    });
    const pattern = patterns.length > 0 && g(fc.boolean) ? [g(fc.constantFrom, ...patterns)] : [];
    const literals = subset(g, parent.literals, 0);
    if (ids.length + pattern.length + literals.length === 0) {
      if (candidates.length > 0) ids.push(candidates[0]!);
      else literals.push(parent.literals[0]!);
    }
    models = [...ids, ...pattern, ...literals.map((p) => ({ pattern: p, literal: true as const }))];
    state = { models: [...new Set([...ids, ...pattern.flatMap((p) => expand(catalog, p))])].sort(), literals };
  }
  const regions = g(fc.boolean) ? subset(g, parent.regions ?? REGION_POOL, 1, 3) : undefined;
  const deny = genDeny(g, parent.deny);
  const own: RawAllowList = {
    ...(models !== undefined ? { models } : {}),
    ...(geographies !== undefined ? { geographies } : {}),
    ...(regions !== undefined ? { regions } : {}),
    ...(deny !== undefined ? { deny } : {}),
  };
  return {
    own,
    state: { ...state, geographies: geos, regions: regions ?? parent.regions, deny: mergeDeny(parent.deny, deny) },
  };
}

/**
 * A valid config: a root that approves models, 1-3 OUs (each under the root or an earlier OU), 1-3 accounts (under
 * the root or an OU, some with their own allowList), and either Marketplace mode.
 */
export function validConfig(catalog: Catalog): fc.Arbitrary<RawConfig> {
  return fc.gen().map((g) => {
    // One config in five leaves the root without an allow-list: OUs or accounts then approve models first.
    const root = g(fc.integer, { min: 0, max: 4 }) === 0 ? { own: undefined, state: null } : genTop(g, catalog);
    const states = new Map<string, LevelState | null>([["root", root.state]]);
    const ous: RawOu[] = [];
    const ouCount = g(fc.integer, { min: 1, max: 3 });
    for (let i = 0; i < ouCount; i++) {
      const parent = g(fc.constantFrom, ...states.keys());
      const child = genChild(g, catalog, states.get(parent) ?? null);
      const id = `ou-g3n0-level00${i}`;
      ous.push({ id, name: `Unit${i}`, parent, ...(child.own ?? {}) });
      states.set(id, child.state);
    }
    const accountCount = g(fc.integer, { min: 1, max: 3 });
    const ids = g(fc.uniqueArray, fc.integer({ min: 100_000_000_000, max: 899_999_999_999 }), { minLength: accountCount, maxLength: accountCount });
    const accounts: RawAccount[] = ids.map((n, i) => {
      const id = String(n);
      const ou = g(fc.constantFrom, ...states.keys());
      const parent = states.get(ou) ?? null;
      const child = genChild(g, catalog, parent, parent === null);
      const recipients = g(fc.constantFrom, "role", "group", "create", "role+group", "all");
      return {
        id,
        name: `acct-${i}`,
        ou,
        region: g(fc.constantFrom, ...REGION_POOL),
        assumeRoleArn: `arn:aws:iam::${id}:role/ModelgateDeployer`,
        invokePolicy: {
          ...(recipients.includes("role") || recipients === "all" ? { attachToRoles: ["Builder"] } : {}),
          ...(recipients.includes("group") || recipients === "all" ? { attachToGroups: ["builders"] } : {}),
          ...(recipients === "create" || recipients === "all" ? { createRole: { name: "Invoker", assumedBy: ["lambda.amazonaws.com"] } } : {}),
        },
        ...(child.own !== undefined ? { allowList: child.own } : {}),
      };
    });
    const marketplace: RawMarketplace = g(fc.boolean)
      ? { mode: "subscribe-on-first-call" }
      : { mode: "designated-subscriber", subscriberRoleName: SUBSCRIBER_ROLE };
    return {
      version: 1 as const,
      organization: { managementAccountId: MANAGEMENT_ACCOUNT_ID, rootId: ROOT_ID, marketplace },
      targets: { ...(root.own !== undefined ? { root: root.own } : {}), ous },
      accounts,
    };
  });
}
