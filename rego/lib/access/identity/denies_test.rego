package lib.access.identity_test

import data.lib.testing

_deny_stmt := {"Sid": "NoUnapproved", "Effect": "Deny", "Action": ["bedrock:InvokeModel", "bedrock:Converse"], "NotResource": ["arn:a", "arn:b"]}

_deny_only := json.marshal(testing.doc([_deny_stmt]))

_customer_arn := "arn:aws:iam::111122223333:policy/guardrail"

_guardrail(actions, before, after) := {
	"address": "aws_iam_policy.guardrail", "mode": "managed", "type": "aws_iam_policy", "name": "guardrail",
	"provider_name": testing.provider, "change": {"actions": actions, "before": before, "after": after, "after_unknown": {}},
}

_guardrail_state := {"name": "guardrail", "path": "/", "arn": _customer_arn, "policy": _deny_only}

test_units_when_a_deny_block_leaves_a_role if {
	# GIVEN a role with an inline Allow block and an inline Deny block WHEN an update drops the Deny block
	# THEN the kept Allow block is judged through the role; WHEN the Deny is only renamed or reordered THEN the
	# edited block is judged on its own (a Deny only), and nothing reaches through the role
	allow := {"name": "allow", "policy": _broad_text}
	deny := {"name": "deny", "policy": _deny_only}
	before := {"name": "r", "assume_role_policy": _trust("a"), "inline_policy": [allow, deny]}
	dropped := _update("aws_iam_role", "r", before, object.union(before, {"inline_policy": [allow]}))
	_unit_vias([dropped], dropped.address) == {"policy aws_iam_role.r through removing a Deny from role r (aws_iam_role.r)"}
	reordered := json.marshal(testing.doc([object.union(_deny_stmt, {"Sid": "Renamed", "NotResource": ["arn:b", "arn:a"]})]))
	renamed := _update("aws_iam_role", "r", before, object.union(before, {"inline_policy": [allow, {"name": "deny", "policy": reordered}]}))
	_unit_vias([renamed], renamed.address) == {"aws_iam_role.r (inline_policy[1].policy)"}
}

test_units_when_a_deny_policy_is_detached if {
	# GIVEN group g with AmazonBedrockFullAccess and a customer-managed Deny policy attached (both unchanged)
	grant := _noop("aws_iam_group_policy_attachment", "bfa", {"group": "g", "policy_arn": _bfa})
	pol := _guardrail(["no-op"], _guardrail_state, _guardrail_state)

	# WHEN the Deny policy's attachment is deleted THEN the grant is judged through the detachment
	det := _delete("aws_iam_group_policy_attachment", "guard", {"group": "g", "policy_arn": _customer_arn})
	count(_unit_vias([grant, pol, det], det.address)) > 0

	# WHEN it is dropped from an exclusive attachment set, or from an aws_iam_policy_attachment's groups THEN the same
	ex := _update("aws_iam_group_policy_attachments_exclusive", "x", {"group_name": "g", "policy_arns": [_bfa, _customer_arn]}, {"group_name": "g", "policy_arns": [_bfa]})
	count(_unit_vias([pol, ex], ex.address)) > 0
	multi := _update("aws_iam_policy_attachment", "m", {"name": "m", "groups": ["g"], "policy_arn": _customer_arn}, {"name": "m", "groups": [], "policy_arn": _customer_arn})
	count(_unit_vias([grant, pol, multi], multi.address)) > 0

	# WHEN an attachment of a policy without a Deny is deleted THEN nothing
	plain := _delete("aws_iam_group_policy_attachment", "ro", {"group": "g", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"})
	_unit_vias([grant, plain], plain.address) == set()
}

test_units_when_a_deny_is_edited_out_of_an_attached_policy if {
	# GIVEN the customer-managed Deny policy attached to role r beside AmazonBedrockFullAccess WHEN its text is
	# edited to drop the Deny THEN r's grants are judged through the edit
	grant := _noop("aws_iam_role_policy_attachment", "bfa", {"role": "r", "policy_arn": _bfa})
	att := _noop("aws_iam_role_policy_attachment", "guard", {"role": "r", "policy_arn": _customer_arn})
	edited := _guardrail(["update"], _guardrail_state, object.union(_guardrail_state, {"policy": json.marshal(testing.doc([]))}))
	"AWS-managed policy AmazonBedrockFullAccess (v11) attached by aws_iam_role_policy_attachment.bfa through removing a Deny from role r (aws_iam_policy.guardrail)" in _unit_vias([grant, att, edited], edited.address)
}

test_units_when_a_user_leaves_a_group_with_a_deny if {
	# GIVEN user u with a broad policy, in group g that carries a Deny WHEN u leaves g THEN u's grants are judged
	mine := _noop("aws_iam_user_policy", "u", {"user": "u", "name": "p", "policy": _broad_text})
	deny := _noop("aws_iam_group_policy", "d", {"group": "g", "name": "d", "policy": _deny_only})
	left := _update("aws_iam_user_group_membership", "m", {"user": "u", "groups": ["g", "h"]}, {"user": "u", "groups": ["h"]})
	_unit_vias([mine, deny, left], left.address) == {"policy aws_iam_user_policy.u through user u leaving group g (aws_iam_user_group_membership.m)"}

	# WHEN the group left carries no Deny THEN nothing
	plain := _noop("aws_iam_group_policy", "d", {"group": "g", "name": "d", "policy": _broad_text})
	_unit_vias([mine, plain, left], left.address) == set()
}

test_trust_account_id_is_the_root if {
	# GIVEN a trust naming an account's root ARN WHEN rewritten with the bare account ID THEN nobody new: no unit
	grant := _noop("aws_iam_role_policy", "p", {"role": "r", "name": "p", "policy": _broad_text})
	r := _role(_trust_doc([_allow("arn:aws:iam::111122223333:root")]), _trust_doc([_allow("111122223333")]))
	_unit_vias([grant, r], r.address) == set()
}

test_units_when_an_exclusive_set_drops_a_deny if {
	# GIVEN role r with an inline Allow (broad) and an inline Deny policy, and AmazonBedrockFullAccess beside the
	# guardrail Deny policy attached by ARN, all unchanged
	allow := _noop("aws_iam_role_policy", "allow", {"role": "r", "name": "allow", "policy": _broad_text})
	deny := _noop("aws_iam_role_policy", "deny", {"role": "r", "name": "deny", "policy": _deny_only})

	# WHEN a new aws_iam_role_policies_exclusive keeps only "allow" THEN the Deny is deleted at apply: reported
	names := _rc("aws_iam_role_policies_exclusive", "x", {"role_name": "r", "policy_names": ["allow"]}, {})
	count(_unit_vias([allow, deny, names], names.address)) > 0

	# WHEN it keeps both THEN nothing reaches through it
	both := _rc("aws_iam_role_policies_exclusive", "x", {"role_name": "r", "policy_names": ["allow", "deny"]}, {})
	_unit_vias([allow, deny, both], both.address) == set()

	# WHEN a new aws_iam_role_policy_attachments_exclusive lists only AmazonBedrockFullAccess THEN the guardrail
	# policy is detached at apply: reported; listing both, nothing
	bfa := _noop("aws_iam_role_policy_attachment", "bfa", {"role": "r", "policy_arn": _bfa})
	guard := _noop("aws_iam_role_policy_attachment", "guard", {"role": "r", "policy_arn": _customer_arn})
	pol := _guardrail(["no-op"], _guardrail_state, _guardrail_state)
	arns := _rc("aws_iam_role_policy_attachments_exclusive", "y", {"role_name": "r", "policy_arns": [_bfa]}, {})
	count(_unit_vias([bfa, guard, pol, arns], arns.address)) > 0
	kept := _rc("aws_iam_role_policy_attachments_exclusive", "y", {"role_name": "r", "policy_arns": [_bfa, _customer_arn]}, {})
	count([v | some v in _unit_vias([bfa, guard, pol, kept], kept.address); contains(v, "removing a Deny")]) == 0

	# WHEN the kept list is unknown until apply THEN it may keep none: reported
	unknown := _rc("aws_iam_role_policies_exclusive", "x", {"role_name": "r"}, {"policy_names": true})
	count(_unit_vias([allow, deny, unknown], unknown.address)) > 0
}

test_a_deny_spelled_with_an_escape_is_still_read if {
	# GIVEN the guardrail's text before the edit writes its Effect as "\u0044eny" (valid JSON for "Deny"; the text never
	# spells Deny) WHEN the edit drops it THEN r's grants are judged through the edit, as for a plain "Deny"
	escaped := replace(_deny_only, `"Deny"`, `"\u0044eny"`)
	not contains(escaped, "Deny")
	state := object.union(_guardrail_state, {"policy": escaped})
	grant := _noop("aws_iam_role_policy_attachment", "bfa", {"role": "r", "policy_arn": _bfa})
	att := _noop("aws_iam_role_policy_attachment", "guard", {"role": "r", "policy_arn": _customer_arn})
	edited := _guardrail(["update"], state, object.union(state, {"policy": json.marshal(testing.doc([]))}))
	"AWS-managed policy AmazonBedrockFullAccess (v11) attached by aws_iam_role_policy_attachment.bfa through removing a Deny from role r (aws_iam_policy.guardrail)" in _unit_vias([grant, att, edited], edited.address)

	# WHEN the text before holds no Deny at all THEN the edit reaches through nothing
	allow_only := object.union(_guardrail_state, {"policy": json.marshal(testing.doc([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]))})
	plain := _guardrail(["update"], allow_only, object.union(allow_only, {"policy": json.marshal(testing.doc([]))}))
	not "AWS-managed policy AmazonBedrockFullAccess (v11) attached by aws_iam_role_policy_attachment.bfa through removing a Deny from role r (aws_iam_policy.guardrail)" in _unit_vias([grant, att, plain], plain.address)
}

test_units_when_a_group_loses_a_deny_its_members_hold if {
	# GIVEN user u with a broad policy of its own, in groups g (a Deny) and h (a broad attachment) WHEN g's Deny
	# policy is deleted THEN u's own grant and h's are judged through g's change, once each; g's own grants are
	# judged through g alone
	mine := _noop("aws_iam_user_policy", "u", {"user": "u", "name": "p", "policy": _broad_text})
	member := _noop("aws_iam_user_group_membership", "m", {"user": "u", "groups": ["g", "h"]})
	h_grant := _noop("aws_iam_group_policy_attachment", "h", {"group": "h", "policy_arn": _bfa})
	deny := _noop("aws_iam_group_policy", "d", {"group": "g", "name": "d", "policy": _deny_only})
	gone := object.union(deny, {"change": {"actions": ["delete"], "after": null}})
	_unit_vias([mine, member, h_grant, gone], gone.address) == {
		"policy aws_iam_user_policy.u through removing a Deny from group g, which user u is in (aws_iam_group_policy.d)",
		"AWS-managed policy AmazonBedrockFullAccess (v11) attached by aws_iam_group_policy_attachment.h through removing a Deny from group g, which user u is in (aws_iam_group_policy.d)",
	}

	# WHEN u has left g in the same plan THEN g's Deny no longer reaches u (the leaving is judged on its own)
	left := _update("aws_iam_user_group_membership", "m", {"user": "u", "groups": ["g", "h"]}, {"user": "u", "groups": ["h"]})
	_unit_vias([mine, left, h_grant, gone], gone.address) == set()
}

test_units_when_a_deny_is_made_stricter_or_rewritten if {
	# GIVEN user u with a broad policy in group g whose Deny exempts two models WHEN the Deny is made stricter (one
	# exemption dropped, every action denied) or rewritten with lists for strings THEN it denies no less: nothing;
	# WHEN it exempts a model no catalog lists THEN it denies less: u's grant is judged
	mine := _noop("aws_iam_user_policy", "u", {"user": "u", "name": "p", "policy": _broad_text})
	member := _noop("aws_iam_user_group_membership", "m", {"user": "u", "groups": ["g"]})
	every d in [
		object.union(_deny_stmt, {"NotResource": ["arn:a"]}),
		object.union(_deny_stmt, {"Action": "bedrock:*"}),
		object.union(_deny_stmt, {"Action": ["bedrock:Converse", "bedrock:InvokeModel"], "NotResource": ["arn:b", "arn:a"]}),
	] {
		_unit_vias([mine, member, _deny_edit(d)], "aws_iam_group_policy.d") == {"aws_iam_group_policy.d (policy)"}
	}
	wider := object.union(_deny_stmt, {"NotResource": ["arn:a", "arn:b", "arn:aws:bedrock:*::foundation-model/zz.other-v1:0"]})
	"policy aws_iam_user_policy.u through removing a Deny from group g, which user u is in (aws_iam_group_policy.d)" in _unit_vias([mine, member, _deny_edit(wider)], "aws_iam_group_policy.d")
}

_deny_edit(d) := _update("aws_iam_group_policy", "d", {"group": "g", "name": "d", "policy": _deny_only}, {"group": "g", "name": "d", "policy": json.marshal(testing.doc([d]))})

test_units_when_a_deny_is_dropped_by_awscc_lists_or_sso_references if {
	# GIVEN role analyst with a broad grant and an awscc managed Deny policy listing it WHEN the policy's roles list
	# drops analyst THEN analyst's grant is judged
	grant := _noop("aws_iam_role_policy_attachment", "a", {"role": "analyst", "policy_arn": _bfa})
	cc := _update("awscc_iam_managed_policy", "guard", {"managed_policy_name": "guard", "policy_document": _deny_only, "roles": ["analyst"]}, {"managed_policy_name": "guard", "policy_document": _deny_only, "roles": []})
	count(_unit_vias([grant, cc], cc.address)) > 0

	# GIVEN a permission set with a broad inline policy and a customer-managed Deny referenced by name WHEN the
	# reference's attachment is deleted THEN the permission set's grant is judged
	ps := "arn:aws:sso:::permissionSet/ssoins-1/ps-1"
	inline := _noop("aws_ssoadmin_permission_set_inline_policy", "i", {"permission_set_arn": ps, "inline_policy": _broad_text})
	pol := _noop("aws_iam_policy", "guard", {"name": "guard", "path": "/", "arn": _customer_arn, "policy": _deny_only})
	ref := _delete("aws_ssoadmin_customer_managed_policy_attachment", "r", {"permission_set_arn": ps, "customer_managed_policy_reference": [{"name": "guard", "path": "/"}]})
	count(_unit_vias([inline, pol, ref], ref.address)) > 0
	kept := _noop("aws_ssoadmin_customer_managed_policy_attachment", "r", {"permission_set_arn": ps, "customer_managed_policy_reference": [{"name": "guard", "path": "/"}]})
	_unit_vias([inline, pol, kept], kept.address) == set()
}
