package lib.access_test

import data.lib.access
import data.lib.access.probes
import data.lib.testing

# a unit planned through a provider that allows only the Sandbox account (testing.per_target_config)
_unit(type, after) := {
	"rc": {
		"address": concat(".", [type, "x"]), "mode": "managed", "type": type, "name": "x",
		"change": {"actions": ["create"], "before": null, "after": after, "after_unknown": {}},
	},
	"stmts": [], "via": "x",
}

_in_sandbox_account(rcs) := object.union(testing.plan(rcs), {"plan": {"configuration": {
	"provider_config": {"aws": {"expressions": {"allowed_account_ids": {"constant_value": [testing.sbox_account]}}}},
	"root_module": {"resources": [{"address": r.address, "mode": "managed", "type": r.type, "name": "x", "provider_config_key": "aws"} | some r in rcs]},
}}})

test_unit_sets_is_the_account_the_provider_names if {
	# GIVEN an IAM policy planned in the Sandbox account WHEN its sets are asked for THEN Sandbox's (index 1)
	u := _unit("aws_iam_policy", {})
	access.unit_sets(u) == {[1, " for account 333344445555"]} with input as _in_sandbox_account([u.rc])
		with data.modelgate.approved as testing.per_target_config

	# and in an account the config does not list, or with no provider account, the union
	access.unit_sets(u) == {[null, ""]} with input as testing.plan([u.rc])
		with data.modelgate.approved as testing.per_target_config
}

_ps := "arn:aws:sso:::permissionSet/ssoins-1/ps-1"

_assignment(account) := _unit("aws_ssoadmin_account_assignment", {"permission_set_arn": _ps, "target_id": account, "target_type": "AWS_ACCOUNT"})

test_unit_sets_of_identity_center_grants_are_the_assigned_accounts if {
	# GIVEN a permission set's inline policy planned in the Sandbox account (Identity Center administered there),
	# assigned to ml-dev (not listed in this config) and to the Sandbox account
	policy := _unit("aws_ssoadmin_permission_set_inline_policy", {"permission_set_arn": _ps, "inline_policy": "{}"})
	rcs := [policy.rc, _assignment("222233334444").rc, _assignment(testing.sbox_account).rc]

	# WHEN its sets are asked for THEN each assigned account's: the union for ml-dev, Sandbox's for the other
	access.unit_sets(policy) == {[null, ""], [1, " for account 333344445555"]} with input as _in_sandbox_account(rcs)
		with data.modelgate.approved as testing.per_target_config

	# an assignment lands in its own target only
	access.unit_sets(_assignment("222233334444")) == {[null, ""]} with input as _in_sandbox_account(rcs)
		with data.modelgate.approved as testing.per_target_config

	# unassigned in this plan, and an Identity Store membership: the union, whatever account administers them
	every type in ["aws_ssoadmin_permission_set_inline_policy", "awscc_sso_permission_set", "aws_identitystore_group_membership", "awscc_identitystore_group_membership"] {
		access.unit_sets(_unit(type, {})) == {[null, ""]} with input as _in_sandbox_account([_unit(type, {}).rc])
			with data.modelgate.approved as testing.per_target_config
	}
}

test_fixed_subscribe_set_is_the_unapproved_fixed_subscribe_probes if {
	# GIVEN the catalog, with and without a config approving Claude Haiku 4.5's product WHEN the Subscribe set is
	# built from fixed_surface THEN it holds exactly the fixed Subscribe probes fixed_unapproved holds
	every cfg in [null, {"models": ["anthropic.claude-haiku-4-5-20251001-v1:0"], "productIds": ["prod-xdkflymybwmvi"]}] {
		got := {p | some p in access.fixed_subscribe_set.all} with data.modelgate.catalog as testing.catalog
			with data.modelgate.approved as cfg
		want := {p | some p in probes.fixed_unapproved; p.surface == "subscribe"} with data.modelgate.catalog as testing.catalog
			with data.modelgate.approved as cfg
		count(want) > 0
		got == want
	}
}
