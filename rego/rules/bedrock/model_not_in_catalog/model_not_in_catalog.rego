# METADATA
# title: Model ID not in the catalog
# description: |
#   A foundation-model or inference-profile ARN names a model ID (or an ID pattern that matches no
#   model) that the reviewed catalog does not know: a typo, a retired model or a model newer than the
#   catalog snapshot. Only statements that cover a request the gate judges (inference, Marketplace Subscribe,
#   API keys) are read: a customization or evaluation job's base model may be a variant no catalog lists
#   (amazon.nova-lite-v1:0:300k). The Resource of a Deny is not read: a Deny can only take access away (one that
#   names a retired model denies nothing that still runs, and the access rules judge what a Deny fails to deny).
# scope: package
# custom:
#   id: MG-0011
#   long_id: model_not_in_catalog
#   severity: MEDIUM
#   remediation: >-
#     Check the model ID against ListFoundationModels / the catalog (modelgate list-models); fix the typo
#     or refresh the catalog snapshot.
#   related_resources:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html
package rules.bedrock.model_not_in_catalog

import data.lib.access.probes
import data.lib.catalog
import data.lib.iam
import data.lib.result
import data.lib.tfplan

deny contains finding if {
	catalog.has_catalog
	some d in tfplan.document_list
	some arn in _patterns(d.doc)
	ref := tfplan.model_ref(arn)
	not iam.has_wildcard(ref.model)
	not catalog.known(ref.model)
	msg := concat("", [arn, " names model ", ref.model, ", which is not in the catalog (snapshot ", catalog.snapshot_date, ")"])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

deny contains finding if {
	catalog.has_catalog
	some d in tfplan.document_list
	some arn in _patterns(d.doc)
	ref := tfplan.model_ref(arn)
	iam.has_wildcard(ref.model)
	count(catalog.matching(ref.model)) == 0
	msg := concat("", [arn, " matches no model in the catalog (snapshot ", catalog.snapshot_date, ")"])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

# the ARN patterns of the document's statements but a Deny's Resource (its NotResource, an allow-list's
# exemptions, is read)
_patterns(doc) := {r |
	some s in iam.statements(doc)
	_judged(s)
	some r in array.concat(_allow_resources(s), _strings(object.get(s, "NotResource", [])))
}

# a statement that covers a request the gate judges (inference, Marketplace Subscribe, API keys): one that only
# customizes, evaluates or describes models names IDs the catalog need not list (fp19: the context-length
# variants a customization job takes as its base model, amazon.nova-lite-v1:0:300k)
_judged(s) if {
	some a, _ in probes.action_names
	iam.covers_action(s, a)
}

_allow_resources(s) := [] if s.Effect == "Deny"

else := _strings(object.get(s, "Resource", []))

_strings(x) := [v |
	some v in iam.as_array(x)
	is_string(v)
]
