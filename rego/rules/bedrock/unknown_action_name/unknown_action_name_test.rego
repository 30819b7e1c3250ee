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

test_fails_when_white_space_precedes_a_name if {
	findings := rule.deny with input as _deny([" bedrock:InvokeModel", "\tbedrock:*", " bedrock-runtime:InvokeModel", "bedrock:InvokeModel ", " s3:GetObject"])
	{f.message | some f in findings} == {
		"statement \"S\" names  bedrock:InvokeModel: it has white space around it, so as written it is no IAM action (whether IAM trims it is not documented), so the entry grants and denies nothing",
		"statement \"S\" names \tbedrock:*: it has white space around it, so as written it is no IAM action (whether IAM trims it is not documented), so the entry grants and denies nothing",
		"statement \"S\" names  bedrock-runtime:InvokeModel: it has white space around it, so as written it is no IAM action (whether IAM trims it is not documented), so the entry grants and denies nothing",
		"statement \"S\" names bedrock:InvokeModel : it is not an IAM action, so the entry grants and denies nothing",
	}
}

test_passes_when_actions_exist if {
	count(rule.deny) == 0 with input as _deny([
		"bedrock:InvokeModel", "BEDROCK:invokemodelwithresponsestream", "bedrock:Get*", "bedrock-mantle:CreateInference",
		"aws-marketplace:Subscribe", "aws-external-anthropic:*", "s3:NoSuchAction", "*", "bedrock:PutFoundationModelEntitlement",
	])
}

# The message names each entry exactly as the policy writes it; only the lookup is case-insensitive (IAM action
# names are), so the hint still applies to a differently cased name.
test_names_entries_as_written if {
	findings := rule.deny with input as _deny(["Bedrock:ConverseStream", "BEDROCK:InvokeModle", "Bedrock-Runtime:InvokeModel", "BEDROCK:Converse*"])
	{f.message | some f in findings} == {
		"statement \"S\" names Bedrock:ConverseStream: it is not an IAM action; ConverseStream is authorized as bedrock:InvokeModelWithResponseStream, so the entry grants and denies nothing",
		"statement \"S\" names BEDROCK:InvokeModle: it is not an IAM action, so the entry grants and denies nothing",
		"statement \"S\" names Bedrock-Runtime:InvokeModel: the bedrock-runtime prefix does not exist in IAM; runtime calls are authorized as bedrock: actions, so the entry grants and denies nothing",
		"statement \"S\" names BEDROCK:Converse*: the pattern matches no IAM action, so the entry grants and denies nothing",
	}
}
