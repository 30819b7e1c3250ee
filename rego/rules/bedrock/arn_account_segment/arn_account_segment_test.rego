package rules.bedrock.arn_account_segment_test

import data.lib.testing
import data.rules.bedrock.arn_account_segment as rule

test_fails_when_profile_arn_has_empty_account if {
	findings := rule.deny with input as testing.scp_plan(["arn:aws:bedrock:*::inference-profile/us.amazon.nova-lite-v1:0"])
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0005"
	f.message == "inference-profile ARN arn:aws:bedrock:*::inference-profile/us.amazon.nova-lite-v1:0 has an empty account segment, so it never matches"
}

test_fails_when_account_scoped_types_have_empty_account if {
	findings := rule.deny with input as testing.iam_plan([
		"arn:aws:bedrock:us-east-1::application-inference-profile/abc",
		"arn:aws:bedrock:*::provisioned-model/p",
		"arn:aws:bedrock:*::custom-model/amazon.nova-lite-v1:0/x",
		"arn:aws:bedrock:*::imported-model/m",
		"arn:aws:bedrock:*::prompt-router/r",
	])
	count(findings) == 5
}

test_fails_when_foundation_model_has_account if {
	findings := rule.deny with input as testing.iam_plan("arn:aws:bedrock:us-east-1:111122223333:foundation-model/amazon.nova-lite-v1:0")
	count(findings) == 1
	some f in findings
	contains(f.message, "has account segment \"111122223333\"")
}

test_passes_when_account_is_wildcard if {
	count(rule.deny) == 0 with input as testing.scp_plan(["arn:aws:bedrock:*:*:inference-profile/us.amazon.nova-lite-v1:0"])
}

test_passes_when_segments_are_right if {
	count(rule.deny) == 0 with input as testing.iam_plan([
		"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0",
		"arn:aws:bedrock:*:*:foundation-model/amazon.nova-pro-v1:0",
		"arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-lite-v1:0",
		"arn:aws:s3:::bucket/key",
		"*",
	])
}
