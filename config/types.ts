import type { Catalog, Geography } from "../catalog";

/** Which extra inference surfaces an SCP denies. */
export interface DenySurfaces {
  /** Deny bedrock-mantle inference except for approved mantle-capable models. */
  readonly bedrockMantle: boolean;
  /** Deny aws-external-anthropic:* (Claude Platform on AWS). */
  readonly claudePlatform: boolean;
  /** Deny Bedrock API keys (bearer-token calls and creating service-specific credentials). */
  readonly apiKeys: boolean;
}

/** What one level (or, after intersection, one account) approves. All lists sorted and de-duplicated. */
export interface ApprovedModels {
  /** Exact catalog model IDs (patterns already expanded). */
  readonly models: readonly string[];
  /** Wildcard patterns the config asked to render literally (`{pattern, literal: true}`). */
  readonly literalPatterns: readonly string[];
  /** Allowed inference-profile geographies. */
  readonly geographies: readonly Geography[];
  /** Allowed source Regions for profile calls; null = any Region. */
  readonly regions: readonly string[] | null;
  readonly deny: DenySurfaces;
}

export type TargetKind = "root" | "ou" | "account";

/** A root, OU or account that receives its own allow-list SCP. */
export interface ResolvedTarget {
  readonly kind: TargetKind;
  /** Organizations target ID: r-…, ou-…, or a 12-digit account ID. */
  readonly id: string;
  readonly name: string;
  /** Where the target is declared in the config file, e.g. targets.ous[1]. */
  readonly yamlPath: string;
  readonly approved: ApprovedModels;
  /** SCPs attached outside modelgate, besides FullAWSAccess. */
  readonly otherScps: number;
}

export interface InvokePolicyRecipients {
  readonly attachToRoles: readonly string[];
  readonly attachToGroups: readonly string[];
  readonly createRole: { readonly name: string; readonly assumedBy: readonly string[] } | null;
}

export interface ResolvedAccount {
  readonly id: string;
  readonly name: string;
  /** "root" or an OU ID. */
  readonly ou: string;
  readonly region: string;
  readonly assumeRoleArn: string;
  readonly invokePolicy: InvokePolicyRecipients;
  /** Intersection of every level from the root down to the account. */
  readonly effective: ApprovedModels;
  /** Target IDs from the root down to this account (root ID, OU IDs, account ID). */
  readonly chain: readonly string[];
}

export type MarketplaceMode =
  | { readonly mode: "subscribe-on-first-call" }
  | { readonly mode: "designated-subscriber"; readonly subscriberRoleName: string };

export type Backend =
  | { readonly type: "local" }
  | { readonly type: "s3"; readonly bucket: string; readonly keyPrefix: string; readonly region: string }
  | { readonly type: "cloud"; readonly organization: string; readonly workspacePrefix: string; readonly hostname?: string };

/** How a model entry was expanded, so the CLI and main can print it. */
export interface PatternExpansion {
  /** YAML path of the entry, e.g. targets.root.models[2]. */
  readonly yamlPath: string;
  readonly pattern: string;
  /** true: rendered as a literal wildcard ARN; the models are what it matches today. */
  readonly literal: boolean;
  readonly models: readonly string[];
}

export interface ResolvedConfig {
  /** The file the config was read from. */
  readonly source: string;
  readonly catalog: Catalog;
  readonly organization: {
    readonly managementAccountId: string;
    readonly rootId: string;
    readonly marketplace: MarketplaceMode;
    /** The pinned provider (6.25.0) has no aws_bedrock_use_case_for_model_access, so this is a documented manual step. */
    readonly anthropicUseCaseForm: "documented-step";
    readonly backend: Backend;
    readonly policyNamePrefix: string;
    readonly skipDestroy: boolean;
  };
  /** Targets that get an SCP: root first, then OUs and accounts in config order. */
  readonly targets: readonly ResolvedTarget[];
  readonly accounts: readonly ResolvedAccount[];
  /**
   * Where the config places every node it names: root (parent null), each OU and each account, by Organizations
   * ID, with its parent's ID (the root's ID for "root"). The gate judges moves against it.
   */
  readonly layout: Readonly<Record<string, string | null>>;
  readonly expansions: readonly PatternExpansion[];
  /** Gate settings (the gate: section). */
  readonly gate: { readonly unresolvedPolicySeverity: "low" | "medium" | "high" | "critical" };
  /** Things that are valid but worth saying (e.g. an account that is the management account). */
  readonly warnings: readonly string[];
}
