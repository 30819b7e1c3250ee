# METADATA
# title: Plan JSON accessors
# description: |
#   Reads input.plan (terraform show -json, format_version 1.x) and yields the policy-bearing
#   resource changes the rules judge. Only create, update and replace changes (and data-source
#   reads) are considered; deletes are exposed separately.
# scope: package
package lib.tfplan

# attributes that carry policy text, by resource type
_managed_attrs := {
	"aws_organizations_policy": ["content"],
	"aws_iam_policy": ["policy"],
	"aws_iam_role_policy": ["policy"],
	"aws_iam_user_policy": ["policy"],
	"aws_iam_group_policy": ["policy"],
}

_data_attrs := {"aws_iam_policy_document": ["json", "minified_json"]}

identity_kinds := {"managed", "inline", "document"}

# resource_changes of the plan, or nothing
resource_changes contains rc if {
	some rc in input.plan.resource_changes
	is_object(rc)
}

# is_aws holds for the hashicorp/aws provider under any registry host (terraform, tofu)
is_aws(rc) if endswith(rc.provider_name, "/hashicorp/aws")

is_aws(rc) if not rc.provider_name

# writes holds for changes that leave the resource in place after apply
writes(rc) if {
	some a in rc.change.actions
	a in {"create", "update"}
}

writes(rc) if {
	rc.mode == "data"
	"read" in rc.change.actions
}

# removes holds for a pure delete (a replace also creates)
removes(rc) if {
	"delete" in rc.change.actions
	not "create" in rc.change.actions
}

attrs(rc) := _data_attrs[rc.type] if rc.mode == "data"

attrs(rc) := _managed_attrs[rc.type] if not rc.mode == "data"

_scp_type(after) if object.get(after, "type", null) in {null, "SERVICE_CONTROL_POLICY"}

# kind: scp, managed (aws_iam_policy), inline (role/user/group policy) or document (data source)
kind(rc) := "scp" if {
	rc.type == "aws_organizations_policy"
	not rc.mode == "data"
	_scp_type(rc.change.after)
}

kind(rc) := "managed" if {
	rc.type == "aws_iam_policy"
	not rc.mode == "data"
}

kind(rc) := "inline" if {
	rc.type in {"aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"}
	not rc.mode == "data"
}

kind(rc) := "document" if {
	rc.type == "aws_iam_policy_document"
	rc.mode == "data"
}

# candidate changes: policy-bearing, AWS, written by this plan
_candidates contains rc if {
	some rc in resource_changes
	writes(rc)
	is_aws(rc)
	kind(rc)
}

# the first policy attribute that holds known text
_text_attr(rc) := [attr |
	some attr in attrs(rc)
	is_string(rc.change.after[attr])
][0]

# policies: {rc, kind, attr, text} for every known policy text
policies contains {"rc": rc, "kind": kind(rc), "attr": attr, "text": text} if {
	some rc in _candidates
	attr := _text_attr(rc)
	text := rc.change.after[attr]
}

# unknown: {rc, attr} for every policy whose text is computed during apply
unknown contains {"rc": rc, "attr": attr} if {
	some rc in _candidates
	not _text_attr(rc)
	some attr in attrs(rc)
	rc.change.after_unknown[attr] == true
	not _any_unknown_before(rc, attr)
}

# report the first unknown attribute only (json and minified_json are the same text)
_any_unknown_before(rc, attr) if {
	some other in attrs(rc)
	other < attr
	rc.change.after_unknown[other] == true
}

# strict_json: text is one strict JSON value. OPA's Wasm json.is_valid accepts a trailing comma in an
# array and content after the value, which Go's (HCP's) rejects; the extra checks make both strict and
# equal. A string value containing ", ]" or "}{" is also reported, which no IAM policy needs.
strict_json(text) if {
	json.is_valid(text)
	not regex.match(`,\s*[\]}]`, text)
	not regex.match(`[}\]]\s*[{\[]`, text)
	_closed(trim_space(text))
}

_closed(t) if {
	startswith(t, "{")
	endswith(t, "}")
}

_closed(t) if {
	startswith(t, "[")
	endswith(t, "]")
}

_closed(t) if {
	not startswith(t, "{")
	not startswith(t, "[")
}

# parsed: every policy text that is valid JSON, with its value
parsed contains object.union(p, {"doc": json.unmarshal(p.text)}) if {
	some p in policies
	strict_json(p.text)
}

# documents: parsed policies whose JSON is an object
documents contains d if {
	some d in parsed
	is_object(d.doc)
}

# identity_documents: documents of IAM identity policies (and policy-document data sources)
identity_documents contains d if {
	some d in documents
	d.kind in identity_kinds
}

# scp_documents: documents of service control policies
scp_documents contains d if {
	some d in documents
	d.kind == "scp"
}

# the label of a statement in messages: its Sid, or its position
statement_label(s, _) := concat("", ["statement \"", s.Sid, "\""]) if is_string(object.get(s, "Sid", null))

statement_label(s, i) := concat("", ["statement ", format_int(i + 1, 10)]) if not is_string(object.get(s, "Sid", null))
