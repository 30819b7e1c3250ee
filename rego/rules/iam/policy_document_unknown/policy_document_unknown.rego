# METADATA
# title: Policy text unknown at plan time
# description: |
#   The policy text of a written policy-bearing resource cannot be judged: it is computed from values
#   known only after apply (after_unknown), or it is missing, null or not a string in the planned
#   values. modelgate fails closed: what it cannot evaluate is a finding, never a pass. One case is not
#   reported: the json of an aws_iam_policy_document read during apply whose statement blocks the plan shows
#   with known effects and actions, no NotAction and no source or override documents, none of whose actions
#   matches a request the gate judges (Bedrock, mantle and Claude Platform inference, Marketplace Subscribe, API
#   keys): a document grants nothing by itself. A policy attribute that uses such a document is reported: the
#   plan records which values an expression reads, not what it does with them, so `data.d.json` and
#   `jsonencode(... concat(jsondecode(data.d.json).Statement, [...]))` look the same (attack18).
# scope: package
# custom:
#   id: MG-0004
#   long_id: policy_document_unknown
#   severity: HIGH
#   remediation: >-
#     Render the policy text from values known at plan time (literal JSON, jsonencode of constants),
#     or apply the resources it depends on first and gate the follow-up plan. Text that is missing, null
#     or not a string means the plan JSON was not produced by terraform show -json: regenerate it.
#   related_resources:
#     - https://developer.hashicorp.com/terraform/internals/json-format
package rules.iam.policy_document_unknown

import data.lib.access.probes
import data.lib.iam
import data.lib.result
import data.lib.tfplan

deny contains finding if {
	some u in tfplan.unknown
	not _harmless(u)
	msg := concat("", ["policy text (", u.attr, ") ", _why(u.found), _from(u), ", so it cannot be checked; the gate fails closed"])
	finding := result.new(rego.metadata.chain(), u.rc, msg)
}

_why("unknown") := "is unknown until apply"

_why("missing") := "is missing from the planned values"

_why("null") := "is null in the planned values"

_why(found) := concat("", ["is a JSON ", found, ", not a string"]) if not found in {"unknown", "missing", "null"}

# where unknown text comes from, when its expression reads aws_iam_policy_document data sources read during apply
_from(u) := concat("", [" (it is computed from ", concat(", ", sort(docs)), ", read during apply)"]) if {
	u.found == "unknown"
	not u.rc.mode == "data"
	docs := [addr |
		some addr in tfplan.references(u.rc, u.attr)
		startswith(addr, "data.aws_iam_policy_document.")
		_deferred(u.rc, addr)
	]
	count(docs) > 0
} else := ""

_deferred(rc, addr) if {
	some d in tfplan.resource_change_list
	d.mode == "data"
	d.type == "aws_iam_policy_document"
	tfplan.local_address(d) == addr
	tfplan.module_address(d) == tfplan.module_address(rc)
}

# ---- unknown text that can grant and deny nothing the gate judges

_harmless(u) if {
	u.rc.mode == "data"
	u.rc.type == "aws_iam_policy_document"
	_harmless_document(u.rc)
}

_harmless_document(rc) if {
	after := rc.change.after
	unknown := object.get(rc.change, "after_unknown", {})
	every k in ["source_policy_documents", "override_policy_documents", "source_json", "override_json"] {
		_empty(object.get(after, k, null))
		not _marked(object.get(unknown, k, false))
	}
	stmts := after.statement
	is_array(stmts)
	count(stmts) > 0
	marks := object.get(unknown, "statement", [])
	is_array(marks)
	every i, st in stmts {
		_harmless_statement(st, _mark(marks, i))
	}
}

_mark(marks, i) := marks[i] if count(marks) > i

else := {}

_harmless_statement(st, m) if {
	is_object(st)
	is_object(m)
	not _marked(object.get(m, "effect", false))
	object.get(st, "effect", null) in {null, "Allow", "Deny"}
	not _marked(object.get(m, "actions", false))
	not _marked(object.get(m, "not_actions", false))
	_empty(object.get(st, "not_actions", null))
	actions := st.actions
	is_array(actions)
	count(actions) > 0
	every a in actions {
		is_string(a)
		not _judged(lower(a))
	}
}

# an action pattern that matches a request the access model asks about
_judged(a) if {
	some t, _ in probes.action_names
	iam.wildcard_match(a, t)
}

_empty(null)

_empty([])

_empty("")

_marked(v) if {
	walk(v, [_, leaf])
	leaf == true
}
