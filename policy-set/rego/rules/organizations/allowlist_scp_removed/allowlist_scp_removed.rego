# METADATA
# title: Organization guardrail removed or weakened
# description: |
#   After the plan, a target's service control policies deny fewer unapproved requests than before —
#   whatever the syntax: the allow-list SCP deleted, detached or replaced by a weaker one, a Condition added to
#   its Deny (exempting every role, or applying in one Region only), NotAction in place of Action, an invoke
#   action dropped, its exemptions widened (foundation-model/*, imported-model/*, a model not approved), an
#   account or OU moved to a parent whose SCPs deny less, an account removed from the organization (with a
#   config, the allow-lists it places on the root, OUs and accounts count where the plan does not show them, and
#   a parent that neither the config nor the plan places restricts nothing; with a config, an account created on a
#   path whose allow-lists let through what the config does not approve there, the root included), the
#   SCP policy type disabled (which detaches every SCP), or the organization replaced or set to consolidated
#   billing only. A target's SCPs are judged together, so moving an
#   attachment to an identical allow-list, or splitting an allow-list into a pair, is not a weakening.
#   An allow-list made of Allow statements (AWS's allow list strategy: what no Allow on a level names is
#   denied) is weakened by any Allow attached beside it on the same level, FullAWSAccess (p-FullAWSAccess)
#   included; attaching there an SCP whose content the plan does not show is reported too (fail closed).
#   Requests the config approves for the target (its own entry, else the nearest listed ancestor's on its path,
#   else the union; an account that moves is judged by its own entry or where the config placed it), or without
#   a config requests for catalog models, do not count: so giving a target another target's wider list, or an
#   inference-profile geography its entry does not approve, is a weakening.
# scope: package
# custom:
#   id: MG-0018
#   long_id: allowlist_scp_removed
#   severity: HIGH
#   remediation: >-
#     Keep every target's allow-list at least as strict as before: create the replacement allow-list and
#     attach it before detaching the old one (create_before_destroy), keep Conditions off the invoke Deny
#     except a narrowly named break-glass principal, and move accounts only between OUs with the same SCPs.
#   related_resources:
#     - https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_attach.html
#     - https://docs.aws.amazon.com/organizations/latest/userguide/disable-policy-type.html
package rules.organizations.allowlist_scp_removed

import data.lib.access
import data.lib.access.org
import data.lib.result

deny contains finding if {
	some t, w in org.weakened_targets
	some rc in org.culprits(t)
	msg := concat("", ["target ", t, " is weaker after this change: ", access.summary(w), " was denied by its SCPs and no longer is"])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

deny contains finding if {
	some addr, w in org.weakened_policies
	some rc in org.scp_rc_list
	rc.address == addr
	msg := concat("", [
		"the SCP is weaker after this change: ", access.summary(w),
		" was denied by it and no longer is (its targets are not in this plan)",
	])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

deny contains finding if {
	some d in org.opaque_detached
	msg := concat("", [
		"detaches SCP ", d.policy_id, " from ", d.target, "; the plan does not show that policy's content, ",
		"so the gate cannot tell whether it was the model allow-list",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

deny contains finding if {
	some d in org.opaque_attached
	msg := concat("", [
		"attaches SCP ", d.policy_id, " to ", d.target, ", whose SCPs allow-list by Allow statements (implicit deny); ",
		"the plan does not show that policy's content, and an Allow in it would widen what the target allows",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

deny contains finding if {
	some d in org.opaque_target
	msg := concat("", [
		"attaches SCP ", d.policy, " to a target unknown until apply that the configuration does not name; ",
		"an Allow in this SCP would widen that target if it allow-lists by Allow statements (implicit deny), ",
		"and the gate cannot tell which target it is",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

deny contains finding if {
	some m in org.moved
	msg := concat("", [
		"moves ", m.id, " from ", m.from, " to ", _to(m.to),
		": ", access.summary(m.probes), " was denied by the SCPs on its old path and is not on the new one",
	])
	finding := result.new(rego.metadata.chain(), m.rc, msg)
}

deny contains finding if {
	some m in org.moved_beyond_entry
	msg := concat("", [
		"moves ", m.id, " to ", _to(m.to), ": the SCPs on its new path let through ", access.summary(m.probes),
		", which the config does not approve for ", m.id, " (its old path's SCPs are not in this plan)",
	])
	finding := result.new(rego.metadata.chain(), m.rc, msg)
}

deny contains finding if {
	some m in org.left
	msg := concat("", [
		"removes account ", m.id, " from the organization: ", access.summary(m.probes),
		" was denied by the SCPs on its path and no SCP applies to it any more",
	])
	finding := result.new(rego.metadata.chain(), m.rc, msg)
}

deny contains finding if {
	some m in org.moved_off_layout
	m.old_unplaced == null
	msg := concat("", [
		"moves ", m.id, " from ", m.from, " to ", _to(m.to), ": ", access.summary(m.probes),
		" was denied by the SCPs on its old path and is not on the new one (the config's layout supplies the allow-lists",
		" this plan does not show", _unplaced_words(m.unplaced), ")",
	])
	finding := result.new(rego.metadata.chain(), m.rc, msg)
}

deny contains finding if {
	some m in org.moved_off_layout
	is_string(m.old_unplaced)
	msg := concat("", [
		"moves ", m.id, " from ", m.from, " to ", _to(m.to), ": neither the config nor this plan shows the SCPs of ", m.from,
		" or the OUs above it, so what restricted it there is unknown, and its new path (as the config and this plan show it) lets through ",
		access.summary(m.probes), ", which the config does not approve for it",
	])
	finding := result.new(rego.metadata.chain(), m.rc, msg)
}

deny contains finding if {
	some m in org.left_off_layout
	msg := concat("", [
		"removes account ", m.id, " from the organization: ", access.summary(m.probes), _left_words(m.old_unplaced),
		" and no SCP applies to it any more",
	])
	finding := result.new(rego.metadata.chain(), m.rc, msg)
}

deny contains finding if {
	some m in org.arrived_off_layout
	msg := concat("", [
		"creates an account under ", _to(m.to), ": the SCPs on its path (as the config and this plan show them) let through ",
		access.summary(m.probes), ", which the config does not approve there", _unplaced_words(m.unplaced),
	])
	finding := result.new(rego.metadata.chain(), m.rc, msg)
}

deny contains finding if {
	some d in org.scp_disabled
	msg := concat("", [d.how, ": every SCP is detached from every root, OU and account, and re-enabling the type does not restore them"])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

_left_words(null) := " was denied by the SCPs on its path (the config's layout supplies the allow-lists this plan does not show)"

_left_words(from) := words if {
	is_string(from)
	words := concat("", [
		" may have been denied where it was (neither the config nor this plan shows the SCPs of ", from,
		" or the OUs above it)",
	])
}

_unplaced_words(null) := ""

_unplaced_words(n) := concat("", ["; neither the config nor this plan places ", n, ", so no SCP above it is assumed"]) if is_string(n)

_to(null) := "a parent unknown until apply"

_to(t) := t if is_string(t)
