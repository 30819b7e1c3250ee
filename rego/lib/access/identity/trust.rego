# Part of package lib.access.identity (its METADATA is in identity.rego): trust policies compared, before against
# after (does the role admit anyone new?), and permissions boundaries that limit a holder to approved requests.
package lib.access.identity

# regal ignore:pointless-import,circular-import
import data.lib.access
import data.lib.access.probes
import data.lib.iam

# a trust policy's statements as written: unlike an identity policy's (_stmts), a condition on aws:PrincipalArn is
# kept, since there it names the caller, not the holder
_trust_stmts(doc) := [s |
	some s in iam.as_array(doc.Statement)
	is_object(s)
]

# a role's trust policy admits principals it did not admit before
_trust_spec := {
	"aws_iam_role": ["name", "assume_role_policy"],
	"awscc_iam_role": ["role_name", "assume_role_policy_document"],
}

_base_exposures contains {"rc": rc, "holder": ["role", name], "how": concat("", ["the trust policy of role ", name])} if {
	some rc in _written
	is_object(rc.change.before)
	spec := _trust_spec[rc.type]
	name := rc.change.after[spec[0]]
	is_string(name)
	_trust_widens(rc, spec[1])
}

# (a role the plan creates has no one to admit before; every grant it carries is created with it, or is an
# unchanged grant named after a role deleted in the same plan, which the trust comparison does not reach)
_trust_widens(rc, attr) if _unknown(rc, attr)

_trust_widens(rc, attr) if {
	before := _trust_doc(rc.change.before[attr])
	after := _trust_doc(rc.change.after[attr])
	before != after
	not _trust_narrows(before, after, _own_account(rc))
}

# the role's own account (from its ARN; "" when the plan does not show it)
_own_account(rc) := parts[4] if {
	parts := split(_left(rc).arn, ":")
	count(parts) >= 6
} else := ""

# a trust policy the gate cannot read, before or after, may admit anyone
_trust_widens(rc, attr) if {
	is_object(rc.change.before)
	not _unknown(rc, attr)
	some v in [rc.change.before, rc.change.after]
	not _trust_doc(object.get(v, attr, null))
}

# a trust document as text (the aws provider) or as a value (awscc may hold either); undefined when unreadable
_trust_doc(t) := _doc(t)

_trust_doc(t) := t if is_object(t)

# after admits no one before did not: every (principal, action, conditions) an Allow of after grants, an Allow of
# before grants to the same principal (or "*") for the same action (or a wildcard of it) with no condition or with
# conditions after keeps (after may add conditions); and every Deny of before is still in after
_trust_narrows(before, after, own) if {
	grants := _trust_grants(before)
	every t in _trust_grants(after) {
		_trust_covered(t, grants, own)
	}
	kept := {_trust_form(t) | some t in _trust_stmts(after); t.Effect == "Deny"}
	every s in _trust_stmts(before) {
		_deny_kept(s, kept)
	}
}

_deny_kept(s, _) if not s.Effect == "Deny"

_deny_kept(s, kept) if _trust_form(s) in kept

# a trust statement without its Sid, each list (actions, principals, condition values) as a set and condition keys
# in lower case: the same statement however its lists are ordered or a one-element list is written
_trust_form(s) := {k: _trust_part(k, v) | some k, v in s; k != "Sid"}

_trust_part(k, v) := {op: {lower(ck): _as_set(cv) | some ck, cv in keys} | some op, keys in v} if {
	k == "Condition"
	is_object(v)
} else := {pk: _as_set(pv) | some pk, pv in v} if {
	k in {"Principal", "NotPrincipal"}
	is_object(v)
} else := _as_set(v) if is_array(v)

else := v

_trust_grants(doc) := {[pt, _principal_value(pt, p), lower(a), object.get(s, "Condition", {})] |
	some s in _trust_stmts(doc)
	s.Effect == "Allow"
	some pt, ps in _principals(s)
	some p in iam.as_array(ps)
	some a in _trust_actions(s)
}

# an account ID names the same principal as the account's root ARN (IAM UG, "AWS account principals")
_principal_value(pt, p) := concat("", ["arn:aws:iam::", p, ":root"]) if _account_id(pt, p)

_principal_value(pt, p) := p if not _account_id(pt, p)

_account_id("AWS", p) if regex.match(`^[0-9]{12}$`, p)

_principals(s) := {"*": "*"} if s.Principal == "*"

_principals(s) := s.Principal if is_object(s.Principal)

# a NotPrincipal or a principal of another shape: the whole statement stands for its principal
_principals(s) := {"statement": json.marshal(s)} if {
	not s.Principal == "*"
	not is_object(s.Principal)
}

# the actions that let a principal assume the role (sts:TagSession, sts:SetSourceIdentity and the like only add to
# a session someone may already start)
_trust_actions(s) := acts if {
	s.Action
	acts := [a |
		some a in iam.as_array(s.Action)
		is_string(a)
		some assume in ["sts:assumerole", "sts:assumerolewithwebidentity", "sts:assumerolewithsaml"]
		iam.wildcard_match(lower(a), assume)
	]
}

_trust_actions(s) := [json.marshal(s)] if not s.Action

_trust_covered([pt, p, a, c], grants, own) if {
	some [pt2, p2, a2, c2] in grants
	pt2 in {pt, "*"}
	_principal_within(p, p2, own)
	a2 in {a, "*", "sts:*"}
	_keeps_conditions(c2, c)
}

_principal_within(p, p2, _) if p2 in {p, "*"}

# a principal of another account named where its account's root was: a subset (both need the principal's own
# sts:AssumeRole grant there). In the role's own account naming a role or user lets it in without that grant, so
# there it is not narrower.
_principal_within(p, p2, own) if {
	is_string(p)
	parts := split(p, ":")
	count(parts) >= 6
	parts[2] in {"iam", "sts"}
	account := parts[4]
	account != own
	own != ""
	p2 == concat("", ["arn:", parts[1], ":iam::", account, ":root"])
}

# conditions c keep every condition of c2 (operators and keys are ANDed, so c is at least as strict): the same
# operator and key with the same values, or (_narrower) fewer values of a string or ARN test
_keeps_conditions(c2, c) if {
	is_object(c2)
	is_object(c)
	every op, keys in c2 {
		every k, vals in keys {
			_kept_test(op, k, vals, c)
		}
	}
}

_kept_test(op, k, vals, c) if _as_set(c[op][k]) == _as_set(vals)

_kept_test(op, k, vals, c) if {
	some op2, keys in c
	some k2, vals2 in keys
	lower(k2) == lower(k)
	_narrower(op, vals, op2, vals2)
}

_as_set(v) := {x | some x in iam.as_array(v)}

# a positive string or ARN test (Equals or Like, the same set prefix and IfExists) passes only values some value of
# the original passes: each value equal to one of them, a literal a pattern of them matches, or (Like) a pattern
# that starts with an original pattern's text before its one trailing "*"
_narrower(op, vals, op2, vals2) if {
	[prefix, family, if_exists] := _positive_test(op)
	[prefix, family, if_exists] == _positive_test(op2)
	every v in iam.as_array(vals2) {
		_value_within(v, op, op2, vals)
	}
}

# a negated test (StringNotEquals, ArnNotLike, ...) with more values excludes more
_narrower(op, vals, op2, vals2) if {
	op == op2
	_negated_test(op)
	_as_set(vals) - _as_set(vals2) == set()
}

_positive_test(op) := [prefix, family, endswith(rest, "IfExists")] if {
	parts := split(op, ":")
	prefix := concat(":", array.slice(parts, 0, count(parts) - 1))
	rest := parts[count(parts) - 1]
	some family, names in {"String": ["StringEquals", "StringLike"], "Arn": ["ArnEquals", "ArnLike"]}
	some n in names
	rest in {n, concat("", [n, "IfExists"])}
}

_negated_test(op) if {
	some n in ["StringNotEquals", "StringNotLike", "ArnNotEquals", "ArnNotLike"]
	startswith(split(op, ":")[count(split(op, ":")) - 1], n)
}

# a value of the new test (op2) passes only what some value of the original (op) passes: a literal (an Equals
# test's value, or a Like value without a wildcard) equal to an original value or matched by an original Like
# pattern; a pattern (a Like value with a wildcard) only under an original Like test, the same pattern or one that
# starts with an original pattern's text before its one trailing "*"
_value_within(v, op, op2, vals) if {
	_literal(v, op2)
	_literal_within(v, op, vals)
}

_value_within(v, op, op2, vals) if {
	not _literal(v, op2)
	contains(op, "Like")
	_pattern_within(v, op, vals)
}

_literal(_, op2) if not contains(op2, "Like")

_literal(v, _) if not is_string(v)

_literal(v, _) if {
	is_string(v)
	not iam.has_wildcard(v)
}

_literal_within(v, _, vals) if v in iam.as_array(vals)

# an original Like pattern passes the literal however IAM reads it: StringLike globs the whole string; ArnLike
# reads an ARN by components (iam.arn_condition_surely: "arn:aws:iam::*/*" passes no role, though every "*" of a
# whole-string glob would)
_literal_within(v, op, vals) if {
	is_string(v)
	contains(op, "StringLike")
	some p in iam.as_array(vals)
	iam.wildcard_match(p, v)
}

_literal_within(v, op, vals) if {
	is_string(v)
	contains(op, "ArnLike")
	some p in iam.as_array(vals)
	iam.arn_condition_surely(p, v)
}

_pattern_within(v, _, vals) if v in iam.as_array(vals)

_pattern_within(v, op, vals) if {
	some p in iam.as_array(vals)
	endswith(p, "*")
	stem := substring(p, 0, count(p) - 1)
	not iam.has_wildcard(stem)
	_stem_pattern(op, p)
	startswith(v, stem)
}

# an ArnLike pattern of fewer than six components may name nothing (iam.arn_condition_surely)
_stem_pattern(op, _) if not contains(op, "Arn")

_stem_pattern(op, p) if {
	contains(op, "Arn")
	count(split(p, ":")) >= 6
}

# a boundary replaced by one that itself allows no unapproved request (AmazonS3ReadOnlyAccess, a list of models
# approved everywhere): the holder's requests are within it, so nothing opens. Judged by the union of the approved
# sets (or the catalog) and, with a config, by every target's own set: a model one OU approves, let through by the
# boundary, could open in an account of another. A boundary the gate cannot resolve is not harmless.
_boundary_harmless(rc) if {
	rs := _boundary_policies(rc)
	count(rs) > 0
	every r in rs {
		count(access.leaks(r.stmts)) == 0
		_clean_in_every_scope(r.stmts)
	}
}

_clean_in_every_scope(_) if not probes.with_config

_clean_in_every_scope(stmts) if {
	probes.with_config
	every i, cfg in probes.scope_list {
		count(access.allowed_probes(stmts, _unapproved_in_scope(stmts, i, cfg))) == 0
	}
}

_unapproved_in_scope(stmts, i, cfg) := (probes.fixed_unapproved_in[i] | {p |
	some p in probes.own_fixed(stmts)
	not probes.approved_in(p, cfg)
}) | probes.witnesses_for(stmts, cfg)

# the policies a boundary names: by its ARN, or (unknown until apply) through the configuration's reference
_boundary_policies(rc) := resolved({"rc": rc, "arn": b, "attr": "permissions_boundary"}) if {
	b := _left(rc).permissions_boundary
	is_string(b)
}

_boundary_policies(rc) := resolved({"rc": rc, "arn": null, "attr": "permissions_boundary"}) if {
	not is_string(object.get(_left(rc), "permissions_boundary", null))
	_unknown(rc, "permissions_boundary")
}

# _denies_less(bd, ad): Deny statements before, not all of them kept as written (without Sid, lists in any order),
# deny an unapproved request (a fixed probe or a witness of either side's patterns) the Denies after do not
# (denies.rego; here, beside this package's one import of lib.access)
_denies_less(bd, ad) if {
	count({_trust_form(s) | some s in bd} - {_trust_form(s) | some s in ad}) > 0
	ps := access.unapproved_probes(array.concat(bd, ad))
	count(access.denied_probes(bd, ps) - access.denied_probes(ad, ps)) > 0
}
