# Part of package lib.access.identity (its METADATA is in identity.rego): credentials handed out for a principal that
# already holds its grants (attack review, 2026-11-30). The grants are unchanged, so nothing else in the plan is
# judged; the new credentials give them to whoever holds the credentials.
package lib.access.identity

import data.lib.iam

# ---- an IAM user's own credentials: an access key, a console password, a service-specific credential (a Bedrock
# API key among them) or a signing certificate

_user_credentials := {
	"aws_iam_access_key": "user",
	"aws_iam_user_login_profile": "user",
	"aws_iam_service_specific_credential": "user_name",
	"aws_iam_signing_certificate": "user_name",
}

exposures contains {"rc": rc, "holder": ["user", name], "how": concat("", ["new credentials for user ", name])} if {
	some rc in _written
	attr := _user_credentials[rc.type]
	name := _left(rc)[attr]
	is_string(name)
	_credential_new(rc, attr)
}

_credential_new(rc, _) if not is_object(rc.change.before)

_credential_new(rc, attr) if object.get(_before(rc), attr, null) != _left(rc)[attr]

# a credential turned back on (an access key or certificate made Active again)
_credential_new(rc, _) if {
	object.get(_before(rc), "status", "Active") != "Active"
	object.get(_left(rc), "status", "Active") == "Active"
}

# ---- IAM Roles Anywhere: CreateSession names a trust anchor, a profile and a role; nothing ties a profile to an
# anchor (only a role trust policy's aws:SourceArn condition could), so a certificate that chains to any enabled
# anchor of the account starts a session for any role an enabled profile lists. A trust anchor created, enabled, or
# trusting another certificate source hands out every such role.

_anchor_types := {"aws_rolesanywhere_trust_anchor", "awscc_rolesanywhere_trust_anchor"}

_profile_types := {"aws_rolesanywhere_profile", "awscc_rolesanywhere_profile"}

exposures contains {"rc": rc, "holder": ["role", name], "how": concat("", ["Roles Anywhere trust anchor ", rc.address])} if {
	some rc in _written
	rc.type in _anchor_types
	_anchor_widens(rc)
	not _left(rc).enabled == false
	some p in _kept
	p.type in _profile_types
	not _left(p).enabled == false
	some arn in _handed_arns(["role_arns"], _left(p))
	some name in _roles_by_arn[arn]
}

_anchor_widens(rc) if not is_object(rc.change.before)

_anchor_widens(rc) if _moved(rc, "source")

_anchor_widens(rc) if _moved(rc, "enabled")

# ---- AWS IoT: the credentials provider gives a role alias's role to any certificate whose IoT policy allows
# iot:AssumeRoleWithCertificate on the alias. An IoT policy the plan creates or changes that allows it, or attaches
# to more certificates, hands out the alias's role (a new role alias is judged in handouts.rego).

_iot_policy_types := {"aws_iot_policy", "awscc_iot_policy"}

exposures contains {"rc": rc, "holder": ["role", name], "how": concat("", ["IoT policy ", rc.address, " for role alias ", alias])} if {
	some rc in _written
	rc.type in _iot_policy_types
	_iot_policy_widens(rc)
	some [alias, name] in _iot_assumable(_iot_doc(rc))
}

exposures contains {"rc": rc, "holder": ["role", name], "how": _attachment_words(rc, alias)} if {
	some rc in _written
	rc.type == "aws_iot_policy_attachment"
	_moved(rc, "target")
	some p in _kept
	p.type in _iot_policy_types
	_left(p).name == _left(rc).policy
	some [alias, name] in _iot_assumable(_iot_doc(p))
}

_attachment_words(rc, alias) := concat("", ["IoT policy attachment ", rc.address, " for role alias ", alias])

_iot_policy_widens(rc) if not is_object(rc.change.before)

_iot_policy_widens(rc) if _moved(rc, "policy")

_iot_policy_widens(rc) if _moved(rc, "policy_document")

# the IoT policy's document after the plan; {} with a Statement that allows everything when the gate cannot read it
_iot_doc(rc) := d if {
	t := object.get(_left(rc), "policy", object.get(_left(rc), "policy_document", null))
	d := _trust_doc(t)
} else := {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}

# [alias name, role name] of every role alias the plan leaves in place that an Allow of doc grants
# iot:AssumeRoleWithCertificate on
_iot_assumable(doc) := {[alias, name] |
	some s in _stmts(doc)
	iam.allows(s)
	iam.covers_action(s, "iot:assumerolewithcertificate")
	some a in _kept
	a.type in {"aws_iot_role_alias", "awscc_iot_role_alias"}
	v := _left(a)
	alias := object.get(v, "alias", object.get(v, "role_alias", ""))
	arn := object.get(v, "arn", object.get(v, "role_alias_arn", ""))
	_iot_resource_covers(s, arn)
	some role_arn in _handed_arns(["role_arn"], v)
	some name in _roles_by_arn[role_arn]
}

_iot_resource_covers(s, arn) if iam.covers_resource(s, arn)

_iot_resource_covers(s, _) if s.NotResource

# an alias whose ARN is unknown until apply: any statement that covers some role alias may cover it
_iot_resource_covers(s, arn) if {
	not contains(arn, ":rolealias/")
	some pat in iam.resources(s)
	iam.wildcard_match(pat, "arn:aws:iot:us-east-1:000000000000:rolealias/zzprobe")
}
