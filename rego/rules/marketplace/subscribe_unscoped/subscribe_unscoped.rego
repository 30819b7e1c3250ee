# METADATA
# title: Marketplace Subscribe allowed without Bedrock scoping
# description: |
#   aws-marketplace:Subscribe is allowed for a request that Bedrock's first-call subscription never makes: one
#   called directly (aws:CalledViaLast absent), one for a product ID no catalog lists, or one without an
#   aws-marketplace:ProductId at all (a ForAllValues: operator is true when the key is absent; a Null
#   condition only requires the key to be present). Subscribe has no resource types, so a statement whose
#   Resource names only other ARNs grants none of it.
# scope: package
# custom:
#   id: MG-0015
#   long_id: subscribe_unscoped
#   severity: HIGH
#   remediation: >-
#     Give Subscribe its own statement with "StringEquals" {"aws:CalledViaLast" "bedrock.amazonaws.com"}
#     and "ForAnyValue:StringEquals" on aws-marketplace:ProductId listing the approved models' product IDs.
#   related_resources:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
package rules.marketplace.subscribe_unscoped

import data.lib.access
import data.lib.access.identity
import data.lib.result

deny contains finding if {
	some u in identity.unit_list
	v := access.subscribe_leaks[u.stmts]
	msg := concat("", [v.summary, " is allowed via ", u.via, identity.principal_words(u.rc)])
	finding := result.new(rego.metadata.chain(), u.rc, msg)
}
