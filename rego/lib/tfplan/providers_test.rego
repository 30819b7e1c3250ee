package lib.tfplan_test

import data.lib.testing
import data.lib.tfplan

_prc := {"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "name": "p", "change": {"actions": ["create"]}}

_pplan(provider) := object.union(testing.plan([_prc]), {"plan": {"configuration": {
	"provider_config": {"aws": provider},
	"root_module": {"resources": [{"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "name": "p", "provider_config_key": "aws"}]},
}}})

_passume(arn) := {"expressions": {"assume_role": [{"role_arn": {"constant_value": arn}}]}}

test_provider_account_from_assume_role_or_allowed_ids if {
	# GIVEN a provider that assumes a role in 333344445555, or allows only that account WHEN asked THEN that account
	tfplan.provider_account(_prc) == "333344445555" with input as _pplan(_passume("arn:aws:iam::333344445555:role/Deployer"))
	tfplan.provider_account(_prc) == "333344445555" with input as _pplan({"expressions": {"allowed_account_ids": {"constant_value": ["333344445555"]}}})

	# and both, agreeing (the renderer's account stacks)
	both := {"expressions": {
		"allowed_account_ids": {"constant_value": ["333344445555"]},
		"assume_role": [{"role_arn": {"constant_value": "arn:aws:iam::333344445555:role/Deployer"}}],
	}}
	tfplan.provider_account(_prc) == "333344445555" with input as _pplan(both)
}

test_provider_account_is_undefined_when_the_plan_does_not_say if {
	# GIVEN accounts that disagree, several allowed accounts, a role ARN from a variable, or no provider configuration
	disagree := {"expressions": {
		"allowed_account_ids": {"constant_value": ["222233334444"]},
		"assume_role": [{"role_arn": {"constant_value": "arn:aws:iam::333344445555:role/Deployer"}}],
	}}
	not tfplan.provider_account(_prc) with input as _pplan(disagree)
	not tfplan.provider_account(_prc) with input as _pplan({"expressions": {"allowed_account_ids": {"constant_value": ["222233334444", "333344445555"]}}})
	not tfplan.provider_account(_prc) with input as _pplan({"expressions": {"assume_role": [{"role_arn": {"references": ["var.role"]}}]}})
	not tfplan.provider_account(_prc) with input as testing.plan([_prc])
}

test_provider_account_from_a_variable_or_the_last_chained_role if {
	# GIVEN role_arn from a root variable WHEN asked THEN the variable's value's account
	from_var := object.union(_pplan({"expressions": {"assume_role": [{"role_arn": {"references": ["var.role"]}}]}}), {"plan": {"variables": {"role": {"value": "arn:aws:iam::333344445555:role/Deployer"}}}})
	tfplan.provider_account(_prc) == "333344445555" with input as from_var

	# and with chained roles, the last one's account
	chain := {"expressions": {"assume_role": [
		{"role_arn": {"constant_value": "arn:aws:iam::222233334444:role/Hop"}},
		{"role_arn": {"constant_value": "arn:aws:iam::333344445555:role/Deployer"}},
	]}}
	tfplan.provider_account(_prc) == "333344445555" with input as _pplan(chain)
}
