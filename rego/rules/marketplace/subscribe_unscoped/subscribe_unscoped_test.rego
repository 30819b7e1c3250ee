package rules.marketplace.subscribe_unscoped_test

import data.lib.testing
import data.rules.marketplace.subscribe_unscoped as rule

_allow(actions, resource, condition) := testing.iam_doc_plan(testing.doc([{
	"Sid": "Sub",
	"Effect": "Allow",
	"Action": actions,
	"Resource": resource,
	"Condition": condition,
}]))

_good := {
	"ForAnyValue:StringEquals": {"aws-marketplace:ProductId": ["prod-xdkflymybwmvi"]},
	"StringEquals": {"aws:CalledViaLast": "bedrock.amazonaws.com"},
}

_messages(plan) := {f.message | some f in findings} if {
	findings := rule.deny with input as plan with data.modelgate.catalog as testing.catalog
}

test_fails_when_article_for_all_values if {
	_messages(_allow(["aws-marketplace:ViewSubscriptions", "aws-marketplace:Subscribe"], "*", {
		"ForAllValues:StringEquals": {"aws-marketplace:ProductId": ["prod-4pmewlybdftbs"]},
		"StringEquals": {"aws:CalledViaLast": "bedrock.amazonaws.com"},
	})) == {"`aws-marketplace:Subscribe on * for product (none: no aws-marketplace:ProductId in the request) via bedrock.amazonaws.com` is allowed via aws_iam_policy.this (policy)"}
}

test_fails_when_no_conditions if {
	every actions in ["aws-marketplace:Subscribe", "aws-marketplace:*", "*", "AWS-Marketplace:sub*"] {
		count(_messages(_allow(actions, "*", {}))) == 1
	}
}

test_fails_when_called_via_is_loose if {
	products := {"ForAnyValue:StringEquals": {"aws-marketplace:ProductId": ["prod-xdkflymybwmvi"]}}
	count(_messages(_allow("aws-marketplace:Subscribe", "*", object.union(products, {"StringLike": {"aws:CalledViaLast": "bedrock*"}})))) == 1
	count(_messages(_allow("aws-marketplace:Subscribe", "*", object.union(products, {"StringLike": {"aws:CalledViaLast": "*"}})))) == 1
	count(_messages(_allow("aws-marketplace:Subscribe", "*", object.union(products, {"StringNotEquals": {"aws:CalledViaLast": "x.amazonaws.com"}})))) == 1
}

test_fails_when_product_id_missing_or_only_required_present if {
	count(_messages(_allow("aws-marketplace:Subscribe", "*", {"StringEquals": {"aws:CalledViaLast": ["bedrock.amazonaws.com", "bedrock-mantle.amazonaws.com"]}}))) == 1
	count(_messages(_allow("aws-marketplace:Subscribe", "*", {"StringEquals": {"aws:CalledViaLast": "bedrock.amazonaws.com"}, "Null": {"aws-marketplace:ProductId": "false"}}))) == 1
}

test_passes_when_scoped if {
	count(_messages(_allow("aws-marketplace:Subscribe", "*", _good))) == 0
	count(_messages(_allow(["aws-marketplace:ViewSubscriptions", "aws-marketplace:Unsubscribe"], "*", {}))) == 0
	count(_messages(_allow("aws-marketplace:Subscribe", "*", object.union(_good, {
		"ForAllValues:StringEquals": {"aws-marketplace:ProductId": ["prod-xdkflymybwmvi"]},
		"Null": {"aws-marketplace:ProductId": "false"},
	})))) == 0
}

test_passes_when_called_via_last_ignores_case if {
	count(_messages(_allow("aws-marketplace:Subscribe", "*", {
		"ForAnyValue:StringEquals": {"aws-marketplace:ProductId": ["prod-xdkflymybwmvi"]},
		"StringEqualsIgnoreCase": {"aws:CalledViaLast": "Bedrock.amazonaws.com"},
	}))) == 0
}

# Subscribe has no resource types: a statement on other ARNs grants none of it
test_passes_when_every_action_is_scoped_to_a_bucket if {
	count(_messages(_allow("*", ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"], {}))) == 0
}
