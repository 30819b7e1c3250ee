package modelgate.main_test

# The five JSON examples of "Simplified model access in Amazon Bedrock" (AWS Security Blog, 2025-10-15),
# verbatim, and their corrected versions (../shared/docs/bedrock-access-facts.md section 10), as plan
# snippets. The originals must each be flagged for what is wrong with them; the corrected versions must
# produce no HIGH or CRITICAL finding.

import data.lib.testing
import data.modelgate.main

_original_1 := `{

  “Version”: “2012-10-17”,
  “Statement”: [
    {
      “Sid”: "AllowAmazonNovaLiteModelOnly",
      “Effect”: “Allow”,
      “Action”: [
        “bedrock:InvokeModel”,
        “bedrock:InvokeModelWithResponseStream”,
      ],
    “Resource”:
	"arn:aws:bedrock:*::inference-profile/us.amazon.nova-lite-v1:0",
	"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"
	]
   }
  ]
}
`

_original_2 := `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "BroadBedrockAllow",
      "Effect": "Allow",
      "Action": "bedrock:*",
      "Resource": "*"
    },
    {
      "Sid": "DenyInferenceExceptApprovedModels",
      "Effect": "Deny",
      "Action": [
        "bedrock:InvokeModel",
        "bedrock:InvokeModelWithResponseStream"
     ],
     "NotResource": [
        "arn:aws:bedrock:*::foundation-model/amazon.nova-*",
     ]
   }
  ]
}
`

_original_3 := `{
  “Version”: “2012-10-17”,
  “Statement”: [
    {
      “Sid”: “DenyDeepseekEverywhere”,
      “Effect”: “Deny”,
      “Action”: “bedrock:*”,
      “Resource”:
        “arn:aws:bedrock:*::foundation-model/deepseek.*”
      }
    ]
}
`

_original_4 := `{
  “Version”: “2012-10-17”,
   “Statement”: [
  {
    “Sid”: “Statement1”,
    “Effect”: “Deny”,
    “Action”: “bedrock:*”,
      “NotResource”: [
        “arn:aws:bedrock:*::foundation-model/amazon.nova*”
     ]
    }
  ]
}
`

_original_5 := `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllowAnthropicAndAmazonModelsOnly",
            "Effect": "Allow",
            "Action": [
                "bedrock:InvokeModel",
                "bedrock:InvokeModelWithResponseStream"
            ],
            "Resource": [
                "arn:aws:bedrock:*::inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0",
                "arn:aws:bedrock:*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0",
                "arn:aws:bedrock:*::inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0",
                "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0",
                "arn:aws:bedrock:*::inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0",
                "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0"
            ]
        },
        {
            "Sid": "AllowOnlySpecificMarketplaceSubscription",
            "Effect": "Allow",
            "Action": [
                "aws-marketplace:ViewSubscriptions",
                "aws-marketplace:Subscribe"
            ],
            "Resource": "*",
            "Condition": {
                "ForAllValues:StringEquals": {
                    "aws-marketplace:ProductId": [
                        "prod-4pmewlybdftbs",
                        "prod-xdkflymybwmvi",
                        "prod-4dlfvry4v5hbi"
                    ]
                },
                "StringEquals": {
                    "aws:CalledViaLast": "bedrock.amazonaws.com"
                }
            }
        }
    ]
}
`

_corrected_1 := `{"Version":"2012-10-17","Statement":[{"Sid":"AllowNovaLiteOnly","Effect":"Allow","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"Resource":["arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0","arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"]}]}`

_corrected_2 := `{"Version":"2012-10-17","Statement":[{"Sid":"AllowBedrockUse","Effect":"Allow","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream","bedrock:Get*","bedrock:List*"],"Resource":"*"},{"Sid":"DenyInferenceExceptNova","Effect":"Deny","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"NotResource":["arn:aws:bedrock:*::foundation-model/amazon.nova-*","arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-*"]}]}`

_corrected_3 := `{"Version":"2012-10-17","Statement":[{"Sid":"DenyDeepSeekRuntime","Effect":"Deny","Action":"bedrock:*","Resource":"arn:aws:bedrock:*::foundation-model/deepseek.*"},{"Sid":"DenyDeepSeekMantle","Effect":"Deny","Action":["bedrock-mantle:CreateInference","bedrock-mantle:CreateFineTuningJob"],"Resource":"*","Condition":{"StringLike":{"bedrock-mantle:Model":"deepseek.*"}}}]}`

_corrected_4 := `{"Version":"2012-10-17","Statement":[{"Sid":"DenyInvokeExceptNova","Effect":"Deny","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"NotResource":["arn:aws:bedrock:*::foundation-model/amazon.nova-*","arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-*"]},{"Sid":"DenyMantleInference","Effect":"Deny","Action":["bedrock-mantle:CreateInference","bedrock-mantle:CreateFineTuningJob"],"Resource":"*"},{"Sid":"DenyClaudePlatform","Effect":"Deny","Action":"aws-external-anthropic:*","Resource":"*"}]}`

_corrected_5 := `{"Version":"2012-10-17","Statement":[{"Sid":"AllowApprovedClaudeModels","Effect":"Allow","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"Resource":["arn:aws:bedrock:*:*:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0","arn:aws:bedrock:*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0","arn:aws:bedrock:*:*:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0","arn:aws:bedrock:*::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0","arn:aws:bedrock:*:*:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0","arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0"]},{"Sid":"SubscribeApprovedProductsViaBedrock","Effect":"Allow","Action":"aws-marketplace:Subscribe","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws-marketplace:ProductId":["prod-xdkflymybwmvi","prod-4dlfvry4v5hbi","prod-4pmewlybdftbs"]},"StringEquals":{"aws:CalledViaLast":"bedrock.amazonaws.com"}}},{"Sid":"ManageSubscriptionsViaBedrock","Effect":"Allow","Action":["aws-marketplace:ViewSubscriptions","aws-marketplace:Unsubscribe"],"Resource":"*","Condition":{"StringEquals":{"aws:CalledViaLast":"bedrock.amazonaws.com"}}}]}`

_types := [
	["aws_iam_policy", "aws_iam_policy.nova_lite_only"],
	["aws_iam_policy", "aws_iam_policy.bedrock_allow_then_deny"],
	["aws_organizations_policy", "aws_organizations_policy.deny_deepseek"],
	["aws_organizations_policy", "aws_organizations_policy.allow_nova"],
	["aws_iam_role_policy", "aws_iam_role_policy.claude_models"],
]

_plan(i, text) := testing.plan([testing.rc_text(_types[i - 1][0], _types[i - 1][1], text)])

_findings(plan) := findings if {
	findings := main.findings with input as plan
		with data.modelgate.catalog as testing.catalog
}

_ids(plan) := {f.ruleId | some f in _findings(plan)}

_severe(plan) := [f | some f in _findings(plan); f.severity in {"HIGH", "CRITICAL"}]

test_fails_when_article_originals_1_to_4_are_not_json if {
	every i, text in [_original_1, _original_2, _original_3, _original_4] {
		_ids(_plan(i + 1, text)) == {"MG-0001"}
	}
}

test_fails_when_article_original_5_has_empty_accounts_and_forallvalues if {
	_ids(_plan(5, _original_5)) == {"MG-0005", "MG-0015"}
	count([f | some f in _findings(_plan(5, _original_5)); f.ruleId == "MG-0005"]) == 3
}

test_passes_when_article_corrected_versions_have_no_severe_findings if {
	every i, text in [_corrected_1, _corrected_2, _corrected_3, _corrected_4, _corrected_5] {
		_severe(_plan(i + 1, text)) == []
	}
}

test_passes_when_corrected_1_2_5_have_no_findings if {
	_findings(_plan(1, _corrected_1)) == []
	_findings(_plan(2, _corrected_2)) == []
	_findings(_plan(5, _corrected_5)) == []
}

test_fails_when_corrected_3_stays_a_deny_list if {
	_ids(_plan(3, _corrected_3)) == {"MG-0006"}
}

test_fails_when_corrected_4_leaves_api_keys_open if {
	_ids(_plan(4, _corrected_4)) == {"MG-0019"}
}

# the originals with only their syntax repaired show the semantic problems
_repair(text) := replace(replace(replace(replace(text, "\u201c", "\""), "\u201d", "\""), ",\n        ]", "]"), ",\n     ]", "]")

test_fails_when_repaired_original_4_denies_profiles_and_everything if {
	ids := _ids(_plan(4, _repair(_original_4)))
	ids == {"MG-0008", "MG-0014", "MG-0019"}
}

test_fails_when_repaired_original_2_denies_profiles if {
	_ids(_plan(2, _repair(_original_2))) == {"MG-0008"}
}

test_fails_when_repaired_original_3_is_a_deny_list if {
	_ids(_plan(3, _repair(_original_3))) == {"MG-0006"}
}

test_findings_are_sorted_by_severity_rule_address_message if {
	plan := testing.plan([
		testing.rc_text("aws_iam_policy", "aws_iam_policy.b", _original_5),
		testing.rc_text("aws_iam_policy", "aws_iam_policy.a", "{,}"),
		testing.rc_doc("aws_organizations_policy", "aws_organizations_policy.z", {"Statement": []}),
	])
	keys := [[f.severity, f.ruleId, f.address] | some f in _findings(plan)]
	keys == [
		["CRITICAL", "MG-0001", "aws_iam_policy.a"],
		["HIGH", "MG-0003", "aws_organizations_policy.z"],
		["HIGH", "MG-0005", "aws_iam_policy.b"],
		["HIGH", "MG-0005", "aws_iam_policy.b"],
		["HIGH", "MG-0005", "aws_iam_policy.b"],
		["HIGH", "MG-0015", "aws_iam_policy.b"],
		["MEDIUM", "MG-0002", "aws_organizations_policy.z"],
	]
	count(main.deny) == 7 with input as plan
}

test_passes_when_plan_is_empty if {
	main.findings == [] with input as {"plan": {"format_version": "1.2"}}
}

test_fails_closed_when_the_plan_is_missing if {
	# GIVEN no plan object (what OPA's wasm runtime makes of JSON it cannot parse) THEN MG-0024, never a pass
	[f.ruleId | some f in main.findings] == ["MG-0024"] with input as {}
	[f.ruleId | some f in main.findings] == ["MG-0024"] with input as null
}
