# Part of package lib.access.probes (its METADATA is in probes.rego): the probes only guardrail (SCP) judgments
# use, through unapproved_fixed_for: the Bedrock API-key calls and the principal witnesses of aws:PrincipalArn
# conditions. Neither grants a model to an identity policy on its own, so the identity verdicts never see them.
package lib.access.probes

# conditions reads probes.principal (the fixed probes' role), and _distinct_principals reads the verdicts of
# conditions: functions calling each other across the two packages, no rule depending on itself
# regal ignore:circular-import
import data.lib.access.conditions
import data.lib.iam

# ---- Bedrock API keys (facts doc section 5): calls with a bearer token on both endpoints, in a named Region
# and in a Region no policy names, and creating a Bedrock service-specific credential (an IAM call: its
# requested Region is us-east-1). No action of these takes a model, so they are probes of guardrails only.
apikey_base := {_apikey(a, r, {}) |
	some a in ["bedrock:callwithbearertoken", "bedrock-mantle:callwithbearertoken"]
	some r in ["us-east-1", "zz-probe-9"]
} | {_apikey(
	"iam:createservicespecificcredential",
	"us-east-1",
	{"iam:servicespecificcredentialservicename": ["bedrock.amazonaws.com"]},
)}

apikey_unapproved contains p if {
	some p in apikey_base
	not approved(p)
}

_apikey(action, region, extra) := {
	"surface": "apikey",
	"action": action,
	"resource": _apikey_resource(action),
	"ctx": object.union(_base_ctx("aws", region), extra),
	"kind": "apikey",
	"model": "",
	"product": "",
	"witness": false,
}

_apikey_resource("iam:createservicespecificcredential") := concat("", ["arn:aws:iam::", probe_account, ":user/zz-modelgate-probe"])

_apikey_resource(a) := "*" if a != "iam:createservicespecificcredential"

# how a Subscribe request may arrive (product witnesses, probes.rego): directly (no aws:CalledViaLast), through
# Bedrock, through bedrock-mantle
_subscribe_callers := [[], ["bedrock.amazonaws.com"], ["bedrock-mantle.amazonaws.com"]]

# ---- principal witnesses
#
# A condition on aws:PrincipalArn names principals; one probe principal cannot stand for them all (a Deny that
# exempts role/a* ... role/y* spares every role but the probe's own z-led one). So when a statement list has
# such a condition, the fixed probes and the API-key calls (_principal_base) are asked, for the actions a statement
# with such a condition covers, by principals besides the fixed probes' role: one each pattern names (every
# wildcard filled in), principals of other kinds (an IAM user, an account's root user, a federated user session)
# and principals no pattern names (_unnamed_principals), one of each class the conditions judge alike
# (_distinct_principals). A witness is "narrow" when its pattern names one principal (no wildcard after the
# account segment): a named break-glass role. The statements' own invoke and Subscribe witnesses (a model or
# product they name) and their own Regions', accounts' and partitions' probes are asked by those principals too: a
# Deny exempting role Research beside one exempting model X (or Region R) spares exactly Research calling X (or
# calling in R) (fourth and fifth attacks).
principal_witnesses(stmts) := principal_witnesses_of(stmts, own_fixed(stmts))

# principal_witnesses_of(stmts, own): the same from own_fixed(stmts), which the caller has built; the statements'
# witnesses are built only when a principal condition needs them
principal_witnesses_of(stmts, own) := principal_witnesses_with(stmts, witnesses(stmts), own) if {
	count(_condition_values(stmts, "aws:principalarn")) > 0
} else := set()

# principal_witnesses_with(stmts, ws, own): principal_witnesses(stmts) from the statements' witnesses(stmts) and
# own_fixed(stmts), which the callers have built already (wasm does not memoize functions, and these two sets
# are among the costliest an SCP's judgment builds: building them again here was a fifth of a plan's evaluation)
principal_witnesses_with(stmts, ws, own) := {_as_principal(q, pr) |
	some a in acts
	some q in object.get(_principal_base, a, [])
	some pr in reps
} | {_as_principal(q, pr) |
	some q in _own_requests(ws, own)
	acts[q.action]
	some pr in reps
} if {
	pats := _condition_values(stmts, "aws:principalarn")
	count(pats) > 0
	acts := _principal_conditioned_actions(stmts)
	reps := _distinct_principals(stmts, ((_pattern_principals(stmts, pats) | _other_principals) | _unnamed_principals(pats)))
} else := set()

# _unnamed_principals(pats): a role, an IAM user and a federated user session that no pattern matches, when one
# of a real name's length (1 to 64 characters) exists: named with one character no pattern holds, repeated as
# often as the shortest such name needs (a pattern of "?" and "*" only matches every name of some lengths). The
# fixed probes' role stands for every principal, but a pattern that happens to match it (role/*-*, role/*o*) or
# names it matches only some roles: a Deny restricted to principals like that spares the others (attacks: a Deny
# of every allow-list statement restricted to roles with a hyphen, or to the probes' own names and 65-character
# names, spared MLDeveloper, and the gate passed it). Only when every length is matched (every name is) is the
# name 65 characters long.
_unnamed_principals(pats) := {[_unnamed(pats, c, kind), false] |
	free := [x | some x in split("QZXJKVWYqzxjkvwy0123456789", ""); not _in_some(pats, x)]
	c := array.concat(free, ["Q"])[0]
	some kind in [
		concat("", ["arn:aws:iam::", probe_account, ":role/"]),
		concat("", ["arn:aws:iam::", probe_account, ":user/"]),
		concat("", ["arn:aws:sts::", probe_account, ":federated-user/"]),
	]
}

# the principal ARN of kind (its ARN up to the name) named by c repeated, the fewest times no pattern matches; a
# pattern with a character outside kind's ARN, other than a wildcard, never matches a name made of c (most do: the
# one-character name is then taken without trying the lengths)
_unnamed(pats, c, kind) := concat("", [kind, c]) if {
	count([v | some v in pats; _only_chars_of(v, kind)]) == 0
} else := [arn |
	could := [v | some v in pats; _only_chars_of(v, kind)]
	full := concat("", [c | some _ in numbers.range(1, 65)])
	some k in numbers.range(1, 65)
	arn := concat("", [kind, substring(full, 0, k)])
	_unmatched(could, arn, k)
][0]

# the last length (65) is taken whatever matches it
_unmatched(_, _, 65)

_unmatched(pats, arn, k) if {
	k < 65
	not _matched(pats, arn)
}

_matched(pats, arn) if {
	some v in pats
	iam.wildcard_match(v, arn)
}

_only_chars_of(v, kind) if {
	every x in split(v, "") {
		_wild_or_in(x, kind)
	}
}

_wild_or_in(x, _) if x in {"*", "?"}

_wild_or_in(x, kind) if contains(kind, x)

_in_some(pats, c) if {
	some v in pats
	contains(v, c)
}

# _distinct_principals(stmts, prs): one principal of prs ([arn, narrow] pairs) for each way the statements'
# conditions judge a request that differs only in its aws:PrincipalArn (conditions.results of a context holding
# that key alone: every other key is unknown, "u" for all principals alike): principals judged alike by every such
# operator get the same verdict on every request, so one of them stands for the others (a broad one before a
# narrow one, so that a finding does not take a broad exemption for a break-glass role). Sixty-two patterns
# "role/a*" ... "role/9*" exempting every role they name make one principal, not sixty-two.
_distinct_principals(stmts, prs) := {rep |
	conditioned := [s | some s in stmts; _names_principal(s)]
	verdicts := {pr: [conditions.results(s, {"aws:principalarn": [pr[0]]}) | some s in conditioned] | some pr in prs}
	some v in {verdicts[pr] | some pr in prs}
	rep := min({[pr[1], pr[0], pr] | some pr, x in verdicts; x == v})[2]
}

# _principal_conditioned_actions(stmts): the probe actions some statement with an aws:PrincipalArn condition covers.
# Only such a statement tells one principal from another, so a request whose action none of them covers is judged
# alike for every principal: its principal witnesses would repeat the fixed probes' verdicts.
_principal_conditioned_actions(stmts) := {a |
	some s in stmts
	_names_principal(s)
	some a in object.keys(action_names)
	iam.covers_action(s, a)
}

_names_principal(s) if {
	some kv in object.get(s, "Condition", {})
	is_object(kv)
	some k, _ in kv
	lower(k) == "aws:principalarn"
}

# the requests each principal witness asks: the fixed probes (each resource kind and profile geography in a named
# and an unnamed Region, both mantle actions, Claude Platform, Subscribe) and the API-key calls, by action (the
# caller takes those a principal condition can tell apart). As arrays: built once per evaluation, and stepped
# through without hashing each probe. (Attacks: a small set of these was asked, so an exemption for role Research
# beside Research-only Denies of direct model calls, of us. profiles, of US Regions or of mantle inference let
# Research through eu. and global. profiles, other Regions or mantle fine-tuning.)
_principal_base := {a: [q | some q in base; q.action == a] | some a in object.keys(action_names)} if {
	base := array.concat([q | some q in fixed_base], [q | some q in apikey_base])
}

_own_requests(ws, own) := {w |
	some w in ws
	w.surface in {"invoke", "subscribe"}
} | own

# a principal named by each pattern, but for patterns that name none (service-linked roles, which SCPs never
# restrict; ARN patterns with a "/" before the resource under Arn operators only)
_pattern_principals(stmts, pats) := {[fill_principal(v), _narrow(v)] |
	some v in pats
	not service_linked(v)
	not _arn_only_naming_nobody(stmts, v)
}

# A session from sts:GetFederationToken (an IAM user mints one for itself) is an STS principal: its aws:PrincipalArn
# is arn:aws:sts::<account>:federated-user/<name> (IAM's global condition keys reference; not in the verified facts
# file, so it only adds a request to judge: a Deny restricted to "arn:aws:iam::*:*" no longer reaches it).
_other_principals := {
	[concat("", ["arn:aws:iam::", probe_account, ":user/zz-modelgate-probe"]), false],
	[concat("", ["arn:aws:iam::", probe_account, ":root"]), false],
	[concat("", ["arn:aws:sts::", probe_account, ":federated-user/zz-modelgate-probe"]), false],
}

# fill_principal(pattern): a principal ARN the pattern matches (its account wildcards filled with the probe
# account, every other "*" with "zzprobe" and "?" with "z")
fill_principal(v) := concat(":", array.concat(
	["arn", _fill_partition(segs[1]), _fill_id(segs[2]), _fill_id(segs[3]), _fill_account(segs[4])],
	[_fill_id(concat(":", array.slice(segs, 5, count(segs))))],
)) if {
	startswith(v, "arn:")
	segs := split(v, ":")
	count(segs) >= 6
} else := _fill_id(v)

# broad_principal(pattern): the pattern names more than one principal of an account: a wildcard after the
# account segment ("role/*", "role/admin*", "role/*/x", "role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*"),
# a policy variable after it ("role/${aws:PrincipalTag/bypass}"), nothing after it, or no ARN at all ("*").
# "arn:aws:iam::*:role/BreakGlassAdmin" (one role name, in any account) is not broad.
broad_principal(v) if {
	not _named_principal(v)
	not service_linked(v)
}

# names_no_principal(pattern): as an ArnLike or ArnEquals value, an ARN pattern with a "/" in its partition,
# service, Region or account segment, and no "*" ending a segment before it ("arn:aws:iam::*/*"): whichever way IAM
# reads its wildcards, the matched ARN holds that "/" in that segment (a "*" crosses colons only where it ends a
# segment: "arn:aws:iam:*:*/x" may name role/x), and no principal's ARN has one there. (StringLike globs the whole
# string: "arn:aws:iam::*/x*" names role/x1.)
names_no_principal(v) if {
	startswith(v, "arn:")
	segs := split(v, ":")
	some i in [1, 2, 3, 4]
	i < count(segs)
	contains(segs[i], "/")
	every seg in array.slice(segs, 1, i) {
		not endswith(seg, "*")
	}
}

# a pattern that only Arn operators name, and that names no principal as one: a witness made from it would be no
# principal at all
_arn_only_naming_nobody(stmts, v) if {
	names_no_principal(v)
	not _value_under_other_operator(stmts, v)
}

_value_under_other_operator(stmts, v) if {
	some s in stmts
	some op, kv in object.get(s, "Condition", {})
	is_object(kv)
	not contains(lower(op), "arn")
	some k, cv in kv
	lower(k) == "aws:principalarn"
	v in iam.as_array(cv)
}

# service_linked(pattern): the pattern names only service-linked roles (path /aws-service-role/), which SCPs never
# restrict (Organizations UG, "SCPs don't affect service-linked roles"): exempting them from a Deny exempts no one
# the Deny governed
service_linked(v) if {
	startswith(v, "arn:")
	segs := split(v, ":")
	count(segs) >= 6
	startswith(concat(":", array.slice(segs, 5, count(segs))), "role/aws-service-role/")
}

_narrow(v) if _named_principal(v)

else := false

# a policy variable (role/${aws:PrincipalTag/x}) is filled in per request: it names whoever carries the tag, a
# family like a wildcard
_named_principal(v) if {
	startswith(v, "arn:")
	segs := split(v, ":")
	count(segs) >= 6
	rest := concat(":", array.slice(segs, 5, count(segs)))
	rest != ""
	not iam.has_wildcard(rest)
	not contains(rest, "${")
}

_as_principal(q, [arn, narrow]) := object.union(q, {
	"ctx": object.union(q.ctx, {"aws:principalarn": [arn]}),
	"principal": arn,
	"narrow": narrow,
})
