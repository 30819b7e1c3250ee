package lib.access.conditions_test

import data.lib.access.conditions
import data.lib.access.probes

_via := "aws:CalledViaLast"

_bedrock := "bedrock.amazonaws.com"

# a request whose aws:CalledViaLast is bedrock.amazonaws.com
_present := {"aws:calledvialast": [_bedrock]}

# a request without aws:CalledViaLast
_absent := {"aws:calledvialast": []}

# a request the gate knows nothing about (the key is not in the context: unknown)
_unknown := {}

_verdicts(op, key, value, ctx) := conditions.results({"Condition": {op: {key: value}}}, ctx)

# ---- positive String operators

test_string_equals_when_present_key_matches if {
	# GIVEN StringEquals aws:CalledViaLast bedrock.amazonaws.com WHEN the request carries that value THEN "t"
	_verdicts("StringEquals", _via, _bedrock, _present) == ["t"]
}

test_string_equals_when_present_key_differs if {
	# GIVEN StringEquals on another service WHEN the request comes via bedrock THEN "f"
	_verdicts("StringEquals", _via, "sagemaker.amazonaws.com", _present) == ["f"]
}

test_string_equals_when_key_absent if {
	# GIVEN a positive operator WHEN the key is absent THEN it is false (facts doc section 6)
	_verdicts("StringEquals", _via, _bedrock, _absent) == ["f"]
}

test_string_equals_when_key_unknown if {
	# GIVEN any operator WHEN the key is not in the context THEN the gate cannot tell
	_verdicts("StringEquals", _via, _bedrock, _unknown) == ["u"]
}

test_string_equals_when_condition_key_has_other_case if {
	# GIVEN the condition key written in mixed case WHEN evaluated THEN keys match case-insensitively
	_verdicts("StringEquals", "AWS:CALLEDVIALAST", _bedrock, _present) == ["t"]
}

test_string_equals_when_value_is_case_different if {
	# GIVEN StringEquals with an upper-case value WHEN the request value is lower case THEN no match
	_verdicts("StringEquals", _via, "BEDROCK.amazonaws.com", _present) == ["f"]
}

test_string_equals_when_one_of_several_values_matches if {
	# GIVEN a list of condition values WHEN one matches THEN "t"
	_verdicts("StringEquals", _via, ["x", _bedrock], _present) == ["t"]
}

test_string_equals_when_condition_value_is_not_a_string if {
	# GIVEN a numeric condition value WHEN the request holds its text THEN it matches as text
	_verdicts("StringEquals", "aws:multifactorauthage", 300, {"aws:multifactorauthage": ["300"]}) == ["t"]
}

test_string_equals_ignore_case_when_case_differs if {
	# GIVEN StringEqualsIgnoreCase with upper case WHEN the request is lower case THEN "t"
	_verdicts("StringEqualsIgnoreCase", _via, "BEDROCK.AMAZONAWS.COM", _present) == ["t"]
}

test_string_like_when_wildcard_matches if {
	# GIVEN StringLike bedrock* WHEN the request comes via bedrock THEN "t"
	_verdicts("StringLike", _via, "bedrock*", _present) == ["t"]
}

test_string_like_when_wildcard_does_not_match if {
	# GIVEN StringLike s3* WHEN the request comes via bedrock THEN "f"
	_verdicts("StringLike", _via, "s3*", _present) == ["f"]
}

test_arn_like_when_pattern_matches if {
	# GIVEN ArnLike on aws:PrincipalArn with an account wildcard WHEN the principal matches THEN "t"
	ctx := {"aws:principalarn": ["arn:aws:iam::111122223333:role/Admin"]}
	_verdicts("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:role/Admin", ctx) == ["t"]
}

test_arn_equals_when_pattern_has_wildcard if {
	# GIVEN ArnEquals with a wildcard WHEN the ARN matches the pattern THEN ArnEquals globs like ArnLike
	ctx := {"bedrock:inferenceprofilearn": ["arn:aws:bedrock:us-east-1:1:inference-profile/us.m"]}
	_verdicts("ArnEquals", "bedrock:InferenceProfileArn", "arn:aws:bedrock:*:*:inference-profile/us.*", ctx) == ["t"]
}

test_arn_equals_when_key_absent if {
	# GIVEN ArnEquals on bedrock:InferenceProfileArn WHEN the request has no profile THEN "f"
	ctx := {"bedrock:inferenceprofilearn": []}
	_verdicts("ArnEquals", "bedrock:InferenceProfileArn", "arn:aws:bedrock:*:*:inference-profile/*", ctx) == ["f"]
}

# ---- negated operators

test_string_not_equals_when_present_key_matches if {
	# GIVEN StringNotEquals bedrock WHEN the request comes via bedrock THEN "f"
	_verdicts("StringNotEquals", _via, _bedrock, _present) == ["f"]
}

test_string_not_equals_when_present_key_differs if {
	# GIVEN StringNotEquals on another service WHEN the request comes via bedrock THEN "t"
	_verdicts("StringNotEquals", _via, "sagemaker.amazonaws.com", _present) == ["t"]
}

test_string_not_equals_when_key_absent if {
	# GIVEN a negated operator WHEN the key is absent THEN it is true (facts doc section 6)
	_verdicts("StringNotEquals", _via, _bedrock, _absent) == ["t"]
}

test_string_not_equals_when_key_unknown if {
	# GIVEN a negated operator WHEN the key is unknown THEN "u"
	_verdicts("StringNotEquals", _via, _bedrock, _unknown) == ["u"]
}

test_string_not_equals_ignore_case_when_case_differs if {
	# GIVEN StringNotEqualsIgnoreCase in upper case WHEN the request matches ignoring case THEN "f"
	_verdicts("StringNotEqualsIgnoreCase", _via, "Bedrock.AmazonAWS.com", _present) == ["f"]
}

test_string_not_like_when_wildcard_matches if {
	# GIVEN StringNotLike bedrock* WHEN the request comes via bedrock THEN "f"
	_verdicts("StringNotLike", _via, "bedrock*", _present) == ["f"]
}

test_string_not_like_when_key_absent if {
	# GIVEN StringNotLike WHEN the key is absent THEN "t"
	_verdicts("StringNotLike", _via, "bedrock*", _absent) == ["t"]
}

test_arn_not_like_when_pattern_does_not_match if {
	# GIVEN ArnNotLike on a break-glass role WHEN another role calls THEN "t"
	ctx := {"aws:principalarn": ["arn:aws:iam::111122223333:role/App"]}
	_verdicts("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/BreakGlassAdmin", ctx) == ["t"]
}

test_arn_not_equals_when_pattern_matches if {
	# GIVEN ArnNotEquals WHEN the ARN is the named one THEN "f"
	ctx := {"bedrock:inferenceprofilearn": ["arn:aws:bedrock:us-east-1:1:inference-profile/us.m"]}
	_verdicts("ArnNotEquals", "bedrock:InferenceProfileArn", "arn:aws:bedrock:us-east-1:1:inference-profile/us.m", ctx) == ["f"]
}

# ---- IfExists

test_if_exists_when_key_absent if {
	# GIVEN StringEqualsIfExists WHEN the key is absent THEN "t"
	_verdicts("StringEqualsIfExists", _via, "x", _absent) == ["t"]
}

test_if_exists_when_present_key_differs if {
	# GIVEN StringEqualsIfExists WHEN the key is present with another value THEN "f"
	_verdicts("StringEqualsIfExists", _via, "x", _present) == ["f"]
}

test_if_exists_when_present_key_matches if {
	# GIVEN StringLikeIfExists WHEN the key matches THEN "t"
	_verdicts("StringLikeIfExists", _via, "bedrock.*", _present) == ["t"]
}

test_negated_if_exists_when_key_absent if {
	# GIVEN StringNotEqualsIfExists WHEN the key is absent THEN "t"
	_verdicts("StringNotEqualsIfExists", _via, _bedrock, _absent) == ["t"]
}

test_if_exists_when_key_unknown if {
	# GIVEN ArnLikeIfExists WHEN the key is unknown THEN "u"
	_verdicts("ArnLikeIfExists", "aws:PrincipalArn", "arn:*", _unknown) == ["u"]
}

# ---- set qualifiers

test_for_any_value_when_key_absent if {
	# GIVEN ForAnyValue:StringEquals WHEN the key is absent THEN "f"
	_verdicts("ForAnyValue:StringEquals", "aws:CalledVia", _bedrock, {"aws:calledvia": []}) == ["f"]
}

test_for_any_value_when_one_request_value_matches if {
	# GIVEN ForAnyValue:StringEquals bedrock WHEN one of two request values is bedrock THEN "t"
	ctx := {"aws:calledvia": ["athena.amazonaws.com", _bedrock]}
	_verdicts("ForAnyValue:StringEquals", "aws:CalledVia", _bedrock, ctx) == ["t"]
}

test_for_any_value_when_no_request_value_matches if {
	# GIVEN ForAnyValue:StringLike s3* WHEN no request value matches THEN "f"
	ctx := {"aws:calledvia": ["athena.amazonaws.com", _bedrock]}
	_verdicts("ForAnyValue:StringLike", "aws:CalledVia", "s3*", ctx) == ["f"]
}

test_for_any_value_negated_when_some_value_differs if {
	# GIVEN ForAnyValue:StringNotEquals bedrock WHEN one request value is not bedrock THEN "t"
	ctx := {"aws:calledvia": ["athena.amazonaws.com", _bedrock]}
	_verdicts("ForAnyValue:StringNotEquals", "aws:CalledVia", _bedrock, ctx) == ["t"]
}

test_for_any_value_negated_when_every_value_matches if {
	# GIVEN ForAnyValue:StringNotEquals bedrock WHEN every request value is bedrock THEN "f"
	_verdicts("ForAnyValue:StringNotEquals", "aws:CalledVia", _bedrock, {"aws:calledvia": [_bedrock]}) == ["f"]
}

test_for_all_values_when_key_absent if {
	# GIVEN ForAllValues:StringEquals WHEN the key is absent THEN "t" (the blog's bug: facts doc section 6)
	_verdicts("ForAllValues:StringEquals", "aws:CalledVia", _bedrock, {"aws:calledvia": []}) == ["t"]
}

test_for_all_values_when_every_value_matches if {
	# GIVEN ForAllValues:StringEquals [bedrock, athena] WHEN both request values are listed THEN "t"
	ctx := {"aws:calledvia": ["athena.amazonaws.com", _bedrock]}
	_verdicts("ForAllValues:StringEquals", "aws:CalledVia", [_bedrock, "athena.amazonaws.com"], ctx) == ["t"]
}

test_for_all_values_when_one_value_is_not_listed if {
	# GIVEN ForAllValues:StringEquals bedrock WHEN one request value is athena THEN "f"
	ctx := {"aws:calledvia": ["athena.amazonaws.com", _bedrock]}
	_verdicts("ForAllValues:StringEquals", "aws:CalledVia", _bedrock, ctx) == ["f"]
}

test_for_all_values_negated_when_no_value_matches if {
	# GIVEN ForAllValues:StringNotEquals s3 WHEN no request value is s3 THEN "t"
	ctx := {"aws:calledvia": ["athena.amazonaws.com", _bedrock]}
	_verdicts("ForAllValues:StringNotEquals", "aws:CalledVia", "s3.amazonaws.com", ctx) == ["t"]
}

test_for_all_values_negated_when_a_value_matches if {
	# GIVEN ForAllValues:StringNotEquals bedrock WHEN bedrock is among the request values THEN "f"
	ctx := {"aws:calledvia": ["athena.amazonaws.com", _bedrock]}
	_verdicts("ForAllValues:StringNotEquals", "aws:CalledVia", _bedrock, ctx) == ["f"]
}

test_for_all_values_when_key_unknown if {
	# GIVEN ForAllValues WHEN the key is unknown THEN "u"
	_verdicts("ForAllValues:StringEquals", "aws:CalledVia", _bedrock, _unknown) == ["u"]
}

# ---- Null

test_null_true_when_key_absent if {
	# GIVEN Null "true" WHEN the key is absent THEN "t"
	_verdicts("Null", _via, "true", _absent) == ["t"]
}

test_null_true_when_key_present if {
	# GIVEN Null "true" WHEN the key is present THEN "f"
	_verdicts("Null", _via, "true", _present) == ["f"]
}

test_null_false_when_key_present if {
	# GIVEN Null "false" WHEN the key is present THEN "t" (it restricts nothing about the value)
	_verdicts("Null", _via, "false", _present) == ["t"]
}

test_null_false_when_key_absent if {
	# GIVEN Null "false" WHEN the key is absent THEN "f"
	_verdicts("Null", _via, "false", _absent) == ["f"]
}

test_null_when_value_is_a_json_boolean if {
	# GIVEN Null with the JSON boolean true WHEN the key is absent THEN it reads as "true"
	_verdicts("Null", _via, true, _absent) == ["t"]
}

test_null_when_value_is_upper_case if {
	# GIVEN Null "FALSE" WHEN the key is present THEN the value is read case-insensitively
	_verdicts("Null", _via, "FALSE", _present) == ["t"]
}

test_null_when_key_unknown if {
	# GIVEN Null WHEN the key is unknown THEN "u"
	_verdicts("Null", _via, "true", _unknown) == ["u"]
}

# ---- unsupported operators

test_bool_when_key_present if {
	# GIVEN Bool (not supported) WHEN the key is in the context THEN "u"
	_verdicts("Bool", "aws:SecureTransport", "true", {"aws:securetransport": ["true"]}) == ["u"]
}

test_numeric_equals_when_key_present if {
	# GIVEN NumericEquals (not supported) WHEN the key is in the context THEN "u"
	_verdicts("NumericEquals", "aws:MultiFactorAuthAge", "1", {"aws:multifactorauthage": ["1"]}) == ["u"]
}

test_for_any_value_unsupported_base_when_key_present if {
	# GIVEN ForAnyValue:NumericLessThan WHEN the key is in the context THEN "u"
	_verdicts("ForAnyValue:NumericLessThan", "aws:CalledVia", "1", {"aws:calledvia": ["1"]}) == ["u"]
}

# ---- results, surely_true, surely_false

test_results_when_several_operators if {
	# GIVEN two operators with one key each WHEN evaluated THEN one verdict per pair
	s := {"Condition": {"StringEquals": {_via: _bedrock}, "Bool": {"aws:SecureTransport": "true"}}}
	sort(conditions.results(s, _present)) == ["t", "u"]
}

test_block_when_no_condition if {
	# GIVEN a statement without Condition WHEN its block is read THEN it is empty
	conditions.block({"Effect": "Allow"}) == {}
}

test_surely_true_when_no_condition if {
	# GIVEN no Condition WHEN judged THEN it surely holds and is not surely false
	conditions.surely_true({"Effect": "Deny"}, _present)
	not conditions.surely_false({"Effect": "Deny"}, _present)
}

test_surely_true_when_every_verdict_is_t if {
	# GIVEN two operators that both hold WHEN judged THEN surely true
	s := {"Condition": {"StringEquals": {_via: _bedrock}, "Null": {_via: "false"}}}
	conditions.surely_true(s, _present)
	not conditions.surely_false(s, _present)
}

test_surely_false_when_one_verdict_is_f if {
	# GIVEN one operator that holds and one that fails WHEN judged THEN surely false, not surely true
	s := {"Condition": {"StringEquals": {_via: _bedrock}, "Null": {_via: "true"}}}
	conditions.surely_false(s, _present)
	not conditions.surely_true(s, _present)
}

test_surely_neither_when_a_verdict_is_u if {
	# GIVEN an unsupported operator next to one that holds WHEN judged THEN neither surely true nor surely false
	s := {"Condition": {"StringEquals": {_via: _bedrock}, "Bool": {"aws:SecureTransport": "true"}}}
	not conditions.surely_true(s, _present)
	not conditions.surely_false(s, _present)
}

test_surely_neither_when_condition_is_not_an_object if {
	# GIVEN a Condition that is a string WHEN judged THEN it cannot be read: neither surely true nor false
	s := {"Condition": "StringEquals"}
	not conditions.surely_true(s, _present)
	not conditions.surely_false(s, _present)
	conditions.results(s, _present) == []
}

test_surely_neither_when_operator_value_is_not_an_object if {
	# GIVEN an operator whose value is a string, next to one that surely fails WHEN judged THEN neither
	s := {"Condition": {"StringEquals": "x", "Null": {_via: "true"}}}
	not conditions.surely_true(s, _present)
	not conditions.surely_false(s, _present)
	conditions.results(s, _present) == ["f"]
}

# ---- the broad principal rule (probes.broad_principal) for the fixed probes' principal

_probe := {"aws:principalarn": ["arn:aws:iam::000000000000:role/zz-modelgate-probe"]}

test_arn_not_like_principal_when_exemption_is_broad_in_another_account if {
	# GIVEN a Deny exempting every role of account 111122223333 WHEN the fixed probes' principal (which stands
	# for any principal) calls THEN it may be one of them ("u": the Deny is not sure to apply)
	_verdicts("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/*", _probe) == ["u"]
}

test_arn_not_like_principal_when_exemption_is_a_name_prefix if {
	# GIVEN a Deny exempting role/BreakGlass* (a family of roles, not one) WHEN the fixed probes' principal
	# calls THEN it may be one of them ("u"), with any operator that reads wildcards
	_verdicts("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/BreakGlass*", _probe) == ["u"]
	_verdicts("StringNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/BreakGlass*", _probe) == ["u"]
	_verdicts("ArnEquals", "aws:PrincipalArn", "arn:aws:iam::*:role/BreakGlass*", _probe) == ["u"]
}

test_arn_not_like_principal_when_exemption_names_one_role if {
	# GIVEN a Deny exempting one named break-glass role WHEN the fixed probes' principal calls THEN the Deny
	# applies ("t"): the role is matched as written
	_verdicts("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/BreakGlassAdmin", _probe) == ["t"]
}

test_arn_not_like_principal_when_witness_principal_calls if {
	# GIVEN a Deny exempting role/a* WHEN a witness principal (not the fixed probes' one) calls THEN its ARN is
	# matched as written: role/azzprobe is exempt ("f"), role/zz-modelgate-probe in another account is not ("t")
	_verdicts("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/a*", {"aws:principalarn": ["arn:aws:iam::000000000000:role/azzprobe"]}) == ["f"]
	_verdicts("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/*", {"aws:principalarn": ["arn:aws:iam::000000000000:user/zz-modelgate-probe"]}) == ["t"]
}

test_arn_like_principal_when_pattern_is_broad if {
	# GIVEN an Allow for any role of an account (or for every principal but those) WHEN the fixed probes'
	# principal calls THEN the gate cannot tell ("u": the Allow may apply either way)
	_verdicts("ArnLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/*", _probe) == ["u"]
	_verdicts("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/*", _probe) == ["u"]
	s := {"Effect": "Allow", "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin*"}}}
	not conditions.surely_false(s, _probe)
}

test_principal_pattern_when_it_matches_the_fixed_principal_as_written if {
	# GIVEN a family pattern that matches the fixed probes' principal as written ("*", every role of every
	# account) WHEN it calls THEN the verdict is known: a Deny restricted to it applies, one exempting it does not
	_verdicts("StringLike", "aws:PrincipalArn", "*", _probe) == ["t"]
	_verdicts("ArnLike", "aws:PrincipalArn", ["arn:aws:iam::111122223333:role/*", "arn:aws:iam::*:role/*"], _probe) == ["t"]
	_verdicts("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/*", _probe) == ["f"]
}

# Regression (found by these tests): the broad-principal rule also fires for StringEquals/StringNotEquals, which never glob
# (facts doc section 2: only the *Like and Arn operators take wildcards). No principal ARN is literally
# "arn:aws:iam::*:role/*" (IAM names cannot hold "*"), so AWS evaluates StringNotEquals as true for the probe
# principal and a Deny with it applies to everyone; the library says "f" (the Deny stops applying).
test_string_not_equals_principal_when_pattern_has_literal_wildcards if {
	# GIVEN StringNotEquals aws:PrincipalArn arn:aws:iam::*:role/* WHEN the probe role calls
	ctx := {"aws:principalarn": ["arn:aws:iam::000000000000:role/zz-modelgate-probe"]}

	# THEN it holds: StringNotEquals compares literally
	_verdicts("StringNotEquals", "aws:PrincipalArn", "arn:aws:iam::*:role/*", ctx) == ["t"]
}

# ---- policy variables in values

test_a_policy_variable_in_a_value_is_unknown_when_the_key_is_present if {
	# GIVEN StringEquals aws:CalledViaLast ${aws:CalledViaLast} (always true in IAM) WHEN the key is present THEN "u",
	# not the "f" of comparing the text as written; and its negation StringNotEquals (always false) "u", not "t"
	_verdicts("StringEquals", _via, "${aws:CalledViaLast}", _present) == ["u"]
	_verdicts("StringNotEquals", _via, ["x", "${aws:CalledViaLast}"], _present) == ["u"]
	_verdicts("StringLike", _via, "${aws:CalledViaLast}", _present) == ["u"]

	# WHEN the key is absent THEN the operator alone decides, as without a variable
	_verdicts("StringEquals", _via, "${aws:CalledViaLast}", _absent) == ["f"]
	_verdicts("StringNotEquals", _via, "${aws:CalledViaLast}", _absent) == ["t"]

	# and Null reads its value whatever the request holds
	_verdicts("Null", _via, "${aws:username}", _absent) == ["u"]
}

# ---- Arn operators: a wildcard inside an ARN component (facts doc section 2)

_role := {"aws:principalarn": ["arn:aws:iam::111122223333:role/ml-dev"]}

test_arn_like_with_a_star_inside_the_account_component_names_no_role if {
	# GIVEN ArnLike "arn:aws:iam::*/*", which reads like every principal: its first "*" cannot leave the account
	# component (segment rule), and it has five components (component reading) WHEN the principal is a role THEN
	# it surely does not match: a Deny with it denies nobody, a Deny exempting it exempts nobody
	_verdicts("ArnLike", "aws:PrincipalArn", ["arn:aws:iam::*/*", "arn:aws:sts::*/*"], _role) == ["f"]
	_verdicts("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*/*", _role) == ["t"]
}

test_arn_like_where_the_two_readings_disagree_is_unknown if {
	# GIVEN "arn:aws:iam::*" (five components, its "*" ends a segment): every IAM ARN under the segment rule, none
	# by components THEN "u"
	_verdicts("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*", _role) == ["u"]
	_verdicts("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*", _role) == ["u"]
}

test_arn_like_with_stars_within_components_is_decided if {
	_verdicts("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:role/*", _role) == ["t"]
	_verdicts("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/*", _role) == ["f"]
	_verdicts("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:user/*", _role) == ["f"]
}

test_string_like_reads_stars_across_colons if {
	# GIVEN StringLike, which globs the whole string THEN "arn:aws:iam::*/*" matches the role
	_verdicts("StringLike", "aws:PrincipalArn", "arn:aws:iam::*/*", _role) == ["t"]
}

test_string_not_like_with_a_slash_in_the_account_still_exempts_roles if {
	# GIVEN StringNotLike "arn:aws:iam::*/M*" (a whole-string glob: it names role/MLDeveloper) WHEN the default
	# principal (any principal of the account) asks THEN "u": the Deny may not apply to it
	_verdicts("StringNotLike", "aws:PrincipalArn", "arn:aws:iam::*/M*", {"aws:principalarn": [probes.principal("aws")]}) == ["u"]
}

test_arn_not_like_with_a_shifting_region_star_still_exempts_roles if {
	# GIVEN ArnNotLike "arn:aws:iam:*:*/M*": the Region's "*" ends its segment and may take the account THEN "u"
	_verdicts("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam:*:*/M*", {"aws:principalarn": [probes.principal("aws")]}) == ["u"]
}
