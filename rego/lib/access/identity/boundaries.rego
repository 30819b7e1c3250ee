# Part of package lib.access.identity (its METADATA is in identity.rego): customer-managed policies a plan creates
# to serve only as permissions boundaries.
package lib.access.identity

import data.lib.tfplan

# boundary_only(rc): a customer-managed policy this plan creates, sets as the permissions boundary of a role, a user
# or a permission set, and attaches to nothing. A boundary grants nothing: it caps what identity policies grant
# (a developer boundary commonly allows "*" and denies escalation), so such a policy is not judged as a grant
# (fp19). A policy that already exists may be attached outside the plan, and one the plan also attaches grants
# through that attachment: both are judged as any policy is.
boundary_only(rc) if {
	rc.type in {"aws_iam_policy", "awscc_iam_managed_policy"}
	rc.change.actions == ["create"]
	_sets_boundary(rc)
	not _attached_inline(rc)
	not _attached(rc)
}

# role, user (an ARN, or a reference to the policy while its ARN is unknown) and permission set (by name) boundaries
_sets_boundary(rc) if {
	some b in _boundary_setters
	b.type in {"aws_iam_role", "aws_iam_user", "awscc_iam_role", "awscc_iam_user"}
	_names_boundary(b, rc)
}

_sets_boundary(rc) if {
	some b in _boundary_setters
	b.type == "aws_ssoadmin_permissions_boundary_attachment"
	some pb in object.get(b.change.after, "permissions_boundary", [])
	some ref in object.get(pb, "customer_managed_policy_reference", [])
	ref.name == _name(rc)
	_boundary_ref_path(ref) == _path(rc)
}

# the written roles, users and permission-set boundary attachments with a permissions boundary after the plan (known,
# or unknown until apply: a reference to a policy the plan creates), once per evaluation: most roles have none,
# and only these are asked whether they name a new policy (a configuration lookup per role and policy otherwise)
_boundary_setters := [b |
	some b in _written
	b.type in {"aws_iam_role", "aws_iam_user", "awscc_iam_role", "awscc_iam_user", "aws_ssoadmin_permissions_boundary_attachment"}
	_has_boundary(b)
]

_has_boundary(b) if b.change.after.permissions_boundary != null

_has_boundary(b) if b.change.after_unknown.permissions_boundary != false

# a reference without a path names the policy at "/"
_boundary_ref_path(ref) := p if {
	p := ref.path
	is_string(p)
} else := "/"

_names_boundary(b, rc) if tfplan.refers_to(b, "permissions_boundary", rc)

_names_boundary(b, rc) if {
	arn := b.change.after.permissions_boundary
	is_string(arn)
	endswith(arn, concat("", [":policy", _path(rc), _name(rc)]))
}

_name(rc) := object.get(rc.change.after, "name", object.get(rc.change.after, "managed_policy_name", null))

_path(rc) := p if {
	p := object.get(rc.change.after, "path", "/")
	is_string(p)
} else := "/"

# awscc_iam_managed_policy attaches itself to the roles, users and groups it lists, or will list once a value
# unknown until apply is known (attack20; the lists are optional and computed, so one the configuration does not
# set is unknown on every new policy and attaches nothing)
_attached_inline(rc) if {
	some attr in ["roles", "users", "groups"]
	count(object.get(rc.change.after, attr, [])) > 0
}

_attached_inline(rc) if {
	some attr in ["roles", "users", "groups"]
	object.get(object.get(rc.change, "after_unknown", {}), attr, false) != false
	not _unset_in_config(rc, attr)
}

# an attachment the plan writes resolves to it (also by a reference while its ARN is unknown)
_attached(rc) if {
	some a in attachments
	some r in resolved(a)
	r.policy == rc.address
}

# a principal holds it through a resource the plan leaves unchanged or only its prior state shows (attack23: an
# existing permission set's reference by name, which takes the new policy once it exists)
_attached(rc) if {
	some e in held
	e.grant.policy == rc.address
}
