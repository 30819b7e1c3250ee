import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { GateEvaluationError, describeThrown } from "../core/errors";

/**
 * What the gate hands the wasm, and in which pieces (issue #7). The rules read resource changes of the types that
 * lib.selection declares (rego/lib/selection/selection.rego; tools/build-wasm.sh writes it to
 * rego/dist/selection.json), so everything else in a plan — most of a large workspace — is dropped before
 * evaluation. What is kept is split into groups of related resources (resources joined by the ARNs, policy names,
 * group names and organization IDs they share, or by a configuration reference through one of the declared
 * attributes), and the groups are packed into pieces evaluated one at a time. The
 * wasm runtime's heap is reset between evaluations, so memory is bounded by the largest piece, not by the plan,
 * and its allocator (whose free-list search grows with what one evaluation has allocated) stays fast.
 *
 * Selection is conservative: whatever the declaration cannot rule out is kept. The parity test
 * (test/gate/select-parity.test.ts) compares verdicts on the selected pieces with Go OPA's on the whole plan.
 */

export interface SelectionDeclaration {
  /** Resource types the rules read. */
  readonly types: readonly string[];
  /** Types judged together, in one piece. */
  readonly organizationTypes: readonly string[];
  /** type → [attribute path, key space, "defines" | "uses"]: how a resource's values relate it to others. */
  readonly joins: Readonly<Record<string, ReadonlyArray<readonly [string, string, string]>>>;
  /** key space → "defined" (users join the definers of a value) or "shared" (every holder of a value joins). */
  readonly keySpaces: Readonly<Record<string, string>>;
  /** type → attributes whose configuration references the rules resolve to other resources. */
  readonly referenceAttributes: Readonly<Record<string, readonly string[]>>;
  /** Types whose data sources the rules read from the prior state. */
  readonly priorDataTypes: readonly string[];
}

export interface Selection {
  readonly types: ReadonlySet<string>;
  readonly organizationTypes: ReadonlySet<string>;
  readonly joins: ReadonlyMap<string, ReadonlyArray<JoinSpec>>;
  readonly referenceAttributes: ReadonlyMap<string, readonly string[]>;
  readonly priorDataTypes: ReadonlySet<string>;
}

export interface JoinSpec {
  readonly path: readonly string[];
  readonly space: string;
  /** True when the resource defines the value (a policy's ARN), false when it uses one (an attachment's). */
  readonly defines: boolean;
  /** Defines only when the plan creates or updates the resource ("defines-if-written"): an unchanged one relates nothing. */
  readonly onlyWritten: boolean;
  /** True when every holder of a value joins the others, not only users with definers. */
  readonly shared: boolean;
}

/** How large one piece may grow (whole groups are never split, so a piece may exceed these). */
export interface PieceLimits {
  /** Resource changes per piece. */
  readonly maxResources: number;
  /** Approximate JSON bytes of resource changes per piece. */
  readonly maxBytes: number;
}

/**
 * Pieces of 50 resources: the per-evaluation cost (~10 ms: the fixed probes, the catalog index) is spread, and the
 * runtime allocator's free-list search, which grows with what one evaluation allocates, stays short (200 broad
 * policies: pieces of 50 took 820 ms of CPU, of 100 1,204 ms, one piece of 200 11 s; BENCHMARKS.md).
 */
export const DEFAULT_PIECE_LIMITS: PieceLimits = { maxResources: 50, maxBytes: 1024 * 1024 };

type Json = unknown;
type JsonObject = Record<string, Json>;
export interface PlanDocument {
  readonly plan: Record<string, unknown>;
  readonly run?: unknown;
}

/** The selection.json next to a policy.wasm (rego/dist/). */
export function selectionPathFor(wasmPath: string): string {
  return path.join(path.dirname(wasmPath), "selection.json");
}

const cache = new Map<string, Selection>();

/**
 * Read and check a selection.json; cached per path. Undefined when there is none (a policy built without one, such
 * as the tests' stand-in policies, is evaluated whole: slower, never less complete). A malformed file is a
 * GateEvaluationError.
 */
export function loadSelection(file: string): Selection | undefined {
  const key = path.resolve(file);
  const hit = cache.get(key);
  if (hit) return hit;
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new GateEvaluationError("GATE_POLICY_INVALID", `cannot read ${file} (${describeThrown(cause)}); rebuild it with tools/build-wasm.sh`, { cause });
  }
  const selection = parseSelection(raw, file);
  cache.set(key, selection);
  return selection;
}

function parseSelection(raw: unknown, file: string): Selection {
  const bad = (what: string): never => {
    throw new GateEvaluationError("GATE_POLICY_INVALID", `${file}: ${what}; rebuild it with tools/build-wasm.sh`);
  };
  const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");
  if (!isObject(raw)) return bad("not a JSON object");
  const { types, organizationTypes, joins, referenceAttributes, keySpaces, priorDataTypes } = raw;
  if (!isStrings(types) || types.length === 0) return bad("types is not a non-empty list of resource types");
  if (!isStrings(organizationTypes)) return bad("organizationTypes is not a list of resource types");
  if (!isObject(joins)) return bad("joins is not an object");
  if (!isObject(referenceAttributes)) return bad("referenceAttributes is not an object");
  if (!isStrings(priorDataTypes)) return bad("priorDataTypes is not a list of resource types");
  if (!isObject(keySpaces) || !Object.values(keySpaces).every((m) => m === "defined" || m === "shared")) {
    return bad('keySpaces is not an object of "defined" / "shared" modes');
  }
  const joinMap = new Map<string, JoinSpec[]>();
  for (const [type, list] of Object.entries(joins)) {
    const valid = (j: unknown): j is [string, string, string] =>
      isStrings(j) && j.length === 3 && (j[2] === "defines" || j[2] === "defines-if-written" || j[2] === "uses") && (j[1] as string) in keySpaces;
    if (!Array.isArray(list) || !list.every(valid)) {
      return bad(`joins.${type} is not a list of [path, declared key space, "defines" | "defines-if-written" | "uses"] triples`);
    }
    joinMap.set(
      type,
      (list as Array<[string, string, string]>).map(([p, space, role]) => ({
        path: p.split("."),
        space,
        defines: role !== "uses",
        onlyWritten: role === "defines-if-written",
        shared: keySpaces[space] === "shared",
      })),
    );
  }
  const refMap = new Map<string, readonly string[]>();
  for (const [type, attrs] of Object.entries(referenceAttributes)) {
    if (!isStrings(attrs)) return bad(`referenceAttributes.${type} is not a list of attribute names`);
    refMap.set(type, attrs);
  }
  return {
    types: new Set(types),
    organizationTypes: new Set(organizationTypes),
    joins: joinMap,
    referenceAttributes: refMap,
    priorDataTypes: new Set(priorDataTypes),
  };
}

/**
 * Split a plan document into the documents to evaluate, or undefined when the plan must be evaluated whole: it
 * has no resource changes (MG-0023 judges such a plan by its planned_values).
 */
export function selectPieces(document: PlanDocument, selection: Selection, limits: PieceLimits = DEFAULT_PIECE_LIMITS): PlanDocument[] | undefined {
  const plan = document.plan;
  const changes = plan.resource_changes;
  if (!Array.isArray(changes) || !changes.some(isObject)) return undefined;

  // 1. the resource changes the rules read, and undeclared ones that look like they carry a policy (kept so that
  //    nothing policy-like is silently dropped, though no rule reads them today)
  const kept: JsonObject[] = [];
  for (const rc of changes) {
    if (!isObject(rc)) continue;
    if (declared(rc.type, selection) || looksLikePolicy(rc)) kept.push(rc);
  }

  // resources a targeted plan leaves out of its changes but its prior state holds (lib.access.identity reads them
  // as unchanged grants, lib.access.org as unchanged attachments and parents): nodes of the grouping too, so that
  // each goes to the pieces it relates to
  const ghosts = priorResources(plan.prior_state, selection, changes);

  // 2. groups of related resources (union-find over resource indexes, then ghost indexes, and shared keys)
  const uf = new UnionFind(kept.length + ghosts.length);
  const keyNode = new Map<string, number>();
  const node = (key: string): number => {
    let n = keyNode.get(key);
    if (n === undefined) keyNode.set(key, (n = uf.add()));
    return n;
  };
  const configIndex = indexConfiguration(plan.configuration);
  /** Keys that relate a resource that uses a value to the resources that define it. */
  const definers = new Map<string, number[]>();
  const users = new Map<string, number[]>();
  const note = (m: Map<string, number[]>, key: string, i: number): void => {
    const list = m.get(key);
    if (list) list.push(i);
    else m.set(key, [i]);
  };
  /** The join keys of each kept resource ("<key space>\0<value>"). */
  const joinKeys: string[][] = kept.map(() => []);
  /** Relate node i by the values its states hold at the joins of its type; returns the keys it holds. */
  const join = (i: number, type: string, states: readonly Json[], written: boolean): string[] => {
    const keys: string[] = [];
    for (const j of selection.joins.get(type) ?? []) {
      if (j.onlyWritten && !written) continue;
      for (const state of states) {
        for (const value of valuesAt(state, j.path)) {
          const key = `${j.space}\u0000${value}`;
          keys.push(key);
          if (j.shared) uf.union(i, node(key));
          else note(j.defines ? definers : users, key, i);
          // an IAM policy ARN known at plan time may name a policy the plan creates, whose own ARN is unknown
          // until apply (lib.access.identity _by_built_arn): it also joins the definers of the name it ends in
          if (j.space === "arn" && !j.defines) {
            const name = customerPolicyName(value);
            if (name !== undefined) note(users, `policy-name\u0000${name}`, i);
          }
        }
      }
    }
    return keys;
  };
  kept.forEach((rc, i) => {
    const type = rc.type as string;
    const change = isObject(rc.change) ? rc.change : {};
    const actions = Array.isArray(change.actions) ? change.actions : [];
    joinKeys[i] = join(i, type, [change.before, change.after], actions.includes("create") || actions.includes("update"));
    // a configuration reference names a resource in the same module instance (lib.tfplan.refers_to); indexed by
    // count.index or each.key, the instance with the same index
    const attrs = selection.referenceAttributes.get(type);
    if (attrs) {
      const config = configIndex.get(JSON.stringify([moduleNames(rc), localAddress(rc)]));
      const expressions = config && isObject(config.expressions) ? config.expressions : {};
      for (const attr of attrs) {
        const refs = expressionRefs(expressions[attr]);
        const own = refs.includes("count.index") || refs.includes("each.key");
        for (const ref of refs) {
          const addr = refAddress(ref);
          if (addr !== undefined) note(users, referenceKey(rc, addr, own), i);
        }
      }
    }
    note(definers, referenceKey(rc, localAddress(rc), false), i);
    note(definers, referenceKey(rc, localAddress(rc), true), i);
  });
  // (prior-state resources no change names: unchanged by this plan)
  ghosts.forEach((ghost, g) => join(kept.length + g, ghost.type, [ghost.values], false));
  // a used value joins its user to every resource that defines it; a value nobody defines relates nothing
  for (const [key, list] of users) {
    const defs = definers.get(key);
    if (!defs) continue;
    const anchor = defs[0] as number;
    for (const i of defs) uf.union(anchor, i);
    for (const i of list) uf.union(anchor, i);
  }

  // 3. groups in plan order, packed into pieces
  const groups = new Map<number, number[]>();
  kept.forEach((_, i) => {
    const root = uf.find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = []));
    g.push(i);
  });
  const pieces: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const members of groups.values()) {
    const size = members.reduce((n, i) => n + approximateBytes(kept[i]), 0);
    if (current.length > 0 && (current.length + members.length > limits.maxResources || bytes + size > limits.maxBytes)) {
      pieces.push(current);
      current = [];
      bytes = 0;
    }
    current.push(...members);
    bytes += size;
  }
  if (current.length > 0 || pieces.length === 0) pieces.push(current);
  /** Ghost addresses by the root of the group they joined (a ghost related to no kept resource goes nowhere). */
  const ghostsByRoot = new Map<number, string[]>();
  ghosts.forEach((ghost, g) => {
    const root = uf.find(kept.length + g);
    const list = ghostsByRoot.get(root);
    if (list) list.push(ghost.address);
    else ghostsByRoot.set(root, [ghost.address]);
  });

  // 4. each piece as a plan document: the plan's own small fields, the piece's resource changes in plan order,
  //    the configuration entries they may look up, and (with organization resources) the prior state of the
  //    SCPs they name
  const base = record();
  for (const [k, v] of Object.entries(plan)) if (!DROPPED_PLAN_KEYS.has(k)) base[k] = v;
  const providerVariables = variablesOfProviders(plan);
  if (providerVariables !== undefined) base.variables = providerVariables;
  const prior = plan.prior_state === undefined ? undefined : preparePriorState(plan.prior_state, selection);
  const configuration = plan.configuration === undefined ? undefined : prepareConfiguration(plan.configuration);
  return pieces.map((members) => {
    members.sort((a, b) => a - b);
    const rcs = members.map((i) => kept[i] as JsonObject);
    const piece: JsonObject = { ...base, resource_changes: rcs };
    if (configuration) piece.configuration = configuration(new Set(rcs.map(localAddress)));
    const ghostKeys = [...new Set(members.map((i) => uf.find(i)))].flatMap((root) => (ghostsByRoot.get(root) ?? []).map(ghostKey));
    if (prior && (ghostKeys.length > 0 || rcs.some((rc) => selection.organizationTypes.has(rc.type as string)))) {
      piece.prior_state = prior(new Set([...members.flatMap((i) => joinKeys[i] as string[]), ...ghostKeys]));
    }
    return document.run === undefined ? { plan: piece } : { plan: piece, run: document.run };
  });
}

/**
 * Top-level plan fields no rule reads; they are most of a large plan. resource_changes, configuration and
 * prior_state are replaced by their selections, variables by those the provider configurations refer to;
 * planned_values matters only to a plan without resource changes, which is evaluated whole.
 */
const DROPPED_PLAN_KEYS = new Set([
  "resource_changes",
  "configuration",
  "prior_state",
  "planned_values",
  "resource_drift",
  "output_changes",
  "relevant_attributes",
  "variables",
  "checks",
]);

/**
 * The plan's variables that its provider configurations refer to (lib.tfplan.provider_account reads an assume_role
 * role_arn given by a root variable); the others, which can be large, are dropped. Undefined when there are none.
 */
function variablesOfProviders(plan: JsonObject): JsonObject | undefined {
  const providers = isObject(plan.configuration) ? plan.configuration.provider_config : undefined;
  if (!isObject(plan.variables) || providers === undefined) return undefined;
  const names = new Set(expressionRefs(providers).flatMap((r) => (r.startsWith("var.") ? [r.slice(4).split(".")[0] ?? ""] : [])));
  const variables = plan.variables;
  const kept = record();
  for (const name of names) if (name in variables) kept[name] = variables[name] as Json;
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** The name at the end of a customer-managed IAM policy ARN (arn:<partition>:iam::<account>:policy/<path><name>). */
function customerPolicyName(arn: string): string | undefined {
  const m = /^arn:[^:]+:iam::(\d{12}):policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? m[2] : undefined;
}

function declared(type: unknown, selection: Selection): boolean {
  return typeof type === "string" && selection.types.has(type);
}

/** An undeclared resource with a string attribute (up to two levels down) that reads like IAM policy JSON. */
function looksLikePolicy(rc: JsonObject): boolean {
  const change = isObject(rc.change) ? rc.change : {};
  const probe = (v: Json, depth: number): boolean => {
    if (typeof v === "string") return v.includes('"Statement"') || v.includes('"Effect"');
    if (depth === 0 || v === null || typeof v !== "object") return false;
    return (Array.isArray(v) ? v : Object.values(v)).some((x) => probe(x, depth - 1));
  };
  return probe(change.after, 2) || probe(change.before, 2);
}

/**
 * String values at a path ("*" steps into every element of a list; "**" into every value below, at any depth, in
 * lists and maps alike, for attributes whose shape varies, such as nested role mappings; a list value yields its
 * strings; the "@…" steps transform a value as rego/lib/selection/selection.rego describes).
 */
function valuesAt(state: Json, steps: readonly string[]): string[] {
  if (steps.length === 1 && steps[0]?.startsWith("=")) return isObject(state) ? [steps[0].slice(1)] : [];
  let values: Json[] = [state];
  for (const step of steps) {
    const next: Json[] = [];
    for (const v of values) {
      if (step === "**") {
        const below = (x: Json): void => {
          if (x === null || typeof x !== "object") return;
          for (const y of Array.isArray(x) ? x : Object.values(x)) {
            next.push(y);
            below(y);
          }
        };
        below(v);
      } else if (step === "@json") {
        if (typeof v === "string") {
          try {
            next.push(JSON.parse(v) as Json);
          } catch {
            // not JSON: no value
          }
        } else next.push(v);
      } else if (step === "@arn-resource") {
        const parts = typeof v === "string" ? v.split(":") : [];
        if (parts.length >= 6) next.push(parts.slice(5).join(":"));
      } else if (step === "@principal-name") {
        const name = typeof v === "string" ? principalName(v) : undefined;
        if (name !== undefined) next.push(name);
      } else if (step === "@saml-provider") {
        if (typeof v === "string") next.push(`saml-provider/${v}`);
      } else if (step === "@oidc-provider") {
        if (typeof v === "string") next.push(`oidc-provider/${v.startsWith("https://") ? v.slice("https://".length) : v}`);
      } else if (step === "*") {
        // as lib.iam.as_array reads it: a single value stands for a list of one
        if (Array.isArray(v)) next.push(...v);
        else next.push(v);
      } else if (isObject(v) && step in v) {
        next.push(v[step]);
      }
    }
    values = next;
  }
  return values.flatMap((v) => (typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []));
}

/**
 * The role or user name an IAM principal ARN names (role/[path/]name, user/[path/]name), or the role of an STS
 * assumed-role session ARN (assumed-role/name/session), as lib.access.identity chains.rego reads them; undefined
 * for anything else, a pattern with a wildcard included.
 */
function principalName(arn: string): string | undefined {
  if (arn.includes("*") || arn.includes("?")) return undefined;
  const parts = arn.split(":");
  if (parts.length < 6) return undefined;
  const segs = parts.slice(5).join(":").split("/");
  if (parts[2] === "iam" && (segs[0] === "role" || segs[0] === "user") && segs.length >= 2) return segs[segs.length - 1];
  if (parts[2] === "sts" && segs[0] === "assumed-role" && segs.length >= 3) return segs[1];
  return undefined;
}

// ---- addresses and references, computed exactly as lib.tfplan computes them

/** module_names: the module call names of module_address ("module.a[0].module.b" → ["a", "b"]). */
function moduleNames(rc: JsonObject): string[] {
  const address = typeof rc.module_address === "string" ? rc.module_address : "";
  const parts = address.split(".");
  const names: string[] = [];
  parts.forEach((seg, i) => {
    if (seg === "module" && i + 1 < parts.length) names.push((parts[i + 1] as string).split("[")[0] as string);
  });
  return names;
}

/** local_address: the address inside its module, without an instance key. */
function localAddress(rc: JsonObject): string {
  return rc.mode === "data" ? `data.${String(rc.type)}.${String(rc.name)}` : `${String(rc.type)}.${String(rc.name)}`;
}

/** Every string held directly by a container under a "references" key inside an expression (as lib.tfplan walks it). */
function expressionRefs(expression: Json): string[] {
  const out: string[] = [];
  const visit = (container: Json, key: string | number | undefined): void => {
    const entries: Array<[string | number, Json]> = Array.isArray(container)
      ? container.map((v, i) => [i, v])
      : isObject(container)
        ? Object.entries(container)
        : [];
    for (const [k, v] of entries) {
      if (typeof v === "string") {
        if (key === "references") out.push(v);
      } else visit(v, k);
    }
  };
  visit(expression, undefined);
  return out;
}

const NOT_RESOURCES = new Set(["data", "module", "var", "local", "each", "count", "path", "terraform", "self"]);

function refAddress(ref: string): string | undefined {
  const parts = ref.split(".");
  if (parts[0] === "data" && parts.length >= 3) return `data.${parts[1] as string}.${(parts[2] as string).split("[")[0] as string}`;
  if (!NOT_RESOURCES.has(parts[0] as string) && parts.length >= 2) return `${parts[0] as string}.${(parts[1] as string).split("[")[0] as string}`;
  return undefined;
}

/** The key under which a reference from rc names the resource at addr (with rc's index when indexed by it). */
function referenceKey(rc: JsonObject, addr: string, indexed: boolean): string {
  const module = typeof rc.module_address === "string" ? rc.module_address : "";
  return indexed ? `ref\u0000${module}\u0000${addr}\u0000${JSON.stringify(rc.index ?? null)}` : `ref\u0000${module}\u0000${addr}`;
}

/** configuration resources by [module names, address] (lib.tfplan.config_by_address). */
function indexConfiguration(configuration: Json): Map<string, JsonObject> {
  const index = new Map<string, JsonObject>();
  const visit = (module: Json, mods: string[]): void => {
    if (!isObject(module)) return;
    if (Array.isArray(module.resources)) {
      for (const r of module.resources) if (isObject(r) && typeof r.address === "string") index.set(JSON.stringify([mods, r.address]), r);
    }
    if (isObject(module.module_calls)) {
      for (const [name, call] of Object.entries(module.module_calls)) if (isObject(call)) visit(call.module, [...mods, name]);
    }
  };
  if (isObject(configuration)) visit(configuration.root_module, []);
  return index;
}

// ---- configuration and prior state, filtered

interface ConfigEntry {
  readonly value: Json;
  readonly always: boolean;
}

/** A "resources" list of the configuration: its entries, and which of them answer to each local address. */
class ResourcesList {
  readonly always: readonly number[];
  readonly byAddress = new Map<string, number[]>();
  constructor(readonly entries: readonly ConfigEntry[], addresses: ReadonlyArray<readonly string[]>) {
    this.always = entries.flatMap((e, i) => (e.always ? [i] : []));
    addresses.forEach((list, i) => {
      for (const a of list) {
        const at = this.byAddress.get(a);
        if (at) at.push(i);
        else this.byAddress.set(a, [i]);
      }
    });
  }
  pick(addresses: ReadonlySet<string>): number[] {
    const picked = new Set(this.always);
    for (const a of addresses) for (const i of this.byAddress.get(a) ?? []) picked.add(i);
    return [...picked].sort((x, y) => x - y);
  }
}

/**
 * The configuration, prepared once per plan: a function giving, for the local addresses of one piece's
 * resources, the configuration with every "resources" list cut to the entries the piece may look up — those at
 * one of its addresses (lib.tfplan.config_of). The Rego
 * reads configuration only along module paths (lib.tfplan.module_resource_path), so nothing nested elsewhere
 * needs keeping.
 * Everything else in the configuration (module calls, variables, outputs) is kept as it is, shared between pieces.
 */
function prepareConfiguration(configuration: Json): (addresses: ReadonlySet<string>) => Json {
  return prepareResourcesLists(configuration, (r) => (typeof r.address === "string" ? [r.address] : []));
}

/**
 * The prior state, prepared once per plan: a function giving, for the join keys of one piece's resources and the
 * addresses of the prior-state resources grouped with them, the prior state with every "resources" list cut to the
 * organization resources whose ID the piece names ("org-id" keys: lib.access.org reads the SCPs a targeted plan
 * does not show by ID) and to those grouped resources ("address" keys: the identity resources, attachments,
 * accounts and OUs a targeted plan leaves out). The Rego reads the prior state only along module paths
 * (lib.tfplan.state_resource_path).
 */
function preparePriorState(prior: Json, selection: Selection): (keys: ReadonlySet<string>) => Json {
  const org = selection.organizationTypes;
  return prepareResourcesLists(prior, (r) => {
    const values = isObject(r.values) ? r.values : {};
    if (typeof r.type !== "string") return [];
    const ghost = selection.types.has(r.type) && typeof r.address === "string" ? [ghostKey(r.address)] : [];
    if (org.has(r.type)) return typeof values.id === "string" ? [`org-id\u0000${values.id}`, ...ghost] : ghost;
    return ghost;
  });
}

const ghostKey = (address: string): string => `address\u0000${address}`;

interface Ghost {
  readonly address: string;
  readonly type: string;
  readonly values: JsonObject;
}

/**
 * The managed resources of declared types in the prior state (along module paths, as lib.tfplan.state_resource_path
 * reads it) whose address no resource change has: what a targeted plan leaves out. lib.access.identity reads the
 * identity ones (prior_rcs), lib.access.org the attachments, accounts and OUs (prior_org_rcs) and the SCPs. Also the
 * data sources of priorDataTypes read while planning (lib.tfplan.prior_data: a policy an attachment names by ARN).
 */
function priorResources(prior: Json | undefined, selection: Selection, changes: readonly Json[]): Ghost[] {
  const values = isObject(prior) && isObject(prior.values) ? prior.values : undefined;
  if (values === undefined || !isObject(values.root_module)) return [];
  const changed = new Set(changes.flatMap((rc) => (isObject(rc) && typeof rc.address === "string" ? [rc.address] : [])));
  const found: Ghost[] = [];
  const visit = (module: JsonObject): void => {
    if (Array.isArray(module.resources)) {
      for (const r of module.resources) {
        if (!isObject(r) || typeof r.type !== "string" || typeof r.address !== "string" || !isObject(r.values)) continue;
        const mode = r.mode ?? "managed";
        if (!selection.types.has(r.type) || (mode !== "managed" && !(mode === "data" && selection.priorDataTypes.has(r.type)))) continue;
        if (!changed.has(r.address)) found.push({ address: r.address, type: r.type, values: r.values });
      }
    }
    if (Array.isArray(module.child_modules)) for (const m of module.child_modules) if (isObject(m)) visit(m);
  };
  visit(values.root_module);
  return found;
}

/**
 * A document prepared once so that copies cut to a set of keys are cheap: every array under a "resources" key
 * (outside the entries of another) becomes a ResourcesList whose entries answer to the keys classify() gives them
 * (or always). A copy keeps the entries that answer to one of its keys, as they are; everything without a
 * "resources" list below it is shared, not copied.
 */
function prepareResourcesLists(document: Json, classify: (entry: JsonObject) => readonly string[]): (keys: ReadonlySet<string>) => Json {
  /** Objects and arrays that hold a ResourcesList somewhere below: only these are copied per piece. */
  const holders = new WeakSet<object>();
  const prepare = (value: Json): Json => {
    if (value === null || typeof value !== "object") return value;
    let holds = false;
    const note = (v: Json): Json => {
      if (v instanceof ResourcesList || (v !== null && typeof v === "object" && holders.has(v))) holds = true;
      return v;
    };
    let out: Json;
    if (Array.isArray(value)) out = value.map((v) => note(prepare(v)));
    else {
      const o = record();
      for (const [k, v] of Object.entries(value)) o[k] = note(k === "resources" && Array.isArray(v) ? resourcesList(v) : prepare(v));
      out = o;
    }
    if (holds) holders.add(out as object);
    return out;
  };
  const resourcesList = (list: Json[]): ResourcesList => {
    const keys: Array<readonly string[]> = [];
    const entries = list.map((r): ConfigEntry => {
      if (!isObject(r)) {
        keys.push([]);
        return { value: r, always: true };
      }
      keys.push(classify(r));
      // kept as it is: a "resources" list nested in an entry (a look-alike in its values) is kept whole with it
      return { value: r, always: false };
    });
    return new ResourcesList(entries, keys);
  };
  const template = prepare(document);
  const instantiate = (value: Json, keys: ReadonlySet<string>): Json => {
    if (value instanceof ResourcesList) return value.pick(keys).map((i) => instantiate((value.entries[i] as ConfigEntry).value, keys));
    if (value === null || typeof value !== "object" || !holders.has(value)) return value;
    if (Array.isArray(value)) return value.map((v) => instantiate(v, keys));
    const out = record();
    for (const [k, v] of Object.entries(value)) out[k] = instantiate(v, keys);
    return out;
  };
  return (keys) => instantiate(template, keys);
}


/** A cheap size estimate: the lengths of the strings in the change (policy text dominates). */
function approximateBytes(rc: JsonObject | undefined): number {
  let n = 0;
  const walk = (v: Json): void => {
    if (typeof v === "string") n += v.length + 2;
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        n += k.length + 4;
        walk(x);
      }
    }
    else n += 5;
  };
  walk(rc);
  return n;
}

/**
 * An empty object without a prototype: copies of plan objects are built by assignment, and a plan may hold any
 * key — a module named "__proto__" would otherwise set the copy's prototype and vanish from its JSON.
 */
function record(): JsonObject {
  return Object.create(null) as JsonObject;
}

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    let j = i;
    while (this.parent[j] !== r) {
      const next = this.parent[j] as number;
      this.parent[j] = r;
      j = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}
