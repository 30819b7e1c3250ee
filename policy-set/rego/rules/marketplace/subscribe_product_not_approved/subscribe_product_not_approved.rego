# METADATA
# title: Marketplace Subscribe allowed for a product that is not approved
# description: |
#   When a modelgate config is given (data.modelgate.approved), an identity policy allows
#   aws-marketplace:Subscribe through Bedrock for an aws-marketplace:ProductId value it names that the config
#   does not approve (for the account the policy is planned in, when its provider configuration names one the
#   config has an entry for; otherwise anywhere). Each value is tested as a concrete request (wildcards filled
#   in). Without a config, MG-0015 covers Subscribe scoping.
# scope: package
# custom:
#   id: MG-0020
#   requires_config: true
#   long_id: subscribe_product_not_approved
#   severity: HIGH
#   remediation: >-
#     List only the approved models' product IDs (exact values, no patterns) in the aws-marketplace:ProductId
#     condition of the Subscribe statement, or approve the model in the config.
#   related_resources:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html
package rules.marketplace.subscribe_product_not_approved

import data.lib.access
import data.lib.access.identity
import data.lib.access.probes
import data.lib.result

deny contains finding if {
	probes.with_config
	some u in identity.unit_list
	some [v, words] in access.unit_subscribe_witness_verdicts(u)
	msg := concat("", [
		v.summary, " is allowed via ", u.via, identity.principal_words(u.rc),
		"; the config does not approve that product", words,
	])
	finding := result.new(rego.metadata.chain(), u.rc, msg)
}
