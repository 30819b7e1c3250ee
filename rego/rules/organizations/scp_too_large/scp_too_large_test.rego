package rules.organizations.scp_too_large_test

import data.lib.testing
import data.rules.organizations.scp_too_large as rule

_prefix := "{\"Version\":\"2012-10-17\",\"Statement\":[]"

_text(n) := concat("", [_prefix, concat("", [" " | some _ in numbers.range(1, (n - count(_prefix)) - 1)]), "}"])

test_fails_when_scp_over_5120_characters if {
	count(_text(5121)) == 5121
	findings := rule.deny with input as testing.plan([testing.rc_text("aws_organizations_policy", "aws_organizations_policy.big", _text(5121))])
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0016"
	f.message == "SCP content is 5121 characters; the limit is 5120 as sent"
}

test_passes_when_scp_at_limit_or_not_scp if {
	count(rule.deny) == 0 with input as testing.plan([testing.rc_text("aws_organizations_policy", "aws_organizations_policy.ok", _text(5120))])
	count(rule.deny) == 0 with input as testing.plan([testing.rc_text("aws_iam_policy", "aws_iam_policy.x", _text(5121))])
}
