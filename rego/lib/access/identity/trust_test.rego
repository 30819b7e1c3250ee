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
