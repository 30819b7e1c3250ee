# METADATA
# title: Policy text unknown at plan time
# description: |
#   The policy text is computed from values known only after apply (after_unknown), so the gate
#   cannot judge it. modelgate fails closed: what it cannot evaluate is a finding, never a pass.
# scope: package
# custom:
#   id: MG-0004
#   long_id: policy_document_unknown
#   severity: HIGH
#   remediation: >-
#     Render the policy text from values known at plan time (literal JSON, jsonencode of constants),
#     or apply the resources it depends on first and gate the follow-up plan.
#   related_resources:
#     - https://developer.hashicorp.com/terraform/internals/json-format
package rules.iam.policy_document_unknown

import data.lib.result
import data.lib.tfplan

deny contains finding if {
	some u in tfplan.unknown
	msg := concat("", [
		"policy text (", u.attr, ") is unknown until apply, so it cannot be checked; ",
		"the gate fails closed",
	])
	finding := result.new(rego.metadata.chain(), u.rc, msg)
}
