# METADATA
# title: Bedrock ARN with the wrong account segment
# description: |
#   Inference-profile, application-inference-profile, provisioned-model, custom-model, imported-model
#   and prompt-router ARNs always carry an account ID, so a pattern with an empty account segment
#   (e.g. "arn:aws:bedrock:*::inference-profile/...") never matches. Foundation-model ARNs never carry
#   one, so a pattern with a concrete account never matches either.
# scope: package
# custom:
#   id: MG-0005
#   long_id: arn_account_segment
#   severity: HIGH
#   remediation: >-
#     Put "*" or the 12-digit account ID in the account segment of account-scoped Bedrock ARNs, and leave
#     it empty (or "*") in foundation-model ARNs.
#   related_resources:
#     - https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html
package rules.bedrock.arn_account_segment

import data.lib.iam
import data.lib.result
import data.lib.tfplan

_account_scoped := {
	"inference-profile",
	"application-inference-profile",
	"provisioned-model",
	"custom-model",
	"custom-model-deployment",
	"imported-model",
	"prompt-router",
	"default-prompt-router",
}

# every bedrock ARN pattern of every document, parsed once for both rules: [document, pattern, parse_arn]
_bedrock_arns := [[d, arn, a] |
	some d in tfplan.document_list
	some arn in iam.resource_patterns(d.doc)
	a := iam.parse_arn(arn)
	a.service == "bedrock"
]

deny contains finding if {
	some [d, arn, a] in _bedrock_arns
	a.type in _account_scoped
	a.account == ""
	msg := concat("", [a.type, " ARN ", arn, " has an empty account segment, so it never matches"])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

deny contains finding if {
	some [d, arn, a] in _bedrock_arns
	a.type == "foundation-model"
	not a.account in {"", "*"}
	msg := concat("", [
		"foundation-model ARN ", arn, " has account segment \"", a.account,
		"\"; foundation-model ARNs have none, so it never matches",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}
