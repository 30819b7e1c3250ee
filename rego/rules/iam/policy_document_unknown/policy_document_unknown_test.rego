package rules.iam.policy_document_unknown_test

import data.lib.testing
import data.rules.iam.policy_document_unknown as rule

test_fails_when_scp_content_unknown if {
	findings := rule.deny with input as testing.plan([testing.rc_unknown("aws_organizations_policy", "module.org.aws_organizations_policy.allow[\"models\"]")])
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0004"
	f.address == "module.org.aws_organizations_policy.allow[\"models\"]"
	f.message == "policy text (content) is unknown until apply, so it cannot be checked; the gate fails closed"
}

test_fails_once_when_data_document_deferred if {
	rc := testing.rc_unknown("aws_iam_policy_document", "data.aws_iam_policy_document.d")
	both := object.union(rc, {"change": {"after_unknown": {"json": true, "minified_json": true}}})
	findings := rule.deny with input as testing.plan([both])
	count(findings) == 1
	some f in findings
	contains(f.message, "(json)")
}

test_passes_when_text_known if {
	count(rule.deny) == 0 with input as testing.iam_plan(["*"])
}

test_passes_when_unknown_resource_is_deleted if {
	rc := testing.rc_unknown("aws_iam_policy", "aws_iam_policy.x")
	deleted := object.union(rc, {"change": {"actions": ["delete"]}})
	count(rule.deny) == 0 with input as testing.plan([deleted])
}

test_passes_when_org_policy_is_not_an_scp if {
	rc := testing.rc_unknown("aws_organizations_policy", "aws_organizations_policy.tags")
	tag := object.union(rc, {"change": {"after": {"type": "TAG_POLICY"}}})
	count(rule.deny) == 0 with input as testing.plan([tag])
}
