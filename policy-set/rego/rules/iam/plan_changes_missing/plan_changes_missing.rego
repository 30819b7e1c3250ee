# METADATA
# title: Plan lists resources but no resource changes
# description: |
#   The plan's planned_values hold resources but it has no resource_changes, the only part of a plan that
#   says what is created, updated or deleted (terraform show -json always writes one entry per resource,
#   no-ops included). Nothing in such a plan can be judged, so the gate reports it instead of passing it.
# scope: package
# custom:
#   id: MG-0023
#   long_id: plan_changes_missing
#   severity: HIGH
#   remediation: >-
#     Gate the unedited output of terraform show -json tfplan (or tofu show -json); do not strip
#     resource_changes from it.
#   related_resources:
#     - https://developer.hashicorp.com/terraform/internals/json-format
package rules.iam.plan_changes_missing

import data.lib.result

deny contains finding if {
	not _has_changes
	n := count(_planned)
	n > 0
	msg := concat("", [
		"planned_values lists ", format_int(n, 10),
		" resource(s) but the plan has no resource_changes, so none of them can be judged",
	])
	finding := result.new(rego.metadata.chain(), {"address": "(plan)", "type": "plan"}, msg)
}

# any resource change at all, of any type (lib.tfplan keeps only the types the gate reads)
_has_changes if {
	some rc in input.plan.resource_changes
	is_object(rc)
}

_planned contains r.address if {
	walk(input.plan.planned_values, [path, r])
	count(path) >= 2
	path[count(path) - 2] == "resources"
	is_string(r.address)
}
