# METADATA
# title: What the gate reads from a plan
# description: |
#   The one declaration of the resource types the rules read, and of how those resources relate. lib.tfplan
#   reads only resource changes of these types; the gate in Node (gate/select.ts, through
#   rego/dist/selection.json, which tools/build-wasm.sh writes from this file) hands the wasm only these
#   resources, in groups that keep related resources together: resources joined by the values in joins (an
#   attachment and the policy whose ARN it names, a group's policies and its memberships, an SCP attachment and
#   the SCP and target whose IDs it names, an account and its parent OU, ...) or by a configuration reference
#   through one of reference_attributes. The prior state (read only for SCPs a targeted plan does not show) goes
#   with the group holding an organization resource that names the SCP's ID. A relation the Rego follows
#   that is missing here splits related resources into different evaluations: selection_test.rego checks
#   the tables of lib.access against it, and the parity test
#   (test/gate/select-parity.test.ts) compares verdicts on the whole plan with verdicts on the selection.
# scope: package
package lib.selection

# identity resources: policy text, attachments by ARN or name, principals with policy blocks, group memberships
identity_types := {
	"aws_cognito_identity_pool",
	"aws_cognito_identity_pool_roles_attachment",
	"aws_cognito_user_group",
	"aws_cognito_user_in_group",
	"aws_eks_pod_identity_association",
	"aws_iam_access_key",
	"aws_iam_group_membership",
	"aws_iam_group_policies_exclusive",
	"aws_iam_group_policy",
	"aws_iam_group_policy_attachment",
	"aws_iam_group_policy_attachments_exclusive",
	"aws_iam_instance_profile",
	"aws_iam_openid_connect_provider",
	"aws_iam_policy",
	"aws_iam_policy_attachment",
	"aws_iam_policy_document",
	"aws_iam_role",
	"aws_iam_role_policies_exclusive",
	"aws_iam_role_policy",
	"aws_iam_role_policy_attachment",
	"aws_iam_role_policy_attachments_exclusive",
	"aws_iam_saml_provider",
	"aws_iam_service_specific_credential",
	"aws_iam_user",
	"aws_iam_user_group_membership",
	"aws_iam_user_login_profile",
	"aws_iam_user_policies_exclusive",
	"aws_iam_user_policy",
	"aws_iam_user_policy_attachment",
	"aws_iam_user_policy_attachments_exclusive",
	"aws_identitystore_group_membership",
	"aws_iot_ca_certificate",
	"aws_iot_certificate",
	"aws_iot_policy",
	"aws_iot_policy_attachment",
	"aws_iot_provisioning_template",
	"aws_iot_role_alias",
	"aws_rolesanywhere_crl",
	"aws_rolesanywhere_profile",
	"aws_rolesanywhere_trust_anchor",
	"aws_ssm_activation",
	"aws_ssoadmin_account_assignment",
	"aws_ssoadmin_customer_managed_policy_attachment",
	"aws_ssoadmin_customer_managed_policy_attachments_exclusive",
	"aws_ssoadmin_managed_policy_attachment",
	"aws_ssoadmin_managed_policy_attachments_exclusive",
	"aws_ssoadmin_permission_set_inline_policy",
	"aws_ssoadmin_permissions_boundary_attachment",
	"awscc_cognito_identity_pool",
	"awscc_cognito_identity_pool_role_attachment",
	"awscc_cognito_user_pool_group",
	"awscc_cognito_user_pool_user_to_group_attachment",
	"awscc_eks_pod_identity_association",
	"awscc_iam_group",
	"awscc_iam_group_policy",
	"awscc_iam_instance_profile",
	"awscc_iam_managed_policy",
	"awscc_iam_oidc_provider",
	"awscc_iam_role",
	"awscc_iam_role_policy",
	"awscc_iam_saml_provider",
	"awscc_iam_user",
	"awscc_iam_user_policy",
	"awscc_iam_user_to_group_addition",
	"awscc_identitystore_group_membership",
	"awscc_iot_ca_certificate",
	"awscc_iot_certificate",
	"awscc_iot_policy",
	"awscc_iot_policy_principal_attachment",
	"awscc_iot_provisioning_template",
	"awscc_iot_role_alias",
	"awscc_rolesanywhere_crl",
	"awscc_rolesanywhere_profile",
	"awscc_rolesanywhere_trust_anchor",
	"awscc_sso_assignment",
	"awscc_sso_permission_set",
}

# organization resources: SCP sets per target, attachments, moves, the organization itself
organization_types := {
	"aws_organizations_account",
	"awscc_organizations_account",
	"awscc_organizations_organizational_unit",
	"aws_organizations_organization",
	"awscc_organizations_organization",
	"aws_organizations_organizational_unit",
	"aws_organizations_policy",
	"aws_organizations_policy_attachment",
	"awscc_organizations_policy",
}

# resources read on their own: Marketplace agreements (rules.marketplace.model_agreement_not_approved),
# CloudFormation stacks, StackSet instances and Cloud Control resources, which may deliver IAM
# (rules.iam.cloudformation_iam_unjudged), and Organizations delegation policies
# (rules.organizations.policy_management_delegated)
other_types := {
	"aws_bedrock_foundation_model_agreement",
	"aws_cloudformation_stack", "aws_cloudformation_stack_set",
	"awscc_cloudformation_stack", "awscc_cloudformation_stack_set",
	"aws_cloudformation_stack_set_instance", "aws_cloudformation_stack_instances",
	"aws_cloudcontrolapi_resource",
	"aws_organizations_resource_policy", "awscc_organizations_resource_policy",
}

types := (identity_types | organization_types) | other_types

# joins[type]: [attribute path, key space, role] triples, role "defines", "uses" or "defines-if-written" (defines
# only when the plan creates or updates the resource). Values are read from both before and after; a path is dot-
# separated attribute names, "*" stepping into every element of a list (a single value counts as a list of one, as
# lib.iam.as_array reads it), "**" into every value below at any depth (lists and maps), "@json" into the JSON a
# string holds (an object stays as it is), "@arn-resource" to an ARN's resource part (after its fifth colon),
# "@principal-name" to the role or user name an IAM principal ARN (or an STS assumed-role session ARN) names, and
# "@saml-provider" / "@oidc-provider" to the resource part of the ARN a provider of that name / URL has (as
# lib.access.identity providers.rego computes them); a path "=<text>" is that text, whatever the resource holds (a
# shared key that puts all resources of some types together). In a "defined" key space a
# resource that "uses" a value is related to the resources that "define" it (an attachment to the policy whose ARN it
# names), not to other users of the same value (two attachments of one AWS-managed policy are unrelated); in a
# "shared" key space every resource holding a value is related to every other (SCP attachments on one target form
# that target's SCP set, wherever the target is).
key_spaces := {
	"arn": "defined", "policy-name": "defined", "org-id": "shared",
	# holders (lib.access.identity): what a group, role or permission set grants is defined by the resources that
	# grant it, and used by the changes that hand it to more principals (memberships, trust policies, assignments)
	# (every resource that carries a holder's grants both defines and uses its key: any of them can expose the holder,
	# a Deny removed or a Deny policy detached, and all of them are then judged together)
	"group": "defined", "role": "defined", "role-arn": "defined", "user": "defined", "user-arn": "defined",
	"permission-set": "defined", "sso-group": "defined",
	# StackSets by name, and the instances that deploy them (rules.iam.cloudformation_iam_unjudged)
	"stack-set": "defined",
	# Cognito identity pools by ID, and the roles attachments that name them (lib.access.identity exposures)
	"cognito-pool": "defined", "cognito-group": "defined",
	# (a role's trust policy uses the role and user ARNs it names, and defines their names, so that a principal the
	# plan does not show is joined with what hands it out: role chaining, lib.access.identity chains.rego)
	# SAML and OIDC providers by their ARN's resource part, and the roles whose trust policies name them
	"idp": "defined",
	# every Roles Anywhere trust anchor and profile together (any anchor serves any profile), and every IoT policy,
	# policy attachment and role alias together (a policy's Resource patterns name aliases by wildcard)
	"rolesanywhere": "shared", "iot": "shared",
}

joins := {
	"aws_iam_policy": [["arn", "arn", "defines"], ["name", "policy-name", "defines"]],
	"awscc_iam_managed_policy": [
		["arn", "arn", "defines"], ["policy_arn", "arn", "defines"],
		["name", "policy-name", "defines"], ["managed_policy_name", "policy-name", "defines"],
		["groups.*", "group", "defines"], ["roles.*", "role", "defines"], ["users.*", "user", "defines"],
		["groups.*", "group", "uses"], ["roles.*", "role", "uses"], ["users.*", "user", "uses"],
	],
	"aws_iam_role_policy_attachment": [
		["policy_arn", "arn", "uses"],
		["role", "role", "defines"],
		["role", "role", "uses"],
	],
	"aws_iam_user_policy_attachment": [
		["policy_arn", "arn", "uses"],
		["user", "user", "defines"],
		["user", "user", "uses"],
	],
	"aws_iam_group_policy_attachment": [
		["policy_arn", "arn", "uses"],
		["group", "group", "defines"],
		["group", "group", "uses"],
	],
	"aws_iam_policy_attachment": [
		["policy_arn", "arn", "uses"],
		["groups.*", "group", "defines"], ["roles.*", "role", "defines"], ["users.*", "user", "defines"],
		["groups.*", "group", "uses"], ["roles.*", "role", "uses"], ["users.*", "user", "uses"],
	],
	"aws_ssoadmin_managed_policy_attachment": [
		["managed_policy_arn", "arn", "uses"],
		["permission_set_arn", "permission-set", "defines"],
		["permission_set_arn", "permission-set", "uses"],
	],
	"aws_ssoadmin_customer_managed_policy_attachment": [
		["customer_managed_policy_reference.*.name", "policy-name", "uses"],
		["permission_set_arn", "permission-set", "defines"], ["permission_set_arn", "permission-set", "uses"],
	],
	"aws_ssoadmin_managed_policy_attachments_exclusive": [
		["managed_policy_arns.*", "arn", "uses"],
		["permission_set_arn", "permission-set", "defines"],
		["permission_set_arn", "permission-set", "uses"],
	],
	"aws_ssoadmin_customer_managed_policy_attachments_exclusive": [
		["customer_managed_policy_reference.*.name", "policy-name", "uses"],
		["permission_set_arn", "permission-set", "defines"], ["permission_set_arn", "permission-set", "uses"],
	],
	"aws_ssoadmin_permission_set_inline_policy": [
		["permission_set_arn", "permission-set", "defines"],
		["permission_set_arn", "permission-set", "uses"],
	],
	"aws_ssoadmin_permissions_boundary_attachment": [
		["permission_set_arn", "permission-set", "uses"],
		["permissions_boundary.*.customer_managed_policy_reference.*.name", "policy-name", "uses"],
		["permissions_boundary.*.managed_policy_arn", "arn", "uses"],
	],
	"aws_iam_role": [
		["managed_policy_arns.*", "arn", "uses"], ["permissions_boundary", "arn", "uses"],
		["name", "role", "defines"], ["name", "role", "uses"], ["arn", "role-arn", "defines"],
		["assume_role_policy.@json.Statement.*.Principal.Federated.*.@arn-resource", "idp", "uses"],
		["assume_role_policy.@json.Statement.*.Principal.AWS.*", "role-arn", "uses"],
		["assume_role_policy.@json.Statement.*.Principal.AWS.*", "user-arn", "uses"],
		["assume_role_policy.@json.Statement.*.Principal.AWS.*.@principal-name", "role", "defines"],
		["assume_role_policy.@json.Statement.*.Principal.AWS.*.@principal-name", "role", "uses"],
		["assume_role_policy.@json.Statement.*.Principal.AWS.*.@principal-name", "user", "defines"],
		["assume_role_policy.@json.Statement.*.Principal.AWS.*.@principal-name", "user", "uses"],
		["assume_role_policy.@json.Statement.*.Condition.**.aws:PrincipalArn.*", "role-arn", "uses"],
		["assume_role_policy.@json.Statement.*.Condition.**.aws:PrincipalArn.*", "user-arn", "uses"],
		["assume_role_policy.@json.Statement.*.Condition.**.aws:PrincipalArn.*.@principal-name", "role", "defines"],
		["assume_role_policy.@json.Statement.*.Condition.**.aws:PrincipalArn.*.@principal-name", "role", "uses"],
		["assume_role_policy.@json.Statement.*.Condition.**.aws:PrincipalArn.*.@principal-name", "user", "defines"],
		["assume_role_policy.@json.Statement.*.Condition.**.aws:PrincipalArn.*.@principal-name", "user", "uses"],
	],
	"aws_iam_role_policy_attachments_exclusive": [
		["policy_arns.*", "arn", "uses"],
		["role_name", "role", "defines"],
		["role_name", "role", "uses"],
	],
	"aws_iam_user_policy_attachments_exclusive": [
		["policy_arns.*", "arn", "uses"],
		["user_name", "user", "defines"],
		["user_name", "user", "uses"],
	],
	"aws_iam_group_policy_attachments_exclusive": [
		["policy_arns.*", "arn", "uses"],
		["group_name", "group", "defines"],
		["group_name", "group", "uses"],
	],
	"awscc_iam_role": [
		["managed_policy_arns.*", "arn", "uses"], ["permissions_boundary", "arn", "uses"],
		["role_name", "role", "defines"], ["role_name", "role", "uses"], ["arn", "role-arn", "defines"],
		["assume_role_policy_document.@json.Statement.*.Principal.Federated.*.@arn-resource", "idp", "uses"],
		["assume_role_policy_document.@json.Statement.*.Principal.AWS.*", "role-arn", "uses"],
		["assume_role_policy_document.@json.Statement.*.Principal.AWS.*", "user-arn", "uses"],
		["assume_role_policy_document.@json.Statement.*.Principal.AWS.*.@principal-name", "role", "defines"],
		["assume_role_policy_document.@json.Statement.*.Principal.AWS.*.@principal-name", "role", "uses"],
		["assume_role_policy_document.@json.Statement.*.Principal.AWS.*.@principal-name", "user", "defines"],
		["assume_role_policy_document.@json.Statement.*.Principal.AWS.*.@principal-name", "user", "uses"],
		["assume_role_policy_document.@json.Statement.*.Condition.**.aws:PrincipalArn.*", "role-arn", "uses"],
		["assume_role_policy_document.@json.Statement.*.Condition.**.aws:PrincipalArn.*", "user-arn", "uses"],
		["assume_role_policy_document.@json.Statement.*.Condition.**.aws:PrincipalArn.*.@principal-name", "role", "defines"],
		["assume_role_policy_document.@json.Statement.*.Condition.**.aws:PrincipalArn.*.@principal-name", "role", "uses"],
		["assume_role_policy_document.@json.Statement.*.Condition.**.aws:PrincipalArn.*.@principal-name", "user", "defines"],
		["assume_role_policy_document.@json.Statement.*.Condition.**.aws:PrincipalArn.*.@principal-name", "user", "uses"],
	],
	"awscc_iam_user": [
		["managed_policy_arns.*", "arn", "uses"], ["groups.*", "group", "uses"], ["permissions_boundary", "arn", "uses"],
		["user_name", "user", "defines"], ["user_name", "user", "uses"], ["arn", "user-arn", "defines"],
	],
	"awscc_iam_group": [
		["managed_policy_arns.*", "arn", "uses"],
		["group_name", "group", "defines"],
		["group_name", "group", "uses"],
	],
	"awscc_sso_permission_set": [
		["managed_policies.*", "arn", "uses"],
		["customer_managed_policy_references.*.name", "policy-name", "uses"],
		["permission_set_arn", "permission-set", "defines"], ["permission_set_arn", "permission-set", "uses"],
	],
	"aws_iam_group_policy": [["group", "group", "defines"], ["group", "group", "uses"]],
	"awscc_iam_group_policy": [["group_name", "group", "defines"], ["group_name", "group", "uses"]],
	"aws_iam_role_policy": [["role", "role", "defines"], ["role", "role", "uses"]],
	"aws_iam_role_policies_exclusive": [["role_name", "role", "defines"], ["role_name", "role", "uses"]],
	"aws_iam_user_policies_exclusive": [["user_name", "user", "defines"], ["user_name", "user", "uses"]],
	"aws_iam_group_policies_exclusive": [["group_name", "group", "defines"], ["group_name", "group", "uses"]],
	"awscc_iam_role_policy": [["role_name", "role", "defines"], ["role_name", "role", "uses"]],
	"aws_iam_user_policy": [["user", "user", "defines"], ["user", "user", "uses"]],
	"awscc_iam_user_policy": [["user_name", "user", "defines"], ["user_name", "user", "uses"]],
	"aws_iam_user": [
		["name", "user", "defines"], ["name", "user", "uses"], ["permissions_boundary", "arn", "uses"],
		["arn", "user-arn", "defines"],
	],
	"aws_iam_group_membership": [
		["group", "group", "uses"],
		["users.*", "user", "defines"],
		["users.*", "user", "uses"],
	],
	"aws_iam_user_group_membership": [
		["groups.*", "group", "uses"],
		["user", "user", "defines"],
		["user", "user", "uses"],
	],
	"awscc_iam_user_to_group_addition": [
		["group_name", "group", "uses"],
		["users.*", "user", "defines"],
		["users.*", "user", "uses"],
	],
	"aws_identitystore_group_membership": [["group_id", "sso-group", "uses"]],
	"awscc_identitystore_group_membership": [["group_id", "sso-group", "uses"]],
	"aws_ssoadmin_account_assignment": [
		["permission_set_arn", "permission-set", "uses"],
		["principal_id", "sso-group", "defines"],
		["principal_id", "sso-group", "uses"],
	],
	"awscc_sso_assignment": [
		["permission_set_arn", "permission-set", "uses"],
		["principal_id", "sso-group", "defines"],
		["principal_id", "sso-group", "uses"],
	],
	"aws_iam_instance_profile": [["role", "role", "uses"]],
	"awscc_iam_instance_profile": [["roles.*", "role", "uses"]],
	"aws_eks_pod_identity_association": [["role_arn", "role-arn", "uses"], ["target_role_arn", "role-arn", "uses"]],
	"awscc_eks_pod_identity_association": [["role_arn", "role-arn", "uses"], ["target_role_arn", "role-arn", "uses"]],
	"aws_cognito_identity_pool_roles_attachment": [
		["roles.authenticated", "role-arn", "uses"], ["roles.unauthenticated", "role-arn", "uses"],
		["role_mapping.**", "role-arn", "uses"], ["identity_pool_id", "cognito-pool", "uses"],
	],
	"awscc_cognito_identity_pool_role_attachment": [
		["roles.authenticated", "role-arn", "uses"], ["roles.unauthenticated", "role-arn", "uses"],
		["role_mappings.**", "role-arn", "uses"], ["identity_pool_id", "cognito-pool", "uses"],
	],
	"aws_rolesanywhere_profile": [["role_arns.*", "role-arn", "uses"], ["=rolesanywhere", "rolesanywhere", "uses"]],
	"awscc_rolesanywhere_profile": [["role_arns.*", "role-arn", "uses"], ["=rolesanywhere", "rolesanywhere", "uses"]],
	"aws_rolesanywhere_trust_anchor": [["=rolesanywhere", "rolesanywhere", "uses"]],
	"aws_rolesanywhere_crl": [["=rolesanywhere", "rolesanywhere", "uses"]],
	"awscc_rolesanywhere_crl": [["=rolesanywhere", "rolesanywhere", "uses"]],
	"awscc_rolesanywhere_trust_anchor": [["=rolesanywhere", "rolesanywhere", "uses"]],
	"aws_cognito_user_group": [["role_arn", "role-arn", "uses"], ["name", "cognito-group", "defines"]],
	"awscc_cognito_user_pool_group": [["role_arn", "role-arn", "uses"], ["group_name", "cognito-group", "defines"]],
	"aws_cognito_user_in_group": [["group_name", "cognito-group", "uses"]],
	"awscc_cognito_user_pool_user_to_group_attachment": [["group_name", "cognito-group", "uses"]],
	"aws_iot_role_alias": [["role_arn", "role-arn", "uses"], ["=iot", "iot", "uses"]],
	"aws_iot_policy": [["=iot", "iot", "uses"]],
	"awscc_iot_policy": [["=iot", "iot", "uses"]],
	"aws_iot_policy_attachment": [["=iot", "iot", "uses"]],
	"awscc_iot_policy_principal_attachment": [["=iot", "iot", "uses"]],
	"aws_iot_certificate": [["=iot", "iot", "uses"]],
	"awscc_iot_certificate": [["=iot", "iot", "uses"]],
	"aws_iot_ca_certificate": [["=iot", "iot", "uses"]],
	"awscc_iot_ca_certificate": [["=iot", "iot", "uses"]],
	"aws_iot_provisioning_template": [["=iot", "iot", "uses"]],
	"awscc_iot_provisioning_template": [["=iot", "iot", "uses"]],
	# new credentials for a user (lib.access.identity credentials.rego)
	"aws_iam_access_key": [["user", "user", "uses"]],
	"aws_iam_user_login_profile": [["user", "user", "uses"]],
	"aws_iam_service_specific_credential": [["user_name", "user", "uses"]],
	"aws_ssm_activation": [["iam_role", "role", "uses"]],
	"awscc_iot_role_alias": [["role_arn", "role-arn", "uses"], ["=iot", "iot", "uses"]],
	# an identity provider created, or trusting other issuers, exposes the roles that trust it (lib.access.identity
	# providers.rego); "@…" steps: see the comment on joins
	# (only a provider the plan creates or updates: an unchanged one exposes no one, and every role of a federation
	# workspace names it)
	"aws_iam_saml_provider": [
		["arn.@arn-resource", "idp", "defines-if-written"],
		["name.@saml-provider", "idp", "defines-if-written"],
	],
	"awscc_iam_saml_provider": [
		["arn.@arn-resource", "idp", "defines-if-written"],
		["name.@saml-provider", "idp", "defines-if-written"],
	],
	"aws_iam_openid_connect_provider": [
		["arn.@arn-resource", "idp", "defines-if-written"],
		["url.@oidc-provider", "idp", "defines-if-written"],
	],
	"awscc_iam_oidc_provider": [
		["arn.@arn-resource", "idp", "defines-if-written"],
		["url.@oidc-provider", "idp", "defines-if-written"],
	],
	# a Cognito identity pool opened to more users exposes the roles of its roles attachments
	"aws_cognito_identity_pool": [["id", "cognito-pool", "defines"]],
	"awscc_cognito_identity_pool": [["id", "cognito-pool", "defines"], ["identity_pool_id", "cognito-pool", "defines"]],
	# organizations: every ID an SCP is known by, what an attachment names, and the tree of roots, OUs and
	# accounts (lib.access.org: attached_before/after, target_stmts, _parent, left)
	"aws_organizations_policy": [["id", "org-id", "defines"], ["policy_id", "org-id", "defines"]],
	"awscc_organizations_policy": [
		["id", "org-id", "defines"], ["policy_id", "org-id", "defines"],
		["target_ids.*", "org-id", "uses"],
	],
	"aws_organizations_policy_attachment": [["policy_id", "org-id", "uses"], ["target_id", "org-id", "uses"]],
	"aws_organizations_account": [["id", "org-id", "defines"], ["parent_id", "org-id", "uses"]],
	"aws_organizations_organizational_unit": [["id", "org-id", "defines"], ["parent_id", "org-id", "uses"]],
	"awscc_organizations_account": [["account_id", "org-id", "defines"], ["parent_ids.*", "org-id", "uses"]],
	"awscc_organizations_organizational_unit": [["id", "org-id", "defines"], ["parent_id", "org-id", "uses"]],
	"aws_organizations_organization": [["roots.*.id", "org-id", "defines"]],
	"awscc_organizations_organization": [["root_id", "org-id", "defines"]],
	"aws_cloudformation_stack_set": [["name", "stack-set", "defines"]],
	"awscc_cloudformation_stack_set": [["stack_set_name", "stack-set", "defines"]],
	"aws_cloudformation_stack_set_instance": [["stack_set_name", "stack-set", "uses"]],
	"aws_cloudformation_stack_instances": [["stack_set_name", "stack-set", "uses"]],
}

# reference_attributes[type]: attributes whose configuration references (an ARN or ID unknown until apply) the
# rules resolve to the resources they name, in the same module
reference_attributes := {
	"aws_iam_role_policy_attachment": ["policy_arn"],
	"aws_iam_user_policy_attachment": ["policy_arn"],
	"aws_iam_group_policy_attachment": ["policy_arn"],
	"aws_iam_policy_attachment": ["policy_arn"],
	"aws_ssoadmin_managed_policy_attachment": ["managed_policy_arn"],
	"aws_ssoadmin_managed_policy_attachments_exclusive": ["managed_policy_arns"],
	"aws_iam_role": ["managed_policy_arns", "permissions_boundary"],
	"aws_iam_user": ["permissions_boundary"],
	"aws_iam_role_policy_attachments_exclusive": ["policy_arns"],
	"aws_iam_user_policy_attachments_exclusive": ["policy_arns"],
	"aws_iam_group_policy_attachments_exclusive": ["policy_arns"],
	"awscc_iam_role": ["managed_policy_arns", "permissions_boundary"],
	"awscc_iam_user": ["managed_policy_arns", "permissions_boundary"],
	"awscc_iam_group": ["managed_policy_arns"],
	"awscc_sso_permission_set": ["managed_policies"],
	"aws_organizations_policy_attachment": ["policy_id", "target_id"],
	"aws_organizations_account": ["parent_id"],
	"aws_organizations_organizational_unit": ["parent_id"],
	# policy text read during apply from aws_iam_policy_document data sources (rules.iam.policy_document_unknown)
	"aws_organizations_policy": ["content"],
	"aws_iam_policy": ["policy"],
	"aws_iam_role_policy": ["policy"],
	"aws_iam_user_policy": ["policy"],
	"aws_iam_group_policy": ["policy"],
	"aws_ssoadmin_permission_set_inline_policy": ["inline_policy"],
	"awscc_organizations_policy": ["content"],
	"awscc_iam_managed_policy": ["policy_document"],
	"awscc_iam_role_policy": ["policy_document"],
	"awscc_iam_user_policy": ["policy_document"],
	"awscc_iam_group_policy": ["policy_document"],
}

# types whose data sources the rules read from the prior state (read while planning, they are not resource
# changes): a customer-managed policy looked up by data.aws_iam_policy, whose ARN an attachment names
prior_data_types := {"aws_iam_policy"}

# the declaration as one document, for tools/build-wasm.sh (rego/dist/selection.json)
declaration := {
	"types": sort(types),
	"organizationTypes": sort(organization_types),
	"joins": joins,
	"referenceAttributes": reference_attributes,
	"keySpaces": key_spaces,
	"priorDataTypes": sort(prior_data_types),
}
