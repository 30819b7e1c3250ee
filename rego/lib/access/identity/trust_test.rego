package lib.access.identity_test

import data.lib.access.identity
import data.lib.testing

_oidc := "arn:aws:iam::222233334444:oidc-provider/token.actions.githubusercontent.com"

_gh_trust(cond) := json.marshal(testing.doc([{
	"Effect": "Allow", "Principal": {"Federated": _oidc}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": cond,
}]))

_gh_role_change(before, after) := _update(
	"aws_iam_role", "ci",
	{"name": "ci", "arn": _role_arn("ci"), "assume_role_policy": _gh_trust(before)},
	{"name": "ci", "arn": _role_arn("ci"), "assume_role_policy": _gh_trust(after)},
)

_sub(op, v) := {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, op: {"token.actions.githubusercontent.com:sub": v}}

test_trust_narrowed_when_condition_values_shrink if {
	# GIVEN a GitHub OIDC trust on two repositories WHEN one is dropped, a pattern narrowed to a branch or
	# environment, a Like test of a literal made an Equals test, or the values reordered THEN nobody new is admitted
	two := _sub("StringLike", ["repo:acme/infra:*", "repo:acme/app:*"])
	every after in [
		_sub("StringLike", ["repo:acme/infra:*"]),
		_sub("StringLike", "repo:acme/infra:environment:prod"),
		{"StringEquals": {
			"token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
			"token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main",
		}},
		_sub("StringLike", ["repo:acme/app:*", "repo:acme/infra:*"]),
	] {
		count(_exposure_pairs([_gh_role_change(two, after)])) == 0
	}

	# WHEN a pattern widens, a repository is added, or the test becomes a Like with a new wildcard THEN admitted
	every after in [
		_sub("StringLike", ["repo:acme/*"]),
		_sub("StringLike", ["repo:acme/infra:*", "repo:acme/app:*", "repo:evil/x:*"]),
		_sub("StringLike", ["repo:acme/infra:*", "repo:acme/app*"]),
	] {
		_exposure_pairs([_gh_role_change(two, after)]) == {["aws_iam_role.ci", ["role", "ci"]]}
	}
}

test_trust_negated_condition_needs_more_values if {
	# GIVEN a trust that excludes two accounts by StringNotEquals WHEN one more is excluded THEN narrower; WHEN one is
	# dropped THEN wider
	base := {"StringNotEquals": {"aws:PrincipalAccount": ["111111111111", "222222222222"]}}
	more := {"StringNotEquals": {"aws:PrincipalAccount": ["111111111111", "222222222222", "333333333333"]}}
	count(_exposure_pairs([_gh_role_change(base, more)])) == 0
	fewer := {"StringNotEquals": {"aws:PrincipalAccount": ["111111111111"]}}
	_exposure_pairs([_gh_role_change(base, fewer)]) == {["aws_iam_role.ci", ["role", "ci"]]}
}

test_trust_deny_kept_when_renamed_or_reordered if {
	# GIVEN a trust with a region Deny WHEN its Sid is renamed or its values reordered THEN nobody new; WHEN a
	# Region is added to its exceptions THEN its Deny is not kept
	before := _region_role(_region_deny("A", ["us-east-1", "eu-west-1"]))
	count(_exposure_pairs([_update("aws_iam_role", "ops", before, _region_role(_region_deny("B", ["eu-west-1", "us-east-1"])))])) == 0
	_exposure_pairs([_update("aws_iam_role", "ops", before, _region_role(_region_deny("A", ["eu-west-1", "us-east-1", "ap-south-1"])))]) == {["aws_iam_role.ops", ["role", "ops"]]}
}

_region_deny(sid, regions) := {
	"Sid": sid, "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
	"Condition": {"StringNotEquals": {"aws:RequestedRegion": regions}},
}

_region_role(d) := {"name": "ops", "arn": _role_arn("ops"), "assume_role_policy": json.marshal(testing.doc([
	{"Effect": "Allow", "Principal": {"AWS": _role_arn("admin")}, "Action": "sts:AssumeRole"},
	d,
]))}

test_trust_equals_to_like_is_not_narrower if {
	# GIVEN a sub condition StringEquals "repo:acme/*" (a literal) WHEN it becomes StringLike "repo:acme/*" (a
	# pattern) THEN wider; the other way round THEN narrower
	equals := {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/*"}}
	like := _sub("StringLike", "repo:acme/*")
	_exposure_pairs([_gh_role_change(equals, like)]) == {["aws_iam_role.ci", ["role", "ci"]]}
	count(_exposure_pairs([_gh_role_change(like, equals)])) == 0
}

test_boundary_replaced_by_one_a_single_target_approves if {
	# GIVEN a role with AmazonBedrockFullAccess and an AdministratorAccess boundary WHEN the boundary becomes a
	# policy allowing Nova Pro only THEN without a config (a catalog model) nothing opens; with a config where one OU
	# approves Nova Pro and another does not, the boundary could open it in the other OU's accounts: judged
	arn := "arn:aws:iam::222233334444:policy/nova-pro-only"
	text := json.marshal(testing.doc([{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0"}]))
	boundary := _noop("aws_iam_policy", "nova", {"name": "nova-pro-only", "path": "/", "arn": arn, "policy": text})
	grant := _noop("aws_iam_role_policy_attachment", "a", {"role": "r", "policy_arn": _bfa})
	replaced := _update("aws_iam_role", "r", _bounded_role("arn:aws:iam::aws:policy/AdministratorAccess"), _bounded_role(arn))
	none := {e | some e in identity.exposures} with input as testing.plan([boundary, grant, replaced])
		with data.modelgate.catalog as testing.catalog
	none == set()
	xs := {[e.rc.address, e.holder] | some e in identity.exposures} with input as testing.plan([boundary, grant, replaced])
		with data.modelgate.approved as testing.per_target_config
		with data.modelgate.catalog as testing.catalog
	xs == {["aws_iam_role.r", ["role", "r"]]}
}

test_trust_root_narrowed_to_one_principal_of_another_account if {
	# GIVEN role ops (account 222233334444) trusting account 999988887777's root WHEN it names one role there instead
	# THEN narrower (both need that account's own grant); WHEN the root of its own account is replaced by a role of
	# it THEN wider (in one account a trust naming the role needs no sts:AssumeRole grant)
	count(_exposure_pairs([_update("aws_iam_role", "ops", _ops_trusting("arn:aws:iam::999988887777:root"), _ops_trusting("arn:aws:iam::999988887777:role/deployer"))])) == 0
	_exposure_pairs([_update("aws_iam_role", "ops", _ops_trusting("arn:aws:iam::222233334444:root"), _ops_trusting("arn:aws:iam::222233334444:role/deployer"))]) == {["aws_iam_role.ops", ["role", "ops"]]}
}

test_boundary_replaced_by_a_new_policy_by_reference if {
	# GIVEN a role's AdministratorAccess boundary replaced by a policy the plan creates (ARN unknown until apply),
	# allowing no Bedrock request, named through the configuration THEN credited; one allowing bedrock:* THEN not
	s3 := json.marshal(testing.doc([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]))
	cfg := {"root_module": {"resources": [{
		"address": "aws_iam_role.r",
		"expressions": {"permissions_boundary": {"references": ["aws_iam_policy.b.arn", "aws_iam_policy.b"]}},
	}]}}
	before := _bounded_role("arn:aws:iam::aws:policy/AdministratorAccess")
	after := object.remove(before, ["permissions_boundary"])
	role := object.union(_update("aws_iam_role", "r", before, after), {"change": {"after_unknown": {"permissions_boundary": true}}})
	grant := _noop("aws_iam_role_policy_attachment", "a", {"role": "r", "policy_arn": _bfa})
	narrow := _rc("aws_iam_policy", "b", {"name": "b", "path": "/", "policy": s3}, {"arn": true})
	_bounded_holders([grant, role, narrow], cfg) == set()
	wide := _rc("aws_iam_policy", "b", {"name": "b", "path": "/", "policy": _broad_text}, {"arn": true})
	_bounded_holders([grant, role, wide], cfg) == {["role", "r"]}
}

_ops_trusting(p) := {"name": "ops", "arn": _role_arn("ops"), "assume_role_policy": json.marshal(testing.doc([{"Effect": "Allow", "Principal": {"AWS": p}, "Action": "sts:AssumeRole"}]))}

_bounded_holders(rcs, cfg) := xs if {
	xs := {e.holder | some e in identity.exposures} with input as object.union(testing.plan(rcs), {"plan": {"configuration": cfg}})
		with data.modelgate.catalog as testing.catalog
}

# ---- narrowing a trust condition: the original pattern must pass the new value however IAM reads it

test_arn_like_naming_nobody_is_not_narrowed_to_a_role if {
	# GIVEN ArnLike "arn:aws:iam::*/*" (its first "*" stays in the account segment: it names no role) THEN a named
	# role is not within it, as ArnLike or ArnEquals
	not identity._narrower("ArnLike", ["arn:aws:iam::*/*"], "ArnLike", ["arn:aws:iam::999988887777:role/attacker"])
	not identity._narrower("ArnLike", ["arn:aws:iam::*/*"], "ArnEquals", ["arn:aws:iam::999988887777:role/attacker"])
}

test_arn_like_by_components_is_narrowed_to_a_role if {
	identity._narrower("ArnLike", ["arn:aws:iam::*:role/*"], "ArnLike", ["arn:aws:iam::999988887777:role/partner"])
	identity._narrower("StringLike", ["arn:aws:iam::*/*"], "StringLike", ["arn:aws:iam::999988887777:role/partner"])
}

test_a_short_arn_stem_proves_no_narrowing if {
	# GIVEN an ArnLike stem pattern of fewer than six components (it may name nothing) THEN a pattern under it is not
	# narrower; a StringLike stem still is
	not identity._narrower("ArnLike", ["arn:aws:iam::*"], "ArnLike", ["arn:aws:iam::1*"])
	not identity._narrower("ArnLike", ["arn:aws:iam::*:role/*"], "ArnLike", ["arn:aws:iam::1*:role/x*"])
	identity._narrower("StringLike", ["arn:aws:iam::*"], "StringLike", ["arn:aws:iam::1*"])
}

test_a_non_string_value_is_a_literal if {
	identity._narrower("StringEquals", ["1"], "StringEquals", ["1"])
	identity._narrower("ForAnyValue:StringLike", [1], "ForAnyValue:StringLike", [1])
}
