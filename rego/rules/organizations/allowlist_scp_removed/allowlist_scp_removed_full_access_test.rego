package rules.organizations.allowlist_scp_removed_test

import data.lib.testing

import data.rules.organizations.allowlist_scp_removed as rule

# ---- an allow-list detached beside an SCP of Allow statements (attack16)

_doc_scp := json.marshal(testing.doc([{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"}]))

_unchanged_attachment(address, policy_id) := {
	"address": address, "mode": "managed", "type": "aws_organizations_policy_attachment", "provider_name": testing.provider,
	"change": {
		"actions": ["no-op"],
		"before": {"id": "y", "policy_id": policy_id, "target_id": "ou-ab12-cdef3456", "skip_destroy": false},
		"after": {"id": "y", "policy_id": policy_id, "target_id": "ou-ab12-cdef3456", "skip_destroy": false},
		"after_unknown": {},
	},
}

test_fails_when_the_allowlist_is_detached_beside_an_allow_only_scp if {
	# GIVEN an OU with the allow-list (p-1) and an SCP of Allow statements (p-2); FullAWSAccess is not shown
	plan := testing.plan([
		_policy("aws_organizations_policy.models", ["no-op"], {"id": "p-1", "content": _allowlist}, {"id": "p-1", "content": _allowlist}),
		_policy("aws_organizations_policy.docs", ["no-op"], {"id": "p-2", "content": _doc_scp}, {"id": "p-2", "content": _doc_scp}),
		_attachment("aws_organizations_policy_attachment.models", "p-1"),
		_unchanged_attachment("aws_organizations_policy_attachment.docs", "p-2"),
	])

	# WHEN the allow-list's attachment is deleted THEN reported: after it only the absence of an Allow denies
	# other models, which holds only if FullAWSAccess is detached
	count(rule.deny) > 0 with input as plan
}
