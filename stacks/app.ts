import { App } from "cdktf";
import { PolicyError } from "../core/errors";
import type { ResolvedConfig } from "../config";
import { renderAccountPolicies, renderAllowListScps, renderTrustPolicy } from "../policies";
import { AccountStack } from "./account-stack";
import { OrganizationStack, type TargetScps } from "./organization-stack";

export const ORGANIZATION_STACK = "organization";
export const accountStackName = (accountName: string) => `account-${accountName}`;

export interface BuiltApp {
  readonly app: App;
  /** Stack names in creation order: the organization stack, then one per account. */
  readonly stackNames: readonly string[];
  readonly scpCount: number;
  readonly iamPolicyCount: number;
  /** Valid but noteworthy (e.g. a Marketplace model without product ID, so no Subscribe grant). */
  readonly warnings: readonly string[];
}

/**
 * Render every policy of a resolved config and build the CDKTF app: one OrganizationStack and one AccountStack
 * per account. Throws PolicyError("POLICY_LIMITS_EXCEEDED") listing every policy that breaks an AWS limit.
 */
export function buildApp(resolved: ResolvedConfig, options: { readonly outdir: string }): BuiltApp {
  const { catalog, organization: org } = resolved;
  const problems: string[] = [];
  const warnings: string[] = [...resolved.warnings];

  const targets: TargetScps[] = resolved.targets.map((t) => {
    const name = `${t.yamlPath} (${t.name})`;
    const result = renderAllowListScps(catalog, { name, approved: t.approved, marketplace: org.marketplace, otherScps: t.otherScps });
    problems.push(...result.problems);
    if (result.strategy && result.strategy !== "exact") warnings.push(`${name}: allow-list rendered with strategy "${result.strategy}" to fit the SCP limit`);
    return { kind: t.kind, targetId: t.id, name: t.name, documents: result.documents.map((d) => d.json) };
  });
  const accounts = resolved.accounts.map((account) => {
    const policies = renderAccountPolicies(catalog, { accountId: account.id, name: `account ${account.name}`, approved: account.effective, marketplace: org.marketplace });
    problems.push(...policies.problems);
    warnings.push(...policies.warnings);
    return { account, policies };
  });
  if (problems.length > 0) {
    throw new PolicyError("POLICY_LIMITS_EXCEEDED", `${problems.length} policy limit problem(s)`, { problems });
  }

  const app = new App({ outdir: options.outdir, skipValidation: false });
  const organizationStack = new OrganizationStack(app, ORGANIZATION_STACK, { targets, policyNamePrefix: org.policyNamePrefix, skipDestroy: org.skipDestroy, backend: org.backend });
  const stackNames = [ORGANIZATION_STACK];
  let iamPolicyCount = 0;
  for (const { account, policies } of accounts) {
    const name = accountStackName(account.name);
    const create = account.invokePolicy.createRole;
    const marketplace = org.marketplace;
    const accountStack = new AccountStack(app, name, {
      accountId: account.id,
      accountName: account.name,
      region: account.region,
      assumeRoleArn: account.assumeRoleArn,
      invokePolicies: policies.invoke.map((d) => d.json),
      recipients: account.invokePolicy,
      ...(create ? { createdRoleTrustPolicy: renderTrustPolicy(create.assumedBy) } : {}),
      ...(policies.subscriber && marketplace.mode === "designated-subscriber"
        ? { subscriber: { policy: policies.subscriber.json, roleName: marketplace.subscriberRoleName } }
        : {}),
      policyNamePrefix: org.policyNamePrefix,
      backend: org.backend,
    });
    // The allow-list SCPs go first: the manifest records it, so `cdktf deploy` and `modelgate deploy` order stacks
    // organization → accounts (the manifest itself lists stacks alphabetically).
    accountStack.addDependency(organizationStack);
    stackNames.push(name);
    iamPolicyCount += policies.invoke.length + (policies.subscriber ? 1 : 0);
  }
  return {
    app,
    stackNames,
    scpCount: targets.reduce((n, t) => n + t.documents.length, 0),
    iamPolicyCount,
    warnings,
  };
}
