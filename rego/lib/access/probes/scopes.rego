# Part of package lib.access.probes (its METADATA is in probes.rego): the probes a target with an entry of its own
# in the config (approval.rego scope/scoped) is judged by: the fixed probes, and every model the union approves in
# each of its catalog geographies, less what the target's own set approves.
package lib.access.probes

import data.lib.catalog

# approved_elsewhere: invoke probes of the union's approved models, each by its foundation model and a profile in
# each of its catalog geographies: a target whose own set lacks the model or the geography must deny them
approved_elsewhere contains invoke(a, res[0], res[1], m, false) if {
	with_config
	some m in _config.models
	some res in _model_resources(m)
	some a in invoke_actions
}

_model_resources(m) := array.concat(
	[[_fm("aws", "us-east-1", m), "foundation-model"] | data.modelgate.catalog.models[m].hasFoundationModelArn == true],
	[[concat("", ["arn:aws:bedrock:us-east-1:", probe_account, ":inference-profile/", px, ".", m]), "inference-profile"] |
		some px in catalog.profile_prefixes(m)
	],
)

# the approved-elsewhere probes the union itself does not approve (a geography no target approves)
union_geo_unapproved contains p if {
	some p in approved_elsewhere
	not approved(p)
}

# fixed_unapproved_in[i]: per distinct set of approved.scopes (what targets' entries index), the fixed probes,
# the API-key probes and the approved-elsewhere probes it does not approve (built once per evaluation, once per
# distinct set however many accounts share it)
fixed_unapproved_in[i] := {p |
	some p in ((fixed_base | apikey_base) | approved_elsewhere)
	not approved_in(p, cfg)
} if {
	with_config
	some i, cfg in _config.scopes
}

# unapproved_fixed_in(stmts, key): unapproved_fixed_for(stmts) judged by the scope of target key
unapproved_fixed_in(stmts, key) := unapproved_fixed_for(stmts) if not scoped(key)

unapproved_fixed_in(stmts, key) := (fixed_unapproved_in[scope_index(key)] | {p |
	some p in own
	not approved_in(p, cfg)
}) | {p |
	some p in principal_witnesses_of(stmts, own)
	not approved_in(p, cfg)
} if {
	scoped(key)
	cfg := scope(key)
	own := own_fixed(stmts)
}

# witnesses_in(stmts, key): witnesses(stmts) judged by the scope of target key
witnesses_in(stmts, key) := witnesses_for(stmts, scope(key))

# witnesses_for(stmts, cfg): the witnesses of the statements that the approved set cfg does not approve
witnesses_for(stmts, cfg) := {object.union(q, {"action": a}) |
	pats := all_patterns(stmts)
	rs := _regions_in(stmts, pats)
	some p in _witness_seeds_in(stmts, pats, cfg)
	not approved_in(p, cfg)
	some q in _in_each_region(p, rs)
	some a in _actions_like(q)
}

# an invoke witness also in each Region the statements name (regions): a Deny that exempts a model beside one that
# exempts a Region spares exactly that model in that Region (fifth attack: witnesses were asked in the Region
# their pattern's wildcard was filled with only). A Region-less ARN stays as it is.
_in_each_region(p, _) := {p} if p.surface != "invoke"

_in_each_region(p, rs) := {p} | {object.union(p, {"resource": arn, "ctx": object.union(p.ctx, {"aws:requestedregion": [_seg(arn, 3)]})}) |
	p.surface == "invoke"
	_seg(p.resource, 3) != ""
	some arn in _in_regions(p.resource, "*", rs)
	arn != p.resource
}

# every action of a seed's surface
_actions_like(p) := invoke_actions if p.surface == "invoke"

_actions_like(p) := mantle_actions if p.surface == "mantle"

_actions_like(p) := [p.action] if not p.surface in {"invoke", "mantle"}
