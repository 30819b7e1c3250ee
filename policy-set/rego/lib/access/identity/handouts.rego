# Part of package lib.access.identity (its METADATA is in identity.rego): roles handed out by their ARN — to EKS
# pods, Cognito identity pool and user pool users, Roles Anywhere certificate holders, IoT devices — and Cognito
# identity pools that let more users reach the roles they hand out.
package lib.access.identity

# a role handed out by its ARN: to EKS pods, to a Cognito identity pool's (even unauthenticated) users, to the
# holders of certificates an IAM Roles Anywhere profile trusts. type -> [attributes holding role ARNs, words]
_role_handouts := {
	"aws_eks_pod_identity_association": [["role_arn", "target_role_arn"], "pod identity association "],
	"awscc_eks_pod_identity_association": [["role_arn", "target_role_arn"], "pod identity association "],
	"aws_cognito_identity_pool_roles_attachment": [["roles", "role_mapping"], "Cognito identity pool roles "],
	"awscc_cognito_identity_pool_role_attachment": [["roles", "role_mappings"], "Cognito identity pool roles "],
	"aws_rolesanywhere_profile": [["role_arns"], "Roles Anywhere profile "],
	"awscc_rolesanywhere_profile": [["role_arns"], "Roles Anywhere profile "],
	"aws_cognito_user_group": [["role_arn"], "Cognito user pool group "],
	"awscc_cognito_user_pool_group": [["role_arn"], "Cognito user pool group "],
	"aws_iot_role_alias": [["role_arn"], "IoT role alias "],
	"awscc_iot_role_alias": [["role_arn"], "IoT role alias "],
}

_base_exposures contains {"rc": rc, "holder": ["role", name], "how": concat("", [spec[1], rc.address])} if {
	some rc in _written
	spec := _role_handouts[rc.type]
	some arn in _handed_arns(spec[0], _left(rc))
	_handed_anew(rc, spec, arn)
	some name in _roles_by_arn[arn]
}

# a role ARN handed out anew: one the resource did not hold before, or any it holds once it hands them to someone
# else (attack20: a roles attachment replaced onto a new identity pool, a pod identity moved to another service
# account), or to someone unknown until apply
_handed_anew(rc, spec, arn) if not _handed_arns(spec[0], _before(rc))[arn]

_handed_anew(rc, _, _) if {
	some t in object.get(_handout_targets, rc.type, [])
	_moved(rc, t)
}

_moved(rc, t) if object.get(_before(rc), t, null) != object.get(_left(rc), t, null)

# an attribute unknown until apply: after_unknown holds true for it, or somewhere inside it (a block or collection
# is written as its structure, false where known)
_moved(rc, t) if {
	walk(object.get(object.get(rc.change, "after_unknown", {}), t, false), [_, v])
	v == true
}

# the attributes that say to whom a resource hands its roles
_handout_targets := {
	"aws_eks_pod_identity_association": ["cluster_name", "namespace", "service_account"],
	"awscc_eks_pod_identity_association": ["cluster_name", "namespace", "service_account"],
	"aws_cognito_identity_pool_roles_attachment": ["identity_pool_id"],
	"awscc_cognito_identity_pool_role_attachment": ["identity_pool_id"],
	"aws_cognito_user_group": ["user_pool_id", "name"],
	"awscc_cognito_user_pool_group": ["user_pool_id", "group_name"],
	"aws_iot_role_alias": ["alias"],
	"awscc_iot_role_alias": ["role_alias"],
	# a Roles Anywhere profile turned on, or its session policies (which cap every session, as a boundary does, and
	# which the gate never credits) changed (attack21)
	"aws_rolesanywhere_profile": ["enabled", "session_policy", "managed_policy_arns"],
	"awscc_rolesanywhere_profile": ["enabled", "session_policy", "managed_policy_arns"],
}

# a user added to a Cognito user pool group that names a role: with token-based role mapping the user gets it
# (attack20)
_base_exposures contains {"rc": rc, "holder": ["role", name], "how": how} if {
	some rc in _written
	rc.type in {"aws_cognito_user_in_group", "awscc_cognito_user_pool_user_to_group_attachment"}
	_member_new(rc)
	v := _left(rc)
	some g in _kept
	g.type in {"aws_cognito_user_group", "awscc_cognito_user_pool_group"}
	_left(g).user_pool_id == v.user_pool_id
	group := v.group_name
	group in {object.get(_left(g), "name", null), object.get(_left(g), "group_name", null)}
	arn := _left(g).role_arn
	some name in _roles_by_arn[arn]
	how := concat("", ["Cognito user pool group ", group, " (", rc.address, ")"])
}

_member_new(rc) if _before(rc) != _left(rc)

# a Cognito identity pool's roles attachment whose roles or role mapping change: a role it already named may now
# go to other users (a mapping rule widened, a rule's role made the default authenticated role; attack19), so
# every role the changed attribute names after the change is handed out anew
_base_exposures contains {"rc": rc, "holder": ["role", name], "how": concat("", [spec[1], rc.address])} if {
	some rc in _written
	rc.type in _cognito_attachments
	spec := _role_handouts[rc.type]
	some attr in spec[0]
	object.get(_before(rc), attr, null) != object.get(_left(rc), attr, null)
	some arn in _handed_arns([attr], _left(rc))
	some name in _roles_by_arn[arn]
}

_cognito_attachments := {"aws_cognito_identity_pool_roles_attachment", "awscc_cognito_identity_pool_role_attachment"}

# a Cognito identity pool that lets more users in: unauthenticated identities or the classic (basic) flow turned on,
# or its identity providers changed. Every role its roles attachments name is handed to them (attack19)
_base_exposures contains {"rc": pool, "holder": ["role", name], "how": how} if {
	some pool in _written
	pool.type in {"aws_cognito_identity_pool", "awscc_cognito_identity_pool"}
	why := _pool_opened(pool)
	id := _left(pool).id
	is_string(id)
	some att in _kept
	att.type in _cognito_attachments
	_left(att).identity_pool_id == id
	some arn in _handed_arns(_role_handouts[att.type][0], _left(att))
	some name in _roles_by_arn[arn]
	how := concat("", ["Cognito identity pool ", pool.address, " (", why, ")"])
}

# why a pool update lets more users in (the first reason that holds)
_pool_opened(pool) := concat("", [flag, " turned on"]) if {
	some flag in ["allow_unauthenticated_identities", "allow_classic_flow"]
	_left(pool)[flag] == true
	not _before(pool)[flag] == true
} else := "its identity providers changed" if {
	some attr in _pool_providers
	object.get(_before(pool), attr, null) != object.get(_left(pool), attr, null)
}

# (aws names, then awscc's where they differ)
_pool_providers := [
	"cognito_identity_providers", "supported_login_providers", "openid_connect_provider_arns",
	"saml_provider_arns", "developer_provider_name", "open_id_connect_provider_ar_ns", "saml_provider_ar_ns",
]

# the role ARNs a state holds in the attributes (anywhere inside them: a list, a map, nested role mappings)
_handed_arns(attrs, v) := {x |
	is_object(v)
	some attr in attrs
	walk(object.get(v, attr, null), [_, x])
	is_string(x)
	contains(x, ":role/")
}

# the names of the roles the plan leaves in place, by ARN: built once per evaluation, not scanned per hand-out
_roles_by_arn[arn] contains _role_name(v) if {
	some r in _kept
	r.type in {"aws_iam_role", "awscc_iam_role"}
	v := _left(r)
	arn := v.arn
	is_string(arn)
}

_role_name(v) := v.name if is_string(v.name)

_role_name(v) := v.role_name if is_string(v.role_name)

# an SSM hybrid activation hands its role (by name) to every machine registered with its activation code: the
# machines get the role's credentials, as Roles Anywhere certificate holders and IoT devices do (attack review,
# 2026-11-30). Its attributes cannot change in place, so a created activation, or one naming another role, hands the
# role out anew.
_base_exposures contains {"rc": rc, "holder": ["role", name], "how": how} if {
	some rc in _written
	rc.type == "aws_ssm_activation"
	name := _left(rc).iam_role
	is_string(name)
	_moved(rc, "iam_role")
	how := concat("", ["SSM hybrid activation ", rc.address])
}
