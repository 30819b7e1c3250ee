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
	"aws-external-anthropic:createinference": "aws-external-anthropic:CreateInference",
	"aws-external-anthropic:createbatchinference": "aws-external-anthropic:CreateBatchInference",
	"aws-external-anthropic:zzprobeanyaction": "aws-external-anthropic:<any other action>",
	"aws-marketplace:subscribe": "aws-marketplace:Subscribe",
	"bedrock:callwithbearertoken": "bedrock:CallWithBearerToken",
	"bedrock-mantle:callwithbearertoken": "bedrock-mantle:CallWithBearerToken",
	"iam:createservicespecificcredential": "iam:CreateServiceSpecificCredential",
}

invoke_actions := ["bedrock:invokemodel", "bedrock:invokemodelwithresponsestream"]

# the actions of probes that invoke a model (every probe action but Subscribe and the API-key ones)
model_actions contains a if {
	some a, _ in action_names
	not a in _not_model_actions
}

_not_model_actions := {
	"aws-marketplace:subscribe", "bedrock:callwithbearertoken", "bedrock-mantle:callwithbearertoken",
	"iam:createservicespecificcredential",
}

mantle_actions := ["bedrock-mantle:createinference", "bedrock-mantle:createfinetuningjob"]

# the Claude Platform on AWS actions that run a model (the service's inference calls), and a stand-in for any other
# of its 58 actions: which of them (agents, sessions, environments, the console) also reach a model is not verified,
# and the facts doc's control is a Deny of aws-external-anthropic:*, so a Deny that no longer covers every action
# is judged as denying less
claude_platform_actions := [
	"aws-external-anthropic:createinference", "aws-external-anthropic:createbatchinference",
	claude_platform_any_action,
]

# a made-up action name that only a pattern covering the whole service (or a NotAction) matches
claude_platform_any_action := "aws-external-anthropic:zzprobeanyaction"

# partition -> Regions probed in it ("zz-probe-9" stands for every Region no policy names)
_regions := {
	"aws": ["us-east-1", "zz-probe-9"],
	"aws-us-gov": ["us-gov-west-1"],
	"aws-cn": ["cn-north-1"],
	"aws-iso": ["us-iso-east-1"],
	"aws-iso-b": ["us-isob-east-1"],
}

_profile_prefixes := {
	"aws": ["us", "eu", "apac", "global"],
	"aws-us-gov": ["us-gov"],
	"aws-cn": ["apac"],
}

# resource kinds InvokeModel accepts that run no catalog model, or run one the ARN does not name (facts doc
# section 1: the Service Authorization Reference lists async-invoke, bedrock-marketplace-model-endpoint,
# default-prompt-router, project and system-tool too [V-gen]; the Marketplace endpoint is one fixed resource)
owned_kinds := [
	"application-inference-profile", "imported-model", "custom-model-deployment",
	"provisioned-model", "prompt-router",
	"default-prompt-router", "async-invoke", "project", "system-tool", "marketplace/model-endpoint",
]

# invoke_kinds: the resource types InvokeModel accepts (facts doc section 1), as the first segment of the ARN's
# resource part; a witness of another type (a guardrail, a knowledge base, an agent alias) is no invoke request
invoke_kinds := {"foundation-model", "inference-profile"} | {split(k, "/")[0] | some k in owned_kinds}

principal(partition) := concat("", ["arn:", partition, ":iam::", probe_account, ":role/zz-modelgate-probe"])

# the request context of a probe. aws:PrincipalAccount, tags, org IDs, source IP, MFA ... are left out: unknown,
# so a Deny exempting one account or a tag may not apply (a whole account is no break-glass principal). So are
# aws:CalledVia, aws:CalledViaFirst and aws:CalledViaLast: whether a service can forward an invoke request with
# its caller's credentials (setting them) is not documented, so a Deny that exempts forwarded calls may not apply
# and an Allow granted only to them may.
_base_ctx(partition, region) := {
	"aws:requestedregion": [_requested(region)],
	"aws:principalarn": [principal(partition)],
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

# profile_check(p, region): the foundation-model request a call through invoke probe p (an inference profile)
# also makes, in region ("" for the Region-less ARN of global profiles); it carries the profile in
# bedrock:InferenceProfileArn. Built as one object: it is made for every profile probe of every policy. The same
# caller makes it, so it keeps the rest of p's context: a principal witness's aws:PrincipalArn (attack: the check
# was judged as the fixed probes' role, so an SCP that exempted role Research from the allow-list and denied
# Research only direct foundation-model calls and non-profile resources let Research call any model through a
# us. or eu. profile, and the gate passed it).
profile_check(p, region) := {
	"surface": "invoke",
	"action": p.action,
	"resource": concat("", ["arn:", _seg(p.resource, 1), ":bedrock:", region, "::foundation-model/", p.model]),
	"ctx": object.union(p.ctx, {
		"aws:requestedregion": [_requested(region)],
		"bedrock:inferenceprofilearn": [p.resource],
	}),
	"kind": "foundation-model",
	"model": p.model,
	"product": "",
	"witness": p.witness,
}

_fm(partition, region, model) := concat("", ["arn:", partition, ":bedrock:", region, "::foundation-model/", model])

_owned(partition, region, kind) := concat("", [
	"arn:", partition, ":bedrock:", region, ":", probe_account, ":", kind, "/", _owned_id(kind),
])

_owned_id("marketplace/model-endpoint") := "all-access"

_owned_id(kind) := "zzprobe" if kind != "marketplace/model-endpoint"

_profile(partition, region, prefix) := concat("", [
	"arn:", partition, ":bedrock:", region, ":", probe_account, ":inference-profile/", prefix, ".", sentinel_model,
])

# resources of the fixed invoke probes, with their kind and model: in us-east-1 and in a Region no policy names
# (for Region-scoped Allows and Denies), every resource kind InvokeModel accepts, with a profile of every
# geography (_region_resources); and the Region-less foundation model of global profiles. Other partitions get
# probes only where a policy names them (partition_resources): a pattern of one partition never matches another's
# ARNs, and "*" matches them alike. (Attack: the Region no policy names had only a us. profile, so a Deny exempting
# other Regions beside Denies of direct model calls and us. profiles let eu., apac. and global. profiles through.)
fixed_invoke_resources := {res |
	some r in ["us-east-1", "zz-probe-9"]
	some res in _region_resources("aws", r)
} | {[_fm("aws", "", sentinel_model), "foundation-model", sentinel_model]}

# _region_resources(pt, r): the invoke resources of Region r of partition pt: the made-up foundation model, its
# profile in each geography of the partition, and one resource of every other kind
_region_resources(pt, r) := array.concat(models, [[_owned(pt, r, k), k, ""] | some k in owned_kinds]) if {
	profiles := [[_profile(pt, r, px), "inference-profile", sentinel_model] | some px in object.get(_profile_prefixes, pt, ["us"])]
	models := array.concat([[_fm(pt, r, sentinel_model), "foundation-model", sentinel_model]], profiles)
}

# the ARNs of the fixed invoke probes
fixed_invoke_arns contains res[0] if some res in fixed_invoke_resources

# partitions other than aws named by the statements' bedrock ARN patterns (wildcards filled in)
partitions(stmts) := _partitions_in(all_patterns(stmts))

_partitions_in(pats) := {pt |
	some pat in pats
	pt := _fill_partition(split(pat, ":")[1])
	pt != "aws"
}

partition_resources(pts) := {res |
	some pt in pts
	r := object.get(_regions, pt, ["zz-probe-9"])[0]
	some res in array.concat(_region_resources(pt, r), [[_fm(pt, "", sentinel_model), "foundation-model", sentinel_model]])
}

# extra Regions (from a policy's ARN patterns and aws:RequestedRegion condition values) get the resources of
# every kind and geography each, in the aws partition (attack: only a foundation model, a us. profile and an
# imported model were asked there, so a global. profile in a Region a policy exempts was never asked)
region_resources(regions) := {res |
	some r in regions
	some res in _region_resources("aws", r)
}

# the other inference surfaces (bedrock-mantle, Claude Platform on AWS) in us-east-1 and in a Region no policy names
# (for Region-scoped Allows and Denies), and Marketplace Subscribe
fixed_surface := {p |
	some r in ["us-east-1", "zz-probe-9"]
	some p in surface_probes(probe_project(r))
} | fixed_subscribe

# the fixed probes, plus invoke probes in the given extra Regions
fixed(regions) := fixed_base | {invoke(a, res[0], res[1], res[2], false) |
	some res in region_resources(regions)
	some a in invoke_actions
}

# the fixed probes themselves, built once per evaluation (a rule, not a function, so it is not rebuilt per policy)
fixed_base := {invoke(a, res[0], res[1], res[2], false) |
	some res in fixed_invoke_resources
	some a in invoke_actions
} | fixed_surface

# accounts named by the statements' bedrock ARN patterns (wildcards filled in): profiles and owned resources
# there get probes of their own, since the fixed probes' made-up account matches no literal account
accounts(stmts) := _accounts_in(all_patterns(stmts))

_accounts_in(pats) := {a |
	some pat in pats
	a := _fill_account(split(pat, ":")[4])
	not a in {"", probe_account}
}

account_resources(accts) := {res |
	some a in accts
	some res in array.concat(
		[[_account_arn(a, "inference-profile", concat(".", [px, sentinel_model])), "inference-profile", sentinel_model] |
			some px in _profile_prefixes.aws
		],
		[[_account_arn(a, k, _owned_id(k)), k, ""] | some k in owned_kinds],
	)
}

_account_arn(account, kind, id) := concat("", ["arn:aws:bedrock:us-east-1:", account, ":", kind, "/", id])

# fixed_for(stmts): the fixed probes, in the statements' own Regions, accounts and partitions too
fixed_for(stmts) := fixed_base | own_fixed(stmts)

# own_fixed(stmts): the probes of fixed_for(stmts) in the statements' own Regions, accounts and partitions
own_fixed(stmts) := _own_fixed_in(stmts, pats, _regions_in(stmts, pats)) if pats := all_patterns(stmts)

# own_fixed from the statements' patterns (all_patterns) and Regions (regions), which the caller has built: wasm
# does not memoize functions, and each of these reads every pattern of every statement again
_own_fixed_in(stmts, pats, rs) := {invoke(a, res[0], res[1], res[2], false) |
	some res in ((region_resources(rs) | account_resources(_accounts_in(pats))) | partition_resources(_partitions_in(pats)))
	some a in invoke_actions
} | _own_surface_in(stmts, rs)

# unapproved_fixed_for(stmts): the probes of fixed_for(stmts) no approval covers. The fixed probes are judged
# once per evaluation (fixed_unapproved), so per policy only those in its own Regions, accounts and partitions are.
# Only guardrail (SCP) judgments ask for this set, so it also holds the probes that matter for an allow-list but
# grant no model to an identity policy on their own: the Bedrock API-key probes and the principal witnesses.
# unapproved_fixed_with(stmts, ws) is the same for a caller that has built ws = witnesses(stmts) already.
unapproved_fixed_for(stmts) := unapproved_fixed_with(stmts, witnesses(stmts))

unapproved_fixed_with(stmts, ws) := {p |
	# one set built in one pass: four unions would copy (and hash) the growing set four times
	own := own_fixed(stmts)
	some i, ps in [fixed_unapproved, apikey_unapproved, union_geo_unapproved, own, principal_witnesses_with(stmts, ws, own)]
	some p in ps
	_unapproved_at(i, p)
}

# the first three sets hold unapproved probes only; the statements' own Regions, accounts, partitions and
# principals are judged here
_unapproved_at(i, _) if i < 3

_unapproved_at(i, p) if {
	i >= 3
	not approved(p)
}

# ---- witnesses from a list of statements

# witnesses(stmts): probes made from the statements' own patterns and condition values, unapproved ones only
# (an approved request can never be what a finding reports)
witnesses(stmts) := witnesses_for(stmts, _union)

# _witness_seeds(stmts, cfg): the witnesses with one action per surface (invoke_actions[0], mantle_actions[0]):
# approval does not depend on the action, so witnesses_for judges a seed once and gives the unapproved ones every
# action of their surface. Each pattern is read and concretized once; the largest set, arn_w, joins last (a union
# copies both sides). An invoke seed that cfg approves (invoke_approved) is not built: most of a rendered policy's
# patterns name approved models, and witnesses_for would drop them anyway.
_witness_seeds(stmts, cfg) := _witness_seeds_in(stmts, all_patterns(stmts), cfg)

# _witness_seeds from the statements' patterns (all_patterns), which the caller has built
_witness_seeds_in(stmts, pats, cfg) := arn_w | (((((catalog_w | product_w) | mantle_w) | geo_w) | wild_w) | kindless_w) if {
	kindless_w := _kindless_seeds_in(pats, cfg)

	# the statements' ARN patterns, and the profiles bedrock:InferenceProfileArn condition values name (the foundation-
	# model request of a profile call carries it: a grant or an exemption scoped by it reaches those profiles' models)
	pws := [[pat, w] |
		some pat in array.concat(
			pats,
			[v | some v in _condition_values(stmts, "bedrock:inferenceprofilearn")],
		)
		w := concretize(pat)
	]
	arn_w := {invoke(a, w[0], w[1], w[2], true) |
		some [_, w] in pws
		w[1] in invoke_kinds
		not invoke_approved(w[1], w[2], w[0], true, cfg)
		a := invoke_actions[0]
	}

	# a model pattern also stands for each catalog model it matches today (messages name a real model)
	catalog_w := {invoke(a, arn, w[1], m, true) |
		some [pat, w] in pws
		w[1] in {"foundation-model", "inference-profile"}
		iam.has_wildcard(pat) # cheap, and implied by the model pattern's wildcard below
		mp := _model_pattern(pat)
		iam.has_wildcard(mp)
		some m in catalog.matching(mp)
		arn := replace(w[0], w[2], m)
		not invoke_approved(w[1], m, arn, true, cfg)
		a := invoke_actions[0]
	}

	# a profile pattern with a wildcard geography ("*.amazon.nova-lite-v1:0") also stands for the model's profile
	# in each geography it matches (the filled-in "us." alone would hide an unapproved "eu."), the catalog's or not:
	# "??.amazon.nova-pro-v1:0" admits a "jp." profile AWS publishes later (attack: only the catalog's were tried)
	geo_w := {invoke(a, arn, "inference-profile", m, true) |
		some [pat, w] in pws
		w[1] == "inference-profile"
		iam.has_wildcard(pat) # cheap, and implied by a wildcard geography
		_geography_wildcard(pat)
		id := _profile_id(pat)
		some m in catalog.matching(_model_pattern(pat))
		some px in _geographies
		iam.wildcard_match(id, concat(".", [px, m]))
		arn := _in_geography(w[0], px, m)
		not invoke_approved("inference-profile", m, arn, true, cfg)
		a := invoke_actions[0]
	}

	# with a config, any other profile pattern with a wildcard in its ID ("*", "*nova-lite-v1:0", in a Region or
	# account of its own) stands for the profile of each approved model, in each geography, that it matches: a
	# target may approve a model in fewer geographies than another does
	wild_w := {invoke(a, arn, "inference-profile", m, true) |
		with_config
		some [pat, w] in pws
		w[1] == "inference-profile"
		contains(pat, ":inference-profile/")
		id := _profile_id(pat)
		iam.has_wildcard(id)
		not _geography_wildcard(pat)
		some m in _config.models
		some px in _geographies
		iam.wildcard_match(id, concat(".", [px, m]))
		arn := _in_geography(w[0], px, m)
		not invoke_approved("inference-profile", m, arn, true, cfg)
		a := invoke_actions[0]
	}

	# each product a condition names, subscribed to directly, through Bedrock and through bedrock-mantle (facts doc
	# section 6: either service may call it): a grant scoped to one product and one calling service is asked with
	# both (attack: products were asked only through Bedrock, and the fixed direct and mantle probes carry only a
	# made-up product)
	product_w := {subscribe(via, [v], true) |
		some v in _condition_values(stmts, "aws-marketplace:productid")
		some via in _subscribe_callers
	}

	# a model a bedrock-mantle:Model condition names, asked of the made-up project and of every project the
	# statements' own mantle and Claude Platform ARN patterns and Regions name (attack18: a grant scoped to the
	# account's own projects was asked only at the made-up one, which it does not cover)
	mantle_w := {{
		"surface": "mantle", "action": a, "resource": project,
		"ctx": object.union(_base_ctx(_seg(project, 1), _seg(project, 3)), {"bedrock-mantle:model": [m]}),
		"kind": "mantle", "model": m, "product": "", "witness": true,
	} |
		some v in _condition_values(stmts, "bedrock-mantle:model")
		m := _fill_id(v)
		some project in _mantle_projects(stmts)
		a := mantle_actions[0]
	}
}

# the profile ARN arn with its ID replaced by the profile of model m in geography px
_in_geography(arn, px, m) := concat("", [substring(arn, 0, indexof(arn, "inference-profile/")), "inference-profile/", px, ".", m])

# the ID of an inference-profile pattern has a wildcard in its geography prefix
_geography_wildcard(pat) if {
	contains(pat, ":inference-profile/")
	id := _profile_id(pat)
	contains(id, ".")
	pf := split(id, ".")[0]
	iam.has_wildcard(pf)
	iam.profile_prefix_like(pf)
}

# the ID part of an inference-profile ARN pattern
_profile_id(pat) := substring(pat, indexof(pat, "inference-profile/") + count("inference-profile/"), -1)

# owned_witnesses(stmts): witnesses of the statements' patterns of resource kinds that run no catalog model, in
# the Region the pattern's own wildcard is filled with and in each of the statements' Regions it matches (an
# aws:RequestedRegion condition or another pattern names one: the filled-in us-east-1 alone would not meet it)
owned_witnesses(stmts) := {invoke(a, arn, w[1], w[2], true) |
	pats := all_patterns(stmts)
	rs := _regions_in(stmts, pats)
	some pat in pats
	_names_owned_kind(pat)
	w := concretize(pat)
	w[1] in owned_kinds
	some arn in _in_regions(w[0], split(pat, ":")[3], rs)
	some a in invoke_actions
}

_in_regions(arn, seg, rs) := {arn} | {concat(":", array.flatten([array.slice(segs, 0, 3), r, array.slice(segs, 4, count(segs))])) |
	iam.has_wildcard(seg)
	segs := split(arn, ":")
	some r in rs
	iam.wildcard_match(seg, r)
}

_names_owned_kind(pat) if {
	some k in owned_kinds
	contains(pat, concat("", [":", k, "/"]))
}

# Regions named by the statements' bedrock ARN patterns or aws:RequestedRegion conditions (wildcards filled in)
regions(stmts) := _regions_in(stmts, all_patterns(stmts))

# regions from the statements' patterns (all_patterns), which the caller has built
_regions_in(stmts, pats) := {r |
	some pat in pats
	r := _fill_region(split(pat, ":")[3])
	r != ""
} | {r |
	some v in _condition_values(stmts, "aws:requestedregion")
	r := _fill_region(v)
	r != "unspecified"
}

# the strings of a statement's Resource and NotResource
_resource_strings(s) := array.concat(_strings(object.get(s, "Resource", [])), _strings(object.get(s, "NotResource", [])))

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
