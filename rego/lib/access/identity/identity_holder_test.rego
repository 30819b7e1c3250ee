package lib.access.identity_test

import data.lib.access.identity
import data.lib.testing

# ---- a customer-managed policy read while planning by data.aws_iam_policy (fp6)

_data_policy_plan(text, mode) := {"plan": {
	"format_version": "1.2",
	"resource_changes": [_rc("aws_iam_role_policy_attachment", "std", {"role": "app", "policy_arn": "arn:aws:iam::222233334444:policy/platform/std"}, {})],
	"prior_state": {"values": {"root_module": {"resources": [{
		"address": "data.aws_iam_policy.std", "mode": mode, "type": "aws_iam_policy", "name": "std",
		"values": {"arn": "arn:aws:iam::222233334444:policy/platform/std", "name": "std", "path": "/platform/", "policy": text},
	}]}}},
}}

test_resolved_when_a_data_source_read_the_attached_policy if {
	# GIVEN an attachment of an ARN that data.aws_iam_policy read while planning WHEN judged
	plan := _data_policy_plan(json.marshal(_invoke_doc), "data")
	us := identity.units with input as plan with data.modelgate.managedPolicies as testing.managed_policies

	# THEN its text is what the attachment grants, and nothing is unresolved
	{u.stmts | some u in us} == {_invoke_stmts}
	count(identity.unresolved) == 0 with input as plan with data.modelgate.managedPolicies as testing.managed_policies
}

test_unresolved_when_the_data_source_text_is_not_policy_json if {
	plan := _data_policy_plan("not json", "data")
	count(identity.unresolved) == 1 with input as plan with data.modelgate.managedPolicies as testing.managed_policies
}

test_resolved_when_the_prior_state_holds_the_policy_as_a_managed_resource if {
	# GIVEN the same entry as a managed resource the plan does not change (a ghost): it resolves as before, by ARN
	plan := _data_policy_plan(json.marshal(_invoke_doc), "managed")
	count(identity.unresolved) == 0 with input as plan with data.modelgate.managedPolicies as testing.managed_policies
}

# ---- aws:PrincipalArn in an identity policy names its holder (attack16)

test_stmts_when_an_allow_is_conditioned_on_the_principal if {
	# GIVEN an Allow limited to one role's ARN, with a Region condition beside it
	s := {"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*", "Condition": {
		"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/DataScience"},
		"StringEquals": {"aws:RequestedRegion": "us-east-1"},
	}}

	# WHEN read for a holder THEN the principal condition is dropped (it holds for the role the policy is attached
	# to), the Region condition kept
	identity._stmts({"Statement": [s]}) == [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}}]
	identity._stmts({"Statement": [object.remove(s, ["Condition"])]}) == [object.remove(s, ["Condition"])]
}

test_stmts_when_a_deny_exempts_a_principal if {
	# GIVEN a Deny that exempts one role THEN it is not credited (it may not apply to the holder)
	d := {"Effect": "Deny", "Action": "bedrock:*", "NotResource": "x", "Condition": {"ArnNotEquals": {"AWS:PrincipalArn": "arn:aws:iam::222233334444:role/MLDeveloper"}}}
	a := {"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"}
	identity._stmts({"Statement": [a, d]}) == [a]
}

# ---- holders handed on with a policy the gate cannot read (attack16)

_unchanged(type, name, values) := {
	"address": concat(".", [type, name]), "mode": "managed", "type": type, "name": name,
	"provider_name": testing.provider,
	"change": {"actions": ["no-op"], "before": values, "after": values, "after_unknown": {}},
}

_ps := "arn:aws:sso:::permissionSet/ssoins-1/ps-1"

test_unresolved_when_an_assignment_hands_on_a_permission_set_with_an_unknown_reference if {
	# GIVEN a permission set whose customer-managed reference names a policy the plan does not describe
	ref := _unchanged("aws_ssoadmin_customer_managed_policy_attachment", "cmp", {
		"permission_set_arn": _ps, "customer_managed_policy_reference": [{"name": "BedrockPowerUser", "path": "/"}],
	})

	# WHEN a new assignment hands it to an account THEN the assignment is unresolved
	assignment := _rc("aws_ssoadmin_account_assignment", "a", {"permission_set_arn": _ps, "principal_type": "GROUP", "principal_id": "g-1", "target_id": "444455556666", "target_type": "AWS_ACCOUNT"}, {})
	us := identity.unresolved with input as testing.plan([ref, assignment]) with data.modelgate.managedPolicies as testing.managed_policies
	{[u.rc.address, u.hands] | some u in us} == {["aws_ssoadmin_account_assignment.a", concat("", ["an assignment of permission set ", _ps])]}
}

test_unresolved_when_a_membership_hands_on_a_group_of_a_policy_attachment if {
	# GIVEN aws_iam_policy_attachment of an unknown customer policy to group ml WHEN a user joins ml THEN unresolved
	att := _unchanged("aws_iam_policy_attachment", "p", {"policy_arn": "arn:aws:iam::222233334444:policy/Other", "groups": ["ml"], "roles": [], "users": []})
	member := _rc("aws_iam_user_group_membership", "alice", {"user": "alice", "groups": ["ml"]}, {})
	us := identity.unresolved with input as testing.plan([att, member]) with data.modelgate.managedPolicies as testing.managed_policies
	{u.rc.address | some u in us; u.hands} == {"aws_iam_user_group_membership.alice"}
}
