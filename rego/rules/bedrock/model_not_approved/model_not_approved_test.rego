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
	f.message == "`bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0` (and 3 more unapproved requests) is allowed via aws_iam_policy.this (policy); the config does not approve it"
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
