# Part of package lib.access.identity (its METADATA is in identity.rego): identity providers. A role whose trust
# policy admits a federated principal (Principal.Federated: a SAML or OIDC provider's ARN) is handed to whoever
# that provider vouches for. A plan that creates the provider (an existing role may already name its ARN: creating
# GitHub's OIDC provider lets every repository that meets the trust policy's conditions assume the role), or changes
# whom it trusts (a SAML provider's metadata, an OIDC provider's URL, audiences or thumbprints), hands every role
# that trusts it to new principals: an exposure of each such role the plan shows.
package lib.access.identity

import data.lib.iam

# [how the provider's name or URL makes its ARN's resource part, the attributes that say whom it trusts]. An OIDC
# provider's thumbprints only pin its issuer's TLS certificate (a rotation admits no one new); its audiences
# (client_id_list) widen only by an audience added.
_idp_spec := {
	"aws_iam_saml_provider": ["saml", "name", ["saml_metadata_document"]],
	"awscc_iam_saml_provider": ["saml", "name", ["saml_metadata_document"]],
	"aws_iam_openid_connect_provider": ["oidc", "url", ["url", "client_id_list"]],
	"awscc_iam_oidc_provider": ["oidc", "url", ["url", "client_id_list"]],
}

_base_exposures contains {"rc": rc, "holder": ["role", name], "how": how} if {
	some rc in _written
	spec := _idp_spec[rc.type]
	_idp_widens(rc, spec[2])
	keys := _idp_keys(rc, spec)
	some [name, key] in _federated_trusts
	keys[key]
	how := concat("", ["identity provider ", key, " that role ", name, " trusts"])
}

# a provider the plan creates, or one whose trust attributes change or are unknown until apply
_idp_widens(rc, _) if not is_object(rc.change.before)

_idp_widens(rc, attrs) if {
	is_object(rc.change.before)
	some attr in attrs
	_idp_attr_changes(rc, attr)
}

_idp_attr_changes(rc, attr) if _unknown(rc, attr)

_idp_attr_changes(rc, attr) if {
	attr != "client_id_list"
	_moved(rc, attr)
}

_idp_attr_changes(rc, "client_id_list") if {
	before := {c | some c in iam.as_array(object.get(rc.change.before, "client_id_list", []))}
	some c in iam.as_array(object.get(rc.change.after, "client_id_list", []))
	not before[c]
}

# the resource part of the provider's ARN ("saml-provider/corp", "oidc-provider/token.actions.githubusercontent.com"),
# from its ARN when the plan knows it and from its name or URL (the ARN of a provider the plan creates is unknown)
_idp_keys(rc, spec) := {k |
	some v in [rc.change.before, rc.change.after]
	is_object(v)
	some k in array.concat(
		[idp_arn_resource(a) | a := v.arn; is_string(a)],
		[_idp_key(spec[0], n) | n := v[spec[1]]; is_string(n)],
	)
	is_string(k)
}

_idp_key("saml", v) := concat("", ["saml-provider/", v])

_idp_key("oidc", v) := concat("", ["oidc-provider/", trim_prefix(v, "https://")])

# idp_arn_resource(arn): the resource part of an IAM identity provider ARN (after its fifth colon); undefined for
# anything else. gate/select.ts joins roles and providers by the same value (the "@arn-resource" step).
idp_arn_resource(arn) := r if {
	parts := split(arn, ":")
	count(parts) >= 6
	r := concat(":", array.slice(parts, 5, count(parts)))
}

# [role name, provider ARN resource part] for every role the plan shows (after the plan, or the prior state) whose
# trust policy has an Allow for a federated principal
_federated_trusts contains [name, key] if {
	some rc in _kept
	spec := _trust_spec[rc.type]
	v := _left(rc)
	name := v[spec[0]]
	is_string(name)
	doc := _trust_doc(v[spec[1]])
	some s in _trust_stmts(doc)
	s.Effect == "Allow"
	is_object(s.Principal)
	some f in iam.as_array(s.Principal.Federated)
	is_string(f)
	key := idp_arn_resource(f)
}
