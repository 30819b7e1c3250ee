package lib.access_test

import data.lib.access
import data.lib.access.probes
import data.lib.testing

_sentinel := "zz.unlisted-model-v9:0"

_fm_arn := "arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0"

_profile_arn := "arn:aws:bedrock:us-east-1:000000000000:inference-profile/us.zz.unlisted-model-v9:0"

_fm := probes.invoke("bedrock:invokemodel", _fm_arn, "foundation-model", _sentinel, false)

_profile := probes.invoke("bedrock:invokemodel", _profile_arn, "inference-profile", _sentinel, false)

_invoke := ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]

_allow_fm := {"Effect": "Allow", "Action": _invoke, "Resource": "arn:aws:bedrock:*::foundation-model/*"}

_allow_profile := {"Effect": "Allow", "Action": _invoke, "Resource": "arn:aws:bedrock:*:*:inference-profile/*"}

# ---- statements

test_statements_when_document_mixes_objects_and_others if {
	# GIVEN a Statement array with a string in it WHEN read THEN only the objects, in order
	access.statements({"Statement": [{"Sid": "a"}, "x", {"Sid": "b"}]}) == [{"Sid": "a"}, {"Sid": "b"}]
}

test_statements_when_statement_is_one_object if {
	# GIVEN a single Statement object WHEN read THEN a one-element list
	access.statements({"Statement": {"Sid": "a"}}) == [{"Sid": "a"}]
}

# ---- allowed

test_allowed_when_foundation_model_is_allowed if {
	# GIVEN an Allow on every foundation model WHEN the sentinel FM is probed THEN allowed
	access.allowed([_allow_fm], _fm)
}

test_allowed_when_only_another_action_is_allowed if {
	# GIVEN an Allow of bedrock:Converse only WHEN InvokeModel is probed THEN not allowed
	not access.allowed([{"Effect": "Allow", "Action": "bedrock:ListFoundationModels", "Resource": "*"}], _fm)
}

test_allowed_when_a_deny_surely_applies if {
	# GIVEN an Allow on everything and a Deny on every foundation model WHEN the FM is probed THEN not allowed
	deny := {"Effect": "Deny", "Action": "bedrock:*", "Resource": "arn:aws:bedrock:*::foundation-model/*"}
	not access.allowed([{"Effect": "Allow", "Action": "*", "Resource": "*"}, deny], _fm)
}

test_allowed_when_the_deny_condition_is_unknown if {
	# GIVEN a Deny with an operator the gate cannot evaluate WHEN the FM is probed THEN the Allow still may apply
	deny := {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
	access.allowed([{"Effect": "Allow", "Action": "*", "Resource": "*"}, deny], _fm)
}

test_allowed_when_the_allow_condition_surely_fails if {
	# GIVEN an Allow only in another Region WHEN the FM is probed in us-east-1 THEN not allowed
	allow := object.union(_allow_fm, {"Condition": {"StringEquals": {"aws:RequestedRegion": "ap-south-2"}}})
	not access.allowed([allow], _fm)
}

test_allowed_when_the_allow_is_only_for_forwarded_calls if {
	# GIVEN an Allow only for calls another service forwards (aws:CalledViaLast) WHEN the FM is probed THEN it may
	# apply: whether a service forwards invoke requests is not documented, so the key is unknown
	allow := object.union(_allow_fm, {"Condition": {"StringEquals": {"aws:CalledViaLast": "sagemaker.amazonaws.com"}}})
	access.allowed([allow], _fm)
}

test_allowed_when_not_action_excludes_only_iam if {
	# GIVEN PowerUserAccess's shape (NotAction iam:*, organizations:*) WHEN the FM is probed THEN allowed
	access.allowed([{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}], _fm)
}

test_allowed_when_not_action_excludes_bedrock if {
	# GIVEN an Allow with NotAction bedrock:* WHEN the FM is probed THEN not allowed
	not access.allowed([{"Effect": "Allow", "NotAction": "bedrock:*", "Resource": "*"}], _fm)
}

test_allowed_when_not_resource_excludes_the_model if {
	# GIVEN an Allow on everything but the sentinel FM WHEN probed THEN not allowed; another FM THEN allowed
	allow := {"Effect": "Allow", "Action": "bedrock:*", "NotResource": _fm_arn}
	not access.allowed([allow], _fm)
	other := probes.invoke("bedrock:invokemodel", "arn:aws:bedrock:us-east-1::foundation-model/x", "foundation-model", "x", false)
	access.allowed([allow], other)
}

# ---- denied

test_denied_when_allowlist_exempts_another_model if {
	# GIVEN an allow-list Deny with NotResource nova-lite WHEN the sentinel FM is probed THEN denied
	deny := {"Effect": "Deny", "Action": _invoke, "NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"]}
	access.denied([deny], _fm)
}

test_denied_when_allowlist_exempts_every_foundation_model if {
	# GIVEN an allow-list Deny exempting foundation-model/* WHEN the sentinel FM is probed THEN not denied
	deny := {"Effect": "Deny", "Action": _invoke, "NotResource": ["arn:aws:bedrock:*::foundation-model/*"]}
	not access.denied([deny], _fm)
}

test_denied_when_deny_resource_has_a_wildcard_type if {
	# GIVEN a Deny whose only Resource has a wildcard resource type (AWS calls it incorrect usage)
	# WHEN the FM it seems to name is probed THEN it is not trusted to apply
	deny := {"Effect": "Deny", "Action": "bedrock:*", "Resource": "arn:aws:bedrock:*::*/zz.unlisted-model-v9:0"}
	not access.denied([deny], _fm)
}

test_denied_when_deny_has_a_wildcard_type_and_an_exact_entry if {
	# GIVEN a Deny with a wildcard-type entry and an exact FM entry WHEN the FM is probed THEN denied
	deny := {"Effect": "Deny", "Action": "bedrock:*", "Resource": ["arn:aws:bedrock:*::*/x", "arn:aws:bedrock:*::foundation-model/zz.*"]}
	access.denied([deny], _fm)
}

test_denied_when_allow_resource_has_a_wildcard_type if {
	# GIVEN an Allow whose Resource has a wildcard resource type WHEN the FM is probed THEN it may apply
	access.allowed([{"Effect": "Allow", "Action": "bedrock:*", "Resource": "arn:aws:bedrock:*::*/zz.unlisted-model-v9:0"}], _fm)
}

test_denied_when_deny_uses_not_action if {
	# GIVEN a Deny of everything but s3 WHEN the FM is probed THEN denied; a Deny of everything but bedrock THEN not
	access.denied([{"Effect": "Deny", "NotAction": "s3:*", "Resource": "*"}], _fm)
	not access.denied([{"Effect": "Deny", "NotAction": "bedrock:*", "Resource": "*"}], _fm)
}

test_denied_when_deny_condition_may_not_hold if {
	# GIVEN a Deny that exempts every role (ArnNotLike role/*) WHEN the FM is probed THEN not denied
	deny := {
		"Effect": "Deny", "Action": _invoke, "NotResource": "arn:aws:bedrock:*::foundation-model/amazon.*",
		"Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/*"}},
	}
	not access.denied([deny], _fm)
}

test_denied_when_deny_condition_exempts_a_break_glass_role if {
	# GIVEN a Deny that exempts one break-glass role WHEN the FM is probed THEN denied
	deny := {
		"Effect": "Deny", "Action": _invoke, "NotResource": "arn:aws:bedrock:*::foundation-model/amazon.*",
		"Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/BreakGlassAdmin"}},
	}
	access.denied([deny], _fm)
}

test_denied_when_effect_is_allow if {
	# GIVEN only Allows WHEN probed THEN nothing is denied
	not access.denied([_allow_fm, _allow_profile], _fm)
}

test_denied_when_deny_is_region_scoped if {
	# GIVEN a Deny only in eu-west-1 WHEN a us-east-1 FM is probed THEN not denied
	deny := {"Effect": "Deny", "Action": "bedrock:*", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}
	not access.denied([deny], _fm)
}

# ---- probe sets

test_every_model_probes_when_an_owned_kind_is_named if {
	# GIVEN an Allow on one account's imported models WHEN every-model probes are built
	# THEN the fixed probes, probes in that account (4 profiles, 10 owned kinds) and the imported-model witnesses
	stmts := [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:us-east-1:111122223333:imported-model/*"}]
	ps := access.every_model_probes(stmts) with data.modelgate.catalog as testing.catalog
	count(ps) == 108
	some p in ps
	p.resource == "arn:aws:bedrock:us-east-1:111122223333:imported-model/zzprobe"
	p.witness == true
}

test_leaks_when_every_foundation_model_is_allowed if {
	# GIVEN an Allow on every commercial foundation model and no config WHEN leaks are listed
	# THEN the sentinel's commercial FM probes and the filled pattern's witness, for both actions, no catalog model
	ls := access.leaks([_allow_fm]) with data.modelgate.catalog as testing.catalog
	count(ls) == 8
	{p.resource | some p in ls} == {
		"arn:aws:bedrock:::foundation-model/zz.unlisted-model-v9:0",
		"arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0",
		"arn:aws:bedrock:zz-probe-9::foundation-model/zz.unlisted-model-v9:0",
		"arn:aws:bedrock:us-east-1::foundation-model/zzprobe",
	}
}

test_leaks_when_only_a_catalog_model_is_allowed if {
	# GIVEN an Allow on one catalog model and no config WHEN leaks are listed THEN none
	allow := {"Effect": "Allow", "Action": _invoke, "Resource": "arn:aws:bedrock:*::foundation-model/deepseek.r1-v1:0"}
	access.leaks([allow]) == set() with data.modelgate.catalog as testing.catalog
}

# ---- first and summary

test_first_when_kinds_and_partitions_mix if {
	# GIVEN a Region-less FM, a GovCloud FM, a profile and a Regional FM WHEN the first is picked
	# THEN the Regional commercial foundation model
	regionless := probes.invoke("bedrock:invokemodel", "arn:aws:bedrock:::foundation-model/m", "foundation-model", "m", false)
	gov := probes.invoke("bedrock:invokemodel", "arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/m", "foundation-model", "m", false)
	access.first({regionless, gov, _profile, _fm}) == _fm
	access.first({regionless, gov, _profile}) == regionless
	access.first({gov, _profile}) == gov
}

test_first_when_surfaces_mix if {
	# GIVEN a Subscribe, a mantle and a Claude Platform probe WHEN the first is picked THEN mantle
	ps := {p | some p in probes.fixed_surface; p.surface in {"mantle", "claude-platform"}}
	access.first(ps).action == "bedrock-mantle:createfinetuningjob"
	cp := [p | some p in probes.fixed_surface; p.surface == "claude-platform"][0]
	sub := probes.subscribe([], ["x"], false)
	access.first({cp, sub}) == cp
}

test_first_when_kind_is_owned if {
	# GIVEN an imported-model probe and a Subscribe probe WHEN the first is picked THEN Subscribe (owned kinds rank last)
	imp := probes.invoke("bedrock:invokemodel", "arn:aws:bedrock:us-east-1:1:imported-model/x", "imported-model", "", false)
	sub := probes.subscribe([], ["x"], false)
	access.first({imp, sub}) == sub
}

test_summary_when_one_probe if {
	# GIVEN one probe WHEN summarized THEN only its description in backticks
	access.summary({_fm}) == "`bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0`"
}

test_summary_when_several_probes if {
	# GIVEN three probes WHEN summarized THEN the first and how many more
	access.summary({_fm, _profile, probes.subscribe([], ["x"], false)}) == concat("", [
		"`bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0`",
		" (and 2 more unapproved requests)",
	])
}

# Regression (found by these tests): the StringNotEquals case of the conditions test, seen through a Deny: an allow-list whose
# Deny carries StringNotEquals aws:PrincipalArn arn:aws:iam::*:role/* applies to every principal in AWS (the
# value is compared literally), so it denies the sentinel model; the library says it does not (and MG-0018
# would then not report deleting it).
test_denied_when_deny_exempts_a_literal_wildcard_principal if {
	# GIVEN an allow-list Deny with StringNotEquals on a principal pattern
	deny := {
		"Effect": "Deny", "Action": _invoke, "NotResource": "arn:aws:bedrock:*::foundation-model/amazon.*",
		"Condition": {"StringNotEquals": {"aws:PrincipalArn": "arn:aws:iam::*:role/*"}},
	}

	# WHEN the sentinel FM is probed THEN denied
	access.denied([deny], _fm)
}

# ---- ready probe sets (issue #7): the set-at-once paths give the probe-by-probe verdicts

# statement lists that exercise every path: Resource "*", patterns with and without keys, NotResource,
# NotAction, Conditions, Denies with Resource "*", NotResource and a Condition, other Regions, accounts and
# partitions, a wildcard service segment, and a statement with neither Action nor NotAction
_lists := [
	[{"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"}],
	[{"Sid": "x", "Effect": "Allow", "Action": "*", "Resource": ["arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:*:*:inference-profile/*"]}],
	[
		{"Effect": "Allow", "Action": _invoke, "Resource": "*"},
		{"Effect": "Deny", "Action": "bedrock:Invoke*", "NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.nova-*", "arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-*"]},
	],
	[
		{"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"},
		{"Effect": "Deny", "Action": "bedrock:InvokeModel", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}},
	],
	[
		{"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"},
		{"Effect": "Deny", "Action": "bedrock:InvokeModel*", "Resource": "*"},
	],
	[{"Effect": "Allow", "NotAction": "bedrock:InvokeModel*", "Resource": "*"}],
	[{"Effect": "Allow", "Action": _invoke, "NotResource": "arn:aws:bedrock:*::foundation-model/*"}],
	[{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:us-west-2::foundation-model/*"}],
	[{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:eu-west-1:111122223333:*"}],
	[{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws-us-gov:bedrock*:*::foundation-model/*"}],
	[{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": _profile_arn}],
	[{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": [_profile_arn, _fm_arn, "arn:aws:bedrock:::foundation-model/zz.unlisted-model-v9:0"]}],
	[{"Effect": "Allow", "Action": "bedrock:*", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-central-1"}}}],
	[{"Effect": "Allow", "Resource": "*"}, {"Effect": "Allow", "Action": "aws-external-anthropic:*", "Resource": "*"}],
	[{"Effect": "Allow", "Action": "bedrock-mantle:*", "Resource": "*", "Condition": {"StringEquals": {"bedrock-mantle:Model": "x.y"}}}],
]

# MG-0009's probes and verdicts as they were computed before the ready sets: probe by probe
_slow_every_model(stmts) := {p |
	some p in access.every_model_probes(stmts)
	p.surface != "subscribe"
	not probes.approved(p)
	access.allowed(stmts, p)
}

_fast_every_model(stmts) := access.allowed_in(stmts, access.fixed_model_set) | access.allowed_probes(stmts, access.own_unapproved_every_model(stmts))

test_fixed_model_set_gives_the_probe_by_probe_verdicts if {
	# GIVEN each list WHEN MG-0009's leaks are computed from the ready fixed set plus the list's own probes
	# THEN they equal the probe-by-probe verdicts on every probe
	wrong := [i |
		some i, stmts in _lists
		_fast_every_model(stmts) != _slow_every_model(stmts)
	] with data.modelgate.catalog as testing.catalog
	wrong == []
}

test_denied_probes_give_the_probe_by_probe_verdicts if {
	# GIVEN each list and every fixed probe WHEN denials are computed for the whole set at once
	# THEN they equal denied/2 probe by probe
	wrong := [i |
		some i, stmts in _lists
		access.denied_probes(stmts, probes.fixed_base) != {p | some p in probes.fixed_base; access.denied(stmts, p)}
	] with data.modelgate.catalog as testing.catalog
	wrong == []
}

test_allowed_probes_when_a_statement_names_no_action if {
	# GIVEN an Allow with neither Action nor NotAction WHEN probed THEN it allows nothing
	access.allowed_probes([{"Effect": "Allow", "Resource": "*"}], {_fm, _profile}) == set()
}

test_index_matches_when_the_resource_has_no_key if {
	# GIVEN an index of "*" WHEN a resource without a type/ID key is matched THEN it matches
	access.index_matches(access.index(["*"]), "not-an-arn")
	not access.index_matches(access.index(["arn:aws:s3:::b/*"]), "not-an-arn")
}

test_index_matches_every_pattern_of_one_key if {
	# GIVEN an index of one model's ARN in two Regions and an account-wide profile pattern WHEN ARNs of that type
	# and ID are matched THEN each pattern of the key is tried, and a Region or type no pattern names does not match
	ix := access.index([
		"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0",
		"arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0",
		"arn:aws:bedrock:*:111122223333:inference-profile/us.amazon.nova-lite-v1:0",
	])
	access.index_matches(ix, "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0")
	access.index_matches(ix, "arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0")
	access.index_matches(ix, "arn:aws:bedrock:us-west-2:111122223333:inference-profile/us.amazon.nova-lite-v1:0")
	not access.index_matches(ix, "arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0")
	not access.index_matches(ix, "arn:aws:bedrock:us-west-2:111122223333:inference-profile/eu.amazon.nova-lite-v1:0")
}

test_unapproved_probes_in_an_unscoped_target_are_the_union_ones if {
	# GIVEN a config without entries of its own for targets and statements exempting a named role WHEN the probes
	# of a target are built (the witnesses once, passed along) THEN they are unapproved_fixed_in and witnesses_in
	# of that target, and unapproved_probes of the statements
	stmts := [{
		"Effect": "Deny", "Action": "bedrock:InvokeModel",
		"NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"],
		"Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/ml"}},
	}]
	cfg := {"models": ["amazon.nova-lite-v1:0"], "productIds": [], "literalPatterns": []}
	ps := access.unapproved_probes_in(stmts, "111122223333") with data.modelgate.approved as cfg
		with data.modelgate.catalog as testing.catalog
	count(ps) > 0
	expected := probes.unapproved_fixed_in(stmts, "111122223333") | probes.witnesses_in(stmts, "111122223333") with data.modelgate.approved as cfg
		with data.modelgate.catalog as testing.catalog
	ps == expected
	ps == access.unapproved_probes(stmts) with data.modelgate.approved as cfg with data.modelgate.catalog as testing.catalog
}
