package lib.access_test

import data.lib.access
import data.lib.testing

# a unit planned through a provider that assumes a role in the Sandbox account (testing.per_target_config)
_unit(type) := {"rc": {"address": concat(".", [type, "x"]), "mode": "managed", "type": type, "name": "x"}, "stmts": [], "via": "x"}

_in_sandbox_account(type) := object.union(testing.plan([_unit(type).rc]), {"plan": {"configuration": {
	"provider_config": {"aws": {"expressions": {"allowed_account_ids": {"constant_value": [testing.sbox_account]}}}},
	"root_module": {"resources": [{"address": concat(".", [type, "x"]), "mode": "managed", "type": type, "name": "x", "provider_config_key": "aws"}]},
}}})

test_unit_scope_is_the_account_the_provider_names if {
	# GIVEN an IAM policy planned in the Sandbox account WHEN scoped THEN Sandbox's set (index 1), said in words
	access.unit_scope(_unit("aws_iam_policy")) == 1 with input as _in_sandbox_account("aws_iam_policy")
		with data.modelgate.approved as testing.per_target_config
	access.account_words(_unit("aws_iam_policy")) == " for account 333344445555" with input as _in_sandbox_account("aws_iam_policy")
		with data.modelgate.approved as testing.per_target_config
}

test_unit_scope_leaves_identity_center_grants_to_the_union if {
	# GIVEN Identity Center resources planned in the same account WHEN scoped THEN none: they land in the accounts
	# a permission set is assigned to, not in the one that administers Identity Center
	every type in [
		"aws_ssoadmin_permission_set_inline_policy", "awscc_sso_permission_set",
		"aws_identitystore_group_membership", "awscc_identitystore_group_membership",
	] {
		not access.unit_scope(_unit(type)) with input as _in_sandbox_account(type)
			with data.modelgate.approved as testing.per_target_config
		access.account_words(_unit(type)) == "" with input as _in_sandbox_account(type)
			with data.modelgate.approved as testing.per_target_config
	}
}
