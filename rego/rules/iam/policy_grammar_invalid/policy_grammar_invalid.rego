# METADATA
# title: Policy document grammar is invalid
# description: |
#   The JSON is not a valid IAM policy: the document is not an object, Statement is missing or empty,
#   a statement is not an object, Effect is not Allow or Deny, or a statement lacks exactly one of
#   Action/NotAction and exactly one of Resource/NotResource, or an element has the wrong type.
# scope: package
# custom:
#   id: MG-0003
#   long_id: policy_grammar_invalid
#   severity: HIGH
#   remediation: >-
#     Give every statement an Effect of "Allow" or "Deny", exactly one of Action or NotAction,
#     exactly one of Resource or NotResource, and use strings (or arrays of strings) for them.
#   related_resources:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
package rules.iam.policy_grammar_invalid

import data.lib.iam
import data.lib.result
import data.lib.tfplan

_top_keys := {"Version", "Id", "Statement"}

_statement_keys := {"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}

deny contains finding if {
	some d in tfplan.parsed_list
	not is_object(d.doc)
	msg := concat("", ["policy text is JSON but not an object (", type_name(d.doc), ")"])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

deny contains finding if {
	some d in tfplan.document_list
	not "Statement" in object.keys(d.doc)
	finding := result.new(rego.metadata.chain(), d.rc, "policy has no Statement")
}

deny contains finding if {
	some d in tfplan.document_list
	d.doc.Statement == []
	finding := result.new(rego.metadata.chain(), d.rc, "policy Statement is an empty array")
}

deny contains finding if {
	some d in tfplan.document_list
	some k, _ in d.doc
	not k in _top_keys
	msg := concat("", ["policy has an unknown top-level element ", json.marshal(k)])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

deny contains finding if {
	some d in tfplan.document_list
	some i, s in iam.as_array(d.doc.Statement)
	some problem in _statement_problems(s, i)
	finding := result.new(rego.metadata.chain(), d.rc, problem)
}

# problems of one statement, as a set of messages
_statement_problems(s, i) := {msg | some check in _checks; msg := _problem(check, s, i)}

_checks := ["object", "effect", "Action", "Resource", "type", "prefix", "condition", "keys"]

_problem("object", s, i) := concat("", ["statement ", format_int(i + 1, 10), " is not an object"]) if not is_object(s)

_problem("effect", s, i) := msg if {
	is_object(s)
	not object.get(s, "Effect", null) in {"Allow", "Deny"}
	msg := concat("", [
		tfplan.statement_label(s, i), " has Effect ", json.marshal(object.get(s, "Effect", null)),
		"; it must be \"Allow\" or \"Deny\"",
	])
}

_problem("Action", s, i) := _pair_problem(s, i, "Action", "NotAction")

_problem("Resource", s, i) := _pair_problem(s, i, "Resource", "NotResource")

_pair_problem(s, i, k, not_k) := msg if {
	is_object(s)
	count([x | some x in [k, not_k]; x in object.keys(s)]) != 1
	msg := concat("", [tfplan.statement_label(s, i), " needs exactly one of ", k, " or ", not_k])
}

_problem("type", s, i) := concat("", [
	tfplan.statement_label(s, i),
	" has ", concat(", ", bad), " that must be a string or a non-empty array of strings",
]) if {
	is_object(s)
	bad := [k | some k in ["Action", "NotAction", "Resource", "NotResource"]; k in object.keys(s); not _strings_value(s[k])]
	count(bad) > 0
}

_problem("prefix", s, i) := concat("", [
	tfplan.statement_label(s, i),
	" has actions without a service prefix (service:action): ", concat(", ", sort(bad)),
]) if {
	is_object(s)
	bad := {json.marshal(a) | some a in iam.action_entries(s); a != "*"; not contains(a, ":")}
	count(bad) > 0
}

_problem("condition", s, i) := concat("", [tfplan.statement_label(s, i), " has a Condition that is not an object of objects"]) if {
	is_object(s)
	"Condition" in object.keys(s)
	not _condition_shape(s.Condition)
}

_problem("keys", s, i) := concat("", [tfplan.statement_label(s, i), " has unknown elements ", concat(", ", sort(bad))]) if {
	is_object(s)
	bad := {json.marshal(k) | some k, _ in s; not k in _statement_keys}
	count(bad) > 0
}

_strings_value(v) if is_string(v)

_strings_value(v) if {
	is_array(v)
	count(v) > 0
	every x in v {
		is_string(x)
	}
}

_condition_shape(c) if {
	is_object(c)
	every _, block in c {
		is_object(block)
	}
}
