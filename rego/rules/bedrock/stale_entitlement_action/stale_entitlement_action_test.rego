package rules.bedrock.stale_entitlement_action_test

import data.lib.testing
import data.rules.bedrock.stale_entitlement_action as rule

test_fails_when_entitlement_action_named if {
	findings := rule.deny with input as testing.iam_doc_plan(testing.doc({"Effect": "Allow", "Action": "bedrock:PutFoundationModelEntitlement", "Resource": "*"}))
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0013"
	f.severity == "LOW"
	f.message == "statement 1 names bedrock:PutFoundationModelEntitlement, which has had no effect on model access since October 2025"
}

test_passes_when_not_named if {
	count(rule.deny) == 0 with input as testing.iam_doc_plan(testing.doc({"Effect": "Allow", "Action": "bedrock:Put*", "Resource": "*"}))
}
