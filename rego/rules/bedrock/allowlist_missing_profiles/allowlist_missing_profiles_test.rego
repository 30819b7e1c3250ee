package rules.bedrock.allowlist_missing_profiles_test

import data.lib.testing
import data.rules.bedrock.allowlist_missing_profiles as rule

test_fails_when_allowlist_exempts_only_foundation_models if {
	findings := rule.deny with input as testing.scp_plan(["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"])
		with data.modelgate.catalog as testing.catalog
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0008"
	f.message == "exempts arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0 from the invoke deny but not the inference profiles apac., ca., eu., us. of amazon.nova-lite-v1:0, so cross-Region calls to it stay denied"
}

test_fails_once_when_pattern_exempted if {
	findings := rule.deny with input as testing.scp_plan("arn:aws:bedrock:*::foundation-model/amazon.nova*")
		with data.modelgate.catalog as testing.catalog
	{f.message | some f in findings} == {"exempts arn:aws:bedrock:*::foundation-model/amazon.nova* from the invoke deny but not the inference profiles every geography's of amazon.nova-2-lite-v1:0, amazon.nova-lite-v1:0, amazon.nova-pro-v1:0, so cross-Region calls to it stay denied"}
}

test_passes_when_only_some_geographies_exempted if {
	# a config that approves only the us geography exempts only us. profiles: deliberate, not a gap
	count(rule.deny) == 0 with input as testing.scp_plan([
		"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0",
		"arn:aws:bedrock:*:*:inference-profile/us.amazon.nova-lite-v1:0",
	])
		with data.modelgate.catalog as testing.catalog
}

test_passes_when_profiles_exempted if {
	count(rule.deny) == 0 with input as testing.scp_plan([
		"arn:aws:bedrock:*::foundation-model/amazon.nova-*",
		"arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-*",
	])
		with data.modelgate.catalog as testing.catalog
}

test_passes_when_model_has_no_profiles_or_no_catalog if {
	count(rule.deny) == 0 with input as testing.scp_plan(["arn:aws:bedrock:*::foundation-model/amazon.nova-canvas-v1:0"])
		with data.modelgate.catalog as testing.catalog
	count(rule.deny) == 0 with input as testing.scp_plan(["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"])
}
