package lib.access.identity_test

import data.lib.access.identity
import data.lib.testing

# a developer boundary: allows everything, denies escalation
_boundary := _rc(
	"aws_iam_policy", "boundary", {"name": "developer-boundary", "path": "/", "policy": json.marshal({
		"Version": "2012-10-17",
		"Statement": [
			{"Effect": "Allow", "Action": "*", "Resource": "*"},
			{"Effect": "Deny", "Action": ["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary"], "Resource": "*"},
		],
	})},
	{"arn": true},
)

_role_bounded_by_reference := _rc("aws_iam_role", "app", {"name": "app", "assume_role_policy": "{}"}, {"permissions_boundary": true, "arn": true})

_boundary_config(extra) := {"root_module": {"resources": array.concat(
	[{
		"address": "aws_iam_role.app", "mode": "managed", "type": "aws_iam_role", "name": "app",
		"expressions": {"permissions_boundary": {"references": ["aws_iam_policy.boundary.arn", "aws_iam_policy.boundary"]}},
	}],
	extra,
)}}

_boundary_units(rcs, extra) := {u.rc.address |
	some u in identity.units with input as object.union(testing.plan(rcs), {"plan": {"configuration": _boundary_config(extra)}})
		with data.modelgate.managedPolicies as testing.managed_policies
}

test_units_skip_a_new_policy_used_only_as_a_boundary if {
	# GIVEN a new "Allow *" policy that a new role takes as its permissions boundary, by reference or by a literal
	# ARN, and a new permission set by name (fp19) WHEN units are listed THEN the policy is none: it grants nothing
	_boundary_units([_boundary, _role_bounded_by_reference], []) == set()
	literal := _rc("aws_iam_user", "dev", {"name": "dev", "permissions_boundary": "arn:aws:iam::111122223333:policy/developer-boundary"}, {})
	_boundary_units([_boundary, literal], []) == set()
	sso := _rc(
		"aws_ssoadmin_permissions_boundary_attachment", "b", {
			"instance_arn": "arn:aws:sso:::instance/ssoins-1", "permission_set_arn": "arn:aws:sso:::permissionSet/ssoins-1/ps-1",
			"permissions_boundary": [{"customer_managed_policy_reference": [{"name": "developer-boundary", "path": "/"}], "managed_policy_arn": null}],
		},
		{},
	)
	_boundary_units([_boundary, sso], []) == set()
}

test_units_judge_a_boundary_policy_that_is_also_attached_or_already_exists if {
	# GIVEN the same boundary also attached to the role as an identity policy THEN judged (through the attachment
	# and as a policy)
	att := _rc("aws_iam_role_policy_attachment", "a", {"role": "app"}, {"policy_arn": true})
	att_cfg := [{
		"address": "aws_iam_role_policy_attachment.a", "mode": "managed", "type": "aws_iam_role_policy_attachment", "name": "a",
		"expressions": {"policy_arn": {"references": ["aws_iam_policy.boundary.arn", "aws_iam_policy.boundary"]}},
	}]
	_boundary_units([_boundary, _role_bounded_by_reference, att], att_cfg) == {"aws_iam_policy.boundary", "aws_iam_role_policy_attachment.a"}

	# GIVEN a boundary policy that already exists (updated: it may be attached outside the plan) THEN judged
	existing := object.union(_boundary, {"change": {"actions": ["update"], "before": {"name": "developer-boundary", "policy": "{}"}}})
	_boundary_units([existing, _role_bounded_by_reference], []) == {"aws_iam_policy.boundary"}

	# GIVEN a new policy no boundary names THEN judged
	_boundary_units([_boundary], []) == {"aws_iam_policy.boundary"}
}

test_units_judge_an_awscc_boundary_that_attaches_itself_once_known if {
	# GIVEN a new awscc managed policy (Allow *) that a role takes as its boundary by a literal ARN
	pol := _rc("awscc_iam_managed_policy", "dev", {"managed_policy_name": "dev-boundary", "path": "/", "policy_document": json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})}, {"roles": true, "users": true, "groups": true})
	role := _rc("awscc_iam_role", "app", {"role_name": "app", "permissions_boundary": "arn:aws:iam::1:policy/dev-boundary"}, {})
	cfg_unset := [{"address": "awscc_iam_managed_policy.dev", "mode": "managed", "type": "awscc_iam_managed_policy", "name": "dev", "expressions": {}}]

	# WHEN its roles are unknown because the configuration does not set them THEN it attaches nothing: not judged
	_boundary_units([pol, role], cfg_unset) == set()

	# WHEN the configuration sets its roles to a value unknown until apply (attack20) THEN judged
	cfg_set := [{"address": "awscc_iam_managed_policy.dev", "mode": "managed", "type": "awscc_iam_managed_policy", "name": "dev", "expressions": {"roles": {"references": ["awscc_iam_role.x.role_name", "awscc_iam_role.x"]}}}]
	_boundary_units([pol, role], cfg_set) == {"awscc_iam_managed_policy.dev"}

	# WHEN it lists a role THEN judged
	listed := object.union(pol, {"change": {"after": {"roles": ["app"]}, "after_unknown": {"roles": false, "users": false, "groups": false}}})
	"awscc_iam_managed_policy.dev" in _boundary_units([listed, role], cfg_unset)
}

test_units_skip_a_boundary_named_by_a_reference_without_a_path if {
	sso := _rc(
		"aws_ssoadmin_permissions_boundary_attachment", "b", {
			"instance_arn": "i", "permission_set_arn": "ps",
			"permissions_boundary": [{"customer_managed_policy_reference": [{"name": "developer-boundary", "path": null}]}],
		},
		{},
	)
	_boundary_units([_boundary, sso], []) == set()
}

test_units_judge_a_boundary_an_unchanged_permission_set_reference_names if {
	# GIVEN the new boundary policy, and an unchanged SSO customer-managed reference to a policy of its name
	# (attack23) WHEN units are listed THEN the policy is judged: the permission set takes it once it exists
	ref := _noop("aws_ssoadmin_customer_managed_policy_attachment", "ps", {
		"instance_arn": "i", "permission_set_arn": "ps-1",
		"customer_managed_policy_reference": [{"name": "developer-boundary", "path": "/"}],
	})
	"aws_iam_policy.boundary" in _boundary_units([_boundary, _role_bounded_by_reference, ref], [])
}

test_units_judge_a_policy_a_role_references_but_does_not_take_as_its_boundary if {
	# GIVEN a role whose configuration names the new policy in permissions_boundary, but whose boundary is known to be
	# null after the plan (`var.on ? aws_iam_policy.boundary.arn : null` with on = false), or absent WHEN units are
	# listed THEN the policy is judged: no boundary takes it, so it is a new policy like any other (review of 1f595fc,
	# which changed this from an exemption)
	nulled := _rc("aws_iam_role", "app", {"name": "app", "assume_role_policy": "{}", "permissions_boundary": null}, {"arn": true})
	_boundary_units([_boundary, nulled], []) == {"aws_iam_policy.boundary"}
	absent := _rc("aws_iam_role", "app", {"name": "app", "assume_role_policy": "{}"}, {"arn": true, "permissions_boundary": false})
	_boundary_units([_boundary, absent], []) == {"aws_iam_policy.boundary"}
}
