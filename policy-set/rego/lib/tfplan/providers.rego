# Part of package lib.tfplan (its METADATA is in tfplan.rego): the AWS account a resource change is planned in, as
# its provider configuration states it.
package lib.tfplan

# provider_account(rc): the account of the provider configuration the resource uses (configuration
# provider_config_key): the one entry of allowed_account_ids, or the account of assume_role's role_arn, when both
# are constants and agree; undefined when the plan does not say (credentials from the environment, a variable, a
# provider the configuration does not show)
provider_account(rc) := a if {
	key := config_of(rc).provider_config_key
	accounts := _stated_accounts(input.plan.configuration.provider_config[key])
	count(accounts) == 1
	some a in accounts
}

_stated_accounts(p) := {a | some a in _allowed_accounts(p)} | {a | some a in _assumed_accounts(p)}

_allowed_accounts(p) := ids if {
	ids := p.expressions.allowed_account_ids.constant_value
	is_array(ids)
	count(ids) == 1
	is_string(ids[0])
} else := []

# the account segment of every assume_role block's constant role_arn (12 digits)
_assumed_accounts(p) := {a |
	some block in p.expressions.assume_role
	arn := block.role_arn.constant_value
	is_string(arn)
	a := split(arn, ":")[4]
	count(a) == 12
}
