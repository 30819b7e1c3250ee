package rules.iam.managed_policy_too_large_test

import data.lib.testing
import data.rules.iam.managed_policy_too_large as rule

_prefix := "{\"Version\":\"2012-10-17\",\"Statement\":[],\"Id\":\""

_padded(n, pad) := concat("", [
	_prefix,
	concat("", ["a" | some _ in numbers.range(1, (n - count(_prefix)) - 2)]),
	"\"", pad, "}",
])

test_fails_when_over_6144_non_whitespace if {
	findings := rule.deny with input as testing.plan([testing.rc_text("aws_iam_policy", "aws_iam_policy.big", _padded(6145, ""))])
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0017"
	f.message == "managed policy is 6145 characters without whitespace; the limit is 6144"
}

test_passes_when_whitespace_makes_it_long if {
	text := _padded(6144, " \n\t\r  \n")
	count(text) > 6144
	count(rule.deny) == 0 with input as testing.plan([testing.rc_text("aws_iam_policy", "aws_iam_policy.ok", text)])
}

test_passes_when_inline_policy if {
	count(rule.deny) == 0 with input as testing.plan([testing.rc_text("aws_iam_role_policy", "aws_iam_role_policy.x", _padded(6145, ""))])
}
