# Part of package lib.tfplan (its METADATA is in tfplan.rego): references that name a resource's ID.
package lib.tfplan

# refers_to_id(rc, attr, other): refers_to, through other's ID (id, ou_id, account_id, or an organization's
# roots[n].id): a reference to another of its attributes (a tag, a name) says nothing of its ID
refers_to_id(rc, attr, other) if {
	refers_to(rc, attr, other)
	addr := local_address(other)
	some ref in _expression_refs(object.get(object.get(config_of(rc), "expressions", {}), attr, null))
	startswith(ref, addr)
	rest := substring(ref, count(addr), -1)
	regex.match(`^(\[[^\]]*\])?\.(id|ou_id|account_id|roots\[[0-9]+\]\.id)$`, rest)
	_literal_index_matches(rest, other)
}

# a reference with a literal instance key (team["a"].id, team[0].id) names that instance only
_literal_index_matches(rest, _) if not startswith(rest, "[")

_literal_index_matches(rest, other) if {
	startswith(rest, "[")
	key := substring(rest, 1, indexof(rest, "]") - 1)
	json.is_valid(key)
	json.unmarshal(key) == other.index
}
