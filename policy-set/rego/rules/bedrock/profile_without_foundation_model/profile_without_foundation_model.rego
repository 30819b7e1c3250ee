# METADATA
# title: Inference profile allowed without its foundation model
# description: |
#   Cross-Region inference checks the profile ARN and the foundation-model ARN of the model in every
#   destination Region; global profiles also check the Region-less foundation-model ARN. A policy
#   that allows a profile but not its foundation model makes every profile call fail.
# scope: package
# custom:
#   id: MG-0007
#   long_id: profile_without_foundation_model
#   severity: HIGH
#   remediation: >-
#     Allow the same invoke actions on arn:aws:bedrock:*::foundation-model/MODEL next to every
#     inference-profile ARN ("*" in the Region also matches the empty Region that global profiles check).
#   related_resources:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html
package rules.bedrock.profile_without_foundation_model

import data.lib.iam
import data.lib.result
import data.lib.tfplan

# a concrete Region for the sample foundation-model ARN
_region(r) := "us-east-1" if iam.has_wildcard(r)

_region("") := "us-east-1"

_region(r) := r if {
	r != ""
	not iam.has_wildcard(r)
}

_fm(region, model) := concat("", ["arn:aws:bedrock:", region, "::foundation-model/", model])

_fm_allowed(doc, a, arn) if {
	some t in iam.statements(doc)
	iam.allows(t)
	iam.covers_action(t, a)
	iam.covers_resource(t, arn)
}

_global(ref) if ref.prefix == "global"

_global(ref) if iam.has_wildcard(ref.prefix)

deny contains finding if {
	some d in tfplan.documents
	some s in iam.statements(d.doc)
	iam.allows(s)
	some a in iam.invoke_actions
	iam.covers_action(s, a)
	some arn in iam.resources(s)
	ref := iam.model_ref(arn)
	ref.type == "inference-profile"
	fm := _fm(_region(ref.region), ref.model)
	not _fm_allowed(d.doc, a, fm)
	msg := concat("", [
		"allows ", a, " on inference profile ", arn, " but not on foundation-model/", ref.model,
		", which every profile call also checks; the calls fail",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

deny contains finding if {
	some d in tfplan.documents
	some s in iam.statements(d.doc)
	iam.allows(s)
	some a in iam.invoke_actions
	iam.covers_action(s, a)
	some arn in iam.resources(s)
	ref := iam.model_ref(arn)
	ref.type == "inference-profile"
	_global(ref)
	_fm_allowed(d.doc, a, _fm(_region(ref.region), ref.model))
	fm := _fm("", ref.model)
	not _fm_allowed(d.doc, a, fm)
	msg := concat("", [
		"allows ", a, " on inference profile ", arn, ", which includes global profiles, but not on the Region-less ",
		fm, " that global cross-Region inference also checks",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}
