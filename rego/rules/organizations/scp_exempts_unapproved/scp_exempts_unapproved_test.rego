package rules.organizations.scp_exempts_unapproved_test

import data.lib.testing
import data.rules.organizations.scp_exempts_unapproved as rule

_approved := testing.approving(["amazon.nova-lite-v1:0"])

_nova := [
	"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0",
	"arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0",
]

_messages(plan) := {f.message | some f in findings} if {
	findings := rule.deny with input as plan with data.modelgate.catalog as testing.catalog with data.modelgate.approved as _approved
}

test_fails_when_an_unapproved_model_is_exempt if {
	_messages(testing.scp_plan(array.concat(_nova, ["arn:aws:bedrock:*::foundation-model/deepseek.r1-v1:0"]))) == {"the SCP lets through `bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/deepseek.r1-v1:0` (and 1 more unapproved requests); the config does not approve it"}
}

test_fails_when_exemptions_are_wildcards if {
	every extra in [
		"arn:aws:bedrock:*::foundation-model/*",
		"arn:aws:bedrock:*::foundation-model/amazon.*",
		"arn:aws:bedrock:*:*:imported-model/*",
	] {
		count(_messages(testing.scp_plan(array.concat(_nova, [extra])))) == 1
	}
}

test_passes_when_only_approved_models_are_exempt if {
	count(_messages(testing.scp_plan(_nova))) == 0

	# every profile exempt, but a profile call also needs its foundation model, which stays denied
	count(_messages(testing.scp_plan(array.concat(_nova, ["arn:aws:bedrock:*:*:inference-profile/*"])))) == 0
	count(_messages(testing.scp_plan(["arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0"]))) == 0
}

test_passes_without_config if {
	count(rule.deny) == 0 with input as testing.scp_plan(["arn:aws:bedrock:*::foundation-model/*"])
}

_att(address, policy_ref) := {
	"address": address, "mode": "managed", "type": "aws_organizations_policy_attachment", "name": split(address, ".")[1],
	"provider_name": testing.provider,
	"change": {"actions": ["create"], "before": null, "after": {"target_id": "r-ab12"}, "after_unknown": {"id": true, "policy_id": true}},
	"_ref": policy_ref,
}

# the renderer's split allow-list: one SCP exempts approved models and every profile, the other approved
# profiles and every model; on one target together they exempt only approved models
test_passes_for_a_split_pair_on_one_target if {
	a := object.union(testing.rc_doc("aws_organizations_policy", "aws_organizations_policy.a", _a_doc), {"name": "a"})
	b := object.union(testing.rc_doc("aws_organizations_policy", "aws_organizations_policy.b", _b_doc), {"name": "b"})
	atts := [object.remove(_att("aws_organizations_policy_attachment.a", "a"), ["_ref"]), object.remove(_att("aws_organizations_policy_attachment.b", "b"), ["_ref"])]
	config := {"root_module": {"resources": [
		{"address": "aws_organizations_policy_attachment.a", "mode": "managed", "type": "aws_organizations_policy_attachment", "name": "a", "expressions": {"policy_id": {"references": ["aws_organizations_policy.a.id", "aws_organizations_policy.a"]}}},
		{"address": "aws_organizations_policy_attachment.b", "mode": "managed", "type": "aws_organizations_policy_attachment", "name": "b", "expressions": {"policy_id": {"references": ["aws_organizations_policy.b.id", "aws_organizations_policy.b"]}}},
	]}}
	plan := object.union(testing.plan(array.concat([a, b], atts)), {"plan": {"configuration": config}})
	count(_messages(plan)) == 0

	# unattached, each is judged alone: the one exempting every model lets unapproved models through
	alone := object.union(testing.plan([a, b]), {"plan": {"configuration": config}})
	_addresses(alone) == {"aws_organizations_policy.b"}
}

_a_doc := testing.doc([{
	"Effect": "Deny", "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
	"NotResource": [_nova[0], "arn:aws:bedrock:*:*:inference-profile/*"],
}])

_b_doc := testing.doc([{
	"Effect": "Deny", "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
	"NotResource": ["arn:aws:bedrock:*::foundation-model/*", _nova[1]],
}])

_addresses(plan) := {f.address | some f in findings} if {
	findings := rule.deny with input as plan with data.modelgate.catalog as testing.catalog with data.modelgate.approved as _approved
}

_exempting(resources) := json.marshal(testing.doc([{
	"Effect": "Deny", "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
	"NotResource": resources,
}]))

_target_plan(resources) := testing.plan([
	{
		"address": "aws_organizations_policy.models", "mode": "managed", "type": "aws_organizations_policy", "name": "models",
		"provider_name": testing.provider,
		"change": {"actions": ["update"], "before": {"id": "p-1", "content": _exempting(_nova)}, "after": {"id": "p-1", "content": _exempting(resources)}, "after_unknown": {}},
	},
	{
		"address": "aws_organizations_policy_attachment.ou", "mode": "managed", "type": "aws_organizations_policy_attachment", "name": "ou",
		"provider_name": testing.provider,
		"change": {"actions": ["create"], "before": null, "after": {"policy_id": "p-1", "target_id": "ou-ab12-11111111"}, "after_unknown": {"id": true}},
	},
])

test_fails_when_the_scps_on_a_target_exempt_an_unapproved_model if {
	# GIVEN an allow-list attached to an OU that also exempts deepseek.r1 WHEN judged with a config approving nova-lite
	findings := rule.deny with input as _target_plan(array.concat(_nova, ["arn:aws:bedrock:*::foundation-model/deepseek.r1-v1:0"]))
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as _approved

	# THEN one finding on the attachment naming the target
	{[f.address, f.message] | some f in findings} == {[
		"aws_organizations_policy_attachment.ou",
		"the SCPs on target ou-ab12-11111111 let through `bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/deepseek.r1-v1:0` (and 1 more unapproved requests); the config does not approve it",
	]}
}

test_passes_when_the_scps_on_a_target_exempt_only_approved_models if {
	# GIVEN the attached allow-list exempting only nova-lite WHEN judged with a config approving it THEN no finding
	count(_messages(_target_plan(_nova))) == 0
}

# a new allow-list (no before) whose Deny exempts principals
_exempting_principals(op, patterns) := testing.scp_doc_plan(testing.doc([{
	"Effect": "Deny", "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
	"NotResource": _nova, "Condition": {op: {"aws:PrincipalArn": patterns}},
}]))

test_fails_when_a_new_allowlist_exempts_a_family_of_principals if {
	# GIVEN a new allow-list exempting every SSO role, every role but z-led ones, or every role of a path
	# WHEN judged with a config THEN the exempt principals' unapproved requests are reported
	letters := ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y"]
	every patterns in [
		"arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*",
		[concat("", ["arn:aws:iam::*:role/", c, "*"]) | some c in letters],
		"arn:aws:iam::*:role/*/x",
		"arn:aws:iam::*:role/admin*",
	] {
		count(_messages(_exempting_principals("ArnNotLike", patterns))) == 1
	}
	_messages(_exempting_principals("ArnNotLike", "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*")) == {"the SCP lets through `bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0` (and 40 more unapproved requests); the config does not approve it"}
}

test_passes_when_a_new_allowlist_exempts_one_named_role if {
	# GIVEN a new allow-list exempting one break-glass role (in any account, or in one) WHEN judged THEN no
	# finding: a single named principal is the documented break-glass exemption (facts doc section 15)
	count(_messages(_exempting_principals("ArnNotLike", "arn:aws:iam::*:role/BreakGlassAdmin"))) == 0
	count(_messages(_exempting_principals("ArnNotEquals", ["arn:aws:iam::111122223333:role/ml", "arn:aws:iam::111122223333:root"]))) == 0
}

test_fails_when_a_new_allowlist_denies_only_named_roles if {
	# GIVEN a Deny restricted to one named role (ArnEquals: everyone else exempt) WHEN judged THEN reported
	count(_messages(_exempting_principals("ArnEquals", "arn:aws:iam::*:role/BreakGlassAdmin"))) == 1
}
