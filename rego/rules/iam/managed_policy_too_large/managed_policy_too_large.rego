# METADATA
# title: Managed policy over 6,144 characters
# description: |
#   IAM rejects a customer managed policy longer than 6,144 characters, not counting whitespace.
# scope: package
# custom:
#   id: MG-0017
#   long_id: managed_policy_too_large
#   severity: HIGH
#   remediation: >-
#     Shorten the policy (prefix patterns, fewer statements) or split it over several managed policies
#     (10 per role by default).
#   related_resources:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
package rules.iam.managed_policy_too_large

import data.lib.result
import data.lib.tfplan

_limit := 6144

_non_whitespace(text) := count(replace(replace(replace(replace(text, " ", ""), "\n", ""), "\t", ""), "\r", ""))

deny contains finding if {
	some p in tfplan.policy_list
	p.kind == "managed"
	n := _non_whitespace(p.text)
	n > _limit
	msg := concat("", ["managed policy is ", format_int(n, 10), " characters without whitespace; the limit is 6144"])
	finding := result.new(rego.metadata.chain(), p.rc, msg)
}
