# METADATA
# title: Policy Version is not 2012-10-17
# description: |
#   Without "Version": "2012-10-17" IAM evaluates the policy with the 2008-10-17 language, in which
#   policy variables are literal text and newer elements may be rejected.
# scope: package
# custom:
#   id: MG-0002
#   long_id: policy_version_missing
#   severity: MEDIUM
#   remediation: >-
#     Add "Version": "2012-10-17" at the top level of the policy document.
#   related_resources:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
package rules.iam.policy_version_missing

import data.lib.result
import data.lib.tfplan

deny contains finding if {
	some d in tfplan.document_list
	not "Version" in object.keys(d.doc)
	finding := result.new(rego.metadata.chain(), d.rc, "policy has no Version; IAM then applies the 2008-10-17 language")
}

deny contains finding if {
	some d in tfplan.document_list
	"Version" in object.keys(d.doc)
	d.doc.Version != "2012-10-17"
	msg := concat("", ["policy Version is ", json.marshal(d.doc.Version), ", not \"2012-10-17\""])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}
