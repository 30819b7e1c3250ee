package lib.access.org_test

import data.lib.access.org

test_detached_when_one_of_two_resources_for_an_attachment_is_deleted if {
	# GIVEN two resources describing the attachment of allow-list p-1 to ou-1; the plan deletes one (attack22)
	dup := _att("legacy", ["no-op"], _a("p-1", "ou-1"), _a("p-1", "ou-1"))
	gone := _att("a", ["delete"], _a("p-1", "ou-1"), null)

	# WHEN judged THEN ou-1 holds no attachment after the plan and is weakened
	org.targets_after == set() with input as _plan([_kept, dup, gone])
	object.keys(org.weakened_targets) == {"ou-1"} with input as _plan([_kept, dup, gone])

	# WHEN the plan creates a resource for the pair instead (a rename without a moved block) THEN attached again
	renamed := _att("b", ["create"], null, _a("p-1", "ou-1"))
	org.targets_after == {"ou-1"} with input as _plan([_kept, renamed, gone])
}

test_detached_when_an_awscc_policy_drops_a_target_an_attachment_resource_still_names if {
	# GIVEN an awscc allow-list that drops ou-1 from its targets, and an unchanged aws attachment of it to ou-1
	before := {"id": "p-2", "policy_id": "p-2", "type": "SERVICE_CONTROL_POLICY", "content": _allowlist, "target_ids": ["ou-1"]}
	scp := _rc("awscc_organizations_policy", "cc", ["update"], before, object.union(before, {"target_ids": []}), {})
	att := _att("a", ["no-op"], _a("p-2", "ou-1"), _a("p-2", "ou-1"))

	# WHEN judged THEN ou-1 is weakened
	object.keys(org.weakened_targets) == {"ou-1"} with input as _plan([scp, att])
}

test_weakened_when_an_scp_type_becomes_unknown if {
	# GIVEN allow-list p-1 on ou-1 replaced with the same content and a type unknown until apply (attack22)
	after := {"content": _allowlist}
	scp := _rc("aws_organizations_policy", "allow", ["delete", "create"], {"id": "p-1", "content": _allowlist}, after, {"id": true, "type": true})
	att := _att("a", ["no-op"], _a("p-1", "ou-1"), _a("p-1", "ou-1"))

	# WHEN judged THEN ou-1 is weakened: the new policy may be no SCP at all
	object.keys(org.weakened_targets) == {"ou-1"} with input as _plan([scp, att])
}
