# Part of package lib.tfplan (its METADATA is in tfplan.rego): the AWS account a resource change is planned in, as
# its provider configuration states it.
package lib.tfplan

# provider_account(rc): the account of the provider configuration the resource uses (configuration
# provider_config_key): the one entry of allowed_account_ids, or the account of assume_role's role_arn (a
# constant or a root variable's value), when both agree; undefined when the plan does not say (credentials from the
# environment, a provider the configuration does not show)
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

# the account of the last assume_role block's role_arn (chained roles: the last one is the session's), a constant
# or a root variable's value; 12 digits
_assumed_accounts(p) := {a |
	blocks := p.expressions.assume_role
	is_array(blocks)
	count(blocks) > 0
	arn := _role_arn(blocks[count(blocks) - 1].role_arn)
	a := split(arn, ":")[4]
	count(a) == 12
}

_role_arn(e) := e.constant_value if is_string(e.constant_value)

_role_arn(e) := v if {
	not is_string(object.get(e, "constant_value", null))
	refs := [r | some r in e.references; startswith(r, "var.")]
	count(refs) == 1
	v := input.plan.variables[substring(refs[0], 4, -1)].value
	is_string(v)
}
