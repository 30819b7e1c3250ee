package lib.access.org_test

import data.lib.access.org
import data.lib.testing

# a config: the root r-1 without an allow-list; ou-1 (Nova Lite) and ou-w (Nova Lite and Pro) with one; ou-2
# without; account 1111 placed in ou-1 (its entry Nova Lite); account 3333 with an allow-list of its own
_lite_set := {"models": ["amazon.nova-lite-v1:0"], "productIds": [], "literalPatterns": [], "openSurfaces": {"bedrockMantle": false, "claudePlatform": false}}

_wide_set := object.union(_lite_set, {"models": ["amazon.nova-lite-v1:0", "amazon.nova-pro-v1:0"]})

_layout_cfg := object.union(_wide_set, {
	"scopes": [_lite_set, _wide_set],
	"targets": {"ou-1": 0, "ou-w": 1, "1111": 0, "3333": 0},
	"layout": {
		"r-1": {"parent": null, "allowList": false},
		"ou-1": {"parent": "r-1", "allowList": true},
		"ou-w": {"parent": "r-1", "allowList": true},
		"ou-2": {"parent": "r-1", "allowList": false},
		"1111": {"parent": "ou-1", "allowList": false},
		"3333": {"parent": "ou-1", "allowList": true},
	},
})

_moves_of(rcs) := {[m.id, m.from, m.to, m.unplaced] |
	some m in org.moved_off_layout with input as _plan(rcs)
		with data.modelgate.approved as _layout_cfg
		with data.modelgate.catalog as testing.catalog
}

_leak_models(rcs) := {p.model |
	some m in org.moved_off_layout with input as _plan(rcs)
		with data.modelgate.approved as _layout_cfg
		with data.modelgate.catalog as testing.catalog
	some p in m.probes
	p.surface == "invoke"
}

_move(before, after) := _acct(["update"], {"id": "1111", "parent_id": before}, {"id": "1111", "parent_id": after})

test_moved_off_layout_when_account_goes_to_an_ou_without_a_list if {
	# GIVEN account 1111 moving from ou-1 to ou-2, the plan showing no SCP WHEN judged THEN the config's layout
	# places the allow-list on ou-1 and none on ou-2: reported
	_moves_of([_move("ou-1", "ou-2")]) == {["1111", "ou-1", "ou-2", null]}

	# and to the root, which carries none either
	_moves_of([_move("ou-1", "r-1")]) == {["1111", "ou-1", "r-1", null]}
}

test_moved_off_layout_when_account_goes_to_a_wider_ou if {
	# GIVEN account 1111 (entry: Nova Lite) moving to ou-w, whose allow-list also approves Nova Pro WHEN judged
	# THEN Nova Pro leaks, and Nova Lite does not
	leaks := _leak_models([_move("ou-1", "ou-w")])
	"amazon.nova-pro-v1:0" in leaks
	not "amazon.nova-lite-v1:0" in leaks
}

test_moved_off_layout_when_account_goes_to_a_narrower_or_equal_ou if {
	# GIVEN account 1111 moving from ou-w to ou-1 (narrower) WHEN judged THEN nothing is reported
	_moves_of([_move("ou-w", "ou-1")]) == set()

	# and an account with an allow-list of its own carries it along: moving it anywhere opens nothing
	own := _rc("aws_organizations_account", "own", ["update"], {"id": "3333", "parent_id": "ou-1"}, {"id": "3333", "parent_id": "ou-2"}, {})
	_moves_of([own]) == set()
}

test_moved_off_layout_when_the_destination_is_unplaced if {
	# GIVEN account 1111 moving to ou-9, which neither the config nor the plan places WHEN judged THEN reported
	# (fail closed), naming ou-9
	_moves_of([_move("ou-1", "ou-9")]) == {["1111", "ou-1", "ou-9", "ou-9"]}

	# and an unknown new parent (null) restricts nothing either
	unknown := _acct(["update"], {"id": "1111", "parent_id": "ou-1"}, {"id": "1111"})
	_moves_of([unknown]) == {["1111", "ou-1", null, null]}
}

test_moved_off_layout_when_the_plan_places_the_destination if {
	# GIVEN a new OU the plan creates under ou-1 and account 1111 moved into it by reference WHEN judged THEN the
	# path runs through the plan's OU to ou-1 and the config above it: nothing is reported
	ou := _rc("aws_organizations_organizational_unit", "team", ["create"], null, {"name": "team", "parent_id": "ou-1"}, {"id": true})
	acct := object.union(_move("ou-1", null), {"change": {"after": {"id": "1111"}, "after_unknown": {"parent_id": true}}})
	cfg := {"root_module": {"resources": [{
		"address": "aws_organizations_account.dev", "mode": "managed", "type": "aws_organizations_account", "name": "dev",
		"expressions": {"parent_id": {"references": ["aws_organizations_organizational_unit.team.id", "aws_organizations_organizational_unit.team"]}},
	}]}}
	plan := object.union(_plan([ou, acct]), {"plan": {"configuration": cfg}})
	count(org.moved_off_layout) == 0 with input as plan
		with data.modelgate.approved as _layout_cfg
		with data.modelgate.catalog as testing.catalog

	# and an OU the plan shows under ou-2 (no allow-list) leaves the account unrestricted
	ou2 := _rc("aws_organizations_organizational_unit", "x", ["no-op"], {"id": "ou-x", "parent_id": "ou-2"}, {"id": "ou-x", "parent_id": "ou-2"}, {})
	_moves_of([ou2, _move("ou-1", "ou-x")]) == {["1111", "ou-1", "ou-x", null]}
}

test_moved_off_layout_when_the_plan_shows_a_list_on_the_destination if {
	# GIVEN the plan attaching an invoke allow-list (ou-1's models) to ou-2, and 1111 moving there WHEN judged THEN
	# the plan's own SCP restricts invocation on the new path: no invoke request leaks
	att := _att("b", ["create"], null, _a("p-1", "ou-2"))
	rcs := [_kept, att, _move("ou-1", "ou-2")]
	_leak_models(rcs) == set()

	# but the list the config renders also denies the mantle, Claude Platform and API-key surfaces, which this one
	# leaves open: reported
	_moves_of(rcs) == {["1111", "ou-1", "ou-2", null]}
}

test_moved_off_layout_when_the_plan_already_reports_the_move if {
	# GIVEN the plan showing ou-1's allow-list WHEN 1111 moves to ou-2 THEN moved reports it, not this rule
	_moves_of([_kept, _ou_attach, _move("ou-1", "ou-2")]) == set()
}

test_moved_off_layout_without_a_config if {
	# GIVEN no config WHEN 1111 moves to ou-2 THEN the layout rule says nothing (it has no layout)
	count(org.moved_off_layout) == 0 with input as _plan([_move("ou-1", "ou-2")])
		with data.modelgate.catalog as testing.catalog
}

_left_of(rcs) := {[m.id, m.from] |
	some m in org.left_off_layout with input as _plan(rcs)
		with data.modelgate.approved as _layout_cfg
		with data.modelgate.catalog as testing.catalog
}

test_left_off_layout_when_account_leaves if {
	# GIVEN account 1111 in ou-1 deleted without close_on_deletion, the plan showing no SCP WHEN judged THEN it
	# left the allow-list the config places on ou-1
	_left_of([_acct(["delete"], {"id": "1111", "parent_id": "ou-1"}, null)]) == {["1111", "ou-1"]}

	# WHEN it is closed instead THEN nothing is reported
	_left_of([_acct(["delete"], {"id": "1111", "parent_id": "ou-1", "close_on_deletion": true}, null)]) == set()

	# WHEN it sat in ou-2 (no allow-list on its path) THEN it loses nothing
	_left_of([_acct(["delete"], {"id": "1111", "parent_id": "ou-2"}, null)]) == set()

	# WHEN the plan shows ou-1's list THEN left reports it, not this rule
	_left_of([_kept, _ou_attach, _acct(["delete"], {"id": "1111", "parent_id": "ou-1"}, null)]) == set()

	# WHEN it sat in ou-9, which neither the config nor the plan places THEN it is judged where the config places it
	_left_of([_acct(["delete"], {"id": "1111", "parent_id": "ou-9"}, null)]) == {["1111", "ou-9"]}

	# and an account the config does not list, leaving from there: what restricted it is unknown, so reported
	gone := _rc("aws_organizations_account", "other", ["delete"], {"id": "4444", "parent_id": "ou-9"}, null, {})
	{m.old_unplaced | some m in org.left_off_layout with input as _plan([gone])
		with data.modelgate.approved as _layout_cfg
		with data.modelgate.catalog as testing.catalog} == {"ou-9"}
}

_unplaced_moves(rcs) := {[m.id, m.from, m.to, m.old_unplaced] |
	some m in org.moved_off_layout with input as _plan(rcs)
		with data.modelgate.approved as _layout_cfg
		with data.modelgate.catalog as testing.catalog
}

test_moved_off_layout_when_the_old_parent_is_unplaced if {
	# GIVEN account 1111 (which the config places in ou-1) moving from ou-9, which neither the config nor the plan
	# places, to ou-2 WHEN judged THEN its old path is where the config places it: ou-1's list is lost
	_unplaced_moves([_move("ou-9", "ou-2")]) == {["1111", "ou-9", "ou-2", null]}

	# and an account the config does not list, from ou-9 to ou-2 (placed, no allow-list) THEN reported, naming ou-9
	other := _rc("aws_organizations_account", "other", ["update"], {"id": "4444", "parent_id": "ou-9"}, {"id": "4444", "parent_id": "ou-2"}, {})
	_unplaced_moves([other]) == {["4444", "ou-9", "ou-2", "ou-9"]}

	# WHEN it moves to ou-w instead (its allow-list denies whatever the union does not approve) THEN nothing
	into_list := _rc("aws_organizations_account", "other", ["update"], {"id": "4444", "parent_id": "ou-9"}, {"id": "4444", "parent_id": "ou-w"}, {})
	_unplaced_moves([into_list]) == set()

	# WHEN it moves to another unplaced OU THEN neither path restricts anything the gate can see: reported
	unknown := _rc("aws_organizations_account", "other", ["update"], {"id": "4444", "parent_id": "ou-9"}, {"id": "4444", "parent_id": "ou-8"}, {})
	_unplaced_moves([unknown]) == {["4444", "ou-9", "ou-8", "ou-9"]}

	# WHEN the plan shows ou-9 under the root but not its SCPs THEN what restricted the account there is still unknown
	ou9 := _rc("aws_organizations_organizational_unit", "legacy", ["no-op"], {"id": "ou-9", "parent_id": "r-1"}, {"id": "ou-9", "parent_id": "r-1"}, {})
	_unplaced_moves([ou9, other]) == {["4444", "ou-9", "ou-2", "ou-9"]}

	# and a listed account moving from there to ou-w is judged where the config places it (ou-1): Nova Pro leaks
	_leak_models([ou9, _move("ou-9", "ou-w")]) == {"amazon.nova-pro-v1:0"}
}

test_moved_off_layout_without_a_layout_in_the_data if {
	# GIVEN approved data written before the layout was (no layout) WHEN 1111 moves from ou-1 to ou-2 THEN nothing
	count(org.moved_off_layout) == 0 with input as _plan([_move("ou-1", "ou-2")])
		with data.modelgate.approved as object.remove(_layout_cfg, ["layout"])
		with data.modelgate.catalog as testing.catalog
}

_arrivals(rcs) := {[m.to, m.unplaced] |
	some m in org.arrived_off_layout with input as _plan(rcs)
		with data.modelgate.approved as _layout_cfg
		with data.modelgate.catalog as testing.catalog
}

test_arrived_off_layout_when_an_account_is_created_outside_the_allow_lists if {
	# GIVEN an account the plan creates under ou-2 or the root (no allow-list in the config), or with no parent (the
	# root), or under a parent unknown until apply WHEN judged THEN reported; under ou-1 or ou-w it is not
	_arrivals([_acct(["create"], null, {"parent_id": "ou-2", "email": "a@example.com"})]) == {["ou-2", null]}
	_arrivals([_acct(["create"], null, {"parent_id": "r-1", "email": "a@example.com"})]) == {["r-1", null]}
	_arrivals([_acct(["create"], null, {"email": "a@example.com"})]) == {["r-1", null]}
	_arrivals([object.union(_acct(["create"], null, {"email": "a@example.com"}), {"change": {"after_unknown": {"parent_id": true}}})]) == {[null, null]}
	_arrivals([_acct(["create"], null, {"parent_id": "ou-1", "email": "a@example.com"})]) == set()
	_arrivals([_acct(["create"], null, {"parent_id": "ou-w", "email": "a@example.com"})]) == set()

	# an OU the config does not place restricts nothing the gate can see
	_arrivals([_acct(["create"], null, {"parent_id": "ou-x", "email": "a@example.com"})]) == {["ou-x", "ou-x"]}
}
