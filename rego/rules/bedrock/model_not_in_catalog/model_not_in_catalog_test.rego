package rules.bedrock.model_not_in_catalog_test

import data.lib.testing
import data.rules.bedrock.model_not_in_catalog as rule

test_fails_when_model_id_unknown if {
	findings := rule.deny with input as testing.iam_plan(["arn:aws:bedrock:*::foundation-model/amazon.nova-lyte-v1:0"])
		with data.modelgate.catalog as testing.catalog
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0011"
	f.message == "arn:aws:bedrock:*::foundation-model/amazon.nova-lyte-v1:0 names model amazon.nova-lyte-v1:0, which is not in the catalog (snapshot 2026-08-21)"
}

test_fails_when_pattern_matches_nothing if {
	findings := rule.deny with input as testing.scp_plan(["arn:aws:bedrock:*:*:inference-profile/*.meta.llama9-*"])
		with data.modelgate.catalog as testing.catalog
	{f.message | some f in findings} == {"arn:aws:bedrock:*:*:inference-profile/*.meta.llama9-* matches no model in the catalog (snapshot 2026-08-21)"}
}

test_passes_when_models_known if {
	count(rule.deny) == 0 with input as testing.iam_plan([
		"arn:aws:bedrock:*:*:inference-profile/us.deepseek.r1-v1:0",
		"arn:aws:bedrock:*::foundation-model/deepseek.*",
	])
		with data.modelgate.catalog as testing.catalog
}

test_passes_when_no_catalog if {
	count(rule.deny) == 0 with input as testing.iam_plan(["arn:aws:bedrock:*::foundation-model/amazon.nova-lyte-v1:0"])
}

test_passes_when_a_deny_names_a_retired_model if {
	# GIVEN a Deny of a model no catalog lists (retired) WHEN judged THEN no finding: a Deny only takes access away
	d := testing.doc([{"Effect": "Deny", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*::foundation-model/anthropic.claude-v2:1"}])
	count(rule.deny) == 0 with input as testing.iam_doc_plan(d) with data.modelgate.catalog as testing.catalog
}

test_fails_when_a_deny_exempts_an_unknown_model if {
	# GIVEN a Deny whose NotResource exempts an unknown model WHEN judged THEN reported: the exemption is what it opens
	d := testing.doc([{"Effect": "Deny", "Action": "bedrock:InvokeModel", "NotResource": "arn:aws:bedrock:*::foundation-model/anthropic.claude-v2:1"}])
	count(rule.deny) == 1 with input as testing.iam_doc_plan(d) with data.modelgate.catalog as testing.catalog
}

test_passes_when_only_customization_names_the_model if {
	# GIVEN a fine-tuning statement on a context-length variant no catalog lists (fp19) THEN no finding; the same ARN
	# with bedrock:InvokeModel is reported
	arn := "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0:300k"
	tune := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["bedrock:CreateModelCustomizationJob", "bedrock:GetFoundationModel"], "Resource": arn}]}
	count(rule.deny) == 0 with input as testing.plan([testing.rc_doc("aws_iam_policy", "aws_iam_policy.tune", tune)])
		with data.modelgate.catalog as testing.catalog
	invoke := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": arn}]}
	count(rule.deny) == 1 with input as testing.plan([testing.rc_doc("aws_iam_policy", "aws_iam_policy.tune", invoke)])
		with data.modelgate.catalog as testing.catalog
}
