import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
import type { Backend, InvokePolicyRecipients } from "../config";
import { applyBackend } from "./backend";
import { pascalId } from "./naming";

export interface AccountStackProps {
  readonly accountId: string;
  /** Account name from the config; names the policies. */
  readonly accountName: string;
  /** Provider Region. */
  readonly region: string;
  /** Role Terraform assumes in the account. */
  readonly assumeRoleArn: string;
  /** The invoke policy documents (canonical JSON); several when one would exceed the managed-policy limit. */
  readonly invokePolicies: readonly string[];
  readonly recipients: InvokePolicyRecipients;
  /** Trust policy JSON of the created role; required when recipients.createRole is set. */
  readonly createdRoleTrustPolicy?: string;
  /** designated-subscriber mode: the subscriber policy JSON and the existing role that receives it. @default none */
  readonly subscriber?: { readonly policy: string; readonly roleName: string };
  readonly policyNamePrefix: string;
  /** @default { type: "local" } */
  readonly backend?: Backend;
}

/** One member account: AWS provider with assume_role, the invoke policy, and its attachments or a created role. */
export class AccountStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id);
    new AwsProvider(this, "Aws", {
      region: props.region,
      allowedAccountIds: [props.accountId],
      assumeRole: [{ roleArn: props.assumeRoleArn, sessionName: "modelgate" }],
    });
    applyBackend(this, props.backend ?? { type: "local" }, id);

    const roleNames = [...props.recipients.attachToRoles];
    const createRole = props.recipients.createRole;
    let createdRole: IamRole | undefined;
    if (createRole) {
      if (!props.createdRoleTrustPolicy) throw new Error("AccountStack: createdRoleTrustPolicy is required with recipients.createRole");
      createdRole = new IamRole(this, "InvokerRole", {
        name: createRole.name,
        assumeRolePolicy: props.createdRoleTrustPolicy,
        description: "Created by modelgate: may invoke the approved Bedrock models",
      });
    }
    const used = new Set<string>();
    const unique = (id: string) => {
      if (used.has(id)) throw new Error(`AccountStack ${id}: two recipients map to the same construct ID ${id}`);
      used.add(id);
      return id;
    };
    props.invokePolicies.forEach((document, i) => {
      const part = i === 0 ? "" : `Part${i + 1}`;
      const policy = new IamPolicy(this, `InvokePolicy${part}`, {
        name: `${props.policyNamePrefix}-bedrock-invoke${i === 0 ? "" : `-part${i + 1}`}`,
        description: `modelgate: invoke the Bedrock models approved for ${props.accountName}`,
        policy: document,
      });
      for (const role of roleNames) {
        new IamRolePolicyAttachment(this, unique(`InvokePolicy${part}Role${pascalId(role)}`), { role, policyArn: policy.arn });
      }
      for (const group of props.recipients.attachToGroups) {
        new IamGroupPolicyAttachment(this, unique(`InvokePolicy${part}Group${pascalId(group)}`), { group, policyArn: policy.arn });
      }
      if (createdRole) {
        new IamRolePolicyAttachment(this, `InvokePolicy${part}InvokerRole`, { role: createdRole.name, policyArn: policy.arn });
      }
    });
    if (props.subscriber) {
      const policy = new IamPolicy(this, "SubscriberPolicy", {
        name: `${props.policyNamePrefix}-marketplace-subscriber`,
        description: "modelgate: the designated role may subscribe to approved Bedrock Marketplace products",
        policy: props.subscriber.policy,
      });
      new IamRolePolicyAttachment(this, "SubscriberPolicyRole", { role: props.subscriber.roleName, policyArn: policy.arn });
    }
  }
}
