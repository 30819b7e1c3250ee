package rules.organizations.allowlist_scp_removed_test

import data.lib.testing

import data.rules.organizations.allowlist_scp_removed as rule

_allowlist := json.marshal(testing.doc([{
	"Effect": "Deny",
	"Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
	"NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"],
}]))

_other := json.marshal(testing.doc([{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]))

_policy(address, actions, before, after) := {
	"address": address,
	"mode": "managed",
	"type": "aws_organizations_policy",
	"provider_name": testing.provider,
	"change": {"actions": actions, "before": before, "after": after, "after_unknown": {}},
}

_attachment(address, policy_id) := {
	"address": address,
	"mode": "managed",
	"type": "aws_organizations_policy_attachment",
	"provider_name": testing.provider,
	"change": {
		"actions": ["delete"],
		"before": {"id": "x", "policy_id": policy_id, "target_id": "ou-ab12-cdef3456", "skip_destroy": false},
		"after": null,
	},
}

test_fails_when_allowlist_scp_deleted if {
	findings := rule.deny with input as testing.plan([_policy(
		"module.org.aws_organizations_policy.models",
		["delete"],
		{"id": "p-1", "name": "bedrock-approved-models", "content": _allowlist},
		null,
	)])
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0018"
	startswith(f.message, concat("", ["the SCP is weaker after this change: ", "`bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0` (and "]))
	endswith(f.message, " more unapproved requests) was denied by it and no longer is (its targets are not in this plan)")
}

test_fails_when_allowlist_weakened if {
	findings := rule.deny with input as testing.plan([_policy(
		"aws_organizations_policy.models",
		["update"],
		{"id": "p-1", "content": _allowlist},
		{"id": "p-1", "content": _other},
	)])
	count(findings) == 1
	some f in findings
	startswith(f.message, "the SCP is weaker after this change: ")
}

test_fails_when_attachment_of_planned_policy_deleted if {
	findings := rule.deny with input as testing.plan([
		_policy("aws_organizations_policy.models", ["no-op"], {"id": "p-1", "content": _allowlist}, {"id": "p-1", "content": _allowlist}),
		_attachment("aws_organizations_policy_attachment.this[\"ou-ab12-cdef3456\"]", "p-1"),
	])
	count(findings) == 1
	some f in findings
	f.address == "aws_organizations_policy_attachment.this[\"ou-ab12-cdef3456\"]"
	startswith(f.message, concat("", ["target ou-ab12-cdef3456 is weaker after this change: ", "`bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0` (and "]))
}

test_fails_when_attachment_of_prior_state_policy_deleted if {
	prior := {"values": {"root_module": {"child_modules": [{"resources": [{
		"address": "module.org.aws_organizations_policy.models",
		"type": "aws_organizations_policy",
		"values": {"id": "p-9", "content": _allowlist},
	}]}]}}}
	plan := object.union(testing.plan([_attachment("module.org.aws_organizations_policy_attachment.a", "p-9")]), {"plan": {"prior_state": prior}})
	count(rule.deny) == 1 with input as plan
}

test_passes_when_other_policy_detached_or_skip_destroy if {
	count(rule.deny) == 0 with input as testing.plan([_policy(
		"aws_organizations_policy.models",
		["delete"],
		{"id": "p-1", "content": _allowlist, "skip_destroy": true},
		null,
	)])
	count(rule.deny) == 0 with input as testing.plan([_policy("aws_organizations_policy.o", ["delete"], {"id": "p-2", "content": _other}, null)])
}

test_passes_when_allowlist_replaced_by_allowlist if {
	count(rule.deny) == 0 with input as testing.plan([_policy(
		"aws_organizations_policy.models",
		["delete", "create"],
		{"id": "p-1", "content": _allowlist},
		{"content": _allowlist},
	)])
}

_planned_allowlist := _policy("aws_organizations_policy.models", ["no-op"], {"id": "p-1", "content": _allowlist}, {"id": "p-1", "content": _allowlist})

# a replaced attachment of p-1 to ou-ab12-cdef3456; after and after_unknown describe the new one
_replaced_attachment(after, after_unknown) := {
	"address": "aws_organizations_policy_attachment.models",
	"mode": "managed",
	"type": "aws_organizations_policy_attachment",
	"provider_name": testing.provider,
	"change": {
		"actions": ["delete", "create"],
		"before": {"id": "ou-ab12-cdef3456:p-1", "policy_id": "p-1", "target_id": "ou-ab12-cdef3456", "skip_destroy": false, "tags": {}},
		"after": after,
		"after_unknown": after_unknown,
	},
}

test_fails_when_attachment_replaced_with_another_policy if {
	findings := rule.deny with input as testing.plan([
		_planned_allowlist,
		_replaced_attachment({"policy_id": "p-2", "target_id": "ou-ab12-cdef3456", "skip_destroy": false}, {"id": true}),
	])
	{f.address | some f in findings} == {"aws_organizations_policy_attachment.models"}
}

test_fails_when_attachment_replaced_with_another_target if {
	findings := rule.deny with input as testing.plan([
		_planned_allowlist,
		_replaced_attachment({"policy_id": "p-1", "target_id": "ou-ab12-99999999", "skip_destroy": false}, {"id": true}),
	])
	some f in findings
	startswith(f.message, "target ou-ab12-cdef3456 is weaker after this change: ")
}

test_fails_when_replacement_policy_unknown if {
	findings := rule.deny with input as testing.plan([
		_planned_allowlist,
		_replaced_attachment({"target_id": "ou-ab12-cdef3456", "skip_destroy": false}, {"id": true, "policy_id": true}),
	])
	{f.address | some f in findings} == {"aws_organizations_policy_attachment.models"}
}

test_passes_when_attachment_replaced_with_same_policy_and_target if {
	# e.g. a tag change that forces replacement
	count(rule.deny) == 0 with input as testing.plan([
		_planned_allowlist,
		_replaced_attachment({"policy_id": "p-1", "target_id": "ou-ab12-cdef3456", "skip_destroy": false, "tags": {"team": "ml"}}, {"id": true}),
	])
}

# fail closed: the plan does not show the detached policy, which may be the allow-list
test_fails_when_the_detached_policy_is_not_in_the_plan if {
	findings := rule.deny with input as testing.plan([_attachment("aws_organizations_policy_attachment.a", "p-unknown")])
	{f.message | some f in findings} == {"detaches SCP p-unknown from ou-ab12-cdef3456; the plan does not show that policy's content, so the gate cannot tell whether it was the model allow-list"}
	count(rule.deny) == 1 with input as testing.plan([_replaced_attachment({"policy_id": "p-2", "target_id": "ou-ab12-cdef3456"}, {})])
	count(rule.deny) == 0 with input as testing.plan([_replaced_attachment({"policy_id": "p-1", "target_id": "ou-ab12-cdef3456", "tags": {"a": "b"}}, {})])
}

_good_doc := testing.doc([
	{"Effect": "Deny", "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], "NotResource": [
		"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0",
		"arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0",
	]},
	{"Effect": "Deny", "Action": ["bedrock-mantle:CreateInference", "bedrock-mantle:CreateFineTuningJob"], "Resource": "*"},
	{"Effect": "Deny", "Action": "aws-external-anthropic:*", "Resource": "*"},
])

_kept_attachment := {
	"address": "aws_organizations_policy_attachment.root", "mode": "managed", "type": "aws_organizations_policy_attachment",
	"provider_name": testing.provider,
	"change": {"actions": ["no-op"], "before": _att_value, "after": _att_value, "after_unknown": {}},
}

_att_value := {"id": "r-ab12:p-1", "policy_id": "p-1", "target_id": "r-ab12"}

# the allow-list updated into something weaker
_updated(statement0) := testing.plan([
	_policy("aws_organizations_policy.models", ["update"], {"id": "p-1", "content": json.marshal(_good_doc)}, {"id": "p-1", "content": json.marshal(testing.doc(array.concat([statement0], array.slice(_good_doc.Statement, 1, 3))))}),
	_kept_attachment,
])

test_fails_when_updated_allowlist_only_looks_like_one if {
	base := _good_doc.Statement[0]
	every weaker in [
		object.union(base, {"Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/*"}}}),
		# a named break-glass role exempted where none was: that role may now invoke any model
		object.union(base, {"Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/BreakGlassAdmin"}}}),
		object.union(base, {"Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}}),
		object.union(base, {"Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "ml"}}}),
		object.union(object.remove(base, ["Action"]), {"NotAction": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]}),
		object.union(base, {"Action": ["bedrock:InvokeModel"]}),
		object.union(base, {"NotResource": array.concat(base.NotResource, ["arn:aws:bedrock:*::foundation-model/*"])}),
		object.union(base, {"NotResource": array.concat(base.NotResource, ["arn:aws:bedrock:*:*:imported-model/*"])}),
	] {
		_weakened_root(_updated(weaker))
	}
}

_weakened_root(plan) if {
	findings := rule.deny with input as plan
	some [address, message] in {[f.address, f.message] | some f in findings}
	address == "aws_organizations_policy.models"
	startswith(message, "target r-ab12 is weaker after this change: ")
}

test_passes_when_update_keeps_or_tightens_the_allowlist if {
	base := _good_doc.Statement[0]
	every same in [
		base,
		object.union(base, {"NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"]}),
		object.union(base, {"Action": "bedrock:*"}),
		# a profile call also needs its foundation model, which stays denied
		object.union(base, {"NotResource": array.concat(base.NotResource, ["arn:aws:bedrock:*:*:inference-profile/*"])}),
	] {
		count(rule.deny) == 0 with input as _updated(same)
	}
}

test_fails_when_exemption_widened_to_unapproved_model_with_config if {
	base := _good_doc.Statement[0]
	plan := _updated(object.union(base, {"NotResource": array.concat(base.NotResource, ["arn:aws:bedrock:*::foundation-model/deepseek.r1-v1:0"])}))
	count(rule.deny) == 1 with input as plan with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.approving(["amazon.nova-lite-v1:0"])

	# without a config a catalog model is not judged
	count(rule.deny) == 0 with input as plan with data.modelgate.catalog as testing.catalog
}

_org(before_types, after_types) := testing.plan([{
	"address": "aws_organizations_organization.org", "mode": "managed", "type": "aws_organizations_organization",
	"provider_name": testing.provider,
	"change": {"actions": ["update"], "before": {"enabled_policy_types": before_types}, "after": {"enabled_policy_types": after_types}, "after_unknown": {}},
}])

test_fails_when_scp_policy_type_disabled if {
	findings := rule.deny with input as _org(["SERVICE_CONTROL_POLICY", "TAG_POLICY"], ["TAG_POLICY"])
	{f.message | some f in findings} == {"removes SERVICE_CONTROL_POLICY from enabled_policy_types: every SCP is detached from every root, OU and account, and re-enabling the type does not restore them"}
	count(rule.deny) == 0 with input as _org(["TAG_POLICY"], ["TAG_POLICY", "SERVICE_CONTROL_POLICY"])
}

_node(type, address, actions, before, after) := {
	"address": address, "mode": "managed", "type": type, "provider_name": testing.provider,
	"change": {"actions": actions, "before": before, "after": after, "after_unknown": {}},
}

_ou_plan(account_after) := testing.plan([
	_policy("aws_organizations_policy.models", ["no-op"], {"id": "p-1", "content": json.marshal(_good_doc)}, {"id": "p-1", "content": json.marshal(_good_doc)}),
	_node("aws_organizations_policy_attachment", "aws_organizations_policy_attachment.ml", ["no-op"], {"policy_id": "p-1", "target_id": "ou-ab12-11111111"}, {"policy_id": "p-1", "target_id": "ou-ab12-11111111"}),
	_node("aws_organizations_organizational_unit", "aws_organizations_organizational_unit.ml", ["no-op"], {"id": "ou-ab12-11111111", "parent_id": "r-ab12"}, {"id": "ou-ab12-11111111", "parent_id": "r-ab12"}),
	_node("aws_organizations_organizational_unit", "aws_organizations_organizational_unit.sandbox", ["no-op"], {"id": "ou-ab12-22222222", "parent_id": "r-ab12"}, {"id": "ou-ab12-22222222", "parent_id": "r-ab12"}),
	_node("aws_organizations_account", "aws_organizations_account.dev", ["update"], {"id": "111122223333", "parent_id": "ou-ab12-11111111"}, account_after),
])

test_fails_when_account_moves_out_of_the_allowlisted_ou if {
	findings := rule.deny with input as _ou_plan({"id": "111122223333", "parent_id": "ou-ab12-22222222"})
	some f in findings
	f.address == "aws_organizations_account.dev"
	startswith(f.message, "moves 111122223333 from ou-ab12-11111111 to ou-ab12-22222222: ")
}

test_passes_when_account_stays if {
	count(rule.deny) == 0 with input as _ou_plan({"id": "111122223333", "parent_id": "ou-ab12-11111111", "name": "renamed"})
}

_left_plan := testing.plan([
	_policy("aws_organizations_policy.models", ["no-op"], {"id": "p-1", "content": json.marshal(_good_doc)}, {"id": "p-1", "content": json.marshal(_good_doc)}),
	_node("aws_organizations_policy_attachment", "aws_organizations_policy_attachment.ml", ["no-op"], {"policy_id": "p-1", "target_id": "ou-ab12-11111111"}, {"policy_id": "p-1", "target_id": "ou-ab12-11111111"}),
	_node("aws_organizations_account", "aws_organizations_account.dev", ["delete"], {"id": "111122223333", "parent_id": "ou-ab12-11111111"}, null),
])

test_fails_when_account_leaves_the_organization if {
	# GIVEN an account under the allow-listed OU WHEN the plan removes it from the organization
	findings := rule.deny with input as _left_plan

	# THEN one finding on the account: 38 invoke, 4 mantle and 6 Claude Platform probes were denied on its path
	{[f.address, f.message] | some f in findings} == {[
		"aws_organizations_account.dev",
		"removes account 111122223333 from the organization: `bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0` (and 71 more unapproved requests) was denied by the SCPs on its path and no SCP applies to it any more",
	]}
}

test_fails_when_account_moves_to_a_parent_unknown_until_apply if {
	# GIVEN an account under the allow-listed OU WHEN its new parent_id is unknown until apply
	findings := rule.deny with input as _ou_plan({"id": "111122223333"})

	# THEN the move is reported with the unknown parent spelled out
	{f.message | some f in findings} == {"moves 111122223333 from ou-ab12-11111111 to a parent unknown until apply: `bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0` (and 71 more unapproved requests) was denied by the SCPs on its old path and is not on the new one"}
}

test_fails_when_organization_is_deleted if {
	# GIVEN an organization with SCPs enabled WHEN the plan deletes it THEN the SCP type is disabled
	plan := testing.plan([_node(
		"aws_organizations_organization", "aws_organizations_organization.org", ["delete"],
		{"enabled_policy_types": ["SERVICE_CONTROL_POLICY"]}, null,
	)])
	{f.message | some f in rule.deny with input as plan} == {"deletes the organization: every SCP is detached from every root, OU and account, and re-enabling the type does not restore them"}
}

# ---- Allow-style allow-lists: the target's level restricts by implicit deny

_allow_style := json.marshal(testing.doc([
	{"Effect": "Allow", "NotAction": "bedrock:*", "Resource": "*"},
	{"Effect": "Allow", "Action": "bedrock:*", "Resource": ["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"]},
]))

_att_rc(address, actions, before, after) := {
	"address": address,
	"mode": "managed",
	"type": "aws_organizations_policy_attachment",
	"provider_name": testing.provider,
	"change": {"actions": actions, "before": before, "after": after, "after_unknown": {}},
}

_on_ou(policy_id) := {"id": concat("", ["ou-ab12-cdef3456:", policy_id]), "policy_id": policy_id, "target_id": "ou-ab12-cdef3456"}

_kept_rcs(content) := [
	_policy("aws_organizations_policy.models", ["no-op"], {"id": "p-1", "content": content}, {"id": "p-1", "content": content}),
	_att_rc("aws_organizations_policy_attachment.models", ["no-op"], _on_ou("p-1"), _on_ou("p-1")),
]

test_fails_when_full_access_attached_beside_allow_style_list if {
	f := _att_rc("aws_organizations_policy_attachment.full", ["create"], null, _on_ou("p-FullAWSAccess"))
	findings := rule.deny with input as testing.plan(array.concat(_kept_rcs(_allow_style), [f]))
	{[x.address, substring(x.message, 0, 57)] | some x in findings} == {[
		"aws_organizations_policy_attachment.full",
		"target ou-ab12-cdef3456 is weaker after this change: `bed",
	]}
}

test_fails_when_unseen_scp_attached_beside_allow_style_list if {
	u := _att_rc("aws_organizations_policy_attachment.other", ["create"], null, _on_ou("p-unseen0001"))
	findings := rule.deny with input as testing.plan(array.concat(_kept_rcs(_allow_style), [u]))
	{x.message | some x in findings} == {concat("", [
		"attaches SCP p-unseen0001 to ou-ab12-cdef3456, whose SCPs allow-list by Allow statements (implicit deny); ",
		"the plan does not show that policy's content, and an Allow in it would widen what the target allows",
	])}
}

test_passes_when_unseen_scp_or_full_access_attached_beside_deny_style_list if {
	u := _att_rc("aws_organizations_policy_attachment.other", ["create"], null, _on_ou("p-unseen0001"))
	f := _att_rc("aws_organizations_policy_attachment.full", ["create"], null, _on_ou("p-FullAWSAccess"))
	count(rule.deny) == 0 with input as testing.plan(array.concat(_kept_rcs(_allowlist), [u, f]))
}

test_fails_when_an_scp_is_attached_to_a_target_unknown_until_apply if {
	# GIVEN an Allow-style list kept on an OU, and FullAWSAccess (or an SCP the plan does not show) attached to a
	# target read during apply
	full := object.union(_att_rc("aws_organizations_policy_attachment.f", ["create"], null, {"policy_id": "p-FullAWSAccess"}), {"change": {"after_unknown": {"target_id": true}}})
	unseen := object.union(_att_rc("aws_organizations_policy_attachment.u", ["create"], null, {"policy_id": "p-unseen1"}), {"change": {"after_unknown": {"target_id": true}}})

	# THEN each is reported: whichever target it joins, its Allow could widen the Allow-style level
	findings := rule.deny with input as testing.plan(array.concat(_kept_rcs(_allow_style), [full, unseen]))
	{[f.address, f.message] | some f in findings} == {
		["aws_organizations_policy_attachment.f", "attaches SCP p-FullAWSAccess to a target unknown until apply that the configuration does not name; an Allow in this SCP would widen that target if it allow-lists by Allow statements (implicit deny), and the gate cannot tell which target it is"],
		["aws_organizations_policy_attachment.u", "attaches SCP p-unseen1 to a target unknown until apply that the configuration does not name; an Allow in this SCP would widen that target if it allow-lists by Allow statements (implicit deny), and the gate cannot tell which target it is"],
	}
}

# ---- per-target approved sets (testing.per_target_config)

_per_target(rcs) := {[f.address, f.message] | some f in findings} if {
	findings := rule.deny with input as testing.plan(rcs)
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.per_target_config
}

test_fails_when_a_list_is_rewritten_to_another_targets_wider_list if {
	# GIVEN Sandbox's list updated in place to the Workloads text (both approved somewhere in the config)
	rcs := [
		testing.scp_rc(
			"aws_organizations_policy.sbox", ["update"],
			{"id": "p-sbox", "content": testing.sbox_list}, {"id": "p-sbox", "content": testing.wkld_list},
		),
		testing.rendered_lists[3],
	]

	# THEN Sandbox is weaker: nova-pro, approved for Workloads only, is no longer denied there
	findings := _per_target(rcs)
	count(findings) == 1
	some [address, message] in findings
	address == "aws_organizations_policy.sbox"
	startswith(message, "target ou-ab12-sbox0002 is weaker after this change: ")
	contains(message, "amazon.nova-pro-v1:0")
}

test_passes_when_a_list_is_narrowed_to_its_entry if {
	# GIVEN Workloads' list rewritten to Sandbox's (narrower) text THEN nothing is weaker
	rcs := [
		testing.scp_rc(
			"aws_organizations_policy.wkld", ["update"],
			{"id": "p-wkld", "content": testing.wkld_list}, {"id": "p-wkld", "content": testing.sbox_list},
		),
		testing.rendered_lists[2],
	]
	count(_per_target(rcs)) == 0
}

_move(id, from, to) := testing.node_rc(
	concat("", ["aws_organizations_account.a", id]), "aws_organizations_account", ["update"],
	{"id": id, "parent_id": from}, {"id": id, "parent_id": to},
)

test_fails_when_an_account_moves_to_an_ou_wider_than_its_entry if {
	# GIVEN the listed Sandbox account moved under Workloads (the config still places it in Sandbox)
	findings := _per_target(array.concat(testing.rendered_lists, [_move(testing.sbox_account, testing.sbox, testing.wkld)]))

	# THEN the move is reported: nova-pro was denied on its old path and is not on the new one
	count(findings) == 1
	some [_, message] in findings
	startswith(message, "moves 333344445555 from ou-ab12-sbox0002 to ou-ab12-wkld0001: ")
	contains(message, "amazon.nova-pro-v1:0")
}

test_judges_a_moved_unlisted_account_by_its_old_ou if {
	# GIVEN an account the config does not list moved from Sandbox to Workloads THEN judged by Sandbox's entry (the
	# account gains Workloads' models)
	count(_per_target(array.concat(testing.rendered_lists, [_move("444455556666", testing.sbox, testing.wkld)]))) == 1

	# and moved the other way, to a stricter OU, nothing is reported
	count(_per_target(array.concat(testing.rendered_lists, [_move("444455556666", testing.wkld, testing.sbox)]))) == 0
}

test_fails_when_a_listed_account_moves_onto_a_wider_path_and_its_old_list_is_elsewhere if {
	# GIVEN the listed Sandbox account moved under Workloads, Sandbox's list managed in another workspace
	findings := _per_target(array.concat(array.slice(testing.rendered_lists, 0, 1), [
		testing.rendered_lists[2],
		_move(testing.sbox_account, testing.sbox, testing.wkld),
	]))

	# THEN its new path lets through what its entry does not approve
	count(findings) == 1
	some [_, message] in findings
	startswith(message, "moves 333344445555 to ou-ab12-wkld0001: the SCPs on its new path let through ")
	contains(message, "amazon.nova-pro-v1:0")
}

test_passes_when_a_listed_account_moves_onto_a_path_within_its_entry if {
	# GIVEN the listed Sandbox account moved to an OU carrying Sandbox's list, the old one elsewhere THEN nothing
	rcs := [
		testing.rendered_lists[1],
		testing.attachment_rc("aws_organizations_policy_attachment.other", ["no-op"], {"policy_id": "p-sbox", "target_id": "ou-ab12-lab00004"}, {"policy_id": "p-sbox", "target_id": "ou-ab12-lab00004"}),
		_move(testing.sbox_account, testing.sbox, "ou-ab12-lab00004"),
	]
	count(_per_target(rcs)) == 0
}

# a child OU under Sandbox (the node in the plan) with a redundant copy of Sandbox's list, widened to Workloads' text
_kid := testing.node_rc(
	"aws_organizations_organizational_unit.kid", "aws_organizations_organizational_unit", ["no-op"],
	{"id": "ou-ab12-kid00005", "parent_id": testing.sbox}, {"id": "ou-ab12-kid00005", "parent_id": testing.sbox},
)

_kid_copy := [
	testing.scp_rc(
		"aws_organizations_policy.kid", ["update"],
		{"id": "p-kid", "content": testing.sbox_list}, {"id": "p-kid", "content": testing.wkld_list},
	),
	testing.attachment_rc(
		"aws_organizations_policy_attachment.kid", ["no-op"],
		{"policy_id": "p-kid", "target_id": "ou-ab12-kid00005"}, {"policy_id": "p-kid", "target_id": "ou-ab12-kid00005"},
	),
]

_kid_plan := array.concat(_kid_copy, [_kid])

test_passes_when_a_redundant_copy_is_widened_under_a_parent_that_still_denies if {
	# GIVEN the child's copy widened while Sandbox's own list stays on the OU above THEN nothing opens
	count(_per_target(array.concat(testing.rendered_lists, _kid_plan))) == 0

	# and without Sandbox's list in the plan, the child (judged by Sandbox's entry) is weaker
	findings := _per_target(_kid_plan)
	some [_, message] in findings
	startswith(message, "target ou-ab12-kid00005 is weaker after this change: ")
}
