# Part of package lib.access.identity (its METADATA is in identity.rego): roles handed out by their ARN — to EKS
# pods, Cognito identity pool and user pool users, Roles Anywhere certificate holders, IoT devices — and Cognito
# identity pools that let more users reach the roles they hand out.
package lib.access.identity

# a role handed out by its ARN: to EKS pods, to a Cognito identity pool's (even unauthenticated) users, to the
# holders of certificates an IAM Roles Anywhere profile trusts. type -> [attributes holding role ARNs, words]
_role_handouts := {
	"aws_eks_pod_identity_association": [["role_arn"], "pod identity association "],
	"awscc_eks_pod_identity_association": [["role_arn"], "pod identity association "],
	"aws_cognito_identity_pool_roles_attachment": [["roles", "role_mapping"], "Cognito identity pool roles "],
	"awscc_cognito_identity_pool_role_attachment": [["roles", "role_mappings"], "Cognito identity pool roles "],
	"aws_rolesanywhere_profile": [["role_arns"], "Roles Anywhere profile "],
	"awscc_rolesanywhere_profile": [["role_arns"], "Roles Anywhere profile "],
	"aws_cognito_user_group": [["role_arn"], "Cognito user pool group "],
	"awscc_cognito_user_pool_group": [["role_arn"], "Cognito user pool group "],
	"aws_iot_role_alias": [["role_arn"], "IoT role alias "],
	"awscc_iot_role_alias": [["role_arn"], "IoT role alias "],
}

exposures contains {"rc": rc, "holder": ["role", name], "how": concat("", [spec[1], rc.address])} if {
	some rc in _written
	spec := _role_handouts[rc.type]
	some arn in _handed_arns(spec[0], _left(rc))
	not _handed_arns(spec[0], _before(rc))[arn]
	some r in _kept
	r.type in {"aws_iam_role", "awscc_iam_role"}
	_left(r).arn == arn
	name := _role_name(_left(r))
}

# a Cognito identity pool's roles attachment whose roles or role mapping change: a role it already named may now
# go to other users (a mapping rule widened, a rule's role made the default authenticated role; attack19), so
# every role the changed attribute names after the change is handed out anew
exposures contains {"rc": rc, "holder": ["role", name], "how": concat("", [spec[1], rc.address])} if {
	some rc in _written
	rc.type in _cognito_attachments
	spec := _role_handouts[rc.type]
	some attr in spec[0]
	object.get(_before(rc), attr, null) != object.get(_left(rc), attr, null)
	some arn in _handed_arns([attr], _left(rc))
	some r in _kept
	r.type in {"aws_iam_role", "awscc_iam_role"}
	_left(r).arn == arn
	name := _role_name(_left(r))
}

_cognito_attachments := {"aws_cognito_identity_pool_roles_attachment", "awscc_cognito_identity_pool_role_attachment"}

# a Cognito identity pool that lets more users in: unauthenticated identities or the classic (basic) flow turned on,
# or its identity providers changed. Every role its roles attachments name is handed to them (attack19)
exposures contains {"rc": pool, "holder": ["role", name], "how": concat("", ["Cognito identity pool ", pool.address, " (", why, ")"])} if {
	some pool in _written
	pool.type in {"aws_cognito_identity_pool", "awscc_cognito_identity_pool"}
	why := _pool_opened(pool)
	id := _left(pool).id
	is_string(id)
	some att in _kept
	att.type in _cognito_attachments
	_left(att).identity_pool_id == id
	some arn in _handed_arns(_role_handouts[att.type][0], _left(att))
	some r in _kept
	r.type in {"aws_iam_role", "awscc_iam_role"}
	_left(r).arn == arn
	name := _role_name(_left(r))
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

_role_name(v) := v.name if is_string(v.name)

_role_name(v) := v.role_name if is_string(v.role_name)
