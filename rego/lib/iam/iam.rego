# METADATA
# title: IAM policy grammar helpers
# description: |
#   Reads IAM policy documents as IAM does: Statement, Action, NotAction, Resource and NotResource may
#   each be a single value or an array; action names are case-insensitive; "*" and "?" are wildcards
#   that may also match ":" and the empty string.
# scope: package
package lib.iam

import data.lib.iam.actions

invoke_actions := {"bedrock:invokemodel", "bedrock:invokemodelwithresponsestream"}

# a model ID no catalog contains: matching it means "every model"
any_model := "zz.unlisted-model-v9:0"

any_model_arn := concat("", ["arn:aws:bedrock:us-east-1::foundation-model/", any_model])

# Resources that InvokeModel accepts and that run a model no catalog entry governs, each invocable by its own ARN:
# an arbitrary foundation model, an imported model (the caller's own weights, never in the catalog), a custom-model
# deployment and provisioned throughput. That the last two need no foundation-model permission is inferred [I]
# from the facts doc's resource table, so rules use them to widen an Allow's reach, never to excuse one. System
# inference profiles are left out (a profile call also checks the foundation model), and so are application
# profiles (which ARNs they evaluate is unverified [U]).
_probe_kinds := ["imported-model", "custom-model-deployment", "provisioned-model"]

# a made-up Region and account that no wildcard-free pattern names
probe_region := "zz-probe-9"

probe_account := "000000000000"

# model_probes(patterns): ARNs of unlisted models (see above) to test a policy's statements against, in every
# partition, Region and account the patterns set apart. Probes must depend on the policy: fixed ones miss an Allow
# scoped to another partition, Region or account, and count a Deny that covers only their Region as bounding an
# Allow on "*". Regions: every non-empty Region segment of a bedrock pattern (a wildcard segment such as "eu-*"
# yields a Region it matches, "eu-probe"), plus probe_region for any Region no pattern names; accounts likewise,
# plus probe_account. Partitions: "aws" plus every partition segment of a bedrock pattern (a literal one such as
# "aws-us-gov" or "aws-cn" as written, a wildcard one such as "aws*" as "awsprobe"; "*" is covered by "aws").
# Foundation-model ARNs keep their empty account. Region-less ARNs are not probed (the Regional check also
# applies to those calls).
model_probes(patterns) := fm | owned if {
	partitions := {"aws"} | {pt |
		some p in patterns
		pt := _probe_segment(_bedrock_segments(p)[1], "probe")
	}
	regions := {probe_region} | {r |
		some p in patterns
		r := _probe_segment(_bedrock_segments(p)[3], "probe")
	}
	accounts := {probe_account} | {a |
		some p in patterns
		a := _probe_segment(_bedrock_segments(p)[4], "0")
	}
	fm := {concat("", ["arn:", pt, ":bedrock:", r, "::foundation-model/", any_model]) |
		some pt in partitions
		some r in regions
	}
	owned := {concat("", ["arn:", pt, ":bedrock:", r, ":", a, ":", k, "/modelgate-probe"]) |
		some pt in partitions
		some r in regions
		some a in accounts
		some k in _probe_kinds
	}
}

# the ":"-separated segments of a pattern that names the bedrock service
_bedrock_segments(p) := segs if {
	startswith(p, "arn:")
	segs := split(p, ":")
	count(segs) > 3
	wildcard_match(segs[2], "bedrock")
}

# a value the segment pattern matches: wildcards filled in; nothing for "" and "*" (the made-up probe covers "*")
_probe_segment(seg, fill) := replace(replace(seg, "*", fill), "?", "0") if {
	seg != ""
	seg != "*"
}

as_array(x) := x if is_array(x)

as_array(x) := [x] if not is_array(x)

# statements: index -> statement object
statements(doc) := {i: s |
	some i, s in as_array(doc.Statement)
	is_object(s)
}

_strings(x) := [s |
	some s in as_array(x)
	is_string(s)
]

# raw (original case) action entries of Action and NotAction
action_entries(s) := array.concat(_strings(object.get(s, "Action", [])), _strings(object.get(s, "NotAction", [])))

action_patterns(s) := [lower(a) | some a in _strings(s.Action)]

not_action_patterns(s) := [lower(a) | some a in _strings(s.NotAction)]

resources(s) := _strings(s.Resource)

not_resources(s) := _strings(s.NotResource)

allows(s) if s.Effect == "Allow"

denies(s) if s.Effect == "Deny"

has_wildcard(p) if contains(p, "*")

has_wildcard(p) if contains(p, "?")

# glob pattern (IAM: * and ?) to an anchored regular expression
to_regex(p) := concat("", ["^", r, "$"]) if {
	e1 := replace(replace(replace(p, "\\", "\\\\"), ".", "\\."), "+", "\\+")
	e2 := replace(replace(replace(replace(e1, "(", "\\("), ")", "\\)"), "[", "\\["), "]", "\\]")
	e3 := replace(replace(replace(replace(e2, "{", "\\{"), "}", "\\}"), "|", "\\|"), "^", "\\^")
	r := replace(replace(replace(e3, "$", "\\$"), "*", ".*"), "?", ".")
}

# wildcard_match: does IAM pattern p match value v (case-sensitive; lower both sides for actions)
# wildcard_match: does IAM pattern p match value v (case-sensitive; lower both sides for actions).
# "*" matches any run of characters, ":" and the empty run included; "?" exactly one character.
#
# Patterns with only "*" (nearly all IAM patterns) are matched with string builtins, not regex.match: OPA's
# wasm runtime caches at most 100 compiled regular expressions and, once the cache is full, can free the one
# it is returning, which crashes the evaluation (bench/gate/regex-cache-repro.js; Go OPA is unaffected). Only
# patterns with "?" or more than _max_stars stars still use regex.match; should those overflow the cache, the
# gate fails closed with an evaluation error, never a pass.
wildcard_match(p, v) if p == v

wildcard_match(p, v) if {
	p != v
	not contains(p, "?")
	parts := split(p, "*")
	count(parts) > 1
	count(parts) <= _max_stars + 1
	_star_match(parts, v)
}

wildcard_match(p, v) if {
	p != v
	_needs_regex(p)
	regex.match(to_regex(p), v)
}

_max_stars := 8

_needs_regex(p) if contains(p, "?")

_needs_regex(p) if count(split(p, "*")) > _max_stars + 1

# v starts with the text before the first "*", ends with the text after the last, and holds the texts between
# stars in order, without overlap, in what is left: leftmost-first search is exact for "*"-only patterns.
# Empty texts (from "**") match anywhere, and indexof finds no "" in "", so they are dropped first.
_star_match(parts, v) if {
	first := parts[0]
	startswith(v, first)
	last := parts[count(parts) - 1]
	endswith(v, last)
	count(v) >= count(first) + count(last)
	middle := substring(v, count(first), (count(v) - count(first)) - count(last))
	_in_order(middle, [m | some m in array.slice(parts, 1, count(parts) - 1); m != ""])
}

# the rest of s after the leftmost occurrence of m; undefined when m does not occur
_after(s, m) := substring(s, indexof(s, m) + count(m), -1) if indexof(s, m) >= 0

# Rego has no recursion, so the search is unrolled for up to _max_stars - 1 middle parts.
_in_order(_, mids) if count(mids) == 0

_in_order(s, mids) if {
	count(mids) == 1
	_after(s, mids[0])
}

_in_order(s, mids) if {
	count(mids) == 2
	_after(_after(s, mids[0]), mids[1])
}

_in_order(s, mids) if {
	count(mids) == 3
	_after(_after(_after(s, mids[0]), mids[1]), mids[2])
}

_in_order(s, mids) if {
	count(mids) == 4
	s2 := _after(_after(s, mids[0]), mids[1])
	_after(_after(s2, mids[2]), mids[3])
}

_in_order(s, mids) if {
	count(mids) == 5
	s3 := _after(_after(_after(s, mids[0]), mids[1]), mids[2])
	_after(_after(s3, mids[3]), mids[4])
}

_in_order(s, mids) if {
	count(mids) == 6
	s3 := _after(_after(_after(s, mids[0]), mids[1]), mids[2])
	_after(_after(_after(s3, mids[3]), mids[4]), mids[5])
}

_in_order(s, mids) if {
	count(mids) == 7
	s4 := _after(_after(_after(_after(s, mids[0]), mids[1]), mids[2]), mids[3])
	_after(_after(_after(s4, mids[4]), mids[5]), mids[6])
}

# covers_action: does the statement's Action/NotAction element cover action a (lower-case)
covers_action(s, a) if {
	some p in action_patterns(s)
	wildcard_match(p, a)
}

covers_action(s, a) if {
	s.NotAction
	not _not_action_excludes(s, a)
}

_not_action_excludes(s, a) if {
	some p in not_action_patterns(s)
	wildcard_match(p, a)
}

covers_invoke(s) if {
	some a in invoke_actions
	covers_action(s, a)
}

# covers_resource: does the statement's Resource/NotResource element cover ARN arn
covers_resource(s, arn) if {
	some p in resources(s)
	wildcard_match(p, arn)
}

covers_resource(s, arn) if {
	s.NotResource
	not _not_resource_excludes(s, arn)
}

_not_resource_excludes(s, arn) if {
	some p in not_resources(s)
	wildcard_match(p, arn)
}

# resource_patterns: every string in Resource and NotResource of every statement
resource_patterns(doc) := {r |
	some s in statements(doc)
	some r in array.concat(_strings(object.get(s, "Resource", [])), _strings(object.get(s, "NotResource", [])))
}

# is_allowlist: the document denies model invocation on everything but a NotResource list
is_allowlist(doc) if {
	some s in statements(doc)
	denies(s)
	s.NotResource
	covers_invoke(s)
}

# parse_arn splits an ARN (or ARN pattern) into its segments; the resource keeps its colons
parse_arn(arn) := {
	"service": p[2],
	"region": p[3],
	"account": p[4],
	"resource": r,
	"type": split(r, "/")[0],
	"id": substring(r, count(split(r, "/")[0]) + 1, -1),
} if {
	is_string(arn)
	startswith(arn, "arn:")
	p := split(arn, ":")
	count(p) >= 6
	r := concat(":", array.slice(p, 5, count(p)))
	contains(r, "/")
}

profile_prefixes := {"us", "eu", "apac", "global", "jp", "au", "ca", "in", "us-gov"}

# model_ref: the model a bedrock foundation-model or inference-profile ARN names
model_ref(arn) := {"type": "foundation-model", "model": a.id, "prefix": "", "arn": arn, "region": a.region} if {
	a := parse_arn(arn)
	a.service == "bedrock"
	a.type == "foundation-model"
}

model_ref(arn) := {"type": "inference-profile", "model": m, "prefix": pf, "arn": arn, "region": a.region} if {
	a := parse_arn(arn)
	a.service == "bedrock"
	a.type == "inference-profile"
	pf := _profile_prefix(a.id)
	m := substring(a.id, count(pf) + 1, -1)
}

_profile_prefix(id) := pf if {
	pf := split(id, ".")[0]
	count(split(id, ".")) > 1
	_is_prefix(pf)
}

_is_prefix(pf) if pf in profile_prefixes

_is_prefix(pf) if has_wildcard(pf)

# known_action: a lower-case action name in the generated list
known_action(a) if a in actions.known

# service prefix of a lower-case action name
action_prefix(a) := split(a, ":")[0] if contains(a, ":")
