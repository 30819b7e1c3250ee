package lib.access.identity_test

import data.lib.access.identity
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

test_units_when_a_written_grant_also_reaches_through_the_membership if {
	# GIVEN a group policy the plan creates and a membership it creates WHEN listed THEN the policy is its own unit,
	# and the membership carries both grants to the new member
	new := _rc("aws_iam_group_policy", "new", {"group": "g", "name": "n", "policy": _broad_text}, {})
	old := _noop("aws_iam_group_policy", "old", {"group": "g", "name": "o", "policy": _broad_text})
	m := _rc("aws_iam_user_group_membership", "m", {"user": "u", "groups": ["g"]}, {})
	_unit_vias([new, old, m], m.address) == {
		"policy aws_iam_group_policy.old through membership of group g (aws_iam_user_group_membership.m)",
		"policy aws_iam_group_policy.new through membership of group g (aws_iam_user_group_membership.m)",
	}
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

# ---- more holders and exposures

_delete(type, name, before) := {
	"address": concat(".", [type, name]), "mode": "managed", "type": type, "name": name, "provider_name": testing.provider,
	"change": {"actions": ["delete"], "before": before, "after": null, "after_unknown": {}},
}

_forget(type, name, before) := object.union(_delete(type, name, before), {"change": {"actions": ["forget"]}})

test_units_when_a_forgotten_grant_stays_in_aws if {
	# GIVEN a group's AmazonBedrockFullAccess attachment the plan forgets (it stays in AWS) WHEN a user joins
	# THEN the grant reaches the user; WHEN the plan deletes the attachment instead THEN nothing does
	m := _rc("aws_iam_user_group_membership", "m", {"user": "u", "groups": ["g"]}, {})
	att := {"group": "g", "policy_arn": _bfa}
	count(_unit_vias([_forget("aws_iam_group_policy_attachment", "a", att), m], m.address)) == 1
	_unit_vias([_delete("aws_iam_group_policy_attachment", "a", att), m], m.address) == set()
}

test_units_when_an_awscc_managed_policy_attaches_itself if {
	# GIVEN an unchanged awscc_iam_managed_policy attached to group g, role r and user u by its own lists
	pol := _noop("awscc_iam_managed_policy", "p", {"managed_policy_name": "p", "policy_document": _broad_text, "groups": ["g"], "roles": ["r"], "users": ["u"]})

	# WHEN a user joins g, or r's trust policy changes THEN the policy reaches them
	m := _rc("aws_iam_user_group_membership", "m", {"user": "v", "groups": ["g"]}, {})
	_unit_vias([pol, m], m.address) == {"policy awscc_iam_managed_policy.p through membership of group g (aws_iam_user_group_membership.m)"}
	r := _update("aws_iam_role", "r", {"name": "r", "assume_role_policy": _trust("a")}, {"name": "r", "assume_role_policy": _trust("*")})
	count(_unit_vias([pol, r], r.address)) == 1
}

test_units_when_memberships_move_between_resources if {
	# GIVEN a broad unchanged group policy WHEN the plan deletes one membership resource and creates another with
	# the same (group, user) pair THEN nobody new joins; WHEN the new one adds a user THEN that user does
	grant := _noop("aws_iam_group_policy", "p", {"group": "g", "name": "p", "policy": _broad_text})
	old := _delete("aws_iam_group_membership", "old", {"name": "old", "group": "g", "users": ["a"]})
	same := _rc("aws_iam_user_group_membership", "new", {"user": "a", "groups": ["g"]}, {})
	_unit_vias([grant, old, same], same.address) == set()
	more := _rc("aws_iam_group_membership", "new", {"name": "new", "group": "g", "users": ["a", "b"]}, {})
	count(_unit_vias([grant, old, more], more.address)) == 1
}

_ids := "d-1234567890"

test_units_when_an_identity_center_user_joins_an_assigned_group if {
	# GIVEN a permission set with AmazonBedrockFullAccess assigned (unchanged) to Identity Store group G
	grants := [
		_noop("aws_ssoadmin_managed_policy_attachment", "m", {"permission_set_arn": _ps, "managed_policy_arn": _bfa}),
		_noop("aws_ssoadmin_account_assignment", "a", {"permission_set_arn": _ps, "principal_id": "G", "principal_type": "GROUP", "target_id": "444455556666"}),
	]

	# WHEN a new member (known or unknown until apply) joins G, by either provider THEN the grant reaches it
	every m in [
		_rc("aws_identitystore_group_membership", "m", {"identity_store_id": _ids, "group_id": "G"}, {"member_id": true}),
		_rc("awscc_identitystore_group_membership", "m", {"identity_store_id": _ids, "group_id": "G", "member_id": {"user_id": "U"}}, {}),
	] {
		count(_unit_vias(array.concat(grants, [m]), m.address)) == 1
	}

	# WHEN the assignment is to a user, not the group THEN the membership reaches nothing
	user := _noop("aws_ssoadmin_account_assignment", "a", {"permission_set_arn": _ps, "principal_id": "G", "principal_type": "USER"})
	m2 := _rc("aws_identitystore_group_membership", "m", {"group_id": "G", "member_id": "U"}, {})
	_unit_vias([grants[0], user, m2], m2.address) == set()
}

test_units_when_a_permissions_boundary_is_removed if {
	# GIVEN a role with an unchanged AmazonBedrockFullAccess attachment WHEN its boundary is removed THEN the grant
	# is judged as it now applies; WHEN a boundary is added THEN nothing is
	grant := _noop("aws_iam_role_policy_attachment", "a", {"role": "r", "policy_arn": _bfa})
	removed := _update("aws_iam_role", "r", {"name": "r", "assume_role_policy": _trust("a"), "permissions_boundary": "arn:b"}, {"name": "r", "assume_role_policy": _trust("a"), "permissions_boundary": null})
	_unit_vias([grant, removed], removed.address) == {"AWS-managed policy AmazonBedrockFullAccess (v11) attached by aws_iam_role_policy_attachment.a through the permissions boundary removed from role r (aws_iam_role.r)"}
	added := _update("aws_iam_role", "r", {"name": "r", "assume_role_policy": _trust("a"), "permissions_boundary": null}, {"name": "r", "assume_role_policy": _trust("a"), "permissions_boundary": "arn:b"})
	_unit_vias([grant, added], added.address) == set()
}

test_units_when_a_permissions_boundary_is_replaced if {
	# GIVEN a role with an unchanged AmazonBedrockFullAccess attachment and an AdministratorAccess boundary WHEN the
	# boundary becomes AmazonS3ReadOnlyAccess THEN the role's requests stay within it: nothing; WHEN it becomes
	# PowerUserAccess, or a policy the gate cannot resolve THEN the grant is judged as it now applies
	grant := _noop("aws_iam_role_policy_attachment", "a", {"role": "r", "policy_arn": _bfa})
	narrower := _update("aws_iam_role", "r", _bounded_role("arn:aws:iam::aws:policy/AdministratorAccess"), _bounded_role("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))
	_unit_vias([grant, narrower], narrower.address) == set()
	every b in ["arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::111122223333:policy/unseen"] {
		wider := _update("aws_iam_role", "r", _bounded_role("arn:aws:iam::aws:policy/AdministratorAccess"), _bounded_role(b))
		_unit_vias([grant, wider], wider.address) == {"AWS-managed policy AmazonBedrockFullAccess (v11) attached by aws_iam_role_policy_attachment.a through the permissions boundary of role r replaced (aws_iam_role.r)"}
	}
}

test_units_when_an_assignment_is_recreated_unchanged if {
	# GIVEN a permission set with AmazonBedrockFullAccess assigned to group G in an account WHEN the assignment is
	# replaced with the same values, or moved to another address THEN nobody new; WHEN it names another group THEN
	# the permission set reaches it
	ps := "arn:aws:sso:::permissionSet/ssoins-1/ps-1"
	grant := _noop("aws_ssoadmin_managed_policy_attachment", "m", {"permission_set_arn": ps, "managed_policy_arn": _bfa})
	v := {"permission_set_arn": ps, "principal_type": "GROUP", "principal_id": "G", "target_id": "444455556666", "target_type": "AWS_ACCOUNT"}
	replaced := {
		"address": "aws_ssoadmin_account_assignment.a", "mode": "managed", "type": "aws_ssoadmin_account_assignment", "name": "a",
		"provider_name": testing.provider, "change": {"actions": ["delete", "create"], "before": v, "after": v, "after_unknown": {"id": true}},
	}
	_unit_vias([grant, replaced], replaced.address) == set()
	old := _delete("aws_ssoadmin_account_assignment", "old", v)
	renamed := object.union(replaced, {"address": "aws_ssoadmin_account_assignment.b", "name": "b", "change": {"actions": ["create"], "before": null}})
	_unit_vias([grant, old, renamed], renamed.address) == set()
	other := object.union(replaced, {"change": {"after": object.union(v, {"principal_id": "H"})}})
	count(_unit_vias([grant, other], other.address)) > 0
}

test_units_when_a_user_boundary_is_removed_reaches_its_groups if {
	# GIVEN user u in group g (unchanged membership) with AdministratorAccess-like grants on g WHEN u's boundary is
	# removed THEN g's grant is judged for u
	grant := _noop("aws_iam_group_policy", "p", {"group": "g", "name": "p", "policy": _broad_text})
	m := _noop("aws_iam_user_group_membership", "m", {"user": "u", "groups": ["g"]})
	u := _update("aws_iam_user", "u", {"name": "u", "permissions_boundary": "arn:b"}, {"name": "u", "permissions_boundary": null})
	_unit_vias([grant, m, u], u.address) == {"policy aws_iam_group_policy.p through the permissions boundary removed from user u (aws_iam_user.u)"}
}

test_units_when_a_permission_set_boundary_attachment_is_deleted if {
	grant := _noop("aws_ssoadmin_managed_policy_attachment", "m", {"permission_set_arn": _ps, "managed_policy_arn": _bfa})
	b := _delete("aws_ssoadmin_permissions_boundary_attachment", "b", {"permission_set_arn": _ps, "permissions_boundary": [{"managed_policy_arn": "arn:b"}]})
	count(_unit_vias([grant, b], b.address)) == 1
}

_deny_text := json.marshal(testing.doc([{"Effect": "Deny", "Action": "bedrock:*", "Resource": "*"}]))

test_units_when_a_deny_beside_a_grant_is_removed if {
	# GIVEN a group with an unchanged broad grant WHEN the plan deletes the group's Deny policy, or edits the Deny
	# out of it THEN the grant is judged; WHEN it edits an Allow of that policy THEN not
	grant := _noop("aws_iam_group_policy_attachment", "a", {"group": "g", "policy_arn": _bfa})
	del := _delete("aws_iam_group_policy", "d", {"group": "g", "name": "d", "policy": _deny_text})
	count(_unit_vias([grant, del], del.address)) == 1
	edited := _update("aws_iam_group_policy", "d", {"group": "g", "name": "d", "policy": _deny_text}, {"group": "g", "name": "d", "policy": json.marshal(testing.doc([]))})
	"AWS-managed policy AmazonBedrockFullAccess (v11) attached by aws_iam_group_policy_attachment.a through removing a Deny from group g (aws_iam_group_policy.d)" in _unit_vias([grant, edited], edited.address)
	s3 := json.marshal(testing.doc([{"Effect": "Deny", "Action": "bedrock:*", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]))
	kept := _update("aws_iam_group_policy", "d", {"group": "g", "name": "d", "policy": s3}, {"group": "g", "name": "d", "policy": _deny_text})
	_unit_vias([grant, kept], kept.address) == {"aws_iam_group_policy.d (policy)"}
}

_trust_doc(stmts) := json.marshal(testing.doc(stmts))

_role(before, after) := _update("aws_iam_role", "r", {"name": "r", "assume_role_policy": before}, {"name": "r", "assume_role_policy": after})

_allow(p) := {"Effect": "Allow", "Principal": {"AWS": p}, "Action": "sts:AssumeRole"}

test_trust_changes_that_admit_no_one_new if {
	# GIVEN a role with an unchanged broad inline policy
	grant := _noop("aws_iam_role_policy", "p", {"role": "r", "name": "p", "policy": _broad_text})
	two := _trust_doc([_allow(["arn:aws:iam::1:root", "arn:aws:iam::2:root"])])

	# WHEN a principal is removed, a condition added, keys reordered, or a Deny added THEN no unit
	every r in [
		_role(two, _trust_doc([_allow("arn:aws:iam::1:root")])),
		_role(two, _trust_doc([object.union(_allow(["arn:aws:iam::1:root", "arn:aws:iam::2:root"]), {"Condition": {"StringEquals": {"sts:ExternalId": "x"}}})])),
		_role(two, json.marshal({"Statement": [{"Action": "sts:AssumeRole", "Principal": {"AWS": ["arn:aws:iam::1:root", "arn:aws:iam::2:root"]}, "Effect": "Allow"}], "Version": "2012-10-17"})),
		_role(two, _trust_doc([_allow(["arn:aws:iam::1:root", "arn:aws:iam::2:root"]), {"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole"}])),
		_role(two, _trust_doc([object.union(_allow(["arn:aws:iam::1:root", "arn:aws:iam::2:root"]), {"Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]})])),
	] {
		_unit_vias([grant, r], r.address) == set()
	}

	# WHEN a principal is added, a condition dropped, a Deny removed, or the text is not JSON THEN a unit
	cond := _trust_doc([object.union(_allow("arn:aws:iam::1:root"), {"Condition": {"StringEquals": {"sts:ExternalId": "x"}}})])
	deny := _trust_doc([_allow("arn:aws:iam::1:root"), {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::1:user/x"}, "Action": "sts:AssumeRole"}])
	every r in [
		_role(two, _trust_doc([_allow(["arn:aws:iam::1:root", "arn:aws:iam::3:root"])])),
		_role(cond, _trust_doc([_allow("arn:aws:iam::1:root")])),
		_role(deny, _trust_doc([_allow("arn:aws:iam::1:root")])),
		_role(two, "{not json"),
	] {
		count(_unit_vias([grant, r], r.address)) == 1
	}
}

test_units_when_a_role_is_handed_to_a_workload if {
	# GIVEN role r (ARN known) with an unchanged broad grant
	grant := _noop("aws_iam_role_policy", "p", {"role": "r", "name": "p", "policy": _broad_text})
	r := _noop("aws_iam_role", "r", {"name": "r", "arn": "arn:aws:iam::1:role/r", "assume_role_policy": "x"})

	# WHEN an instance profile or a pod identity association hands it to a workload THEN a unit each
	prof := _rc("aws_iam_instance_profile", "i", {"name": "i", "role": "r"}, {})
	count(_unit_vias([grant, r, prof], prof.address)) == 1
	pod := _rc("aws_eks_pod_identity_association", "e", {"cluster_name": "c", "role_arn": "arn:aws:iam::1:role/r"}, {})
	count(_unit_vias([grant, r, pod], pod.address)) == 1

	# and a Cognito identity pool (its unauthenticated role), a Roles Anywhere profile, an awscc pod identity
	every h in [
		_rc("aws_cognito_identity_pool_roles_attachment", "c", {"identity_pool_id": "p", "roles": {"unauthenticated": "arn:aws:iam::1:role/r"}}, {}),
		_rc("aws_rolesanywhere_profile", "ra", {"name": "ra", "role_arns": ["arn:aws:iam::1:role/r"]}, {}),
		_rc("awscc_eks_pod_identity_association", "e", {"cluster_name": "c", "role_arn": "arn:aws:iam::1:role/r"}, {}),
	] {
		count(_unit_vias([grant, r, h], h.address)) == 1
	}

	# WHEN an instance profile is updated without changing its role THEN nothing
	same := _update("aws_iam_instance_profile", "i", {"name": "i", "role": "r", "path": "/"}, {"name": "i", "role": "r", "path": "/a/"})
	_unit_vias([grant, r, same], same.address) == set()
}

test_units_when_a_targeted_plan_leaves_the_grant_in_the_prior_state if {
	# GIVEN a plan whose changes hold only a new membership; the group's attachment is in the prior state only
	m := _rc("aws_iam_user_group_membership", "m", {"user": "u", "groups": ["g"]}, {})
	prior := {"values": {"root_module": {"child_modules": [{"resources": [{
		"address": "module.iam.aws_iam_group_policy_attachment.a", "mode": "managed",
		"type": "aws_iam_group_policy_attachment", "name": "a", "values": {"group": "g", "policy_arn": _bfa},
	}]}]}}}
	plan := object.union(testing.plan([m]), {"plan": {"prior_state": prior}})
	vias := {u.via |
		some u in identity.units with input as plan with data.modelgate.managedPolicies as testing.managed_policies
		u.rc.address == m.address
	}
	vias == {"AWS-managed policy AmazonBedrockFullAccess (v11) attached by module.iam.aws_iam_group_policy_attachment.a through membership of group g (aws_iam_user_group_membership.m)"}

	# WHEN the same address is among the resource changes (deleted) THEN the prior state does not stand for it
	del := _delete("aws_iam_group_policy_attachment", "a", {"group": "g", "policy_arn": _bfa})
	gone := object.union(testing.plan([object.union(del, {"address": "module.iam.aws_iam_group_policy_attachment.a"}), m]), {"plan": {"prior_state": prior}})
	count({u | some u in identity.units with input as gone with data.modelgate.managedPolicies as testing.managed_policies; u.rc.address == m.address}) == 0
}

_bounded_role(b) := {"name": "r", "assume_role_policy": _trust("a"), "permissions_boundary": b}
