package rules.marketplace.model_agreement_not_approved_test

import data.lib.testing
import data.rules.marketplace.model_agreement_not_approved as rule

_agreement(actions, after) := testing.plan([{
	"address": "aws_bedrock_foundation_model_agreement.this",
	"mode": "managed",
	"type": "aws_bedrock_foundation_model_agreement",
	"name": "this",
	"provider_name": "registry.terraform.io/hashicorp/aws",
	"change": {"actions": actions, "before": null, "after": after, "after_unknown": {}},
}])

_approved := {"models": ["anthropic.claude-haiku-4-5-20251001-v1:0"], "productIds": ["prod-xdkflymybwmvi"]}

_with_config(plan) := f if {
	f := rule.deny with input as plan with data.modelgate.catalog as testing.catalog with data.modelgate.approved as _approved
}

_without_config(plan) := f if {
	f := rule.deny with input as plan with data.modelgate.catalog as testing.catalog
}

test_fails_when_the_config_does_not_approve_the_model if {
	# GIVEN an agreement for Sonnet 4 WHEN the config approves only Haiku 4.5 THEN one finding naming the model
	findings := _with_config(_agreement(["create"], {"model_id": "anthropic.claude-sonnet-4-20250514-v1:0", "offer_token": "t"}))
	{f.message | some f in findings} == {"subscribes the account to anthropic.claude-sonnet-4-20250514-v1:0 through a Marketplace agreement; the config does not approve it"}
}

test_passes_when_the_config_approves_the_model if {
	count(_with_config(_agreement(["create"], {"model_id": "anthropic.claude-haiku-4-5-20251001-v1:0", "offer_token": "t"}))) == 0
}

test_passes_when_the_agreement_is_deleted if {
	count(_with_config(_agreement(["delete"], null))) == 0
}

test_fails_without_a_config_only_for_a_model_no_catalog_lists if {
	# GIVEN no config WHEN a catalog model and an unlisted one are subscribed THEN only the unlisted one is reported
	count(_without_config(_agreement(["create"], {"model_id": "anthropic.claude-haiku-4-5-20251001-v1:0", "offer_token": "t"}))) == 0
	{f.message | some f in _without_config(_agreement(["create"], {"model_id": "vendor.unlisted-v1", "offer_token": "t"}))} == {"subscribes the account to vendor.unlisted-v1 through a Marketplace agreement; no catalog lists it"}
}

test_fails_when_the_model_is_unknown_until_apply if {
	# GIVEN a model_id unknown until apply WHEN judged THEN reported (fail closed), with or without a config
	plan := _agreement(["create"], {"offer_token": "t"})
	count(_with_config(plan)) == 1
	count(_without_config(plan)) == 1
}

test_fails_naming_the_account_when_its_entry_does_not_approve_the_model if {
	# GIVEN the agreement planned through a provider for account 222233334444, whose own entry approves only Nova
	# Lite, while the union approves Haiku 4.5 too
	plan := object.union(_agreement(["create"], {"model_id": "anthropic.claude-haiku-4-5-20251001-v1:0", "offer_token": "t"}), {"plan": {"configuration": {
		"provider_config": {"aws": {"name": "aws", "expressions": {"allowed_account_ids": {"constant_value": ["222233334444"]}}}},
		"root_module": {"resources": [{"address": "aws_bedrock_foundation_model_agreement.this", "mode": "managed", "type": "aws_bedrock_foundation_model_agreement", "name": "this", "provider_config_key": "aws"}]},
	}}})
	approved := object.union(_approved, {"scopes": [{"models": ["amazon.nova-lite-v1:0"], "productIds": []}], "targets": {"222233334444": 0}})
	findings := rule.deny with input as plan with data.modelgate.catalog as testing.catalog with data.modelgate.approved as approved

	# THEN reported for that account
	{f.message | some f in findings} == {"subscribes the account to anthropic.claude-haiku-4-5-20251001-v1:0 through a Marketplace agreement; the config does not approve it for account 222233334444"}
}
