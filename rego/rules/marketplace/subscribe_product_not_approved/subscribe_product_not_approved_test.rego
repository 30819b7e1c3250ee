package rules.marketplace.subscribe_product_not_approved_test

import data.lib.testing
import data.rules.marketplace.subscribe_product_not_approved as rule

_statement(effect, actions, condition) := {
	"Sid": "Sub",
	"Effect": effect,
	"Action": actions,
	"Resource": "*",
	"Condition": object.union({"StringEquals": {"aws:CalledViaLast": "bedrock.amazonaws.com"}}, condition),
}

_allow(condition) := testing.iam_doc_plan(testing.doc([_statement("Allow", "aws-marketplace:Subscribe", condition)]))

# the config approves Claude Haiku 4.5 and its product ID
_haiku := "anthropic.claude-haiku-4-5-20251001-v1:0"

_approved := object.union(testing.approving([_haiku]), {"productIds": ["prod-xdkflymybwmvi"]})

_messages(plan) := {f.message | some f in findings} if {
	findings := rule.deny with input as plan
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as _approved
}

test_fails_when_product_not_approved if {
	findings := rule.deny with input as _allow({"ForAnyValue:StringEquals": {"aws-marketplace:ProductId": [
		"prod-xdkflymybwmvi",
		"prod-4pmewlybdftbs",
	]}})
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as _approved
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0020"
	f.severity == "HIGH"
	f.message == "statement \"Sub\" allows aws-marketplace:Subscribe to product prod-4pmewlybdftbs (model anthropic.claude-sonnet-4-20250514-v1:0), which the config does not approve"
}

test_fails_once_per_product if {
	_messages(_allow({"ForAnyValue:StringEquals": {"aws-marketplace:productid": [
		"prod-4pmewlybdftbs",
		"prod-4dlfvry4v5hbi",
		"prod-zzzzzzzzzzzzz",
		"prod-4pmewlybdftbs",
	]}})) == {
		"statement \"Sub\" allows aws-marketplace:Subscribe to product prod-4dlfvry4v5hbi (model anthropic.claude-3-7-sonnet-20250219-v1:0), which the config does not approve",
		"statement \"Sub\" allows aws-marketplace:Subscribe to product prod-4pmewlybdftbs (model anthropic.claude-sonnet-4-20250514-v1:0), which the config does not approve",
		"statement \"Sub\" allows aws-marketplace:Subscribe to product prod-zzzzzzzzzzzzz (no catalog model), which the config does not approve",
	}
}

test_fails_for_single_value_and_array_forms if {
	every condition in [
		{"StringEquals": {"aws:CalledViaLast": "bedrock.amazonaws.com", "aws-marketplace:ProductId": "prod-4pmewlybdftbs"}},
		{"StringEquals": {"aws:CalledViaLast": "bedrock.amazonaws.com", "AWS-Marketplace:ProductID": ["prod-4pmewlybdftbs"]}},
		{"ForAnyValue:StringEquals": {"aws-marketplace:ProductId": "prod-4pmewlybdftbs"}},
		{"ForAnyValue:StringEquals": {"aws-marketplace:ProductId": ["prod-4pmewlybdftbs"]}},
		{"StringLike": {"aws-marketplace:ProductId": "prod-4pmewlybdftbs"}},
	] {
		_messages(_allow(condition)) == {"statement \"Sub\" allows aws-marketplace:Subscribe to product prod-4pmewlybdftbs (model anthropic.claude-sonnet-4-20250514-v1:0), which the config does not approve"}
	}
}

test_fails_when_string_like_pattern_matches_unapproved_product if {
	_messages(_allow({"StringLike": {"aws-marketplace:ProductId": ["prod-xdkflymybwmvi", "prod-4*"]}})) == {
		"statement \"Sub\" allows aws-marketplace:Subscribe to product prod-4dlfvry4v5hbi (model anthropic.claude-3-7-sonnet-20250219-v1:0) through StringLike \"prod-4*\", which the config does not approve",
		"statement \"Sub\" allows aws-marketplace:Subscribe to product prod-4pmewlybdftbs (model anthropic.claude-sonnet-4-20250514-v1:0) through StringLike \"prod-4*\", which the config does not approve",
	}
}

test_fails_for_covering_actions_in_any_case if {
	every actions in ["AWS-Marketplace:subscribe", "aws-marketplace:*", "*", ["aws-marketplace:ViewSubscriptions", "aws-marketplace:Sub*"]] {
		count(_messages(testing.iam_doc_plan(testing.doc([_statement("Allow", actions, {"StringEquals": {
			"aws:CalledViaLast": "bedrock.amazonaws.com",
			"aws-marketplace:ProductId": "prod-4pmewlybdftbs",
		}})])))) == 1
	}
}

test_passes_when_products_approved if {
	count(_messages(_allow({"ForAnyValue:StringEquals": {"aws-marketplace:ProductId": ["prod-xdkflymybwmvi"]}}))) == 0
	count(_messages(_allow({"StringEquals": {"aws:CalledViaLast": "bedrock.amazonaws.com", "aws-marketplace:ProductId": "prod-xdkflymybwmvi"}}))) == 0
	count(_messages(_allow({"StringLike": {"aws-marketplace:ProductId": "prod-xdk*"}}))) == 0
}

test_passes_without_config if {
	plan := _allow({"ForAnyValue:StringEquals": {"aws-marketplace:ProductId": ["prod-4pmewlybdftbs"]}})
	count(rule.deny) == 0 with input as plan with data.modelgate.catalog as testing.catalog
	count(rule.deny) == 0 with input as plan
}

test_passes_when_statement_denies if {
	deny_plan := testing.iam_doc_plan(testing.doc([_statement("Deny", "aws-marketplace:Subscribe", {"ForAnyValue:StringEquals": {"aws-marketplace:ProductId": ["prod-4pmewlybdftbs"]}})]))
	count(_messages(deny_plan)) == 0
}

test_passes_when_action_or_operator_does_not_grant if {
	not_subscribe := testing.iam_doc_plan(testing.doc([_statement("Allow", ["aws-marketplace:ViewSubscriptions", "aws-marketplace:Unsubscribe"], {"ForAnyValue:StringEquals": {"aws-marketplace:ProductId": ["prod-4pmewlybdftbs"]}})]))
	count(_messages(not_subscribe)) == 0
	count(_messages(_allow({"StringNotEquals": {"aws-marketplace:ProductId": ["prod-4pmewlybdftbs"]}}))) == 0
}

test_fails_for_set_prefixed_and_if_exists_forms if {
	# ForAnyValue:StringLike, ForAllValues:StringEquals (with its Null guard) and ...IfExists name products too
	forms := [
		{"ForAnyValue:StringLike": {"aws-marketplace:ProductId": ["prod-4pmewlybdftbs"]}},
		{"ForAllValues:StringEquals": {"aws-marketplace:ProductId": ["prod-4pmewlybdftbs"]}, "Null": {"aws-marketplace:ProductId": "false"}},
		{"StringEqualsIfExists": {"aws-marketplace:ProductId": "prod-4pmewlybdftbs"}},
		{"ForAnyValue:StringEqualsIgnoreCase": {"aws-marketplace:ProductId": "prod-4pmewlybdftbs"}},
	]
	every condition in forms {
		_messages(_allow(condition)) == {"statement \"Sub\" allows aws-marketplace:Subscribe to product prod-4pmewlybdftbs (model anthropic.claude-sonnet-4-20250514-v1:0), which the config does not approve"}
	}
}
