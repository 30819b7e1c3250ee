# Part of package lib.access.org (its METADATA is in org.rego): accounts and OUs whose parent changes, and accounts
# leaving the organization, judged by the SCP levels on their path before and after the plan.
package lib.access.org

# regal ignore:pointless-import
import data.lib.access
import data.lib.access.probes
import data.lib.tfplan

# ---- moves: accounts and OUs whose parent changes, and accounts leaving the organization

_account_types := {"aws_organizations_account", "awscc_organizations_account"}

_node_rcs contains rc if {
	some rc in tfplan.resource_change_list
	rc.type in (_account_types | {"aws_organizations_organizational_unit", "awscc_organizations_organizational_unit"})
	not rc.mode == "data"
}

_node_rcs contains rc if {
	some rc in prior_org_rcs
	rc.type != "aws_organizations_policy_attachment"
}

# the key of a node in a state: its ID (awscc accounts: account_id), or for a node this plan creates, whose ID is
# unknown until apply, its address in parentheses (as _target_key keys a target)
_node_key(_, v) := v.id if is_string(v.id)

_node_key(_, v) := v.account_id if {
	not is_string(object.get(v, "id", null))
	is_string(v.account_id)
}

_node_key(rc, v) := concat("", ["(", rc.address, ")"]) if {
	not is_string(object.get(v, "id", null))
	not is_string(object.get(v, "account_id", null))
}

# the parent of a node in a state: parent_id (awscc accounts: their one parent_ids entry), or, unknown until
# apply, the one node or root the configuration's reference names (a new OU the plan creates)
_node_parent(_, v, _) := v.parent_id if is_string(v.parent_id)

_node_parent(_, v, _) := v.parent_ids[0] if {
	not is_string(object.get(v, "parent_id", null))
	count(v.parent_ids) == 1
	is_string(v.parent_ids[0])
}

_node_parent(rc, v, "after") := referenced_node(rc, "parent_id") if {
	not is_string(object.get(v, "parent_id", null))
	not is_array(object.get(v, "parent_ids", null))
}

# awscc: parent_ids unknown until apply (wholly, or its one element), its reference naming the new parent
_node_parent(rc, v, "after") := referenced_node(rc, "parent_ids") if {
	rc.type in {"awscc_organizations_account", "awscc_organizations_organizational_unit"}
	not _known_parent_ids(v)
}

_known_parent_ids(v) if {
	count(v.parent_ids) == 1
	is_string(v.parent_ids[0])
}

# parent of a node key in a state, from the plan's accounts and OUs (null when the plan does not show it)
_parent(id, state) := p if {
	is_string(id)
	p := [q |
		some rc in _node_rcs
		v := _state_value(rc, state)
		_node_key(rc, v) == id
		q := _node_parent(rc, v, state)
	][0]
} else := null

_state_value(rc, "before") := rc.change.before if is_object(rc.change.before)

_state_value(rc, "after") := rc.change.after if is_object(rc.change.after)

# scope_key(t): the target whose approved set judges node t (probes.scope): t itself when the config has an entry
# of its own for it, else the nearest ancestor with one on its path before the plan (where the config placed
# it), else after the plan; null (the union) when none does
scope_key(t) := t if probes.scoped(t)

else := k if {
	k := [n | some n in _chain(t, "before"); probes.scoped(n)][0]
} else := k if {
	k := [n | some n in _chain(t, "after"); probes.scoped(n)][0]
} else := null

# the path from a node up to the root, nearest first, as far as the plan shows it
_chain(id, state) := [n |
	some n in [p1, p2, p3, p4, p5, p6]
	is_string(n)
] if {
	p1 := _parent(id, state)
	p2 := _parent(p1, state)
	p3 := _parent(p2, state)
	p4 := _parent(p3, state)
	p5 := _parent(p4, state)
	p6 := _parent(p5, state)
}

# SCP levels on the path from a node up to the root (as far as the plan shows it), in a state: one statement
# list per node (levels are kept apart: Allows are a union within a level only); the Organizations limit of
# five OU levels bounds the walk
path_levels(id, state) := [target_stmts(n, state) | some n in _ancestors(id, state)]

_ancestors(id, state) := {n |
	some n in array.concat([id], _chain(id, state))
	is_string(n)
}

# _moves: {rc, id, from, to} for an account or OU whose parent changes (to is null when unknown)
_moves contains {"rc": rc, "id": _node_key(rc, rc.change.before), "from": from, "to": to} if {
	some rc in _node_rcs
	tfplan.writes(rc)
	from := _node_parent(rc, rc.change.before, "before")
	to := _new_parent(rc)
	to != from
}

# moved: the moves whose new path denies less than the old one ({rc, id, from, to, probes})
moved contains object.union(m, {"probes": w}) if {
	some m in _moves
	w := weaker_levels_in(
		array.concat(path_levels(m.from, "before"), [target_stmts(m.id, "before")]),
		array.concat(path_levels(m.to, "after"), [target_stmts(m.id, "after")]),
		scope_key(m.id),
	)
	count(w) > 0
}

# moved_beyond_entry: a node with a config entry of its own that moves onto a path whose SCPs (as far as the plan
# shows them, one level at least an allow-list) let through requests its entry does not approve, though no SCP
# the plan shows on its old path denied them (its old list is managed elsewhere): the config still places it
# where it came from
moved_beyond_entry contains {"rc": m.rc, "id": m.id, "to": m.to, "probes": leaks} if {
	some m in _moves
	probes.scoped(m.id)
	not _moved_ids[m.id]
	levels := array.concat(path_levels(m.to, "after"), [target_stmts(m.id, "after")])
	_some_allowlist(levels)
	ps := {p |
		some p in access.unapproved_probes_in(_flat(levels), m.id)
		p.surface == "invoke"
	}
	leaks := ps - access.scp_denied_probes(levels, ps)
	count(leaks) > 0
}

_some_allowlist(levels) if {
	some stmts in levels
	is_allowlist(stmts)
}

_moved_ids[m.id] := true if some m in moved

_new_parent(rc) := _node_parent(rc, rc.change.after, "after")

_new_parent(rc) := null if not _node_parent(rc, object.get(rc.change, "after", {}), "after")

# accounts the plan removes from the organization (no SCP applies to them any more)
left contains {"rc": rc, "id": id, "from": from, "probes": w} if {
	some rc in _node_rcs
	rc.type in _account_types
	_leaves(rc)
	from := _node_parent(rc, rc.change.before, "before")
	id := _node_key(rc, rc.change.before)
	before := array.concat(path_levels(from, "before"), [target_stmts(id, "before")])
	w := weaker_levels_in(before, [], scope_key(id))
	count(w) > 0
}

# an account the plan deletes (or replaces: the old account is deleted first) leaves the organization, unless
# close_on_deletion closes it (a closed account stays suspended in the organization until AWS removes it, and
# cannot be used)
_leaves(rc) if {
	"delete" in rc.change.actions
	not rc.change.before.close_on_deletion == true
}
