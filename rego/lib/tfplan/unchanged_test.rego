package lib.tfplan_test

import data.lib.tfplan

# ---- an in-place update that keeps a policy text is not judged again

_changed(type, actions, before, after) := object.union(
	_rc("managed", type, concat(".", [type, "x"]), actions, after, {}),
	{"change": {"before": before}},
)

_other := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:*","Resource":"*"}]}`

_attrs(rcs) := {p.attr | some p in tfplan.policies with input as _plan(rcs)}

test_policies_when_an_update_keeps_the_text if {
	# GIVEN an aws_iam_policy whose description changes and text does not WHEN listed THEN not judged
	_attrs([_changed("aws_iam_policy", ["update"], {"policy": _policy, "description": "a"}, {"policy": _policy, "description": "b"})]) == set()

	# WHEN the text changes, or the policy is replaced with the same text THEN judged
	_attrs([_changed("aws_iam_policy", ["update"], {"policy": _other}, {"policy": _policy})]) == {"policy"}
	_attrs([_changed("aws_iam_policy", ["delete", "create"], {"policy": _policy}, {"policy": _policy})]) == {"policy"}
}

test_policies_when_a_managed_policy_changes_its_own_principals if {
	# GIVEN an awscc_iam_managed_policy with the same text WHEN its groups list grows THEN judged; WHEN only its
	# description changes THEN not
	grown := _changed("awscc_iam_managed_policy", ["update"], {"policy_document": _policy, "groups": ["a"]}, {"policy_document": _policy, "groups": ["a", "b"]})
	_attrs([grown]) == {"policy_document"}
	same := _changed("awscc_iam_managed_policy", ["update"], {"policy_document": _policy, "groups": ["a"], "description": "x"}, {"policy_document": _policy, "groups": ["a"], "description": "y"})
	_attrs([same]) == set()
}

test_policies_when_an_scp_update_keeps_its_content if {
	# GIVEN an SCP whose tags change WHEN listed THEN still judged (the organization rules compare whole sets)
	scp := _changed("aws_organizations_policy", ["update"], {"content": _policy, "tags": {}}, {"content": _policy, "tags": {"a": "b"}})
	_attrs([scp]) == {"content"}
}

test_policies_when_a_role_update_keeps_its_inline_blocks if {
	# GIVEN a role whose tags change and whose inline_policy block is the same WHEN listed THEN not judged; WHEN a
	# block's text changes THEN that block is
	keep := _changed("aws_iam_role", ["update"], {"name": "r", "inline_policy": [{"name": "a", "policy": _policy}], "tags": {}}, {"name": "r", "inline_policy": [{"name": "a", "policy": _policy}], "tags": {"t": "1"}})
	_attrs([keep]) == set()
	edit := _changed("aws_iam_role", ["update"], {"name": "r", "inline_policy": [{"name": "a", "policy": _policy}]}, {"name": "r", "inline_policy": [{"name": "a", "policy": _policy}, {"name": "b", "policy": _other}]})
	_attrs([edit]) == {"inline_policy[1].policy"}
}

test_policies_when_an_update_changes_the_principal if {
	# GIVEN a role policy whose text stays and whose role changes in place WHEN listed THEN judged: someone new holds it
	moved := _changed("aws_iam_role_policy", ["update"], {"policy": _policy, "role": "a"}, {"policy": _policy, "role": "b"})
	_attrs([moved]) == {"policy"}
	renamed := _changed("aws_iam_role", ["update"], {"name": "a", "inline_policy": [{"name": "p", "policy": _policy}]}, {"name": "b", "inline_policy": [{"name": "p", "policy": _policy}]})
	_attrs([renamed]) == {"inline_policy[0].policy"}
}
