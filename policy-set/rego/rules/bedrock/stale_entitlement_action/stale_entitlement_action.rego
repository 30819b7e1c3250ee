# METADATA
# title: Retired PutFoundationModelEntitlement action
# description: |
#   bedrock:PutFoundationModelEntitlement governed the old model-access page; since October 2025
#   serverless models are enabled by default and the action has no effect on model access.
# scope: package
# custom:
#   id: MG-0013
#   long_id: stale_entitlement_action
#   severity: LOW
#   remediation: >-
#     Remove the action; control model access with a Deny on bedrock:InvokeModel and
#     bedrock:InvokeModelWithResponseStream outside an allow-list of model ARNs.
#   related_resources:
#     - https://aws.amazon.com/blogs/security/simplified-amazon-bedrock-model-access/
package rules.bedrock.stale_entitlement_action

import data.lib.iam
import data.lib.result
import data.lib.tfplan

deny contains finding if {
	some d in tfplan.document_list
	some i, s in iam.statements(d.doc)
	some entry in iam.action_entries(s)
	lower(entry) == "bedrock:putfoundationmodelentitlement"
	msg := concat("", [tfplan.statement_label(s, i), " names ", entry, ", which has had no effect on model access since October 2025"])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}
