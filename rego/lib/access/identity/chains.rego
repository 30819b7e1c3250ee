# Part of package lib.access.identity (its METADATA is in identity.rego): role chaining. A role's trust policy that
# names a role or user of its own account (its ARN, a session of the role, or "*" with an aws:PrincipalArn
# condition naming it) lets that principal assume it with no grant of sts:AssumeRole of its own (in one account a
# resource policy that names the principal is enough). So whoever a change hands a role or user to (a trust policy
# opened, an access key, a console password, an IoT or Roles Anywhere credential, ...) can also reach every role
# that trusts it, and the roles trusting those: up to three hops are followed. Principals are matched by ARN when
# the plan shows it, else by name (a role or user the plan does not show). Not followed: a trust naming an account
# (":root", which needs the principal's own sts:AssumeRole grant, not modelled: README, privilege escalation), a
# principal pattern with a wildcard, and the roles Identity Center creates for a permission set.
package lib.access.identity

import data.lib.iam

exposures contains e if some e in _base_exposures

exposures contains e if some e in _hop1

exposures contains e if some e in _hop2

exposures contains e if some e in _hop3

_hop1 contains x if {
	some e in _base_exposures
	some x in _chained(e)
}

_hop2 contains x if {
	some e in _hop1
	some x in _chained(e)
}

_hop3 contains x if {
	some e in _hop2
	some x in _chained(e)
}

# the roles whose trust policy (after the plan) names the exposed role or user
_chained(e) := {x |
	e.holder[0] in {"role", "user"}
	some [principal, r] in trust_entries
	not [e.holder[0], r] == ["role", e.holder[1]]
	_names_holder(principal, e.holder)
	how := concat("", [e.how, ", then role ", r, " that trusts ", e.holder[0], " ", e.holder[1]])
	x := {"rc": e.rc, "holder": ["role", r], "how": how}
}

# a principal names the holder: one of its ARNs as the plan shows them, or (the holder outside the plan, or its
# ARN unknown) an IAM ARN of its kind and name, or an STS session of the role
_names_holder(principal, h) if principal in _principal_arns(h)

_names_holder(principal, h) if principal_name(principal) == [h[0], h[1]]

# the ARNs a role or user has after the plan (known ones only: a trust policy cannot name an ARN unknown until apply)
_principal_arns(h) := {v.arn |
	some rc in _kept
	spec := _boundary_spec[rc.type]
	spec[0] == h[0]
	v := _left(rc)
	v[spec[1]] == h[1]
	is_string(v.arn)
}

# principal_name(arn): [kind, name] of the role or user an IAM ARN names (role/[path/]name, user/[path/]name), or
# ["role", name] for an STS assumed-role session ARN (assumed-role/name/session); undefined for a pattern with a
# wildcard or anything else (gate/select.ts's "@principal-name" reads them the same way)
principal_name(arn) := [segs[0], segs[count(segs) - 1]] if {
	not iam.has_wildcard(arn)
	parts := split(arn, ":")
	count(parts) >= 6
	parts[2] == "iam"
	segs := split(concat(":", array.slice(parts, 5, count(parts))), "/")
	segs[0] in {"role", "user"}
	count(segs) >= 2
}

principal_name(arn) := ["role", segs[1]] if {
	not iam.has_wildcard(arn)
	parts := split(arn, ":")
	count(parts) >= 6
	parts[2] == "sts"
	segs := split(concat(":", array.slice(parts, 5, count(parts))), "/")
	segs[0] == "assumed-role"
	count(segs) >= 3
}

# trust_entries: [principal, role name] for every role whose trust policy after the plan has an Allow of
# sts:AssumeRole for that AWS principal; for "*" (or AWS "*") the ARNs an aws:PrincipalArn condition names
trust_entries contains [p, name] if {
	some [s, name] in _trust_allows
	some p in iam.as_array(object.get(object.get(s, "Principal", {}), "AWS", []))
	is_string(p)
	p != "*"
}

trust_entries contains [p, name] if {
	some [s, name] in _trust_allows
	_principal_star(s)
	some block in object.get(s, "Condition", {})
	is_object(block)
	some k, vals in block
	lower(k) == "aws:principalarn"
	some p in iam.as_array(vals)
	is_string(p)
}

_trust_allows contains [s, name] if {
	some rc in _kept
	spec := _trust_spec[rc.type]
	v := _left(rc)
	name := v[spec[0]]
	is_string(name)
	some s in _trust_stmts(_trust_doc(v[spec[1]]))
	iam.allows(s)
	iam.covers_action(s, "sts:assumerole")
}

_principal_star(s) if s.Principal == "*"

_principal_star(s) if "*" in iam.as_array(s.Principal.AWS)
