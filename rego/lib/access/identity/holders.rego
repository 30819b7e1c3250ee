# Holders reached by a change (part of lib.access.identity, whose METADATA describes the package): a group, role,
# user, permission set or Identity Center group carries grants that a change can hand to more principals (a
# membership, a wider trust policy, an account assignment, an instance profile) or let through whole (a permissions
# boundary or a Deny removed). The plan's holder resources are read whether or not the plan changes them.
package lib.access.identity

import data.lib.iam
import data.lib.selection
import data.lib.tfplan

# ---- holders and what they grant

# A holder is [kind, key]: ["group", group name], ["role", role name], ["user", user name], ["permission-set",
# permission set ARN], ["sso-group", Identity Store group ID]. Its grants come from every resource of the plan that
# still exists in AWS after it (created, updated, replaced, unchanged, or forgotten: "forget" drops a resource from
# the state and leaves it in AWS): what a holder grants does not depend on whether this plan touches the grant.

# policy text attributes, by resource type: [kind, key attribute, text attribute]
_held_text := {
	"aws_iam_group_policy": ["group", "group", "policy"],
	"awscc_iam_group_policy": ["group", "group_name", "policy_document"],
	"aws_iam_role_policy": ["role", "role", "policy"],
	"awscc_iam_role_policy": ["role", "role_name", "policy_document"],
	"aws_iam_user_policy": ["user", "user", "policy"],
	"awscc_iam_user_policy": ["user", "user_name", "policy_document"],
	"aws_ssoadmin_permission_set_inline_policy": ["permission-set", "permission_set_arn", "inline_policy"],
	"awscc_sso_permission_set": ["permission-set", "permission_set_arn", "inline_policy"],
}

# policy blocks: [kind, key attribute, block list attribute, text field]
_held_blocks := {
	"aws_iam_role": ["role", "name", "inline_policy", "policy"],
	"awscc_iam_role": ["role", "role_name", "policies", "policy_document"],
	"awscc_iam_group": ["group", "group_name", "policies", "policy_document"],
	"awscc_iam_user": ["user", "user_name", "policies", "policy_document"],
}

# policies attached by ARN: [kind, key attribute, ARN attribute (one ARN or a list)]
_held_arns := {
	"aws_iam_group_policy_attachment": ["group", "group", "policy_arn"],
	"aws_iam_group_policy_attachments_exclusive": ["group", "group_name", "policy_arns"],
	"awscc_iam_group": ["group", "group_name", "managed_policy_arns"],
	"aws_iam_role_policy_attachment": ["role", "role", "policy_arn"],
	"aws_iam_role_policy_attachments_exclusive": ["role", "role_name", "policy_arns"],
	"aws_iam_role": ["role", "name", "managed_policy_arns"],
	"awscc_iam_role": ["role", "role_name", "managed_policy_arns"],
	"aws_iam_user_policy_attachment": ["user", "user", "policy_arn"],
	"aws_iam_user_policy_attachments_exclusive": ["user", "user_name", "policy_arns"],
	"awscc_iam_user": ["user", "user_name", "managed_policy_arns"],
	"aws_ssoadmin_managed_policy_attachment": ["permission-set", "permission_set_arn", "managed_policy_arn"],
	"awscc_sso_permission_set": ["permission-set", "permission_set_arn", "managed_policies"],
	"aws_ssoadmin_managed_policy_attachments_exclusive": ["permission-set", "permission_set_arn", "managed_policy_arns"],
}

# one policy attached to lists of principals: aws_iam_policy_attachment (by ARN) and awscc_iam_managed_policy
# (AWS::IAM::ManagedPolicy Groups, Roles and Users: the policy attaches itself)
_multi_holders := {"groups": "group", "roles": "role", "users": "user"}

# customer-managed policies attached to a permission set by name and path: [key attribute, reference list attribute]
_held_refs := {
	"aws_ssoadmin_customer_managed_policy_attachment": ["permission_set_arn", "customer_managed_policy_reference"],
	"awscc_sso_permission_set": ["permission_set_arn", "customer_managed_policy_references"],
	"aws_ssoadmin_customer_managed_policy_attachments_exclusive": ["permission_set_arn", "customer_managed_policy_reference"],
}

# the values a resource leaves in AWS after the plan: its planned values, or for "forget" its current ones
_left(rc) := rc.change.after if is_object(rc.change.after)

_left(rc) := rc.change.before if {
	not is_object(rc.change.after)
	tfplan.forgets(rc)
	is_object(rc.change.before)
}

# the resources left in AWS after the plan: its managed resource changes that leave one, and the prior state's
# identity resources no change names. An array (each once): see _written.
_kept := array.concat(
	[rc |
		some rc in tfplan.resource_change_list
		not rc.mode == "data"
		_left(rc)
	],
	[rc | some rc in prior_rcs],
)

# prior_rcs: identity resources the prior state holds that no resource change names (what `terraform plan -target`
# leaves out), as unchanged resource changes: they still grant what they grant
prior_rcs contains rc if {
	some rc in tfplan.prior_only
	selection.identity_types[rc.type]
}

_text_grant(rc, text) := {"via": concat("", ["policy ", rc.address]), "stmts": _stmts(doc), "policy": rc.address} if {
	doc := _doc(text)
}

_doc(text) := doc if {
	is_string(text)
	tfplan.strict(text)
	doc := json.unmarshal(text)
	is_object(doc)
}

# held: {rc, holder, grant} for every grant a holder carries after the plan (and arn, for a policy attached by ARN)
held contains {"rc": rc, "holder": [spec[0], key], "grant": g} if {
	some rc in _kept
	spec := _held_text[rc.type]
	v := _left(rc)
	key := v[spec[1]]
	is_string(key)
	g := _text_grant(rc, v[spec[2]])
}

held contains {"rc": rc, "holder": [spec[0], key], "grant": g} if {
	some rc in _kept
	spec := _held_blocks[rc.type]
	v := _left(rc)
	key := v[spec[1]]
	is_string(key)
	some block in iam.as_array(v[spec[2]])
	g := _text_grant(rc, block[spec[3]])
}

held contains {"rc": rc, "holder": [spec[0], key], "grant": g, "arn": arn} if {
	some rc in _kept
	spec := _held_arns[rc.type]
	v := _left(rc)
	key := v[spec[1]]
	is_string(key)
	some arn in iam.as_array(v[spec[2]])
	is_string(arn)
	some g in resolved({"rc": rc, "arn": arn, "attr": spec[2]})
}

# an attachment whose policy ARN is unknown until apply (a policy the plan creates, attached by reference): the
# policy its configuration names, as the grant rules resolve it
held contains {"rc": rc, "holder": [spec[0], key], "grant": g, "arn": null} if {
	some rc in _kept
	spec := _held_arns[rc.type]
	v := _left(rc)
	key := v[spec[1]]
	is_string(key)
	not is_string(object.get(v, spec[2], null))
	_unknown(rc, spec[2])
	some g in resolved({"rc": rc, "arn": null, "attr": spec[2]})
}

held contains {"rc": rc, "holder": [kind, key], "grant": g, "arn": v.policy_arn} if {
	some rc in _kept
	rc.type == "aws_iam_policy_attachment"
	v := _left(rc)
	is_string(v.policy_arn)
	some attr, kind in _multi_holders
	some key in iam.as_array(v[attr])
	is_string(key)
	some g in resolved({"rc": rc, "arn": v.policy_arn, "attr": "policy_arn"})
}

held contains {"rc": rc, "holder": [kind, key], "grant": g} if {
	some rc in _kept
	rc.type == "awscc_iam_managed_policy"
	v := _left(rc)
	some attr, kind in _multi_holders
	some key in iam.as_array(v[attr])
	is_string(key)
	g := _text_grant(rc, v.policy_document)
}

held contains {"rc": rc, "holder": ["permission-set", key], "grant": g} if {
	some rc in _kept
	spec := _held_refs[rc.type]
	v := _left(rc)
	key := v[spec[0]]
	is_string(key)
	some ref in iam.as_array(v[spec[1]])
	is_object(ref)
	some g in _by_name({"rc": rc, "arn": null, "attr": spec[1], "ref": ref})
}

# held_unresolved: {holder, arn, why} for each policy a holder carries after the plan whose text the gate cannot
# read (an ARN or a customer-managed reference nothing in the plan, its prior state or the snapshot resolves): a
# change that hands the holder on hands that policy on unjudged (MG-0021 on the change, in identity.unresolved)
held_unresolved contains {"holder": [spec[0], key], "arn": arn, "why": _why(a)} if {
	some rc in _kept
	spec := _held_arns[rc.type]
	v := _left(rc)
	key := v[spec[1]]
	is_string(key)
	some arn in iam.as_array(v[spec[2]])
	is_string(arn)
	a := {"rc": rc, "arn": arn, "attr": spec[2]}
	count(resolved(a)) == 0
}

held_unresolved contains {"holder": [kind, key], "arn": v.policy_arn, "why": _why(a)} if {
	some rc in _kept
	rc.type == "aws_iam_policy_attachment"
	v := _left(rc)
	is_string(v.policy_arn)
	a := {"rc": rc, "arn": v.policy_arn, "attr": "policy_arn"}
	count(resolved(a)) == 0
	some attr, kind in _multi_holders
	some key in iam.as_array(v[attr])
	is_string(key)
}

held_unresolved contains {"holder": ["permission-set", key], "arn": null, "why": _why(a)} if {
	some rc in _kept
	spec := _held_refs[rc.type]
	v := _left(rc)
	key := v[spec[0]]
	is_string(key)
	some ref in iam.as_array(v[spec[1]])
	is_object(ref)
	a := {"rc": rc, "arn": null, "attr": spec[1], "ref": ref}
	count(_by_name(a)) == 0
}

# holder_grants(h): {via, stmts} entries a holder carries after the plan: its own, a user's groups', an Identity
# Center group's permission sets' (in the accounts an assignment gives them). A grant the plan writes is also a
# unit of its own; through an exposure it is reported again, on the change that hands it on.
holder_grants(h) := (_direct(h) | _through_groups(h)) | _through_assignments(h)

_direct(h) := {e.grant | some e in held; e.holder == h}

_through_groups(h) := _through_groups_but(h, null)

# a user's grants through the groups it is in after the plan, but group `skip`
_through_groups_but(h, skip) := {g |
	h[0] == "user"
	some [kind, [group, member]] in _pairs_after
	kind == "group"
	member == h[1]
	group != skip
	some g in _direct(["group", group])
}

# holder_grants of an exposure: a user's without those of one group ("except") when the exposure says so
exposure_grants(e) := holder_grants(e.holder) if not e.except

exposure_grants(e) := _direct(e.holder) | _through_groups_but(e.holder, e.except) if e.except

_through_assignments(h) := {g |
	h[0] == "sso-group"
	some rc in _kept
	rc.type in _assignment_types
	v := _left(rc)
	v.principal_type == "GROUP"
	v.principal_id == h[1]
	some g in _direct(["permission-set", v.permission_set_arn])
}

# ---- exposures: changes that hand a holder to principals that did not hold it, or let its grants through whole:
# {rc, holder, how}

# memberships: [holder kind, key attribute, member attribute] by type; each names one holder or a list of them and
# one member or a list
_membership_spec := {
	"aws_iam_group_membership": ["group", "group", "users"],
	"aws_iam_user_group_membership": ["group", "groups", "user"],
	"awscc_iam_user": ["group", "groups", "user_name"],
	"awscc_iam_user_to_group_addition": ["group", "group_name", "users"],
	"aws_identitystore_group_membership": ["sso-group", "group_id", "member_id"],
	"awscc_identitystore_group_membership": ["sso-group", "group_id", "member_id"],
}

_pairs(v, spec) := {[k, m] |
	is_object(v)
	some k in iam.as_array(v[spec[1]])
	is_string(k)
	some m in iam.as_array(v[spec[2]])
	m != null
}

# (holder, member) pairs before the plan, from every membership resource it shows (one it deletes too: a member
# moved from one membership resource to another joins nothing), and after it
_pairs_before contains [spec[0], p] if {
	some rc in (tfplan.resource_changes | prior_rcs)
	spec := _membership_spec[rc.type]
	some p in _pairs(rc.change.before, spec)
}

_pairs_after contains [spec[0], p] if {
	some rc in _kept
	spec := _membership_spec[rc.type]
	some p in _pairs(_left(rc), spec)
}

_member_words := {"group": "membership of group ", "sso-group": "membership of Identity Center group "}

# a pair the plan writes that was not there before, or a membership whose members are unknown until apply
_base_exposures contains {"rc": rc, "holder": [spec[0], k], "how": concat("", [_member_words[spec[0]], k])} if {
	some rc in _written
	spec := _membership_spec[rc.type]
	some [k, m] in _pairs(rc.change.after, spec)
	not _pairs_before[[spec[0], [k, m]]]
}

_base_exposures contains {"rc": rc, "holder": [spec[0], k], "how": concat("", [_member_words[spec[0]], k])} if {
	some rc in _written
	spec := _membership_spec[rc.type]
	_unknown(rc, spec[2])
	some k in iam.as_array(rc.change.after[spec[1]])
	is_string(k)
}

# a permission set assigned to an account (IAM Identity Center provisions it there as a role)
_assignment_types := {"aws_ssoadmin_account_assignment", "awscc_sso_assignment"}

_base_exposures contains {"rc": rc, "holder": ["permission-set", ps], "how": concat("", ["an assignment of permission set ", ps])} if {
	some rc in _written
	rc.type in _assignment_types
	ps := rc.change.after.permission_set_arn
	is_string(ps)
	not _assignments_before[_assignment_key(rc.change.after)]
}

# an assignment the plan writes with the values of one it already had (re-created by a replace, or under another
# address) gives no one the permission set; one whose principal or account is unknown until apply may
_assignments_before contains _assignment_key(rc.change.before) if {
	some rc in (tfplan.resource_changes | prior_rcs)
	rc.type in _assignment_types
	is_object(rc.change.before)
}

_assignment_key(v) := [
	v.permission_set_arn, object.get(v, "principal_type", null), object.get(v, "principal_id", null),
	object.get(v, "target_id", null), object.get(v, "target_type", null),
]

# a role handed to a workload: an instance profile (EC2), or by ARN (_role_handouts)
_base_exposures contains {"rc": rc, "holder": ["role", role], "how": concat("", ["instance profile ", rc.address])} if {
	some rc in _written
	rc.type in {"aws_iam_instance_profile", "awscc_iam_instance_profile"}
	some role in _profile_roles(rc.change.after)
	not role in _profile_roles(rc.change.before)
}

# aws_iam_instance_profile names one role, awscc_iam_instance_profile a list
_profile_roles(v) := {r |
	is_object(v)
	some attr in ["role", "roles"]
	some r in iam.as_array(v[attr])
	is_string(r)
}

# a permissions boundary removed or replaced: the holder's grants apply without the limit it set (the gate never
# credits a boundary, so it judges those grants as they now apply). [kind, name attribute] of each holder type that
# carries one (chains.rego reads the role and user names from it too)
_boundary_spec := {
	"aws_iam_role": ["role", "name"],
	"awscc_iam_role": ["role", "role_name"],
	"aws_iam_user": ["user", "name"],
	"awscc_iam_user": ["user", "user_name"],
	"awscc_sso_permission_set": ["permission-set", "permission_set_arn"],
}

_base_exposures contains {"rc": rc, "holder": [spec[0], key], "how": _boundary_change_words(rc, spec[0], key)} if {
	some rc in _kept
	spec := _boundary_spec[rc.type]
	b := _before(rc).permissions_boundary
	not b in {null, "", []}
	not _left(rc).permissions_boundary == b
	not _boundary_harmless(rc)
	key := _left(rc)[spec[1]]
	is_string(key)
}

_base_exposures contains {"rc": rc, "holder": ["permission-set", ps], "how": _boundary_words("permission set", ps)} if {
	some rc in tfplan.resource_change_list
	rc.type == "aws_ssoadmin_permissions_boundary_attachment"
	ps := rc.change.before.permission_set_arn
	is_string(ps)
	not _left_or_empty(rc).permissions_boundary == rc.change.before.permissions_boundary
}

_before(rc) := v if {
	v := rc.change.before
	is_object(v)
} else := {}

_boundary_words(kind, key) := concat("", ["the permissions boundary removed from ", kind, " ", key])

_boundary_change_words(rc, kind, key) := concat("", ["the permissions boundary of ", kind, " ", key, " replaced"]) if {
	not _left(rc).permissions_boundary in {null, "", []}
} else := _boundary_words(kind, key)

_left_or_empty(rc) := _left(rc)

_left_or_empty(rc) := {} if not _left(rc)
