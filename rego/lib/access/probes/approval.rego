# Part of package lib.access.probes (its METADATA is in probes.rego): which probe requests the organization
# approved — with a config, its approved set (literal wildcards cover only witnesses of a policy's own
# patterns); without one, any catalog model or product — and describe(p), a probe in words for messages.
package lib.access.probes

import data.lib.iam

# ---- approval

_config := data.modelgate.approved

with_config if is_object(_config)

model_ok(m) if {
	with_config
	m in _config.models
}

# a literal wildcard the config approves ({pattern, literal: true}) covers the witnesses of a policy's own
# patterns (the renderer writes that very pattern), never the fixed probes: a model no catalog lists is never
# approved, so a literal "*" still fails the gate
_literal_ok(m) if {
	with_config
	some pat in object.get(_config, "literalPatterns", [])
	iam.wildcard_match(pat, m)
}

model_ok(m) if {
	not with_config
	data.modelgate.catalog.models[m]
}

product_ok(p) if {
	with_config
	p in _config.productIds
}

product_ok(p) if {
	not with_config
	p in _catalog_products
}

_catalog_products contains m.productId if {
	some m in data.modelgate.catalog.models
	is_string(m.productId)
}

_open(surface) if {
	with_config
	object.get(_config, "openSurfaces", {})[surface] == true
}

approved(p) if {
	p.surface == "invoke"
	p.kind in {"foundation-model", "inference-profile"}
	model_ok(p.model)
}

approved(p) if {
	p.surface in {"invoke", "mantle"}
	p.kind in {"foundation-model", "inference-profile", "mantle"}
	p.witness == true
	_literal_ok(p.model)
}

# a config that leaves bedrock-mantle open (deny.bedrockMantle: false) approves every mantle model
approved(p) if {
	p.surface == "mantle"
	_open("bedrockMantle")
}

approved(p) if {
	p.surface == "mantle"
	model_ok(p.model)
}

approved(p) if {
	p.surface == "claude-platform"
	_open("claudePlatform")
}

# a config that leaves Bedrock API keys open (deny.apiKeys: false) approves the API-key calls
approved(p) if {
	p.surface == "apikey"
	_open("apiKeys")
}

approved(p) if {
	p.surface == "subscribe"
	some via in p.ctx["aws:calledvialast"]
	via in {"bedrock.amazonaws.com", "bedrock-mantle.amazonaws.com"}
	some pid in p.ctx["aws-marketplace:productid"]
	product_ok(pid)
}

# the fixed probes no approval covers: a rule, so judged once per evaluation rather than once per policy
fixed_unapproved contains p if {
	some p in fixed_base
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
