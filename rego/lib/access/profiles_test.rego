package lib.access_test

import data.lib.access
import data.lib.access.probes

test_allowed_when_profile_lacks_the_foundation_model if {
	# GIVEN an Allow on inference profiles only WHEN a profile is probed THEN not allowed (the FM check fails)
	not access.allowed([_allow_profile], _profile)
}

test_allowed_when_profile_and_foundation_model_are_allowed if {
	# GIVEN Allows on profiles and on foundation models WHEN a profile is probed THEN allowed
	access.allowed([_allow_profile, _allow_fm], _profile)
}

test_allowed_when_foundation_model_only_and_profile_probed if {
	# GIVEN an Allow on foundation models only WHEN a profile is probed THEN not allowed (the profile check fails)
	not access.allowed([_allow_fm], _profile)
}

test_allowed_when_fm_statement_requires_the_profile_arn if {
	# GIVEN AWS's pattern: the FM Allow requires bedrock:InferenceProfileArn
	fm_via_profile := object.union(_allow_fm, {"Condition": {"ArnLike": {"bedrock:InferenceProfileArn": "arn:aws:bedrock:*:*:inference-profile/*"}}})

	# WHEN the profile is probed THEN allowed (the FM check carries the profile ARN)
	access.allowed([_allow_profile, fm_via_profile], _profile)

	# WHEN the FM is invoked directly THEN not allowed (no profile ARN in the request)
	not access.allowed([_allow_profile, fm_via_profile], _fm)
}

test_denied_when_profile_model_check_is_denied if {
	# GIVEN a Deny on every foundation model only WHEN a profile is probed THEN denied (its FM check is)
	deny := {"Effect": "Deny", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*::foundation-model/*"}
	access.denied([deny], _profile)
	not access.denied_request([deny], _profile)
}

test_profile_model_probes_when_profile_is_probed if {
	# GIVEN a profile probe WHEN its FM check is built THEN the source-Region FM carrying the profile ARN
	[p] := [x | some x in access.profile_model_probes(_profile)]
	p.resource == _fm_arn
	p.kind == "foundation-model"
	p.model == _sentinel
	p.ctx["bedrock:inferenceprofilearn"] == [_profile_arn]
	p.ctx["aws:requestedregion"] == ["us-east-1"]
}

test_profile_model_probes_keep_the_callers_principal if {
	# GIVEN a profile probe made for a named principal (a principal witness of an aws:PrincipalArn condition)
	research := "arn:aws:iam::000000000000:role/Research"
	p := object.union(_profile, {"ctx": object.union(_profile.ctx, {"aws:principalarn": [research]})})

	# WHEN its FM check is built THEN the same principal makes it (attack on caa4473: the fixed probes' role did)
	[fm] := [x | some x in access.profile_model_probes(p)]
	fm.ctx["aws:principalarn"] == [research]
	fm.ctx["bedrock:inferenceprofilearn"] == [_profile_arn]

	# and an SCP that denies Research only direct FM calls and non-profile resources leaves it the profile call
	deny_direct := {
		"Effect": "Deny", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*::foundation-model/*",
		"Condition": {"Null": {"bedrock:InferenceProfileArn": "true"}, "ArnLike": {"aws:PrincipalArn": research}},
	}
	not access.denied([deny_direct], p)
	access.denied([deny_direct], object.union(_fm, {"ctx": object.union(_fm.ctx, {"aws:principalarn": [research]})}))
}

# Regression (found by these tests): a global profile call is also authorized on the Region-less foundation model
# arn:aws:bedrock:::foundation-model/<model> (facts doc section 3, AWS's three allows), but profile_model_probe
# builds only the source-Region FM check. An identity policy without the Region-less FM ARN grants no global
# profile call in AWS; the library says it is allowed (so a finding may name a request AWS refuses).
test_allowed_when_global_profile_lacks_the_regionless_foundation_model if {
	# GIVEN Allows on the global profile and on the us-east-1 foundation model only
	global := "arn:aws:bedrock:us-east-1:000000000000:inference-profile/global.zz.unlisted-model-v9:0"
	p := probes.invoke("bedrock:invokemodel", global, "inference-profile", _sentinel, false)
	stmts := [
		{"Effect": "Allow", "Action": _invoke, "Resource": global},
		{"Effect": "Allow", "Action": _invoke, "Resource": _fm_arn},
	]

	# WHEN the global profile is probed THEN it is not allowed (the Region-less FM check fails)
	not access.allowed(stmts, p)
}

# Regression (found by these tests; same cause as above, on the Deny side): AWS's SCP that switches global CRIS off denies
# the Region-less FM; the library never evaluates that check for a global profile, so it misses the denial.
test_denied_when_regionless_foundation_model_is_denied_for_a_global_profile if {
	# GIVEN a Deny on every Region-less foundation model
	global := "arn:aws:bedrock:us-east-1:000000000000:inference-profile/global.zz.unlisted-model-v9:0"
	p := probes.invoke("bedrock:invokemodel", global, "inference-profile", _sentinel, false)
	deny := {"Effect": "Deny", "Action": _invoke, "Resource": "arn:aws:bedrock:::foundation-model/*"}

	# WHEN the global profile is probed THEN it is denied
	access.denied([deny], p)
}

test_profile_model_probes_when_the_profile_is_global if {
	# GIVEN a global profile WHEN its FM checks are built THEN the source-Region and the Region-less FM
	global := "arn:aws:bedrock:us-east-1:000000000000:inference-profile/global.zz.unlisted-model-v9:0"
	p := probes.invoke("bedrock:invokemodel", global, "inference-profile", _sentinel, false)
	{[x.resource, x.ctx["aws:requestedregion"]] | some x in access.profile_model_probes(p)} == {
		[_fm_arn, ["us-east-1"]],
		["arn:aws:bedrock:::foundation-model/zz.unlisted-model-v9:0", ["unspecified"]],
	}
}

test_application_profile_checks_the_foundation_model_of_an_unlisted_model if {
	# GIVEN an application inference profile probe WHEN its foundation-model check is built THEN a model no catalog
	# lists, in the profile's Region (the plan does not say which model the profile wraps)
	app := "arn:aws:bedrock:us-east-1:000000000000:application-inference-profile/zzprobe"
	p := probes.invoke("bedrock:invokemodel", app, "application-inference-profile", "", false)
	{x.resource | some x in access.profile_model_probes(p)} == {_fm_arn}

	# so it is allowed only beside that model's foundation model, and denied when every foundation model is
	allow_app := {"Effect": "Allow", "Action": _invoke, "Resource": app}
	not access.allowed([allow_app, {"Effect": "Allow", "Action": _invoke, "Resource": "arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0"}], p)
	access.allowed([allow_app, {"Effect": "Allow", "Action": _invoke, "Resource": "arn:aws:bedrock:*::foundation-model/*"}], p)
	access.denied([{"Effect": "Deny", "Action": _invoke, "Resource": "arn:aws:bedrock:*::foundation-model/*"}], p)
}
