package lib.access.identity_test

import data.lib.access.identity
import data.lib.testing

_chain_trust(name, principal) := _noop("aws_iam_role", name, {
	"name": name, "arn": _role_arn(name),
	"assume_role_policy": json.marshal(testing.doc([{"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "sts:AssumeRole"}])),
})

_opened(name, before_principal, after_principal) := object.union(_chain_trust(name, before_principal), {"change": {
	"actions": ["update"],
	"after": {"assume_role_policy": json.marshal(testing.doc([{"Effect": "Allow", "Principal": {"AWS": after_principal}, "Action": "sts:AssumeRole"}]))},
}})

test_exposures_when_a_role_chain_follows_an_opened_trust if {
	# GIVEN role batch trusting role scheduler by ARN, and role top trusting batch WHEN scheduler's trust is opened to
	# another account THEN scheduler, batch and top are exposed through it
	scheduler := _opened("scheduler", "arn:aws:iam::222233334444:role/ci", "arn:aws:iam::999988887777:root")
	batch := _chain_trust("batch", _role_arn("scheduler"))
	top := _chain_trust("top", [_role_arn("batch"), _role_arn("unrelated")])
	xs := _exposure_pairs([_chain_trust("ci", "arn:aws:iam::222233334444:root"), scheduler, batch, top])
	xs == {
		[scheduler.address, ["role", "scheduler"]],
		[scheduler.address, ["role", "batch"]],
		[scheduler.address, ["role", "top"]],
	}

	# a trust naming the account (":root") needs the principal's own grant: not followed
	by_account := _chain_trust("batch", "arn:aws:iam::222233334444:root")
	_exposure_pairs([scheduler, by_account]) == {[scheduler.address, ["role", "scheduler"]]}
}

test_exposures_when_a_user_trusted_by_a_role_gets_credentials if {
	# GIVEN role batch trusting user deployer by ARN WHEN the plan creates an access key for deployer THEN deployer
	# and batch are exposed
	user := _noop("aws_iam_user", "deployer", {"name": "deployer", "arn": "arn:aws:iam::222233334444:user/deployer"})
	batch := _chain_trust("batch", "arn:aws:iam::222233334444:user/deployer")
	key := _rc("aws_iam_access_key", "k", {"user": "deployer", "status": "Active"}, {"id": true})
	_exposure_pairs([user, batch, key]) == {[key.address, ["user", "deployer"]], [key.address, ["role", "batch"]]}

	# the trusting roles, by principal ARN
	identity.trust_entries == {["arn:aws:iam::222233334444:user/deployer", "batch"]} with input as testing.plan([batch])

	# a user the plan does not show is matched by name
	_exposure_pairs([batch, key]) == {[key.address, ["user", "deployer"]], [key.address, ["role", "batch"]]}
}

test_exposures_when_a_role_trusts_a_session_or_star_with_principal_arn if {
	# GIVEN role scheduler's trust opened WHEN role batch trusts a session of scheduler, or "*" with an
	# aws:PrincipalArn condition naming it THEN batch is exposed too; a wildcard pattern is not followed
	scheduler := _opened("scheduler", "arn:aws:iam::222233334444:role/ci", "arn:aws:iam::999988887777:root")
	session := _chain_trust("batch", "arn:aws:sts::222233334444:assumed-role/scheduler/nightly")
	star := _noop("aws_iam_role", "batch", {"name": "batch", "arn": _role_arn("batch"), "assume_role_policy": json.marshal(testing.doc([{
		"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole",
		"Condition": {"ArnEquals": {"aws:PrincipalArn": _role_arn("scheduler")}},
	}]))})
	every trusting in [session, star] {
		_exposure_pairs([scheduler, trusting]) == {[scheduler.address, ["role", "scheduler"]], [scheduler.address, ["role", "batch"]]}
	}
	pattern := _chain_trust("batch", "arn:aws:iam::222233334444:role/sched*")
	_exposure_pairs([scheduler, pattern]) == {[scheduler.address, ["role", "scheduler"]]}
}

test_principal_name_reads_roles_users_and_sessions if {
	identity.principal_name("arn:aws:iam::111122223333:role/path/to/app") == ["role", "app"]
	identity.principal_name("arn:aws:iam::111122223333:user/ci-bot") == ["user", "ci-bot"]
	identity.principal_name("arn:aws:sts::111122223333:assumed-role/app/session-1") == ["role", "app"]
	not identity.principal_name("arn:aws:iam::111122223333:root")
	not identity.principal_name("arn:aws:iam::111122223333:role/app-*")
	not identity.principal_name("111122223333")
}
