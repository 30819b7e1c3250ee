package lib.access.identity_test

import data.lib.access.identity
import data.lib.testing

# ---- credentials handed out for a principal that already holds its grants (credentials.rego); helpers in
# providers_test.rego

_exposure_pairs(rcs) := xs if {
	xs := {[e.rc.address, e.holder] | some e in identity.exposures} with input as testing.plan(rcs)
}

_role_arn(name) := concat("", ["arn:aws:iam::222233334444:role/", name])

_kept_role(name) := _noop("aws_iam_role", name, {"name": name, "arn": _role_arn(name)})

test_exposures_when_a_user_gets_new_credentials if {
	# GIVEN an access key, a console password, a service-specific credential (a Bedrock API key) created for user ci,
	# and an access key made Active again WHEN judged THEN each exposes user ci
	every rc in [
		_rc("aws_iam_access_key", "k", {"user": "ci", "status": "Active"}, {"id": true, "secret": true}),
		_rc("aws_iam_user_login_profile", "p", {"user": "ci"}, {"password": true}),
		_rc("aws_iam_service_specific_credential", "s", {"user_name": "ci", "service_name": "bedrock.amazonaws.com"}, {}),
		object.union(_noop("aws_iam_access_key", "k", {"user": "ci", "status": "Inactive"}), {"change": {"actions": ["update"], "after": {"status": "Active"}}}),
	] {
		_exposure_pairs([rc]) == {[rc.address, ["user", "ci"]]}
	}

	# an unchanged key, or one made Inactive, exposes no one
	count(_exposure_pairs([_noop("aws_iam_access_key", "k", {"user": "ci", "status": "Active"})])) == 0
	off := object.union(_noop("aws_iam_access_key", "k", {"user": "ci", "status": "Active"}), {"change": {"actions": ["update"], "after": {"status": "Inactive"}}})
	count(_exposure_pairs([off])) == 0
}

test_exposures_when_a_roles_anywhere_trust_anchor_is_created_swapped_or_enabled if {
	profile := _noop("aws_rolesanywhere_profile", "p1", {"name": "p1", "enabled": true, "role_arns": [_role_arn("onprem")]})
	disabled := _noop("aws_rolesanywhere_profile", "p2", {"name": "p2", "enabled": false, "role_arns": [_role_arn("other")]})
	source := [{"source_type": "CERTIFICATE_BUNDLE", "source_data": [{"x509_certificate_data": "-----BEGIN CERTIFICATE-----A"}]}]
	other := [{"source_type": "CERTIFICATE_BUNDLE", "source_data": [{"x509_certificate_data": "-----BEGIN CERTIFICATE-----B"}]}]
	created := _rc("aws_rolesanywhere_trust_anchor", "evil", {"name": "evil", "enabled": true, "source": other}, {"arn": true})
	swapped := object.union(_noop("aws_rolesanywhere_trust_anchor", "corp", {"name": "corp", "enabled": true, "source": source}), {"change": {"actions": ["update"], "after": {"source": other}}})
	enabled := object.union(_noop("aws_rolesanywhere_trust_anchor", "corp", {"name": "corp", "enabled": false, "source": source}), {"change": {"actions": ["update"], "after": {"enabled": true}}})

	# GIVEN an enabled profile listing role onprem and a disabled one listing role other WHEN an anchor is created,
	# trusts another certificate source, or is enabled THEN role onprem (only) is exposed through it
	every anchor in [created, swapped, enabled] {
		_exposure_pairs([_kept_role("onprem"), _kept_role("other"), profile, disabled, anchor]) == {[anchor.address, ["role", "onprem"]]}
	}

	# an anchor created disabled, or left as it is, hands out nothing
	off := object.union(created, {"change": {"after": {"enabled": false}}})
	count(_exposure_pairs([_kept_role("onprem"), profile, off])) == 0
	kept := _noop("aws_rolesanywhere_trust_anchor", "corp", {"name": "corp", "enabled": true, "source": source})
	count(_exposure_pairs([_kept_role("onprem"), profile, kept])) == 0
}

_iot_doc(resource) := json.marshal({"Version": "2012-10-17", "Statement": [{
	"Effect": "Allow", "Action": "iot:AssumeRoleWithCertificate", "Resource": resource,
}]})

test_exposures_when_an_iot_policy_reaches_a_role_alias if {
	alias := _noop("aws_iot_role_alias", "edge", {"alias": "edge", "arn": "arn:aws:iot:us-east-1:222233334444:rolealias/edge", "role_arn": _role_arn("edge")})
	policy := _rc("aws_iot_policy", "assume", {"name": "assume", "policy": _iot_doc("arn:aws:iot:*:*:rolealias/edge")}, {})

	# GIVEN an unchanged role alias WHEN the plan creates an IoT policy that allows AssumeRoleWithCertificate on it
	# (or on every alias) THEN the alias's role is exposed
	_exposure_pairs([_kept_role("edge"), alias, policy]) == {["aws_iot_policy.assume", ["role", "edge"]]}
	star := _rc("aws_iot_policy", "assume", {"name": "assume", "policy": _iot_doc("*")}, {})
	_exposure_pairs([_kept_role("edge"), alias, star]) == {["aws_iot_policy.assume", ["role", "edge"]]}

	# WHEN an unchanged such policy is attached to another certificate THEN the attachment exposes the role
	kept := _noop("aws_iot_policy", "assume", {"name": "assume", "policy": _iot_doc("*")})
	attach := _rc("aws_iot_policy_attachment", "dev", {"policy": "assume", "target": "arn:aws:iot:us-east-1:222233334444:cert/abc"}, {})
	_exposure_pairs([_kept_role("edge"), alias, kept, attach]) == {["aws_iot_policy_attachment.dev", ["role", "edge"]]}

	# a policy for another alias, or for other actions, exposes nothing
	count(_exposure_pairs([_kept_role("edge"), alias, _rc("aws_iot_policy", "x", {"name": "x", "policy": _iot_doc("arn:aws:iot:*:*:rolealias/other")}, {})])) == 0
	pub := json.marshal({"Statement": [{"Effect": "Allow", "Action": "iot:Publish", "Resource": "*"}]})
	count(_exposure_pairs([_kept_role("edge"), alias, _rc("aws_iot_policy", "x", {"name": "x", "policy": pub}, {})])) == 0
}

test_no_exposure_for_credentials_that_cannot_reach_bedrock if {
	# GIVEN a CodeCommit Git credential, an access key created Inactive, and a Bedrock API key created Inactive WHEN
	# judged THEN none exposes the user; a Bedrock API key, or one whose service is unknown until apply, does
	every rc in [
		_rc("aws_iam_service_specific_credential", "git", {"user_name": "alice", "service_name": "codecommit.amazonaws.com"}, {}),
		_rc("aws_iam_access_key", "k", {"user": "alice", "status": "Inactive"}, {"id": true}),
		_rc("aws_iam_service_specific_credential", "b", {"user_name": "alice", "service_name": "bedrock.amazonaws.com", "status": "Inactive"}, {}),
	] {
		count(_exposure_pairs([rc])) == 0
	}
	unknown := _rc("aws_iam_service_specific_credential", "u", {"user_name": "alice"}, {"service_name": true})
	_exposure_pairs([unknown]) == {[unknown.address, ["user", "alice"]]}
}

test_no_exposure_when_an_iot_policy_update_keeps_the_aliases_it_reaches if {
	# GIVEN a policy that already allows AssumeRoleWithCertificate on alias edge WHEN an update only adds topic
	# permissions THEN nothing is exposed; WHEN it widens to every alias THEN the role of the alias it adds is
	alias := _noop("aws_iot_role_alias", "edge", {"alias": "edge", "arn": "arn:aws:iot:us-east-1:222233334444:rolealias/edge", "role_arn": _role_arn("edge")})
	ops := _noop("aws_iot_role_alias", "ops", {"alias": "ops", "arn": "arn:aws:iot:us-east-1:222233334444:rolealias/ops", "role_arn": _role_arn("ops")})
	before := json.marshal({"Statement": [{"Effect": "Allow", "Action": "iot:AssumeRoleWithCertificate", "Resource": "arn:aws:iot:*:*:rolealias/edge"}]})
	topics := json.marshal({"Statement": [
		{"Effect": "Allow", "Action": "iot:AssumeRoleWithCertificate", "Resource": "arn:aws:iot:*:*:rolealias/edge"},
		{"Effect": "Allow", "Action": ["iot:Publish", "iot:Receive"], "Resource": "arn:aws:iot:*:*:topic/telemetry/*"},
	]})
	count(_exposure_pairs([_kept_role("edge"), _kept_role("ops"), alias, ops, _iot_update(before, topics)])) == 0
	_exposure_pairs([_kept_role("edge"), _kept_role("ops"), alias, ops, _iot_update(before, _iot_doc("*"))]) == {["aws_iot_policy.edge", ["role", "ops"]]}
}

_iot_update(before, after) := object.union(
	_noop("aws_iot_policy", "edge", {"name": "edge", "policy": before}),
	{"change": {"actions": ["update"], "after": {"policy": after}}},
)

test_no_exposure_when_the_role_is_pinned_to_other_anchors if {
	# GIVEN role onprem whose trust policy pins aws:SourceArn to the existing anchor WHEN a new anchor is created THEN
	# it cannot start sessions for the role; pinned to trust-anchor/* it can
	profile := _noop("aws_rolesanywhere_profile", "p1", {"name": "p1", "enabled": true, "role_arns": [_role_arn("onprem")]})
	anchor := _rc("aws_rolesanywhere_trust_anchor", "partner", {"name": "partner", "enabled": true}, {"arn": true})
	pinned := _pinned_role("arn:aws:rolesanywhere:us-east-1:222233334444:trust-anchor/1111-2222")
	count(_exposure_pairs([pinned, profile, anchor])) == 0
	wide := _pinned_role("arn:aws:rolesanywhere:us-east-1:222233334444:trust-anchor/*")
	_exposure_pairs([wide, profile, anchor]) == {["aws_rolesanywhere_trust_anchor.partner", ["role", "onprem"]]}
}

_pinned_role(source) := _noop("aws_iam_role", "onprem", {
	"name": "onprem",
	"arn": _role_arn("onprem"),
	"assume_role_policy": json.marshal({"Version": "2012-10-17", "Statement": [{
		"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"},
		"Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
		"Condition": {"ArnEquals": {"aws:SourceArn": source}},
	}]}),
})

test_exposures_for_the_less_common_shapes if {
	# GIVEN an access key moved to another user WHEN judged THEN the new user is exposed
	moved := object.union(_noop("aws_iam_access_key", "k", {"user": "old", "status": "Active"}), {"change": {"actions": ["update"], "after": {"user": "ci"}}})
	_exposure_pairs([moved]) == {["aws_iam_access_key.k", ["user", "ci"]]}

	# GIVEN an existing anchor (known ARN) whose source changes, for a role pinned to that very anchor THEN exposed
	arn := "arn:aws:rolesanywhere:us-east-1:222233334444:trust-anchor/1111-2222"
	profile := _noop("aws_rolesanywhere_profile", "p1", {"name": "p1", "enabled": true, "role_arns": [_role_arn("onprem")]})
	swapped := object.union(
		_noop("aws_rolesanywhere_trust_anchor", "corp", {"name": "corp", "arn": arn, "enabled": true, "source": "a"}),
		{"change": {"actions": ["update"], "after": {"source": "b"}}},
	)
	_exposure_pairs([_pinned_role(arn), profile, swapped]) == {["aws_rolesanywhere_trust_anchor.corp", ["role", "onprem"]]}

	# GIVEN an awscc IoT policy document that changes, an IoT policy the gate cannot read, a NotResource statement,
	# and an alias whose ARN is unknown until apply THEN each reaches the alias's role
	alias := _noop("aws_iot_role_alias", "edge", {"alias": "edge", "arn": "arn:aws:iot:us-east-1:222233334444:rolealias/edge", "role_arn": _role_arn("edge")})
	awscc := object.union(
		_noop("awscc_iot_policy", "p", {"policy_name": "p", "policy_document": {"Statement": [{"Effect": "Allow", "Action": "iot:Publish", "Resource": "*"}]}}),
		{"change": {"actions": ["update"], "after": {"policy_document": {"Statement": [{"Effect": "Allow", "Action": "iot:*", "Resource": "*"}]}}}},
	)
	_exposure_pairs([_kept_role("edge"), alias, awscc]) == {["awscc_iot_policy.p", ["role", "edge"]]}
	unreadable := _rc("aws_iot_policy", "u", {"name": "u", "policy": "not json"}, {})
	_exposure_pairs([_kept_role("edge"), alias, unreadable]) == {["aws_iot_policy.u", ["role", "edge"]]}
	not_resource := json.marshal({"Statement": [{"Effect": "Allow", "Action": "iot:AssumeRoleWithCertificate", "NotResource": "arn:aws:iot:*:*:topic/x"}]})
	_exposure_pairs([_kept_role("edge"), alias, _rc("aws_iot_policy", "n", {"name": "n", "policy": not_resource}, {})]) == {["aws_iot_policy.n", ["role", "edge"]]}
	fresh := _rc("aws_iot_role_alias", "new", {"alias": "new", "role_arn": _role_arn("edge")}, {"arn": true})
	wild := _rc("aws_iot_policy", "w", {"name": "w", "policy": _iot_doc("arn:aws:iot:*:*:rolealias/*")}, {})
	["aws_iot_policy.w", ["role", "edge"]] in _exposure_pairs([_kept_role("edge"), fresh, wild])
}

test_exposures_when_a_revocation_list_is_lifted if {
	# GIVEN an enabled anchor, an enabled profile listing role onprem and an enabled CRL of that anchor WHEN the plan
	# deletes the CRL, disables it, or moves it to another anchor THEN role onprem is exposed through it
	anchor_arn := "arn:aws:rolesanywhere:us-east-1:222233334444:trust-anchor/t1"
	anchor := _noop("aws_rolesanywhere_trust_anchor", "corp", {"name": "corp", "enabled": true, "arn": anchor_arn})
	profile := _noop("aws_rolesanywhere_profile", "p1", {"name": "p1", "enabled": true, "role_arns": [_role_arn("onprem")]})
	crl := {"name": "revoked", "enabled": true, "crl_data": "-----BEGIN X509 CRL-----a", "trust_anchor_arn": anchor_arn}
	kept := _noop("aws_rolesanywhere_crl", "revoked", crl)
	deleted := object.union(kept, {"change": {"actions": ["delete"], "after": null}})
	disabled := object.union(kept, {"change": {"actions": ["update"], "after": {"enabled": false}}})
	moved := object.union(kept, {"change": {"actions": ["update"], "after": {"trust_anchor_arn": "arn:aws:rolesanywhere:us-east-1:222233334444:trust-anchor/t2"}}})
	every crl_rc in [deleted, disabled, moved] {
		_exposure_pairs([_kept_role("onprem"), anchor, profile, crl_rc]) == {[crl_rc.address, ["role", "onprem"]]}
	}

	# a CRL kept, refreshed (new data), or one already disabled, or on an anchor the plan disables, lifts nothing
	refreshed := object.union(kept, {"change": {"actions": ["update"], "after": {"crl_data": "-----BEGIN X509 CRL-----b"}}})
	off := _noop("aws_rolesanywhere_crl", "revoked", object.union(crl, {"enabled": false}))
	off_deleted := object.union(off, {"change": {"actions": ["delete"], "after": null}})
	anchor_off := object.union(anchor, {"change": {"actions": ["update"], "after": {"enabled": false}}})
	every rcs in [
		[_kept_role("onprem"), anchor, profile, kept],
		[_kept_role("onprem"), anchor, profile, refreshed],
		[_kept_role("onprem"), anchor, profile, off_deleted],
		[_kept_role("onprem"), anchor_off, profile, deleted],
	] {
		every x in _exposure_pairs(rcs) {
			x[0] != "aws_rolesanywhere_crl.revoked"
		}
	}

	# an anchor the plan does not show is taken to be enabled
	_exposure_pairs([_kept_role("onprem"), profile, deleted]) == {[deleted.address, ["role", "onprem"]]}
}

test_exposures_when_an_iot_certificate_is_activated if {
	# GIVEN an unchanged policy reaching alias edge, attached to certificate abc WHEN the certificate goes from
	# inactive to active (or to a state unknown until apply) THEN role edge is exposed; left inactive, nothing is
	alias := _noop("aws_iot_role_alias", "edge", {"alias": "edge", "arn": "arn:aws:iot:us-east-1:222233334444:rolealias/edge", "role_arn": _role_arn("edge")})
	policy := _noop("aws_iot_policy", "assume", {"name": "assume", "policy": _iot_doc("*")})
	cert_arn := "arn:aws:iot:us-east-1:222233334444:cert/abc"
	attach := _noop("aws_iot_policy_attachment", "dev", {"policy": "assume", "target": cert_arn})
	inactive := _noop("aws_iot_certificate", "dev", {"active": false, "arn": cert_arn})
	activated := object.union(inactive, {"change": {"actions": ["update"], "after": {"active": true}}})
	unknown := object.union(inactive, {"change": {"actions": ["update"], "after_unknown": {"active": true}}})
	every cert in [activated, unknown] {
		_exposure_pairs([_kept_role("edge"), alias, policy, attach, cert]) == {[cert.address, ["role", "edge"]]}
	}
	renamed := object.union(inactive, {"change": {"actions": ["update"], "after": {"csr": "x"}}})
	count(_exposure_pairs([_kept_role("edge"), alias, policy, attach, renamed])) == 0

	# awscc: status INACTIVE to ACTIVE
	cc := _noop("awscc_iot_certificate", "dev", {"status": "INACTIVE", "arn": cert_arn})
	cc_on := object.union(cc, {"change": {"actions": ["update"], "after": {"status": "ACTIVE"}}})
	_exposure_pairs([_kept_role("edge"), alias, policy, attach, cc_on]) == {[cc_on.address, ["role", "edge"]]}
}

test_exposures_when_iot_provisioning_attaches_a_policy_reaching_an_alias if {
	alias := _noop("aws_iot_role_alias", "edge", {"alias": "edge", "arn": "arn:aws:iot:us-east-1:222233334444:rolealias/edge", "role_arn": _role_arn("edge")})
	policy := _noop("aws_iot_policy", "assume", {"name": "assume", "policy": _iot_doc("*")})
	by_name := json.marshal({"Resources": {"policy": {"Type": "AWS::IoT::Policy", "Properties": {"PolicyName": "assume"}}}})
	inline := json.marshal({"Resources": {"policy": {"Type": "AWS::IoT::Policy", "Properties": {"PolicyDocument": _iot_doc("*")}}}})
	publish := json.marshal({"Resources": {"policy": {"Type": "AWS::IoT::Policy", "Properties": {"PolicyDocument": json.marshal({"Statement": [{"Effect": "Allow", "Action": "iot:Publish", "Resource": "*"}]})}}}})

	# GIVEN role alias edge WHEN a CA certificate is created that registers certificates with a template attaching a
	# policy (by name or inline) that reaches it, or with a template the plan does not show THEN role edge is exposed
	every body in [by_name, inline, null] {
		_exposure_pairs([_kept_role("edge"), alias, policy, _ca(body)]) == {["aws_iot_ca_certificate.partner", ["role", "edge"]]}
	}

	# a template attaching only other permissions, or a CA without auto-registration, exposes nothing
	count(_exposure_pairs([_kept_role("edge"), alias, policy, _ca(publish)])) == 0
	manual := _rc("aws_iot_ca_certificate", "partner", {"active": true, "allow_auto_registration": false, "registration_config": [{"template_body": inline}]}, {"arn": true})
	count(_exposure_pairs([_kept_role("edge"), alias, policy, manual])) == 0

	# a fleet provisioning template created enabled
	fleet := _rc("aws_iot_provisioning_template", "fleet", {"name": "fleet", "enabled": true, "template_body": inline}, {"arn": true})
	_exposure_pairs([_kept_role("edge"), alias, fleet]) == {["aws_iot_provisioning_template.fleet", ["role", "edge"]]}
}

_ca(body) := _rc("aws_iot_ca_certificate", "partner", {"active": true, "allow_auto_registration": true, "registration_config": [{"template_body": body}]}, {"arn": true})

test_no_exposure_when_after_unknown_holds_only_structure if {
	# GIVEN an enabled anchor and profile for role onprem WHEN the anchor's tags change and after_unknown writes its
	# source block's structure (false where known) THEN nothing moved; true inside it THEN the source moved
	profile := _noop("aws_rolesanywhere_profile", "p1", {"name": "p1", "enabled": true, "role_arns": [_role_arn("onprem")]})
	source := [{"source_type": "CERTIFICATE_BUNDLE", "source_data": [{"x509_certificate_data": "A"}]}]
	anchor := _noop("aws_rolesanywhere_trust_anchor", "corp", {"name": "corp", "enabled": true, "source": source, "tags": {}})
	tags := object.union(anchor, {"change": {"actions": ["update"], "after": {"tags": {"team": "x"}}, "after_unknown": {"source": [{"source_data": [{}]}], "tags_all": {}}}})
	count(_exposure_pairs([_kept_role("onprem"), profile, tags])) == 0
	unknown := object.union(tags, {"change": {"after_unknown": {"source": [{"source_data": [{"x509_certificate_data": true}]}]}}})
	_exposure_pairs([_kept_role("onprem"), profile, unknown]) == {[unknown.address, ["role", "onprem"]]}
}

test_exposures_when_awscc_shapes_hand_out_credentials if {
	# GIVEN awscc_iam_user u WHEN its LoginProfile is set where it had none THEN u is exposed; a tags change is not
	u := _noop("awscc_iam_user", "u", {"user_name": "u", "login_profile": null})
	pw := object.union(u, {"change": {"actions": ["update"], "after": {"login_profile": {"password": "x"}}}})
	_exposure_pairs([pw]) == {[pw.address, ["user", "u"]]}
	count(_exposure_pairs([object.union(u, {"change": {"actions": ["update"], "after": {"tags": [{"key": "a", "value": "b"}]}}})])) == 0

	# GIVEN an unchanged IoT policy reaching alias edge WHEN awscc attaches it to a certificate THEN role edge
	alias := _noop("aws_iot_role_alias", "edge", {"alias": "edge", "arn": "arn:aws:iot:us-east-1:222233334444:rolealias/edge", "role_arn": _role_arn("edge")})
	policy := _noop("aws_iot_policy", "assume", {"name": "assume", "policy": _iot_doc("*")})
	cc := _rc("awscc_iot_policy_principal_attachment", "dev", {"policy_name": "assume", "principal": "arn:aws:iot:us-east-1:222233334444:cert/abc"}, {})
	_exposure_pairs([_kept_role("edge"), alias, policy, cc]) == {[cc.address, ["role", "edge"]]}
}

test_no_exposure_when_a_revocation_list_is_recreated if {
	# GIVEN the CRL of an enabled anchor WHEN deleted while another enabled CRL is created on the same anchor (a new
	# address) THEN the certificates stay revoked
	anchor_arn := "arn:aws:rolesanywhere:us-east-1:222233334444:trust-anchor/t1"
	profile := _noop("aws_rolesanywhere_profile", "p1", {"name": "p1", "enabled": true, "role_arns": [_role_arn("onprem")]})
	crl := {"name": "revoked", "enabled": true, "crl_data": "a", "trust_anchor_arn": anchor_arn}
	gone := object.union(_noop("aws_rolesanywhere_crl", "old", crl), {"change": {"actions": ["delete"], "after": null}})
	fresh := _rc("aws_rolesanywhere_crl", "new", object.union(crl, {"crl_data": "b"}), {"arn": true})
	count(_exposure_pairs([_kept_role("onprem"), profile, gone, fresh])) == 0
	_exposure_pairs([_kept_role("onprem"), profile, gone]) == {[gone.address, ["role", "onprem"]]}
}
