# METADATA
# title: Probe requests for effective-access judgments
# description: |
#   A probe is one concrete request the access model asks policies about: an action, a resource ARN and a
#   request context (lower-case condition keys; [] = absent, a key not listed = unknown). The fixed probes
#   invoke a model no catalog lists (tomorrow's models) through every resource kind InvokeModel accepts, in
#   every partition, plus the other inference surfaces (bedrock-mantle, Claude Platform on AWS) and Marketplace
#   Subscribe with and without aws:CalledViaLast and a product ID. Witnesses are probes made from a policy's
#   own ARN patterns and condition values (each wildcard filled in), so that a pattern such as
#   "foundation-model/meta.*" or a NotResource entry for one unapproved model is tested exactly.
#   approved(p) says whether a probe's request is one the organization approved: with a config, its approved
#   set; without one, any model in the catalog (so only models no catalog lists count as unapproved).
# scope: package
package lib.access.probes

import data.lib.catalog
import data.lib.iam

sentinel_model := "zz.unlisted-model-v9:0"

sentinel_product := "prod-zzmodelgateprobe"

probe_account := "000000000000"

# display names of the actions probes use (lower-case key, as iam.covers_action takes it)
action_names := {
	"bedrock:invokemodel": "bedrock:InvokeModel",
	"bedrock:invokemodelwithresponsestream": "bedrock:InvokeModelWithResponseStream",
	"bedrock-mantle:createinference": "bedrock-mantle:CreateInference",
	"bedrock-mantle:createfinetuningjob": "bedrock-mantle:CreateFineTuningJob",
	"aws-external-anthropic:createmessage": "aws-external-anthropic:CreateMessage",
	"aws-marketplace:subscribe": "aws-marketplace:Subscribe",
}

invoke_actions := ["bedrock:invokemodel", "bedrock:invokemodelwithresponsestream"]

mantle_actions := ["bedrock-mantle:createinference", "bedrock-mantle:createfinetuningjob"]

# partition -> Regions probed in it ("zz-probe-9" stands for every Region no policy names)
_regions := {
	"aws": ["us-east-1", "zz-probe-9"],
	"aws-us-gov": ["us-gov-west-1"],
	"aws-cn": ["cn-north-1"],
}

_profile_prefixes := {
	"aws": ["us", "eu", "apac", "global"],
	"aws-us-gov": ["us-gov"],
	"aws-cn": ["apac"],
}

# resource kinds InvokeModel accepts that run no catalog model, or run one the ARN does not name
owned_kinds := [
	"application-inference-profile", "imported-model", "custom-model-deployment",
	"provisioned-model", "prompt-router", "custom-model",
]

principal(partition) := concat("", ["arn:", partition, ":iam::", probe_account, ":role/zz-modelgate-probe"])

# the request context of a probe. aws:PrincipalAccount, tags, org IDs, source IP, MFA ... are left out: unknown,
# so a Deny exempting one account or a tag may not apply (a whole account is no break-glass principal)
_base_ctx(partition, region) := {
	"aws:requestedregion": [_requested(region)],
	"aws:principalarn": [principal(partition)],
	"aws:calledvia": [],
	"aws:calledviafirst": [],
	"aws:calledvialast": [],
	"bedrock:inferenceprofilearn": [],
}

_requested("") := "unspecified"

_requested(r) := r if r != ""

# invoke probe on a resource ARN
invoke(action, arn, kind, model, witness) := {
	"surface": "invoke",
	"action": action,
	"resource": arn,
	"ctx": _base_ctx(_seg(arn, 1), _seg(arn, 3)),
	"kind": kind,
	"model": model,
	"product": "",
	"witness": witness,
}

_seg(arn, i) := split(arn, ":")[i]

_fm(partition, region, model) := concat("", ["arn:", partition, ":bedrock:", region, "::foundation-model/", model])

_owned(partition, region, kind) := concat("", [
	"arn:", partition, ":bedrock:", region, ":", probe_account, ":", kind, "/", _owned_id(kind),
])

_owned_id("custom-model") := concat("/", [sentinel_model, "zzprobe"])

_owned_id(kind) := "zzprobe" if kind != "custom-model"

_profile(partition, region, prefix) := concat("", [
	"arn:", partition, ":bedrock:", region, ":", probe_account, ":inference-profile/", prefix, ".", sentinel_model,
])

# resources of the fixed invoke probes, with their kind and model
fixed_invoke_resources := ((fm | regionless) | profiles) | owned if {
	fm := {[_fm(pt, r, sentinel_model), "foundation-model", sentinel_model] |
		some pt, rs in _regions
		some r in rs
	}
	regionless := {[_fm(pt, "", sentinel_model), "foundation-model", sentinel_model] | some pt, _ in _regions}
	profiles := {[_profile(pt, r, px), "inference-profile", sentinel_model] |
		some pt, rs in _regions
		some r in rs
		some px in _profile_prefixes[pt]
	}
	owned := {[_owned(pt, r, k), k, ""] |
		some pt, rs in _regions
		some r in rs
		some k in owned_kinds
	}
}

# extra Regions (from a policy's ARN patterns and aws:RequestedRegion condition values) get a foundation-model,
# a profile and an imported-model probe each, in the aws partition
region_resources(regions) := {res |
	some r in regions
	some res in [
		[_fm("aws", r, sentinel_model), "foundation-model", sentinel_model],
		[_profile("aws", r, "us"), "inference-profile", sentinel_model],
		[_owned("aws", r, "imported-model"), "imported-model", ""],
	]
}

fixed_surface := (({
{
	"surface": "mantle", "action": a, "resource": "arn:aws:bedrock-mantle:us-east-1:000000000000:project/zzprobe",
	"ctx": object.union(_base_ctx("aws", "us-east-1"), {"bedrock-mantle:model": [sentinel_model]}),
	"kind": "mantle", "model": sentinel_model, "product": "", "witness": false,
} |
	some a in mantle_actions
} | {{
	"surface": "claude-platform", "action": "aws-external-anthropic:createmessage",
	"resource": "arn:aws:aws-external-anthropic:us-east-1:000000000000:workspace/zzprobe",
	"ctx": _base_ctx("aws", "us-east-1"), "kind": "workspace", "model": "", "product": "", "witness": false,
}}) | {subscribe(via, pids, false) |
	some [via, pids] in _subscribe_contexts
}) | {_subscribe_any_product(["bedrock-zzprobe.amazonaws.com"])}

# [aws:CalledViaLast, aws-marketplace:ProductId] of the fixed Subscribe probes
_subscribe_contexts := [
	[[], [sentinel_product]],
	[["bedrock.amazonaws.com"], [sentinel_product]],
	[["bedrock.amazonaws.com"], []],
]

# Subscribe called through another service, for a product the gate leaves unknown (whatever the statement
# approves): only aws:CalledViaLast decides
_subscribe_any_product(via) := object.union(object.remove(subscribe(via, [], false), ["ctx", "product"]), {
	"ctx": object.remove(subscribe(via, [], false).ctx, ["aws-marketplace:productid"]),
	"product": "(any)",
})

subscribe(via, pids, witness) := {
	"surface": "subscribe",
	"action": "aws-marketplace:subscribe",
	"resource": "*",
	"ctx": object.union(_base_ctx("aws", "us-east-1"), {
		"aws:calledvialast": via,
		"aws:calledvia": via,
		"aws-marketplace:productid": pids,
	}),
	"kind": "subscription",
	"model": "",
	"product": concat(",", pids),
	"witness": witness,
}

# the fixed probes, plus invoke probes in the given extra Regions
fixed(regions) := {invoke(a, res[0], res[1], res[2], false) |
	some res in (fixed_invoke_resources | region_resources(regions))
	some a in invoke_actions
} | fixed_surface

# accounts named by the statements' bedrock ARN patterns (wildcards filled in): profiles and owned resources
# there get probes of their own, since the fixed probes' made-up account matches no literal account
accounts(stmts) := {a |
	some s in stmts
	some pat in _patterns(s)
	a := _fill_account(split(pat, ":")[4])
	not a in {"", probe_account}
}

account_resources(accts) := {res |
	some a in accts
	some res in array.concat(
		[[_account_arn(a, "inference-profile", concat(".", [px, sentinel_model])), "inference-profile", sentinel_model] |
			some px in ["us", "global"]
		],
		[[_account_arn(a, k, _owned_id(k)), k, ""] | some k in owned_kinds],
	)
}

_account_arn(account, kind, id) := concat("", ["arn:aws:bedrock:us-east-1:", account, ":", kind, "/", id])

# fixed_for(stmts): the fixed probes, in the statements' own Regions and accounts too
fixed_for(stmts) := fixed(regions(stmts)) | {invoke(a, res[0], res[1], res[2], false) |
	some res in account_resources(accounts(stmts))
	some a in invoke_actions
}

# ---- witnesses from a list of statements

# witnesses(stmts): probes made from the statements' own patterns and condition values, unapproved ones only
# (an approved request can never be what a finding reports)
witnesses(stmts) := {p |
	some p in _witnesses(stmts)
	not approved(p)
}

_witnesses(stmts) := ((arn_w | catalog_w) | product_w) | mantle_w if {
	arn_w := {invoke(a, w[0], w[1], w[2], true) |
		some s in stmts
		some pat in _patterns(s)
		w := concretize(pat)
		some a in invoke_actions
	}

	# a model pattern also stands for each catalog model it matches today (messages name a real model)
	catalog_w := {invoke(a, replace(w[0], w[2], m), w[1], m, true) |
		some s in stmts
		some pat in _patterns(s)
		w := concretize(pat)
		w[1] in {"foundation-model", "inference-profile"}
		mp := _model_pattern(pat)
		iam.has_wildcard(mp)
		some m in catalog.matching(mp)
		some a in invoke_actions
	}
	product_w := {subscribe(["bedrock.amazonaws.com"], [v], true) |
		some v in _condition_values(stmts, "aws-marketplace:productid")
	}
	mantle_w := {{
		"surface": "mantle", "action": a, "resource": "arn:aws:bedrock-mantle:us-east-1:000000000000:project/zzprobe",
		"ctx": object.union(_base_ctx("aws", "us-east-1"), {"bedrock-mantle:model": [m]}),
		"kind": "mantle", "model": m, "product": "", "witness": true,
	} |
		some v in _condition_values(stmts, "bedrock-mantle:model")
		m := _fill_id(v)
		some a in mantle_actions
	}
}

# Regions named by the statements' bedrock ARN patterns or aws:RequestedRegion conditions (wildcards filled in)
regions(stmts) := {r |
	some s in stmts
	some pat in _patterns(s)
	r := _fill_region(split(pat, ":")[3])
	r != ""
} | {r |
	some v in _condition_values(stmts, "aws:requestedregion")
	r := _fill_region(v)
	r != "unspecified"
}

_patterns(s) := [p |
	some p in array.concat(_strings(object.get(s, "Resource", [])), _strings(object.get(s, "NotResource", [])))
	startswith(p, "arn:")
	count(split(p, ":")) >= 6
	iam.wildcard_match(split(p, ":")[2], "bedrock")
]

_strings(x) := [v |
	some v in iam.as_array(x)
	is_string(v)
]

_condition_values(stmts, key) := {v |
	some s in stmts
	some kv in object.get(s, "Condition", {})
	is_object(kv)
	some k, cv in kv
	lower(k) == key
	some v in iam.as_array(cv)
	is_string(v)
}

# concretize(pattern) -> [arn, kind, model]: the pattern with every wildcard filled in; undefined when the
# resource type itself holds a wildcard (the fixed probes cover every kind)
concretize(pat) := [arn, kind, model] if {
	segs := split(pat, ":")
	rest := concat(":", array.slice(segs, 5, count(segs)))
	kind := split(rest, "/")[0]
	not iam.has_wildcard(kind)
	id := substring(rest, count(kind) + 1, -1)
	filled := _fill_kind_id(kind, id)
	partition := _fill_partition(segs[1])
	arn := concat("", ["arn:", partition, ":bedrock:", _fill_region(segs[3]), ":", _fill_account(segs[4]), ":", kind, "/", filled])
	model := _model_of(kind, filled)
}

_fill_partition(p) := "aws" if p in {"*", ""}

_fill_partition(p) := replace(replace(p, "*", ""), "?", "x") if not p in {"*", ""}

_fill_region("") := ""

_fill_region("*") := "us-east-1"

_fill_region(r) := replace(replace(r, "*", "zz-probe-9"), "?", "z") if not r in {"", "*"}

_fill_account("") := ""

_fill_account(a) := replace(replace(a, "*", probe_account), "?", "0") if a != ""

_fill_id(id) := replace(replace(id, "*", "zzprobe"), "?", "z")

# a profile ID's prefix wildcard ("*.amazon.nova-lite-v1:0", "*") is filled with a real prefix
_fill_kind_id("inference-profile", id) := _fill_id(concat("", ["us.", substring(id, 2, -1)])) if startswith(id, "*.")

_fill_kind_id("inference-profile", id) := _fill_id(id) if not startswith(id, "*.")

_fill_kind_id(kind, id) := _fill_id(id) if kind != "inference-profile"

# the model part of a foundation-model or inference-profile ARN pattern
_model_pattern(pat) := mp if {
	rest := concat(":", array.slice(split(pat, ":"), 5, count(split(pat, ":"))))
	kind := split(rest, "/")[0]
	id := substring(rest, count(kind) + 1, -1)
	mp := _id_model_pattern(kind, id)
}

_id_model_pattern("foundation-model", id) := id

_id_model_pattern("inference-profile", id) := substring(id, indexof(id, ".") + 1, -1) if {
	contains(id, ".")
	pf := split(id, ".")[0]
	_prefix_like(pf)
}

_id_model_pattern("inference-profile", id) := id if not _prefix_like(split(id, ".")[0])

_prefix_like(pf) if pf in {"us", "eu", "apac", "global", "jp", "au", "ca", "in", "us-gov"}

_prefix_like(pf) if iam.has_wildcard(pf)

_model_of("foundation-model", id) := id

_model_of("inference-profile", id) := m if {
	ref := iam.model_ref(concat("", ["arn:aws:bedrock:r:0:inference-profile/", id]))
	m := ref.model
} else := id

_model_of(kind, _) := "" if not kind in {"foundation-model", "inference-profile"}

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
	some m in data.modelgate.catalog.models
	m.productId == p
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

approved(p) if {
	p.surface == "subscribe"
	some via in p.ctx["aws:calledvialast"]
	via in {"bedrock.amazonaws.com", "bedrock-mantle.amazonaws.com"}
	some pid in p.ctx["aws-marketplace:productid"]
	product_ok(pid)
}

# describe(p): the probe in words, for finding messages
describe(p) := concat("", [action_names[p.action], " on ", p.resource, _ctx_words(p)])

_ctx_words(p) := concat("", [" for model ", p.model]) if p.surface == "mantle"

_ctx_words(p) := concat("", [" for product ", _product_words(p), _via_words(p.ctx["aws:calledvialast"])]) if {
	p.surface == "subscribe"
}

_product_words(p) := _or_none(p.ctx["aws-marketplace:productid"])

_product_words(p) := "(any)" if not p.ctx["aws-marketplace:productid"]

_ctx_words(p) := "" if not p.surface in {"mantle", "subscribe"}

_or_none([]) := "(none: no aws-marketplace:ProductId in the request)"

_or_none(v) := concat(",", v) if count(v) > 0

_via_words([]) := " called directly (no aws:CalledViaLast)"

_via_words(v) := concat("", [" via ", concat(",", v)]) if count(v) > 0
