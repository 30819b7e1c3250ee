package rules.organizations.inference_surface_gap_test

import data.lib.testing
import data.rules.organizations.inference_surface_gap as rule

_allowlist := {
	"Effect": "Deny",
	"Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
	"NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"],
}

test_fails_when_allowlist_leaves_surfaces_open if {
	findings := rule.deny with input as testing.scp_doc_plan(testing.doc([_allowlist]))
	count(findings) == 3
	some f in findings
	f.ruleId == "MG-0019"
	f.severity == "LOW"
	f.message == "model allow-list SCP does not deny Bedrock API keys (bedrock:CallWithBearerToken), so models stay reachable there"
}

test_passes_when_surfaces_denied if {
	count(rule.deny) == 0 with input as testing.scp_doc_plan(testing.doc([
		_allowlist,
		{"Effect": "Deny", "Action": ["bedrock-mantle:CreateInference", "bedrock-mantle:CreateFineTuningJob"], "Resource": "*"},
		{"Effect": "Deny", "Action": ["aws-external-anthropic:*", "bedrock:CallWithBearerToken"], "Resource": "*"},
	]))
}

test_passes_when_not_an_allowlist if {
	count(rule.deny) == 0 with input as testing.scp_doc_plan(testing.doc([{"Effect": "Deny", "Action": "bedrock:*", "Resource": "arn:aws:bedrock:*::foundation-model/deepseek.*"}]))
}

# an allow-list of Allow statements (AWS's allow list strategy): what no Allow names is denied implicitly
_allow_style(not_actions) := testing.doc([
	{"Effect": "Allow", "NotAction": not_actions, "Resource": "*"},
	{"Effect": "Allow", "Action": ["bedrock:InvokeModel"], "Resource": ["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"]},
])

test_fails_when_allow_style_list_leaves_mantle_open if {
	findings := rule.deny with input as testing.scp_doc_plan(_allow_style(["bedrock:*"]))
	{f.message | some f in findings} == {
		"model allow-list SCP does not deny bedrock-mantle inference (bedrock-mantle:CreateInference), so models stay reachable there",
		"model allow-list SCP does not deny Claude Platform on AWS (aws-external-anthropic:*), so models stay reachable there",
	}
}

test_passes_when_allow_style_list_names_no_other_surface if {
	count(rule.deny) == 0 with input as testing.scp_doc_plan(_allow_style(["bedrock:*", "bedrock-mantle:*", "aws-external-anthropic:*"]))
}

test_fails_when_the_claude_platform_deny_names_only_some_actions if {
	# GIVEN an allow-list whose Claude Platform Deny names only the two inference actions WHEN judged THEN the
	# service counts as open (which of its other actions reach a model is not verified; the control is a Deny of all)
	findings := rule.deny with input as testing.scp_doc_plan(testing.doc([
		_allowlist,
		{"Effect": "Deny", "Action": ["bedrock-mantle:CreateInference", "bedrock-mantle:CreateFineTuningJob"], "Resource": "*"},
		{"Effect": "Deny", "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CreateBatchInference", "bedrock:CallWithBearerToken"], "Resource": "*"},
	]))
	{f.message | some f in findings} == {"model allow-list SCP does not deny Claude Platform on AWS (aws-external-anthropic:*), so models stay reachable there"}
}
