package lib.tfplan_test

import data.lib.testing
import data.lib.tfplan

_prior_plan(rcs, state) := object.union(testing.plan(rcs), {"plan": {"prior_state": {"values": {"root_module": state}}}})

_entry(address, type) := {"address": address, "mode": "managed", "type": type, "name": "x", "values": {"id": address}}

test_prior_only_is_what_the_changes_leave_out if {
	# GIVEN a prior state with a role in a child module, a policy the changes also hold, and an undeclared type
	state := {
		"resources": [_entry("aws_iam_policy.p", "aws_iam_policy"), _entry("aws_s3_bucket.b", "aws_s3_bucket")],
		"child_modules": [{"address": "module.m", "resources": [_entry("module.m.aws_iam_role.r", "aws_iam_role")]}],
	}
	plan := _prior_plan([{"address": "aws_iam_policy.p", "type": "aws_iam_policy", "change": {"actions": ["update"]}}], state)

	# WHEN read THEN only the role, as an unchanged change
	{[rc.address, rc.change.actions, rc.change.after] | some rc in tfplan.prior_only with input as plan} == {
		["module.m.aws_iam_role.r", ["no-op"], {"id": "module.m.aws_iam_role.r"}],
	}

	# a look-alike inside a resource's values is not state
	fake := _prior_plan([], {"resources": [object.union(_entry("terraform_data.d", "terraform_data"), {"values": {"input": {"resources": [_entry("aws_iam_role.f", "aws_iam_role")]}}})]})
	count(tfplan.prior_only) == 0 with input as fake
}
