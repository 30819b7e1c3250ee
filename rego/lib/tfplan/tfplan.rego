# METADATA
# title: Plan JSON accessors
# description: |
#   Reads input.plan (terraform show -json, format_version 1.x) and yields the policy-bearing
#   resource changes the rules judge. Only create, update and replace changes (and data-source
#   reads) are considered; deletes are exposed separately.
# scope: package
package lib.tfplan

import data.lib.selection

# attributes that carry policy text, by resource type
_managed_attrs := {
	"aws_organizations_policy": ["content"],
	"aws_iam_policy": ["policy"],
	"aws_iam_role_policy": ["policy"],
	"aws_iam_user_policy": ["policy"],
	"aws_iam_group_policy": ["policy"],
	"aws_ssoadmin_permission_set_inline_policy": ["inline_policy"],
	"awscc_organizations_policy": ["content"],
	"awscc_iam_managed_policy": ["policy_document"],
	"awscc_iam_role_policy": ["policy_document"],
	"awscc_iam_user_policy": ["policy_document"],
	"awscc_iam_group_policy": ["policy_document"],
}

# SCP-bearing resource types (an organizations policy of another type is no guardrail)
scp_types := {"aws_organizations_policy", "awscc_organizations_policy"}

_inline_types := {
	"aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy",
	"aws_ssoadmin_permission_set_inline_policy", "awscc_iam_role_policy", "awscc_iam_user_policy",
	"awscc_iam_group_policy",
}

_data_attrs := {"aws_iam_policy_document": ["json", "minified_json"]}

identity_kinds := {"managed", "inline", "document"}

# resource_changes of the plan of the types the gate reads (lib.selection), or nothing
resource_changes contains _own_address(rc) if {
	some rc in input.plan.resource_changes
	is_object(rc)
	selection.types[rc.type]
}

# a deposed object (an older one create_before_destroy left behind, being destroyed) shares its address with the
# current one: it is judged as a resource of its own, at its address and deposed key (attack: two changes at one
# address stopped the evaluation)
_own_address(rc) := object.union(rc, {"address": concat("", [rc.address, " (deposed ", rc.deposed, ")"])}) if {
	is_string(rc.deposed)
	is_string(rc.address)
} else := rc

# resource_change_list: the set resource_changes as an array, for the many rules that step through it: OPA's wasm
# runtime steps through a set by hashing each (deep) element, an array by index
resource_change_list := [rc | some rc in resource_changes]

# writes holds for changes that leave the resource in place after apply
writes(rc) if {
	some a in rc.change.actions
	a in {"create", "update"}
}

writes(rc) if {
	rc.mode == "data"
	"read" in rc.change.actions
}

# forgets holds when the plan drops the resource from state but leaves the real object alone
forgets(rc) if "forget" in rc.change.actions

# removes holds for a pure delete (a replace also creates)
removes(rc) if {
	"delete" in rc.change.actions
	not "create" in rc.change.actions
}

attrs(rc) := _data_attrs[rc.type] if rc.mode == "data"

attrs(rc) := _managed_attrs[rc.type] if not rc.mode == "data"

# an organizations policy is an SCP unless its type is known to be another policy type; a null or
# absent after, or a type unknown until apply, leaves it a candidate (fail closed)
_other_org_policy_type(rc) if {
	t := rc.change.after.type
	is_string(t)
	t != "SERVICE_CONTROL_POLICY"
}

# kind: scp, managed (aws_iam_policy), inline (role/user/group policy) or document (data source)
kind(rc) := "scp" if {
	rc.type in scp_types
	not rc.mode == "data"
	not _other_org_policy_type(rc)
}

kind(rc) := "managed" if {
	rc.type in {"aws_iam_policy", "awscc_iam_managed_policy"}
	not rc.mode == "data"
}

kind(rc) := "inline" if {
	rc.type in _inline_types
	not rc.mode == "data"
}

kind(rc) := "document" if {
	rc.type == "aws_iam_policy_document"
	rc.mode == "data"
}

# candidate changes: policy-bearing, written by this plan. Resource types are judged whatever provider serves
# them (a fork, a mirror, a renamed local provider): the type names the API the resource calls.
_candidates contains rc if {
	some rc in resource_change_list
	writes(rc)
	kind(rc)
}

# the planned values of a change as an object ({} when after is null or absent)
_after(rc) := a if {
	a := rc.change.after
	is_object(a)
} else := {}

# the whole object is unknown: after_unknown is neither an object nor absent/false/null
_all_unknown(rc) if {
	u := rc.change.after_unknown
	not is_object(u)
	not u in {false, null}
}

# an attribute is unknown when its after_unknown value is present and not false (true, or nested
# true as in [true] or {"x": true}), or when the whole object is unknown
_unknown_attr(rc, _) if _all_unknown(rc)

_unknown_attr(rc, attr) if rc.change.after_unknown[attr] != false

# what the gate found instead of known, not unknown policy text: missing, or the JSON type of the value
_found(rc, attr) := "missing" if {
	not attr in object.keys(_after(rc))
} else := type_name(_after(rc)[attr])

# the first policy attribute that holds known text
_text_attr(rc) := [attr |
	some attr in attrs(rc)
	is_string(rc.change.after[attr])
][0]

# the first policy attribute that is unknown (json and minified_json are the same text)
_unknown_first(rc) := [attr |
	some attr in attrs(rc)
	_unknown_attr(rc, attr)
][0]

# policies: {rc, kind, attr, text} for every known policy text
# policy_list: every policy text the plan writes, as {rc, kind, attr, text}: an array of the three sources below
# (each entry once: a resource's text attribute, its policy blocks, its optional text attribute); policies is the
# same as a set. (A set would hash each entry whole, resource change included, on every insert and step.)
policy_list := array.flatten([_text_policies, _block_policies, _optional_policies])

policies := {p | some p in policy_list}

_text_policies := [{"rc": rc, "kind": kind(rc), "attr": attr, "text": text} |
	some rc in _candidates
	attr := _text_attr(rc)
	text := rc.change.after[attr]
	not _unchanged_text(rc, attr, text)
]

_block_policies := [{"rc": rc, "kind": "inline", "attr": _block_attr(rc, i), "text": text} |
	some rc in _roles
	some i, block in _blocks(rc)
	text := block[_field(rc)]
	_block_text(text)
	not _unchanged_block(rc, text)
]

# an optional attribute that carries policy text when set (awscc_sso_permission_set.inline_policy)
_optional_policies := [{"rc": rc, "kind": "inline", "attr": attr, "text": text} |
	some rc in resource_change_list
	writes(rc)
	not rc.mode == "data"
	attr := _optional_attrs[rc.type]
	text := rc.change.after[attr]
	is_string(text)
	text != ""
	not _unchanged_text(rc, attr, text)
]

# unknown: {rc, attr, found} for every written policy whose text cannot be judged. found is "unknown"
# (computed during apply), "missing" (absent from after and not unknown), or the JSON type of a value
# that is not a string ("null", "object", "array", "number", "boolean"). One entry per resource:
# the first unknown attribute, else the first attribute.
unknown contains {"rc": rc, "attr": attr, "found": "unknown"} if {
	some rc in _candidates
	not _text_attr(rc)
	attr := _unknown_first(rc)
}

unknown contains {"rc": rc, "attr": attr, "found": _found(rc, attr)} if {
	some rc in _candidates
	not _text_attr(rc)
	not _unknown_first(rc)
	attr := attrs(rc)[0]
}

unknown contains {"rc": rc, "attr": attr, "found": "unknown"} if {
	some rc in resource_change_list
	writes(rc)
	not rc.mode == "data"
	attr := _optional_attrs[rc.type]
	rc.change.after_unknown[attr] == true
}

# an optional policy attribute set to something other than text (the provider types it as a string, so no real
# plan has this; a value the gate cannot read as a policy is reported, not skipped)
unknown contains {"rc": rc, "attr": attr, "found": type_name(v)} if {
	some rc in resource_change_list
	writes(rc)
	not rc.mode == "data"
	attr := _optional_attrs[rc.type]
	v := rc.change.after[attr]
	not is_string(v)
	v != null
}

# an inline_policy block whose policy is unknown (the element, or its policy, marked in after_unknown)
unknown contains {"rc": rc, "attr": _block_attr(rc, i), "found": "unknown"} if {
	some rc in _roles
	some i in _block_indices(rc)
	not _block_text(object.get(_block(rc, i), _field(rc), null))
	_block_unknown(rc, i)
}

# an inline_policy block whose policy is known but not a string
unknown contains {"rc": rc, "attr": _block_attr(rc, i), "found": type_name(p)} if {
	some rc in _roles
	some i, block in _blocks(rc)
	not _block_unknown(rc, i)
	p := block[_field(rc)]
	not is_string(p)
	p != null
}

# the whole inline_policy set unknown, unless the configuration shows the role has no inline_policy
# block (the attribute is optional and computed, so every new role without one plans it as unknown)
unknown contains {"rc": rc, "attr": _set_attr(rc), "found": "unknown"} if {
	some rc in _roles
	_inline_set_unknown(rc)
	not _inline_unconfigured(rc)
}

# ---- policy blocks of principals: aws_iam_role.inline_policy[*].policy, awscc_iam_role/user/group
# .policies[*].policy_document (identity policy text, kind inline)

_block_spec := {
	"aws_iam_role": ["inline_policy", "policy"],
	"awscc_iam_role": ["policies", "policy_document"],
	"awscc_iam_user": ["policies", "policy_document"],
	"awscc_iam_group": ["policies", "policy_document"],
}

_optional_attrs := {"awscc_sso_permission_set": "inline_policy"}

_set_attr(rc) := _block_spec[rc.type][0]

_field(rc) := _block_spec[rc.type][1]

_roles contains rc if {
	some rc in resource_change_list
	_block_spec[rc.type]
	not rc.mode == "data"
	writes(rc)
}

_blocks(rc) := b if {
	b := rc.change.after[_set_attr(rc)]
	is_array(b)
} else := []

_block_marks(rc) := m if {
	m := rc.change.after_unknown[_set_attr(rc)]
	is_array(m)
} else := []

_block(rc, i) := b if {
	b := _blocks(rc)[i]
	is_object(b)
} else := {}

_block_indices(rc) := {i | some i, _ in _blocks(rc)} | {i | some i, _ in _block_marks(rc)}

_block_attr(rc, i) := concat("", [_set_attr(rc), "[", format_int(i, 10), "].", _field(rc)])

# known block text; an empty policy is the documented empty block (inline_policy {}) that removes
# out-of-band inline policies, and carries no policy text
_block_text(text) if {
	is_string(text)
	text != ""
}

_block_unknown(rc, i) if {
	m := _block_marks(rc)[i]
	not is_object(m)
	not m in {false, null}
}

_block_unknown(rc, i) if _block_marks(rc)[i][_field(rc)] != false

_inline_set_unknown(rc) if _all_unknown(rc)

_inline_set_unknown(rc) if {
	m := rc.change.after_unknown[_set_attr(rc)]
	not is_array(m)
	m != false
}

# the resource's own configuration (in its module) has no block of its policy set (a dynamic block is omitted from
# the configuration, so one over an unknown for_each is not reported). Matching by type and name in any module
# let another module's resource of the same name, with a block, report a role that has none.
_inline_unconfigured(rc) if {
	r := config_of(rc)
	not r.expressions[_block_spec[rc.type][0]]
}

# parsed_list: every policy text that is valid JSON, with its value. Arrays (each policy is once in policy_list, so
# none holds an element twice): a set would hash each element whole, policy text, document and resource change,
# on every insert and every step through it; the sets below are for callers that want set operations.
parsed_list := [object.union(p, {"doc": json.unmarshal(p.text)}) |
	some p in policy_list
	strict_texts[p.text]
]

parsed := {d | some d in parsed_list}

# document_list, documents: parsed policies whose JSON is an object
document_list := [d |
	some d in parsed_list
	is_object(d.doc)
]

documents := {d | some d in document_list}

# identity_document_list, identity_documents: documents of IAM identity policies (and policy-document data sources)
identity_document_list := [d |
	some d in document_list
	d.kind in identity_kinds
]

identity_documents := {d | some d in identity_document_list}

# scp_documents: documents of service control policies
scp_documents contains d if {
	some d in document_list
	d.kind == "scp"
}

# the label of a statement in messages: its Sid, or its position
statement_label(s, _) := concat("", ["statement \"", s.Sid, "\""]) if is_string(object.get(s, "Sid", null))

statement_label(s, i) := concat("", ["statement ", format_int(i + 1, 10)]) if not is_string(object.get(s, "Sid", null))

# ---- configuration references (how an attribute unknown until apply names another resource)

# config_resources: see config.rego

# module_resource_path(path): path (from configuration.root_module) leads to a resource of a module, through
# module calls only: ("module_calls", name, "module")* "resources", index. A look-alike elsewhere (a variable's
# default or a terraform_data input holding {"resources": [...]}) is not configuration.
module_resource_path(path) if {
	n := count(path)
	n >= 2
	path[n - 2] == "resources"
	(n - 2) % 3 == 0
	every i, seg in array.slice(path, 0, n - 2) {
		_module_step(i % 3, seg)
	}
}

_module_step(0, "module_calls")

_module_step(1, seg) if is_string(seg)

_module_step(2, "module")

# state_resource_path(path): path (from a state's values.root_module) leads to a resource of a module:
# ("child_modules", index)* "resources", index. A look-alike inside a resource's values is not state.
state_resource_path(path) if {
	n := count(path)
	n >= 2
	path[n - 2] == "resources"
	(n - 2) % 2 == 0
	every i, seg in array.slice(path, 0, n - 2) {
		_state_step(i % 2, seg)
	}
}

_state_step(0, "child_modules")

_state_step(1, seg) if is_number(seg)

# module_names: the module call names of a resource change's module_address ("module.a[0].module.b" -> ["a", "b"])
module_names(rc) := [split(parts[i + 1], "[")[0] |
	parts := split(object.get(rc, "module_address", ""), ".")
	some i, seg in parts
	seg == "module"
	i + 1 < count(parts)
]

# local_address: the address inside its module, without an instance key
local_address(rc) := concat(".", ["data", rc.type, rc.name]) if rc.mode == "data"

local_address(rc) := concat(".", [rc.type, rc.name]) if not rc.mode == "data"

# config_by_address[[module names, local address]]: a resource's configuration, looked up without a scan
config_by_address[[mods, r.address]] := r if some [mods, r] in config_resources

# config_of(rc): the configuration of a resource change (undefined when the plan has none for it)
config_of(rc) := config_by_address[[module_names(rc), local_address(rc)]]

# references(rc, attr): the resources an attribute's expression refers to, as local addresses ("aws_iam_policy.x")
references(rc, attr) := {addr |
	r := config_of(rc)
	some ref in _expression_refs(object.get(r, "expressions", {})[attr])
	addr := _ref_address(ref)
}

_expression_refs(e) := {ref |
	walk(e, [path, ref])
	count(path) > 0
	path[count(path) - 2] == "references"
	is_string(ref)
}

_ref_address(ref) := concat(".", ["data", parts[1], split(parts[2], "[")[0]]) if {
	parts := split(ref, ".")
	parts[0] == "data"
	count(parts) >= 3
}

_ref_address(ref) := concat(".", [parts[0], split(parts[1], "[")[0]]) if {
	parts := split(ref, ".")
	not parts[0] in {"data", "module", "var", "local", "each", "count", "path", "terraform", "self"}
	count(parts) >= 2
}

# refers_to(rc, attr, other): the expression of rc's attribute attr (an ARN or ID unknown until apply) refers to the
# resource change other, as Terraform resolves it: in rc's own module instance, and, when the expression indexes
# the resource by count.index or each.key, the instance with rc's own index. (Comparing module names without
# instance keys made an attachment in module.ou["a"] refer to the SCP of every instance, a conflict that failed
# the evaluation of an ordinary plan.)
refers_to(rc, attr, other) if {
	module_address(other) == module_address(rc)
	addr := local_address(other)
	addr in references(rc, attr)
	_same_index(rc, attr, addr, other)
}

# module_address(rc): the module instance a resource change is in ("" for the root module)
module_address(rc) := a if {
	a := rc.module_address
} else := ""

_index(rc) := i if {
	i := rc.index
} else := null

_same_index(rc, attr, addr, _) if not _self_indexed(rc, attr, addr)

_same_index(rc, attr, addr, other) if {
	_self_indexed(rc, attr, addr)
	_index(other) == _index(rc)
}

# the expression indexes the resource at addr by count.index or each.key: Terraform lists such a reference as
# the resource ("aws_organizations_policy.p") and the index ("count.index") side by side
_self_indexed(rc, attr, addr) if {
	refs := _expression_refs(object.get(object.get(config_of(rc), "expressions", {}), attr, null))
	some ref in refs
	_ref_address(ref) == addr
	some own in ["count.index", "each.key"]
	own in refs
}
