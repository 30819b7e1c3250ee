# METADATA
# title: Allow-list SCP exempts a model the config does not approve
# description: |
#   When a modelgate config is given (data.modelgate.approved), a target's allow-list (the SCPs on it, judged
#   together) lets through an invoke request for a model the config approves nowhere: an exemption for an
#   unapproved catalog model, a wildcard (foundation-model/*, amazon.*, imported-model/*), or a resource kind
#   no approval covers. Every NotResource pattern is tested as a concrete request with its wildcards filled in.
#   An SCP the plan attaches to no target is judged alone. A condition on aws:PrincipalArn that exempts a
#   family of principals (role/*, role/admin*, every AWSReservedSSO_* role, role/a* ... role/y*) is such an
#   exemption for each of them; one that names a single principal (a break-glass role, in any account) is not
#   reported here (MG-0018 reports adding it to an allow-list that did not have it).
# scope: package
# custom:
#   id: MG-0022
#   requires_config: true
#   long_id: scp_exempts_unapproved
#   severity: HIGH
#   remediation: >-
#     Exempt only the approved models' foundation-model and inference-profile ARNs (exact IDs) from the invoke
#     Deny, or approve the model in the config and render the SCP with modelgate synth.
#   related_resources:
#     - https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_bedrock.html
package rules.organizations.scp_exempts_unapproved

import data.lib.access
import data.lib.access.org
import data.lib.result

deny contains finding if {
	some t in org.targets_after
	leaks := _reported(org.exemptions(org.target_stmts(t, "after")))
	count(leaks) > 0
	some a in org.attached_after
	a.target == t
	msg := concat("", ["the SCPs on target ", t, " let through ", access.summary(leaks), "; the config does not approve it"])
	finding := result.new(rego.metadata.chain(), a.rc, msg)
}

deny contains finding if {
	some rc in org.scp_rcs
	org.unattached(rc)
	leaks := _reported(org.exemptions(org.after_stmts(rc)))
	count(leaks) > 0
	msg := concat("", ["the SCP lets through ", access.summary(leaks), "; the config does not approve it"])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

# the exemptions a finding reports: all but those only a principal witness of one named principal shows
_reported(ps) := {p |
	some p in ps
	not object.get(p, "narrow", false)
}
