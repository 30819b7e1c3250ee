package lib.access.org_test

import data.lib.access.org
import data.lib.testing

# ---- Allow-style allow-lists (AWS's allow list strategy): levels restrict by implicit deny

_nova := "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"

_allow_style_stmts := [
	{"Effect": "Allow", "NotAction": ["bedrock:*", "bedrock-mantle:*", "aws-external-anthropic:*"], "Resource": "*"},
	{"Effect": "Allow", "Action": "bedrock:*", "Resource": [_nova]},
]

_allow_style := json.marshal(testing.doc(_allow_style_stmts))

_full := [{"Effect": "Allow", "Action": "*", "Resource": "*"}]

# an Allow-style SCP p-1 on ou-1 the plan keeps as it is
_kept_allow := _scp("allow", ["no-op"], {"id": "p-1", "content": _allow_style}, {"id": "p-1", "content": _allow_style})

_kept_att := _att("a", ["no-op"], _a("p-1", "ou-1"), _a("p-1", "ou-1"))

_marker_in(w) if org.marker in w

test_allow_style_list_is_an_allowlist if {
	org.is_allowlist(_allow_style_stmts) with data.modelgate.catalog as testing.catalog
	not org.is_allowlist(array.concat(_allow_style_stmts, _full)) with data.modelgate.catalog as testing.catalog
	not org.is_allowlist([{"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"}]) with data.modelgate.catalog as testing.catalog
}

test_weaker_when_allow_style_list_gets_a_broad_allow_beside_it if {
	w := org.weaker(_allow_style_stmts, array.concat(_allow_style_stmts, _full)) with data.modelgate.catalog as testing.catalog
	_marker_in(w)
}

test_not_weaker_when_allow_style_list_adds_a_catalog_model if {
	# without a config every catalog model counts as approved
	wider := [_allow_style_stmts[0], {"Effect": "Allow", "Action": "bedrock:*", "Resource": [_nova, "arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0"]}]
	org.weaker(_allow_style_stmts, wider) == set() with data.modelgate.catalog as testing.catalog
}

test_not_weaker_when_deny_style_list_gets_full_access_beside_it if {
	org.weaker(_allowlist_stmts, array.concat(_allowlist_stmts, _full)) == set() with data.modelgate.catalog as testing.catalog
}

test_levels_are_kept_apart if {
	# FullAWSAccess on the OU does not widen the Allow-style list on the root (levels intersect)
	_marker_in(org.weaker_levels_in([_allow_style_stmts, _full], [_full], null)) with data.modelgate.catalog as testing.catalog
	org.weaker_levels_in([_allow_style_stmts, _full], [_allow_style_stmts, _full], null) == set() with data.modelgate.catalog as testing.catalog
}

test_weakened_when_full_access_attached_beside_allow_style_list if {
	# GIVEN FullAWSAccess, which the plan does not show, newly attached to ou-1
	f := _att("f", ["create"], null, _a("p-FullAWSAccess", "ou-1"))

	# THEN it resolves to its known content, and its attachment is what weakens ou-1
	org.target_stmts("ou-1", "after") == array.concat(_allow_style_stmts, _full) with input as _plan([_kept_allow, _kept_att, f])
	org.culprits("ou-1") == {f} with input as _plan([_kept_allow, _kept_att, f])
	_marker_in(org.weakened_targets["ou-1"]) with input as _plan([_kept_allow, _kept_att, f])
	org.opaque_attached == set() with input as _plan([_kept_allow, _kept_att, f])
}

test_weakened_when_full_access_attached_beside_prior_state_allow_style_list if {
	f := _att("f", ["create"], null, _a("p-FullAWSAccess", "ou-1"))
	prior := {"values": {"root_module": {"resources": [{
		"address": "aws_organizations_policy.allow", "mode": "managed", "type": "aws_organizations_policy",
		"values": {"id": "p-1", "type": "SERVICE_CONTROL_POLICY", "content": _allow_style},
	}]}}}
	p := object.union(_plan([_kept_att, f]), {"plan": {"prior_state": prior}})
	_marker_in(org.weakened_targets["ou-1"]) with input as p
}

test_not_weakened_when_full_access_attached_beside_deny_style_list if {
	f := _att("f", ["create"], null, _a("p-FullAWSAccess", "ou-1"))
	att := _att("a", ["no-op"], _a("p-1", "ou-1"), _a("p-1", "ou-1"))
	org.weakened_targets == {} with input as _plan([_kept, att, f])
}

test_not_opaque_when_full_access_detached if {
	# detaching FullAWSAccess only narrows a level: it is known, so not reported as an unseen SCP
	f := _att("f", ["delete"], _a("p-FullAWSAccess", "ou-1"), null)
	org.opaque_detached == set() with input as _plan([_kept_allow, _kept_att, f])
	org.weakened_targets == {} with input as _plan([_kept_allow, _kept_att, f])
}

test_opaque_attached_when_unseen_scp_attached_beside_allow_style_list if {
	u := _att("u", ["create"], null, _a("p-unseen01", "ou-1"))
	org.opaque_attached == {{"rc": u, "policy_id": "p-unseen01", "target": "ou-1"}} with input as _plan([_kept_allow, _kept_att, u])
}

test_opaque_attached_when_policy_id_unknown_until_apply if {
	u := _att("u", ["create"], null, {"target_id": "ou-1"})
	{d.policy_id | some d in org.opaque_attached} == {"(a policy ID unknown until apply)"} with input as _plan([_kept_allow, _kept_att, u])
}

test_not_opaque_attached_beside_deny_style_list_or_when_unchanged if {
	u := _att("u", ["create"], null, _a("p-unseen01", "ou-1"))
	att := _att("a", ["no-op"], _a("p-1", "ou-1"), _a("p-1", "ou-1"))
	org.opaque_attached == set() with input as _plan([_kept, att, u])

	# an attachment the plan only updates in place (same policy, same target) attaches nothing new
	same := _att("u", ["update"], _a("p-unseen01", "ou-1"), object.union(_a("p-unseen01", "ou-1"), {"skip_destroy": true}))
	org.opaque_attached == set() with input as _plan([_kept_allow, _kept_att, same])
}

test_moved_when_account_leaves_allow_style_ou if {
	acct := _rc("aws_organizations_account", "a", ["update"], {"id": "111122223333", "parent_id": "ou-1"}, {"id": "111122223333", "parent_id": "ou-2"}, {})
	{m.to | some m in org.moved} == {"ou-2"} with input as _plan([_kept_allow, _kept_att, acct])
}

test_not_moved_when_account_keeps_its_own_allow_style_list if {
	# the account carries the same Allow-style list itself, so leaving ou-1 weakens nothing
	acct := _rc("aws_organizations_account", "a", ["update"], {"id": "111122223333", "parent_id": "ou-1"}, {"id": "111122223333", "parent_id": "ou-2"}, {})
	own := _att("own", ["no-op"], _a("p-1", "111122223333"), _a("p-1", "111122223333"))
	org.moved == set() with input as _plan([_kept_allow, _kept_att, own, acct])
}

test_opaque_attached_when_allow_style_list_is_attached_in_the_same_plan if {
	# GIVEN ou-1 with no SCP the plan shows before, and a plan attaching the Allow-style list and an unseen SCP
	new_att := _att("a", ["create"], null, _a("p-1", "ou-1"))
	u := _att("u", ["create"], null, _a("p-unseen01", "ou-1"))

	# THEN ou-1 still sits beside the FullAWSAccess it had (the plan does not detach it), so the new list restricts
	# nothing by implicit deny and the unseen SCP cannot widen it: not reported
	org.opaque_attached == set() with input as _plan([_kept_allow, new_att, u])
	org.full_access_stmts[0] in org.target_stmts("ou-1", "after") with input as _plan([_kept_allow, new_att, u])
}

test_target_stmts_when_an_allow_style_list_replaces_a_deny_style_one if {
	# GIVEN ou-1 held a Deny-style list (no Allow statement: it sits beside a FullAWSAccess the plan does not show)
	deny_style := json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "bedrock:InvokeModel", "NotResource": "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"}]})
	allow_style := json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "bedrock:Get*", "Resource": "*"}]})
	scp := {
		"address": "aws_organizations_policy.s", "mode": "managed", "type": "aws_organizations_policy", "name": "s",
		"change": {"actions": ["update"], "before": {"id": "p-1", "type": "SERVICE_CONTROL_POLICY", "content": deny_style}, "after": {"id": "p-1", "type": "SERVICE_CONTROL_POLICY", "content": allow_style}, "after_unknown": {}},
	}
	att := _att("a", ["no-op"], _a("p-1", "ou-1"), _a("p-1", "ou-1"))

	# WHEN its content becomes an Allow-style list THEN FullAWSAccess is still beside it: ou-1 is weaker
	count(org.weakened_targets["ou-1"]) > 0 with input as _plan([scp, att])
}

test_opaque_target_when_the_target_is_unknown_until_apply if {
	# GIVEN an Allow-style list kept on ou-1, and a plan attaching FullAWSAccess to a target unknown until apply
	unknown := object.union(_att("f", ["create"], null, {"policy_id": "p-FullAWSAccess"}), {"change": {"after_unknown": {"target_id": true}}})

	# THEN it could join ou-1's level: reported
	{d.rc.address | some d in org.opaque_target} == {"aws_organizations_policy_attachment.f"} with input as _plan([_kept_allow, _kept_att, unknown])

	# WHEN the plan shows only Deny-style levels THEN still reported: the target may be one the plan does not show
	{d.rc.address | some d in org.opaque_target} == {"aws_organizations_policy_attachment.f"} with input as _plan([_kept, _ou_attach, unknown])

	# WHEN the policy it attaches holds no Allow statement THEN not reported
	deny := _scp("d", ["no-op"], {"id": "p-2", "content": _allowlist}, {"id": "p-2", "content": _allowlist})
	deny_att := object.union(_att("d", ["create"], null, {"policy_id": "p-2"}), {"change": {"after_unknown": {"target_id": true}}})
	org.opaque_target == set() with input as _plan([_kept_allow, _kept_att, deny, deny_att])
}

test_opaque_target_when_an_awscc_policy_targets_are_unknown if {
	# GIVEN an Allow-style list kept on ou-1 and a new awscc SCP with an Allow whose target_ids are unknown
	cc := _rc("awscc_organizations_policy", "cc", ["create"], null, {"type": "SERVICE_CONTROL_POLICY", "content": json.marshal(testing.doc(_full))}, {"target_ids": true, "id": true})
	{d.policy | some d in org.opaque_target} == {"awscc_organizations_policy.cc"} with input as _plan([_kept_allow, _kept_att, cc])

	# WHEN only some of its target_ids are unknown THEN the same
	some_unknown := _rc("awscc_organizations_policy", "cc", ["create"], null, {"type": "SERVICE_CONTROL_POLICY", "content": json.marshal(testing.doc(_full)), "target_ids": ["ou-9"]}, {"target_ids": [false, true], "id": true})
	{d.policy | some d in org.opaque_target} == {"awscc_organizations_policy.cc"} with input as _plan([_kept_allow, _kept_att, some_unknown])
}

test_opaque_attached_when_an_allow_style_list_is_attached_after_the_plan if {
	# GIVEN ou-1 whose Allow-style list the plan keeps, and an unseen SCP attached there THEN reported
	u := _att("u", ["create"], null, _a("p-unseen01", "ou-1"))
	{d.rc.address | some d in org.opaque_attached} == {"aws_organizations_policy_attachment.u"} with input as _plan([_kept_allow, _kept_att, u])
}

test_less_when_the_right_side_is_empty if {
	# GIVEN a deleted SCP's denied set against nothing WHEN subtracted THEN the set itself; otherwise a - b
	org._less({1, 2}, set()) == {1, 2}
	org._less({1, 2}, {2}) == {1}
	org._less(set(), {2}) == set()
}
