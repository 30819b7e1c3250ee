package lib.iam_test

import data.lib.iam

# every case: [pattern, value, IAM's answer]
_cases := [
	["arn:aws:bedrock:*::foundation-model/amazon.nova-*", "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0", true],
	["arn:aws:bedrock:*::foundation-model/amazon.nova-*", "arn:aws:bedrock:::foundation-model/amazon.nova-lite-v1:0", true],
	["arn:aws:bedrock:*::foundation-model/amazon.nova-*", "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v1", false],
	["arn:aws:bedrock:*::inference-profile/us.amazon.nova-lite-v1:0", "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-lite-v1:0", false],
	["arn:aws:bedrock:*:*:inference-profile/us.amazon.nova-lite-v1:0", "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-lite-v1:0", true],
	["arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0", "arn:aws:bedrock:eu-west-1:111122223333:inference-profile/eu.amazon.nova-lite-v1:0", true],
	["arn:aws:bedrock:*:*:inference-profile/*", "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc", false],
	["*", "", true],
	["*", "anything:at/all", true],
	["a*", "a", true],
	["*a", "a", true],
	["a*a", "a", false],
	["a*a", "aa", true],
	["a**b", "ab", true],
	["*ab*ab*", "abab", true],
	["*ab*ab*", "aba", false],
	["*aba*aba*", "ababa", false],
	["*aba*aba*", "abaaba", true],
	["x*a*b*c*d*e*f*y", "x1a2b3c4d5e6f7y", true],
	["x*a*b*c*d*e*f*y", "x1a2b3c4d5e6f7", false],
	["x*a*b*c*d*e*f*g*y", "xabcdefgy", true],
	["x*a*b*c*d*e*f*g*y", "xabcdefy", false],
	["bedrock:invoke*", "bedrock:invokemodelwithresponsestream", true],
	["bedrock:*model*", "bedrock:invokemodel", true],
	["bedrock:*model*", "bedrock:listagents", false],
	["bedrock:invokemodel?", "bedrock:invokemodel", false],
	["bedrock:invokemode?", "bedrock:invokemodel", true],
	["a*?", "a", false],
	["a*?", "ab", true],
	["x*1*2*3*4*5*6*7*8*y", "x12345678y", true],
	["x*1*2*3*4*5*6*7*8*y", "x1234567y", false],
	["plain", "plain", true],
	["plain", "plainer", false],
]

test_wildcard_match_agrees_with_iam_on_every_case if {
	wrong := [c |
		some c in _cases
		_answer(c[0], c[1]) != c[2]
	]
	wrong == []
}

test_star_only_patterns_agree_with_the_regex_translation if {
	# the string-builtin matcher and the regex it replaces must agree wherever both apply
	wrong := [c |
		some c in _cases
		not contains(c[0], "?")
		_answer(c[0], c[1]) != regex.match(iam.to_regex(c[0]), c[1])
	]
	wrong == []
}

test_regex_is_kept_only_for_question_marks_and_many_stars if {
	iam._needs_regex("bedrock:invokemode?")
	iam._needs_regex("x*1*2*3*4*5*6*7*8*y")
	not iam._needs_regex("x*a*b*c*d*e*f*g*y")
	not iam._needs_regex("arn:aws:bedrock:*::foundation-model/*")
}

test_covers_action_is_case_insensitive_and_reads_single_values if {
	iam.covers_action({"Action": "Bedrock:Invoke*"}, "bedrock:invokemodel")
	iam.covers_action({"Action": ["s3:*", "bedrock:InvokeModel"]}, "bedrock:invokemodel")
	not iam.covers_action({"Action": "bedrock:Get*"}, "bedrock:invokemodel")
	iam.covers_action({"NotAction": "s3:*"}, "bedrock:invokemodel")
	not iam.covers_action({"NotAction": ["bedrock:*"]}, "bedrock:invokemodel")
}

test_covers_resource_reads_resource_and_notresource if {
	iam.covers_resource({"Resource": "*"}, "arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0")
	iam.covers_resource({"NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.*"]}, "arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0")
	not iam.covers_resource({"NotResource": "arn:aws:bedrock:*::foundation-model/*"}, "arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0")
}

test_wildcard_match_with_many_stars_and_question_marks if {
	iam.wildcard_match("a*b*c*d*e", "a1b2c3d4e")
	iam.wildcard_match("a*b*c*d*e*f", "a1b2c3d4e5f")
	not iam.wildcard_match("a*b*c*d*e*f", "a1b2c3d4e5")
	iam.wildcard_match("arn:aws:bedrock:us-east-?::foundation-model/*", "arn:aws:bedrock:us-east-1::foundation-model/x")
	iam.has_wildcard("us-east-?")
}

_answer(p, v) if iam.wildcard_match(p, v)

_answer(p, v) := false if not iam.wildcard_match(p, v)

_matched(p, v) if {
	iam.matches(iam.matcher(p), v)
} else := false

# more middle parts than _cases reach
_more_cases := [
	["x*a*b*c*d*y", "x1a2b3c4d5y", true],
	["x*a*b*c*d*y", "x1a2b3c4y", false],
	["x*a*b*c*d*e*y", "xabcdey", true],
	["x*a*b*c*d*e*y", "xabcdy", false],
]

test_matcher_agrees_with_wildcard_match_on_every_case if {
	# GIVEN each pattern analysed once (matcher) WHEN matched THEN IAM's answer, as wildcard_match gives it
	wrong := [c |
		some c in array.concat(_cases, _more_cases)
		_matched(c[0], c[1]) != c[2]
	]
	wrong == []
	every c in _more_cases {
		_answer(c[0], c[1]) == c[2]
	}
}

test_model_ref_reads_a_wildcard_prefix_only_when_it_can_be_a_geography if {
	# GIVEN profile patterns whose first segment has a wildcard WHEN parsed THEN "*" and "e*" are geography prefixes
	iam.model_ref("arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0").model == "amazon.nova-lite-v1:0"
	iam.model_ref("arn:aws:bedrock:*:*:inference-profile/e*.amazon.nova-lite-v1:0").prefix == "e*"

	# and "*amazon" (which covers "us.amazon") is part of the model pattern, not a prefix
	iam.model_ref("arn:aws:bedrock:*:*:inference-profile/*amazon.nova-lite-v1:0") == {
		"type": "inference-profile", "model": "*amazon.nova-lite-v1:0", "prefix": "*",
		"arn": "arn:aws:bedrock:*:*:inference-profile/*amazon.nova-lite-v1:0", "region": "*",
	}
}

test_var_wild_reads_each_policy_variable_as_a_wildcard if {
	# GIVEN patterns with policy variables WHEN read THEN each variable is "*"; text without one is unchanged
	iam.var_wild("arn:aws:bedrock:*:*:inference-profile/${aws:PrincipalTag/geo}.amazon.nova-lite-v1:0") == "arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0"
	iam.var_wild("arn:aws:iam::${aws:PrincipalAccount}:role/${aws:username}-x") == "arn:aws:iam::*:role/*-x"
	iam.var_wild("arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0") == "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"

	# an unclosed "${" is text
	iam.var_wild("role/${oops") == "role/${oops"
	iam.has_variable("role/${aws:username}")
	not iam.has_variable("role/${oops")
}

# every case: [pattern, value, a match however IAM reads the pattern's wildcards (arn_surely)]
_sure_cases := [
	# a "*" followed by "/" cannot leave the Region segment, and no Region holds a "/": IAM matches nothing
	["arn:aws:bedrock:*/*", "arn:aws:bedrock:us-east-1::foundation-model/deepseek.v3-v1:0", false],
	["arn:aws:bedrock:*model/*", "arn:aws:bedrock:us-east-1::foundation-model/deepseek.v3-v1:0", false],
	# stars within segments, each segment against its own
	["arn:aws:bedrock:*:*:foundation-model/*", "arn:aws:bedrock:us-east-1:111122223333:foundation-model/x", true],
	["arn:aws:bedrock:*::foundation-model/amazon.nova-*", "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0", true],
	["arn:aws:bedrock:us-*-1::foundation-model/x", "arn:aws:bedrock:us-east-1::foundation-model/x", true],
	["arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0", "arn:aws:bedrock:eu-west-1:111122223333:inference-profile/eu.amazon.nova-lite-v1:0", true],
	["arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0", "arn:aws:bedrock:eu-west-1:111122223333:inference-profile/eu.amazon.nova-pro-v1:0", false],
	# a final "*" takes the value's further segments (a short pattern stands for its padded form)
	["arn:aws:bedrock:*:*:*", "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0", true],
	["arn:aws:bedrock:eu*", "arn:aws:bedrock:eu-west-1::foundation-model/x", true],
	["arn:aws:bedrock:eu-west-1:*", "arn:aws:bedrock:eu-west-1::foundation-model/x", true],
	# a "*" that ends an inner segment may take colons under one reading and not another: not sure
	["arn:aws:bedrock:*:foundation-model/x", "arn:aws:bedrock:us-east-1::foundation-model/x", false],
	# "?" where the value has a colon
	["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1?0", "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0", false],
	["arn:aws:bedrock:us-east-?::foundation-model/x", "arn:aws:bedrock:us-east-1::foundation-model/x", true],
	["arn:aws:bedrock:us-east-1::foundation-model/x", "arn:aws:bedrock:us-east-1::foundation-model/x", true],
	["arn:aws:bedrock:us-east-1::foundation-model/x", "arn:aws:bedrock:us-east-1::foundation-model/x:0", false],
	["*", "arn:aws:bedrock:us-east-1::foundation-model/x", true],
]

test_arn_surely_matches_segment_by_segment if {
	wrong := [c |
		some c in _sure_cases
		_sure(c[0], c[1]) != c[2]
	]
	wrong == []
}

test_a_sure_match_is_a_match if {
	# GIVEN every case THEN what surely matches also may: the two readings differ only in what they leave out
	every c in _sure_cases {
		not _sure_not_may(c[0], c[1])
	}
}

test_arn_condition_surely_needs_six_components if {
	iam.arn_condition_surely("arn:aws:iam::*:role/*", "arn:aws:iam::111122223333:role/admin")
	not iam.arn_condition_surely("arn:aws:iam::*/*", "arn:aws:iam::111122223333:role/admin")
	not iam.arn_condition_surely("arn:aws:iam::*", "arn:aws:iam::111122223333:role/admin")
	not iam.arn_condition_surely("arn:aws:sts::*/*", "arn:aws:sts::111122223333:assumed-role/admin/session")
}

test_an_allow_notresource_excludes_only_what_it_surely_names if {
	# GIVEN NotResource "arn:aws:bedrock:*/*", which names no Bedrock ARN THEN the Allow covers every model
	iam.covers_resource({"NotResource": ["arn:aws:bedrock:*/*"]}, "arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0")
	not iam.covers_resource({"NotResource": ["arn:aws:bedrock:*:*:*"]}, "arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0")
}

_sure(p, v) if iam.arn_surely(p, v)

_sure(p, v) := false if not iam.arn_surely(p, v)

_sure_not_may(p, v) if {
	iam.arn_surely(p, v)
	not iam.wildcard_match(p, v)
}

test_unsure_patterns_surely_name_nothing if {
	# a wildcard in the resource type or the service segment: IAM may read it as naming nothing
	not iam.arn_surely("arn:aws:bedrock:*::*/*", "arn:aws:bedrock:us-east-1::foundation-model/x")
	not iam.arn_surely("arn:aws:bedrock:*::f*", "arn:aws:bedrock:us-east-1::foundation-model/x")
	not iam.arn_surely("arn:aws:b?drock:*:*:*", "arn:aws:bedrock:us-east-1::foundation-model/x")
	not iam.arn_surely("arn:aws:*:*:*:*", "arn:aws:bedrock:us-east-1::foundation-model/x")
	not iam.covers_resource({"NotResource": ["arn:aws:bedrock:*:*:*"]}, "arn:aws:bedrock:us-east-1::foundation-model/x")
	iam.covers_resource({"NotResource": ["arn:aws:bedrock:*::*/*", "arn:aws:bedrock:*:*:*/*"]}, "arn:aws:bedrock:us-east-1::foundation-model/x")

	# a resource part of only "*", and "arn:*", name everything
	iam.arn_surely("arn:aws:bedrock:*:*:*", "arn:aws:bedrock:us-east-1::foundation-model/x")
	iam.arn_surely("arn:*", "arn:aws:bedrock:us-east-1::foundation-model/x")
}

test_arn_condition_may_takes_either_reading if {
	# the segment rule: a final "*" of an inner segment crosses colons
	iam.arn_condition_may("arn:aws:iam::*", "arn:aws:iam::111122223333:role/x")

	# by components: a "*" in the resource part crosses colons
	iam.arn_condition_may("arn:aws:bedrock:*:*:inference-profile/*-v1:0", "arn:aws:bedrock:us-east-1:1:inference-profile/us.m-v1:0")

	# neither: a "*" inside the account component
	not iam.arn_condition_may("arn:aws:iam::*/*", "arn:aws:iam::111122223333:role/x")
	not iam.arn_condition_may("arn:aws:iam::1?/*", "arn:aws:iam::111122223333:role/x")
	iam.arn_condition_may("arn:aws:iam::1*3:role/*", "arn:aws:iam::111122223333:role/x")
}
