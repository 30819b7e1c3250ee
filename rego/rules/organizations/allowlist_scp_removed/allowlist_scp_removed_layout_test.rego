package rules.organizations.allowlist_scp_removed_test

import data.lib.testing
import data.rules.organizations.allowlist_scp_removed as rule

# ---- the config's layout, when the plan shows no SCP: Workloads and Sandbox under r-ab12 with their lists, Staging
# without one, the Sandbox account placed in Sandbox

_with_layout := object.union(testing.per_target_config, {"layout": {
	"r-ab12": {"parent": null, "allowList": false},
	testing.wkld: {"parent": "r-ab12", "allowList": true},
	testing.sbox: {"parent": "r-ab12", "allowList": true},
	"ou-ab12-stag0003": {"parent": "r-ab12", "allowList": false},
	testing.sbox_account: {"parent": testing.sbox, "allowList": false},
}})

_by_layout(rcs) := {[f.address, f.message] | some f in findings} if {
	findings := rule.deny with input as testing.plan(rcs)
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as _with_layout
}

test_fails_when_an_account_moves_off_the_configs_layout if {
	# GIVEN the Sandbox account moved to Staging, the plan showing no SCP THEN the config's layout reports it
	findings := _by_layout([_move(testing.sbox_account, testing.sbox, "ou-ab12-stag0003")])
	count(findings) == 1
	some [_, message] in findings
	startswith(message, "moves 333344445555 from ou-ab12-sbox0002 to ou-ab12-stag0003: ")
	contains(message, "the config's layout supplies the allow-lists this plan does not show)")

	# WHEN it moves to an OU neither the config nor the plan places THEN the message says so
	some [_, unplaced] in _by_layout([_move(testing.sbox_account, testing.sbox, "ou-ab12-zzzz9999")])
	contains(unplaced, "neither the config nor this plan places ou-ab12-zzzz9999, so no SCP above it is assumed")

	# WHEN it moves to Workloads, whose list the config places, THEN judged by its entry: nova-pro leaks
	some [_, wider] in _by_layout([_move(testing.sbox_account, testing.sbox, testing.wkld)])
	contains(wider, "amazon.nova-pro-v1:0")
}

test_fails_when_an_account_leaves_the_configs_layout if {
	# GIVEN the Sandbox account deleted (not closed), the plan showing no SCP THEN reported
	gone := testing.node_rc("aws_organizations_account.a", "aws_organizations_account", ["delete"], {"id": testing.sbox_account, "parent_id": testing.sbox}, null)
	some [_, message] in _by_layout([gone])
	startswith(message, "removes account 333344445555 from the organization: ")
	contains(message, "(the config's layout supplies the allow-lists this plan does not show)")
}

test_passes_when_an_account_moves_within_the_configs_layout if {
	# GIVEN an unlisted account moved from Workloads to Sandbox (narrower), the plan showing no SCP THEN nothing
	count(_by_layout([_move("444455556666", testing.wkld, testing.sbox)])) == 0
}

test_fails_when_an_unlisted_account_moves_from_an_unplaced_ou_to_an_open_one if {
	# GIVEN an account the config does not list moved from an OU nobody places to Staging, the plan showing no SCP
	move := _move("444455556666", "ou-ab12-zzzz9999", "ou-ab12-stag0003")
	some [_, message] in _by_layout([move])

	# THEN reported: what restricted it is unknown, and its new path restricts nothing
	startswith(message, "moves 444455556666 from ou-ab12-zzzz9999 to ou-ab12-stag0003: neither the config nor this plan shows the SCPs of ou-ab12-zzzz9999")
}

test_fails_when_an_unlisted_account_leaves_from_an_unplaced_ou if {
	# GIVEN an account the config does not list, in an OU nobody places, deleted (not closed) THEN reported
	gone := testing.node_rc("aws_organizations_account.a", "aws_organizations_account", ["delete"], {"id": "444455556666", "parent_id": "ou-ab12-zzzz9999"}, null)
	some [_, message] in _by_layout([gone])
	contains(message, "may have been denied where it was (neither the config nor this plan shows the SCPs of ou-ab12-zzzz9999")
}

# a config with the root r-1 (no allow-list) and ou-1 (Nova Lite, with one)
_arrival_cfg := {
	"models": ["amazon.nova-lite-v1:0"], "productIds": [], "literalPatterns": [],
	"openSurfaces": {"bedrockMantle": false, "claudePlatform": false},
	"scopes": [{"models": ["amazon.nova-lite-v1:0"], "productIds": [], "literalPatterns": [], "openSurfaces": {"bedrockMantle": false, "claudePlatform": false}}],
	"targets": {"ou-1": 0},
	"layout": {"r-1": {"parent": null, "allowList": false}, "ou-1": {"parent": "r-1", "allowList": true}},
}

_created_account(parent) := {
	"address": "aws_organizations_account.new", "mode": "managed", "type": "aws_organizations_account", "name": "new",
	"provider_name": testing.provider,
	"change": {"actions": ["create"], "before": null, "after": {"name": "new", "email": "n@example.com", "parent_id": parent}, "after_unknown": {"id": true}},
}

test_fails_when_an_account_is_created_where_no_allow_list_applies if {
	# GIVEN a config whose root carries no allow-list WHEN the plan creates an account in the root THEN MG-0018 on
	# the account; in ou-1 (allow-listed) nothing
	fs := rule.deny with input as testing.plan([_created_account("r-1")])
		with data.modelgate.approved as _arrival_cfg
		with data.modelgate.catalog as testing.catalog
	[f] := [f | some f in fs]
	startswith(f.message, "creates an account under r-1: the SCPs on its path (as the config and this plan show them) let through ")
	f.address == "aws_organizations_account.new"
	count(rule.deny) == 0 with input as testing.plan([_created_account("ou-1")])
		with data.modelgate.approved as _arrival_cfg
		with data.modelgate.catalog as testing.catalog
}
