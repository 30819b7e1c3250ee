import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import type { Backend, TargetKind } from "../config";
import { applyBackend } from "./backend";
import { pascalId } from "./naming";

/** One target's finished SCP documents (canonical minified JSON). */
export interface TargetScps {
  readonly kind: TargetKind;
  /** r-…, ou-…, or a 12-digit account ID. */
  readonly targetId: string;
  readonly name: string;
  readonly documents: readonly string[];
}

export interface OrganizationStackProps {
  readonly targets: readonly TargetScps[];
  /** Prefix of policy names. */
  readonly policyNamePrefix: string;
  /** Leave policies and attachments in place on destroy. @default false */
  readonly skipDestroy?: boolean;
  /** @default { type: "local" } */
  readonly backend?: Backend;
  /** Region of the management-account provider (Organizations is global). @default "us-east-1" */
  readonly region?: string;
}

/**
 * The management account's stack: one aws_organizations_policy per SCP document and one attachment to its
 * root, OU or account target. Construct IDs derive from the target ID, so they are stable across runs.
 */
export class OrganizationStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    super(scope, id);
    new AwsProvider(this, "Aws", { region: props.region ?? "us-east-1" });
    applyBackend(this, props.backend ?? { type: "local" }, id);
    const skipDestroy = props.skipDestroy === true ? { skipDestroy: true } : {};
    for (const target of props.targets) {
      target.documents.forEach((content, i) => {
        const suffix = `${pascalId(target.targetId)}${i === 0 ? "" : `Part${i + 1}`}`;
        const policy = new OrganizationsPolicy(this, `AllowListScp${suffix}`, {
          name: `${props.policyNamePrefix}-${target.kind}-${target.targetId}${i === 0 ? "" : `-part${i + 1}`}`,
          description: `modelgate Bedrock model allow-list for ${target.kind} ${target.name} (${target.targetId})`,
          type: "SERVICE_CONTROL_POLICY",
          content,
          ...skipDestroy,
        });
        new OrganizationsPolicyAttachment(this, `AllowListScpAttachment${suffix}`, {
          policyId: policy.id,
          targetId: target.targetId,
          ...skipDestroy,
        });
      });
    }
  }
}
