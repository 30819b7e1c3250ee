package rules.iam.plan_changes_missing_test

import data.rules.iam.plan_changes_missing as rule

_planned := {"root_module": {"resources": [{"address": "aws_iam_role_policy_attachment.admin", "type": "aws_iam_role_policy_attachment"}]}}

test_fails_when_planned_values_have_resources_but_no_changes if {
	findings := rule.deny with input as {"plan": {"format_version": "1.2", "planned_values": _planned}}
	{[f.address, f.message] | some f in findings} == {["(plan)", "planned_values lists 1 resource(s) but the plan has no resource_changes, so none of them can be judged"]}
	count(rule.deny) == 1 with input as {"plan": {"format_version": "1.2", "planned_values": _planned, "resource_changes": []}}
}

test_passes_when_changes_are_present_or_nothing_is_planned if {
	rc := {"address": "aws_iam_role_policy_attachment.admin", "change": {"actions": ["no-op"]}}
	count(rule.deny) == 0 with input as {"plan": {"format_version": "1.2", "planned_values": _planned, "resource_changes": [rc]}}
	count(rule.deny) == 0 with input as {"plan": {"format_version": "1.2", "planned_values": {"root_module": {}}}}
}
