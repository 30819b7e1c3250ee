# Part of package lib.access.identity (its METADATA is in identity.rego): credentials handed out for a principal that
# already holds its grants (attack review, 2026-11-30). The grants are unchanged, so nothing else in the plan is
# judged; the new credentials give them to whoever holds the credentials.
package lib.access.identity

import data.lib.iam
import data.lib.tfplan

# ---- an IAM user's own credentials: an access key, a console password, or a service-specific credential for
# Bedrock (an API key). A service-specific credential for another service (CodeCommit, Keyspaces) works with that
# service alone, and a signing certificate only signs the legacy SOAP APIs: neither reaches Bedrock.

_user_credentials := {
	"aws_iam_access_key": "user",
	"aws_iam_user_login_profile": "user",
	"aws_iam_service_specific_credential": "user_name",
}

_base_exposures contains {"rc": rc, "holder": ["user", name], "how": how} if {
	some rc in _written
	attr := _user_credentials[rc.type]
	name := _left(rc)[attr]
	is_string(name)
	_credential_new(rc, attr)
	_credential_works(rc)
	how := concat("", ["new credentials for user ", name])
}

# an awscc_iam_user given a console password (its LoginProfile set where it had none, or changed)
_base_exposures contains {"rc": rc, "holder": ["user", name], "how": how} if {
	some rc in _written
	rc.type == "awscc_iam_user"
	not object.get(_left(rc), "login_profile", null) in {null, {}}
	_moved(rc, "login_profile")
	name := _left(rc).user_name
	is_string(name)
	how := concat("", ["new credentials for user ", name])
}

# a credential created Inactive gives nothing until it is made Active, which is judged then
_credential_works(rc) if {
	not rc.type == "aws_iam_service_specific_credential"
	not _left(rc).status == "Inactive"
}

# a service-specific credential for Bedrock, or for a service unknown until apply
_credential_works(rc) if {
	rc.type == "aws_iam_service_specific_credential"
	not _left(rc).status == "Inactive"
	not _other_service(rc)
}

_other_service(rc) if {
	not _unknown(rc, "service_name")
	s := _left(rc).service_name
	is_string(s)
	not startswith(lower(s), "bedrock")
}

_credential_new(rc, attr) if _moved(rc, attr)

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

_base_exposures contains {"rc": rc, "holder": ["role", name], "how": how} if {
	some rc in _written
	rc.type in _anchor_types
	_anchor_widens(rc)
	not _left(rc).enabled == false
	some p in _kept
	p.type in _profile_types
	not _left(p).enabled == false
	some arn in _handed_arns(["role_arns"], _left(p))
	some name in _roles_by_arn[arn]
	_role_admits_anchor(name, rc)
	how := concat("", ["Roles Anywhere trust anchor ", rc.address])
}

# the role's trust policy lets Roles Anywhere sessions from this anchor in: some Allow for the service names no
# aws:SourceArn the anchor cannot match (AWS's hardening pins a role to its anchors by aws:SourceArn). A role whose
# trust policy the plan does not show admits it.
_role_admits_anchor(name, _) if not _trust_of_role(name)

_role_admits_anchor(name, anchor) if {
	some s in _trust_stmts(_trust_of_role(name))
	s.Effect == "Allow"
	_names_service(s, "rolesanywhere.amazonaws.com")
	not _source_arn_excludes(s, anchor)
}

_trust_of_role(name) := doc if {
	some r in _kept
	spec := _trust_spec[r.type]
	v := _left(r)
	v[spec[0]] == name
	doc := _trust_doc(v[spec[1]])
}

_names_service(s, svc) if svc in iam.as_array(s.Principal.Service)

# a condition on aws:SourceArn (an ARN or string operator without IfExists) none of whose values match the anchor's
# ARN; for an anchor created by the plan (its ARN unknown), none with a wildcard in its trust-anchor ID
_source_arn_excludes(s, anchor) if {
	some op, block in s.Condition
	lower(op) in {"arnequals", "arnlike", "stringequals", "stringlike"}
	some key, values in block
	lower(key) == "aws:sourcearn"
	every v in iam.as_array(values) {
		not _source_arn_admits(v, anchor)
	}
}

_source_arn_admits(v, anchor) if {
	arn := _left(anchor).arn
	is_string(arn)
	iam.wildcard_match(v, arn)
}

_source_arn_admits(v, anchor) if {
	not is_string(object.get(_left(anchor), "arn", null))
	contains(v, "trust-anchor/")
	iam.has_wildcard(substring(v, indexof(v, "trust-anchor/"), -1))
}

# A certificate revocation list of an anchor, enabled, keeps the certificates it lists from starting sessions; one the
# plan deletes, disables or moves to another anchor lets them in again (a CRL's data replaced is a routine refresh
# and is not judged). The roles handed out are those of an anchor that stays enabled, or of an anchor the plan does
# not show (taken to be enabled).
_crl_types := {"aws_rolesanywhere_crl", "awscc_rolesanywhere_crl"}

_base_exposures contains {"rc": rc, "holder": ["role", name], "how": how} if {
	some rc in tfplan.resource_change_list
	rc.type in _crl_types
	not tfplan.forgets(rc)
	before := rc.change.before
	is_object(before)
	not before.enabled == false
	arn := before.trust_anchor_arn
	not _crl_kept(rc, arn)
	not _crl_replaced(arn)
	some anchor in _anchors_of(arn)
	not _left(anchor).enabled == false
	some p in _kept
	p.type in _profile_types
	not _left(p).enabled == false
	some role_arn in _handed_arns(["role_arns"], _left(p))
	some name in _roles_by_arn[role_arn]
	_role_admits_anchor(name, anchor)
	how := concat("", ["Roles Anywhere revocation list ", rc.address, " lifted"])
}

# the list stays in force after the plan: enabled (or unknown until apply), on the same anchor
_crl_kept(rc, arn) if {
	after := rc.change.after
	is_object(after)
	not after.enabled == false
	after.trust_anchor_arn == arn
}

# the anchors the plan shows with that ARN (a set: a merged or multi-account plan may show two), else a stand-in
# holding only the ARN (taken to be enabled)
# another revocation list the plan writes, enabled, on the same anchor (a CRL re-created under a new address)
_crl_replaced(arn) if {
	some c in _written
	c.type in _crl_types
	is_object(c.change.after)
	not c.change.after.enabled == false
	c.change.after.trust_anchor_arn == arn
}

_anchors_of(arn) := found if {
	found := {a |
		some a in _kept
		a.type in _anchor_types
		_left(a).arn == arn
	}
	count(found) > 0
} else := {{"change": {"before": null, "after": {"arn": arn}}}}

_anchor_widens(rc) if not is_object(rc.change.before)

_anchor_widens(rc) if _moved(rc, "source")

_anchor_widens(rc) if _moved(rc, "enabled")

# ---- AWS IoT: the credentials provider gives a role alias's role to any certificate whose IoT policy allows
# iot:AssumeRoleWithCertificate on the alias. An IoT policy the plan creates or changes that allows it, or attaches
# to more certificates, hands out the alias's role (a new role alias is judged in handouts.rego).

_iot_policy_types := {"aws_iot_policy", "awscc_iot_policy"}

_base_exposures contains {"rc": rc, "holder": ["role", name], "how": how} if {
	some rc in _written
	rc.type in _iot_policy_types
	_iot_policy_widens(rc)
	some [alias, name] in _iot_assumable(_iot_doc(rc))
	not _iot_assumable_before(rc)[[alias, name]]
	how := concat("", ["IoT policy ", rc.address, " for role alias ", alias])
}

# what the policy's text before the plan already let its certificates assume (nothing for a new policy)
_iot_assumable_before(rc) := set() if not is_object(rc.change.before)

else := _iot_assumable(_iot_doc_of(rc.change.before))

# attachments of an IoT policy (by name) to a certificate (by ARN): [policy attribute, principal attribute]
_iot_attachment_spec := {
	"aws_iot_policy_attachment": ["policy", "target"],
	"awscc_iot_policy_principal_attachment": ["policy_name", "principal"],
}

_base_exposures contains {"rc": rc, "holder": ["role", name], "how": _attachment_words(rc, alias)} if {
	some rc in _written
	spec := _iot_attachment_spec[rc.type]
	_moved(rc, spec[1])
	some p in _kept
	p.type in _iot_policy_types
	_left(p).name == _left(rc)[spec[0]]
	some [alias, name] in _iot_assumable(_iot_doc(p))
}

_attachment_words(rc, alias) := concat("", ["IoT policy attachment ", rc.address, " for role alias ", alias])

# a certificate activated that an IoT policy reaching a role alias is attached to: an inactive certificate cannot
# call the credentials provider, an active one can (a new certificate's attachments are new, judged above)
_iot_cert_types := {"aws_iot_certificate", "awscc_iot_certificate"}

_base_exposures contains {"rc": rc, "holder": ["role", name], "how": how} if {
	some rc in _written
	rc.type in _iot_cert_types
	not _iot_active(rc.change.before)
	_iot_may_be_active(rc)
	arn := _left(rc).arn
	is_string(arn)
	some a in _kept
	spec := _iot_attachment_spec[a.type]
	_left(a)[spec[1]] == arn
	some p in _kept
	p.type in _iot_policy_types
	_left(p).name == _left(a)[spec[0]]
	some [alias, name] in _iot_assumable(_iot_doc(p))
	how := concat("", ["IoT certificate ", rc.address, " activated for role alias ", alias])
}

_iot_active(v) if v.active == true

_iot_active(v) if v.status == "ACTIVE"

_iot_may_be_active(rc) if _iot_active(rc.change.after)

_iot_may_be_active(rc) if rc.change.after_unknown.active == true

_iot_may_be_active(rc) if rc.change.after_unknown.status == true

# A CA certificate that registers the certificates it signs on their first connection (just-in-time provisioning),
# or a provisioning template (fleet provisioning), created, enabled or re-templated: the IoT policies its template
# gives each new certificate (by name, or a document of its own) hand out the role aliases they reach. A template the
# plan does not show (only its name) or cannot read is taken to reach every role alias.
_base_exposures contains {"rc": rc, "holder": ["role", name], "how": how} if {
	some rc in _written
	_iot_provisions(rc)
	_iot_provisioning_widens(rc)
	some t in _iot_templates(rc)
	some doc in _template_policies(t)
	some [alias, name] in _iot_assumable(doc)
	how := concat("", ["IoT provisioning by ", rc.address, " for role alias ", alias])
}

_iot_provisions(rc) if {
	rc.type == "aws_iot_ca_certificate"
	v := _left(rc)
	not v.active == false
	v.allow_auto_registration == true
}

_iot_provisions(rc) if {
	rc.type == "awscc_iot_ca_certificate"
	v := _left(rc)
	not v.status == "INACTIVE"
	v.auto_registration_status == "ENABLE"
}

_iot_provisions(rc) if {
	rc.type in {"aws_iot_provisioning_template", "awscc_iot_provisioning_template"}
	not _left(rc).enabled == false
}

_iot_provisioning_widens(rc) if not is_object(rc.change.before)

_iot_provisioning_widens(rc) if {
	some attr in [
		"active", "status", "allow_auto_registration", "auto_registration_status",
		"registration_config", "enabled", "template_body",
	]
	_moved(rc, attr)
}

# the template bodies a CA certificate's registration config or a provisioning template holds (null: named only)
_iot_templates(rc) := [t |
	some c in iam.as_array(object.get(_left(rc), "registration_config", []))
	is_object(c)
	t := object.get(c, "template_body", null)
] if {
	rc.type in {"aws_iot_ca_certificate", "awscc_iot_ca_certificate"}
}

_iot_templates(rc) := [object.get(_left(rc), "template_body", null)] if {
	rc.type in {"aws_iot_provisioning_template", "awscc_iot_provisioning_template"}
}

# the IoT policy documents a template attaches; an allow-all document when the template cannot be read
_template_policies(t) := docs if {
	body := _trust_doc(t)
	docs := [d |
		some r in object.get(body, "Resources", {})
		r.Type == "AWS::IoT::Policy"
		some d in _template_policy(object.get(r, "Properties", {}))
	]
} else := [_allow_all_iot]

_allow_all_iot := {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}

# the documents a template's AWS::IoT::Policy resource gives: its own, or those of the policies of that name the
# plan shows (a set: two accounts may each have one), else an allow-all document
_template_policy(props) := {_iot_doc_of({"policy": props.PolicyDocument})} if props.PolicyDocument

_template_policy(props) := ds if {
	not props.PolicyDocument
	ds := {_iot_doc(p) |
		some p in _kept
		p.type in _iot_policy_types
		_left(p).name == props.PolicyName
	}
	count(ds) > 0
} else := {_allow_all_iot} if not props.PolicyDocument

_iot_policy_widens(rc) if not is_object(rc.change.before)

_iot_policy_widens(rc) if _moved(rc, "policy")

_iot_policy_widens(rc) if _moved(rc, "policy_document")

# the IoT policy's document after the plan; a Statement that allows everything when the gate cannot read it
_iot_doc(rc) := _iot_doc_of(_left(rc))

_iot_doc_of(v) := d if {
	t := object.get(v, "policy", object.get(v, "policy_document", null))
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
