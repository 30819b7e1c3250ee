# Part of package lib.tfplan (its METADATA is in tfplan.rego): policy text an in-place update keeps.
package lib.tfplan

# An in-place update that leaves an identity policy text as it was (a tag, a description, the provider's refresh of
# a role's other attributes) grants nothing new, so the text is not judged again: the gate judges what a plan
# changes. A replacement is judged whole, and so is an update that changes whom the text is for (the principal an
# inline policy names, the lists of principals awscc_iam_managed_policy attaches itself to). SCP text is always
# judged (the organization rules compare whole SCP sets before and after).
_unchanged_text(rc, attr, text) if {
	rc.change.actions == ["update"]
	not rc.type in scp_types
	rc.change.before[attr] == text
	same_principal(rc)
}

# same_principal(rc): an update leaves the attributes that name whom the resource grants to as they were
same_principal(rc) if {
	every a in object.get(principal_attrs, rc.type, []) {
		_same_value(rc.change.before, rc.change.after, a)
	}
}

# the attributes that name whom a resource grants to, by type
principal_attrs := {
	"awscc_iam_managed_policy": ["groups", "roles", "users"],
	"aws_iam_role_policy": ["role"],
	"aws_iam_user_policy": ["user"],
	"aws_iam_group_policy": ["group"],
	"awscc_iam_role_policy": ["role_name"],
	"awscc_iam_user_policy": ["user_name"],
	"awscc_iam_group_policy": ["group_name"],
	"aws_ssoadmin_permission_set_inline_policy": ["permission_set_arn"],
	"aws_iam_role": ["name"],
	"awscc_iam_role": ["role_name"],
	"awscc_iam_user": ["user_name"],
	"awscc_iam_group": ["group_name"],
	"awscc_sso_permission_set": ["permission_set_arn"],
	"aws_iam_role_policy_attachments_exclusive": ["role_name"],
	"aws_iam_user_policy_attachments_exclusive": ["user_name"],
	"aws_iam_group_policy_attachments_exclusive": ["group_name"],
	"aws_ssoadmin_managed_policy_attachments_exclusive": ["permission_set_arn"],
}

_same_value(before, after, key) if before[key] == after[key]

_same_value(before, after, key) if {
	not key in object.keys(before)
	not key in object.keys(after)
}

# a policy block of a role (or awscc user or group) an in-place update keeps with the same text, for the same
# principal
_unchanged_block(rc, text) if {
	rc.change.actions == ["update"]
	same_principal(rc)
	some b in rc.change.before[_set_attr(rc)]
	b[_field(rc)] == text
}
