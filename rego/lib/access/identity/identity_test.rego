package lib.access.identity_test

import data.lib.access.identity
import data.lib.testing

_full := "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"

_invoke_doc := testing.doc([{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"}])

_invoke_stmts := [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"}]

# a created resource change with the given planned values and unknown marks
_rc(type, name, after, unknown) := {
	"address": concat(".", [type, name]),
	"mode": "managed",
	"type": type,
	"name": name,
	"provider_name": testing.provider,
	"change": {"actions": ["create"], "before": null, "after": after, "after_unknown": unknown},
}

# the same inside module "team"
_in_module(rc) := object.union(rc, {"address": concat("", ["module.team.", rc.address]), "module_address": "module.team"})

# a customer-managed policy with a known ARN
_policy(name, arn) := _rc("aws_iam_policy", name, {"name": name, "path": "/", "arn": arn, "policy": json.marshal(_invoke_doc)}, {})

# a customer-managed policy created by this plan (its ARN is computed)
_new_policy(name) := _rc("aws_iam_policy", name, {"name": name, "path": "/", "policy": json.marshal(_invoke_doc)}, {"arn": true})

_units(rcs) := us if {
	us := identity.units with input as testing.plan(rcs)
		with data.modelgate.managedPolicies as testing.managed_policies
}

_unresolved(rcs) := us if {
	us := identity.unresolved with input as testing.plan(rcs)
		with data.modelgate.managedPolicies as testing.managed_policies
}

_attachments(rcs) := atts if {
	atts := identity.attachments with input as testing.plan(rcs)
}

# ---- policy text the plan writes

test_units_when_plan_writes_a_policy if {
	# GIVEN an aws_iam_policy with one statement WHEN units are listed THEN one unit named after its attribute
	rc := testing.rc_doc("aws_iam_policy", "aws_iam_policy.p", _invoke_doc)
	_units([rc]) == {{"rc": rc, "via": "aws_iam_policy.p (policy)", "stmts": _invoke_stmts}}
}

# ---- attachments by resource type

test_attachments_when_each_single_arn_type_attaches if {
	# GIVEN each resource type that attaches one policy by ARN WHEN attachments are listed
	# THEN one attachment each, with the attribute that type uses
	rcs := [
		_rc("aws_iam_role_policy_attachment", "a", {"role": "r", "policy_arn": _full}, {}),
		_rc("aws_iam_user_policy_attachment", "a", {"user": "u", "policy_arn": _full}, {}),
		_rc("aws_iam_group_policy_attachment", "a", {"group": "g", "policy_arn": _full}, {}),
		_rc("aws_iam_policy_attachment", "a", {"roles": ["r"], "policy_arn": _full}, {}),
		_rc("aws_ssoadmin_managed_policy_attachment", "a", {"managed_policy_arn": _full}, {}),
	]
	{[a.rc.type, a.arn, a.attr] | some a in _attachments(rcs)} == {
		["aws_iam_role_policy_attachment", _full, "policy_arn"],
		["aws_iam_user_policy_attachment", _full, "policy_arn"],
		["aws_iam_group_policy_attachment", _full, "policy_arn"],
		["aws_iam_policy_attachment", _full, "policy_arn"],
		["aws_ssoadmin_managed_policy_attachment", _full, "managed_policy_arn"],
	}
}

test_attachments_when_each_list_type_attaches if {
	# GIVEN each resource type that attaches a list of policies WHEN attachments are listed THEN one per ARN
	p := "arn:aws:iam::aws:policy/PowerUserAccess"
	rcs := [
		_rc("aws_iam_role", "a", {"name": "r", "managed_policy_arns": [_full, p]}, {}),
		_rc("aws_iam_role_policy_attachments_exclusive", "a", {"role_name": "r", "policy_arns": [_full]}, {}),
		_rc("aws_iam_user_policy_attachments_exclusive", "a", {"user_name": "u", "policy_arns": [_full]}, {}),
		_rc("aws_iam_group_policy_attachments_exclusive", "a", {"group_name": "g", "policy_arns": [_full]}, {}),
		_rc("awscc_iam_role", "a", {"role_name": "r", "managed_policy_arns": [_full]}, {}),
		_rc("awscc_iam_user", "a", {"user_name": "u", "managed_policy_arns": [_full]}, {}),
		_rc("awscc_iam_group", "a", {"group_name": "g", "managed_policy_arns": [_full]}, {}),
		_rc("awscc_sso_permission_set", "a", {"name": "ps", "managed_policies": [_full]}, {}),
	]
	{[a.rc.type, a.arn, a.attr] | some a in _attachments(rcs)} == {
		["aws_iam_role", _full, "managed_policy_arns"],
		["aws_iam_role", p, "managed_policy_arns"],
		["aws_iam_role_policy_attachments_exclusive", _full, "policy_arns"],
		["aws_iam_user_policy_attachments_exclusive", _full, "policy_arns"],
		["aws_iam_group_policy_attachments_exclusive", _full, "policy_arns"],
		["awscc_iam_role", _full, "managed_policy_arns"],
		["awscc_iam_user", _full, "managed_policy_arns"],
		["awscc_iam_group", _full, "managed_policy_arns"],
		["awscc_sso_permission_set", _full, "managed_policies"],
	}
}

test_attachments_when_resource_is_deleted if {
	# GIVEN an attachment the plan deletes WHEN attachments are listed THEN none (it grants nothing after)
	rc := _rc("aws_iam_role_policy_attachment", "a", {"policy_arn": _full}, {})
	gone := object.union(rc, {"change": {"actions": ["delete"], "before": {"policy_arn": _full}, "after": null}})
	_attachments([gone]) == set()
}

test_units_when_aws_managed_policy_attached if {
	# GIVEN AmazonBedrockFullAccess attached to role r WHEN units are listed THEN its snapshot statements
	rc := _rc("aws_iam_role_policy_attachment", "a", {"role": "r", "policy_arn": _full}, {})
	_units([rc]) == {{
		"rc": rc,
		"via": "AWS-managed policy AmazonBedrockFullAccess (v11) attached by aws_iam_role_policy_attachment.a",
		"stmts": testing.managed_policies.policies.AmazonBedrockFullAccess.statements,
	}}
	_unresolved([rc]) == set()
}

test_units_when_aws_managed_policy_in_other_partition if {
	# GIVEN PowerUserAccess attached in GovCloud WHEN units are listed THEN it resolves by name
	rc := _rc("aws_iam_role_policy_attachment", "a", {"policy_arn": "arn:aws-us-gov:iam::aws:policy/PowerUserAccess"}, {})
	{u.via | some u in _units([rc])} == {"AWS-managed policy PowerUserAccess (v12) attached by aws_iam_role_policy_attachment.a"}
}

test_aws_managed_name_when_policy_has_a_path if {
	# GIVEN AWS-managed ARNs with a path WHEN named THEN the path stays in the name
	identity.aws_managed_name("arn:aws:iam::aws:policy/service-role/AmazonBedrockAgentRole") == "service-role/AmazonBedrockAgentRole"
	identity.aws_managed_name("arn:aws-cn:iam::aws:policy/job-function/ViewOnlyAccess") == "job-function/ViewOnlyAccess"
}

test_aws_managed_name_when_customer_managed if {
	# GIVEN a customer-managed ARN, a role ARN, or no ARN WHEN named THEN undefined
	not identity.aws_managed_name("arn:aws:iam::111122223333:policy/p")
	not identity.aws_managed_name("arn:aws:iam::aws:role/x")
	not identity.aws_managed_name("AmazonBedrockFullAccess")
}

test_unresolved_when_aws_managed_policy_not_in_snapshot if {
	# GIVEN an AWS-managed policy with a path that the snapshot lacks WHEN judged THEN unresolved, saying so
	arn := "arn:aws:iam::aws:policy/service-role/AmazonBedrockAgentRole"
	rc := _rc("aws_iam_role_policy_attachment", "a", {"policy_arn": arn}, {})
	_unresolved([rc]) == {{
		"rc": rc, "arn": arn,
		"why": "the AWS-managed policy service-role/AmazonBedrockAgentRole is not in the bundled snapshot",
	}}
	_units([rc]) == set()
}

test_unresolved_when_customer_policy_not_in_plan if {
	# GIVEN a customer-managed ARN the plan does not describe WHEN judged THEN unresolved
	arn := "arn:aws:iam::111122223333:policy/elsewhere"
	rc := _rc("aws_iam_user_policy_attachment", "a", {"user": "u", "policy_arn": arn}, {})
	_unresolved([rc]) == {{"rc": rc, "arn": arn, "why": "the policy is not defined in this plan, so its text cannot be read"}}
}

test_units_when_customer_policy_arn_is_known if {
	# GIVEN a policy with a known ARN and an attachment naming it WHEN units are listed THEN its statements
	arn := "arn:aws:iam::111122223333:policy/p"
	att := _rc("aws_iam_group_policy_attachment", "a", {"group": "g", "policy_arn": arn}, {})
	us := _units([_policy("p", arn), att])
	{[u.via, u.stmts] | some u in us; u.rc == att} == {["policy aws_iam_policy.p attached by aws_iam_group_policy_attachment.a", _invoke_stmts]}
}

test_units_when_attached_policy_is_deleted if {
	# GIVEN a policy the plan deletes and an attachment that still names it WHEN units are listed
	# THEN the attachment resolves to the text the policy had before
	arn := "arn:aws:iam::111122223333:policy/p"
	before := _policy("p", arn).change.after
	pol := object.union(_policy("p", arn), {"change": {"actions": ["delete"], "before": before, "after": null, "after_unknown": {}}})
	att := _rc("aws_iam_role_policy_attachment", "a", {"policy_arn": arn}, {})
	{u.stmts | some u in _units([pol, att]); u.rc == att} == {_invoke_stmts}
}

# Regression (found by these tests): Terraform omits an unknown attribute from "after"; the _policy_docs clause for unknown text
# tests `not is_string(_after(rc)[attr])`, which OPA leaves undefined when the key is missing, so the attachment
# is reported unresolved instead of resolving to the policy (compare the test below with "policy": null).
test_units_when_policy_text_is_unknown if {
	# GIVEN a policy whose text and ARN are computed, referenced by the attachment WHEN units are listed
	# THEN the attachment resolves with no statements (MG-0004 reports the unknown text)
	pol := _rc("aws_iam_policy", "p", {"name": "p"}, {"arn": true, "policy": true})
	att := _rc("aws_iam_role_policy_attachment", "a", {"role": "r"}, {"policy_arn": true})
	cfg := {"root_module": {"resources": [{
		"address": "aws_iam_role_policy_attachment.a",
		"expressions": {"policy_arn": {"references": ["aws_iam_policy.p.arn", "aws_iam_policy.p"]}},
	}]}}
	us := identity.units with input as object.union(testing.plan([pol, att]), {"plan": {"configuration": cfg}})
	us == {{"rc": att, "via": "policy aws_iam_policy.p attached by aws_iam_role_policy_attachment.a", "stmts": []}}
}

test_units_when_policy_text_is_unknown_and_null if {
	# GIVEN a policy whose text (null in after) and ARN are computed, referenced by the attachment WHEN units are listed
	# THEN the attachment resolves with no statements (MG-0004 reports the unknown text)
	pol := _rc("aws_iam_policy", "p", {"name": "p", "policy": null}, {"arn": true, "policy": true})
	att := _rc("aws_iam_role_policy_attachment", "a", {"role": "r"}, {"policy_arn": true})
	cfg := {"root_module": {"resources": [{
		"address": "aws_iam_role_policy_attachment.a",
		"expressions": {"policy_arn": {"references": ["aws_iam_policy.p.arn", "aws_iam_policy.p"]}},
	}]}}
	us := identity.units with input as object.union(testing.plan([pol, att]), {"plan": {"configuration": cfg}})
	us == {{"rc": att, "via": "policy aws_iam_policy.p attached by aws_iam_role_policy_attachment.a", "stmts": []}}
}

test_units_when_awscc_managed_policy_is_attached_by_arn if {
	# GIVEN an awscc_iam_managed_policy with a known ARN WHEN an awscc role attaches it THEN it resolves
	arn := "arn:aws:iam::111122223333:policy/cc"
	pol := _rc("awscc_iam_managed_policy", "cc", {"arn": arn, "policy_document": json.marshal(_invoke_doc)}, {})
	att := _rc("awscc_iam_role", "r", {"role_name": "r", "managed_policy_arns": [arn]}, {})
	{u.via | some u in _units([pol, att]); u.rc == att} == {"policy awscc_iam_managed_policy.cc attached by awscc_iam_role.r"}
}

# ---- ARNs unknown until apply

_ref_config(mods) := {"root_module": object.union(
	{"resources": [{
		"address": "aws_iam_role_policy_attachment.a",
		"expressions": {"policy_arn": {"references": ["aws_iam_policy.p.arn", "aws_iam_policy.p"]}},
	}]},
	mods,
)}

test_units_when_unknown_arn_names_a_policy_by_reference if {
	# GIVEN a policy created by this plan and an attachment whose policy_arn refers to it WHEN units are listed
	# THEN the attachment resolves through the configuration's references
	att := _rc("aws_iam_role_policy_attachment", "a", {"role": "r"}, {"policy_arn": true})
	plan := object.union(testing.plan([_new_policy("p"), att]), {"plan": {"configuration": _ref_config({})}})
	{[u.via, u.stmts] | some u in identity.units with input as plan; u.rc == att} == {[
		"policy aws_iam_policy.p attached by aws_iam_role_policy_attachment.a",
		_invoke_stmts,
	]}
	identity.unresolved == set() with input as plan
}

test_held_when_unknown_arn_names_a_policy_by_reference if {
	# GIVEN the same attachment by reference WHEN holders' grants are listed THEN role r holds the policy (MG-0007
	# reads a principal's policies together through held)
	att := _rc("aws_iam_role_policy_attachment", "a", {"role": "r"}, {"policy_arn": true})
	plan := object.union(testing.plan([_new_policy("p"), att]), {"plan": {"configuration": _ref_config({})}})
	{[e.holder, e.grant.stmts] | some e in identity.held with input as plan; e.rc == att} == {[["role", "r"], _invoke_stmts]}
}

# a configuration: the attachment's policy_arn expression (expr), its depends_on, and the provider configuration
# of the attachment and of the policy
_cfg_of(expr, depends_on, att_key, pol_key) := {"root_module": {"resources": [
	{"address": "aws_iam_role_policy_attachment.a", "provider_config_key": att_key, "expressions": {"policy_arn": expr}, "depends_on": depends_on},
	{"address": "aws_iam_policy.p", "provider_config_key": pol_key, "expressions": {}},
]}}

_unresolved_with(rcs, cfg) := n if {
	n := count(identity.unresolved) with input as object.union(testing.plan(rcs), {"plan": {"configuration": cfg}})
}

test_units_when_a_known_arn_is_built_from_a_new_policys_name if {
	# GIVEN a policy this plan creates (name "p", its arn unknown) and an attachment whose policy_arn, known at plan
	# time, is built from the policy's name (the configuration refers to it), one provider configuration
	arn := "arn:aws:iam::111122223333:policy/p"
	att := _rc("aws_iam_role_policy_attachment", "a", {"role": "r", "policy_arn": arn}, {})
	built := {"references": ["aws_iam_policy.p.name", "aws_iam_policy.p"]}
	plan := object.union(testing.plan([_new_policy("p"), att]), {"plan": {"configuration": _cfg_of(built, [], "aws", "aws")}})

	# WHEN units are listed THEN it resolves to the new policy
	{[u.via, u.stmts] | some u in identity.units with input as plan; u.rc == att} == {[
		"policy aws_iam_policy.p attached by aws_iam_role_policy_attachment.a",
		_invoke_stmts,
	]}
	identity.unresolved == set() with input as plan

	# WHEN the ARN ends in another name THEN unresolved
	other := _rc("aws_iam_role_policy_attachment", "a", {"role": "r", "policy_arn": "arn:aws:iam::111122223333:policy/q"}, {})
	_unresolved_with([_new_policy("p"), other], _cfg_of(built, [], "aws", "aws")) == 1

	# WHEN the policy is created through another provider configuration (another account, perhaps) THEN unresolved:
	# its name read across accounts names that account's own policy
	_unresolved_with([_new_policy("p"), att], _cfg_of(built, [], "aws", "aws.other")) == 1

	# WHEN the plan has no configuration THEN unresolved
	count(identity.unresolved) == 1 with input as testing.plan([_new_policy("p"), att])
}

test_units_when_a_constant_arn_names_a_new_policy if {
	arn := "arn:aws:iam::111122223333:policy/p"
	att := _rc("aws_iam_role_policy_attachment", "a", {"role": "r", "policy_arn": arn}, {})
	constant := {"constant_value": arn}

	# GIVEN the ARN written out, the attachment depending on the policy, one provider configuration THEN resolved
	_unresolved_with([_new_policy("p"), att], _cfg_of(constant, ["aws_iam_policy.p"], "aws", "aws")) == 0

	# WHEN it does not depend on the policy THEN unresolved: were the name taken, creating the policy would fail
	# and the attachment would still attach the existing policy of that name
	_unresolved_with([_new_policy("p"), att], _cfg_of(constant, [], "aws", "aws")) == 1

	# WHEN either is one instance of several (a provider per instance may differ) THEN unresolved
	indexed := object.union(att, {"index": "a"})
	_unresolved_with([_new_policy("p"), indexed], _cfg_of(constant, ["aws_iam_policy.p"], "aws", "aws")) == 1
}

test_units_when_a_data_source_reads_a_policy_during_apply if {
	# GIVEN data.aws_iam_policy read during apply (its text unknown) and an attachment referring to its arn WHEN
	# judged THEN unresolved: it reads an existing policy whose text the plan never shows
	ds := {
		"address": "data.aws_iam_policy.p", "mode": "data", "type": "aws_iam_policy", "name": "p",
		"provider_name": testing.provider,
		"change": {"actions": ["read"], "before": null, "after": {"name": "p"}, "after_unknown": {"arn": true, "policy": true}},
	}
	att := _rc("aws_iam_role_policy_attachment", "a", {"role": "r"}, {"policy_arn": true})
	cfg := {"root_module": {"resources": [{
		"address": "aws_iam_role_policy_attachment.a",
		"expressions": {"policy_arn": {"references": ["data.aws_iam_policy.p.arn", "data.aws_iam_policy.p"]}},
	}]}}
	_unresolved_with([ds, att], cfg) == 1
}

test_units_when_unknown_arn_is_referenced_inside_a_module if {
	# GIVEN the policy and attachment inside module "team" WHEN units are listed THEN resolved within the module
	att := _in_module(_rc("aws_iam_role_policy_attachment", "a", {"role": "r"}, {"policy_arn": true}))
	pol := _in_module(_new_policy("p"))
	mods := {"module_calls": {"team": {"module": {"resources": [{
		"address": "aws_iam_role_policy_attachment.a",
		"expressions": {"policy_arn": {"references": ["aws_iam_policy.p.arn", "aws_iam_policy.p"]}},
	}]}}}}
	cfg := {"root_module": mods}
	plan := object.union(testing.plan([pol, att]), {"plan": {"configuration": cfg}})
	{u.via | some u in identity.units with input as plan; u.rc == att} == {"policy module.team.aws_iam_policy.p attached by module.team.aws_iam_role_policy_attachment.a"}
}

test_units_when_reference_names_a_policy_in_another_module if {
	# GIVEN the attachment in the root module referring to aws_iam_policy.p, which exists only in module "team"
	# WHEN judged THEN unresolved (a reference never crosses modules)
	att := _rc("aws_iam_role_policy_attachment", "a", {"role": "r"}, {"policy_arn": true})
	plan := object.union(testing.plan([_in_module(_new_policy("p")), att]), {"plan": {"configuration": _ref_config({})}})
	identity.unresolved == {{
		"rc": att, "arn": null,
		"why": "its ARN is computed during apply and the configuration names no policy in this plan",
	}} with input as plan
}

test_unresolved_when_unknown_arn_and_no_configuration if {
	# GIVEN an attachment whose ARN is unknown and no configuration WHEN judged THEN unresolved
	att := _rc("aws_iam_role_policy_attachment", "a", {"role": "r"}, {"policy_arn": true})
	_unresolved([att]) == {{"rc": att, "arn": null, "why": "its ARN is computed during apply and the configuration names no policy in this plan"}}
}

test_attachments_when_whole_after_is_unknown if {
	# GIVEN an attachment whose after_unknown is true (the whole object) WHEN listed THEN one unknown attachment
	att := _rc("aws_iam_role_policy_attachment", "a", {}, true)
	_attachments([att]) == {{"rc": att, "arn": null, "attr": "policy_arn"}}
}

test_attachments_when_list_has_an_unknown_element if {
	# GIVEN an exclusive attachment list with one known and one unknown element WHEN listed THEN both count
	att := _rc("aws_iam_role_policy_attachments_exclusive", "a", {"role_name": "r", "policy_arns": [_full, null]}, {"policy_arns": [false, true]})
	_attachments([att]) == {{"rc": att, "arn": _full, "attr": "policy_arns"}, {"rc": att, "arn": null, "attr": "policy_arns"}}
}

test_attachments_when_role_leaves_managed_policy_arns_unset if {
	# GIVEN a new role whose managed_policy_arns is computed and the configuration does not set it
	# WHEN attachments are listed THEN none (an optional computed attribute, not an attachment)
	role := _rc("aws_iam_role", "r", {"name": "r"}, {"managed_policy_arns": true})
	cfg := {"root_module": {"resources": [{"address": "aws_iam_role.r", "expressions": {"name": {"constant_value": "r"}}}]}}
	identity.attachments == set() with input as object.union(testing.plan([role]), {"plan": {"configuration": cfg}})
}

test_attachments_when_role_sets_managed_policy_arns_from_unknowns if {
	# GIVEN a role whose configuration sets managed_policy_arns to a computed ARN WHEN listed
	# THEN one unknown attachment, resolved through the reference
	role := _rc("aws_iam_role", "r", {"name": "r"}, {"managed_policy_arns": true})
	cfg := {"root_module": {"resources": [{
		"address": "aws_iam_role.r",
		"expressions": {"managed_policy_arns": {"references": ["aws_iam_policy.p.arn", "aws_iam_policy.p"]}},
	}]}}
	plan := object.union(testing.plan([role, _new_policy("p")]), {"plan": {"configuration": cfg}})
	identity.attachments == {{"rc": role, "arn": null, "attr": "managed_policy_arns"}} with input as plan
	{u.via | some u in identity.units with input as plan; u.rc == role} == {"policy aws_iam_policy.p attached by aws_iam_role.r"}
}

test_attachments_when_role_not_in_configuration if {
	# GIVEN a role with unknown managed_policy_arns and no configuration WHEN listed THEN it counts (fail closed)
	role := _rc("aws_iam_role", "r", {"name": "r"}, {"managed_policy_arns": true})
	_attachments([role]) == {{"rc": role, "arn": null, "attr": "managed_policy_arns"}}
}

# ---- SSO customer-managed policy reference

_sso(ref) := _rc("aws_ssoadmin_customer_managed_policy_attachment", "c", {"customer_managed_policy_reference": ref}, {})

test_units_when_sso_reference_names_a_policy_with_a_path if {
	# GIVEN a policy p at path /team/ and an SSO reference to p at /team/ WHEN units are listed THEN it resolves
	pol := _rc("aws_iam_policy", "p", {"name": "p", "path": "/team/", "policy": json.marshal(_invoke_doc)}, {"arn": true})
	sso := _sso([{"name": "p", "path": "/team/"}])
	{u.via | some u in _units([pol, sso]); u.rc == sso} == {"policy aws_iam_policy.p attached by aws_ssoadmin_customer_managed_policy_attachment.c"}
}

test_units_when_sso_reference_has_default_path if {
	# GIVEN a reference without path WHEN the policy is at "/" THEN it resolves by name
	sso := _sso({"name": "p"})
	{u.via | some u in _units([_new_policy("p"), sso]); u.rc == sso} == {"policy aws_iam_policy.p attached by aws_ssoadmin_customer_managed_policy_attachment.c"}
}

test_unresolved_when_sso_reference_path_differs if {
	# GIVEN a reference to p at /team/ WHEN the policy p is at "/" THEN unresolved
	sso := _sso([{"name": "p", "path": "/team/"}])
	{[u.arn, u.why] | some u in _unresolved([_new_policy("p"), sso])} == {[null, "the customer-managed policy it names (/team/p) is not defined in this plan"]}
}

# ---- principal words

test_principal_words_when_resource_names_a_principal if {
	# GIVEN resources that name a role, user, group or role name WHEN described THEN " for <kind> <name>"
	identity.principal_words(_rc("aws_iam_role_policy_attachment", "a", {"role": "app"}, {})) == " for role app"
	identity.principal_words(_rc("aws_iam_user_policy", "a", {"user": "bob"}, {})) == " for user bob"
	identity.principal_words(_rc("aws_iam_group_policy_attachments_exclusive", "a", {"group": "devs"}, {})) == " for group devs"
	identity.principal_words(_rc("aws_iam_role", "a", {"name": "svc"}, {})) == " for role svc"
	identity.principal_words(_rc("awscc_iam_role", "a", {"name": "cc"}, {})) == " for role cc"
}

test_principal_words_when_no_principal_is_named if {
	# GIVEN a policy, or an attachment whose role is unknown WHEN described THEN ""
	identity.principal_words(_rc("aws_iam_policy", "p", {"name": "p"}, {})) == ""
	identity.principal_words(_rc("aws_iam_role_policy_attachment", "a", {}, {"role": true})) == ""
}

# ---- group memberships

_group_rc(type, address, actions, after) := {
	"address": address, "mode": "managed", "type": type, "name": "x", "provider_name": testing.provider,
	"change": {"actions": actions, "before": after, "after": after, "after_unknown": {}},
}

test_units_when_a_user_joins_a_group_with_a_broad_policy if {
	# GIVEN an existing group (no-op) with bedrock:* inline and AmazonBedrockFullAccess attached, and a new membership
	plan := testing.plan([
		_group_rc("aws_iam_group_policy", "aws_iam_group_policy.ml", ["no-op"], {"group": "ml", "policy": json.marshal(testing.doc([{"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"}]))}),
		_group_rc("aws_iam_group_policy_attachment", "aws_iam_group_policy_attachment.full", ["no-op"], {"group": "ml", "policy_arn": "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"}),
		object.union(_group_rc("aws_iam_user_group_membership", "aws_iam_user_group_membership.alice", ["create"], {"user": "alice", "groups": ["ml"]}), {"change": {"before": null}}),
	])

	# WHEN units are listed THEN both group grants reach alice through the membership resource
	vias := {u.via |
		some u in identity.units with input as plan with data.modelgate.managedPolicies as testing.managed_policies
		u.rc.address == "aws_iam_user_group_membership.alice"
	}
	vias == {
		"policy aws_iam_group_policy.ml through membership of group ml (aws_iam_user_group_membership.alice)",
		"AWS-managed policy AmazonBedrockFullAccess (v11) attached by aws_iam_group_policy_attachment.full through membership of group ml (aws_iam_user_group_membership.alice)",
	}
}

test_units_when_group_membership_names_the_group_once if {
	# GIVEN aws_iam_group_membership (one group, many users) that adds bob WHEN listed THEN the membership is a unit
	plan := testing.plan([
		_group_rc("aws_iam_group_policy", "aws_iam_group_policy.ml", ["no-op"], {"group": "ml", "policy": json.marshal(testing.doc([{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]))}),
		object.union(_group_rc("aws_iam_group_membership", "aws_iam_group_membership.ml", ["update"], {"group": "ml", "users": ["alice", "bob"]}), {"change": {"before": {"group": "ml", "users": ["alice"]}}}),
	])
	count({u | some u in identity.units with input as plan; u.rc.address == "aws_iam_group_membership.ml"}) == 1
}

test_attachments_when_a_role_update_keeps_its_managed_policies if {
	# GIVEN a role whose tags change while managed_policy_arns (refreshed from AWS) keeps AmazonBedrockFullAccess
	# WHEN attachments are listed THEN none; WHEN the update adds an ARN THEN only that one
	bfa := "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"
	ro := "arn:aws:iam::aws:policy/ReadOnlyAccess"
	kept := object.union(_rc("aws_iam_role", "r", {"name": "r", "managed_policy_arns": [bfa], "tags": {"a": "b"}}, {}), {"change": {"actions": ["update"], "before": {"name": "r", "managed_policy_arns": [bfa], "tags": {}}}})
	{a.arn | some a in _attachments([kept])} == set()
	added := object.union(kept, {"change": {"after": {"name": "r", "managed_policy_arns": [bfa, ro]}}})
	{a.arn | some a in _attachments([added])} == {ro}
}
