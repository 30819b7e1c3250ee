package lib.access.probes_test

import data.lib.access.org
import data.lib.access.probes
import data.lib.testing

test_service_linked_roles_are_no_exemption if {
	# GIVEN patterns under role/aws-service-role/ WHEN judged THEN they name only service-linked roles, which SCPs
	# never restrict: not a family of principals, and no witness is made for them
	every v in ["arn:aws:iam::*:role/aws-service-role/*", "arn:aws:iam::111122223333:role/aws-service-role/ops.apigateway.amazonaws.com/*"] {
		probes.service_linked(v)
		not probes.broad_principal(v)
	}
	not probes.service_linked("arn:aws:iam::*:role/*")
	deny := {"Effect": "Deny", "Action": "bedrock:InvokeModel", "Resource": "*"}
	exempt := object.union(deny, {"Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/aws-service-role/*"}}})

	# (the other kinds of principal, judged alike by the condition, are asked through one of them)
	{p.principal | some p in probes.principal_witnesses([exempt])} == {"arn:aws:iam::000000000000:role/Q"}

	# WHEN an allow-list Deny gains that exemption THEN it is not weaker
	org.weaker([deny], [exempt]) == set() with data.modelgate.catalog as testing.catalog
}

test_a_pattern_with_a_slash_before_the_resource_names_no_principal if {
	probes.names_no_principal("arn:aws:iam::*/*")
	probes.names_no_principal("arn:aws:sts::*/*")
	not probes.names_no_principal("arn:aws:iam::*:role/*")

	# a "*" ending an earlier segment may take the account: "*/M*" can be role/MLDeveloper
	not probes.names_no_principal("arn:aws:iam:*:*/M*")
}

test_witnesses_skip_arn_values_naming_nobody_but_not_string_ones if {
	# GIVEN "arn:aws:iam::*/*" under ArnNotLike only THEN no principal witness is made from it; under StringNotLike
	# too (a whole-string glob names roles with it) THEN one is
	arn_only := [{"Effect": "Deny", "Action": "bedrock:InvokeModel", "NotResource": "x", "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*/*"}}}]
	probes._arn_only_naming_nobody(arn_only, "arn:aws:iam::*/*")
	both := array.concat(arn_only, [{"Effect": "Deny", "Action": "bedrock:InvokeModel", "NotResource": "x", "Condition": {"StringNotLike": {"aws:PrincipalArn": "arn:aws:iam::*/*"}}}])
	not probes._arn_only_naming_nobody(both, "arn:aws:iam::*/*")
	count(probes._pattern_principals(arn_only, {"arn:aws:iam::*/*"})) == 0
	count(probes._pattern_principals(both, {"arn:aws:iam::*/*"})) == 1
}

test_a_named_principal_is_asked_for_the_statements_own_models if {
	# GIVEN one Deny exempting a model no catalog lists, another exempting role Research WHEN the
	# principal witnesses are built THEN Research asks for that model too (only both exemptions together spare it)
	fm := "arn:aws:bedrock:*::foundation-model/acme.unlisted-v1:0"
	a := {"Effect": "Deny", "Action": "bedrock:InvokeModel", "NotResource": [fm]}
	b := {"Effect": "Deny", "Action": "bedrock:InvokeModel", "NotResource": [], "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Research"}}}
	ws := probes.principal_witnesses([a, b]) with data.modelgate.catalog as testing.catalog
	some w in ws
	w.principal == "arn:aws:iam::000000000000:role/Research"
	contains(w.resource, "foundation-model/acme.unlisted-v1:0")
}

test_a_subscribe_request_carries_no_known_region if {
	# GIVEN the Region a Subscribe carries, which the facts doc does not give THEN it is unknown to conditions
	p := probes.subscribe(["bedrock.amazonaws.com"], ["prod-x"], false)
	not "aws:requestedregion" in object.keys(p.ctx)
}

test_unnamed_principals_when_patterns_match_names_of_some_lengths if {
	# GIVEN patterns naming the probes' principals, and every role of 65 characters (no real role: names have at
	# most 64) WHEN the unnamed witnesses are built THEN a one-character name no pattern matches
	q65 := concat("", ["?" | some _ in numbers.range(1, 65)])
	pats := {
		"arn:aws:iam::*:role/zz-modelgate-probe", concat("", ["arn:aws:iam::*:role/", q65]),
		"arn:aws:iam::*:user/zz-modelgate-probe", "arn:aws:iam::*:root",
	}
	{p[0] | some p in probes._unnamed_principals(pats)} == {
		"arn:aws:iam::000000000000:role/Q", "arn:aws:iam::000000000000:user/Q",
		"arn:aws:sts::000000000000:federated-user/Q",
	}

	# GIVEN roles of 1 to 3 characters matched WHEN built THEN a role of 4 characters
	short := {"arn:aws:iam::*:role/?", "arn:aws:iam::*:role/??", "arn:aws:iam::*:role/???"}
	"arn:aws:iam::000000000000:role/QQQQ" in {p[0] | some p in probes._unnamed_principals(short)}

	# GIVEN every role matched WHEN built THEN the 65-character name, which the pattern matches too
	every_role := {"arn:aws:iam::*:role/*"}
	some p in probes._unnamed_principals(every_role)
	startswith(p[0], "arn:aws:iam::000000000000:role/")
	count(p[0]) == count("arn:aws:iam::000000000000:role/") + 65
}
