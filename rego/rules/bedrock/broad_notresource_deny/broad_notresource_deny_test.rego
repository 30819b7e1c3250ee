package rules.bedrock.broad_notresource_deny_test

import data.lib.testing
import data.rules.bedrock.broad_notresource_deny as rule

_deny(actions) := testing.scp_doc_plan(testing.doc([{
	"Sid": "Statement1",
	"Effect": "Deny",
	"Action": actions,
	"NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.nova*"],
}]))

test_fails_when_deny_bedrock_star_with_notresource if {
	findings := rule.deny with input as _deny("bedrock:*")
	count(findings) == 1
	some f in findings
	f.ruleId == "MG-0014"
	f.message == "statement \"Statement1\" denies bedrock:* on everything except the listed model ARNs, which also blocks inference profiles, guardrails, agents, knowledge bases and List/Get calls"
}

test_fails_when_star_or_get_star if {
	count(rule.deny) == 1 with input as _deny(["*"])
	count(rule.deny) == 1 with input as _deny(["bedrock:InvokeModel", "bedrock:Get*"])
}

test_passes_when_only_invoke_actions if {
	count(rule.deny) == 0 with input as _deny(["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"])
	count(rule.deny) == 0 with input as _deny(["bedrock:InvokeModel*"])
}

test_passes_when_notresource_names_no_model if {
	count(rule.deny) == 0 with input as testing.scp_doc_plan(testing.doc({"Effect": "Deny", "Action": "bedrock:*", "NotResource": "arn:aws:bedrock:*:*:guardrail/*"}))
}

test_names_actions_as_the_policy_writes_them if {
	findings := rule.deny with input as _deny(["bedrock:InvokeModel", "Bedrock:Get*", "BEDROCK:List*"])
	some f in findings
	contains(f.message, " denies Bedrock:Get*, BEDROCK:List* on everything")
}

test_severity_is_medium_in_an_scp_and_low_in_an_identity_policy if {
	# GIVEN the same Deny in an SCP and in an identity policy WHEN judged THEN MEDIUM for the SCP (it breaks Bedrock
	# for every principal below it), LOW for the identity policy (its own principals only)
	{f.severity | some f in rule.deny with input as _deny("bedrock:*")} == {"MEDIUM"}
	identity := testing.iam_doc_plan(testing.doc([{
		"Effect": "Deny", "Action": "bedrock:*",
		"NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.nova*"],
	}]))
	{f.severity | some f in rule.deny with input as identity} == {"LOW"}
}
