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
