package rules.iam.policy_version_missing_test

import data.lib.testing
import data.rules.iam.policy_version_missing as rule

_stmt := {"Effect": "Allow", "Action": "bedrock:ListFoundationModels", "Resource": "*"}

test_fails_when_version_missing if {
	findings := rule.deny with input as testing.iam_doc_plan({"Statement": [_stmt]})
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0002"
	f.message == "policy has no Version; IAM then applies the 2008-10-17 language"
}

test_fails_when_version_is_old if {
	findings := rule.deny with input as testing.scp_doc_plan({"Version": "2008-10-17", "Statement": _stmt})
	count(findings) == 1
	some f in findings
	f.message == "policy Version is \"2008-10-17\", not \"2012-10-17\""
}

test_passes_when_version_current if {
	count(rule.deny) == 0 with input as testing.iam_doc_plan(testing.doc([_stmt]))
}

test_passes_when_text_is_unknown if {
	count(rule.deny) == 0 with input as testing.plan([testing.rc_unknown("aws_iam_policy", "aws_iam_policy.x")])
}
