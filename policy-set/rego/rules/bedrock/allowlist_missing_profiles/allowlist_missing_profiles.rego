# METADATA
# title: Allow-list exempts a model but not its inference profiles
# description: |
#   A Deny on the invoke actions with NotResource (an allow-list) that exempts foundation-model/MODEL
#   but none of MODEL's inference profiles still denies every cross-Region (profile) call, and makes
#   profile-only models unusable. The profiles come from the catalog's profilePrefixes. Exempting
#   only some of a model's geographies is a deliberate restriction and is not reported.
# scope: package
# custom:
#   id: MG-0008
#   long_id: allowlist_missing_profiles
#   severity: HIGH
#   remediation: >-
#     Add arn:aws:bedrock:*:*:inference-profile/*.MODEL (or one entry per approved geography prefix)
#     to the NotResource list next to each foundation-model exemption.
#   related_resources:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html
#     - https://aws.amazon.com/blogs/security/simplified-amazon-bedrock-model-access/
package rules.bedrock.allowlist_missing_profiles

import data.lib.catalog
import data.lib.iam
import data.lib.result
import data.lib.tfplan

# a source Region per geography, for the sample profile ARN
_regions := {
	"us": "us-east-1", "eu": "eu-west-1", "apac": "ap-southeast-1", "jp": "ap-northeast-1",
	"au": "ap-southeast-2", "ca": "ca-central-1", "in": "ap-south-1", "global": "us-east-1",
	"us-gov": "us-gov-west-1",
}

_profile_arn(prefix, model) := concat("", [
	"arn:aws:bedrock:", object.get(_regions, prefix, "us-east-1"), ":111122223333:inference-profile/",
	prefix, ".", model,
])

deny contains finding if {
	some d in tfplan.documents
	some s in iam.statements(d.doc)
	iam.denies(s)
	s.NotResource
	iam.covers_invoke(s)
	some exempt in iam.not_resources(s)
	ref := iam.model_ref(exempt)
	ref.type == "foundation-model"
	some model in catalog.matching(ref.model)
	missing := [concat("", [prefix, "."]) |
		some prefix in catalog.profile_prefixes(model)
		not iam.covers_resource({"Resource": iam.not_resources(s)}, _profile_arn(prefix, model))
	]
	count(missing) > 0

	# some but not all geographies exempted: a deliberate geography restriction, not a forgotten profile
	count(missing) == count(catalog.profile_prefixes(model))
	msg := concat("", [
		"exempts ", exempt, " from the invoke deny but not the inference profiles ", concat(", ", missing),
		" of ", model, ", so cross-Region calls to it stay denied",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}
