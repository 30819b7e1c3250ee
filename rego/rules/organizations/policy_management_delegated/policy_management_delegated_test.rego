package rules.organizations.policy_management_delegated_test

import data.lib.testing
import data.rules.organizations.policy_management_delegated as rule

_rc(content, unknown) := {
	"address": "aws_organizations_resource_policy.delegation",
	"mode": "managed",
	"type": "aws_organizations_resource_policy",
	"name": "delegation",
	"provider_name": testing.provider,
	"change": {"actions": ["create"], "before": null, "after": {"content": content}, "after_unknown": unknown},
}

_doc(statement) := json.marshal({"Version": "2012-10-17", "Statement": [statement]})

_allow(actions, extra) := object.union(
	{
		"Effect": "Allow",
		"Principal": {"AWS": "arn:aws:iam::222233334444:root"},
		"Action": actions,
		"Resource": "*",
	},
	extra,
)

_findings(rc) := fs if {
	fs := rule.deny with input as testing.plan([rc])
}

test_fails_when_scp_management_is_delegated if {
	# GIVEN delegation policies that allow updating or detaching policies (by name, by wildcard, or limited to SCPs)
	# WHEN judged THEN one finding each, naming the actions and the account
	every stmt in [
		_allow(["organizations:UpdatePolicy", "organizations:DetachPolicy"], {}),
		_allow("organizations:*", {}),
		_allow("organizations:*Policy", {"Condition": {"StringEquals": {"organizations:PolicyType": "SERVICE_CONTROL_POLICY"}}}),
		_allow("organizations:AttachPolicy", {"Condition": {"StringLike": {"organizations:PolicyType": "*"}}}),
		_allow("organizations:DetachPolicy", {"Condition": {"StringEqualsIfExists": {"organizations:PolicyType": "BACKUP_POLICY"}}}),
	] {
		_one_finding_naming(_rc(_doc(stmt), {}), "arn:aws:iam::222233334444:root")
	}
	_one_finding_naming(
		_rc(_doc(_allow(["organizations:UpdatePolicy", "organizations:DetachPolicy"], {})), {}),
		"organizations:updatepolicy, organizations:detachpolicy",
	)
}

test_fails_when_content_cannot_be_read if {
	# GIVEN content unknown until apply, or text that is not a JSON object WHEN judged THEN reported (fail closed)
	some f in _findings(_rc(null, {"content": true}))
	contains(f.message, "unknown until apply")
	some g in _findings(_rc("{\"Statement\": [", {}))
	contains(g.message, "not a JSON object")
}

test_passes_when_other_policy_types_or_read_only_are_delegated if {
	# GIVEN AWS's own examples: read-only navigation, and policy management limited to backup and tag policies
	# WHEN judged THEN nothing is reported
	read := _allow(["organizations:DescribeOrganization", "organizations:ListPolicies", "organizations:CreatePolicy"], {})
	count(_findings(_rc(_doc(read), {}))) == 0
	backup := _allow(
		["organizations:UpdatePolicy", "organizations:AttachPolicy", "organizations:DetachPolicy"],
		{"Condition": {"StringEquals": {"organizations:PolicyType": ["BACKUP_POLICY", "TAG_POLICY"]}}},
	)
	count(_findings(_rc(_doc(backup), {}))) == 0

	# a Deny of the actions is no delegation
	count(_findings(_rc(_doc(object.union(_allow("organizations:*", {}), {"Effect": "Deny"})), {}))) == 0
}

test_passes_when_the_delegation_is_deleted if {
	rc := object.union(_rc(null, {}), {"change": {"actions": ["delete"], "before": {"content": _doc(_allow("organizations:*", {}))}, "after": null, "after_unknown": {}}})
	count(_findings(rc)) == 0
}

_one_finding_naming(rc, words) if {
	[f] := [f | some f in _findings(rc)]
	f.ruleId == "MG-0027"
	contains(f.message, words)
}

test_passes_when_the_resources_name_other_policy_types if {
	# GIVEN AWS's delegation example for backup policies, scoped by the policies' ARNs (no Condition) WHEN judged
	# THEN nothing; the same statement on policy/* is reported, and so is DisablePolicyType on the root
	backup := "arn:aws:organizations::111122223333:policy/*/backup_policy/*"
	count(_findings(_rc(_doc(_allow(["organizations:UpdatePolicy", "organizations:DeletePolicy"], {"Resource": backup})), {}))) == 0
	targets := ["arn:aws:organizations::111122223333:root/o-a1b2c3d4e5/r-ab12", "arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/*", backup]
	count(_findings(_rc(_doc(_allow(["organizations:AttachPolicy", "organizations:DetachPolicy"], {"Resource": targets})), {}))) == 0
	_one_finding_naming(_rc(_doc(_allow("organizations:UpdatePolicy", {"Resource": "arn:aws:organizations::111122223333:policy/*"})), {}), "organizations:updatepolicy")
	_one_finding_naming(_rc(_doc(_allow("organizations:DisablePolicyType", {"Resource": targets})), {}), "organizations:disablepolicytype")
}

test_less_common_shapes if {
	# GIVEN awscc content held as an object, a whole change unknown until apply, a NotResource statement, a
	# StringEqualsIgnoreCase condition naming SCPs, and Principal "*" THEN each is judged
	awscc := object.union(_rc(null, {}), {"type": "awscc_organizations_resource_policy", "change": {"after": {"content": {"Statement": [_allow("organizations:DetachPolicy", {})]}}}})
	_one_finding_naming(awscc, "organizations:detachpolicy")
	unknown := object.union(_rc(null, {}), {"change": {"after_unknown": true}})
	_one_finding_naming(unknown, "unknown until apply")
	_one_finding_naming(_rc(_doc(object.remove(_allow("organizations:UpdatePolicy", {"NotResource": "arn:x"}), ["Resource"])), {}), "organizations:updatepolicy")
	ignore := _allow("organizations:AttachPolicy", {"Condition": {"StringEqualsIgnoreCase": {"organizations:PolicyType": "service_control_policy"}}})
	_one_finding_naming(_rc(_doc(ignore), {}), "organizations:attachpolicy")
	_one_finding_naming(_rc(_doc(object.union(_allow("organizations:DetachPolicy", {}), {"Principal": "*"})), {}), "to the principals it names")
}
