# METADATA
# title: Model allow-list SCP deleted, detached or weakened
# description: |
#   The plan deletes the SCP that allow-lists models (a Deny on the invoke actions with NotResource),
#   detaches it from a target (deleting its attachment, or replacing the attachment with one to another
#   policy or target, or to one unknown until apply), or changes it so that it no longer allow-lists:
#   every model becomes invocable in the affected accounts. Attachments are matched to policies by ID
#   through the plan's resource changes and prior state; detaching a policy the plan does not describe is
#   not reported.
# scope: package
# custom:
#   id: MG-0018
#   long_id: allowlist_scp_removed
#   severity: HIGH
#   remediation: >-
#     Keep the allow-list SCP attached; replace it with a new allow-list before removing the old one,
#     and use create_before_destroy for replacements.
#   related_resources:
#     - https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_attach.html
package rules.organizations.allowlist_scp_removed

import data.lib.iam
import data.lib.result
import data.lib.tfplan

_allowlist_text(text) if {
	is_string(text)
	tfplan.strict_json(text)
	doc := json.unmarshal(text)
	is_object(doc)
	iam.is_allowlist(doc)
}

# IDs of allow-list SCPs known to the plan
_allowlist_ids contains v.id if {
	some rc in tfplan.resource_changes
	rc.type == "aws_organizations_policy"
	some v in [rc.change.before, rc.change.after]
	is_object(v)
	_allowlist_text(v.content)
}

_allowlist_ids contains v.values.id if {
	walk(input.plan.prior_state.values.root_module, [_, v])
	is_object(v)
	v.type == "aws_organizations_policy"
	_allowlist_text(v.values.content)
}

_name(v) := concat("", ["\"", v.name, "\""]) if is_string(object.get(v, "name", null))

_name(v) := "(unnamed)" if not is_string(object.get(v, "name", null))

deny contains finding if {
	some rc in tfplan.resource_changes
	rc.type == "aws_organizations_policy"
	tfplan.removes(rc)
	_allowlist_text(rc.change.before.content)
	not rc.change.before.skip_destroy == true
	msg := concat("", ["deletes the model allow-list SCP ", _name(rc.change.before), "; every model becomes invocable where it was attached"])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

deny contains finding if {
	some rc in tfplan.resource_changes
	rc.type == "aws_organizations_policy"
	tfplan.writes(rc)
	_allowlist_text(rc.change.before.content)
	is_string(rc.change.after.content)
	not _allowlist_text(rc.change.after.content)
	msg := concat("", [
		"changes the model allow-list SCP ", _name(rc.change.before),
		" so that it no longer denies invocation outside an allow-list",
	])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

deny contains finding if {
	some rc in tfplan.resource_changes
	rc.type == "aws_organizations_policy_attachment"
	tfplan.removes(rc)
	before := rc.change.before
	before.policy_id in _allowlist_ids
	not before.skip_destroy == true
	msg := concat("", ["detaches the model allow-list SCP ", before.policy_id, " from ", _target(before)])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

# a replace (policy_id and target_id are ForceNew) or update of an attachment of an allow-list SCP that moves it
# to another policy or target detaches the allow-list from the old target
deny contains finding if {
	some rc in tfplan.resource_changes
	before := _rewritten_allowlist_attachment(rc)
	some key in ["policy_id", "target_id"]
	_known_after(rc, key) != object.get(before, key, null)
	msg := concat("", [
		_verb(rc), " ", rc.address, ", which detaches the model allow-list SCP ", before.policy_id, " from ",
		_target(before), " (the new attachment is ", _shown_after(rc, "policy_id"), " on ",
		_shown_after(rc, "target_id"), ")",
	])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

# fail closed: the new policy or target is computed during apply
deny contains finding if {
	some rc in tfplan.resource_changes
	before := _rewritten_allowlist_attachment(rc)
	unknown := [key | some key in ["policy_id", "target_id"]; not _known_after(rc, key)]
	count(unknown) > 0
	msg := concat("", [
		_verb(rc), " ", rc.address, ", which attaches the model allow-list SCP ", before.policy_id, " to ",
		_target(before), "; the new ", concat(" and ", unknown),
		" cannot be known before apply, so the gate cannot tell whether the allow-list stays attached",
	])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

# before of an attachment of an allow-list SCP that the plan replaces or updates
_rewritten_allowlist_attachment(rc) := before if {
	rc.type == "aws_organizations_policy_attachment"
	tfplan.writes(rc)
	before := rc.change.before
	is_object(before)
	before.policy_id in _allowlist_ids
	not before.skip_destroy == true
}

_known_after(rc, key) := v if {
	v := rc.change.after[key]
	is_string(v)
}

_shown_after(rc, key) := _known_after(rc, key)

_shown_after(rc, key) := "(known after apply)" if not _known_after(rc, key)

_target(before) := object.get(before, "target_id", "its target")

_verb(rc) := "replaces" if "delete" in rc.change.actions

_verb(rc) := "updates" if not "delete" in rc.change.actions
