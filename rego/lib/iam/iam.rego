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

# var_wild(pattern): the pattern with each policy variable (${aws:PrincipalTag/x}, filled in per request) as "*":
# what it may match. A Resource of an Allow, or a NotResource of a Deny, read this way allows no less than IAM
# does; a Resource of a Deny, or a NotResource of an Allow, holding a variable is left out instead (it may match
# nothing), so it denies no more.
var_wild(p) := p if not contains(p, "${")

var_wild(p) := concat("", array.concat([parts[0]], [_after_var(x) | some x in array.slice(parts, 1, count(parts))])) if {
	contains(p, "${")
	parts := split(p, "${")
}

_after_var(x) := concat("", ["*", substring(x, indexof(x, "}") + 1, -1)]) if indexof(x, "}") >= 0

_after_var(x) := concat("", ["${", x]) if indexof(x, "}") < 0

# has_variable(pattern): the pattern holds a policy variable
has_variable(p) if {
	contains(p, "${")
	contains(p, "}")
}

allows(s) if s.Effect == "Allow"

denies(s) if s.Effect == "Deny"

has_wildcard(p) if contains(p, "*")

has_wildcard(p) if contains(p, "?")

# glob pattern (IAM: * and ?) to an anchored regular expression
to_regex(p) := concat("", ["^", r, "$"]) if {
	r := replace(replace(_escaped(p), "*", ".*"), "?", ".")
}

# p with every regular-expression character but "*" and "?" escaped
_escaped(p) := replace(e3, "$", "\\$") if {
	e1 := replace(replace(replace(p, "\\", "\\\\"), ".", "\\."), "+", "\\+")
	e2 := replace(replace(replace(replace(e1, "(", "\\("), ")", "\\)"), "[", "\\["), "]", "\\]")
	e3 := replace(replace(replace(replace(e2, "{", "\\{"), "}", "\\}"), "|", "\\|"), "^", "\\^")
}

# wildcard_match: does IAM pattern p match value v (case-sensitive; lower both sides for actions).
# "*" matches any run of characters, ":" and the empty run included; "?" exactly one character.
#
# Patterns with only "*" (nearly all IAM patterns) are matched with string builtins, not regex.match: OPA's
# wasm runtime caches at most 100 compiled regular expressions and, once the cache is full, can free the one
# it is returning, which crashes the evaluation (bench/gate/regex-cache-repro.js; Go OPA is unaffected). Only
# patterns with "?" or more than _max_stars stars still use regex.match; should those overflow the cache, the
# gate fails closed with an evaluation error, never a pass.
#
# The cases are tried in order (else), by the pattern's shape, so each call does only its own case's work: a
# pattern whose only "*" ends it ("bedrock:*", ".../foundation-model/*") is a prefix test, the commonest case
# by far (the gate matches every known action against such patterns).
wildcard_match(p, v) if _match(p, v)

_match(p, v) if {
	p == v
} else := r if {
	endswith(p, "*")
	prefix := trim_suffix(p, "*")
	not contains(prefix, "*")
	not contains(prefix, "?")
	r := startswith(v, prefix)
} else := false if {
	not has_wildcard(p)
} else := r if {
	not contains(p, "?")
	parts := split(p, "*")
	count(parts) <= _max_stars + 1
	r := _star_bool(parts, v)
} else := regex.match(to_regex(p), v) if _needs_regex(p)

_star_bool(parts, v) := _two_stars(parts[0], parts[1], parts[2], v) if count(parts) == 3

_star_bool(parts, v) := _stars(parts, v) if count(parts) != 3

# two stars ("bedrock:*model*", "arn:aws:bedrock:*::foundation-model/*"): v starts with the first part, ends
# with the last, and holds the middle one between them, without the general search's list of middles
_two_stars(first, mid, last, v) if {
	startswith(v, first)
	endswith(v, last)
	count(v) >= count(first) + count(last)
	_holds(substring(v, count(first), (count(v) - count(first)) - count(last)), mid)
} else := false

# an empty middle ("a**b") is found anywhere, whatever contains() makes of an empty string in an empty one
_holds(_, "")

_holds(s, mid) if {
	mid != ""
	contains(s, mid)
}

_stars(parts, v) if {
	_star_match(parts, v)
} else := false

# matcher(p): pattern p analysed once, to match many values with matches(m, v) (same verdicts as
# wildcard_match(p, v)): the gate matches each statement's patterns against dozens of probe ARNs
matcher(p) := {"kind": "prefix", "text": prefix} if {
	endswith(p, "*")
	prefix := trim_suffix(p, "*")
	not contains(prefix, "*")
	not contains(prefix, "?")
} else := {"kind": "exact", "text": p} if {
	not has_wildcard(p)
} else := {"kind": "star", "text": p, "parts": parts} if {
	not contains(p, "?")
	parts := split(p, "*")
	count(parts) <= _max_stars + 1
} else := {"kind": "regex", "text": p}

matches(m, v) if _plain(m, v)

# a sure_matcher's pattern, segment by segment
matches(m, v) if {
	m.kind == "segs"
	m.text != v
	vs := split(v, ":")
	_segments_fit(m, count(vs))
	every i, sm in m.segs {
		_plain(sm, vs[i])
	}
}

_plain(m, v) if m.text == v

_plain(m, v) if {
	m.kind == "prefix"
	startswith(v, m.text)
}

_plain(m, v) if {
	m.kind == "star"
	m.text != v
	_star_match(m.parts, v)
}

_plain(m, v) if {
	m.kind == "regex"
	m.text != v
	regex.match(to_regex(m.text), v)
}

# ---- ARN patterns: what a pattern surely matches
#
# IAM reads an ARN pattern by its colon-separated segments (facts doc section 2): "*" and "?" match within a
# segment, and only a "*" that ends a segment may also match across colons. wildcard_match and matches let every
# "*" and "?" match colons too: they may over-match ("arn:aws:bedrock:*/*" names every Bedrock ARN to them, none to
# IAM, since no Region holds a "/"), which is the safe reading where a match grants (an Allow's Resource, a Deny's
# NotResource). Where a match takes access away (a Deny's Resource, an Allow's NotResource, a Deny's ArnLike
# condition) the gate needs a match that holds however IAM reads such a wildcard: the segments of the pattern and of
# the value line up one to one, each pattern segment matches its value segment, and only a "*" that ends the whole
# pattern takes the value's further segments. (Every such match is one under the segment rule above, and under a
# reading that matches the first five segments each on its own and the resource part as one string.)

# sure_matcher(p): pattern p analysed once, for matches(m, v) to match what it surely names (its "segs" case
# above); a pattern whose only wildcard is a final "*", or that has none, matches the same either way
sure_matcher(p) := {"kind": "none", "text": null} if {
	unsure_pattern(p)
} else := m if {
	m := matcher(p)
	m.kind in {"exact", "prefix"}
} else := {"kind": "segs", "text": p, "segs": [matcher(seg) | some seg in segs], "open": endswith(p, "*")} if {
	segs := split(p, ":")
}

# unsure_pattern(p): an ARN pattern IAM may read as naming nothing, so it surely names nothing: a wildcard in the
# service segment (not allowed there, facts doc section 2), or in the resource type ("arn:aws:bedrock:*::*/x",
# "arn:aws:bedrock:*::f*": AWS calls it incorrect usage, and whether IAM globs it is unknown, section 15). A
# resource part that is only "*" names every resource.
unsure_pattern(p) if {
	segs := split(p, ":")
	count(segs) >= 3
	has_wildcard(segs[2])
}

unsure_pattern(p) if {
	segs := split(p, ":")
	count(segs) >= 6
	rest := concat(":", array.slice(segs, 5, count(segs)))
	rest != "*"
	has_wildcard(split(rest, "/")[0])
}

# as many value segments as pattern segments, or more when the pattern's final "*" takes them
_segments_fit(m, n) if n == count(m.segs)

_segments_fit(m, n) if {
	n > count(m.segs)
	m.open
}

# arn_surely(p, v): pattern p matches v however IAM reads its wildcards (see above)
arn_surely(p, v) if matches(sure_matcher(p), v)

# arn_condition_surely(p, v): the same for an ArnLike or ArnEquals condition value, which IAM checks by the six
# components of the ARN: a pattern of fewer components is not trusted to match anything
arn_condition_surely(p, v) if {
	count(split(p, ":")) >= 6
	arn_surely(p, v)
}

# arn_condition_may(p, v): an ArnLike or ArnEquals condition value may match v under one of the two readings: the
# segment rule (a "*" inside a segment or a "?" matches no colon, a "*" that ends a segment may), or each of the six
# components on its own with the resource part as one string (AWS's condition reference). "arn:aws:iam::*/*"
# matches no role under either, so a Deny exempting it exempts nobody.
arn_condition_may(p, v) if {
	not _inner_wildcard(p)
	wildcard_match(p, v)
}

arn_condition_may(p, v) if {
	_inner_wildcard(p)
	regex.match(_segment_regex(p), v)
}

arn_condition_may(p, v) if _by_components(p, v)

# a "?", or a "*" that does not end its segment
_inner_wildcard(p) if contains(p, "?")

_inner_wildcard(p) if {
	some seg in split(p, ":")
	contains(trim_suffix(seg, "*"), "*")
}

# the segment rule as a regular expression (only for patterns with an inner wildcard: few, see wildcard_match)
_segment_regex(p) := concat("", ["^", concat(":", [_segment_re(seg) | some seg in split(p, ":")]), "$"])

_segment_re(seg) := concat("", [_inner_re(trim_suffix(seg, "*")), ".*"]) if endswith(seg, "*")

_segment_re(seg) := _inner_re(seg) if not endswith(seg, "*")

_inner_re(seg) := replace(replace(_escaped(seg), "*", "[^:]*"), "?", "[^:]")

_by_components(p, v) if {
	ps := split(p, ":")
	count(ps) >= 6
	vs := split(v, ":")
	count(vs) >= 6
	every i in [1, 2, 3, 4] {
		wildcard_match(ps[i], vs[i])
	}
	wildcard_match(concat(":", array.slice(ps, 5, count(ps))), concat(":", array.slice(vs, 5, count(vs))))
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

# an Allow's NotResource excludes only what it surely names (arn_surely): a pattern IAM may read as naming nothing
# ("arn:aws:bedrock:*/*") excludes nothing, so the Allow grants everything
covers_resource(s, arn) if {
	s.NotResource
	not _not_resource_excludes(s, arn)
}

_not_resource_excludes(s, arn) if {
	some p in not_resources(s)
	arn_surely(p, arn)
}

# resource_patterns: every string in Resource and NotResource of every statement
resource_patterns(doc) := {r |
	some s in statements(doc)
	some r in array.concat(_strings(object.get(s, "Resource", [])), _strings(object.get(s, "NotResource", [])))
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

# model_ref: the model a bedrock foundation-model or inference-profile ARN names (the ARN is parsed once)
model_ref(arn) := ref if {
	a := parse_arn(arn)
	a.service == "bedrock"
	ref := _model_ref(a, arn)
}

_model_ref(a, arn) := {"type": "foundation-model", "model": a.id, "prefix": "", "arn": arn, "region": a.region} if {
	a.type == "foundation-model"
}

_model_ref(a, arn) := {"type": "inference-profile", "model": m, "prefix": pf, "arn": arn, "region": a.region} if {
	a.type == "inference-profile"
	pf := _profile_prefix(a.id)
	m := substring(a.id, count(pf) + 1, -1)
}

# a profile pattern without a prefix ("inference-profile/*nova*"): any geography, the model part as written
_model_ref(a, arn) := {"type": "inference-profile", "model": a.id, "prefix": "*", "arn": arn, "region": a.region} if {
	a.type == "inference-profile"
	not _profile_prefix(a.id)
	startswith(a.id, "*")
}

_profile_prefix(id) := pf if {
	pf := split(id, ".")[0]
	count(split(id, ".")) > 1
	profile_prefix_like(pf)
}

# profile_prefix_like(pf): the first segment of a profile ID is a geography prefix: a known one, or a wildcard
# segment that can stand for one ("*", "e*"); "*amazon" in "*amazon.nova-lite-v1:0" covers "us.amazon" and is part
# of the model pattern
profile_prefix_like(pf) if pf in profile_prefixes

profile_prefix_like(pf) if {
	has_wildcard(pf)
	some g in profile_prefixes
	wildcard_match(pf, g)
}

# known_action: a lower-case action name in the generated list
known_action(a) if actions.known[a]

# service prefix of a lower-case action name
action_prefix(a) := split(a, ":")[0] if contains(a, ":")
