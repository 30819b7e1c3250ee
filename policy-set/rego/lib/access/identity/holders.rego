# Holders reached by a change (part of lib.access.identity, whose METADATA describes the package): a group, role
# or permission set carries grants that a membership, a trust policy or an account assignment hands to more
# principals. The plan's holder resources are read whether or not the plan changes them.
package lib.access.identity

import data.lib.iam
import data.lib.tfplan

# ---- holders: groups, roles and permission sets, and what they grant

# A holder is [kind, key]: ["group", group name], ["role", role name], ["permission-set", permission set ARN].
# Its grants come from every resource of the plan that still exists after it (created, updated, replaced or
# unchanged): what a holder grants does not depend on whether this plan touches the grant.

# policy text attributes, by resource type: [kind, key attribute, text attribute]
_held_text := {
	"aws_iam_group_policy": ["group", "group", "policy"],
	"awscc_iam_group_policy": ["group", "group_name", "policy_document"],
	"aws_iam_role_policy": ["role", "role", "policy"],
	"awscc_iam_role_policy": ["role", "role_name", "policy_document"],
	"aws_ssoadmin_permission_set_inline_policy": ["permission-set", "permission_set_arn", "inline_policy"],
	"awscc_sso_permission_set": ["permission-set", "permission_set_arn", "inline_policy"],
}

# policy blocks: [kind, key attribute, block list attribute, text field]
_held_blocks := {
	"aws_iam_role": ["role", "name", "inline_policy", "policy"],
	"awscc_iam_role": ["role", "role_name", "policies", "policy_document"],
	"awscc_iam_group": ["group", "group_name", "policies", "policy_document"],
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
	"aws_ssoadmin_managed_policy_attachment": ["permission-set", "permission_set_arn", "managed_policy_arn"],
	"awscc_sso_permission_set": ["permission-set", "permission_set_arn", "managed_policies"],
}

# aws_iam_policy_attachment attaches one policy to lists of groups and roles (users hold nothing to reach)
_multi_holders := {"groups": "group", "roles": "role"}

# customer-managed policies attached to a permission set by name and path: [key attribute, reference list attribute]
_held_refs := {
	"aws_ssoadmin_customer_managed_policy_attachment": ["permission_set_arn", "customer_managed_policy_reference"],
	"awscc_sso_permission_set": ["permission_set_arn", "customer_managed_policy_references"],
}

_kept contains rc if {
	some rc in tfplan.resource_changes
	not rc.mode == "data"
	is_object(rc.change.after)
}

_text_grant(rc, text) := {"via": concat("", ["policy ", rc.address]), "stmts": _stmts(doc)} if {
	is_string(text)
	tfplan.strict_json(text)
	doc := json.unmarshal(text)
	is_object(doc)
}

# held: {rc, holder, grant} for every grant a holder carries after the plan
held contains {"rc": rc, "holder": [spec[0], key], "grant": g} if {
	some rc in _kept
	spec := _held_text[rc.type]
	key := rc.change.after[spec[1]]
	is_string(key)
	g := _text_grant(rc, rc.change.after[spec[2]])
}

held contains {"rc": rc, "holder": [spec[0], key], "grant": g} if {
	some rc in _kept
	spec := _held_blocks[rc.type]
	key := rc.change.after[spec[1]]
	is_string(key)
	some block in iam.as_array(rc.change.after[spec[2]])
	g := _text_grant(rc, block[spec[3]])
}

held contains {"rc": rc, "holder": [spec[0], key], "grant": g} if {
	some rc in _kept
	spec := _held_arns[rc.type]
	key := rc.change.after[spec[1]]
	is_string(key)
	some arn in iam.as_array(rc.change.after[spec[2]])
	is_string(arn)
	some g in resolved({"rc": rc, "arn": arn, "attr": spec[2]})
}

held contains {"rc": rc, "holder": [kind, key], "grant": g} if {
	some rc in _kept
	rc.type == "aws_iam_policy_attachment"
	arn := rc.change.after.policy_arn
	is_string(arn)
	some attr, kind in _multi_holders
	some key in iam.as_array(rc.change.after[attr])
	is_string(key)
	some g in resolved({"rc": rc, "arn": arn, "attr": "policy_arn"})
}

held contains {"rc": rc, "holder": ["permission-set", key], "grant": g} if {
	some rc in _kept
	spec := _held_refs[rc.type]
	key := rc.change.after[spec[0]]
	is_string(key)
	some ref in iam.as_array(rc.change.after[spec[1]])
	is_object(ref)
	some g in _by_name({"rc": rc, "arn": null, "attr": spec[1], "ref": ref})
}

# holder_grants(h): {via, stmts} entries a holder carries after the plan from resources the plan does not write
# (a grant the plan writes is a unit of its own already)
holder_grants(h) := {e.grant | some e in held; e.holder == h; not e.rc in _written}

# ---- exposures: written changes that hand a holder to principals that did not have it: {rc, holder, how}

# group memberships: [key attribute, member attribute] by type, each naming one group (key) or a list of groups
# (keys) and one member or a list of members
_membership_spec := {
	"aws_iam_group_membership": ["group", "users"],
	"aws_iam_user_group_membership": ["groups", "user"],
	"awscc_iam_user": ["groups", "user_name"],
	"awscc_iam_user_to_group_addition": ["group_name", "users"],
}

# a group gains members: the resource is created, or a (group, member) pair is new, or its members are unknown
exposures contains {"rc": rc, "holder": ["group", g], "how": concat("", ["membership of group ", g])} if {
	some rc in _written
	spec := _membership_spec[rc.type]
	some g in iam.as_array(rc.change.after[spec[0]])
	is_string(g)
	_gains_members(rc, spec, g)
}

_gains_members(rc, _, _) if "create" in rc.change.actions

_gains_members(rc, spec, g) if count(_members(rc.change.after, spec, g) - _members(rc.change.before, spec, g)) > 0

_gains_members(rc, spec, _) if _unknown(rc, spec[1])

_members(v, spec, g) := {m |
	is_object(v)
	g in iam.as_array(v[spec[0]])
	some m in iam.as_array(v[spec[1]])
	is_string(m)
}

# a role's trust policy is written: who may assume the role, and so who holds its grants, changes
_trust_spec := {
	"aws_iam_role": ["name", "assume_role_policy"],
	"awscc_iam_role": ["role_name", "assume_role_policy_document"],
}

exposures contains {"rc": rc, "holder": ["role", name], "how": concat("", ["the trust policy of role ", name])} if {
	some rc in _written
	spec := _trust_spec[rc.type]
	name := rc.change.after[spec[0]]
	is_string(name)
	_trust_changes(rc, spec[1])
}

_trust_changes(rc, _) if "create" in rc.change.actions

_trust_changes(rc, attr) if rc.change.before[attr] != rc.change.after[attr]

_trust_changes(rc, attr) if _unknown(rc, attr)

# a permission set assigned to an account (IAM Identity Center provisions it there as a role)
_assignment_types := {"aws_ssoadmin_account_assignment", "awscc_sso_assignment"}

exposures contains {"rc": rc, "holder": ["permission-set", ps], "how": concat("", ["an assignment of permission set ", ps])} if {
	some rc in _written
	rc.type in _assignment_types
	ps := rc.change.after.permission_set_arn
	is_string(ps)
}
