# METADATA
# title: The gate could not read its input
# description: |
#   The input holds no plan object. modelgate always hands the policy {"plan": <plan>} (HCP Terraform hands it
#   {"plan", "run"}), so a missing plan means the evaluator could not read what it was given: OPA's wasm runtime
#   evaluates JSON it cannot parse as an absent input, and every other rule would then find nothing. The gate
#   reports that instead of passing it.
# scope: package
# custom:
#   id: MG-0024
#   long_id: input_unreadable
#   severity: CRITICAL
#   remediation: >-
#     Gate the unedited output of terraform show -json tfplan (or tofu show -json); if it is one, the input
#     is a bug to report to the project.
#   related_resources:
#     - https://developer.hashicorp.com/terraform/internals/json-format
package rules.iam.input_unreadable

import data.lib.result

deny contains finding if {
	not _has_plan
	msg := "the input holds no plan object, so the policy could not judge it (unreadable or truncated JSON?)"
	finding := result.new(rego.metadata.chain(), {"address": "(input)", "type": "input"}, msg)
}

_has_plan if is_object(input.plan)
