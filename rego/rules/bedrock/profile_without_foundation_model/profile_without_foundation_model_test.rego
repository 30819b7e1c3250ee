package rules.bedrock.profile_without_foundation_model_test

import data.lib.testing
import data.rules.bedrock.profile_without_foundation_model as rule

test_fails_when_profile_allowed_alone if {
	findings := rule.deny with input as testing.iam_plan("arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-lite-v1:0")
	count(findings) == 2
	some f in findings
	f.ruleId == "MG-0007"
	f.message == "allows bedrock:InvokeModel on inference profile arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-lite-v1:0 but not on foundation-model/amazon.nova-lite-v1:0, which every profile call also checks; the calls fail"
}

test_fails_when_global_profile_lacks_regionless_fm if {
	findings := rule.deny with input as testing.iam_plan([
		"arn:aws:bedrock:*:*:inference-profile/global.anthropic.claude-haiku-4-5-20251001-v1:0",
		"arn:aws:bedrock:us-*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0",
	])
	count(findings) == 2
	some f in findings
	contains(f.message, "arn:aws:bedrock:::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0")
}

test_fails_when_fm_allowed_for_other_action_only if {
	findings := rule.deny with input as testing.iam_doc_plan(testing.doc([
		{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:eu-west-1:*:inference-profile/eu.amazon.nova-pro-v1:0"},
		{"Effect": "Allow", "Action": "bedrock:InvokeModelWithResponseStream", "Resource": "arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-pro-v1:0"},
	]))
	count(findings) == 1
}

test_passes_when_profiles_and_models_allowed if {
	count(rule.deny) == 0 with input as testing.iam_plan([
		"arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0",
		"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0",
	])
}

test_passes_when_models_allowed_by_notresource if {
	count(rule.deny) == 0 with input as testing.iam_doc_plan(testing.doc([
		{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*:*:inference-profile/us.x"},
		{"Effect": "Allow", "Action": "bedrock:Invoke*", "NotResource": "arn:aws:s3:::b"},
	]))
}

test_fails_low_when_foundation_model_allowed_in_one_region_of_the_geography if {
	findings := rule.deny with input as testing.iam_plan([
		"arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-lite-v1:0",
		"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0",
	])
	{[f.severity, f.message] | some f in findings} == {
		["LOW", "allows bedrock:InvokeModel on inference profile arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-lite-v1:0 but on foundation-model/amazon.nova-lite-v1:0 not in us-east-2, us-west-2, where the us. profile may route calls (Regions per geography from an unverified table), so those calls fail"],
		["LOW", "allows bedrock:InvokeModelWithResponseStream on inference profile arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-lite-v1:0 but on foundation-model/amazon.nova-lite-v1:0 not in us-east-2, us-west-2, where the us. profile may route calls (Regions per geography from an unverified table), so those calls fail"],
	}
}

test_passes_when_foundation_model_allowed_in_every_region if {
	count(rule.deny) == 0 with input as testing.iam_plan([
		"arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-lite-v1:0",
		"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0",
	])
}

test_fails_when_a_profile_pattern_without_prefix_has_no_foundation_model if {
	findings := rule.deny with input as testing.iam_plan(["arn:aws:bedrock:*:*:inference-profile/*nova*"])
	count(findings) == 2
}

test_passes_when_a_profile_pattern_without_prefix_sits_beside_foundation_models if {
	count(rule.deny) == 0 with input as testing.iam_plan([
		"arn:aws:bedrock:*:*:inference-profile/*nova*",
		"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0",
	])
}

test_passes_when_a_wildcard_model_profile_sits_beside_exact_foundation_models if {
	# GIVEN every us. and eu. profile allowed next to the exact approved foundation models WHEN judged THEN nothing:
	# the models whose foundation model is not allowed are the ones the policy keeps out
	count(rule.deny) == 0 with input as testing.iam_plan([
		"arn:aws:bedrock:*:*:inference-profile/us.*",
		"arn:aws:bedrock:*:*:inference-profile/eu.*",
		"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0",
	])

	# and alone, with no foundation model at all, every call fails: reported
	count(rule.deny) == 2 with input as testing.iam_plan("arn:aws:bedrock:*:*:inference-profile/us.*")
}

test_passes_when_an_eu_profile_and_its_model_are_allowed_in_eu_regions if {
	# GIVEN an eu. profile and its foundation model, both in "eu-*" (fp6: the sample Region was us-east-1, which
	# "eu-*" does not match, so the calls were said to fail)
	d := testing.doc([{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": [
		"arn:aws:bedrock:eu-*:222233334444:inference-profile/eu.amazon.nova-lite-v1:0",
		"arn:aws:bedrock:eu-*::foundation-model/amazon.nova-lite-v1:0",
	]}])

	# WHEN judged THEN no finding
	count(rule.deny) == 0 with input as testing.iam_doc_plan(d) with data.modelgate.catalog as testing.catalog
}

test_fails_when_an_eu_profile_is_allowed_and_its_model_only_in_us_regions if {
	d := testing.doc([{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": [
		"arn:aws:bedrock:eu-*:222233334444:inference-profile/eu.amazon.nova-lite-v1:0",
		"arn:aws:bedrock:us-*::foundation-model/amazon.nova-lite-v1:0",
	]}])
	count(rule.deny) > 0 with input as testing.iam_doc_plan(d) with data.modelgate.catalog as testing.catalog
}

_inline(type, name, holder_attr, holder, doc) := {
	"address": concat(".", [type, name]), "mode": "managed", "type": type, "name": name, "provider_name": testing.provider,
	"change": {"actions": ["create"], "before": null, "after": object.union({"name": name, "policy": json.marshal(doc)}, {holder_attr: holder}), "after_unknown": {}},
}

test_passes_when_another_policy_of_the_principal_allows_the_model if {
	# GIVEN role ml with the us. profile of Nova Pro in one inline policy and its foundation model in another (fp19)
	profile := testing.doc([{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*:111122223333:inference-profile/us.amazon.nova-pro-v1:0"}])
	model := testing.doc([{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0"}])
	rcs := [_inline("aws_iam_role_policy", "profile", "role", "ml", profile), _inline("aws_iam_role_policy", "model", "role", "ml", model)]

	# WHEN judged THEN no finding: IAM evaluates the role's policies together
	count(rule.deny) == 0 with input as testing.plan(rcs) with data.modelgate.managedPolicies as testing.managed_policies

	# and WHEN the model policy is on another role THEN the profile policy is reported
	apart := [rcs[0], _inline("aws_iam_role_policy", "model", "role", "other", model)]
	{f.address | some f in rule.deny with input as testing.plan(apart) with data.modelgate.managedPolicies as testing.managed_policies} == {"aws_iam_role_policy.profile"}
}

test_passes_when_an_attached_policy_and_an_inline_one_complete_each_other if {
	# GIVEN a managed policy with the profile, attached to role ml by ARN, and ml's inline policy with the model
	profile := testing.doc([{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*:111122223333:inference-profile/us.amazon.nova-pro-v1:0"}])
	model := testing.doc([{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0"}])
	pol := object.union(_inline("aws_iam_policy", "profile", "path", "/", profile), {"change": {"after": {"arn": "arn:aws:iam::111122223333:policy/profile"}}})
	att := {
		"address": "aws_iam_role_policy_attachment.a", "mode": "managed", "type": "aws_iam_role_policy_attachment", "name": "a",
		"provider_name": testing.provider,
		"change": {"actions": ["create"], "before": null, "after": {"role": "ml", "policy_arn": "arn:aws:iam::111122223333:policy/profile"}, "after_unknown": {}},
	}
	rcs := [pol, att, _inline("aws_iam_role_policy", "model", "role", "ml", model)]

	# WHEN judged THEN no finding
	count(rule.deny) == 0 with input as testing.plan(rcs) with data.modelgate.managedPolicies as testing.managed_policies
}
