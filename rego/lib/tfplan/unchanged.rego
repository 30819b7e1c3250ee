# Part of package lib.tfplan (its METADATA is in tfplan.rego): policy text an in-place update keeps.
package lib.tfplan

# An in-place update that leaves an identity policy text as it was (a tag, a description, the provider's refresh of
# a role's other attributes) grants nothing new, so the text is not judged again: the gate judges what a plan
# changes. A replacement is judged whole, and so is a managed policy that lists its own principals
# (awscc_iam_managed_policy groups, roles, users) when those lists change. SCP text is always judged (the
# organization rules compare whole SCP sets before and after).
_unchanged_text(rc, attr, text) if {
	rc.change.actions == ["update"]
	not rc.type in scp_types
	rc.change.before[attr] == text
	every a in object.get(_principal_lists, rc.type, []) {
		_same_value(rc.change.before, rc.change.after, a)
	}
}

_same_value(before, after, key) if before[key] == after[key]

_same_value(before, after, key) if {
	not key in object.keys(before)
	not key in object.keys(after)
}
