package rules.iam.policy_grammar_invalid_test

import data.lib.testing
import data.rules.iam.policy_grammar_invalid as rule

_messages(plan) := {f.message | some f in findings} if {
	findings := rule.deny with input as plan
}

test_fails_when_json_is_not_an_object if {
	_messages(testing.plan([testing.rc_text("aws_iam_policy", "aws_iam_policy.x", "[1]")])) == {"policy text is JSON but not an object (array)"}
}

test_fails_when_statement_missing_or_empty if {
	_messages(testing.iam_doc_plan({"Version": "2012-10-17"})) == {"policy has no Statement"}
	_messages(testing.iam_doc_plan(testing.doc([]))) == {"policy Statement is an empty array"}
}

test_fails_when_top_level_element_unknown if {
	_messages(testing.iam_doc_plan({"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}, "Statements": []})) == {"policy has an unknown top-level element \"Statements\""}
}

test_fails_when_statement_elements_are_wrong if {
	msgs := _messages(testing.iam_doc_plan(testing.doc([
		{"Sid": "A", "Effect": "allow", "Action": "InvokeModel", "NotAction": [], "Foo": 1, "Condition": []},
		"text",
	])))
	msgs == {
		"statement \"A\" has Effect \"allow\"; it must be \"Allow\" or \"Deny\"",
		"statement \"A\" needs exactly one of Action or NotAction",
		"statement \"A\" needs exactly one of Resource or NotResource",
		"statement \"A\" has NotAction that must be a string or a non-empty array of strings",
		"statement \"A\" has actions without a service prefix (service:action): \"InvokeModel\"",
		"statement \"A\" has a Condition that is not an object of objects",
		"statement \"A\" has unknown elements \"Foo\"",
		"statement 2 is not an object",
	}
}

test_fails_when_effect_missing if {
	_messages(testing.scp_doc_plan(testing.doc({"Action": "bedrock:*", "Resource": "*"}))) == {"statement 1 has Effect null; it must be \"Allow\" or \"Deny\""}
}

test_passes_when_policy_is_well_formed if {
	count(rule.deny) == 0 with input as testing.iam_doc_plan(testing.doc([
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "NotAction": ["bedrock:Get*"], "NotResource": "arn:aws:bedrock:*::foundation-model/x", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
	]))
}
