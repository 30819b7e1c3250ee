package lib.selection_test

import data.lib.access.identity
import data.lib.selection
import data.lib.tfplan

# every attachment attribute lib.access.identity resolves is a join on ARNs and a reference attribute
test_identity_attachment_attributes_are_declared if {
	every type, attr in identity._single {
		[attr, "arn", "uses"] in selection.joins[type]
		attr in selection.reference_attributes[type]
	}
	every type, attr in identity._lists {
		[concat("", [attr, ".*"]), "arn", "uses"] in selection.joins[type]
		attr in selection.reference_attributes[type]
	}
}

# every type lib.tfplan reads policy text from is selected
test_policy_types_are_declared if {
	every type, _ in tfplan._managed_attrs {
		type in selection.types
	}
	every type, _ in tfplan._data_attrs {
		type in selection.types
	}
	every type, _ in tfplan._block_spec {
		type in selection.types
	}
	every type, _ in tfplan._optional_attrs {
		type in selection.types
	}
	every type in tfplan.scp_types {
		type in selection.organization_types
	}
}

test_identity_and_organization_types_are_disjoint if {
	count(selection.identity_types & selection.organization_types) == 0
}

test_declaration_lists_types_sorted if {
	selection.declaration.types == sort(selection.types)
	selection.declaration.organizationTypes == sort(selection.organization_types)
	selection.declaration.priorDataTypes == sort(selection.prior_data_types)
}

# a resource change of a type the declaration does not list is not read
test_undeclared_types_are_not_read if {
	plan := {"plan": {"resource_changes": [
		{"address": "aws_instance.x", "type": "aws_instance", "mode": "managed", "change": {"actions": ["create"]}},
		{"address": "aws_iam_policy.p", "type": "aws_iam_policy", "mode": "managed", "change": {"actions": ["create"]}},
	]}}
	{rc.address | some rc in tfplan.resource_changes} == {"aws_iam_policy.p"} with input as plan
}

test_every_join_names_a_declared_key_space_and_role if {
	every _, list in selection.joins {
		every j in list {
			count(j) == 3
			selection.key_spaces[j[1]]
			j[2] in {"defines", "uses", "defines-if-written"}
		}
	}
}

# every holder (lib.access.identity holders.rego) is a join in its key space: grants define it, exposures use it
test_identity_holder_attributes_are_declared if {
	# a policy text both grants (defines) and, when the plan removes a Deny from it, exposes its holder (uses)
	every type, spec in identity._held_text {
		[spec[1], spec[0], "defines"] in selection.joins[type]
		[spec[1], spec[0], "uses"] in selection.joins[type]
	}
	every type, spec in identity._held_arns {
		_holder_join(type, spec[1], spec[0])
	}
	every type, spec in identity._held_refs {
		[spec[0], "permission-set", "defines"] in selection.joins[type]
	}
	every type, spec in identity._membership_spec {
		_list_or_value(spec[1], spec[0], "uses") in selection.joins[type]
	}
	every type, spec in identity._boundary_spec {
		[spec[1], spec[0], "uses"] in selection.joins[type]
	}
	every type, spec in identity._trust_spec {
		[spec[0], "role", "uses"] in selection.joins[type]
	}
	every type in identity._assignment_types {
		["permission_set_arn", "permission-set", "uses"] in selection.joins[type]
	}
	every attr, kind in identity._multi_holders {
		[concat("", [attr, ".*"]), kind, "defines"] in selection.joins.aws_iam_policy_attachment
		[concat("", [attr, ".*"]), kind, "defines"] in selection.joins.awscc_iam_managed_policy
	}
}

# a holder's own resource (an aws_iam_role, an awscc_iam_role) uses its key; other grant resources define it
_holder_join(type, attr, kind) if [attr, kind, "defines"] in selection.joins[type]

_holder_join(type, attr, kind) if [attr, kind, "uses"] in selection.joins[type]

_list_or_value(attr, space, role) := [concat("", [attr, ".*"]), space, role] if endswith(attr, "s")

_list_or_value(attr, space, role) := [attr, space, role] if not endswith(attr, "s")

# in the holder key spaces every resource that defines a key uses it too: any grant can expose its holder (a Deny
# removed, a Deny policy detached), and the holder's other grants must then be in the same piece
test_holder_definers_also_use_their_key if {
	every _, list in selection.joins {
		every j in list {
			_holder_pair(list, j[0], j[1], j[2])
		}
	}
}

_holder_pair(_, _, space, _) if not space in {"group", "role", "user", "permission-set", "sso-group"}

_holder_pair(_, _, _, "uses")

_holder_pair(list, path, space, "defines") if [path, space, "uses"] in list
