# METADATA
# title: Policy text unknown at plan time
# description: |
#   The policy text of a written policy-bearing resource cannot be judged: it is computed from values
#   known only after apply (after_unknown), or it is missing, null or not a string in the planned
#   values. modelgate fails closed: what it cannot evaluate is a finding, never a pass.
# scope: package
# custom:
#   id: MG-0004
#   long_id: policy_document_unknown
#   severity: HIGH
#   remediation: >-
#     Render the policy text from values known at plan time (literal JSON, jsonencode of constants),
#     or apply the resources it depends on first and gate the follow-up plan. Text that is missing, null
#     or not a string means the plan JSON was not produced by terraform show -json: regenerate it.
#   related_resources:
#     - https://developer.hashicorp.com/terraform/internals/json-format
package rules.iam.policy_document_unknown

import data.lib.result
import data.lib.tfplan

deny contains finding if {
	some u in tfplan.unknown
	msg := concat("", ["policy text (", u.attr, ") ", _why(u.found), ", so it cannot be checked; the gate fails closed"])
	finding := result.new(rego.metadata.chain(), u.rc, msg)
}

_why("unknown") := "is unknown until apply"

_why("missing") := "is missing from the planned values"

_why("null") := "is null in the planned values"

_why(found) := concat("", ["is a JSON ", found, ", not a string"]) if not found in {"unknown", "missing", "null"}
