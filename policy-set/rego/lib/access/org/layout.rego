# Part of package lib.access.org (its METADATA is in org.rego): with a config, moves and departures judged
# against the config's own layout. The SCPs on an account's paths are often managed in another workspace, so
# the plan that moves it shows none of them; the config says where each root, OU and account sits and which of
# them get an allow-list SCP, so a move onto a path that denies less than the old one is caught all the same.
package lib.access.org

# regal ignore:pointless-import
import data.lib.access
import data.lib.access.probes
import data.lib.tfplan

# the config's layout: node ID -> {parent, allowList} (ApprovedSet.layout); empty without a config (or with
# approved data written before the layout was: then these rules say nothing)
_layout := probes.layout

# _up(n, state): a node's parent in a state, as the plan shows it, else where the config places it (null:
# neither knows it, or it is the root)
_up(n, state) := p if {
	p := _parent(n, state)
	is_string(p)
} else := p if {
	p := _layout[n].parent
	is_string(p)
} else := null

# _path(n, state): n and its ancestors, nearest first, as the plan and the config show them (a node neither
# knows ends the path: whatever SCPs sit above it are unknown, and none is assumed); the Organizations limit of
# five OU levels bounds the walk
_path(n, state) := [x |
	some x in [n, p1, p2, p3, p4, p5, p6]
	is_string(x)
] if {
	p1 := _up(n, state)
	p2 := _up(p1, state)
	p3 := _up(p2, state)
	p4 := _up(p3, state)
	p5 := _up(p4, state)
	p6 := _up(p5, state)
}

# the SCP levels on a path in a state: the plan's own (target_stmts) per node, and, as levels of their own, the
# allow-lists the config renders onto its nodes (an explicit Deny, which holds whatever else is attached beside it)
_plan_levels(nodes, state) := [target_stmts(n, state) | some n in nodes]

_config_levels(nodes) := {i |
	some n in nodes
	_layout[n].allowList == true
	i := probes.scope_index(n)
}

# the config allow-lists of levels deny the probes of ps that their sets do not approve (the rendered SCP
# covers invoke, mantle, Claude Platform and API keys, not every Marketplace call: subscribe probes are left out)
_config_denied(levels, ps) := {p |
	some p in ps
	p.surface != "subscribe"
	some i in levels
	not probes.approved_in(p, probes.scope_at(i))
}

# the approved set a moving node is judged by (nodes: the node, its path before the plan, then after it): its own
# entry, else the nearest listed node on its path before the plan, else after it, else the union (null)
_layout_key(nodes) := k if {
	k := [n | some n in nodes; probes.scoped(n)][0]
} else := null

# moved_off_layout: with a config, a move (see _moves) whose new path, as the plan and the config show it, denies
# less than the old one, when the plan's SCPs alone did not show it (moved, moved_beyond_entry); a destination
# neither the plan nor the config places restricts nothing ({rc, id, from, to, probes, unplaced, old_unplaced}).
# The old path is where the plan shows the node, else, for a node the config lists, where the config places it;
# when neither places it, what restricted the node is unknown, so a placed new path must deny every request the
# node's entry does not approve.
moved_off_layout contains object.union(m, {"probes": leaks, "unplaced": _unplaced(to_path), "old_unplaced": old}) if {
	count(_layout) > 0
	some m in _moves
	not _moved_ids[m.id]
	not _beyond_ids[m.id]
	to_path := _dest_path(m.to)
	after := array.concat([m.id], to_path)
	before := _before_path(m.id, m.from)
	old := _old_unplaced(before, m.from)
	leaks := _move_leaks(before, after)
	count(leaks) > 0
}

# the node and its path before the plan: as the plan (and the config above what it shows) places its old parent,
# when each node on it is one whose SCPs are known (the config places it, or the plan shows its attachments);
# else, for a node the config lists, as the config places it; null when neither is known (an OU that the plan
# shows but the config does not list, with no SCP in the plan, may have carried an allow-list managed elsewhere)
_before_path(id, from) := array.concat([id], p) if {
	p := _path(from, "before")
	_unplaced(p) == null
	every n in p {
		_known_node(n)
	}
} else := array.concat([id], p) if {
	is_string(_layout[id].parent)
	p := _path(_layout[id].parent, "before")
	_unplaced(p) == null
} else := null

_known_node(n) if is_object(_layout[n])

_known_node(n) if targets_before[n]

_known_node(n) if targets_after[n]

_old_unplaced(null, from) := from

_old_unplaced(before, _) := null if is_array(before)

# _move_leaks(before, after): unapproved requests that the SCPs (the plan's or the config's) on the nodes before
# (the node and its path before the plan) denied and those on the nodes after do not. The old path unknown
# (before null), the new one must deny every unapproved request on the model surfaces (a new parent that is
# unknown, or that neither the config nor the plan places, denies nothing the gate can see).
_move_leaks(before, after) := leaks if {
	nodes := array.concat(_nodes_or_none(before), after)
	sa := _plan_levels(after, "after")
	ps := access.unapproved_probes_in(_flat(array.concat(_plan_levels(_nodes_or_none(before), "before"), sa)), _layout_key(nodes))
	ready := access.probe_set(ps)
	denied_after := access.scp_denied_in(sa, ready) | _config_denied(_config_levels(after), ps)
	leaks := _denied_before(before, ps, ready) - denied_after
}

_nodes_or_none(null) := []

_nodes_or_none(nodes) := nodes if is_array(nodes)

# what the old path denied: by its plan and config SCPs (nothing to compare when it carries no config allow-list:
# the plan's own SCPs are judged by moved and left); unknown, every unapproved request on the model surfaces
_denied_before(null, ps, _) := {p | some p in ps; p.surface != "subscribe"}

_denied_before(before, ps, ready) := access.scp_denied_in(_plan_levels(before, "before"), ready) | _config_denied(cb, ps) if {
	is_array(before)
	cb := _config_levels(before)
	count(cb) > 0
}

_dest_path(null) := []

_dest_path(to) := _path(to, "after") if is_string(to)

_beyond_ids[m.id] := true if some m in moved_beyond_entry

# the first node of a path that neither the plan nor the config places (null when every node up to a root is)
_unplaced(path) := path[count(path) - 1] if {
	count(path) > 0
	last := path[count(path) - 1]
	not _placed_root(last)
} else := null

_placed_root(n) if {
	is_object(_layout[n])
	_layout[n].parent == null
}

# left_off_layout: with a config, an account the plan removes from the organization (see left) whose path, as the
# plan and the config show it, denied requests its entry does not approve, when the plan's SCPs alone did not;
# its old path found as a move's is (_before_path): where neither shows what restricted it, leaving is reported
left_off_layout contains {"rc": rc, "id": id, "from": from, "probes": leaks, "old_unplaced": _old_unplaced(before, from)} if {
	count(_layout) > 0
	some rc in _node_rcs
	rc.type in _account_types
	_leaves(rc)
	id := _node_key(rc, rc.change.before)
	not _left_ids[id]
	from := _node_parent(rc, rc.change.before, "before")
	before := _before_path(id, from)
	leaks := _move_leaks(before, [])
	count(leaks) > 0
}

_left_ids[m.id] := true if some m in left

# arrived_off_layout: with a config, an account the plan creates on a path whose SCPs, as the plan and the config
# show them, let through requests the config does not approve there: the new account's principals may invoke them
# ({rc, to, probes, unplaced}). An account created without a parent sits in the root; one whose parent neither the
# plan nor the config places (or that is unknown until apply) is restricted by nothing the gate can see.
arrived_off_layout contains {"rc": rc, "to": to, "probes": leaks, "unplaced": _unplaced(path)} if {
	count(_layout) > 0
	some rc in _node_rcs
	rc.type in _account_types
	tfplan.writes(rc)
	not is_object(rc.change.before)
	to := _arrival_parent(rc)
	path := _dest_path(to)
	leaks := _move_leaks(null, path)
	count(leaks) > 0
}

# where a created account lands: its parent as the plan shows it, else (no parent set, and none unknown until
# apply) the root the config places
_arrival_parent(rc) := p if {
	p := _node_parent(rc, rc.change.after, "after")
} else := r if {
	not _parent_set(rc)
	roots := [n | some n, v in _layout; v.parent == null]
	count(roots) == 1
	r := roots[0]
} else := null

_parent_set(rc) if {
	some attr in ["parent_id", "parent_ids"]
	object.get(rc.change.after, attr, null) != null
}

_parent_set(rc) if {
	some attr in ["parent_id", "parent_ids"]
	object.get(object.get(rc.change, "after_unknown", {}), attr, false) != false
}
