# METADATA
# title: SCP over 5,120 characters
# description: |
#   AWS Organizations rejects a service control policy longer than 5,120 characters, counted as sent:
#   Terraform sends the content string verbatim, whitespace included.
# scope: package
# custom:
#   id: MG-0016
#   long_id: scp_too_large
#   severity: HIGH
#   remediation: >-
#     Send the policy minified (jsonencode or minified_json), shorten it with prefix patterns, or split it
#     over several SCPs (at most 5 per target).
#   related_resources:
#     - https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
package rules.organizations.scp_too_large

import data.lib.result
import data.lib.tfplan

_limit := 5120

deny contains finding if {
	some p in tfplan.policy_list
	p.kind == "scp"
	n := count(p.text)
	n > _limit
	msg := concat("", ["SCP content is ", format_int(n, 10), " characters; the limit is 5120 as sent"])
	finding := result.new(rego.metadata.chain(), p.rc, msg)
}
