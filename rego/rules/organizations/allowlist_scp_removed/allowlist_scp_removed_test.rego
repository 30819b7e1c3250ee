package rules.organizations.allowlist_scp_removed_test

import data.lib.testing

import data.rules.organizations.allowlist_scp_removed as rule

_allowlist := json.marshal(testing.doc([{
	"Effect": "Deny",
	"Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
	"NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"],
}]))

_other := json.marshal(testing.doc([{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]))

_policy(address, actions, before, after) := {
	"address": address,
	"mode": "managed",
	"type": "aws_organizations_policy",
	"provider_name": testing.provider,
	"change": {"actions": actions, "before": before, "after": after, "after_unknown": {}},
}

_attachment(address, policy_id) := {
	"address": address,
	"mode": "managed",
	"type": "aws_organizations_policy_attachment",
	"provider_name": testing.provider,
	"change": {
		"actions": ["delete"],
		"before": {"id": "x", "policy_id": policy_id, "target_id": "ou-ab12-cdef3456", "skip_destroy": false},
		"after": null,
	},
}

test_fails_when_allowlist_scp_deleted if {
	findings := rule.deny with input as testing.plan([_policy(
		"module.org.aws_organizations_policy.models",
		["delete"],
		{"id": "p-1", "name": "bedrock-approved-models", "content": _allowlist},
		null,
	)])
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0018"
	f.message == "deletes the model allow-list SCP \"bedrock-approved-models\"; every model becomes invocable where it was attached"
}

test_fails_when_allowlist_weakened if {
	findings := rule.deny with input as testing.plan([_policy(
		"aws_organizations_policy.models",
		["update"],
		{"id": "p-1", "content": _allowlist},
		{"id": "p-1", "content": _other},
	)])
	{f.message | some f in findings} == {"changes the model allow-list SCP (unnamed) so that it no longer denies invocation outside an allow-list"}
}

test_fails_when_attachment_of_planned_policy_deleted if {
	findings := rule.deny with input as testing.plan([
		_policy("aws_organizations_policy.models", ["no-op"], {"id": "p-1", "content": _allowlist}, {"id": "p-1", "content": _allowlist}),
		_attachment("aws_organizations_policy_attachment.this[\"ou-ab12-cdef3456\"]", "p-1"),
	])
	{[f.address, f.message] | some f in findings} == {[
		"aws_organizations_policy_attachment.this[\"ou-ab12-cdef3456\"]",
		"detaches the model allow-list SCP p-1 from ou-ab12-cdef3456",
	]}
}

test_fails_when_attachment_of_prior_state_policy_deleted if {
	prior := {"values": {"root_module": {"child_modules": [{"resources": [{
		"address": "module.org.aws_organizations_policy.models",
		"type": "aws_organizations_policy",
		"values": {"id": "p-9", "content": _allowlist},
	}]}]}}}
	plan := object.union(testing.plan([_attachment("module.org.aws_organizations_policy_attachment.a", "p-9")]), {"plan": {"prior_state": prior}})
	count(rule.deny) == 1 with input as plan
}

test_passes_when_other_policy_detached_or_skip_destroy if {
	count(rule.deny) == 0 with input as testing.plan([_attachment("aws_organizations_policy_attachment.a", "p-unknown")])
	count(rule.deny) == 0 with input as testing.plan([_policy(
		"aws_organizations_policy.models",
		["delete"],
		{"id": "p-1", "content": _allowlist, "skip_destroy": true},
		null,
	)])
	count(rule.deny) == 0 with input as testing.plan([_policy("aws_organizations_policy.o", ["delete"], {"id": "p-2", "content": _other}, null)])
}

test_passes_when_allowlist_replaced_by_allowlist if {
	count(rule.deny) == 0 with input as testing.plan([_policy(
		"aws_organizations_policy.models",
		["delete", "create"],
		{"id": "p-1", "content": _allowlist},
		{"content": _allowlist},
	)])
}

_planned_allowlist := _policy("aws_organizations_policy.models", ["no-op"], {"id": "p-1", "content": _allowlist}, {"id": "p-1", "content": _allowlist})

# a replaced attachment of p-1 to ou-ab12-cdef3456; after and after_unknown describe the new one
_replaced_attachment(after, after_unknown) := {
	"address": "aws_organizations_policy_attachment.models",
	"mode": "managed",
	"type": "aws_organizations_policy_attachment",
	"provider_name": testing.provider,
	"change": {
		"actions": ["delete", "create"],
		"before": {"id": "ou-ab12-cdef3456:p-1", "policy_id": "p-1", "target_id": "ou-ab12-cdef3456", "skip_destroy": false, "tags": {}},
		"after": after,
		"after_unknown": after_unknown,
	},
}

test_fails_when_attachment_replaced_with_another_policy if {
	findings := rule.deny with input as testing.plan([
		_planned_allowlist,
		_replaced_attachment({"policy_id": "p-2", "target_id": "ou-ab12-cdef3456", "skip_destroy": false}, {"id": true}),
	])
	{[f.address, f.message] | some f in findings} == {[
		"aws_organizations_policy_attachment.models",
		"replaces aws_organizations_policy_attachment.models, which detaches the model allow-list SCP p-1 from ou-ab12-cdef3456 (the new attachment is p-2 on ou-ab12-cdef3456)",
	]}
}

test_fails_when_attachment_replaced_with_another_target if {
	findings := rule.deny with input as testing.plan([
		_planned_allowlist,
		_replaced_attachment({"policy_id": "p-1", "target_id": "ou-ab12-99999999", "skip_destroy": false}, {"id": true}),
	])
	{f.message | some f in findings} == {"replaces aws_organizations_policy_attachment.models, which detaches the model allow-list SCP p-1 from ou-ab12-cdef3456 (the new attachment is p-1 on ou-ab12-99999999)"}
}

test_fails_when_replacement_policy_unknown if {
	findings := rule.deny with input as testing.plan([
		_planned_allowlist,
		_replaced_attachment({"target_id": "ou-ab12-cdef3456", "skip_destroy": false}, {"id": true, "policy_id": true}),
	])
	{f.message | some f in findings} == {"replaces aws_organizations_policy_attachment.models, which attaches the model allow-list SCP p-1 to ou-ab12-cdef3456; the new policy_id cannot be known before apply, so the gate cannot tell whether the allow-list stays attached"}
}

test_passes_when_attachment_replaced_with_same_policy_and_target if {
	# e.g. a tag change that forces replacement
	count(rule.deny) == 0 with input as testing.plan([
		_planned_allowlist,
		_replaced_attachment({"policy_id": "p-1", "target_id": "ou-ab12-cdef3456", "skip_destroy": false, "tags": {"team": "ml"}}, {"id": true}),
	])
	count(rule.deny) == 0 with input as testing.plan([_replaced_attachment({"policy_id": "p-2", "target_id": "ou-ab12-cdef3456"}, {})])
}
