# METADATA
# title: Identity policy allows a model that is not approved
# description: |
#   When a modelgate config is given (data.modelgate.approved), every model an identity policy allows
#   invoking must be approved. A pattern such as amazon.nova-* counts every catalog model it matches.
# scope: package
# custom:
#   id: MG-0010
#   long_id: model_not_approved
#   severity: HIGH
#   remediation: >-
#     Allow only the approved models' foundation-model and inference-profile ARNs (use exact IDs
#     unless every model a pattern matches is approved), or approve the model in the config.
#   related_resources:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples.html
package rules.bedrock.model_not_approved

import data.lib.catalog
import data.lib.iam
import data.lib.result
import data.lib.tfplan

# the IDs a model reference names that are not approved
_unapproved(model) := {id |
	some id in catalog.matching(model)
	not catalog.is_approved(id)
} if {
	iam.has_wildcard(model)
}

_unapproved(model) := {model} if {
	not iam.has_wildcard(model)
	not catalog.is_approved(model)
}

deny contains finding if {
	catalog.approved != null
	some d in tfplan.identity_documents
	some s in iam.statements(d.doc)
	iam.allows(s)
	iam.covers_invoke(s)
	some arn in iam.resources(s)
	ref := iam.model_ref(arn)
	bad := _unapproved(ref.model)
	count(bad) > 0
	msg := concat("", ["allows invoking ", arn, ", which covers models that are not approved: ", concat(", ", sort(bad))])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}
