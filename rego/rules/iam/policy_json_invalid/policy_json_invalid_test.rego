package rules.iam.policy_json_invalid_test

import data.lib.testing
import data.rules.iam.policy_json_invalid as rule

test_fails_when_policy_has_smart_quotes if {
	text := "{\u201cVersion\u201d: \u201c2012-10-17\u201d, \"Statement\": []}"
	findings := rule.deny with input as testing.plan([testing.rc_text("aws_iam_policy", "aws_iam_policy.x", text)])
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0001"
	f.severity == "CRITICAL"
	f.address == "aws_iam_policy.x"
	contains(f.message, "typographic quotes")
}

test_fails_when_scp_has_trailing_comma if {
	text := `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["bedrock:InvokeModel",], "Resource": "*"}]}`
	findings := rule.deny with input as testing.plan([testing.rc_text("aws_organizations_policy", "module.org.aws_organizations_policy.p[0]", text)])
	count(findings) == 1
	some f in findings
	f.address == "module.org.aws_organizations_policy.p[0]"
	contains(f.message, "trailing commas")
}

test_fails_when_valid_json_hides_smart_quotes_in_strings if {
	text := "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"\u2018bedrock:InvokeModel\u2019\", \"Resource\": \"*\"}}"
	findings := rule.deny with input as testing.plan([testing.rc_text("aws_iam_role_policy", "aws_iam_role_policy.r", text)])
	count(findings) == 1
	some f in findings
	contains(f.message, "inside its strings")
}

test_passes_when_policy_is_json if {
	count(rule.deny) == 0 with input as testing.iam_plan(["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"])
}

test_passes_when_change_is_delete if {
	base := testing.rc_text("aws_iam_policy", "aws_iam_policy.x", "{,}")
	deleted := object.union(base, {"change": {"actions": ["delete"], "before": {"policy": "{,}"}, "after": null}})
	count(rule.deny) == 0 with input as testing.plan([deleted])
}

test_fails_whatever_the_provider if {
	base := testing.rc_text("aws_iam_policy", "aws_iam_policy.x", "{,}")
	other := object.union(base, {"provider_name": "registry.terraform.io/example/awscc"})
	count(rule.deny) == 1 with input as testing.plan([other])
}

test_fails_when_tofu_provider_address if {
	base := testing.rc_text("aws_iam_policy", "aws_iam_policy.x", "{,}")
	tofu := object.union(base, {"provider_name": "registry.opentofu.org/hashicorp/aws"})
	count(rule.deny) == 1 with input as testing.plan([tofu])
}

test_fails_when_a_key_is_repeated_harmful_value_first if {
	# an identity Allow whose first Resource is "*": a first-wins reader grants every model
	text := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:InvokeModel","Resource":"*","Resource":"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"}]}`
	findings := rule.deny with input as testing.plan([testing.rc_text("aws_iam_policy", "aws_iam_policy.x", text)])
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0001"
	contains(f.message, `repeats the key "Resource" within one object`)
}

test_fails_when_condition_operators_repeat_and_names_the_operator if {
	# the dropped first StringEquals holds a key too: the repeated key named is the operator, not what it held
	text := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotResource":["*"],"Action":"bedrock:*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"},"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}`
	findings := rule.deny with input as testing.plan([testing.rc_text("aws_organizations_policy", "aws_organizations_policy.p", text)])
	count(findings) == 1
	some f in findings
	contains(f.message, `repeats the key "StringEquals" within one object`)
}

test_names_the_first_of_several_repeated_keys if {
	text := `{"Version":"2012-10-17","Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Resource":"*"}]}`
	findings := rule.deny with input as testing.plan([testing.rc_text("aws_iam_policy", "aws_iam_policy.x", text)])
	count(findings) == 1
	some f in findings
	contains(f.message, `repeats the key "Version"`)
}

test_passes_when_keys_repeat_only_across_objects_or_inside_strings if {
	# the same key in two statements, a colon after a string value's escaped quote, and an escaped key
	text := `{"Version":"2012-10-17","Statement":[{"Sid":"a\":","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"b","Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"StringEquals":{"aws:Principal\u0054ag/x":"y"}}}]}`
	count(rule.deny) == 0 with input as testing.plan([testing.rc_text("aws_iam_policy", "aws_iam_policy.x", text)])
}

test_repeated_escaped_key_is_found_by_its_value if {
	# "Resource" and "Resourc\u0065" are one key once parsed
	text := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:InvokeModel","Resource":"*","Resourc\u0065":"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"}]}`
	findings := rule.deny with input as testing.plan([testing.rc_text("aws_iam_policy", "aws_iam_policy.x", text)])
	some f in findings
	contains(f.message, `"Resource"`)
}

test_fails_when_text_holds_more_keys_than_checked if {
	cond := {concat("", ["aws:PrincipalTag/k", format_int(i, 10)]): "v" | some i in numbers.range(1, 2100)}
	text := json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": cond}}]})
	findings := rule.deny with input as testing.plan([testing.rc_text("aws_iam_policy", "aws_iam_policy.x", text)])
	count(findings) == 1
	some f in findings
	contains(f.message, "keys, more than any IAM policy can")
}

test_repeated_condition_is_named_not_what_it_held if {
	text := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}},"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}`
	findings := rule.deny with input as testing.plan([testing.rc_text("aws_iam_policy", "aws_iam_policy.x", text)])
	some f in findings
	contains(f.message, `repeats the key "Condition"`)
}

test_fails_when_a_key_repeats_in_text_with_escaped_quotes if {
	# an escaped quote in a value: the keys are found by the tokenising expression, not by splitting at quotes
	text := `{"Version":"2012-10-17","Statement":[{"Sid":"say \"hi\":","Effect":"Allow","Action":"bedrock:*","Action":"s3:GetObject","Resource":"*"}]}`
	findings := rule.deny with input as testing.plan([testing.rc_text("aws_iam_policy", "aws_iam_policy.x", text)])
	some f in findings
	contains(f.message, `repeats the key "Action"`)
}
