package lib.access_test

import data.lib.access
import data.lib.testing

# ---- SCP levels: explicit Deny anywhere, implicit deny on a level with Allow statements

_deny_fm := {"Effect": "Deny", "Action": _invoke, "Resource": "arn:aws:bedrock:*::foundation-model/*"}

_full := {"Effect": "Allow", "Action": "*", "Resource": "*"}

test_scp_denied_when_a_level_allows_nothing_for_the_probe if {
	# GIVEN a level whose Allows name only profiles WHEN a foundation model is probed THEN denied implicitly
	access.scp_denied([[_allow_profile]], _fm)

	# and a level of Denies only restricts by Deny (it sits beside FullAWSAccess)
	not access.scp_denied([[{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]], _fm)
	not access.scp_denied([[_full], [_allow_fm]], _fm)
}

test_scp_denied_when_a_profile_check_is_implicitly_denied if {
	# GIVEN Allows on profiles only WHEN a profile is probed THEN its foundation-model check is denied
	access.scp_denied([[_allow_profile]], _profile)
	not access.scp_denied([[_allow_profile, _allow_fm]], _profile)

	# one level of each does not make a union: each level must allow every check
	access.scp_denied([[_allow_profile], [_allow_fm]], _profile)
}

test_scp_denied_when_a_deny_applies_on_any_level if {
	access.scp_denied([[_full], [_full, _deny_fm]], _fm)
	access.scp_denied([[_full, _deny_fm]], _profile)
	not access.scp_denied([[_full], []], _fm)
	not access.scp_denied([], _fm)
}

test_scp_denied_when_the_allow_condition_surely_fails if {
	cond := object.union(_allow_fm, {"Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}})
	access.scp_denied([[cond]], _fm)

	# a Condition the gate cannot evaluate may hold
	unknown := object.union(_allow_fm, {"Condition": {"StringEquals": {"aws:PrincipalTag/team": "ml"}}})
	not access.scp_denied([[unknown]], _fm)
}

test_scp_denied_probes_when_set_mixes_kinds if {
	access.scp_denied_probes([[_allow_fm]], {_fm, _profile}) == {_profile}
	access.scp_denied_probes([[_full]], {_fm, _profile}) == set()
}

test_scp_denied_in_when_one_level_is_judged_alone if {
	# GIVEN statement lists of each kind (Deny only, Allow only, both, none) WHEN one level is judged THEN its
	# denied set is the one two identical levels give (the single-level path returns the level's set as it is)
	ready := access.probe_set({_fm, _profile})
	lists := [[], [_deny_fm], [_allow_profile], [_full, _deny_fm], [_allow_fm, _allow_profile]]
	wrong := [l |
		some l in lists
		access.scp_denied_in([l], ready) != access.scp_denied_in([l, l], ready)
	] with data.modelgate.catalog as testing.catalog
	wrong == []
	access.scp_denied_in([[_deny_fm]], ready) == {_fm, _profile} with data.modelgate.catalog as testing.catalog
	access.scp_denied_in([[_allow_profile]], ready) == {_fm, _profile} with data.modelgate.catalog as testing.catalog
	access.scp_denied_in([[]], ready) == set() with data.modelgate.catalog as testing.catalog
}

test_join_when_either_side_is_empty if {
	access._join({1, 2}, set()) == {1, 2}
	access._join(set(), {3}) == {3}
	access._join({1}, {1, 2}) == {1, 2}
	access._join(set(), set()) == set()
}
