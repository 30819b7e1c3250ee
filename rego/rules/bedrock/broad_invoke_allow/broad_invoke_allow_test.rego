package rules.bedrock.broad_invoke_allow_test

import data.lib.testing
import data.rules.bedrock.broad_invoke_allow as rule

_allow(actions, resources) := testing.iam_doc_plan(testing.doc([{"Sid": "Broad", "Effect": "Allow", "Action": actions, "Resource": resources}]))

test_fails_when_wildcard_actions_on_star if {
	every actions in ["*", "bedrock:*", "BEDROCK:Invoke*", "bedrock:*Model*", ["s3:GetObject", "bedrock:invokemodel"]] {
		count(rule.deny) == 1 with input as _allow(actions, "*")
	}
}

test_fails_with_message_when_bedrock_star if {
	findings := rule.deny with input as _allow("bedrock:*", "*")
	some f in findings
	f.ruleId == "MG-0009"
	f.message == "`bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0` (and 61 more unapproved requests) is allowed via aws_iam_policy.this (policy)"
}

test_fails_when_every_model_arn if {
	count(rule.deny) == 1 with input as _allow("bedrock:InvokeModel", "arn:aws:bedrock:*::foundation-model/*")
}

test_fails_when_notaction_or_notresource if {
	findings := rule.deny with input as testing.iam_doc_plan(testing.doc([
		{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "bedrock:InvokeModel", "NotResource": "arn:aws:bedrock:*::foundation-model/deepseek.*"},
	]))
	count(findings) == 1
}

test_passes_when_bounded_by_allowlist_deny if {
	count(rule.deny) == 0 with input as testing.iam_doc_plan(testing.doc([
		{"Effect": "Allow", "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "bedrock:List*"], "Resource": "*"},
		{"Effect": "Deny", "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], "NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.nova-*"]},
	]))
}

test_passes_when_scoped_or_scp if {
	count(rule.deny) == 0 with input as _allow("bedrock:Invoke*", "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0")
	count(rule.deny) == 0 with input as _allow(["bedrock:List*", "s3:*"], "*")
	count(rule.deny) == 0 with input as testing.scp_doc_plan(testing.doc([{"Effect": "Allow", "Action": "*", "Resource": "*"}]))
}

# NotAction bedrock:Invoke* still grants bedrock-mantle inference and Claude Platform on AWS
test_fails_when_notaction_leaves_other_surfaces if {
	findings := rule.deny with input as testing.iam_doc_plan(testing.doc([{"Effect": "Allow", "NotAction": "bedrock:Invoke*", "Resource": "*"}]))
	{f.message | some f in findings} == {"`bedrock-mantle:CreateFineTuningJob on arn:aws:bedrock-mantle:us-east-1:000000000000:project/zzprobe for model zz.unlisted-model-v9:0` (and 9 more unapproved requests) is allowed via aws_iam_policy.this (policy)"}
}

test_fails_when_other_surfaces_allowed if {
	count(rule.deny) == 1 with input as _allow("bedrock-mantle:CreateInference", "*")
	count(rule.deny) == 1 with input as _allow("aws-external-anthropic:*", "*")
	count(rule.deny) == 0 with input as _allow("bedrock-mantle:CreateInference", "*") with data.modelgate.approved as {"models": [], "productIds": [], "openSurfaces": {"bedrockMantle": true, "claudePlatform": false}}
		with data.modelgate.catalog as testing.catalog
}

test_passes_when_mantle_limited_to_approved_models if {
	count(rule.deny) == 0 with input as testing.iam_doc_plan(testing.doc([{
		"Effect": "Allow", "Action": "bedrock-mantle:CreateInference", "Resource": "*",
		"Condition": {"StringEquals": {"bedrock-mantle:Model": "deepseek.v3-v1:0"}},
	}]))
		with data.modelgate.catalog as testing.catalog
}

test_fails_when_aws_managed_policy_attached if {
	att := {
		"address": "aws_iam_role_policy_attachment.full", "mode": "managed", "type": "aws_iam_role_policy_attachment",
		"name": "full", "provider_name": testing.provider,
		"change": {"actions": ["create"], "before": null, "after": {"role": "builders", "policy_arn": "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"}, "after_unknown": {"id": true}},
	}
	findings := rule.deny with input as testing.plan([att]) with data.modelgate.managedPolicies as testing.managed_policies
	count(findings) == 1
	some f in findings
	startswith(f.message, "`bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0` (and ")
	endswith(f.message, " more unapproved requests) is allowed via AWS-managed policy AmazonBedrockFullAccess (v11) attached by aws_iam_role_policy_attachment.full for role builders")
}

test_fails_when_deny_is_conditional if {
	count(rule.deny) == 1 with input as testing.iam_doc_plan(testing.doc([
		{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"},
		{"Effect": "Deny", "Action": "bedrock:InvokeModel", "NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.nova-*"], "Condition": {"Bool": {"aws:ViaAWSService": "false"}}},
	]))
}

test_fails_when_notresource_excludes_only_foundation_models if {
	# grants imported and custom models, which no catalog governs
	findings := rule.deny with input as testing.iam_doc_plan(testing.doc([{
		"Effect": "Allow", "Action": "bedrock:InvokeModel",
		"NotResource": ["arn:aws:bedrock:*::foundation-model/*"],
	}]))
	count(findings) == 1
}

test_fails_when_every_model_arn_in_another_region if {
	# fixed us-east-1 probes missed these
	findings := rule.deny with input as _allow("bedrock:InvokeModel", "arn:aws:bedrock:us-west-2::foundation-model/*")
	count(findings) == 1
	count(rule.deny) == 1 with input as _allow("bedrock:InvokeModel", "arn:aws:bedrock:eu-*::foundation-model/*")
	count(rule.deny) == 1 with input as _allow("bedrock:InvokeModel", ["arn:aws:bedrock:ap-south-?::foundation-model/*"])
}

test_fails_when_deny_covers_only_one_region if {
	findings := rule.deny with input as testing.iam_doc_plan(testing.doc([
		{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"},
		{"Effect": "Deny", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:us-east-1:*"},
	]))
	count(findings) == 1
}

test_fails_when_allowlist_deny_exempts_a_whole_region if {
	# every model in us-west-2 stays invocable
	findings := rule.deny with input as testing.iam_doc_plan(testing.doc([
		{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"},
		{"Effect": "Deny", "Action": "bedrock:InvokeModel", "NotResource": [
			"arn:aws:bedrock:*::foundation-model/amazon.nova-*",
			"arn:aws:bedrock:us-west-2::foundation-model/*",
		]},
	]))
	count(findings) == 1
}

test_fails_when_imported_models_of_a_real_account if {
	findings := rule.deny with input as _allow("bedrock:InvokeModel", "arn:aws:bedrock:*:444455556666:imported-model/*")
	count(findings) == 1
}

test_passes_when_region_scoped_allow_bounded_by_allowlist_deny if {
	count(rule.deny) == 0 with input as testing.iam_doc_plan(testing.doc([
		{"Effect": "Allow", "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], "Resource": [
			"arn:aws:bedrock:us-west-2::foundation-model/*",
			"arn:aws:bedrock:eu-*:444455556666:imported-model/*",
		]},
		{"Effect": "Deny", "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], "NotResource": [
			"arn:aws:bedrock:*::foundation-model/amazon.nova-*",
			"arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-*",
		]},
	]))
}

test_fails_when_every_model_arn_in_another_partition if {
	# probes in the aws partition alone missed these
	findings := rule.deny with input as _allow("bedrock:InvokeModel", "arn:aws-us-gov:bedrock:*::foundation-model/*")
	count(findings) == 1
	count(rule.deny) == 1 with input as _allow("bedrock:InvokeModel", "arn:aws-cn:bedrock:*::foundation-model/*")
	count(rule.deny) == 1 with input as _allow(["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], "arn:aws-cn:bedrock:cn-*:*:imported-model/*")
	count(rule.deny) == 1 with input as _allow("bedrock:InvokeModel", "arn:aws*:bedrock:*::foundation-model/*")
}

test_passes_when_other_partition_allow_is_bounded_by_allowlist_deny if {
	count(rule.deny) == 0 with input as testing.iam_doc_plan(testing.doc([
		{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws-us-gov:bedrock:*::foundation-model/*"},
		{"Effect": "Deny", "Action": "bedrock:InvokeModel", "NotResource": ["arn:aws-us-gov:bedrock:*::foundation-model/amazon.nova-*"]},
	]))
}

test_application_profile_beside_exact_models_opens_nothing if {
	# GIVEN an exact application inference profile allowed beside an exact approved foundation model WHEN judged THEN
	# nothing: a call through the profile also needs its underlying model's foundation model (facts section 3)
	count(rule.deny) == 0 with input as testing.iam_plan([
		"arn:aws:bedrock:us-east-1:222233334444:application-inference-profile/a1b2c3d4e5f6",
		"arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0",
	])
		with data.modelgate.catalog as testing.catalog

	# and beside every foundation model it opens every model
	count(rule.deny) > 0 with input as testing.iam_plan([
		"arn:aws:bedrock:us-east-1:222233334444:application-inference-profile/*",
		"arn:aws:bedrock:*::foundation-model/*",
	])
		with data.modelgate.catalog as testing.catalog
}
