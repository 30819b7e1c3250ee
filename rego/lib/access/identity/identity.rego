# METADATA
# title: Identity grants in a plan
# description: |
#   Every way the plan gives a principal policy text, as grant units {rc, via, stmts}: the resource a finding
#   names, how the text reaches a principal (in words), and the statements. Sources: policy text the plan
#   writes (lib.tfplan: aws_iam_policy, role/user/group inline policies, aws_iam_role.inline_policy, SSO
#   permission-set inline policies, awscc policy types, aws_iam_policy_document data sources), and policies
#   attached by ARN — AWS-managed ones resolved from the bundled snapshot (data.modelgate.managedPolicies),
#   customer-managed ones resolved to a policy the plan describes (by its known ARN, or through the
#   configuration's references when the ARN is computed). An attachment the gate cannot resolve is listed in
#   unresolved, never treated as clean.
# scope: package
package lib.access.identity

import data.lib.iam
import data.lib.tfplan

# unit_list: the units of the three sources below, as an array for the rules that step through it (in wasm, a set
# hashes each element whole on every insert and step, and a unit holds its resource change and statements). A unit
# made twice (the same grant reached two ways) is judged twice; the findings are a set.
unit_list := array.flatten([_written_units, _attached_units, _exposed_units])

units := {u | some u in unit_list}

# policy text the plan writes
_written_units := [{"rc": d.rc, "via": _doc_via(d), "stmts": _stmts(d.doc)} |
	some d in tfplan.identity_document_list
	not boundary_only(d.rc)
]

# policies attached by ARN: resolved attachments
_attached_units := [{"rc": a.rc, "via": r.via, "stmts": r.stmts} |
	some a in attachments
	some r in resolved(a)
]

# a change that gives a group, a role or a permission set to more principals (a membership, a trust policy, an
# account assignment) gives them what that holder grants, whatever this plan does to those grants
_exposed_units := [{"rc": e.rc, "via": _exposure_via(r, e), "stmts": r.stmts} |
	some e in exposures
	some r in exposure_grants(e)
]

_exposure_via(r, e) := concat("", [r.via, " through ", e.how, " (", e.rc.address, ")"])

unresolved contains {"rc": a.rc, "arn": a.arn, "why": _why(a)} if {
	some a in attachments
	count(resolved(a)) == 0
}

# a change that hands a holder to more principals hands on the policies of it the gate cannot read (attack16: an
# account assignment of a permission set whose customer-managed reference no policy of the plan resolves, a user
# added to a group with an unresolved attachment)
unresolved contains {"rc": e.rc, "arn": u.arn, "why": u.why, "hands": e.how} if {
	some e in exposures
	some u in held_unresolved
	u.holder == e.holder
}

_stmts(doc) := [_for_holder(s) |
	some s in iam.as_array(doc.Statement)
	is_object(s)
	not _principal_conditioned_deny(s)
]

# In an identity policy aws:PrincipalArn is the ARN of whoever holds it (a role session's is the role's), not the
# probes' made-up principal: a condition on it is read as unknown. An Allow with one may apply (the condition is
# dropped from it), a Deny with one may not (the statement is dropped): "ArnEquals aws:PrincipalArn <the role>"
# on a grant attached to that role, or a Deny exempting it, hid the grant (attack16).
_principal_conditioned_deny(s) if {
	s.Effect == "Deny"
	_principal_condition(s)
}

_principal_condition(s) if {
	some block in object.get(s, "Condition", {})
	is_object(block)
	some k, _ in block
	lower(k) == "aws:principalarn"
}

_for_holder(s) := s if not _principal_condition(s)

_for_holder(s) := object.union(object.remove(s, ["Condition"]), _condition_or_none(kept)) if {
	_principal_condition(s)
	kept := {op: rest |
		some op, block in s.Condition
		rest := _without_principal(block)
		count(rest) > 0
	}
}

_without_principal(block) := {k: v | some k, v in block; lower(k) != "aws:principalarn"} if is_object(block)

_without_principal(block) := block if not is_object(block)

_condition_or_none(kept) := {"Condition": kept} if count(kept) > 0

_condition_or_none(kept) := {} if count(kept) == 0

_doc_via(d) := concat("", [d.rc.address, " (", d.attr, ")"])

# ---- attachments: {rc, arn, attr}; arn is a string, or null when unknown until apply

# attribute -> single ARN, by resource type
_single := {
	"aws_iam_role_policy_attachment": "policy_arn",
	"aws_iam_user_policy_attachment": "policy_arn",
	"aws_iam_group_policy_attachment": "policy_arn",
	"aws_iam_policy_attachment": "policy_arn",
	"aws_ssoadmin_managed_policy_attachment": "managed_policy_arn",
}

# attribute -> list of ARNs, by resource type
_lists := {
	"aws_iam_role": "managed_policy_arns",
	"aws_iam_role_policy_attachments_exclusive": "policy_arns",
	"aws_iam_user_policy_attachments_exclusive": "policy_arns",
	"aws_iam_group_policy_attachments_exclusive": "policy_arns",
	"awscc_iam_role": "managed_policy_arns",
	"awscc_iam_user": "managed_policy_arns",
	"awscc_iam_group": "managed_policy_arns",
	"awscc_sso_permission_set": "managed_policies",
	"aws_ssoadmin_managed_policy_attachments_exclusive": "managed_policy_arns",
}

# the managed resources the plan writes, as an array (each once): many rules step through it, and a set would hash
# each whole resource change at every step
_written := [rc |
	some rc in tfplan.resource_change_list
	tfplan.writes(rc)
	not rc.mode == "data"
]

attachments contains {"rc": rc, "arn": arn, "attr": attr} if {
	some rc in _written
	attr := _single[rc.type]
	arn := rc.change.after[attr]
	is_string(arn)
}

attachments contains {"rc": rc, "arn": null, "attr": attr} if {
	some rc in _written
	attr := _single[rc.type]
	not is_string(object.get(object.get(rc.change, "after", {}), attr, null))
	_unknown(rc, attr)
}

attachments contains {"rc": rc, "arn": arn, "attr": attr} if {
	some rc in _written
	attr := _lists[rc.type]
	some arn in iam.as_array(rc.change.after[attr])
	is_string(arn)
	not _kept_arn(rc, attr, arn)
}

# an in-place update of a principal (or of an exclusive attachment set) that keeps an ARN in its list attaches
# nothing new: a role's managed_policy_arns is refreshed from AWS on every plan, whatever attached the policies
_kept_arn(rc, attr, arn) if {
	rc.change.actions == ["update"]
	tfplan.same_principal(rc)
	arn in iam.as_array(rc.change.before[attr])
}

# a list with unknown elements (null in after, true in after_unknown), or wholly unknown. A role's
# managed_policy_arns is optional and computed, so every new role that does not set it plans it as unknown:
# only a list the configuration sets (or a resource the configuration does not show) counts.
attachments contains {"rc": rc, "arn": null, "attr": attr} if {
	some rc in _written
	attr := _lists[rc.type]
	_unknown(rc, attr)
	not _unset_in_config(rc, attr)
}

# customer-managed policies attached by name and path (SSO): resolved by name. A reference the plan does not
# show whole (unknown, or no reference at all) is an attachment that cannot be resolved.
attachments contains {"rc": rc, "arn": null, "attr": attr, "ref": ref} if {
	some rc in _written
	[_, attr] := _held_refs[rc.type]
	some ref in _refs(rc, attr)
}

_refs(rc, attr) := refs if {
	refs := [r | some r in iam.as_array(rc.change.after[attr]); is_object(r)]
	count(refs) > 0
	not _unknown(rc, attr)
} else := [{}] if {
	rc.type == "aws_ssoadmin_customer_managed_policy_attachment"
} else := [{}] if {
	_unknown(rc, attr)
}

_unset_in_config(rc, attr) if {
	r := tfplan.config_of(rc)
	object.get(object.get(r, "expressions", {}), attr, null) == null
}

_unknown(rc, attr) if rc.change.after_unknown[attr] == true

_unknown(rc, attr) if true in rc.change.after_unknown[attr]

_unknown(rc, _) if {
	u := rc.change.after_unknown
	not is_object(u)
	not u in {false, null}
}

# ---- resolution

# AWS-managed: arn:<partition>:iam::aws:policy/<path/name>
aws_managed_name(arn) := substring(arn, indexof(arn, ":policy/") + 8, -1) if {
	startswith(arn, "arn:")
	segs := split(arn, ":")
	count(segs) == 6
	segs[2] == "iam"
	segs[4] == "aws"
	startswith(segs[5], "policy/")
}

_managed := data.modelgate.managedPolicies.policies

# resolved(a): what the attachment grants, as {via (words for messages), stmts, policy (the address of the policy
# resource it resolves to; none for an AWS-managed policy)} entries; empty when it cannot be resolved
resolved(a) := ((((_by_aws(a) | _by_arn(a)) | _by_built_arn(a)) | _by_ref(a)) | _by_name(a)) | _by_data_arn(a)

_by_aws(a) := {r |
	name := aws_managed_name(a.arn)
	p := _managed[name]
	r := {"via": concat("", ["AWS-managed policy ", name, " (", p.version, ") attached by ", a.rc.address]), "stmts": p.statements}
}

# a customer-managed ARN the plan describes: a policy whose before or after arn is this ARN
_by_arn(a) := {r |
	is_string(a.arn)
	not aws_managed_name(a.arn)
	some d in _policy_doc_list
	d.arn == a.arn
	r := {"via": concat("", ["policy ", d.rc.address, " attached by ", a.rc.address]), "stmts": d.stmts, "policy": d.rc.address}
}

# a customer-managed ARN that data.aws_iam_policy read while planning: the prior state holds its text as it is now,
# which is what the attachment attaches (only by ARN: a name resolves per account)
_by_data_arn(a) := {r |
	is_string(a.arn)
	not aws_managed_name(a.arn)
	some d in _data_policy_list
	d.arn == a.arn
	via := concat("", ["policy ", d.rc.address, " (read while planning) attached by ", a.rc.address])
	r := {"via": via, "stmts": d.stmts, "policy": d.rc.address}
}

_data_policy_list := [_policy_doc(rc, rc.change.after, _stmts(doc)) |
	some rc in tfplan.prior_data
	rc.type == "aws_iam_policy"
	doc := _doc(rc.change.after.policy)
]

# a customer-managed ARN known at plan time that names a policy the plan creates (its own arn unknown until
# apply): the ARN ends in the policy's path and name, the attachment waits for the policy (its expression refers
# to it, or depends_on names it: were the name already taken, creating the policy would fail and the attachment
# would not be applied, so it cannot attach an existing policy of that name), and both use the same provider
# configuration in one module instance (one account; a reference does not prove it: a name can be read across
# accounts). (gate/select.ts joins such an ARN to the policies named as it ends.)
_by_built_arn(a) := {r |
	is_string(a.arn)
	not aws_managed_name(a.arn)
	some d in _policy_doc_list
	d.arn == null
	is_string(d.name)
	d.name != ""
	endswith(a.arn, concat("", [":policy", d.path, d.name]))
	_names_policy(a, d.rc)
	r := {"via": concat("", ["policy ", d.rc.address, " attached by ", a.rc.address]), "stmts": d.stmts, "policy": d.rc.address}
}

_names_policy(a, rc) if {
	_waits_for(a, rc)

	# one instance of several may use a provider instance of its own (OpenTofu's provider for_each), which the
	# provider configuration key does not name: only single resources are taken for one account
	not "index" in object.keys(a.rc)
	not "index" in object.keys(rc)
	tfplan.module_address(a.rc) == tfplan.module_address(rc)
	key := tfplan.config_of(a.rc).provider_config_key
	is_string(key)
	key == tfplan.config_of(rc).provider_config_key
}

# the attachment's expression refers to the policy (the same instance, when indexed by count.index or each.key)
_waits_for(a, rc) if tfplan.refers_to(a.rc, a.attr, rc)

# or its depends_on names the policy
_waits_for(a, rc) if tfplan.local_address(rc) in object.get(tfplan.config_of(a.rc), "depends_on", [])

# an ARN unknown until apply: the configuration's references name the policy resource(s)
_by_ref(a) := {r |
	a.arn == null
	not a.ref

	# the references read once per attachment; each policy first checked by its local address
	refs := tfplan.references(a.rc, a.attr)
	count(refs) > 0
	some d in _policy_doc_list
	refs[tfplan.local_address(d.rc)]
	tfplan.refers_to(a.rc, a.attr, d.rc)
	r := {"via": concat("", ["policy ", d.rc.address, " attached by ", a.rc.address]), "stmts": d.stmts, "policy": d.rc.address}
}

_by_name(a) := {r |
	is_string(a.ref.name)
	some d in _policy_doc_list
	d.name == a.ref.name
	d.path == _ref_path(a.ref)
	r := {"via": concat("", ["policy ", d.rc.address, " attached by ", a.rc.address]), "stmts": d.stmts, "policy": d.rc.address}
}

# customer-managed policies the plan describes, with the text they have after the plan (or before, for a
# policy the plan deletes: what the attachment still points to until then)
_policy_docs contains _policy_doc(rc, v, _stmts(doc)) if {
	some rc in (tfplan.resource_changes | prior_rcs)
	rc.type in {"aws_iam_policy", "awscc_iam_managed_policy"}
	v := _state(rc)
	doc := _doc(v[_policy_attr(rc.type)])
}

# a written policy whose text is unknown still resolves (lib.tfplan reports the unknown text as MG-0004); a data
# source read during apply does not: it reads an existing policy whose text the plan never shows, so an
# attachment of it stays unresolved (MG-0021)
_policy_docs contains _policy_doc(rc, _after(rc), []) if {
	some rc in tfplan.resource_change_list
	rc.type in {"aws_iam_policy", "awscc_iam_managed_policy"}
	not rc.mode == "data"
	tfplan.writes(rc)
	not is_string(object.get(_after(rc), _policy_attr(rc.type), null))
}

# stepped through once per attachment: an array (see unit_list)
_policy_doc_list := [d | some d in _policy_docs]

_policy_doc(rc, v, stmts) := {
	"rc": rc,
	"arn": object.get(v, "arn", null),
	"name": object.get(v, "name", ""),
	"path": object.get(v, "path", "/"),
	"stmts": stmts,
}

_policy_attr("aws_iam_policy") := "policy"

_policy_attr("awscc_iam_managed_policy") := "policy_document"

_after(rc) := a if {
	a := rc.change.after
	is_object(a)
} else := {}

_state(rc) := rc.change.after if is_object(rc.change.after)

_state(rc) := rc.change.before if {
	not is_object(rc.change.after)
	is_object(rc.change.before)
}

_why(a) := "its ARN is computed during apply and the configuration names no policy in this plan" if {
	a.arn == null
	not a.ref
}

_why(a) := concat("", ["the customer-managed policy it names (", _ref_words(a.ref), ") is not defined in this plan"]) if a.ref

_ref_path(ref) := object.get(ref, "path", "/")

_ref_words(ref) := concat("", [_ref_path(ref), ref.name]) if is_string(ref.name)

_ref_words(ref) := "a name unknown until apply" if not is_string(object.get(ref, "name", null))

_why(a) := concat("", ["the AWS-managed policy ", aws_managed_name(a.arn), " is not in the bundled snapshot"]) if {
	is_string(a.arn)
	aws_managed_name(a.arn)
}

_why(a) := "the policy is not defined in this plan, so its text cannot be read" if {
	is_string(a.arn)
	not aws_managed_name(a.arn)
}

# principal_words(rc): " for role X" when the resource names the principal it grants to
principal_words(rc) := concat("", [" for ", _principal(rc)]) if _principal(rc)

principal_words(rc) := "" if not _principal(rc)

_principal(rc) := p if {
	some [attr, word] in [["role", "role "], ["user", "user "], ["group", "group "], ["name", "role "]]
	rc.type in _principal_types[attr]
	v := rc.change.after[attr]
	is_string(v)
	p := concat("", [word, v])
}

_principal_types := {
	"role": {"aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_role_policy_attachments_exclusive"},
	"user": {"aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_user_policy_attachments_exclusive"},
	"group": {"aws_iam_group_policy", "aws_iam_group_policy_attachment", "aws_iam_group_policy_attachments_exclusive"},
	"name": {"aws_iam_role", "awscc_iam_role"},
}
