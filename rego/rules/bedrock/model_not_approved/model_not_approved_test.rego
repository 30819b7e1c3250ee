package rules.bedrock.model_not_approved_test

import data.lib.testing
import data.rules.bedrock.model_not_approved as rule

_nova_lite := [
	"arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0",
	"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0",
]

test_fails_when_model_not_approved if {
	findings := rule.deny with input as testing.iam_plan(_nova_lite)
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.approving(["amazon.nova-pro-v1:0"])
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0010"
	f.message == "`bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0` (and 17 more unapproved requests) is allowed via aws_iam_policy.this (policy); the config does not approve it"
}

test_fails_when_pattern_covers_unapproved_models if {
	findings := rule.deny with input as testing.iam_plan("arn:aws:bedrock:*::foundation-model/amazon.nova-*")
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.approving(["amazon.nova-lite-v1:0"])
	{f.message | some f in findings} == {"`bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-2-lite-v1:0` (and 7 more unapproved requests) is allowed via aws_iam_policy.this (policy); the config does not approve it"}
}

test_passes_when_models_approved if {
	count(rule.deny) == 0 with input as testing.iam_plan(_nova_lite)
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.approving(["amazon.nova-lite-v1:0"])
}

test_passes_when_no_config_given if {
	count(rule.deny) == 0 with input as testing.iam_plan(_nova_lite)
		with data.modelgate.catalog as testing.catalog
	count(rule.deny) == 0 with input as testing.iam_plan(_nova_lite)
}

test_passes_when_statement_denies if {
	count(rule.deny) == 0 with input as testing.scp_plan(_nova_lite)
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.approving([])
}

test_passes_when_every_model_is_allowed if {
	# GIVEN an Allow on every foundation model (MG-0009's case) WHEN judged with a config THEN MG-0010 stays quiet
	count(rule.deny) == 0 with input as testing.iam_plan("arn:aws:bedrock:*::foundation-model/*")
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.approving(["amazon.nova-lite-v1:0"])
}

test_fails_when_mantle_model_not_approved if {
	# GIVEN role app's inline policy allowing bedrock-mantle inference for one model the config does not approve
	doc := testing.doc([{
		"Effect": "Allow", "Action": "bedrock-mantle:CreateInference", "Resource": "*",
		"Condition": {"StringEquals": {"bedrock-mantle:Model": "openai.gpt-oss-120b"}},
	}])
	rc := object.union(testing.rc_doc("aws_iam_role_policy", "aws_iam_role_policy.app", doc), {"change": {"after": {"role": "app"}}})

	# WHEN judged THEN one finding naming the mantle request and the role
	findings := rule.deny with input as testing.plan([rc])
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.approving(["amazon.nova-lite-v1:0"])
	{f.message | some f in findings} == {"`bedrock-mantle:CreateInference on arn:aws:bedrock-mantle:us-east-1:000000000000:project/zzprobe for model openai.gpt-oss-120b` is allowed via aws_iam_role_policy.app (policy) for role app; the config does not approve it"}
}

# ---- per account (testing.per_target_config: Workloads and its account nova-lite and nova-pro, Sandbox and
# its account 333344445555 nova-lite only)

_in_account(account, resources) := object.union(testing.iam_plan(resources), {"plan": {"configuration": {
	"provider_config": {"aws": {"expressions": {"assume_role": [{"role_arn": {"constant_value": concat("", ["arn:aws:iam::", account, ":role/Deployer"])}}]}}},
	"root_module": {"resources": [{"address": "aws_iam_policy.x", "mode": "managed", "type": "aws_iam_policy", "name": "x", "provider_config_key": "aws"}]},
}}})

_pro := ["arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0"]

test_fails_when_a_policy_allows_a_model_its_account_does_not_approve if {
	# GIVEN nova-pro allowed by a policy planned in the Sandbox account WHEN judged THEN reported for that account
	findings := rule.deny with input as _in_account(testing.sbox_account, _pro)
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.per_target_config
	[f.message | some f in findings] == ["`bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0` (and 1 more unapproved requests) is allowed via aws_iam_policy.this (policy); the config does not approve it for account 333344445555"]
}

test_passes_when_the_account_is_not_in_the_config_or_unknown if {
	# GIVEN the same policy in an account the config does not list, or with no provider configuration THEN judged by
	# the union, which approves nova-pro
	count(rule.deny) == 0 with input as _in_account("444455556666", _pro)
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.per_target_config
	count(rule.deny) == 0 with input as testing.iam_plan(_pro)
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.per_target_config
}

test_fails_when_a_policy_variable_names_the_geography if {
	# GIVEN a profile whose geography is a principal tag (filled in per request) in the Sandbox account, approved
	# for nova-lite in us only WHEN judged THEN the other geographies it may name are reported
	findings := rule.deny with input as _in_account(testing.sbox_account, [
		"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0",
		"arn:aws:bedrock:*:*:inference-profile/${aws:PrincipalTag/geo}.amazon.nova-lite-v1:0",
	])
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.per_target_config
	[f.message | some f in findings] == ["`bedrock:InvokeModel on arn:aws:bedrock:us-east-1:000000000000:inference-profile/apac.amazon.nova-lite-v1:0` (and 13 more unapproved requests) is allowed via aws_iam_policy.this (policy); the config does not approve it for account 333344445555"]
}

test_passes_when_the_statement_also_names_resources_invoke_does_not_take if {
	# GIVEN one statement allowing invoke (and ApplyGuardrail, Retrieve) on nova-lite's ARNs plus a guardrail, a
	# knowledge base and an agent alias WHEN judged THEN nothing: InvokeModel accepts none of those types
	count(rule.deny) == 0 with input as testing.iam_plan([
		"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0",
		"arn:aws:bedrock:us-east-1:222233334444:guardrail/gr7k2m9x1q4z",
		"arn:aws:bedrock:us-east-1:222233334444:knowledge-base/*",
		"arn:aws:bedrock:us-east-1:222233334444:agent-alias/*",
	])
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.approving(["amazon.nova-lite-v1:0"])
}
