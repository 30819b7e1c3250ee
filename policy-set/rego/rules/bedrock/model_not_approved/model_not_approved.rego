# METADATA
# title: Identity policy allows a model that is not approved
# description: |
#   When a modelgate config is given (data.modelgate.approved), some principal can invoke a model the config
#   does not approve. Every ARN pattern and bedrock-mantle:Model value in the policy is tested as a concrete
#   request with its wildcards filled in, so amazon.nova-* is reported unless the config approves that literal
#   pattern (a wildcard admits models released later), and an inference profile only in an approved geography.
#   A policy planned in an account the config has an entry for (its provider configuration names the account by
#   allowed_account_ids or assume_role) is judged by that account's own models and geographies; otherwise by the
#   union of every target. Reported only where MG-0009 (every model) is not.
# scope: package
# custom:
#   id: MG-0010
#   requires_config: true
#   long_id: model_not_approved
#   severity: HIGH
#   remediation: >-
#     Allow only the approved models' foundation-model and inference-profile ARNs (exact IDs, not patterns),
#     or approve the model in the config.
#   related_resources:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples.html
package rules.bedrock.model_not_approved

import data.lib.access
import data.lib.access.identity
import data.lib.access.probes
import data.lib.result

deny contains finding if {
	probes.with_config
	some u in identity.unit_list
	not access.every_model_leaks[u.stmts]
	some [v, words] in access.unit_witness_verdicts(u)
	msg := concat("", [
		v.summary, " is allowed via ", u.via, identity.principal_words(u.rc),
		"; the config does not approve it", words,
	])
	finding := result.new(rego.metadata.chain(), u.rc, msg)
}
