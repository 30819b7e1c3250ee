# METADATA
# title: Allow-list SCP exempts a model the config does not approve
# description: |
#   When a modelgate config is given (data.modelgate.approved), a target's allow-list (the SCPs on it, judged
#   together) lets through an invoke request the config does not approve for that target: an exemption for a
#   model or an inference-profile geography outside the target's own config entry (a root, OU or account the
#   config lists; a target it does not list is judged by the nearest listed ancestor the plan shows, else by the
#   union of every target), a wildcard (foundation-model/*, amazon.*, imported-model/*), or a resource kind no
#   approval covers. A request an SCP level above the target still denies (as far as the plan shows its path)
#   is not reported. Every NotResource pattern is tested as a concrete request with its wildcards filled in.
#   An SCP the plan attaches to no target is judged alone, against the union. A condition on aws:PrincipalArn that exempts a
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
	key := org.scope_key(t)
	leaks := _reported(org.exemptions_on(t, key))
	count(leaks) > 0
	some a in org.attached_after
	a.target == t
	msg := concat("", ["the SCPs on target ", t, " let through ", access.summary(leaks), "; the config does not approve it", _for(t, key)])
	finding := result.new(rego.metadata.chain(), a.rc, msg)
}

deny contains finding if {
	some rc in org.scp_rc_list
	org.unattached(rc)
	leaks := _reported(org.exemptions(org.after_stmts(rc), null))
	count(leaks) > 0
	msg := concat("", ["the SCP lets through ", access.summary(leaks), "; the config does not approve it"])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

# the exemptions a finding reports: all but those only a principal witness of one named principal shows
_reported(ps) := {p |
	some p in ps
	not object.get(p, "narrow", false)
}

# which approved set judged the target: its own config entry, an ancestor's, or (no words) the union
_for(t, key) := concat("", [" for ", t]) if key == t

_for(t, key) := concat("", [" for ", t, " (judged by the config's entry for ", key, ", above it)"]) if {
	is_string(key)
	key != t
}

_for(_, null) := ""
