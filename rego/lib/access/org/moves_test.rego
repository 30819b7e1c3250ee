package lib.access.org_test

import data.lib.access.org

test_moved_when_account_leaves_the_allowlisted_ou if {
	# GIVEN ou-1 with the allow-list and account 1111 moving from ou-1 to ou-2
	acct := _acct(["update"], {"id": "1111", "parent_id": "ou-1"}, {"id": "1111", "parent_id": "ou-2"})

	# WHEN judged THEN the account moved from ou-1 to ou-2 with weaker guardrails
	{[m.rc.address, m.from, m.to] | some m in org.moved with input as _plan([_kept, _ou_attach, acct])} == {[
		"aws_organizations_account.dev", "ou-1", "ou-2",
	]}
}

test_moved_when_new_parent_is_unknown if {
	# GIVEN the account's parent after the plan unknown until apply WHEN judged THEN "to" is null
	acct := _acct(["update"], {"id": "1111", "parent_id": "ou-1"}, {"id": "1111"})
	{m.to | some m in org.moved with input as _plan([_kept, _ou_attach, acct])} == {null}
}

test_moved_when_ou_moves_under_a_parent_with_the_same_scp if {
	# GIVEN ou-3 (under ou-1 with the allow-list) moving under ou-2, which also has it WHEN judged THEN no move
	ou3 := _rc("aws_organizations_organizational_unit", "c", ["update"], {"id": "ou-3", "parent_id": "ou-1"}, {"id": "ou-3", "parent_id": "ou-2"}, {})
	att2 := _att("b", ["no-op"], _a("p-1", "ou-2"), _a("p-1", "ou-2"))
	org.moved == set() with input as _plan([_kept, _ou_attach, att2, ou3])
}

test_moved_when_ou_moves_out_from_under_the_allowlist if {
	# GIVEN ou-3 under ou-1 (which is under the root r-1 holding the allow-list) moving to ou-2 outside it
	ou1 := _rc("aws_organizations_organizational_unit", "a", ["no-op"], {"id": "ou-1", "parent_id": "r-1"}, {"id": "ou-1", "parent_id": "r-1"}, {})
	ou3 := _rc("aws_organizations_organizational_unit", "c", ["update"], {"id": "ou-3", "parent_id": "ou-1"}, {"id": "ou-3", "parent_id": "ou-2"}, {})
	att := _att("a", ["no-op"], _a("p-1", "r-1"), _a("p-1", "r-1"))

	# WHEN judged THEN ou-3 moved; the allow-list two levels up counted
	{[m.rc.address, m.from, m.to] | some m in org.moved with input as _plan([_kept, att, ou1, ou3])} == {[
		"aws_organizations_organizational_unit.c", "ou-1", "ou-2",
	]}
	count([s | some l in org.path_levels("ou-3", "before"); some s in l]) == 1 with input as _plan([_kept, att, ou1, ou3])
}

# a targeted plan (`terraform plan -target`): the resource changes hold the account only; the allow-list, its
# attachment and ou-1 are in the prior state
_state_entry(rc) := {"address": rc.address, "mode": "managed", "type": rc.type, "name": rc.name, "values": rc.change.before}

_targeted(rcs, prior) := object.union(_plan(rcs), {"plan": {"prior_state": {"values": {"root_module": {"resources": [_state_entry(r) | some r in prior]}}}}})

test_moved_when_a_targeted_plan_leaves_the_allowlist_in_the_prior_state if {
	# GIVEN account 1111 moving from ou-1 to ou-2, the allow-list and its attachment to ou-1 only in the prior state
	acct := _acct(["update"], {"id": "1111", "parent_id": "ou-1"}, {"id": "1111", "parent_id": "ou-2"})
	plan := _targeted([acct], [_kept, _ou_attach])

	# WHEN judged THEN the attachment counts before and after, and the move is reported
	{[m.from, m.to] | some m in org.moved with input as plan} == {["ou-1", "ou-2"]}
	{[a.rc.address, a.target] | some a in org.attached_after with input as plan} == {["aws_organizations_policy_attachment.a", "ou-1"]}

	# and a prior-state entry the resource changes also hold is read from the changes only
	count(org.prior_org_rcs) == 0 with input as _targeted([acct, _ou_attach], [_kept, _ou_attach])
}

test_moved_when_a_targeted_plan_leaves_the_parent_in_the_prior_state if {
	# GIVEN ou-3 under ou-1 (only in the prior state, under r-1 with the allow-list) moving to ou-2
	ou1 := _rc("aws_organizations_organizational_unit", "a", ["no-op"], {"id": "ou-1", "parent_id": "r-1"}, {"id": "ou-1", "parent_id": "r-1"}, {})
	ou3 := _rc("aws_organizations_organizational_unit", "c", ["update"], {"id": "ou-3", "parent_id": "ou-1"}, {"id": "ou-3", "parent_id": "ou-2"}, {})
	att := _att("a", ["no-op"], _a("p-1", "r-1"), _a("p-1", "r-1"))

	# WHEN judged THEN ou-3's path before reaches the root's allow-list through the prior state
	{m.from | some m in org.moved with input as _targeted([ou3], [_kept, att, ou1])} == {"ou-1"}
}

test_left_when_account_is_removed if {
	# GIVEN an account under ou-1 (allow-list) that the plan deletes WHEN judged THEN it left the organization
	acct := _acct(["delete"], {"id": "1111", "parent_id": "ou-1"}, null)
	{[m.rc.address, m.from] | some m in org.left with input as _plan([_kept, _ou_attach, acct])} == {["aws_organizations_account.dev", "ou-1"]}
	org.moved == set() with input as _plan([_kept, _ou_attach, acct])
}

test_left_when_account_is_kept if {
	# GIVEN an account the plan updates in place under ou-1 WHEN judged THEN it neither left nor moved
	acct := _acct(["update"], {"id": "1111", "parent_id": "ou-1", "name": "a"}, {"id": "1111", "parent_id": "ou-1", "name": "b"})
	org.left == set() with input as _plan([_kept, _ou_attach, acct])
	org.moved == set() with input as _plan([_kept, _ou_attach, acct])
}

# ---- the SCP policy type

_org(actions, after) := _rc("aws_organizations_organization", "this", actions, {"enabled_policy_types": ["SERVICE_CONTROL_POLICY"]}, after, {})

test_left_when_account_is_replaced_or_closed if {
	# GIVEN an account under ou-1 that the plan replaces WHEN judged THEN the old account left the organization
	replaced := _acct(["delete", "create"], {"id": "1111", "parent_id": "ou-1", "role_name": "a"}, {"parent_id": "ou-1", "role_name": "b"})
	{m.from | some m in org.left with input as _plan([_kept, _ou_attach, replaced])} == {"ou-1"}

	# WHEN the deleted account has close_on_deletion THEN it is closed, not standalone: it did not leave
	closed := _acct(["delete"], {"id": "1111", "parent_id": "ou-1", "close_on_deletion": true}, null)
	org.left == set() with input as _plan([_kept, _ou_attach, closed])
}

test_moved_when_account_goes_to_a_new_child_ou if {
	# GIVEN the allow-list on ou-1, a new OU created under ou-1 (its ID unknown until apply) and account 1111 moved
	# from ou-1 into it, its new parent_id a reference to the new OU
	ou := _rc("aws_organizations_organizational_unit", "team", ["create"], null, {"name": "team", "parent_id": "ou-1"}, {"id": true})
	acct := object.union(_acct(["update"], {"id": "1111", "parent_id": "ou-1"}, {"id": "1111"}), {"change": {"after_unknown": {"parent_id": true}}})
	cfg := {"root_module": {"resources": [{
		"address": "aws_organizations_account.dev", "mode": "managed", "type": "aws_organizations_account", "name": "dev",
		"expressions": {"parent_id": {"references": ["aws_organizations_organizational_unit.team.id", "aws_organizations_organizational_unit.team"]}},
	}]}}
	plan := object.union(_plan([_kept, _ou_attach, ou, acct]), {"plan": {"configuration": cfg}})

	# WHEN judged THEN the account is still under ou-1's allow-list: not weaker
	org.moved == set() with input as plan

	# WHEN the reference names nothing the plan shows THEN the new parent is unknown and the move is reported
	bare := _plan([_kept, _ou_attach, acct])
	{m.to | some m in org.moved with input as bare} == {null}
}

test_moved_when_an_awscc_account_changes_parent if {
	# GIVEN an awscc account (account_id, parent_ids) moving from ou-1 to ou-2 WHEN judged THEN it moved
	acct := _rc("awscc_organizations_account", "cc", ["update"], {"account_id": "2222", "parent_ids": ["ou-1"]}, {"account_id": "2222", "parent_ids": ["ou-2"]}, {})
	{[m.from, m.to] | some m in org.moved with input as _plan([_kept, _ou_attach, acct])} == {["ou-1", "ou-2"]}
}

test_moved_when_a_targeted_plan_leaves_an_awscc_list_in_the_prior_state if {
	# GIVEN account 1111 moving from ou-1 to ou-2, ou-1's allow-list an awscc policy (its targets in target_ids)
	# only in the prior state
	acct := _acct(["update"], {"id": "1111", "parent_id": "ou-1"}, {"id": "1111", "parent_id": "ou-2"})
	awscc := {
		"address": "awscc_organizations_policy.list", "mode": "managed", "type": "awscc_organizations_policy", "name": "list",
		"change": {"before": {"id": "p-9", "content": _kept.change.before.content, "type": "SERVICE_CONTROL_POLICY", "target_ids": ["ou-1"]}},
	}

	# WHEN judged THEN it stays attached to ou-1, which the account leaves
	{[m.from, m.to] | some m in org.moved with input as _targeted([acct], [awscc])} == {["ou-1", "ou-2"]}
}
