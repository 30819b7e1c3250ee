package lib.access.identity_test

import data.lib.access.identity
import data.lib.testing

# ---- identity providers: a role that trusts a provider is handed to whoever the provider vouches for

_noop(type, name, v) := {
	"address": concat(".", [type, name]), "mode": "managed", "type": type, "name": name,
	"provider_name": testing.provider,
	"change": {"actions": ["no-op"], "before": v, "after": v, "after_unknown": {}},
}

_trusting(name, federated, action) := _noop("aws_iam_role", name, {
	"name": name,
	"arn": concat("", ["arn:aws:iam::222233334444:role/", name]),
	"assume_role_policy": json.marshal({"Version": "2012-10-17", "Statement": [{
		"Effect": "Allow", "Principal": {"Federated": federated}, "Action": action,
	}]}),
})

_bedrock_full(role) := _noop("aws_iam_role_policy_attachment", role, {"role": role, "policy_arn": "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"})

_saml_arn := "arn:aws:iam::222233334444:saml-provider/corp"

_oidc_arn := "arn:aws:iam::222233334444:oidc-provider/token.actions.githubusercontent.com"

_saml_update(metadata) := {
	"address": "aws_iam_saml_provider.corp", "mode": "managed", "type": "aws_iam_saml_provider", "name": "corp",
	"provider_name": testing.provider,
	"change": {
		"actions": ["update"],
		"before": {"arn": _saml_arn, "name": "corp", "saml_metadata_document": "<EntityDescriptor entityID='https://idp.corp.example'/>"},
		"after": {"arn": _saml_arn, "name": "corp", "saml_metadata_document": metadata},
		"after_unknown": {},
	},
}

_oidc_create := _rc("aws_iam_openid_connect_provider", "gh", {"url": "https://token.actions.githubusercontent.com", "client_id_list": ["sts.amazonaws.com"]}, {"arn": true})

_exposed(rcs) := xs if {
	xs := {[e.rc.address, e.holder] | some e in identity.exposures} with input as testing.plan(rcs)
}

test_exposures_when_a_trusted_provider_is_created_or_retargeted if {
	# GIVEN a role that trusts the GitHub OIDC provider, and the plan creates that provider (its ARN unknown)
	# WHEN judged THEN the role is exposed through the provider (matched by the URL the ARN is made from)
	_exposed([_trusting("gh-admin", _oidc_arn, "sts:AssumeRoleWithWebIdentity"), _oidc_create]) == {
		["aws_iam_openid_connect_provider.gh", ["role", "gh-admin"]],
	}

	# GIVEN a SAML provider whose metadata the plan swaps WHEN judged THEN each role that trusts it is exposed (a
	# list of providers in Federated too), and one that trusts another provider is not
	rcs := [
		_trusting("corp-admin", _saml_arn, "sts:AssumeRoleWithSAML"),
		_trusting("corp-ops", ["arn:aws:iam::222233334444:saml-provider/other", _saml_arn], "sts:AssumeRoleWithSAML"),
		_trusting("other", "arn:aws:iam::222233334444:saml-provider/other", "sts:AssumeRoleWithSAML"),
		_saml_update("<EntityDescriptor entityID='https://attacker.example'/>"),
	]
	_exposed(rcs) == {
		["aws_iam_saml_provider.corp", ["role", "corp-admin"]],
		["aws_iam_saml_provider.corp", ["role", "corp-ops"]],
	}
}

test_units_when_a_provider_exposes_a_bedrock_role if {
	# GIVEN the exposed role holds AmazonBedrockFullAccess WHEN units are listed THEN the provider change carries it
	rcs := [_trusting("corp-admin", _saml_arn, "sts:AssumeRoleWithSAML"), _bedrock_full("corp-admin"), _saml_update("<x/>")]
	vias := {u.via | some u in identity.unit_list; u.rc.address == "aws_iam_saml_provider.corp"} with input as testing.plan(rcs)
		with data.modelgate.managedPolicies as testing.managed_policies
	count(vias) == 1
	some via in vias
	contains(via, "through identity provider saml-provider/corp that role corp-admin trusts")
}

test_no_exposure_when_the_provider_is_unchanged_or_only_retagged if {
	unchanged := _noop("aws_iam_saml_provider", "corp", {"arn": _saml_arn, "name": "corp", "saml_metadata_document": "<x/>"})
	count(_exposed([_trusting("corp-admin", _saml_arn, "sts:AssumeRoleWithSAML"), unchanged])) == 0
	retag := object.union(_saml_update("<EntityDescriptor entityID='https://idp.corp.example'/>"), {"change": {"after": {"tags": {"team": "x"}}}})
	count(_exposed([_trusting("corp-admin", _saml_arn, "sts:AssumeRoleWithSAML"), retag])) == 0
}

test_idp_arn_resource if {
	identity.idp_arn_resource(_oidc_arn) == "oidc-provider/token.actions.githubusercontent.com"
	identity.idp_arn_resource("arn:aws:iam::1:saml-provider/a:b") == "saml-provider/a:b"
	not identity.idp_arn_resource("cognito-identity.amazonaws.com")
}

test_oidc_exposure_only_when_the_provider_admits_more if {
	# GIVEN GitHub's OIDC provider for an unchanged trusting role WHEN its thumbprints rotate, or an audience is removed,
	# THEN no one new is admitted; WHEN an audience is added THEN the role is exposed
	role := _trusting("gh-admin", _oidc_arn, "sts:AssumeRoleWithWebIdentity")
	count(_exposed([role, _oidc_change({"thumbprint_list": ["aa", "bb"]})])) == 0
	count(_exposed([role, _oidc_change({"client_id_list": ["sts.amazonaws.com"]})])) == 0
	_exposed([role, _oidc_change({"client_id_list": ["sts.amazonaws.com", "legacy", "other"]})]) == {["aws_iam_openid_connect_provider.gh", ["role", "gh-admin"]]}
}

_oidc_before := {"arn": _oidc_arn, "url": "https://token.actions.githubusercontent.com", "client_id_list": ["sts.amazonaws.com", "legacy"], "thumbprint_list": ["aa"]}

# an update of GitHub's provider: after is before with `over` laid over it (lists replaced whole)
_oidc_change(over) := {
	"address": "aws_iam_openid_connect_provider.gh", "mode": "managed", "type": "aws_iam_openid_connect_provider", "name": "gh",
	"provider_name": testing.provider,
	"change": {"actions": ["update"], "before": _oidc_before, "after": object.union(_oidc_before, over), "after_unknown": {}},
}
