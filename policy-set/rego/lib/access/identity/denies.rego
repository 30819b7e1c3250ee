# Part of package lib.access.identity (its METADATA is in identity.rego): a Deny that stops applying to a holder.
# The gate judges each policy alone and never credits a Deny in another one, so a holder's broad grants beside a
# guardrail Deny are reported only when that Deny goes: its policy deleted or edited, its inline block removed, the
# policy holding it detached, or a user leaving the group it belongs to. Statements are compared without their Sid
# and with their lists in any order.
package lib.access.identity

import data.lib.iam
import data.lib.tfplan

_deny_words(kind, key) := concat("", ["removing a Deny from ", kind, " ", key])

_base_exposures contains e if some e in _deny_exposures

# a group's policies are part of each member's: a Deny removed from a group stops applying to every user in it
# after the plan, whose own grants and other groups' are then judged as they now apply ("except": the group's own
# grants are judged once, through the group's exposure)
_base_exposures contains {
	"rc": e.rc, "holder": ["user", member], "except": group,
	"how": concat("", [e.how, ", which user ", member, " is in"]),
} if {
	some e in _deny_exposures
	e.holder[0] == "group"
	some [kind, [group, member]] in _pairs_after
	kind == "group"
	group == e.holder[1]
	is_string(member)
}

# a statement list holds a Deny (Denies are compared, where they are, by _denies_less in trust.rego)
_has_deny(stmts) if {
	some s in stmts
	s.Effect == "Deny"
}

_doc_stmts(text) := _stmts(d) if d := _doc(text)

_doc_stmts(text) := [] if not _doc(text)

# _drops_deny(before, after): a policy text after an edit (null when it is gone) lacks a Deny the text before had,
# and denies less: some unapproved request the Denies before deny, those after do not (a Deny made stricter, or
# rewritten with a list for a string, stops nothing)
_drops_deny(before, after) if {
	_may_hold_deny(before)
	_denies_less(_deny_list(_doc_stmts(before)), _deny_list(_doc_stmts(after)))
}

_deny_list(stmts) := [s | some s in stmts; s.Effect == "Deny"]

# a text that spells "Deny" nowhere, and has no \u escape that could, holds no Deny statement (an Effect is compared
# exactly): most texts before an edit hold none, and are not parsed
_may_hold_deny(text) if {
	is_string(text)
	contains(text, "Deny")
}

_may_hold_deny(text) if {
	is_string(text)
	contains(text, `\u`)
}

# a holder's own policy text: the resource deleted (not forgotten) or its text edited
_deny_exposures contains {"rc": rc, "holder": [spec[0], key], "how": _deny_words(spec[0], key)} if {
	some rc in tfplan.resource_change_list
	spec := _held_text[rc.type]
	not tfplan.forgets(rc)
	key := rc.change.before[spec[1]]
	is_string(key)
	_drops_deny(rc.change.before[spec[2]], object.get(_left_or_empty(rc), spec[2], null))
}

# the policy blocks of a role (or awscc group or user): a Deny in some block before, in no block after
_deny_exposures contains {"rc": rc, "holder": [spec[0], key], "how": _deny_words(spec[0], key)} if {
	some rc in tfplan.resource_change_list
	spec := _held_blocks[rc.type]
	not tfplan.forgets(rc)
	key := rc.change.before[spec[1]]
	is_string(key)
	_denies_less(_block_denies(rc.change.before, spec), _block_denies(_left_or_empty(rc), spec))
}

_block_denies(v, spec) := [d |
	some block in iam.as_array(object.get(v, spec[2], []))
	is_object(block)
	some d in _deny_list(_doc_stmts(block[spec[3]]))
]

# a policy with a Deny detached from a holder: its ARN gone from the holder's attachment or list
_deny_exposures contains {"rc": rc, "holder": [spec[0], key], "how": _deny_words(spec[0], key)} if {
	some rc in tfplan.resource_change_list
	spec := _held_arns[rc.type]
	not tfplan.forgets(rc)
	key := rc.change.before[spec[1]]
	is_string(key)
	some arn in iam.as_array(rc.change.before[spec[2]])
	is_string(arn)
	not arn in iam.as_array(object.get(_left_or_empty(rc), spec[2], []))
	_holds_deny(rc, arn, spec[2])
}

_deny_exposures contains {"rc": rc, "holder": [kind, key], "how": _deny_words(kind, key)} if {
	some rc in tfplan.resource_change_list
	rc.type == "aws_iam_policy_attachment"
	not tfplan.forgets(rc)
	arn := rc.change.before.policy_arn
	is_string(arn)
	some attr, kind in _multi_holders
	some key in iam.as_array(rc.change.before[attr])
	not _still_attached(rc, attr, key, arn)
	_holds_deny(rc, arn, "policy_arn")
}

_still_attached(rc, attr, key, arn) if {
	v := _left(rc)
	v.policy_arn == arn
	key in iam.as_array(v[attr])
}

_holds_deny(rc, arn, attr) if {
	some r in resolved({"rc": rc, "arn": arn, "attr": attr})
	_has_deny(r.stmts)
}

# a customer-managed policy whose edited text drops a Deny: every holder it stays attached to
_deny_exposures contains {"rc": rc, "holder": h, "how": _deny_words(h[0], h[1])} if {
	some rc in tfplan.resource_change_list
	rc.type in {"aws_iam_policy", "awscc_iam_managed_policy"}
	attr := _policy_attr(rc.type)
	_drops_deny(rc.change.before[attr], object.get(_left_or_empty(rc), attr, null))
	some h in _holders_of(rc)
}

# holders a customer-managed policy is attached to after the plan: by ARN (the held grants), or by its own lists
# (awscc)
_holders_of(p) := {e.holder |
	arn := object.get(_before(p), "arn", object.get(_before(p), "policy_arn", null))
	is_string(arn)
	some e in held
	e.arn == arn
} | {[kind, key] |
	p.type == "awscc_iam_managed_policy"
	some attr, kind in _multi_holders
	some key in iam.as_array(object.get(_left_or_empty(p), attr, []))
	is_string(key)
}

# an awscc_iam_managed_policy with a Deny dropping a holder from its own roles, users or groups lists (or deleted)
_deny_exposures contains {"rc": rc, "holder": [kind, key], "how": _deny_words(kind, key)} if {
	some rc in tfplan.resource_change_list
	rc.type == "awscc_iam_managed_policy"
	not tfplan.forgets(rc)
	some attr, kind in _multi_holders
	some key in iam.as_array(object.get(_before(rc), attr, []))
	is_string(key)
	not key in iam.as_array(object.get(_left_or_empty(rc), attr, []))
	_has_deny(_stmts(_trust_doc(_before(rc).policy_document)))
}

# a customer-managed policy with a Deny referenced by name from a permission set, the reference dropped (its
# attachment deleted, or the reference gone from a list that holds it)
_deny_exposures contains {"rc": rc, "holder": ["permission-set", ps], "how": _deny_words("permission set", ps)} if {
	some rc in tfplan.resource_change_list
	not tfplan.forgets(rc)
	spec := _held_refs[rc.type]
	ps := _before(rc)[spec[0]]
	is_string(ps)
	some ref in iam.as_array(object.get(_before(rc), spec[1], []))
	is_object(ref)
	not _ref_kept(rc, spec, ps, ref)
	some r in _by_name({"rc": rc, "arn": null, "attr": spec[1], "ref": ref})
	_has_deny(r.stmts)
}

_ref_kept(rc, spec, ps, ref) if {
	v := _left(rc)
	v[spec[0]] == ps
	some kept in iam.as_array(object.get(v, spec[1], []))
	kept.name == ref.name
	_ref_path(kept) == _ref_path(ref)
}

# a user leaving a group that carries a Deny: the user's other grants are judged as they now apply
_deny_exposures contains {"rc": rc, "holder": ["user", user], "how": concat("", ["user ", user, " leaving group ", group])} if {
	some rc in tfplan.resource_change_list
	spec := _membership_spec[rc.type]
	spec[0] == "group"
	some [group, user] in _pairs(rc.change.before, spec)
	is_string(user)
	not _pairs_after[["group", [group, user]]]
	some g in _direct(["group", group])
	_has_deny(g.stmts)
}

# an exclusive set the plan writes detaches (aws_iam_*_policy_attachments_exclusive) or deletes
# (aws_iam_*_policies_exclusive) at apply every managed policy or inline policy of its holder it does not list, so
# a Deny among those stops applying, though the plan shows its attachment or policy unchanged
_exclusive_names := {
	"aws_iam_role_policies_exclusive": ["role", "role_name", "policy_names"],
	"aws_iam_user_policies_exclusive": ["user", "user_name", "policy_names"],
	"aws_iam_group_policies_exclusive": ["group", "group_name", "policy_names"],
}

_deny_exposures contains {"rc": ex, "holder": holder, "how": _deny_words(holder[0], holder[1])} if {
	some ex in tfplan.resource_change_list
	tfplan.writes(ex)
	endswith(ex.type, "_exclusive")
	spec := _held_arns[ex.type]
	holder := [spec[0], ex.change.after[spec[1]]]
	some h in held
	h.holder == holder
	h.rc != ex
	is_string(h.arn)
	not h.arn in _listed(ex, spec[2])
	_has_deny(h.grant.stmts)
}

_deny_exposures contains {"rc": ex, "holder": holder, "how": _deny_words(holder[0], holder[1])} if {
	some ex in tfplan.resource_change_list
	tfplan.writes(ex)
	spec := _exclusive_names[ex.type]
	holder := [spec[0], ex.change.after[spec[1]]]
	some h in held
	h.holder == holder
	_held_text[h.rc.type]
	not _left(h.rc).name in _listed(ex, spec[2])
	_has_deny(h.grant.stmts)
}

# the names or ARNs an exclusive set keeps ([] when unknown until apply: it may keep none)
_listed(ex, attr) := [x | some x in iam.as_array(object.get(ex.change.after, attr, [])); is_string(x)]
