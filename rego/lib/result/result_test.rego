# METADATA
# title: Test rule title
# description: A package with rule METADATA, so that rego.metadata.chain() has a real package entry.
# scope: package
# custom:
#   id: MG-9999
#   long_id: result_test_rule
#   severity: MEDIUM
#   remediation: Fix the test resource.
package lib.result_test

import data.lib.result

_rc := {
	"address": `module.a.aws_iam_policy.x["k"]`,
	"mode": "managed",
	"type": "aws_iam_policy",
	"name": "x",
	"change": {"actions": ["create"]},
}

_package_annotations := {
	"scope": "package",
	"title": "Hand-built title",
	"description": "Hand-built description.",
	"custom": {
		"id": "MG-0042",
		"long_id": "hand_built",
		"severity": "CRITICAL",
		"remediation": "Do the hand-built thing.",
	},
}

test_new_builds_finding_from_metadata_chain if {
	result.new(rego.metadata.chain(), _rc, "the message") == {
		"ruleId": "MG-9999",
		"longId": "result_test_rule",
		"title": "Test rule title",
		"severity": "MEDIUM",
		"remediation": "Fix the test resource.",
		"message": "the message",
		"address": `module.a.aws_iam_policy.x["k"]`,
		"resourceType": "aws_iam_policy",
	}
}

test_new_builds_finding_from_hand_built_chain if {
	chain := [
		{"path": ["data", "rules", "x", "y", "deny"]},
		{"path": ["data", "rules", "x", "y"], "annotations": _package_annotations},
	]
	result.new(chain, {"address": "data.aws_iam_policy_document.d", "type": "aws_iam_policy_document"}, "m") == {
		"ruleId": "MG-0042",
		"longId": "hand_built",
		"title": "Hand-built title",
		"severity": "CRITICAL",
		"remediation": "Do the hand-built thing.",
		"message": "m",
		"address": "data.aws_iam_policy_document.d",
		"resourceType": "aws_iam_policy_document",
	}
}

test_new_skips_rule_annotations_without_custom_id if {
	rule_annotations := {"scope": "rule", "title": "Rule-level title", "custom": {"severity": "LOW"}}
	chain := [
		{"path": ["data", "rules", "x", "y", "deny"], "annotations": rule_annotations},
		{"path": ["data", "rules", "x", "y"], "annotations": _package_annotations},
	]
	finding := result.new(chain, _rc, "m")
	finding.ruleId == "MG-0042"
	finding.title == "Hand-built title"
	finding.severity == "CRITICAL"
}

test_new_uses_first_entry_with_custom_id if {
	inner := object.union(_package_annotations, {"title": "Inner", "custom": {"id": "MG-0001"}})
	chain := [
		{"path": ["data", "rules", "x", "y", "deny"], "annotations": inner},
		{"path": ["data", "rules", "x", "y"], "annotations": _package_annotations},
	]
	finding := result.new(chain, _rc, "m")
	finding.ruleId == "MG-0001"
	finding.title == "Inner"
	finding.longId == "hand_built"
}

test_new_undefined_without_custom_id_in_chain if {
	not result.new([{"path": ["data", "x"]}], _rc, "m")
	not result.new([{"path": ["data", "x"], "annotations": {"title": "t", "custom": {"severity": "LOW"}}}], _rc, "m")
	not result.new([], _rc, "m")
}

test_new_keeps_message_verbatim if {
	msg := `statement "AllowInvoke" allows "bedrock:*" on "*"`
	result.new(rego.metadata.chain(), _rc, msg).message == msg
}
