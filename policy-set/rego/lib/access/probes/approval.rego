# Part of package lib.access.probes (its METADATA is in probes.rego): which probe requests the organization
# approved — with a config, its approved set (literal wildcards cover only witnesses of a policy's own
# patterns); without one, any catalog model or product — and describe(p), a probe in words for messages.
package lib.access.probes

import data.lib.iam

# ---- approval

_config := data.modelgate.approved

with_config if is_object(_config)

# the union scope: the config's approved set over all targets (an object), or null without a config (then the
# catalog is what is approved)
default _union := null

_union := _config if with_config

# scope(key): the approved set a target key is judged by: the config's own entry for that root, OU or account
# (data.modelgate.approved.targets maps its ID to an index into approved.scopes, the distinct sets), else the union
scope(key) := _config.scopes[_config.targets[key]] if scoped(key)

else := _union

# scoped(key): the config has an entry of its own for the target key
scoped(key) if {
	with_config
	is_string(key)
	is_number(_config.targets[key])
}

# layout: where the config places each root, OU and account it names (ID -> {parent, allowList}: see
# lib.access.org's layout.rego); empty without a config
default layout := {}

layout := _config.layout if is_object(_config.layout)

# scope_index(key): the index of the target key's own set in approved.scopes; scope_at(i): that set (null: the union)
scope_index(key) := _config.targets[key] if scoped(key)

scope_at(i) := _config.scopes[i] if is_number(i)

scope_at(null) := _union

# scope_list: the config's distinct approved sets (approved.scopes), [] without a config
default scope_list := []

scope_list := _config.scopes if is_array(_config.scopes)

# approved(p): approved in the union (with a config) or by the catalog (without one)
approved(p) if approved_in(p, _union)

_model_in(m, cfg) if m in cfg.models

_model_in(m, null) if data.modelgate.catalog.models[m]

# a literal wildcard the config approves ({pattern, literal: true}) covers the witnesses of a policy's own
# patterns (the renderer writes that very pattern), never the fixed probes: a model no catalog lists is never
# approved, so a literal "*" still fails the gate
_literal_in(m, cfg) if {
	is_object(cfg)
	some pat in object.get(cfg, "literalPatterns", [])
	iam.wildcard_match(pat, m)
}

_product_in(pid, cfg) if pid in cfg.productIds

_product_in(pid, null) if _catalog_products[pid]

_catalog_products contains m.productId if {
	some m in data.modelgate.catalog.models
	is_string(m.productId)
}

_open_in(surface, cfg) if {
	is_object(cfg)
	object.get(cfg, "openSurfaces", {})[surface] == true
}

# an inference profile is approved only in an approved geography (the prefix of its ID, e.g. "eu." routes
# requests to EU Regions); a set without geographies (built before they were judged) and the catalog approve
# every geography, and a profile ID without a geography prefix names no system-defined profile
_geography_ok(kind, _, _) if kind != "inference-profile"

_geography_ok(kind, arn, cfg) if {
	kind == "inference-profile"
	_geography_in(_arn_geography(arn), cfg)
}

_geography_in(_, cfg) if not is_array(object.get(_as_object(cfg), "geographies", null))

_geography_in(g, _) if not g in _geographies

_geography_in(g, cfg) if g in cfg.geographies

_as_object(cfg) := cfg if is_object(cfg)

else := {}

# the geographies a config can approve (catalog/geography.ts)
_geographies := {"us", "eu", "apac", "jp", "au", "ca", "in", "global"}

# _arn_geography(arn): the prefix of an inference-profile ARN's ID ("" when it has none)
_arn_geography(arn) := g if {
	id := _profile_id(arn)
	contains(id, ".")
	g := split(id, ".")[0]
} else := ""

# approved_in(p, cfg): the probe's request is approved by the scope cfg (a config's approved set, or null: the
# catalog). It never reads p.action: witnesses_for judges one seed per request and gives the unapproved ones every
# action of their surface (approval_test pins this)
approved_in(p, cfg) if {
	p.surface == "invoke"
	invoke_approved(p.kind, p.model, p.resource, p.witness, cfg)
}

approved_in(p, cfg) if {
	p.surface == "mantle"
	p.kind in {"foundation-model", "inference-profile", "mantle"}
	p.witness == true
	_literal_in(p.model, cfg)
	_geography_ok(p.kind, p.resource, cfg)
}

# invoke_approved(kind, model, arn, witness, cfg): an invoke request of that resource kind, model and ARN is
# approved by cfg: its model is approved (or, for a witness of a policy's own pattern, a literal wildcard of the
# config covers it) in the geography of its profile. The invoke clauses of approved_in, asked before a witness
# is built (_witness_seeds skips the approved ones).
invoke_approved(kind, model, arn, _, cfg) if {
	kind in {"foundation-model", "inference-profile"}
	_model_in(model, cfg)
	_geography_ok(kind, arn, cfg)
}

invoke_approved(kind, model, arn, true, cfg) if {
	kind in {"foundation-model", "inference-profile"}
	_literal_in(model, cfg)
	_geography_ok(kind, arn, cfg)
}

# a config that leaves bedrock-mantle open (deny.bedrockMantle: false) approves every mantle model
approved_in(p, cfg) if {
	p.surface == "mantle"
	_open_in("bedrockMantle", cfg)
}

approved_in(p, cfg) if {
	p.surface == "mantle"
	_model_in(p.model, cfg)
}

approved_in(p, cfg) if {
	p.surface == "claude-platform"
	_open_in("claudePlatform", cfg)
}

# a config that leaves Bedrock API keys open (deny.apiKeys: false) approves the API-key calls
approved_in(p, cfg) if {
	p.surface == "apikey"
	_open_in("apiKeys", cfg)
}

approved_in(p, cfg) if {
	p.surface == "subscribe"
	some via in p.ctx["aws:calledvialast"]
	via in {"bedrock.amazonaws.com", "bedrock-mantle.amazonaws.com"}
	some pid in p.ctx["aws-marketplace:productid"]
	_product_in(pid, cfg)
}

# the fixed probes no approval covers: a rule, so judged once per evaluation rather than once per policy
fixed_unapproved := {invoke(a, res[0], res[1], res[2], false) |
	# an invoke request's approval does not depend on its action (approved_in): judged once per resource
	some res in fixed_invoke_resources
	not invoke_approved(res[1], res[2], res[0], false, _union)
	some a in invoke_actions
} | {p |
	some p in fixed_surface
	not approved(p)
}

# describe(p): the probe in words, for finding messages
describe(p) := concat("", [action_names[p.action], " on ", p.resource, _ctx_words(p), _principal_words(p)])

# a principal witness names its principal
_principal_words(p) := concat("", [" by ", p.principal]) if is_string(object.get(p, "principal", null))

_principal_words(p) := "" if not is_string(object.get(p, "principal", null))

_ctx_words(p) := concat("", [" for model ", p.model]) if p.surface == "mantle"

_ctx_words(p) := concat("", [" for product ", _product_words(p), _via_words(p.ctx["aws:calledvialast"])]) if {
	p.surface == "subscribe"
}

_product_words(p) := _or_none(p.ctx["aws-marketplace:productid"])

_product_words(p) := "(any)" if not p.ctx["aws-marketplace:productid"]

_ctx_words(p) := concat("", [" for service ", p.ctx["iam:servicespecificcredentialservicename"][0]]) if {
	p.action == "iam:createservicespecificcredential"
}

_ctx_words(p) := concat("", [" in ", p.ctx["aws:requestedregion"][0]]) if {
	p.surface == "apikey"
	p.action != "iam:createservicespecificcredential"
}

_ctx_words(p) := "" if not p.surface in {"mantle", "subscribe", "apikey"}

_or_none([]) := "(none: no aws-marketplace:ProductId in the request)"

_or_none(v) := concat(",", v) if count(v) > 0

_via_words([]) := " called directly (no aws:CalledViaLast)"

_via_words(v) := concat("", [" via ", concat(",", v)]) if count(v) > 0
