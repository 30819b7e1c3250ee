package lib.tfplan_test

import data.lib.tfplan

_aws := "registry.terraform.io/hashicorp/aws"

_policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`

_policy_doc := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}

# a resource change in the shape of `terraform show -json`
_rc(mode, type, address, actions, after, after_unknown) := {
	"address": address,
	"mode": mode,
	"type": type,
	"name": "x",
	"provider_name": _aws,
	"change": {"actions": actions, "before": null, "after": after, "after_unknown": after_unknown},
}

_managed(type, address, after) := _rc("managed", type, address, ["create"], after, {})

_data_doc(address, after, after_unknown) := _rc("data", "aws_iam_policy_document", address, ["read"], after, after_unknown)

_plan(rcs) := {"plan": {"format_version": "1.2", "resource_changes": rcs}}

# ---- resource_changes

test_resource_changes_is_empty_without_a_plan if {
	tfplan.resource_changes == set() with input as {}
	tfplan.resource_changes == set() with input as {"plan": {"format_version": "1.2"}}
}

test_resource_changes_keeps_only_objects if {
	rc := _managed("aws_iam_policy", "aws_iam_policy.a", {"policy": _policy})
	tfplan.resource_changes == {rc} with input as _plan([rc, "aws_iam_policy.b", null, 7, [rc]])
}

test_resource_changes_when_a_deposed_object_shares_the_address if {
	# GIVEN the current SCP and a deposed older copy being destroyed, at one address
	# WHEN read THEN two resources, the deposed one at its address and deposed key
	current := _managed("aws_organizations_policy", "aws_organizations_policy.a", {"content": _policy})
	old := object.union(_rc("managed", "aws_organizations_policy", "aws_organizations_policy.a", ["delete"], null, {}), {"deposed": "0f1e2d3c"})
	{rc.address | some rc in tfplan.resource_changes} == {
		"aws_organizations_policy.a",
		"aws_organizations_policy.a (deposed 0f1e2d3c)",
	} with input as _plan([current, old])
}

# ---- providers

# a resource type names the API it calls, whatever provider serves it (a fork, a renamed local provider)
test_policies_judge_resource_types_whatever_the_provider if {
	rc := object.union(
		_managed("aws_iam_policy", "aws_iam_policy.a", {"policy": _policy}),
		{"provider_name": "registry.terraform.io/acme/awscc"},
	)
	count(tfplan.policies) == 1 with input as _plan([rc])
	tfplan.unknown == set() with input as _plan([rc])
}

test_policies_accept_forked_and_empty_provider_names if {
	base := _managed("aws_iam_policy", "aws_iam_policy.a", {"policy": _policy})
	fork := object.union(base, {"provider_name": "terraform.example.com/acme/aws"})
	empty := object.union(base, {"address": "aws_iam_policy.b", "provider_name": ""})
	tfplan.policies == {
		{"rc": fork, "kind": "managed", "attr": "policy", "text": _policy},
		{"rc": empty, "kind": "managed", "attr": "policy", "text": _policy},
	} with input as _plan([fork, empty])
}

test_policies_accept_opentofu_provider if {
	rc := object.union(
		_managed("aws_iam_policy", "aws_iam_policy.a", {"policy": _policy}),
		{"provider_name": "registry.opentofu.org/hashicorp/aws"},
	)
	tfplan.policies == {{"rc": rc, "kind": "managed", "attr": "policy", "text": _policy}} with input as _plan([rc])
}

# ---- writes / removes: create, update and replace vs no-op, delete and read

test_writes_create_update_and_replace if {
	tfplan.writes({"mode": "managed", "change": {"actions": ["create"]}})
	tfplan.writes({"mode": "managed", "change": {"actions": ["update"]}})
	tfplan.writes({"mode": "managed", "change": {"actions": ["delete", "create"]}})
	tfplan.writes({"mode": "managed", "change": {"actions": ["create", "delete"]}})
}

test_writes_data_source_reads if {
	tfplan.writes({"mode": "data", "change": {"actions": ["read"]}})
}

test_writes_not_no_op_delete_or_managed_read if {
	not tfplan.writes({"mode": "managed", "change": {"actions": ["no-op"]}})
	not tfplan.writes({"mode": "managed", "change": {"actions": ["delete"]}})
	not tfplan.writes({"mode": "managed", "change": {"actions": ["read"]}})
	not tfplan.writes({"mode": "data", "change": {"actions": ["no-op"]}})
	not tfplan.writes({"mode": "data", "change": {"actions": []}})
}

test_removes_only_pure_deletes if {
	tfplan.removes({"change": {"actions": ["delete"]}})
	not tfplan.removes({"change": {"actions": ["delete", "create"]}})
	not tfplan.removes({"change": {"actions": ["create", "delete"]}})
	not tfplan.removes({"change": {"actions": ["create"]}})
	not tfplan.removes({"change": {"actions": ["no-op"]}})
}

test_policies_ignore_no_op_delete_and_managed_read if {
	rcs := [
		_rc("managed", "aws_iam_policy", "aws_iam_policy.noop", ["no-op"], {"policy": _policy}, {}),
		_rc("managed", "aws_iam_policy", "aws_iam_policy.gone", ["delete"], null, {}),
		_rc("managed", "aws_iam_policy", "aws_iam_policy.read", ["read"], {"policy": _policy}, {}),
	]
	tfplan.policies == set() with input as _plan(rcs)
	tfplan.unknown == set() with input as _plan(rcs)
}

test_policies_include_update_and_replace if {
	upd := _rc("managed", "aws_iam_policy", "aws_iam_policy.upd", ["update"], {"policy": _policy}, {})
	rep := _rc("managed", "aws_iam_policy", "aws_iam_policy.rep", ["delete", "create"], {"policy": _policy}, {})
	tfplan.policies == {
		{"rc": upd, "kind": "managed", "attr": "policy", "text": _policy},
		{"rc": rep, "kind": "managed", "attr": "policy", "text": _policy},
	} with input as _plan([upd, rep])
}

# ---- attrs and kind: which resource types and attributes are policy-bearing

test_attrs_of_managed_policy_resources if {
	tfplan.attrs({"mode": "managed", "type": "aws_organizations_policy"}) == ["content"]
	tfplan.attrs({"mode": "managed", "type": "aws_iam_policy"}) == ["policy"]
	tfplan.attrs({"mode": "managed", "type": "aws_iam_role_policy"}) == ["policy"]
	tfplan.attrs({"mode": "managed", "type": "aws_iam_user_policy"}) == ["policy"]
	tfplan.attrs({"mode": "managed", "type": "aws_iam_group_policy"}) == ["policy"]
}

test_attrs_of_policy_document_data_source if {
	tfplan.attrs({"mode": "data", "type": "aws_iam_policy_document"}) == ["json", "minified_json"]
}

test_attrs_undefined_for_other_types_and_modes if {
	not tfplan.attrs({"mode": "managed", "type": "aws_iam_role"})
	not tfplan.attrs({"mode": "managed", "type": "aws_iam_role_policy_attachment"})
	not tfplan.attrs({"mode": "managed", "type": "aws_iam_policy_document"})
	not tfplan.attrs({"mode": "data", "type": "aws_iam_policy"})
}

test_kind_scp_for_service_control_policy_or_unset_type if {
	tfplan.kind(_managed("aws_organizations_policy", "a", {"content": "{}"})) == "scp"
	tfplan.kind(_managed("aws_organizations_policy", "a", {"content": "{}", "type": null})) == "scp"
	tfplan.kind(_managed("aws_organizations_policy", "a", {"content": "{}", "type": "SERVICE_CONTROL_POLICY"})) == "scp"
}

test_kind_undefined_for_other_organizations_policy_types if {
	not tfplan.kind(_managed("aws_organizations_policy", "a", {"content": "{}", "type": "TAG_POLICY"}))
	not tfplan.kind(_managed("aws_organizations_policy", "a", {"content": "{}", "type": "BACKUP_POLICY"}))
	not tfplan.kind(_managed("aws_organizations_policy", "a", {"content": "{}", "type": "AISERVICES_OPT_OUT_POLICY"}))
	not tfplan.kind(_managed("aws_organizations_policy", "a", {"content": "{}", "type": "RESOURCE_CONTROL_POLICY"}))
}

test_kind_of_iam_resources_and_document if {
	tfplan.kind(_managed("aws_iam_policy", "a", {})) == "managed"
	tfplan.kind(_managed("aws_iam_role_policy", "a", {})) == "inline"
	tfplan.kind(_managed("aws_iam_user_policy", "a", {})) == "inline"
	tfplan.kind(_managed("aws_iam_group_policy", "a", {})) == "inline"
	tfplan.kind(_data_doc("a", {}, {})) == "document"
}

test_kind_undefined_for_data_sources_of_managed_types if {
	not tfplan.kind(_rc("data", "aws_iam_policy", "data.aws_iam_policy.a", ["read"], {"policy": _policy}, {}))
	not tfplan.kind(_rc("data", "aws_organizations_policy", "data.aws_organizations_policy.a", ["read"], {"content": "{}"}, {}))
	not tfplan.kind(_managed("aws_iam_policy_document", "a", {"json": _policy}))
	not tfplan.kind(_managed("aws_iam_role", "a", {"assume_role_policy": _policy}))
}

test_identity_kinds if {
	tfplan.identity_kinds == {"managed", "inline", "document"}
}

# ---- policies: one entry per known policy text

test_policies_of_every_policy_bearing_type if {
	scp := _managed("aws_organizations_policy", "aws_organizations_policy.a", {"content": _policy, "type": "SERVICE_CONTROL_POLICY"})
	managed := _managed("aws_iam_policy", "aws_iam_policy.a", {"policy": _policy})
	role := _managed("aws_iam_role_policy", "aws_iam_role_policy.a", {"policy": _policy})
	user := _managed("aws_iam_user_policy", "aws_iam_user_policy.a", {"policy": _policy})
	group := _managed("aws_iam_group_policy", "aws_iam_group_policy.a", {"policy": _policy})
	document := _data_doc("data.aws_iam_policy_document.a", {"json": _policy, "minified_json": _policy}, {})
	tfplan.policies == {
		{"rc": scp, "kind": "scp", "attr": "content", "text": _policy},
		{"rc": managed, "kind": "managed", "attr": "policy", "text": _policy},
		{"rc": role, "kind": "inline", "attr": "policy", "text": _policy},
		{"rc": user, "kind": "inline", "attr": "policy", "text": _policy},
		{"rc": group, "kind": "inline", "attr": "policy", "text": _policy},
		{"rc": document, "kind": "document", "attr": "json", "text": _policy},
	} with input as _plan([scp, managed, role, user, group, document])
}

test_policies_skip_non_policy_resources_and_other_scp_types if {
	rcs := [
		_managed("aws_organizations_policy", "aws_organizations_policy.tag", {"content": _policy, "type": "TAG_POLICY"}),
		_managed("aws_iam_role", "aws_iam_role.a", {"assume_role_policy": _policy}),
		_managed("aws_iam_role_policy_attachment", "aws_iam_role_policy_attachment.a", {"policy_arn": "arn:aws:iam::aws:policy/X"}),
		_managed("aws_s3_bucket_policy", "aws_s3_bucket_policy.a", {"policy": _policy}),
	]
	tfplan.policies == set() with input as _plan(rcs)
	tfplan.unknown == set() with input as _plan(rcs)
}

test_policies_use_minified_json_when_json_is_absent if {
	rc := _data_doc("data.aws_iam_policy_document.a", {"minified_json": _policy}, {})
	tfplan.policies == {{"rc": rc, "kind": "document", "attr": "minified_json", "text": _policy}} with input as _plan([rc])
}

test_policies_prefer_json_over_minified_json if {
	rc := _data_doc("data.aws_iam_policy_document.a", {"json": "{\n  \"Version\": \"2012-10-17\"\n}", "minified_json": "{}"}, {})
	tfplan.policies == {{"rc": rc, "kind": "document", "attr": "json", "text": "{\n  \"Version\": \"2012-10-17\"\n}"}} with input as _plan([rc])
}

test_policies_skip_non_string_policy_attributes if {
	rcs := [
		_managed("aws_iam_policy", "aws_iam_policy.null", {"policy": null}),
		_managed("aws_iam_policy", "aws_iam_policy.obj", {"policy": _policy_doc}),
		_managed("aws_iam_policy", "aws_iam_policy.none", {"name": "x"}),
	]
	tfplan.policies == set() with input as _plan(rcs)
	found := {[u.rc.address, u.attr, u.found] | some u in tfplan.unknown} with input as _plan(rcs)
	found == {
		["aws_iam_policy.null", "policy", "null"],
		["aws_iam_policy.obj", "policy", "object"],
		["aws_iam_policy.none", "policy", "missing"],
	}
}

test_policies_keep_module_count_and_for_each_addresses_verbatim if {
	mod := _managed("aws_iam_policy", `module.a.module.b.aws_iam_policy.x["k"]`, {"policy": _policy})
	cnt := _managed("aws_iam_role_policy", "aws_iam_role_policy.y[0]", {"policy": _policy})
	doc := _data_doc(`module.a["eu"].data.aws_iam_policy_document.z`, {"json": _policy}, {})
	addresses := {p.rc.address | some p in tfplan.policies} with input as _plan([mod, cnt, doc])
	addresses == {`module.a.module.b.aws_iam_policy.x["k"]`, "aws_iam_role_policy.y[0]", `module.a["eu"].data.aws_iam_policy_document.z`}
}

# ---- unknown: policy text computed during apply

test_unknown_reports_computed_managed_policy if {
	rc := _managed("aws_iam_policy", "aws_iam_policy.a", {"name": "a"})
	unknown_rc := object.union(rc, {"change": object.union(rc.change, {"after_unknown": {"policy": true, "arn": true}})})
	tfplan.unknown == {{"rc": unknown_rc, "attr": "policy", "found": "unknown"}} with input as _plan([unknown_rc])
	tfplan.policies == set() with input as _plan([unknown_rc])
}

test_unknown_reports_computed_scp_content if {
	rc := _rc("managed", "aws_organizations_policy", "aws_organizations_policy.a", ["update"], {"type": "SERVICE_CONTROL_POLICY"}, {"content": true})
	tfplan.unknown == {{"rc": rc, "attr": "content", "found": "unknown"}} with input as _plan([rc])
}

test_unknown_reports_only_the_first_document_attribute if {
	rc := _data_doc("data.aws_iam_policy_document.a", {}, {"json": true, "minified_json": true})
	tfplan.unknown == {{"rc": rc, "attr": "json", "found": "unknown"}} with input as _plan([rc])
}

test_unknown_reports_minified_json_when_only_it_is_unknown if {
	rc := _data_doc("data.aws_iam_policy_document.a", {}, {"minified_json": true})
	tfplan.unknown == {{"rc": rc, "attr": "minified_json", "found": "unknown"}} with input as _plan([rc])
}

test_unknown_ignores_known_text_and_unrelated_unknowns if {
	known := _rc("managed", "aws_iam_policy", "aws_iam_policy.known", ["create"], {"policy": _policy}, {"policy": true})
	other := _rc("managed", "aws_iam_policy", "aws_iam_policy.other", ["create"], {"policy": _policy}, {"arn": true, "id": true})
	doc := _data_doc("data.aws_iam_policy_document.a", {"json": _policy}, {"minified_json": true})
	tfplan.unknown == set() with input as _plan([known, other, doc])
}

test_unknown_false_marker_is_not_unknown if {
	rc := _rc("managed", "aws_iam_policy", "aws_iam_policy.a", ["create"], {"name": "a"}, {"policy": false})
	tfplan.unknown == {{"rc": rc, "attr": "policy", "found": "missing"}} with input as _plan([rc])
}

test_unknown_ignores_deletes_and_other_scp_types if {
	gone := _rc("managed", "aws_iam_policy", "aws_iam_policy.gone", ["delete"], null, {"policy": true})
	tag := _rc("managed", "aws_organizations_policy", "aws_organizations_policy.tag", ["create"], {"type": "TAG_POLICY"}, {"content": true})
	tfplan.unknown == set() with input as _plan([gone, tag])
}

# ---- strict_json

test_strict_json_accepts_objects_arrays_and_scalars if {
	tfplan.strict_json(_policy)
	tfplan.strict_json("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}\n")
	tfplan.strict_json("  [1, 2]  ")
	tfplan.strict_json("[]")
	tfplan.strict_json("\"text\"")
	tfplan.strict_json("42")
	tfplan.strict_json("null")
}

test_strict_json_rejects_invalid_json if {
	not tfplan.strict_json("")
	not tfplan.strict_json("{")
	not tfplan.strict_json("{'Version': '2012-10-17'}")
	not tfplan.strict_json("{\"Version\": “2012-10-17”}")
}

test_strict_json_rejects_trailing_commas if {
	not tfplan.strict_json(`{"Action": ["a", "b",]}`)
	not tfplan.strict_json(`{"Action": "a",}`)
	not tfplan.strict_json("[1,\n  ]")
}

test_strict_json_rejects_concatenated_values if {
	not tfplan.strict_json(`{"a": 1}{"b": 2}`)
	not tfplan.strict_json(`{"a": 1} {"b": 2}`)
	not tfplan.strict_json("[1]\n[2]")
	not tfplan.strict_json(`{"a": 1} x`)
}

# OPA's Wasm json.is_valid accepts these; strict_json must reject them anyway (mocked lenient builtin)
test_strict_json_rejects_trailing_comma_that_a_lenient_is_valid_accepts if {
	not tfplan.strict_json(`{"Action": ["a", "b",]}`) with json.is_valid as true
	not tfplan.strict_json(`{"Action": "a" , }`) with json.is_valid as true
}

test_strict_json_rejects_concatenated_values_that_a_lenient_is_valid_accepts if {
	not tfplan.strict_json(`{"a": 1}{"b": 2}`) with json.is_valid as true
	not tfplan.strict_json("[1] \n [2]") with json.is_valid as true
	not tfplan.strict_json(`[1]{"b": 2}`) with json.is_valid as true
	not tfplan.strict_json(`{"a": 1} trailing`) with json.is_valid as true
	not tfplan.strict_json(`[1] 2`) with json.is_valid as true
}

test_strict_json_lenient_is_valid_still_accepts_strict_text if {
	tfplan.strict_json(_policy) with json.is_valid as true
	tfplan.strict_json("7") with json.is_valid as true
}

test_strict_json_reports_strings_that_look_like_trailing_commas if {
	json.is_valid(`{"Sid": "a, ]"}`)
	not tfplan.strict_json(`{"Sid": "a, ]"}`)
	not tfplan.strict_json(`{"Sid": "a}{b"}`)
}

# ---- parsed, documents, identity_documents, scp_documents

test_parsed_holds_only_strict_json if {
	good := _managed("aws_iam_policy", "aws_iam_policy.good", {"policy": _policy})
	comma := _managed("aws_iam_policy", "aws_iam_policy.comma", {"policy": `{"Version": "2012-10-17",}`})
	broken := _managed("aws_iam_policy", "aws_iam_policy.broken", {"policy": "{"})
	tfplan.parsed == {{
		"rc": good, "kind": "managed", "attr": "policy",
		"text": _policy, "doc": _policy_doc,
	}} with input as _plan([good, comma, broken])
}

test_documents_hold_only_json_objects if {
	obj := _managed("aws_iam_policy", "aws_iam_policy.obj", {"policy": _policy})
	arr := _managed("aws_iam_policy", "aws_iam_policy.arr", {"policy": "[]"})
	str := _managed("aws_iam_policy", "aws_iam_policy.str", {"policy": "\"x\""})
	rcs := [obj, arr, str]
	count(tfplan.parsed) == 3 with input as _plan(rcs)
	{d.rc.address | some d in tfplan.documents} == {"aws_iam_policy.obj"} with input as _plan(rcs)
}

test_identity_and_scp_documents_split_by_kind if {
	rcs := [
		_managed("aws_organizations_policy", "aws_organizations_policy.scp", {"content": _policy}),
		_managed("aws_iam_policy", "aws_iam_policy.managed", {"policy": _policy}),
		_managed("aws_iam_group_policy", "aws_iam_group_policy.inline", {"policy": _policy}),
		_data_doc("data.aws_iam_policy_document.doc", {"json": _policy}, {}),
	]
	scp := {[d.rc.address, d.kind, d.doc] | some d in tfplan.scp_documents} with input as _plan(rcs)
	scp == {["aws_organizations_policy.scp", "scp", _policy_doc]}
	identity := {[d.rc.address, d.kind] | some d in tfplan.identity_documents} with input as _plan(rcs)
	identity == {
		["aws_iam_policy.managed", "managed"],
		["aws_iam_group_policy.inline", "inline"],
		["data.aws_iam_policy_document.doc", "document"],
	}
}

# ---- statement_label

test_statement_label_uses_sid if {
	tfplan.statement_label({"Sid": "AllowInvoke", "Effect": "Allow"}, 0) == `statement "AllowInvoke"`
	tfplan.statement_label({"Sid": "", "Effect": "Allow"}, 4) == `statement ""`
}

test_statement_label_uses_one_based_position_without_string_sid if {
	tfplan.statement_label({"Effect": "Allow"}, 0) == "statement 1"
	tfplan.statement_label({"Effect": "Allow"}, 11) == "statement 12"
	tfplan.statement_label({"Sid": 3, "Effect": "Allow"}, 2) == "statement 3"
	tfplan.statement_label({"Sid": null}, 1) == "statement 2"
}

# ---- refers_to: configuration references resolved as Terraform resolves them

_att(address, module, index) := object.union_n([
	{
		"address": address, "mode": "managed", "type": "aws_organizations_policy_attachment", "name": "this",
		"change": {"actions": ["create"], "before": null, "after": {}, "after_unknown": {"policy_id": true}},
	},
	{"module_address": module | module != ""},
	{"index": index | index != null},
])

_scp(address, module, index) := object.union_n([
	{"address": address, "mode": "managed", "type": "aws_organizations_policy", "name": "this"},
	{"module_address": module | module != ""},
	{"index": index | index != null},
])

_config_with(expr) := {"root_module": {
	"resources": [{"address": "aws_organizations_policy_attachment.this", "expressions": {"policy_id": expr}}],
	"module_calls": {"ou": {"module": {"resources": [{
		"address": "aws_organizations_policy_attachment.this",
		"expressions": {"policy_id": expr},
	}]}}},
}}

_refers(att, scp, expr) if tfplan.refers_to(att, "policy_id", scp) with input as {"plan": {"configuration": _config_with(expr)}}

test_refers_to_the_resource_in_the_same_module_instance_only if {
	expr := {"references": ["aws_organizations_policy.this.id", "aws_organizations_policy.this"]}
	att := _att(`module.ou["a"].aws_organizations_policy_attachment.this`, `module.ou["a"]`, null)
	_refers(att, _scp(`module.ou["a"].aws_organizations_policy.this`, `module.ou["a"]`, null), expr)
	not _refers(att, _scp(`module.ou["b"].aws_organizations_policy.this`, `module.ou["b"]`, null), expr)
	not _refers(att, _scp("aws_organizations_policy.this", "", null), expr)
}

test_refers_to_the_same_index_when_indexed_by_count_index_or_each_key if {
	# as terraform show -json writes aws_organizations_policy.this[count.index].id
	by_count := {"references": ["aws_organizations_policy.this", "count.index"]}
	att := _att("aws_organizations_policy_attachment.this[1]", "", 1)
	_refers(att, _scp("aws_organizations_policy.this[1]", "", 1), by_count)
	not _refers(att, _scp("aws_organizations_policy.this[0]", "", 0), by_count)
	by_key := {"references": ["aws_organizations_policy.this", "each.key"]}
	keyed := _att(`aws_organizations_policy_attachment.this["x"]`, "", "x")
	_refers(keyed, _scp(`aws_organizations_policy.this["x"]`, "", "x"), by_key)
	not _refers(keyed, _scp(`aws_organizations_policy.this["y"]`, "", "y"), by_key)
}

test_an_unindexed_reference_refers_to_every_instance if {
	expr := {"references": ["aws_organizations_policy.this"]}
	att := _att("aws_organizations_policy_attachment.this", "", null)
	_refers(att, _scp("aws_organizations_policy.this[0]", "", 0), expr)
	_refers(att, _scp("aws_organizations_policy.this[1]", "", 1), expr)
}

# ---- configuration and state paths: only real module structure

test_module_resource_path_accepts_module_calls_only if {
	tfplan.module_resource_path(["resources", 0])
	tfplan.module_resource_path(["module_calls", "a", "module", "module_calls", "b", "module", "resources", 3])
	not tfplan.module_resource_path(["resources", 0, "expressions", "input", "constant_value", "resources", 0])
	not tfplan.module_resource_path(["variables", "x", "default", "resources", 0])
	not tfplan.module_resource_path(["module_calls", "a", "expressions", "resources", 0])
}

test_state_resource_path_accepts_child_modules_only if {
	tfplan.state_resource_path(["resources", 2])
	tfplan.state_resource_path(["child_modules", 0, "child_modules", 1, "resources", 0])
	not tfplan.state_resource_path(["resources", 0, "values", "input", "resources", 0])
	not tfplan.state_resource_path(["child_modules", "x", "resources", 0])
}

test_a_look_alike_in_a_constant_is_not_configuration if {
	fake := {"address": "aws_iam_role_policy_attachment.a", "expressions": {"policy_arn": {"references": ["aws_iam_policy.p"]}}}
	cfg := {"root_module": {"resources": [{
		"address": "terraform_data.d",
		"expressions": {"input": {"constant_value": {"resources": [fake]}}},
	}]}}
	count(tfplan.config_resources) == 1 with input as {"plan": {"configuration": cfg}}
}

test_strict_json_rejects_what_the_two_expressions_reject_with_any_white_space_between if {
	not tfplan.strict_json("[1,\t\n\r ]")
	not tfplan.strict_json(`{"a":1 , }`)
	not tfplan.strict_json(`{"a":1} {"b":2}`)
	not tfplan.strict_json("[1]\n[2]")
	not tfplan.strict_json(`{"a":"x, ]"}`) # inside a string too: no IAM policy needs it
	tfplan.strict_json(`{"a":"}\n{"}`) # an escaped newline is no white space
	tfplan.strict_json(`{"a":[1, 2], "b":{"c":[]}}`)
	tfplan.strict_json(`{"a":",x]"}`)
}

# wasm's json.is_valid admits content after the first value, Go's does not: these are rejected by _one_value in
# wasm (the adversarial corpus runs them there) and by json.is_valid here
test_strict_json_rejects_content_after_the_value if {
	g := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	not tfplan.strict_json(concat("", [g, "x}"]))
	not tfplan.strict_json(concat("", [g, "\f\"x\"\f:1}"]))
	not tfplan.strict_json(concat("", [g, `\"x":1}`]))
	not tfplan.strict_json("[1,2]]")
	not tfplan.strict_json(`{"a":1}}`)
	not tfplan.strict_json(`{"a":"}"}"}"}`)
	tfplan.strict_json(concat("", [g, " \n"]))
	tfplan.strict_json(`{"a":"x}y]z{w[\\\"","b":[[],{}]}`)
}
