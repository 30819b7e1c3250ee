# METADATA
# title: Marketplace agreement for a model that is not approved
# description: |
#   An aws_bedrock_foundation_model_agreement subscribes the account to a Marketplace model in advance
#   (CreateFoundationModelAgreement): its callers then need no aws-marketplace:Subscribe permission of their own,
#   so it bypasses the Subscribe scoping MG-0015 and MG-0020 check. The rule reports an agreement the plan creates
#   or changes for a model the config does not approve (for the account its provider configuration names, when
#   the config has an entry for it; otherwise anywhere), or, without a config, for a model no catalog lists; and
#   one whose model ID is unknown until apply (fail closed).
# scope: package
# custom:
#   id: MG-0025
#   long_id: model_agreement_not_approved
#   severity: HIGH
#   remediation: >-
#     Remove the agreement, or approve the model in the config first. Agreements are account-wide and cover every
#     Region.
#   related_resources:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html
package rules.marketplace.model_agreement_not_approved

import data.lib.access.probes
import data.lib.result
import data.lib.tfplan

_agreements := [rc |
	some rc in tfplan.resource_change_list
	rc.type == "aws_bedrock_foundation_model_agreement"
	tfplan.writes(rc)
]

deny contains finding if {
	some rc in _agreements
	m := rc.change.after.model_id
	is_string(m)
	not probes.approved_in(_probe(m), _scope(rc))
	msg := concat("", ["subscribes the account to ", m, " through a Marketplace agreement; ", _why(rc)])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

deny contains finding if {
	some rc in _agreements
	not is_string(object.get(rc.change.after, "model_id", null))
	finding := result.new(rego.metadata.chain(), rc, _unknown_words)
}

_unknown_words := concat("", [
	"subscribes the account to a model unknown until apply through a Marketplace agreement, ",
	"so the gate cannot tell whether it is approved",
])

_probe(m) := probes.invoke("bedrock:invokemodel", _fm_arn(m), "foundation-model", m, true)

_fm_arn(m) := concat("", ["arn:aws:bedrock:us-east-1::foundation-model/", m])

# the approved set of the account the agreement is planned in, else the union (or the catalog without a config)
_scope(rc) := probes.scope(a) if {
	a := tfplan.provider_account(rc)
} else := probes.scope_at(null)

_why(rc) := concat("", ["the config does not approve it for account ", a]) if {
	a := tfplan.provider_account(rc)
	probes.scoped(a)
} else := "the config does not approve it" if {
	probes.with_config
} else := "no catalog lists it"
