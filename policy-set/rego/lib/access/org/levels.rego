# Part of package lib.access.org (its METADATA is in org.rego): SCP sets compared as levels of the organization
# path (weaker, weaker_levels), and attachments of SCPs the plan does not show onto targets that restrict by
# implicit deny (opaque_attached).
package lib.access.org

# regal ignore:pointless-import
import data.lib.access
import data.lib.tfplan

# weaker(before, after): unapproved probes the before set denies and the after set does not (one level each),
# unapproved by the union of the config (or, without one, by the catalog)
weaker(before, after) := weaker_levels_in([before], [after], null)

# weaker_levels_in(before, after, key): the same for SCP levels (lists of statement lists, root to account): a
# level with Allow statements also denies what none of them allows (access.scp_denied_probes)
weaker_levels_in(before, after, key) := set() if {
	before == after
} else := _less(access.scp_denied_in(before, ready), access.scp_denied_in(after, ready)) if {
	ready := access.probe_set(_unapproved_probes_of(_flat(before), _flat(after), key))
}

# a - b, without hashing every element of a again when b is empty (a deleted or detached SCP)
_less(a, b) := a if count(b) == 0

_less(a, b) := a - b if count(b) > 0

# the unapproved probes of both sides' statements. A side without statements (an SCP deleted or detached) adds
# nothing: the probes of no statements are those every statement list gets (the fixed ones), so the other side's
# set holds them already, and building and uniting them again costs as much as the other side's own.
_unapproved_probes_of(before, after, key) := access.unapproved_probes_in(before, key) if {
	count(after) == 0
} else := access.unapproved_probes_in(after, key) if {
	count(before) == 0
} else := access.unapproved_probes_in(before, key) | access.unapproved_probes_in(after, key)

_flat(levels) := [s |
	some stmts in levels
	some s in stmts
]

# restricts_implicitly(stmts): a level whose Allow statements leave some unapproved request (or the marker)
# implicitly denied, so any SCP attached beside it could widen it
restricts_implicitly(stmts) if count(weaker(stmts, array.concat(stmts, full_access_stmts))) > 0

# attachments this plan writes of an SCP whose content the gate cannot see (neither its resource changes, its
# prior state nor a known AWS-managed ID show it) onto a target whose SCPs restrict by implicit deny before or
# after the plan: an Allow in that SCP would widen the target's level (Allows on one level are a union), so
# the gate cannot tell whether the target stays as strict (it reports them: fail closed). On a target whose
# SCPs restrict only by Deny, another SCP can only add Denies, so it is not reported.
opaque_attached contains {"rc": rc, "policy_id": _id_words(v), "target": t} if {
	some rc in _att_rcs
	tfplan.writes(rc)
	v := rc.change.after
	is_object(v)
	not _policy_of(rc, v, "after")
	not _same_attachment(rc.change.before, v)
	t := _target_of(rc, v, "after")
	_restricts_implicitly(t)
}

_same_attachment(before, after) if {
	before.policy_id == after.policy_id
	before.target_id == after.target_id
}

_id_words(v) := v.policy_id if is_string(v.policy_id)

_id_words(v) := "(a policy ID unknown until apply)" if not is_string(object.get(v, "policy_id", null))

_restricts_implicitly(t) if restricts_implicitly(target_stmts(t, "before"))

_restricts_implicitly(t) if restricts_implicitly(target_stmts(t, "after"))

# attachments this plan writes whose target is unknown until apply, and that the configuration does not trace to
# one node (a target read from a data source, an awscc policy's target_ids computed during apply): the gate cannot
# tell which level they join. An SCP with an Allow statement, or one whose content the gate cannot see, could
# widen a level that allow-lists by Allow statements, so they are reported (fail closed), whatever the plan shows
# of other targets (the target may be one it does not show). An SCP of Deny statements only can only add Denies.
opaque_target contains {"rc": rc, "policy": _id_words(v)} if {
	some rc in _att_rcs
	tfplan.writes(rc)
	v := rc.change.after
	is_object(v)
	not _target_of(rc, v, "after")
	_may_allow(rc, v)
}

opaque_target contains {"rc": rc, "policy": rc.address} if {
	some rc in scp_rc_list
	rc.type == "awscc_organizations_policy"
	tfplan.writes(rc)
	_unknown_targets(rc)
	access.scp_allows(after_stmts(rc))
}

# the SCP an attachment names has an Allow statement, or the plan does not show its content
_may_allow(rc, v) if access.scp_allows(_policy_stmts(_policy_of(rc, v, "after"), "after"))

_may_allow(rc, v) if not _policy_of(rc, v, "after")

_unknown_targets(rc) if rc.change.after_unknown.target_ids == true

_unknown_targets(rc) if true in rc.change.after_unknown.target_ids

# requests the target's own SCPs denied by a Deny statement before the plan and that, after it, no level of its
# path denies by a Deny, only by the absence of an Allow. That holds only where FullAWSAccess is detached, and the
# plan shows FullAWSAccess only when it detaches it: a "documentation" SCP of Allow statements attached beside an
# allow-list in one plan and the allow-list detached in the next left FullAWSAccess allowing everything (attack16).
_explicit_to_implicit(t) := {p |
	not _full_access_detached(t)
	own := target_stmts(t, "before")
	after := path_levels(t, "after")
	ready := access.probe_set(access.unapproved_probes_in(array.concat(own, _flat(after)), scope_key(t)))
	explicit_after := access.scp_explicitly_denied_in(after, ready)
	some p in access.scp_explicitly_denied_in([own], ready)
	not explicit_after[p]
}
