# Part of package lib.access.probes (its METADATA is in probes.rego): a policy's bedrock ARN patterns (_patterns,
# all_patterns) and those patterns made concrete: each wildcard filled in (concretize), and the model part of
# foundation-model and inference-profile patterns.
package lib.access.probes

import data.lib.catalog
import data.lib.iam

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
	iam.profile_prefix_like(pf)
}

_id_model_pattern("inference-profile", id) := id if not iam.profile_prefix_like(split(id, ".")[0])

_model_of("foundation-model", id) := id

_model_of("inference-profile", id) := m if {
	ref := iam.model_ref(concat("", ["arn:aws:bedrock:r:0:inference-profile/", id]))
	m := ref.model
} else := id

_model_of(kind, _) := "" if not kind in {"foundation-model", "inference-profile"}

# _kindless_seeds(stmts, cfg): witness seeds (see _witness_seeds) of the patterns whose resource part names no
# resource kind before its wildcard ("*amazon.nova-lite-v1:0", "*/x"): such a pattern may match inference profiles,
# so it stands for the profile of each catalog model in each geography it matches (attack:
# "arn:aws:bedrock:*:*:*amazon.nova-lite-v1:0" reached the apac. profile of a model approved in us and eu only;
# concretize, and so pws, knows no kind for it)
_kindless_seeds(stmts, cfg) := _kindless_seeds_in(all_patterns(stmts), cfg)

# _kindless_seeds from the statements' patterns (all_patterns), which the caller has built
_kindless_seeds_in(pats, cfg) := {invoke(a, arn, "inference-profile", m, true) |
	some pat in pats
	segs := split(pat, ":")
	count(segs) >= 6
	segs[3] != ""
	segs[4] != ""
	rest := concat(":", array.slice(segs, 5, count(segs)))
	iam.has_wildcard(split(rest, "/")[0])
	some m, _ in catalog.models
	some px in _geographies
	id := concat("", ["inference-profile/", px, ".", m])
	iam.wildcard_match(rest, id)
	arn := concat(":", ["arn", _fill_partition(segs[1]), "bedrock", _fill_region(segs[3]), _fill_account(segs[4]), id])
	not invoke_approved("inference-profile", m, arn, true, cfg)
	a := invoke_actions[0]
}

# all_patterns(stmts): _patterns of every statement of the list, in order (built once by each caller that reads them
# all: a statement list's patterns were read five to seven times in one SCP judgment)
all_patterns(stmts) := [p |
	some s in stmts
	some p in _patterns(s)
]

# the statement's bedrock ARN patterns, each policy variable read as "*" (iam.var_wild: witnesses of what it may name)
# A wildcard in the resource type ("f*l/deepseek.*", "*/deepseek.*", "foundation-mode?/x") is matched like any
# other by the access model, so the pattern also stands for itself with each resource type InvokeModel accepts that
# the type segment matches (then concretized and expanded over the catalog like any pattern of that type)
_patterns(s) := [p |
	some raw in _resource_strings(s)
	some p in _typed(_padded(iam.var_wild(raw)))
	startswith(p, "arn:")
	segs := split(p, ":")
	count(segs) >= 6
	_bedrock_service(segs[2])
]

# a pattern of fewer than six segments that ends in "*" stands for itself with the missing segments as "*": a "*"
# that ends a segment may match across colons (facts doc section 2), so "arn:aws:bedrock:eu-west-1:*" reaches every
# model in eu-west-1 (attack: such patterns were dropped, and their Region was never probed)
_padded(p) := concat("", array.concat([p], [":*" | some _ in numbers.range(count(split(p, ":")), 5)])) if {
	count(split(p, ":")) < 6
	endswith(p, "*")
} else := p

_typed(p) := array.concat([p], [concat("", [head, ":", k, substring(rest, count(kind), -1)]) |
	some k in invoke_kinds
	iam.wildcard_match(kind, k)
]) if {
	segs := split(p, ":")
	count(segs) >= 6
	rest := concat(":", array.slice(segs, 5, count(segs)))
	contains(rest, "/")
	kind := split(rest, "/")[0]
	iam.has_wildcard(kind)
	head := concat(":", array.slice(segs, 0, 5))
} else := [p]

_bedrock_service("bedrock")

_bedrock_service(seg) if {
	seg != "bedrock"
	iam.has_wildcard(seg)
	iam.wildcard_match(seg, "bedrock")
}
