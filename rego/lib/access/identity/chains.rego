# Part of package lib.access.identity (its METADATA is in identity.rego): role chaining. A role's trust policy that
# names a role or user of its own account by ARN lets that principal assume it with no grant of sts:AssumeRole of
# its own (in one account a resource policy that names the principal is enough). So whoever a change hands a role or
# user to (a trust policy opened, an access key, a console password, an IoT or Roles Anywhere credential, ...) can
# also reach every role that trusts it by ARN, and the roles trusting those: up to three hops are followed. A trust
# policy naming an account (":root") needs the principal's own sts:AssumeRole grant, which is not modelled (README:
# privilege escalation).
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

# the roles whose trust policy (after the plan) names the exposed role or user by ARN
_chained(e) := {x |
	e.holder[0] in {"role", "user"}
	some arn in _principal_arns(e.holder)
	some r in trusting_roles[arn]
	r != e.holder[1]
	how := concat("", [e.how, ", then role ", r, " that trusts ", e.holder[0], " ", e.holder[1]])
	x := {"rc": e.rc, "holder": ["role", r], "how": how}
}

# the ARNs a role or user has after the plan (known ones only: a trust policy cannot name an ARN unknown until apply)
_principal_arns(h) := {v.arn |
	some rc in _kept
	_principal_kind[rc.type] == h[0]
	v := _left(rc)
	v[_name_attr[rc.type]] == h[1]
	is_string(v.arn)
}

_principal_kind := {"aws_iam_role": "role", "awscc_iam_role": "role", "aws_iam_user": "user", "awscc_iam_user": "user"}

_name_attr := {"aws_iam_role": "name", "awscc_iam_role": "role_name", "aws_iam_user": "name", "awscc_iam_user": "user_name"}

# trusting_roles[principal ARN]: the roles whose trust policy after the plan has an Allow of sts:AssumeRole (by any
# pattern) for that AWS principal
trusting_roles[arn] contains name if {
	some rc in _kept
	spec := _trust_spec[rc.type]
	v := _left(rc)
	name := v[spec[0]]
	is_string(name)
	some s in _stmts(_trust_doc(v[spec[1]]))
	iam.allows(s)
	iam.covers_action(s, "sts:assumerole")
	some arn in iam.as_array(object.get(object.get(s, "Principal", {}), "AWS", []))
	is_string(arn)
	contains(arn, ":iam::")
}
