package rules.bedrock.unknown_action_name_test

import data.lib.testing
import data.rules.bedrock.unknown_action_name as rule

_deny(actions) := testing.scp_doc_plan(testing.doc([{"Sid": "S", "Effect": "Deny", "Action": actions, "Resource": "*"}]))

test_fails_when_names_are_not_actions if {
	findings := rule.deny with input as _deny([
		"bedrock:Converse", "bedrock:ConverseStream", "bedrock:InvokeModelWithBidirectionalStream",
		"bedrock:UseInferenceProfile", "bedrock:StartAsyncInvoke", "bedrock:InvokeModle",
		"bedrock-runtime:InvokeModel", "bedrock:Converse*", "bedrock:PutUserCaseForModelAccess",
	])
	count(findings) == 9
	some f in findings
	f.ruleId == "MG-0012"
	f.message == "statement \"S\" names bedrock:Converse: it is not an IAM action; Converse is authorized as bedrock:InvokeModel, so the entry grants and denies nothing"
}

test_fails_when_single_notaction_is_unknown if {
	findings := rule.deny with input as testing.iam_doc_plan(testing.doc({"Effect": "Allow", "NotAction": "bedrock-runtime:*", "Resource": "*"}))
	{f.message | some f in findings} == {"statement 1 names bedrock-runtime:*: the bedrock-runtime prefix does not exist in IAM; runtime calls are authorized as bedrock: actions, so the entry grants and denies nothing"}
}

test_passes_when_actions_exist if {
	count(rule.deny) == 0 with input as _deny([
		"bedrock:InvokeModel", "BEDROCK:invokemodelwithresponsestream", "bedrock:Get*", "bedrock-mantle:CreateInference",
		"aws-marketplace:Subscribe", "aws-external-anthropic:*", "s3:NoSuchAction", "*", "bedrock:PutFoundationModelEntitlement",
	])
}
