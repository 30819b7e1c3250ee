# Part of package lib.tfplan (its METADATA is in tfplan.rego): the resources a targeted plan leaves out.
package lib.tfplan

import data.lib.selection

# prior_only: resources of the declared types (lib.selection) that the prior state holds and no resource change
# names (what `terraform plan -target` leaves out), as unchanged (no-op) resource changes: they stay in AWS as
# they are. Read along module paths only (state_resource_path).
prior_only contains _unchanged(v, "managed") if {
	some v in _prior_unnamed
	object.get(v, "mode", "managed") == "managed"
	selection.types[v.type]
}

# prior_data: data sources of lib.selection's prior_data_types the prior state holds (read while planning) and no
# resource change names (a data source read during apply is a resource change, its values unknown), as unchanged
# resource changes of mode "data"
prior_data contains _unchanged(v, "data") if {
	some v in _prior_unnamed
	v.mode == "data"
	v.type in selection.prior_data_types
}

# the prior state's resources (along module paths) that no resource change names: one walk for both sets (an
# array: stepping through a set of deep values hashes each in the wasm runtime)
_prior_unnamed := [v |
	walk(input.plan.prior_state.values.root_module, [path, v])
	state_resource_path(path)
	is_object(v)
	is_string(v.address)
	not _change_addresses[v.address]
	is_object(v.values)
]

_unchanged(v, mode) := {
	"address": v.address, "mode": mode, "type": v.type, "name": object.get(v, "name", ""),
	"change": {"actions": ["no-op"], "before": v.values, "after": v.values, "after_unknown": {}},
}

_change_addresses contains rc.address if some rc in input.plan.resource_changes
