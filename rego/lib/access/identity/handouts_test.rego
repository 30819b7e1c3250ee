package lib.access.identity_test

# ---- roles handed out by their ARN (handouts.rego); helpers in holders_test.rego

test_units_when_a_role_is_handed_out_by_cognito_groups_and_iot_aliases if {
	# GIVEN role r with an unchanged broad grant WHEN a Cognito user pool group or an IoT role alias names it
	# (attack19) THEN a unit each
	grant := _noop("aws_iam_role_policy", "p", {"role": "r", "name": "p", "policy": _broad_text})
	r := _noop("aws_iam_role", "r", {"name": "r", "arn": "arn:aws:iam::1:role/r", "assume_role_policy": "x"})
	every h in [
		_rc("aws_cognito_user_group", "g", {"name": "g", "user_pool_id": "up", "role_arn": "arn:aws:iam::1:role/r"}, {}),
		_rc("awscc_cognito_user_pool_group", "g", {"group_name": "g", "user_pool_id": "up", "role_arn": "arn:aws:iam::1:role/r"}, {}),
		_rc("aws_iot_role_alias", "a", {"alias": "a", "role_arn": "arn:aws:iam::1:role/r"}, {}),
	] {
		count(_unit_vias([grant, r, h], h.address)) == 1
	}
}

test_units_when_a_cognito_mapping_hands_a_named_role_to_more_users if {
	# GIVEN role r (broad) already named by a mapping rule of an identity pool's roles attachment
	grant := _noop("aws_iam_role_policy", "p", {"role": "r", "name": "p", "policy": _broad_text})
	r := _noop("aws_iam_role", "r", {"name": "r", "arn": "arn:aws:iam::1:role/r", "assume_role_policy": "x"})
	rule := {"claim": "cognito:groups", "match_type": "Contains", "value": "admins", "role_arn": "arn:aws:iam::1:role/r"}
	before := {"identity_pool_id": "p", "roles": {"authenticated": "arn:aws:iam::1:role/app"}, "role_mapping": [{"identity_provider": "idp", "type": "Rules", "ambiguous_role_resolution": "Deny", "mapping_rule": [rule]}]}

	# WHEN the rule is widened, or r becomes the default authenticated role THEN a unit through the attachment
	wide_rule := object.union(rule, {"claim": "email_verified", "match_type": "Equals", "value": "true"})
	wide := object.union(before, {"role_mapping": [object.union(before.role_mapping[0], {"mapping_rule": [wide_rule]})]})
	widened := _update("aws_cognito_identity_pool_roles_attachment", "c", before, wide)
	count(_unit_vias([grant, r, widened], widened.address)) == 1
	default_role := object.union(before, {"roles": {"authenticated": "arn:aws:iam::1:role/r"}})
	switched := _update("aws_cognito_identity_pool_roles_attachment", "c", before, default_role)
	count(_unit_vias([grant, r, switched], switched.address)) == 1

	# WHEN only another attribute changes THEN nothing
	other := _update("aws_cognito_identity_pool_roles_attachment", "c", before, object.union(before, {"id": "x"}))
	_unit_vias([grant, r, other], other.address) == set()
}

test_units_when_an_identity_pool_lets_more_users_in if {
	# GIVEN role r (broad), the unauthenticated role of pool p's unchanged roles attachment
	grant := _noop("aws_iam_role_policy", "p", {"role": "r", "name": "p", "policy": _broad_text})
	r := _noop("aws_iam_role", "r", {"name": "r", "arn": "arn:aws:iam::1:role/r", "assume_role_policy": "x"})
	att := _noop("aws_cognito_identity_pool_roles_attachment", "c", {"identity_pool_id": "us-east-1:p", "roles": {"unauthenticated": "arn:aws:iam::1:role/r"}})
	closed := {"id": "us-east-1:p", "identity_pool_name": "p", "allow_unauthenticated_identities": false, "allow_classic_flow": false, "supported_login_providers": {}}

	# WHEN the pool turns on unauthenticated identities, the classic flow, or gains a login provider (attack19)
	# THEN a unit through the pool
	every after in [
		object.union(closed, {"allow_unauthenticated_identities": true}),
		object.union(closed, {"allow_classic_flow": true}),
		object.union(closed, {"supported_login_providers": {"accounts.google.com": "client"}}),
	] {
		pool := _update("aws_cognito_identity_pool", "pool", closed, after)
		count(_unit_vias([grant, r, att, pool], pool.address)) == 1
	}

	# WHEN only its tags change THEN nothing
	tagged := _update("aws_cognito_identity_pool", "pool", closed, object.union(closed, {"tags": {"a": "b"}}))
	_unit_vias([grant, r, att, tagged], tagged.address) == set()
}

test_units_when_a_handout_moves_to_other_users if {
	# GIVEN role r (broad) WHEN an unchanged pod identity association moves to another service account, or a roles
	# attachment is replaced onto a pool whose ID is unknown until apply (attack20) THEN a unit each
	grant := _noop("aws_iam_role_policy", "p", {"role": "r", "name": "p", "policy": _broad_text})
	r := _noop("aws_iam_role", "r", {"name": "r", "arn": "arn:aws:iam::1:role/r", "assume_role_policy": "x"})
	pod := {"cluster_name": "c", "namespace": "n", "service_account": "a", "role_arn": "arn:aws:iam::1:role/r"}
	moved := _update("aws_eks_pod_identity_association", "e", pod, object.union(pod, {"service_account": "b"}))
	count(_unit_vias([grant, r, moved], moved.address)) == 1
	att := {"identity_pool_id": "us-east-1:p", "roles": {"unauthenticated": "arn:aws:iam::1:role/r"}}
	replaced := object.union(_update("aws_cognito_identity_pool_roles_attachment", "c", att, object.remove(att, ["identity_pool_id"])), {"change": {
		"actions": ["delete", "create"], "after_unknown": {"identity_pool_id": true},
	}})
	count(_unit_vias([grant, r, replaced], replaced.address)) == 1

	# WHEN only its tags change THEN nothing
	tagged := _update("aws_eks_pod_identity_association", "e", pod, object.union(pod, {"tags": {"a": "b"}}))
	_unit_vias([grant, r, tagged], tagged.address) == set()
}

test_units_when_a_user_joins_a_cognito_group_with_a_role if {
	# GIVEN an unchanged Cognito user pool group whose role is r (broad) WHEN a user is added to it THEN a unit; a
	# user added to another group, or an unchanged membership, is none
	grant := _noop("aws_iam_role_policy", "p", {"role": "r", "name": "p", "policy": _broad_text})
	r := _noop("aws_iam_role", "r", {"name": "r", "arn": "arn:aws:iam::1:role/r", "assume_role_policy": "x"})
	group := _noop("aws_cognito_user_group", "g", {"name": "admins", "user_pool_id": "up", "role_arn": "arn:aws:iam::1:role/r"})
	join := _rc("aws_cognito_user_in_group", "m", {"user_pool_id": "up", "group_name": "admins", "username": "u"}, {})
	count(_unit_vias([grant, r, group, join], join.address)) == 1
	other := _rc("aws_cognito_user_in_group", "m", {"user_pool_id": "up", "group_name": "readers", "username": "u"}, {})
	_unit_vias([grant, r, group, other], other.address) == set()
	kept := _noop("aws_cognito_user_in_group", "m", {"user_pool_id": "up", "group_name": "admins", "username": "u"})
	_unit_vias([grant, r, group, kept], kept.address) == set()
}

test_units_when_a_roles_anywhere_profile_or_a_pod_identity_target_hands_out_a_role if {
	# GIVEN role r (broad)
	grant := _noop("aws_iam_role_policy", "p", {"role": "r", "name": "p", "policy": _broad_text})
	r := _noop("aws_iam_role", "r", {"name": "r", "arn": "arn:aws:iam::1:role/r", "assume_role_policy": "x"})

	# WHEN a Roles Anywhere profile listing it is turned on, or loses its session policy (attack21) THEN a unit each
	prof := {"name": "ra", "role_arns": ["arn:aws:iam::1:role/r"], "enabled": false, "session_policy": "{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"bedrock:*\",\"Resource\":\"*\"}]}"}
	on := _update("aws_rolesanywhere_profile", "ra", prof, object.union(prof, {"enabled": true}))
	count(_unit_vias([grant, r, on], on.address)) == 1
	freed := _update("aws_rolesanywhere_profile", "ra", prof, object.union(prof, {"session_policy": null}))
	count(_unit_vias([grant, r, freed], freed.address)) == 1

	# WHEN a new pod identity association chains to it as its target role THEN a unit
	pod := _rc("aws_eks_pod_identity_association", "e", {"cluster_name": "c", "namespace": "n", "service_account": "a", "role_arn": "arn:aws:iam::1:role/other", "target_role_arn": "arn:aws:iam::1:role/r"}, {})
	count(_unit_vias([grant, r, pod], pod.address)) == 1
}

test_exposures_when_an_ssm_activation_hands_out_a_role if {
	# GIVEN a created hybrid activation for role ops WHEN judged THEN the role is exposed; an activation left
	# unchanged is not
	act := _rc("aws_ssm_activation", "fleet", {"iam_role": "ops", "registration_limit": 100}, {})
	_exposed([act]) == {["aws_ssm_activation.fleet", ["role", "ops"]]}
	count(_exposed([_noop("aws_ssm_activation", "fleet", {"iam_role": "ops"})])) == 0
}
