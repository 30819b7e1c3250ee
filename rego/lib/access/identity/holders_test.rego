package lib.access.identity_test

import data.lib.testing

# ---- holders reached by a change: memberships, trust policies, account assignments

_noop(type, name, v) := {
	"address": concat(".", [type, name]), "mode": "managed", "type": type, "name": name, "provider_name": testing.provider,
	"change": {"actions": ["no-op"], "before": v, "after": v, "after_unknown": {}},
}

_update(type, name, before, after) := {
	"address": concat(".", [type, name]), "mode": "managed", "type": type, "name": name, "provider_name": testing.provider,
	"change": {"actions": ["update"], "before": before, "after": after, "after_unknown": {}},
}

_bfa := "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"

_broad_text := json.marshal(_invoke_doc)

# the addresses of the units a plan's resource `addr` carries
_unit_vias(rcs, addr) := {u.via | some u in _units(rcs); u.rc.address == addr}

test_units_when_a_membership_reaches_every_kind_of_group_grant if {
	# GIVEN unchanged grants to group g of every type a group can hold them by
	grants := [
		_noop("aws_iam_group_policy_attachments_exclusive", "x", {"group_name": "g", "policy_arns": [_bfa]}),
		_noop("awscc_iam_group_policy", "p", {"group_name": "g", "policy_name": "p", "policy_document": _broad_text}),
		_noop("awscc_iam_group", "g", {"group_name": "g", "policies": [{"policy_name": "i", "policy_document": _broad_text}], "managed_policy_arns": [_bfa]}),
		_noop("aws_iam_policy_attachment", "a", {"name": "a", "groups": ["g"], "roles": [], "policy_arn": _bfa}),
	]

	# WHEN each membership type adds a user to g THEN every grant reaches the user through it
	every m in [
		_rc("aws_iam_group_membership", "m", {"name": "m", "group": "g", "users": ["u"]}, {}),
		_rc("aws_iam_user_group_membership", "m", {"user": "u", "groups": ["g"]}, {}),
		_rc("awscc_iam_user", "m", {"user_name": "u", "groups": ["g"]}, {}),
		_rc("awscc_iam_user_to_group_addition", "m", {"group_name": "g", "users": ["u"]}, {}),
	] {
		count(_unit_vias(array.concat(grants, [m]), m.address)) == 5
	}
}

test_units_when_a_membership_adds_no_member if {
	# GIVEN a broad unchanged group policy WHEN a membership is updated without a new (group, user) pair
	# THEN it reaches nobody new: no unit
	grant := _noop("aws_iam_group_policy", "p", {"group": "g", "name": "p", "policy": _broad_text})
	m := _update("aws_iam_group_membership", "m", {"name": "m", "group": "g", "users": ["a", "b"]}, {"name": "m2", "group": "g", "users": ["b"]})
	_unit_vias([grant, m], m.address) == set()

	# WHEN a user's groups gain g THEN g's grant reaches the user
	m2 := _update("aws_iam_user_group_membership", "m", {"user": "u", "groups": ["h"]}, {"user": "u", "groups": ["h", "g"]})
	_unit_vias([grant, m2], m2.address) == {"policy aws_iam_group_policy.p through membership of group g (aws_iam_user_group_membership.m)"}
}

test_units_when_members_are_unknown_until_apply if {
	# GIVEN a membership whose users are computed WHEN listed THEN it counts as adding members
	grant := _noop("aws_iam_group_policy", "p", {"group": "g", "name": "p", "policy": _broad_text})
	m := object.union(_update("aws_iam_group_membership", "m", {"name": "m", "group": "g", "users": ["a"]}, {"name": "m", "group": "g"}), {"change": {"after_unknown": {"users": true}}})
	count(_unit_vias([grant, m], m.address)) == 1
}

test_units_when_a_written_grant_is_not_repeated_through_the_membership if {
	# GIVEN a group policy the plan creates and a membership it creates WHEN listed THEN the policy is its own unit
	# and the membership carries only the unchanged grant
	new := _rc("aws_iam_group_policy", "new", {"group": "g", "name": "n", "policy": _broad_text}, {})
	old := _noop("aws_iam_group_policy", "old", {"group": "g", "name": "o", "policy": _broad_text})
	m := _rc("aws_iam_user_group_membership", "m", {"user": "u", "groups": ["g"]}, {})
	_unit_vias([new, old, m], m.address) == {"policy aws_iam_group_policy.old through membership of group g (aws_iam_user_group_membership.m)"}
	_unit_vias([new, old, m], new.address) == {"aws_iam_group_policy.new (policy)"}
}

_trust(p) := json.marshal(testing.doc([{"Effect": "Allow", "Principal": {"AWS": p}, "Action": "sts:AssumeRole"}]))

test_units_when_a_role_trust_policy_changes if {
	# GIVEN a role with an unchanged broad inline policy and an unchanged AmazonBedrockFullAccess attachment
	grants := [
		_noop("aws_iam_role_policy", "p", {"role": "r", "name": "p", "policy": _broad_text}),
		_noop("aws_iam_role_policy_attachment", "a", {"role": "r", "policy_arn": _bfa}),
		_noop("awscc_iam_role_policy", "c", {"role_name": "r", "policy_name": "c", "policy_document": _broad_text}),
	]

	# WHEN its trust policy is opened THEN all three reach the new principals through the role resource
	opened := _update("aws_iam_role", "r", {"name": "r", "assume_role_policy": _trust("arn:aws:iam::111122223333:role/a")}, {"name": "r", "assume_role_policy": _trust("*")})
	count(_unit_vias(array.concat(grants, [opened]), opened.address)) == 3

	# WHEN only its tags change THEN nobody new holds the role: no unit
	tagged := _update("aws_iam_role", "r", {"name": "r", "assume_role_policy": _trust("*"), "tags": {}}, {"name": "r", "assume_role_policy": _trust("*"), "tags": {"a": "b"}})
	_unit_vias(array.concat(grants, [tagged]), tagged.address) == set()
}

test_units_when_an_awscc_role_trust_policy_changes_it_reaches_its_own_blocks if {
	# GIVEN an awscc role whose trust policy changes, with its policies and managed ARNs unchanged WHEN listed
	# THEN its own blocks and attachments reach the new principals
	before := {"role_name": "r", "assume_role_policy_document": _trust("arn:aws:iam::111122223333:root"), "policies": [{"policy_name": "i", "policy_document": _broad_text}], "managed_policy_arns": [_bfa]}
	r := _update("awscc_iam_role", "r", before, object.union(before, {"assume_role_policy_document": _trust("*")}))
	count(_unit_vias([r], r.address)) == 2
}

_ps := "arn:aws:sso:::permissionSet/ssoins-1/ps-1"

test_units_when_a_permission_set_is_assigned if {
	# GIVEN a permission set with unchanged inline, AWS-managed and customer-managed (by name) policies
	grants := [
		_noop("aws_ssoadmin_permission_set_inline_policy", "i", {"permission_set_arn": _ps, "inline_policy": _broad_text}),
		_noop("aws_ssoadmin_managed_policy_attachment", "m", {"permission_set_arn": _ps, "managed_policy_arn": _bfa}),
		_noop("aws_ssoadmin_customer_managed_policy_attachment", "c", {"permission_set_arn": _ps, "customer_managed_policy_reference": [{"name": "p", "path": "/"}]}),
		_noop("aws_iam_policy", "p", {"name": "p", "path": "/", "arn": "arn:aws:iam::111122223333:policy/p", "policy": _broad_text}),
	]

	# WHEN it is assigned to an account (either provider) THEN the three grants reach the account's users
	every a in [
		_rc("aws_ssoadmin_account_assignment", "a", {"permission_set_arn": _ps, "target_id": "444455556666", "target_type": "AWS_ACCOUNT"}, {}),
		_rc("awscc_sso_assignment", "a", {"permission_set_arn": _ps, "target_id": "444455556666", "target_type": "AWS_ACCOUNT"}, {}),
	] {
		count(_unit_vias(array.concat(grants, [a]), a.address)) == 3
	}
}

test_units_when_an_awscc_permission_set_references_customer_managed_policies if {
	# GIVEN an awscc permission set created with a customer-managed reference WHEN the policy is in the plan
	# THEN it resolves; WHEN it is not THEN the reference is unresolved
	pol := _new_policy("p")
	ps := _rc("awscc_sso_permission_set", "s", {"name": "s", "customer_managed_policy_references": [{"name": "p"}]}, {"permission_set_arn": true})
	_unit_vias([pol, ps], ps.address) == {"policy aws_iam_policy.p attached by awscc_sso_permission_set.s"}
	{u.why | some u in _unresolved([ps])} == {"the customer-managed policy it names (/p) is not defined in this plan"}

	# WHEN the references are unknown until apply THEN they are unresolved
	unknown := _rc("awscc_sso_permission_set", "s", {"name": "s"}, {"customer_managed_policy_references": true, "permission_set_arn": true})
	{u.why | some u in _unresolved([unknown])} == {"the customer-managed policy it names (a name unknown until apply) is not defined in this plan"}
}
