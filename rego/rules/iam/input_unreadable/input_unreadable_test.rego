package rules.iam.input_unreadable_test

import data.rules.iam.input_unreadable as rule

test_fails_when_the_input_holds_no_plan if {
	# GIVEN an input the evaluator could not parse (an absent input), or one without a plan object THEN a finding
	{f.ruleId | some f in rule.deny} == {"MG-0024"} with input as null
	count(rule.deny) == 1 with input as {}
	count(rule.deny) == 1 with input as {"plan": "not an object"}
	count(rule.deny) == 1 with input as {"run": {}}
}

test_passes_when_a_plan_object_is_there if {
	count(rule.deny) == 0 with input as {"plan": {"format_version": "1.2", "resource_changes": []}}
	count(rule.deny) == 0 with input as {"plan": {}, "run": {"id": "run-1"}}
}
