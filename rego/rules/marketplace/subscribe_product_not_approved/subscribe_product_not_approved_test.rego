package rules.marketplace.subscribe_product_not_approved_test

import data.lib.testing
import data.rules.marketplace.subscribe_product_not_approved as rule

_plan(op, products) := testing.iam_doc_plan(testing.doc([{
	"Sid": "Sub",
	"Effect": "Allow",
	"Action": "aws-marketplace:Subscribe",
	"Resource": "*",
	"Condition": {op: {"aws-marketplace:ProductId": products}, "StringEquals": {"aws:CalledViaLast": "bedrock.amazonaws.com"}},
}]))

_approved := {"models": ["anthropic.claude-haiku-4-5-20251001-v1:0"], "productIds": ["prod-xdkflymybwmvi"]}

_findings(plan) := f if {
	f := rule.deny with input as plan with data.modelgate.catalog as testing.catalog with data.modelgate.approved as _approved
}

test_fails_when_product_not_approved if {
	findings := _findings(_plan("ForAnyValue:StringEquals", ["prod-xdkflymybwmvi", "prod-4pmewlybdftbs"]))
	{f.message | some f in findings} == {"`aws-marketplace:Subscribe on * for product prod-4pmewlybdftbs via bedrock.amazonaws.com` is allowed via aws_iam_policy.this (policy); the config does not approve that product"}
}

test_fails_once_per_unit_naming_every_product if {
	findings := _findings(_plan("ForAnyValue:StringEquals", ["prod-4pmewlybdftbs", "prod-4dlfvry4v5hbi"]))
	count(findings) == 1
	some f in findings
	contains(f.message, "(and 1 more unapproved requests)")
}

test_fails_for_single_value_and_set_prefixed_and_if_exists_forms if {
	every op in ["StringEquals", "ForAllValues:StringEquals", "StringEqualsIfExists", "StringLike"] {
		count(_findings(_plan(op, "prod-4pmewlybdftbs"))) == 1
	}
}

test_fails_when_string_like_pattern_admits_unlisted_products if {
	count(_findings(_plan("StringLike", ["prod-*"]))) == 1
}

test_passes_when_products_approved if {
	count(_findings(_plan("ForAnyValue:StringEquals", ["prod-xdkflymybwmvi"]))) == 0
}

test_passes_without_config if {
	count(rule.deny) == 0 with input as _plan("ForAnyValue:StringEquals", ["prod-4pmewlybdftbs"]) with data.modelgate.catalog as testing.catalog
}

# ---- per account (testing.per_target_config: Haiku's product approved for Workloads, not for Sandbox's account)

_in_account(account, plan) := object.union(plan, {"plan": {"configuration": {
	"provider_config": {"aws": {"expressions": {"allowed_account_ids": {"constant_value": [account]}}}},
	"root_module": {"resources": [{"address": "aws_iam_policy.x", "mode": "managed", "type": "aws_iam_policy", "name": "x", "provider_config_key": "aws"}]},
}}})

test_fails_when_the_product_is_approved_for_another_account_only if {
	# GIVEN Subscribe for Haiku's product in the Sandbox account WHEN judged THEN reported for that account
	plan := _in_account(testing.sbox_account, _plan("ForAnyValue:StringEquals", [testing.haiku_product]))
	findings := rule.deny with input as plan
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.per_target_config
	{f.message | some f in findings} == {"`aws-marketplace:Subscribe on * for product prod-xdkflymybwmvi via bedrock.amazonaws.com` is allowed via aws_iam_policy.this (policy); the config does not approve that product for account 333344445555"}

	# and in an account the config does not list, judged by the union, it passes
	count(rule.deny) == 0 with input as _in_account("444455556666", _plan("ForAnyValue:StringEquals", [testing.haiku_product]))
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.per_target_config
}
