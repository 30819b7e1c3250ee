# METADATA
# title: SCP denies specific models instead of allow-listing
# description: |
#   An SCP that denies invocation on specific model ARNs (a deny-list) leaves every model released
#   later open, and needs maintenance with each release. An allow-list (Deny with NotResource listing
#   the approved models and their profiles) fails closed. A deny-list still blocks what it names, so
#   this is advisory (LOW): the default --fail-on medium passes it; use --fail-on low to enforce it.
# scope: package
# custom:
#   id: MG-0006
#   long_id: scp_model_denylist
#   severity: LOW
#   remediation: >-
#     Deny bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream with NotResource listing the
#     approved foundation-model and inference-profile ARNs (modelgate synth builds it from the config).
#   related_resources:
#     - https://aws.amazon.com/blogs/security/simplified-amazon-bedrock-model-access/
#     - https://aws.amazon.com/blogs/security/unlock-new-possibilities-aws-organizations-service-control-policy-now-supports-full-iam-language/
package rules.organizations.scp_model_denylist

import data.lib.iam
import data.lib.result
import data.lib.tfplan

deny contains finding if {
	some d in tfplan.scp_documents
	some i, s in iam.statements(d.doc)
	iam.denies(s)
	iam.covers_invoke(s)
	denied := [arn |
		some arn in iam.resources(s)
		ref := tfplan.model_ref(arn)
		ref.model != "*"
	]
	count(denied) > 0
	msg := concat("", [
		tfplan.statement_label(s, i), " denies invoking specific models (", concat(", ", denied),
		"); models released later stay open",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}
