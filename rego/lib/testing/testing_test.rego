package lib.testing_test

import data.lib.testing
import data.lib.tfplan

_aws := "registry.terraform.io/hashicorp/aws"

_invoke := ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]

_nova := "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"

# ---- plan

test_plan_wraps_resource_changes_as_the_gate_does if {
	testing.plan([{"address": "a"}]) == {"plan": {
		"format_version": "1.2",
		"terraform_version": "1.14.0",
		"resource_changes": [{"address": "a"}],
	}}
	testing.plan([]) == {"plan": {"format_version": "1.2", "terraform_version": "1.14.0", "resource_changes": []}}
}

test_provider_is_hashicorp_aws if {
	testing.provider == _aws
}

# ---- rc_text, rc_doc, rc_unknown

test_rc_text_builds_created_managed_resource if {
	testing.rc_text("aws_iam_policy", "aws_iam_policy.a", "{}") == {
		"address": "aws_iam_policy.a",
		"mode": "managed",
		"type": "aws_iam_policy",
		"name": "x",
		"provider_name": _aws,
		"change": {"actions": ["create"], "before": null, "after": {"policy": "{}"}, "after_unknown": {}},
	}
}

test_rc_text_builds_read_data_source_for_policy_document if {
	testing.rc_text("aws_iam_policy_document", "data.aws_iam_policy_document.d", "{}") == {
		"address": "data.aws_iam_policy_document.d",
		"mode": "data",
		"type": "aws_iam_policy_document",
		"name": "x",
		"provider_name": _aws,
		"change": {"actions": ["read"], "before": null, "after": {"json": "{}"}, "after_unknown": {}},
	}
}

test_rc_text_uses_the_policy_attribute_of_each_type if {
	testing.rc_text("aws_organizations_policy", "a", "t").change.after == {"content": "t"}
	testing.rc_text("aws_iam_role_policy", "a", "t").change.after == {"policy": "t"}
	testing.rc_text("aws_iam_user_policy", "a", "t").change.after == {"policy": "t"}
	testing.rc_text("aws_iam_group_policy", "a", "t").change.after == {"policy": "t"}
}

test_rc_text_keeps_text_verbatim if {
	text := "{\n  \"Version\": \"2012-10-17\",\n}"
	testing.rc_text("aws_iam_policy", "aws_iam_policy.a", text).change.after.policy == text
}

test_rc_doc_holds_minified_json_of_doc if {
	rc := testing.rc_doc("aws_iam_policy", "aws_iam_policy.a", {"Version": "2012-10-17", "Statement": []})
	rc.change.after == {"policy": `{"Statement":[],"Version":"2012-10-17"}`}
	rc == testing.rc_text("aws_iam_policy", "aws_iam_policy.a", `{"Statement":[],"Version":"2012-10-17"}`)
}

test_rc_unknown_marks_policy_attribute_unknown if {
	testing.rc_unknown("aws_iam_role_policy", "aws_iam_role_policy.a") == {
		"address": "aws_iam_role_policy.a",
		"mode": "managed",
		"type": "aws_iam_role_policy",
		"name": "x",
		"provider_name": _aws,
		"change": {"actions": ["create"], "before": null, "after": {"name": "x"}, "after_unknown": {"policy": true}},
	}
}

test_rc_unknown_of_policy_document_is_a_read_with_unknown_json if {
	rc := testing.rc_unknown("aws_iam_policy_document", "data.aws_iam_policy_document.d")
	rc.mode == "data"
	rc.change.actions == ["read"]
	rc.change.after_unknown == {"json": true}
}

# ---- the builders' resources are the ones lib.tfplan judges

test_rc_text_of_every_type_is_a_policy_in_tfplan if {
	types := ["aws_organizations_policy", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_policy_document"]
	rcs := [testing.rc_text(t, concat(".", [t, "a"]), "{}") | some t in types]
	got := {[p.rc.type, p.kind, p.attr, p.text] | some p in tfplan.policies} with input as testing.plan(rcs)
	got == {
		["aws_organizations_policy", "scp", "content", "{}"],
		["aws_iam_policy", "managed", "policy", "{}"],
		["aws_iam_role_policy", "inline", "policy", "{}"],
		["aws_iam_user_policy", "inline", "policy", "{}"],
		["aws_iam_group_policy", "inline", "policy", "{}"],
		["aws_iam_policy_document", "document", "json", "{}"],
	}
}

test_rc_unknown_of_every_type_is_unknown_in_tfplan if {
	types := ["aws_organizations_policy", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_policy_document"]
	rcs := [testing.rc_unknown(t, t) | some t in types]
	got := {[u.rc.address, u.attr] | some u in tfplan.unknown} with input as testing.plan(rcs)
	got == {
		["aws_organizations_policy", "content"],
		["aws_iam_policy", "policy"],
		["aws_iam_role_policy", "policy"],
		["aws_iam_policy_document", "json"],
	}
	tfplan.policies == set() with input as testing.plan(rcs)
}

# ---- doc, scp_plan, iam_plan

test_doc_wraps_statements_with_version if {
	testing.doc([{"Effect": "Allow"}]) == {"Version": "2012-10-17", "Statement": [{"Effect": "Allow"}]}
}

test_scp_doc_plan_is_one_created_scp if {
	d := testing.doc([])
	testing.scp_doc_plan(d) == testing.plan([testing.rc_doc("aws_organizations_policy", "aws_organizations_policy.this", d)])
}

test_iam_doc_plan_is_one_created_managed_policy if {
	d := testing.doc([])
	testing.iam_doc_plan(d) == testing.plan([testing.rc_doc("aws_iam_policy", "aws_iam_policy.this", d)])
}

test_scp_plan_is_an_invoke_deny_with_not_resource if {
	docs := [[d.rc.address, d.doc] | some d in tfplan.scp_documents] with input as testing.scp_plan([_nova])
	docs == [[
		"aws_organizations_policy.this",
		{"Version": "2012-10-17", "Statement": [{
			"Sid": "DenyInvokeExceptApproved",
			"Effect": "Deny",
			"Action": _invoke,
			"NotResource": [_nova],
		}]},
	]]
	tfplan.identity_documents == set() with input as testing.scp_plan([_nova])
}

test_iam_plan_is_an_invoke_allow_on_resources if {
	docs := [[d.rc.address, d.kind, d.doc] | some d in tfplan.identity_documents] with input as testing.iam_plan([_nova])
	docs == [[
		"aws_iam_policy.this",
		"managed",
		{"Version": "2012-10-17", "Statement": [{
			"Sid": "AllowInvoke",
			"Effect": "Allow",
			"Action": _invoke,
			"Resource": [_nova],
		}]},
	]]
	tfplan.scp_documents == set() with input as testing.iam_plan([_nova])
}

# ---- catalog and approving (the shape of data.modelgate)

test_catalog_sample_shape if {
	testing.catalog.snapshotDate == "2026-08-21"
	count(testing.catalog.models) == 9
	testing.catalog.models["amazon.nova-lite-v1:0"] == {
		"provider": "amazon",
		"lifecycle": "ACTIVE",
		"hasFoundationModelArn": true,
		"onDemand": true,
		"profilePrefixes": ["apac", "ca", "eu", "us"],
		"marketplace": false,
		"productId": null,
	}
}

test_catalog_sample_has_marketplace_and_profile_less_models if {
	testing.catalog.models["anthropic.claude-haiku-4-5-20251001-v1:0"].marketplace == true
	testing.catalog.models["anthropic.claude-haiku-4-5-20251001-v1:0"].productId == "prod-xdkflymybwmvi"
	testing.catalog.models["deepseek.v3-v1:0"].profilePrefixes == []
	{id | some id, m in testing.catalog.models; m.marketplace} == {
		"anthropic.claude-haiku-4-5-20251001-v1:0",
		"anthropic.claude-3-7-sonnet-20250219-v1:0",
		"anthropic.claude-sonnet-4-20250514-v1:0",
	}
}

test_approving_builds_approved_document if {
	testing.approving(["amazon.nova-lite-v1:0"]) == {"models": ["amazon.nova-lite-v1:0"], "productIds": []}
}
