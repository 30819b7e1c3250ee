package rules.marketplace.subscribe_unscoped_test

import data.lib.testing
import data.rules.marketplace.subscribe_unscoped as rule

_allow(actions, condition) := testing.iam_doc_plan(testing.doc([{
	"Sid": "Sub",
	"Effect": "Allow",
	"Action": actions,
	"Resource": "*",
	"Condition": condition,
}]))

_messages(plan) := {f.message | some f in findings} if {
	findings := rule.deny with input as plan
}

_good := {
	"ForAnyValue:StringEquals": {"aws-marketplace:ProductId": ["prod-xdkflymybwmvi"]},
	"StringEquals": {"aws:CalledViaLast": "bedrock.amazonaws.com"},
}

test_fails_when_article_for_all_values if {
	msgs := _messages(_allow(["aws-marketplace:ViewSubscriptions", "aws-marketplace:Subscribe"], {
		"ForAllValues:StringEquals": {"aws-marketplace:ProductId": ["prod-4pmewlybdftbs"]},
		"StringEquals": {"aws:CalledViaLast": "bedrock.amazonaws.com"},
	}))
	msgs == {"statement \"Sub\" uses ForAllValues:StringEquals on aws-marketplace:productid in an Allow without a Null guard; it is true when the key is absent, so the restriction does not apply"}
}

test_fails_when_no_conditions if {
	every actions in ["aws-marketplace:Subscribe", "aws-marketplace:*", "*"] {
		count(_messages(_allow(actions, {}))) == 2
	}
}

test_fails_when_called_via_is_loose if {
	_messages(_allow("aws-marketplace:Subscribe", object.union(_good, {"StringEquals": {}, "StringLike": {"aws:CalledViaLast": "bedrock*"}}))) == {"statement \"Sub\" matches aws:CalledViaLast with a wildcard or Like operator; use StringEquals with bedrock.amazonaws.com"}
	count(_messages(_allow("aws-marketplace:Subscribe", object.union(_good, {"StringEquals": {"aws:CalledViaLast": "*"}})))) == 1
}

test_fails_when_product_id_missing if {
	_messages(_allow("aws-marketplace:Subscribe", {"StringEquals": {"aws:CalledViaLast": ["bedrock.amazonaws.com", "bedrock-mantle.amazonaws.com"]}})) == {"statement \"Sub\" allows aws-marketplace:Subscribe without an aws-marketplace:ProductId restriction, so any Marketplace model can be subscribed"}
}

test_passes_when_scoped if {
	count(rule.deny) == 0 with input as _allow("aws-marketplace:Subscribe", _good)
	count(rule.deny) == 0 with input as _allow(["aws-marketplace:ViewSubscriptions", "aws-marketplace:Unsubscribe"], {})
	count(rule.deny) == 0 with input as _allow("aws-marketplace:Subscribe", object.union(_good, {
		"ForAllValues:StringEquals": {"aws-marketplace:ProductId": ["prod-xdkflymybwmvi"]},
		"Null": {"aws-marketplace:ProductId": "false"},
	}))
}
