# METADATA
# title: Test helpers
# description: Builds small plans (input documents) and a catalog sample for the rule tests.
# scope: package
package lib.testing

provider := "registry.terraform.io/hashicorp/aws"

# plan wraps resource changes as the gate does
plan(rcs) := {"plan": {"format_version": "1.2", "terraform_version": "1.14.0", "resource_changes": rcs}}

_attr := {
	"aws_organizations_policy": "content",
	"aws_iam_policy": "policy",
	"aws_iam_role_policy": "policy",
	"aws_iam_user_policy": "policy",
	"aws_iam_group_policy": "policy",
	"aws_iam_policy_document": "json",
}

# rc_text: a created resource whose policy attribute holds text verbatim
rc_text(type, address, text) := {
	"address": address,
	"mode": _mode(type),
	"type": type,
	"name": "x",
	"provider_name": provider,
	"change": {
		"actions": _actions(type),
		"before": null,
		"after": {_attr[type]: text},
		"after_unknown": {},
	},
}

# rc_doc: a created resource whose policy attribute holds the minified JSON of doc
rc_doc(type, address, doc) := rc_text(type, address, json.marshal(doc))

# rc_unknown: a created resource whose policy text is computed during apply
rc_unknown(type, address) := {
	"address": address,
	"mode": _mode(type),
	"type": type,
	"name": "x",
	"provider_name": provider,
	"change": {
		"actions": _actions(type),
		"before": null,
		"after": {"name": "x"},
		"after_unknown": {_attr[type]: true},
	},
}

_mode("aws_iam_policy_document") := "data"

_mode(type) := "managed" if type != "aws_iam_policy_document"

_actions("aws_iam_policy_document") := ["read"]

_actions(type) := ["create"] if type != "aws_iam_policy_document"

doc(statements) := {"Version": "2012-10-17", "Statement": statements}

scp_doc_plan(d) := plan([rc_doc("aws_organizations_policy", "aws_organizations_policy.this", d)])

iam_doc_plan(d) := plan([rc_doc("aws_iam_policy", "aws_iam_policy.this", d)])

# scp_plan: an allow-list SCP that exempts resources from the invoke deny
scp_plan(resources) := scp_doc_plan(doc([{
	"Sid": "DenyInvokeExceptApproved",
	"Effect": "Deny",
	"Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
	"NotResource": resources,
}]))

# iam_plan: an identity policy that allows invoking resources
iam_plan(resources) := iam_doc_plan(doc([{
	"Sid": "AllowInvoke",
	"Effect": "Allow",
	"Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
	"Resource": resources,
}]))

# a sample of the reviewed catalog (catalog/models.json, snapshot 2026-08-21)
catalog := {"snapshotDate": "2026-08-21", "models": {
	"amazon.nova-lite-v1:0": _m("amazon", ["apac", "ca", "eu", "us"], false, null),
	"amazon.nova-pro-v1:0": _m("amazon", ["apac", "eu", "us"], false, null),
	"amazon.nova-2-lite-v1:0": _m("amazon", ["eu", "global", "jp", "us"], false, null),
	"amazon.nova-canvas-v1:0": _m("amazon", [], false, null),
	"anthropic.claude-haiku-4-5-20251001-v1:0": _m("anthropic", ["au", "eu", "global", "jp", "us"], true, "prod-xdkflymybwmvi"),
	"anthropic.claude-3-7-sonnet-20250219-v1:0": _m("anthropic", ["apac"], true, "prod-4dlfvry4v5hbi"),
	"anthropic.claude-sonnet-4-20250514-v1:0": _m("anthropic", ["apac", "eu", "global", "us"], true, "prod-4pmewlybdftbs"),
	"deepseek.r1-v1:0": _m("deepseek", ["us"], false, null),
	"deepseek.v3-v1:0": _m("deepseek", [], false, null),
}}

_m(provider_id, prefixes, marketplace, product_id) := {
	"provider": provider_id,
	"lifecycle": "ACTIVE",
	"hasFoundationModelArn": true,
	"onDemand": true,
	"profilePrefixes": prefixes,
	"marketplace": marketplace,
	"productId": product_id,
}

# approving: the data.modelgate.approved document for a list of model IDs
approving(models) := {"models": models, "productIds": []}

# a sample of the bundled AWS-managed policy snapshot (catalog/managed-policies.json)
managed_policies := {"snapshotDate": "2026-08-21", "source": "test", "policies": {
	"AmazonBedrockFullAccess": {"version": "v11", "statements": [
		{"Sid": "BedrockAll", "Effect": "Allow", "Action": ["bedrock:*"], "Resource": "*"},
		{"Sid": "BedrockMantleAll", "Effect": "Allow", "Action": ["bedrock-mantle:*"], "Resource": "*"},
	]},
	"PowerUserAccess": {"version": "v12", "statements": [{
		"Effect": "Allow",
		"NotAction": ["iam:*", "organizations:*", "account:*"],
		"Resource": "*",
	}]},
	"AmazonS3ReadOnlyAccess": {"version": "v3", "statements": []},
}}

# ---- per-target approved sets: Workloads approves nova-lite and nova-pro in us and eu, Sandbox and its account
# 333344445555 nova-lite in us only (as config/approved-set.ts writes data.modelgate.approved)

wkld := "ou-ab12-wkld0001"

sbox := "ou-ab12-sbox0002"

sbox_account := "333344445555"

_lite := "amazon.nova-lite-v1:0"

_pro := "amazon.nova-pro-v1:0"

# the Marketplace product of Claude Haiku 4.5, approved (as if with its model) for Workloads only
haiku_product := "prod-xdkflymybwmvi"

per_target_config := {
	"models": [_lite, _pro], "productIds": [haiku_product], "literalPatterns": [], "geographies": ["eu", "us"],
	"scopes": [
		{"models": [_lite, _pro], "productIds": [haiku_product], "literalPatterns": [], "geographies": ["eu", "us"]},
		{"models": [_lite], "productIds": [], "literalPatterns": [], "geographies": ["us"]},
	],
	"targets": {wkld: 0, sbox: 1, sbox_account: 1},
}

# allow_list(models, geographies): the text of a Deny-style allow-list exempting the models' foundation models and
# their profiles in the geographies
allow_list(models, geographies) := json.marshal(doc([{
	"Effect": "Deny", "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
	"NotResource": array.concat(
		[concat("", ["arn:aws:bedrock:*::foundation-model/", m]) | some m in models],
		[concat("", ["arn:aws:bedrock:*:*:inference-profile/", g, ".", m]) | some m in models; some g in geographies],
	),
}]))

wkld_list := allow_list([_lite, _pro], ["eu", "us"])

sbox_list := allow_list([_lite], ["us"])

# scp_rc / attachment_rc / node_rc: resource changes with both states given (null: absent)
scp_rc(address, actions, before, after) := {
	"address": address, "mode": "managed", "type": "aws_organizations_policy", "name": "x", "provider_name": provider,
	"change": {"actions": actions, "before": before, "after": after, "after_unknown": {}},
}

attachment_rc(address, actions, before, after) := {
	"address": address, "mode": "managed", "type": "aws_organizations_policy_attachment", "name": "x",
	"provider_name": provider,
	"change": {"actions": actions, "before": before, "after": after, "after_unknown": {}},
}

node_rc(address, type, actions, before, after) := {
	"address": address, "mode": "managed", "type": type, "name": "x", "provider_name": provider,
	"change": {"actions": actions, "before": before, "after": after, "after_unknown": {}},
}

# the rendered lists: Workloads' and Sandbox's SCPs attached to their OUs, unchanged
rendered_lists := [
	scp_rc("aws_organizations_policy.wkld", ["no-op"], {"id": "p-wkld", "content": wkld_list}, {"id": "p-wkld", "content": wkld_list}),
	scp_rc("aws_organizations_policy.sbox", ["no-op"], {"id": "p-sbox", "content": sbox_list}, {"id": "p-sbox", "content": sbox_list}),
	_kept_attachment("wkld", "p-wkld", wkld),
	_kept_attachment("sbox", "p-sbox", sbox),
]

_kept_attachment(name, policy_id, target) := attachment_rc(
	concat("", ["aws_organizations_policy_attachment.", name]), ["no-op"],
	{"policy_id": policy_id, "target_id": target}, {"policy_id": policy_id, "target_id": target},
)
