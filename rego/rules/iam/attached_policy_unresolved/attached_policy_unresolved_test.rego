package rules.iam.attached_policy_unresolved_test

import data.lib.testing
import data.rules.iam.attached_policy_unresolved as rule

_attach(arn) := {
	"address": "aws_iam_role_policy_attachment.a", "mode": "managed", "type": "aws_iam_role_policy_attachment",
	"name": "a", "provider_name": testing.provider,
	"change": {"actions": ["create"], "before": null, "after": {"role": "builders", "policy_arn": arn}, "after_unknown": {"id": true}},
}

_unknown_attach := object.union(_attach(null), {"change": {"after": {"role": "builders"}, "after_unknown": {"id": true, "policy_arn": true}}})

_policy := {
	"address": "aws_iam_policy.team", "mode": "managed", "type": "aws_iam_policy", "name": "team", "provider_name": testing.provider,
	"change": {"actions": ["create"], "before": null, "after": {"name": "team", "policy": json.marshal(testing.doc([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]))}, "after_unknown": {"arn": true}},
}

_config(refs) := {"root_module": {"resources": [{
	"address": "aws_iam_role_policy_attachment.a", "mode": "managed", "type": "aws_iam_role_policy_attachment", "name": "a",
	"expressions": {"policy_arn": {"references": refs}},
}]}}

_messages(plan) := {f.message | some f in findings} if {
	findings := rule.deny with input as plan with data.modelgate.managedPolicies as testing.managed_policies
}

test_fails_when_customer_managed_policy_is_not_in_the_plan if {
	_messages(testing.plan([_attach("arn:aws:iam::123456789012:policy/team")])) == {"attaches arn:aws:iam::123456789012:policy/team to a principal; the policy is not defined in this plan, so its text cannot be read"}
}

test_fails_when_aws_managed_policy_is_not_in_the_snapshot if {
	_messages(testing.plan([_attach("arn:aws:iam::aws:policy/AmazonBedrockFutureAccess")])) == {"attaches arn:aws:iam::aws:policy/AmazonBedrockFutureAccess to a principal; the AWS-managed policy AmazonBedrockFutureAccess is not in the bundled snapshot"}
}

test_fails_when_computed_arn_is_not_traced_to_a_policy if {
	_messages(testing.plan([_unknown_attach])) == {"attaches a policy to a principal; its ARN is computed during apply and the configuration names no policy in this plan"}
	plan := object.union(testing.plan([_unknown_attach]), {"plan": {"configuration": _config(["var.policy_arn"])}})
	count(_messages(plan)) == 1
}

test_passes_when_the_policy_resolves if {
	count(_messages(testing.plan([_attach("arn:aws:iam::aws:policy/PowerUserAccess")]))) == 0
	count(_messages(testing.plan([_attach("arn:aws-us-gov:iam::aws:policy/AmazonS3ReadOnlyAccess")]))) == 0
	plan := object.union(testing.plan([_unknown_attach, _policy]), {"plan": {"configuration": _config(["aws_iam_policy.team.arn", "aws_iam_policy.team"])}})
	count(_messages(plan)) == 0
	known := object.union(_policy, {"change": {"actions": ["no-op"], "before": {"arn": "arn:aws:iam::123456789012:policy/team"}, "after": {"arn": "arn:aws:iam::123456789012:policy/team"}}})
	count(_messages(testing.plan([_attach("arn:aws:iam::123456789012:policy/team"), known]))) == 0
}

test_severity_follows_the_config if {
	findings := rule.deny with input as testing.plan([_attach("arn:aws:iam::123456789012:policy/team")])
		with data.modelgate.settings as {"unresolvedPolicySeverity": "LOW"}
	{f.severity | some f in findings} == {"LOW"}
	default_findings := rule.deny with input as testing.plan([_attach("arn:aws:iam::123456789012:policy/team")])
	{f.severity | some f in default_findings} == {"MEDIUM"}
}

test_fails_when_a_membership_hands_on_a_group_with_an_unresolved_policy if {
	# GIVEN a group whose unchanged attachment names a customer-managed policy the plan does not describe
	att := {
		"address": "aws_iam_group_policy_attachment.team", "mode": "managed", "type": "aws_iam_group_policy_attachment", "name": "team",
		"change": {"actions": ["no-op"], "before": {"group": "ml", "policy_arn": "arn:aws:iam::222233334444:policy/BedrockPowerUser"}, "after": {"group": "ml", "policy_arn": "arn:aws:iam::222233334444:policy/BedrockPowerUser"}, "after_unknown": {}},
	}

	# WHEN a user joins the group THEN the membership is reported (attack16)
	member := {
		"address": "aws_iam_user_group_membership.alice", "mode": "managed", "type": "aws_iam_user_group_membership", "name": "alice",
		"change": {"actions": ["create"], "before": null, "after": {"user": "alice", "groups": ["ml"]}, "after_unknown": {}},
	}
	findings := rule.deny with input as testing.plan([att, member]) with data.modelgate.managedPolicies as testing.managed_policies
	{[f.address, f.message] | some f in findings} == {[
		"aws_iam_user_group_membership.alice",
		"membership of group ml hands on arn:aws:iam::222233334444:policy/BedrockPowerUser, a policy the gate cannot read; the policy is not defined in this plan, so its text cannot be read",
	]}
}
