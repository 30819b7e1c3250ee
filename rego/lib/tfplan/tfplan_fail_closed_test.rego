# Fail-closed cases of lib.tfplan: written policy-bearing resources whose text is null, missing, not a
# string or unknown (also as a whole object, or nested), organizations policies with no planned values,
# and aws_iam_role inline_policy blocks. Helpers (_rc, _managed, _data_doc, _plan) are in tfplan_test.rego.
package lib.tfplan_test

import data.lib.tfplan

# ---- unknown: fail closed on every written policy whose text is not a known string

test_unknown_reports_null_policy_and_scp_content if {
	pol := _managed("aws_iam_policy", "aws_iam_policy.a", {"name": "a", "policy": null})
	scp := _managed("aws_organizations_policy", "aws_organizations_policy.a", {"type": "SERVICE_CONTROL_POLICY", "content": null})
	tfplan.unknown == {
		{"rc": pol, "attr": "policy", "found": "null"},
		{"rc": scp, "attr": "content", "found": "null"},
	} with input as _plan([pol, scp])
	tfplan.policies == set() with input as _plan([pol, scp])
}

test_unknown_reports_non_string_policy_types if {
	obj := _managed("aws_iam_policy", "aws_iam_policy.obj", {"policy": _policy_doc})
	num := _managed("aws_iam_role_policy", "aws_iam_role_policy.num", {"policy": 7})
	arr := _managed("aws_iam_user_policy", "aws_iam_user_policy.arr", {"policy": [_policy]})
	boo := _managed("aws_organizations_policy", "aws_organizations_policy.boo", {"content": true})
	tfplan.unknown == {
		{"rc": obj, "attr": "policy", "found": "object"},
		{"rc": num, "attr": "policy", "found": "number"},
		{"rc": arr, "attr": "policy", "found": "array"},
		{"rc": boo, "attr": "content", "found": "boolean"},
	} with input as _plan([obj, num, arr, boo])
}

test_unknown_reports_a_non_string_optional_policy if {
	obj := _managed("awscc_sso_permission_set", "awscc_sso_permission_set.obj", {"name": "o", "inline_policy": _policy_doc})
	num := _managed("awscc_sso_permission_set", "awscc_sso_permission_set.num", {"name": "n", "inline_policy": 7})
	unset := _managed("awscc_sso_permission_set", "awscc_sso_permission_set.unset", {"name": "u", "inline_policy": null})
	tfplan.unknown == {
		{"rc": obj, "attr": "inline_policy", "found": "object"},
		{"rc": num, "attr": "inline_policy", "found": "number"},
	} with input as _plan([obj, num, unset])
}

test_unknown_reports_missing_policy_attribute_or_after if {
	rc := _rc("managed", "aws_iam_group_policy", "aws_iam_group_policy.a", ["create"], {}, {})
	no_unknown := object.union(rc, {"change": {"actions": ["update"], "before": {}, "after": {}, "after_unknown": null}})
	null_after := _rc("managed", "aws_iam_policy", "aws_iam_policy.n", ["create"], null, {})
	tfplan.unknown == {
		{"rc": rc, "attr": "policy", "found": "missing"},
		{"rc": no_unknown, "attr": "policy", "found": "missing"},
		{"rc": null_after, "attr": "policy", "found": "missing"},
	} with input as _plan([rc, no_unknown, null_after])
}

test_unknown_reports_missing_document_text_once if {
	rc := _data_doc("data.aws_iam_policy_document.a", {"statement": []}, {})
	tfplan.unknown == {{"rc": rc, "attr": "json", "found": "missing"}} with input as _plan([rc])
	null_json := _data_doc("data.aws_iam_policy_document.b", {"json": null, "minified_json": null}, {})
	tfplan.unknown == {{"rc": null_json, "attr": "json", "found": "null"}} with input as _plan([null_json])
}

test_unknown_reports_whole_object_unknown if {
	pol := _rc("managed", "aws_iam_policy", "aws_iam_policy.a", ["create"], null, true)
	doc := _data_doc("data.aws_iam_policy_document.a", null, true)
	tfplan.unknown == {
		{"rc": pol, "attr": "policy", "found": "unknown"},
		{"rc": doc, "attr": "json", "found": "unknown"},
	} with input as _plan([pol, doc])
}

test_unknown_reports_nested_and_non_false_markers if {
	nested := _rc("managed", "aws_iam_policy", "aws_iam_policy.nested", ["create"], {}, {"policy": [true]})
	obj := _rc("managed", "aws_iam_policy", "aws_iam_policy.obj", ["update"], {}, {"policy": {"x": true}})
	null_marker := _rc("managed", "aws_iam_policy", "aws_iam_policy.nul", ["create"], {}, {"policy": null})
	tfplan.unknown == {
		{"rc": nested, "attr": "policy", "found": "unknown"},
		{"rc": obj, "attr": "policy", "found": "unknown"},
		{"rc": null_marker, "attr": "policy", "found": "unknown"},
	} with input as _plan([nested, obj, null_marker])
}

test_unknown_prefers_an_unknown_attribute_to_a_missing_one if {
	rc := _data_doc("data.aws_iam_policy_document.a", {"json": null}, {"minified_json": [true]})
	tfplan.unknown == {{"rc": rc, "attr": "minified_json", "found": "unknown"}} with input as _plan([rc])
}

test_unknown_scp_with_null_or_absent_after if {
	null_after := _rc("managed", "aws_organizations_policy", "aws_organizations_policy.a", ["create"], null, {"content": true})
	no_after := {
		"address": "aws_organizations_policy.b", "mode": "managed", "type": "aws_organizations_policy",
		"change": {"actions": ["create"], "after_unknown": {"content": true}},
	}
	tfplan.unknown == {
		{"rc": null_after, "attr": "content", "found": "unknown"},
		{"rc": no_after, "attr": "content", "found": "unknown"},
	} with input as _plan([null_after, no_after])
}

test_kind_scp_when_after_is_null_absent_or_type_unknown if {
	tfplan.kind(_rc("managed", "aws_organizations_policy", "a", ["create"], null, {"content": true})) == "scp"
	tfplan.kind({"type": "aws_organizations_policy", "change": {"actions": ["create"]}}) == "scp"
	tfplan.kind(_rc("managed", "aws_organizations_policy", "a", ["create"], {}, {"type": true, "content": true})) == "scp"
	tfplan.kind(_managed("aws_organizations_policy", "a", {"content": "{}", "type": 7})) == "scp"
}

test_unknown_data_source_reads_and_deletes_as_before if {
	read := _data_doc("data.aws_iam_policy_document.a", {"json": _policy}, {})
	gone := _rc("managed", "aws_iam_policy", "aws_iam_policy.gone", ["delete"], null, {})
	gone_unknown := _rc("managed", "aws_organizations_policy", "aws_organizations_policy.gone", ["delete"], null, true)
	noop := _rc("data", "aws_iam_policy_document", "data.aws_iam_policy_document.b", ["no-op"], {}, {})
	tfplan.policies == {{"rc": read, "kind": "document", "attr": "json", "text": _policy}} with input as _plan([read, gone, gone_unknown, noop])
	tfplan.unknown == set() with input as _plan([read, gone, gone_unknown, noop])
}

# ---- aws_iam_role inline_policy blocks

_role(actions, after, after_unknown) := _rc("managed", "aws_iam_role", "aws_iam_role.r", actions, after, after_unknown)

test_inline_policy_blocks_are_inline_policies if {
	rc := _role(
		["create"], {"name": "r", "inline_policy": [
			{"name": "a", "policy": _policy},
			{"name": "b", "policy": "{"},
		]},
		{"arn": true, "inline_policy": [{}, {}]},
	)
	tfplan.policies == {
		{"rc": rc, "kind": "inline", "attr": "inline_policy[0].policy", "text": _policy},
		{"rc": rc, "kind": "inline", "attr": "inline_policy[1].policy", "text": "{"},
	} with input as _plan([rc])
	tfplan.unknown == set() with input as _plan([rc])
	{[d.rc.address, d.kind, d.attr] | some d in tfplan.identity_documents} == {["aws_iam_role.r", "inline", "inline_policy[0].policy"]} with input as _plan([rc])
}

test_inline_policy_unknown_block_policy if {
	# the policy of the second block is computed: dropped from after, marked in after_unknown
	rc := _role(["update"], {"inline_policy": [{"name": "a", "policy": _policy}, {"name": "b"}]}, {"inline_policy": [{}, {"policy": true}]})
	tfplan.unknown == {{"rc": rc, "attr": "inline_policy[1].policy", "found": "unknown"}} with input as _plan([rc])
	tfplan.policies == {{"rc": rc, "kind": "inline", "attr": "inline_policy[0].policy", "text": _policy}} with input as _plan([rc])
}

test_inline_policy_unknown_element_and_nested_marker if {
	# a wholly unknown element is null in after; a nested marker ([true]) is unknown too
	rc := _role(["create"], {"inline_policy": [null, {"name": "b"}]}, {"inline_policy": [true, {"policy": [true]}]})
	tfplan.unknown == {
		{"rc": rc, "attr": "inline_policy[0].policy", "found": "unknown"},
		{"rc": rc, "attr": "inline_policy[1].policy", "found": "unknown"},
	} with input as _plan([rc])
}

test_inline_policy_non_string_block_policy if {
	rc := _role(["create"], {"inline_policy": [{"name": "a", "policy": _policy_doc}, {"name": "b", "policy": 3}]}, {})
	tfplan.unknown == {
		{"rc": rc, "attr": "inline_policy[0].policy", "found": "object"},
		{"rc": rc, "attr": "inline_policy[1].policy", "found": "number"},
	} with input as _plan([rc])
	tfplan.policies == set() with input as _plan([rc])
}

test_inline_policy_empty_block_and_no_blocks_are_not_policies if {
	empty := _role(["create"], {"inline_policy": [{"name": "", "policy": ""}]}, {"inline_policy": [{}]})
	nulls := _role(["update"], {"inline_policy": [{"name": null, "policy": null}, {}]}, {"inline_policy": [{}, {}]})
	none := _role(["update"], {"name": "r", "inline_policy": []}, {"inline_policy": []})
	absent := _role(["update"], {"name": "r"}, {})
	tfplan.policies == set() with input as _plan([empty, nulls, none, absent])
	tfplan.unknown == set() with input as _plan([empty, nulls, none, absent])
}

test_inline_policy_set_unknown_without_configuration if {
	# CDKTF synth output (no configuration): inline_policy is unknown only when it was interpolated
	rc := _role(["create"], {"name": "r"}, {"inline_policy": true})
	tfplan.unknown == {{"rc": rc, "attr": "inline_policy", "found": "unknown"}} with input as _plan([rc])
	whole := _role(["create"], null, true)
	tfplan.unknown == {{"rc": whole, "attr": "inline_policy", "found": "unknown"}} with input as _plan([whole])
}

_config(resources) := {"root_module": {
	"resources": [{"address": "aws_iam_role.other", "mode": "managed", "type": "aws_iam_role", "name": "other", "expressions": {}}],
	"module_calls": {"m": {"module": {"resources": resources}}},
}}

test_inline_policy_set_unknown_skipped_when_configuration_has_no_block if {
	# a new role without inline_policy plans the optional+computed set as unknown
	rc := object.union(_role(["create"], {"name": "r"}, {"arn": true, "inline_policy": true}), {"name": "r", "module_address": "module.m"})
	config := _config([{"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r", "expressions": {"name": {"constant_value": "r"}}}])
	plan := {"plan": {"format_version": "1.2", "resource_changes": [rc], "configuration": config}}
	tfplan.unknown == set() with input as plan
}

test_inline_policy_set_unknown_reported_when_configuration_has_block if {
	rc := object.union(_role(["create"], {"name": "r"}, {"inline_policy": true}), {"name": "r"})
	configured := {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r", "expressions": {"inline_policy": [{"policy": {"references": ["data.aws_iam_policy_document.d.json"]}}]}}
	bare := {"address": "aws_iam_role.r", "type": "aws_iam_role", "name": "r"}
	with_block := {"plan": {"resource_changes": [rc], "configuration": _config([configured, bare])}}
	tfplan.unknown == {{"rc": rc, "attr": "inline_policy", "found": "unknown"}} with input as with_block
	elsewhere := {"plan": {"resource_changes": [rc], "configuration": _config([])}}
	tfplan.unknown == {{"rc": rc, "attr": "inline_policy", "found": "unknown"}} with input as elsewhere
}

test_inline_policy_set_unknown_judged_by_its_own_module_configuration if {
	# GIVEN module.worker's aws_iam_role.this (no block) and module.api's aws_iam_role.this (with a block)
	rc := object.union(_role(["create"], {"name": "w"}, {"inline_policy": true}), {"name": "this", "module_address": "module.worker"})
	bare := {"address": "aws_iam_role.this", "mode": "managed", "type": "aws_iam_role", "name": "this", "expressions": {"name": {"constant_value": "w"}}}
	blocked := {"address": "aws_iam_role.this", "mode": "managed", "type": "aws_iam_role", "name": "this", "expressions": {"inline_policy": [{"policy": {"references": ["data.aws_iam_policy_document.d.json"]}}]}}
	config := {"root_module": {"module_calls": {
		"worker": {"module": {"resources": [bare]}},
		"api": {"module": {"resources": [blocked]}},
	}}}

	# WHEN judged THEN the worker role's unknown set is the provider's computed default: not reported
	tfplan.unknown == set() with input as {"plan": {"resource_changes": [rc], "configuration": config}}
}

test_inline_policy_ignored_for_deletes_and_no_ops if {
	gone := _role(["delete"], null, {"inline_policy": true})
	noop := _role(["no-op"], {"inline_policy": [{"name": "a", "policy": _policy}]}, {})
	tfplan.policies == set() with input as _plan([gone, noop])
	tfplan.unknown == set() with input as _plan([gone, noop])
}

test_inline_policy_judged_whatever_the_provider if {
	other := object.union(_role(["create"], {"inline_policy": [{"name": "a", "policy": _policy}]}, {}), {"provider_name": "registry.terraform.io/hashicorp/awscc"})
	count(tfplan.policies) == 1 with input as _plan([other])
}
