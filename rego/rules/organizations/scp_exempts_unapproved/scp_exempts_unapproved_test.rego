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
	# GIVEN a new allow-list exempting every SSO role, every role but z-led ones, every role of a path, or
	# whichever role is tagged with its own name (a policy variable)
	# WHEN judged with a config THEN the exempt principals' unapproved requests are reported
	letters := ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y"]
	every patterns in [
		"arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*",
		[concat("", ["arn:aws:iam::*:role/", c, "*"]) | some c in letters],
		"arn:aws:iam::*:role/*/x",
		"arn:aws:iam::*:role/admin*",
		"arn:aws:iam::*:role/${aws:PrincipalTag/bedrock-bypass}",
	] {
		count(_messages(_exempting_principals("ArnNotLike", patterns))) == 1
	}
	_messages(_exempting_principals("ArnNotLike", "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*")) == {"the SCP lets through `bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0` (and 123 more unapproved requests); the config does not approve it"}
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

# ---- per-target approved sets (testing.per_target_config: Workloads nova-lite and nova-pro in us and eu,
# Sandbox nova-lite in us)

_per_target(rcs) := {[f.address, f.message] | some f in findings} if {
	findings := rule.deny with input as testing.plan(rcs)
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as testing.per_target_config
}

# the rendered lists with the Sandbox attachment moved onto the Workloads list
_sbox_onto_wkld := array.concat(array.slice(testing.rendered_lists, 0, 3), [testing.attachment_rc(
	"aws_organizations_policy_attachment.sbox", ["delete", "create"],
	{"policy_id": "p-sbox", "target_id": testing.sbox},
	{"policy_id": "p-wkld", "target_id": testing.sbox},
)])

test_fails_when_a_target_gets_another_targets_wider_list if {
	# GIVEN Sandbox re-attached to the Workloads list WHEN judged by Sandbox's own entry THEN nova-pro is reported
	findings := _per_target(_sbox_onto_wkld)
	count(findings) == 1
	some [address, message] in findings
	address == "aws_organizations_policy_attachment.sbox"
	startswith(message, "the SCPs on target ou-ab12-sbox0002 let through `bedrock:InvokeModel on arn:aws:bedrock:us-east-1")
	contains(message, "amazon.nova-pro-v1:0")
	endswith(message, "; the config does not approve it for ou-ab12-sbox0002")
}

test_passes_for_each_rendered_list_on_its_own_target if {
	# GIVEN each OU's own list attached WHEN each is judged by its own entry THEN nothing is reported
	count(_per_target(testing.rendered_lists)) == 0
}

test_fails_when_a_list_gains_a_geography_its_target_does_not_approve if {
	# GIVEN Sandbox's list gains the eu profile of nova-lite (approved there in us only, in eu for Workloads)
	rcs := array.concat(
		[testing.scp_rc(
			"aws_organizations_policy.sbox", ["update"],
			{"id": "p-sbox", "content": testing.sbox_list},
			{"id": "p-sbox", "content": testing.allow_list(["amazon.nova-lite-v1:0"], ["eu", "us"])},
		)],
		[testing.rendered_lists[3]],
	)

	# THEN the eu profile is reported for Sandbox
	some [_, message] in _per_target(rcs)
	contains(message, "inference-profile/eu.amazon.nova-lite-v1:0")
}

test_fails_when_a_wildcard_geography_covers_one_not_approved if {
	# GIVEN a list exempting nova-lite's profiles in every geography ("*.") WHEN judged with a config whose
	# only approved geography is us THEN the profiles in every other geography are reported, the catalog's (apac,
	# ca, eu) and those AWS may publish later (the "us." fill alone hides them)
	plan := testing.scp_plan(["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0", "arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0"])
	findings := rule.deny with input as plan
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as object.union(_approved, {"geographies": ["us"]})
	[f.message | some f in findings] == ["the SCP lets through `bedrock:InvokeModel on arn:aws:bedrock:us-east-1:000000000000:inference-profile/apac.amazon.nova-lite-v1:0` (and 19 more unapproved requests); the config does not approve it"]

	# and one, on the geographies the catalog does not list for nova-lite, when only the catalog's are approved
	# (attack: "??.amazon.nova-pro-v1:0" passed, admitting a "jp." profile published later)
	[f.message | some f in rule.deny] == ["the SCP lets through `bedrock:InvokeModel on arn:aws:bedrock:us-east-1:000000000000:inference-profile/au.amazon.nova-lite-v1:0` (and 7 more unapproved requests); the config does not approve it"] with input as plan
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as object.union(_approved, {"geographies": ["apac", "ca", "eu", "us"]})

	# and none when every geography is approved
	count(rule.deny) == 0 with input as plan
		with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as object.union(_approved, {"geographies": ["apac", "au", "ca", "eu", "global", "in", "jp", "us"]})
}

# an account the config does not list, under Sandbox (a no-op node in the plan), with the Workloads list attached
_unlisted_account := testing.node_rc(
	"aws_organizations_account.lab", "aws_organizations_account", ["no-op"],
	{"id": "444455556666", "parent_id": testing.sbox}, {"id": "444455556666", "parent_id": testing.sbox},
)

_wkld_on_account := testing.attachment_rc(
	"aws_organizations_policy_attachment.lab", ["create"], null,
	{"policy_id": "p-wkld", "target_id": "444455556666"},
)

test_judges_an_unlisted_account_by_its_listed_ou if {
	# GIVEN the Workloads list attached to an unlisted account under Sandbox, Sandbox's own list not in the plan
	rcs := [testing.rendered_lists[0], _unlisted_account, _wkld_on_account]

	# THEN the account is judged by Sandbox's entry
	some [_, message] in _per_target(rcs)
	endswith(message, "; the config does not approve it for 444455556666 (judged by the config's entry for ou-ab12-sbox0002, above it)")
}

test_passes_when_a_level_above_still_denies if {
	# GIVEN the same, with Sandbox's own list on the OU above the account THEN nothing is opened, nothing reported
	count(_per_target(array.concat(testing.rendered_lists, [_unlisted_account, _wkld_on_account]))) == 0
}

test_fails_when_a_profile_wildcard_in_one_region_covers_a_geography_not_approved if {
	# GIVEN Sandbox's list (nova-lite in us) exempting every profile in EU Regions, or in one account, the foundation
	# models still exact
	every pattern in [
		"arn:aws:bedrock:eu-*:*:inference-profile/*",
		"arn:aws:bedrock:eu-central-1:*:inference-profile/*",
		"arn:aws:bedrock:*:333344445555:inference-profile/*",
		"arn:aws:bedrock:eu-*:*:inference-profile/*nova-lite-v1:0",
	] {
		# THEN nova-lite's profiles in the other geographies are reported for Sandbox
		findings := _per_target([
			testing.scp_rc(
				"aws_organizations_policy.sbox", ["update"],
				{"id": "p-sbox", "content": testing.sbox_list},
				{"id": "p-sbox", "content": _with_extra(testing.sbox_list, pattern)},
			),
			testing.rendered_lists[3],
		])
		count({m |
			some [_, m] in findings
			contains(m, ".amazon.nova-lite-v1:0")
			endswith(m, "; the config does not approve it for ou-ab12-sbox0002")
		}) == 1
	}
}

_with_extra(text, pattern) := json.marshal({"Version": "2012-10-17", "Statement": [object.union(s, {"NotResource": array.concat(s.NotResource, [pattern])})]}) if {
	s := json.unmarshal(text).Statement[0]
}
