# METADATA
# title: IAM condition evaluation against a partly known request context
# description: |
#   Evaluates a statement's Condition block against a probe's request context in three values: "t" (the
#   condition surely holds), "f" (it surely does not) and "u" (the gate cannot tell). The context maps lower-case
#   condition keys to arrays of values; an empty array means the key is absent from the request, and a key that
#   is not in the context at all is unknown (it may be absent or hold any value). Supported: the String and Arn
#   operators (Equals, NotEquals, EqualsIgnoreCase, NotEqualsIgnoreCase, Like, NotLike; ArnEquals/ArnLike match
#   wildcards like ArnLike, by ARN segment: iam.arn_condition_may and iam.arn_condition_surely, "u" where the two
#   readings of a wildcard disagree), their IfExists forms, the ForAnyValue and ForAllValues set qualifiers, and Null.
#   Every other operator (Bool, Numeric, Date, IpAddress, ...) is unknown, and so is a value holding a policy
#   variable when the key is present (IAM fills it in per request). Semantics of an absent key follow the
#   IAM user guide (facts doc section 6): a positive operator is false, a negated one true, IfExists true,
#   ForAnyValue false, ForAllValues true.
# scope: package
package lib.access.conditions

import data.lib.access.probes
import data.lib.iam

_ops := {
	"stringequals", "stringnotequals", "stringequalsignorecase", "stringnotequalsignorecase",
	"stringlike", "stringnotlike", "arnequals", "arnnotequals", "arnlike", "arnnotlike", "null",
}

# the Condition block of a statement ({} when there is none)
block(s) := object.get(s, "Condition", {})

# a Condition that is not an object of objects cannot be read: every verdict on it is "u"
_malformed(s) if not is_object(block(s))

_malformed(s) if {
	some kv in block(s)
	not is_object(kv)
}

# results: one verdict per (operator, key) pair of the statement's Condition
results(s, ctx) := [r |
	some op, kv in block(s)
	is_object(kv)
	some k, cv in kv
	r := _eval(op, k, cv, ctx)
]

# surely_false: some operator surely fails, so an Allow with this Condition cannot apply
surely_false(s, ctx) if {
	not _malformed(s)
	"f" in results(s, ctx)
}

# surely_true: every operator surely holds (or there is no Condition), so a Deny with it surely applies
surely_true(s, ctx) if {
	not _malformed(s)
	every r in results(s, ctx) {
		r == "t"
	}
}

# The fixed probes' principal (probes.principal) stands for every principal an account may hold. Whether it is
# one of a family of principals that a pattern names ("role/*", "role/admin*", "*": probes.broad_principal) the
# gate cannot tell, so with an operator that reads wildcards (the Like and Arn ones) such a condition is unknown
# for it unless some pattern matches it as written ("*", "arn:aws:iam::*:role/*"): a Deny exempting the family
# may not apply, and an Allow granted to the family (or to every principal but it) may. A pattern naming one
# principal ("role/BreakGlassAdmin") is matched as written. Other principals (probes.principal_witnesses, made
# from the condition values themselves) are always matched as written, so a Deny that exempts one named role, or
# every role but the probe's own, is seen to stop applying to those roles.
_eval(op, k, cv, ctx) := "u" if {
	lower(k) == "aws:principalarn"
	p := _parse(op)
	replace(p.base, "not", "") in {"stringlike", "arnequals", "arnlike"}
	cs := _values(cv)
	some v in ctx["aws:principalarn"]
	_default_principal(v)
	not _any_hit(p.base, cs, v)
	some c in cs
	_broad(p.base, c)
} else := "u" if {
	# a policy variable in a value (${aws:RequestedRegion}) is filled in from each request: compared as written it
	# would make "StringEquals aws:RequestedRegion ${aws:RequestedRegion}", which always holds, never hold
	some c in _values(cv)
	iam.has_variable(c)
	_reads_values(_parse(op), ctx[lower(k)])
} else := r if {
	p := _parse(op)
	key := lower(k)
	req := ctx[key]
	r := _eval_req(p, _values(cv), req)
} else := "u"

# a pattern naming a family of principals; as an Arn operator's value, not one that names no principal at all
_broad(base, c) if {
	probes.broad_principal(c)
	not _names_none(base, c)
}

_names_none(base, c) if {
	contains(base, "arn")
	probes.names_no_principal(c)
}

# the verdict depends on the condition's values: Null's always, any other operator's when the key is present (for
# an absent key the operator alone decides)
_reads_values(p, _) if p.base == "null"

_reads_values(_, req) if count(req) > 0

_parse(op) := {"set": _set(l), "base": base, "ifexists": endswith(rest, "ifexists")} if {
	is_string(op)
	l := lower(op)
	rest := trim_prefix(trim_prefix(l, "forallvalues:"), "foranyvalue:")
	base := trim_suffix(rest, "ifexists")
	base in _ops
}

_set(l) := "all" if startswith(l, "forallvalues:")

_set(l) := "any" if startswith(l, "foranyvalue:")

_set(l) := "" if {
	not startswith(l, "forallvalues:")
	not startswith(l, "foranyvalue:")
}

_values(cv) := [_str(c) | some c in iam.as_array(cv)]

_str(c) := c if is_string(c)

_str(c) := json.marshal(c) if not is_string(c)

_eval_req(p, cs, req) := _null(cs, req) if p.base == "null"

_eval_req(p, _, req) := _absent(p) if {
	p.base != "null"
	count(req) == 0
}

_eval_req(p, cs, req) := _present(p, cs, req) if {
	p.base != "null"
	count(req) > 0
}

# Null: "true" holds when the key is absent, "false" when it is present
_null(cs, req) := "t" if {
	some c in cs
	_null_hit(lower(c), count(req))
} else := "f"

_null_hit("true", 0)

_null_hit("false", n) if n > 0

_absent(p) := "t" if p.set == "all"

_absent(p) := "f" if p.set == "any"

_absent(p) := "t" if {
	p.set == ""
	p.ifexists
}

_absent(p) := "t" if {
	p.set == ""
	not p.ifexists
	_negated(p.base)
}

_absent(p) := "f" if {
	p.set == ""
	not p.ifexists
	not _negated(p.base)
}

_negated(base) if contains(base, "not")

_negated_b(base) if _negated(base)

_negated_b(base) := false if not _negated(base)

# An Arn operator's wildcard pattern may name more than it surely names (iam.arn_condition_surely: a "*" or "?" inside
# an ARN component, a pattern of fewer than six components): the verdict is "u" when counting the values it may
# match and counting those it surely matches disagree (the verdict moves one way with the count).
_present(p, cs, req) := "u" if {
	_wild_arn(p.base, cs)
	may := count([v | some v in req; _any_hit(p.base, cs, v)])
	sure := count([v | some v in req; _any_sure_hit(cs, v)])
	_verdict(p, may, count(req)) != _verdict(p, sure, count(req))
} else := "t" if {
	hits := count([v |
		some v in req
		_any_hit(p.base, cs, v)
	])
	_holds(p.set, _negated_b(p.base), hits, count(req))
} else := "f"

_verdict(p, hits, n) if {
	_holds(p.set, _negated_b(p.base), hits, n)
} else := false

_wild_arn(base, cs) if {
	replace(base, "not", "") in {"arnequals", "arnlike"}
	some c in cs
	iam.has_wildcard(c)
}

_any_sure_hit(cs, v) if {
	some c in cs
	iam.arn_condition_surely(c, v)
}

# positive operators: some value matches (all values, for ForAllValues)
_holds("", false, hits, _) if hits > 0

_holds("any", false, hits, _) if hits > 0

_holds("all", false, hits, n) if hits == n

# negated operators: no value matches (some value does not, for ForAnyValue)
_holds("", true, 0, _)

_holds("all", true, 0, _)

_holds("any", true, hits, n) if hits < n

_any_hit(base, cs, v) if {
	some c in cs
	_hit(replace(base, "not", ""), c, v)
}

_hit("stringequals", c, v) if c == v

_hit("stringequalsignorecase", c, v) if lower(c) == lower(v)

_hit("stringlike", c, v) if iam.wildcard_match(c, v)

_hit(base, c, v) if {
	base in {"arnequals", "arnlike"}
	iam.arn_condition_may(c, v)
}

_default_principal(v) if {
	segs := split(v, ":")
	count(segs) == 6
	v == probes.principal(segs[1])
}
