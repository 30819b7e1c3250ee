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

_rc(type, address, actions, after, after_unknown) := {
	"address": address,
	"mode": "managed",
	"type": type,
	"name": "x",
	"provider_name": testing.provider,
	"change": {"actions": actions, "before": null, "after": after, "after_unknown": after_unknown},
}

_messages(rcs) := msgs if {
	msgs := {[f.ruleId, f.address, f.message] | some f in rule.deny} with input as testing.plan(rcs)
}

test_fails_when_policy_or_content_is_null if {
	_messages([
		_rc("aws_iam_policy", "aws_iam_policy.a", ["create"], {"policy": null}, {}),
		_rc("aws_organizations_policy", "aws_organizations_policy.a", ["update"], {"content": null}, {}),
	]) == {
		["MG-0004", "aws_iam_policy.a", "policy text (policy) is null in the planned values, so it cannot be checked; the gate fails closed"],
		["MG-0004", "aws_organizations_policy.a", "policy text (content) is null in the planned values, so it cannot be checked; the gate fails closed"],
	}
}

test_fails_when_policy_is_not_a_string if {
	_messages([
		_rc("aws_iam_policy", "aws_iam_policy.obj", ["create"], {"policy": testing.doc([])}, {}),
		_rc("aws_iam_role_policy", "aws_iam_role_policy.num", ["create"], {"policy": 42}, {}),
	]) == {
		["MG-0004", "aws_iam_policy.obj", "policy text (policy) is a JSON object, not a string, so it cannot be checked; the gate fails closed"],
		["MG-0004", "aws_iam_role_policy.num", "policy text (policy) is a JSON number, not a string, so it cannot be checked; the gate fails closed"],
	}
}

test_fails_when_policy_is_missing if {
	_messages([_rc("aws_iam_policy", "aws_iam_policy.a", ["create"], {}, {})]) == {[
		"MG-0004", "aws_iam_policy.a",
		"policy text (policy) is missing from the planned values, so it cannot be checked; the gate fails closed",
	]}
}

test_fails_when_whole_object_is_unknown if {
	_messages([_rc("aws_iam_policy", "aws_iam_policy.a", ["create"], null, true)]) == {[
		"MG-0004", "aws_iam_policy.a",
		"policy text (policy) is unknown until apply, so it cannot be checked; the gate fails closed",
	]}
}

test_fails_when_unknown_marker_is_nested if {
	_messages([_rc("aws_iam_policy", "aws_iam_policy.a", ["create"], {}, {"policy": [true]})]) == {[
		"MG-0004", "aws_iam_policy.a",
		"policy text (policy) is unknown until apply, so it cannot be checked; the gate fails closed",
	]}
}

test_fails_when_scp_after_is_null if {
	_messages([_rc("aws_organizations_policy", "aws_organizations_policy.a", ["create"], null, {"content": true})]) == {[
		"MG-0004", "aws_organizations_policy.a",
		"policy text (content) is unknown until apply, so it cannot be checked; the gate fails closed",
	]}
}

test_fails_for_forked_and_empty_provider_names if {
	fork := object.union(testing.rc_unknown("aws_iam_policy", "aws_iam_policy.fork"), {"provider_name": "terraform.example.com/acme/aws"})
	empty := object.union(testing.rc_unknown("aws_iam_policy", "aws_iam_policy.empty"), {"provider_name": ""})
	{f.address | some f in rule.deny} == {"aws_iam_policy.fork", "aws_iam_policy.empty"} with input as testing.plan([fork, empty])
}

test_fails_when_role_inline_policy_unknown if {
	_messages([
		_rc("aws_iam_role", "aws_iam_role.a", ["create"], {"inline_policy": [{"name": "p"}]}, {"inline_policy": [{"policy": true}]}),
		_rc("aws_iam_role", "aws_iam_role.b", ["create"], {"name": "b"}, {"inline_policy": true}),
		_rc("aws_iam_role", "aws_iam_role.c", ["create"], {"inline_policy": [{"name": "p", "policy": null}, {"name": "q", "policy": {}}]}, {}),
	]) == {
		["MG-0004", "aws_iam_role.a", "policy text (inline_policy[0].policy) is unknown until apply, so it cannot be checked; the gate fails closed"],
		["MG-0004", "aws_iam_role.b", "policy text (inline_policy) is unknown until apply, so it cannot be checked; the gate fails closed"],
		["MG-0004", "aws_iam_role.c", "policy text (inline_policy[1].policy) is a JSON object, not a string, so it cannot be checked; the gate fails closed"],
	}
}

test_passes_when_role_has_known_inline_policy_or_none if {
	known := _rc("aws_iam_role", "aws_iam_role.a", ["create"], {"inline_policy": [{"name": "p", "policy": "{}"}]}, {"inline_policy": [{}]})
	none := _rc("aws_iam_role", "aws_iam_role.b", ["create"], {"name": "b"}, {"arn": true})
	count(rule.deny) == 0 with input as testing.plan([known, none])
}

test_passes_for_data_source_text_and_deletes if {
	doc := testing.rc_text("aws_iam_policy_document", "data.aws_iam_policy_document.d", "{}")
	gone := _rc("aws_iam_policy", "aws_iam_policy.gone", ["delete"], null, {})
	count(rule.deny) == 0 with input as testing.plan([doc, gone])
}

test_fails_when_data_source_read_has_no_text if {
	read := testing.rc_text("aws_iam_policy_document", "data.aws_iam_policy_document.d", "{}")
	rc := object.union(object.remove(read, ["change"]), {"change": object.union(object.remove(read.change, ["after"]), {"after": {}})})
	_messages([rc]) == {[
		"MG-0004", "data.aws_iam_policy_document.d",
		"policy text (json) is missing from the planned values, so it cannot be checked; the gate fails closed",
	]}
}

# ---- a document read during apply whose statements reach nothing the gate judges (fp6)

_doc_rc(statement, marks) := {
	"address": "data.aws_iam_policy_document.uploader", "mode": "data", "type": "aws_iam_policy_document",
	"name": "uploader", "provider_name": "registry.terraform.io/hashicorp/aws",
	"change": {
		"actions": ["read"], "before": null,
		"after": {"override_policy_documents": null, "source_policy_documents": null, "statement": statement},
		"after_unknown": {"id": true, "json": true, "minified_json": true, "statement": marks},
	},
}

_s3 := [{"actions": ["s3:GetObject", "s3:PutObject"], "effect": "Allow", "not_actions": null, "condition": []}]

_s3_marks := [{"actions": [false, false], "condition": [], "resources": true}]

_role_policy := {
	"address": "aws_iam_role_policy.uploader", "mode": "managed", "type": "aws_iam_role_policy", "name": "uploader",
	"provider_name": "registry.terraform.io/hashicorp/aws",
	"change": {"actions": ["create"], "before": null, "after": {"name": "uploader"}, "after_unknown": {"policy": true, "role": true}},
}

_config(policy_refs) := {"root_module": {"resources": [
	{"address": "aws_iam_role_policy.uploader", "mode": "managed", "type": "aws_iam_role_policy", "name": "uploader", "expressions": {"policy": {"references": policy_refs}}},
	{"address": "data.aws_iam_policy_document.uploader", "mode": "data", "type": "aws_iam_policy_document", "name": "uploader", "expressions": {}},
]}}

_doc_plan(doc, refs) := {"plan": {
	"format_version": "1.2", "resource_changes": [doc, _role_policy],
	"configuration": _config(refs),
}}

_uploader_refs := ["data.aws_iam_policy_document.uploader.json", "data.aws_iam_policy_document.uploader"]

test_fails_when_a_policy_uses_a_deferred_document_that_grants_only_unrelated_actions if {
	# GIVEN a document read during apply (a bucket ARN unknown) allowing only S3 actions, and the role policy
	# that uses its json WHEN judged THEN the document is not reported (it grants nothing by itself) and the role
	# policy is, naming the document: the plan cannot show whether the policy is the document or a function of it
	# (attack18: jsonencode(concat(jsondecode(data.d.json).Statement, [bedrock:*])) records the same references)
	findings := rule.deny with input as _doc_plan(_doc_rc(_s3, _s3_marks), _uploader_refs)
	{[f.address, f.message] | some f in findings} == {[
		"aws_iam_role_policy.uploader",
		"policy text (policy) is unknown until apply (it is computed from data.aws_iam_policy_document.uploader, read during apply), so it cannot be checked; the gate fails closed",
	]}
}

test_fails_when_the_deferred_document_names_a_judged_action if {
	# GIVEN the same document with bedrock:Invoke* (or *) among its actions THEN both are reported
	every action in ["bedrock:Invoke*", "*", "aws-marketplace:Subscribe"] {
		st := [{"actions": ["s3:GetObject", action], "effect": "Allow", "not_actions": null}]
		count(rule.deny) == 2 with input as _doc_plan(_doc_rc(st, _s3_marks), _uploader_refs)
	}
}

test_fails_when_the_deferred_document_is_not_fully_shown if {
	# GIVEN unknown actions, a NotAction, a source document, or the statement list itself unknown THEN reported
	unknown_actions := _doc_rc([{"actions": ["s3:GetObject", null], "effect": "Allow"}], [{"actions": [false, true]}])
	not_action := _doc_rc([{"actions": [], "not_actions": ["iam:*"], "effect": "Allow"}], [{}])
	sourced := object.union(_doc_rc(_s3, _s3_marks), {"change": {"after": {"source_policy_documents": ["{}"]}}})
	whole := _doc_rc(null, true)
	every d in [unknown_actions, not_action, sourced, whole] {
		count(rule.deny) == 2 with input as _doc_plan(d, _uploader_refs)
	}
}

test_fails_when_the_attribute_refers_to_something_else_too if {
	# GIVEN a role policy whose expression also reads a local THEN the role policy is still reported
	refs := array.concat(_uploader_refs, ["local.extra"])
	{f.address | some f in rule.deny with input as _doc_plan(_doc_rc(_s3, _s3_marks), refs)} == {"aws_iam_role_policy.uploader"}
}

test_fails_when_a_reference_names_another_document_that_shares_the_prefix if {
	# GIVEN the role policy built from the deferred S3 document and uploader_extra, a document read while planning
	# (not a resource change) WHEN judged THEN the role policy is reported (attack15: a prefix matched it)
	refs := array.concat(_uploader_refs, ["data.aws_iam_policy_document.uploader_extra.json", "data.aws_iam_policy_document.uploader_extra"])
	{f.address | some f in rule.deny with input as _doc_plan(_doc_rc(_s3, _s3_marks), refs)} == {"aws_iam_role_policy.uploader"}
}

test_fails_when_the_reference_names_an_instance if {
	# GIVEN a for_each document whose "s3" instance is deferred; the policy reads d["ml"] (read while planning)
	doc := object.union(_doc_rc(_s3, _s3_marks), {"address": "data.aws_iam_policy_document.uploader[\"s3\"]", "index": "s3"})
	refs := ["data.aws_iam_policy_document.uploader[\"ml\"].json", "data.aws_iam_policy_document.uploader[\"ml\"]", "data.aws_iam_policy_document.uploader"]
	{f.address | some f in rule.deny with input as _doc_plan(doc, refs)} == {"aws_iam_role_policy.uploader"}
}

test_passes_with_fewer_marks_than_statements_and_fails_with_statements_not_objects if {
	# GIVEN statement marks shorter than the statements (the second has none) and an empty source list THEN the
	# document is not reported (the role policy that uses it is)
	d := object.union(_doc_rc(array.concat(_s3, _s3), [_s3_marks[0]]), {"change": {"after": {"source_policy_documents": []}}})
	{f.address | some f in rule.deny with input as _doc_plan(d, _uploader_refs)} == {"aws_iam_role_policy.uploader"}
	bad := _doc_rc(["s3:GetObject"], [])
	count(rule.deny) == 2 with input as _doc_plan(bad, _uploader_refs)
}
