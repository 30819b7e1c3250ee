package rules.organizations.scp_model_denylist_test

import data.lib.testing
import data.rules.organizations.scp_model_denylist as rule

test_fails_when_scp_denies_specific_models if {
	findings := rule.deny with input as testing.scp_doc_plan(testing.doc({
		"Sid": "DenyDeepseekEverywhere", "Effect": "Deny", "Action": "bedrock:*",
		"Resource": "arn:aws:bedrock:*::foundation-model/deepseek.*",
	}))
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0006"
	f.message == "statement \"DenyDeepseekEverywhere\" denies invoking specific models (arn:aws:bedrock:*::foundation-model/deepseek.*); models released later stay open"
}

test_passes_when_allowlist_or_identity_policy if {
	count(rule.deny) == 0 with input as testing.scp_plan(["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"])
	count(rule.deny) == 0 with input as testing.iam_doc_plan(testing.doc({"Effect": "Deny", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*::foundation-model/deepseek.*"}))
	count(rule.deny) == 0 with input as testing.scp_doc_plan(testing.doc({"Effect": "Deny", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*::foundation-model/*"}))
}
