# METADATA
# title: Effective-access evaluation of probes against policy statements
# description: |
#   A small IAM evaluator. A request is allowed by a set of identity statements when some Allow may apply and
#   no Deny surely applies; it is denied by a set of SCP statements when some Deny surely applies. "May" and
#   "surely" carry what the gate cannot know: a Condition it cannot evaluate lets an Allow apply (it might hold)
#   and keeps a Deny from applying (it might not). Action names match case-insensitively with "*" and "?";
#   NotAction and NotResource are honoured. A Deny whose only matching Resource entry has a wildcard in the
#   resource-type part ("arn:aws:bedrock:*::*/x", which AWS calls incorrect usage) is not trusted to apply.
# scope: package
package lib.access

import data.lib.access.conditions
import data.lib.access.probes
import data.lib.iam

# statements of a parsed policy document, in order
statements(doc) := [s |
	some s in iam.as_array(doc.Statement)
	is_object(s)
]

covers(s, p) if {
	iam.covers_action(s, p.action)
	iam.covers_resource(s, p.resource)
}

# allow_may: an Allow that may apply to the probe
allow_may(s, p) if {
	iam.allows(s)
	covers(s, p)
	not conditions.surely_false(s, p.ctx)
}

# deny_sure: a Deny that surely applies to the probe
deny_sure(s, p) if {
	iam.denies(s)
	iam.covers_action(s, p.action)
	_surely_covers_resource(s, p.resource)
	conditions.surely_true(s, p.ctx)
}

_surely_covers_resource(s, arn) if {
	some pat in iam.resources(s)
	iam.arn_surely(pat, arn)
}

_surely_covers_resource(s, arn) if {
	s.NotResource
	not _not_resource_excludes(s, arn)
}

_not_resource_excludes(s, arn) if {
	some pat in iam.not_resources(s)
	iam.wildcard_match(pat, arn)
}

# denied_request: some statement of stmts surely denies the request on this one resource
denied_request(stmts, p) if {
	some s in stmts
	deny_sure(s, p)
}

# allowed_request: on this one resource, some Allow may apply and no Deny surely applies
allowed_request(stmts, p) if {
	not denied_request(stmts, p)
	some s in stmts
	allow_may(s, p)
}

# ---- set evaluation: many probes against one statement list, with each statement's coverage of the probes'
# actions and resources computed once (a statement listing hundreds of actions, as ReadOnlyAccess does, is
# matched against the few probe actions once, not once per probe)

# probe_set(ps): a probe set made ready for judging against any statement list. Arrays, not sets, hold the
# probes: wasm steps through a set by hashing each element, and a probe is a deep object. "all": the probes;
# "plain": those that are not inference profiles; "checks": [profile probe, its foundation-model checks]
# pairs; "items": both as [probe, checks] pairs (none for a plain probe); "acts": the actions of every request
# (probes and checks); "res": action -> the resources requested with it; "keys": resource -> its type/ID key
# (_pattern_key). Built once for the fixed probes (fixed_model_set), once per policy only for its own probes.
probe_set(ps) := {
	"all": listed,
	"plain": [p | some p in listed; not profiled(p)],
	"checks": checks,
	"items": array.concat([[p, []] | some p in listed; not profiled(p)], checks),
	"acts": {q.action | some q in reqs},
	"res": {a: {q.resource | some q in reqs; q.action == a} | some a in {q.action | some q in reqs}},
	"keys": {q.resource: k |
		some q in reqs
		k := _pattern_key(q.resource)
	},
} if {
	listed := [p | some p in ps]
	checks := [[p, [fm | some fm in profile_model_probes(p)]] |
		some p in listed
		profiled(p)
	]

	# an array (a request may appear twice; only its action and resource are read): a union of sets would hash
	# every probe again
	reqs := array.concat(listed, [fm | some [_, fms] in checks; some fm in fms])
}

# _prepare(stmts, ready): the statements that cover some action of a probe_set, each with the actions and
# resources of the set it covers ("res": Allow coverage; "sure": resources a Deny surely covers; "cond": whether
# it has a Condition)
_prepare(stmts, ready) := [e |
	some s in stmts
	acts := _covered_actions(s, ready.acts)
	count(acts) > 0

	# only the resources of probes whose action the statement covers
	res_all := union({rs | some a, rs in ready.res; a in acts})
	e := {
		"s": s, "acts": acts, "cond": _has_condition(s),
		"res": _allow_res(s, res_all, ready.keys), "sure": _deny_res(s, res_all, ready.keys),
	}
]

_has_condition(s) if {
	"Condition" in object.keys(s)
} else := false

# the probe actions a statement covers; exact (wildcard-free) action names are compared as a set
_covered_actions(s, acts_all) := {a |
	some a in acts_all
	_action_hit(exact, wild, a)
} if {
	s.Action
	pats := iam.action_patterns(s)
	exact := {p | some p in pats; not iam.has_wildcard(p)}
	wild := [p | some p in pats; iam.has_wildcard(p)]
}

_covered_actions(s, acts_all) := {a |
	some a in acts_all
	not _action_hit(exact, wild, a)
} if {
	not s.Action
	s.NotAction
	pats := iam.not_action_patterns(s)
	exact := {p | some p in pats; not iam.has_wildcard(p)}
	wild := [p | some p in pats; iam.has_wildcard(p)]
}

_covered_actions(s, _) := set() if {
	not s.Action
	not s.NotAction
}

_action_hit(exact, _, a) if exact[a]

_action_hit(_, wild, a) if {
	some p in wild
	iam.wildcard_match(p, a)
}

# resource coverage through an index of the statement's patterns: a pattern whose resource type and ID hold no
# wildcard can only match an ARN of that type and ID, so only those (and the wildcard ones) are matched; a
# Resource "*" covers every probe at once. keys: resource -> its type/ID key (_pattern_key)
_allow_res(s, res_all, keys) := res_all if {
	iam.allows(s)
	"*" in iam.resources(s)
} else := {r |
	some r in res_all
	_index_hit(ix, r, keys)
} if {
	iam.allows(s)
	s.Resource
	ix := index([iam.var_wild(pat) | some pat in iam.resources(s)])
} else := {r |
	some r in res_all
	not _index_hit(ix, r, keys)
} if {
	iam.allows(s)
	not s.Resource
	s.NotResource
	ix := sure_index([pat | some pat in iam.not_resources(s); not iam.has_variable(pat)])
} else := set()

_deny_res(s, res_all, keys) := res_all if {
	iam.denies(s)
	"*" in iam.resources(s)
} else := {r |
	some r in res_all
	_index_hit(ix, r, keys)
} if {
	iam.denies(s)
	s.Resource
	ix := sure_index([pat | some pat in iam.resources(s); not iam.has_variable(pat)])
} else := {r |
	some r in res_all
	not _index_hit(ix, r, keys)
} if {
	iam.denies(s)
	not s.Resource
	s.NotResource
	ix := index([iam.var_wild(pat) | some pat in iam.not_resources(s)])
} else := set()

# index(patterns): {"keyed": {type/id: [matchers of the patterns with that key]}, "other": [matchers of patterns
# with a wildcard in type or ID, or no ARN]}, each pattern analysed once (iam.matcher). Keyed is an object so that a
# lookup is one hash of the key: a set of [key, matcher] pairs was scanned whole on every lookup, and wasm steps
# through a set by hashing each (deep) element. Grouping compares keys pairwise, strings only.
index(pats) := _indexed([[pat, iam.matcher(pat)] | some pat in pats])

# sure_index(patterns): the same with iam.sure_matcher, for patterns whose match takes access away (a Deny's
# Resource, an Allow's NotResource): an ARN is in it only when a pattern surely names it
sure_index(pats) := _indexed([[pat, iam.sure_matcher(pat)] | some pat in pats])

_indexed(ms) := {"keyed": {k: [m | some [k2, m] in pairs; k2 == k] | some [k, _] in pairs}, "other": [m |
	some [pat, m] in ms
	not _pattern_key(pat)
]} if {
	pairs := [[k, m] |
		some [pat, m] in ms
		k := _pattern_key(pat)
	]
}

# the resource part of an ARN pattern ("foundation-model/amazon.nova-lite-v1:0"), when it has no wildcard
_pattern_key(pat) := rest if {
	segs := split(pat, ":")
	count(segs) >= 6
	rest := concat(":", array.slice(segs, 5, count(segs)))
	not iam.has_wildcard(rest)
}

index_matches(ix, r) if _index_hit(ix, r, {r: _pattern_key(r)})

index_matches(ix, r) if {
	not _pattern_key(r)
	_index_hit(ix, r, {})
}

# _index_hit(ix, r, keys): some pattern of the index matches r (keys[r]: r's type/ID key, absent when it has none)
_index_hit(ix, r, keys) if {
	some m in ix.keyed[keys[r]]
	iam.matches(m, r)
}

_index_hit(ix, r, _) if {
	some m in ix.other
	iam.matches(m, r)
}

_p_denied_request(prep, p) if {
	some e in prep
	e.acts[p.action]
	e.sure[p.resource]
	_surely_true(e, p.ctx)
}

_p_allowed_request(prep, p) if {
	not _p_denied_request(prep, p)
	some e in prep
	e.acts[p.action]
	e.res[p.resource]
	not _surely_false(e, p.ctx)
}

# a statement without a Condition applies whatever the request context
_surely_true(e, _) if not e.cond

_surely_true(e, ctx) if {
	e.cond
	conditions.surely_true(e.s, ctx)
}

_surely_false(e, ctx) if {
	e.cond
	conditions.surely_false(e.s, ctx)
}

# allowed_probes(stmts, ps): the probes of ps that stmts may allow (as allowed/2, for a whole set at once)
allowed_probes(stmts, ps) := allowed_in(stmts, probe_set(ps))

# allowed_in(stmts, ready): allowed_probes for a probe_set. A profile probe is allowed when it and each of its
# foundation-model checks may be (ready.items is walked, so no probe is looked up by value)
allowed_in(stmts, ready) := {p | some p in allowed_list(stmts, ready)}

# allowed_list(stmts, ready): the same as an array, in ready.items order, each probe once (a probe_set holds each
# once): for a verdict that only counts and describes them, no set of deep objects is built
allowed_list(stmts, ready) := [p |
	some [p, fms] in ready.items
	_p_allowed_request(prep, p)
	every fm in fms {
		_p_allowed_request(prep, fm)
	}
] if {
	prep := _prepare(stmts, ready)
}

# denied_probes(stmts, ps): the probes of ps that stmts surely deny (as denied/2, for a whole set at once)
denied_probes(stmts, ps) := {p |
	some p in ready.all
	_p_denied_request(prep, p)
} | {p |
	some [p, fms] in ready.checks
	some fm in fms
	_p_denied_request(prep, fm)
} if {
	ready := probe_set(ps)
	prep := _prepare(stmts, ready)
}

# the fixed probes on the model surfaces (all but Marketplace Subscribe) no approval covers, made ready once
fixed_model_set := probe_set({p |
	some p in probes.fixed_unapproved
	p.surface != "subscribe"
})

# exact_only(stmts): every statement that covers a model-invoking probe action (not Subscribe) names only exact foundation-model or
# inference-profile resources (wildcards at most in the partition, Region or account segments). No fixed probe
# can match such a statement (their resource parts name a model no catalog lists, or a resource kind these
# ARNs are not), so MG-0009 needs no probe evaluation for it: the common case of a rendered invoke policy.
exact_only(stmts) if {
	every s in stmts {
		_exact_or_unrelated(s)
	}
}

_exact_or_unrelated(s) if count(_covered_actions(s, probes.model_actions)) == 0

_exact_or_unrelated(s) if {
	s.Action
	not s.NotResource
	s.Resource
	every pat in iam.resources(s) {
		_exact_model_arn(pat)
	}
}

_exact_model_arn(pat) if {
	k := _pattern_key(pat)
	split(k, "/")[0] in {"foundation-model", "inference-profile"}
}

# "inference-profile/*.MODEL": every geography of one exact model
_exact_model_arn(pat) if {
	segs := split(pat, ":")
	count(segs) >= 6
	rest := concat(":", array.slice(segs, 5, count(segs)))
	startswith(rest, "inference-profile/*.")
	not iam.has_wildcard(substring(rest, count("inference-profile/*."), -1))
}

# every_model_probes(stmts): requests no approval can cover — the fixed probes (in the statements' own Regions)
# and witnesses of resource kinds that run no catalog model (imported-model/* of a named account, ...)
every_model_probes(stmts) := probes.fixed_for(stmts) | probes.owned_witnesses(stmts)

# own_unapproved_every_model(stmts): the probes of every_model_probes(stmts) the organization did not approve
# that are not among the fixed probes themselves (probes.fixed_base): the fixed probes in the statements' own
# Regions, accounts and partitions, and their owned-kind witnesses. With fixed_model_set, what MG-0009 judges.
own_unapproved_every_model(stmts) := {p |
	some p in (probes.own_fixed(stmts) | probes.owned_witnesses(stmts))
	not _fixed(p)
	not probes.approved(p)
}

# a probe of own_fixed that is a fixed probe itself (a Region, account or partition the fixed probes already
# cover), known by its ARN: comparing strings, not whole probes
_fixed(p) if {
	p.witness == false
	probes.fixed_invoke_arns[p.resource]
}

# unapproved_probes(stmts): the unapproved fixed probes (with the statements' own Regions) and witnesses
unapproved_probes(stmts) := probes.unapproved_fixed_with(stmts, ws) | ws if ws := probes.witnesses(stmts)

# unapproved_probes_in(stmts, key): the same, judged by the config's own entry for target key (root, OU or
# account ID) when it has one, else by the union (probes.scope)
unapproved_probes_in(stmts, key) := _join(probes.unapproved_fixed_with(stmts, ws), ws) if {
	# a target without an entry of its own is judged by the union: witnesses_in is witnesses, built once here
	not probes.scoped(key)
	ws := probes.witnesses(stmts)
} else := _join(probes.unapproved_fixed_in(stmts, key), probes.witnesses_in(stmts, key))

# _join(a, b): a | b, without copying a into a new set when b is empty (OPA's wasm runtime hashes every element
# of both sides again for a union)
_join(a, b) := a if count(b) == 0

_join(a, b) := a | b if count(b) > 0

# leaks(stmts): unapproved probes the statements allow
leaks(stmts) := allowed_probes(stmts, unapproved_probes(stmts))

# first(ps): the probe a message names: a foundation model in the commercial partition before other kinds
first(ps) := sort([[_rank(p), probes.describe(p), p] | some p in ps])[0][2]

# a probe's rank: its kind, then the commercial partition before others, then a Regional ARN before a
# Region-less one (a table lookup: arithmetic is slow in the wasm runtime)
_rank(p) := _rank_table[object.get(_kind_ranks, p.kind, 5)][_partition_rank(p.resource)][_regionless(p.resource)]

# built once per evaluation, not once per probe ranked
_kind_ranks := {"foundation-model": 0, "inference-profile": 1, "mantle": 2, "workspace": 3, "subscription": 4}

# [kind][partition][regionless] -> kind * 4 + partition * 2 + regionless
_rank_table := [
	[[0, 1], [2, 3]], [[4, 5], [6, 7]], [[8, 9], [10, 11]],
	[[12, 13], [14, 15]], [[16, 17], [18, 19]], [[20, 21], [22, 23]],
]

_regionless(arn) := 1 if startswith(arn, "arn:aws:bedrock:::")

_regionless(arn) := 0 if not startswith(arn, "arn:aws:bedrock:::")

_partition_rank(arn) := 0 if startswith(arn, "arn:aws:")

_partition_rank(arn) := 1 if not startswith(arn, "arn:aws:")

# summary(ps): "`<first probe>`", plus how many more and of which kinds
summary(ps) := concat("", ["`", _first_words(ps), "`", _more(ps)])

# the words of the first probe by rank, then by its words: only the probes of the lowest rank are described
_first_words(ps) := min([probes.describe(p) | some [rk, p] in ranked; rk == r]) if {
	# arrays, not sets: each probe ranked once, and no probe hashed
	ranked := [[_rank(p), p] | some p in ps]
	r := min([rk | some [rk, _] in ranked])
}

_more(ps) := "" if count(ps) == 1

_more(ps) := concat("", [" (and ", format_int(count(ps) - 1, 10), " more unapproved requests)"]) if count(ps) > 1
