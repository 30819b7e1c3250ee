# METADATA
# title: CloudFormation stack may create IAM the gate does not judge
# description: |
#   A CloudFormation stack or StackSet the plan creates, or whose template, parameters or capabilities it changes,
#   delivers whatever its template defines: IAM roles, users, groups and policies (with an identity policy that
#   may grant any Bedrock model), IAM Identity Center permission sets, Organizations policies. The gate reads
#   Terraform resources, not templates, so it reports such a stack rather than pass it: one granted
#   CAPABILITY_IAM, CAPABILITY_NAMED_IAM or CAPABILITY_AUTO_EXPAND (CloudFormation refuses IAM resources without
#   the first two; the third runs macros and nested stacks), one whose template names an IAM, Identity Center,
#   Identity Store, Organizations or CloudFormation (nested stack, StackSet) resource type or one that hands a role
#   to more principals (Cognito identity pools and user pool groups, EKS pod identity, Roles Anywhere, IoT role
#   aliases), or writes escape sequences that could spell one, and one whose template or capabilities are unknown until apply or held
#   elsewhere (template_url). StackSet instances the plan adds or retargets deploy their StackSet's template to more
#   accounts: they are reported unless the plan shows that StackSet with a template the rule would pass. A Cloud
#   Control API resource (aws_cloudcontrolapi_resource) creates any registry type from its desired state: one of an
#   IAM, Identity Center, Identity Store, Organizations or CloudFormation type, of a type outside the AWS
#   namespace (private and third-party types run handlers of their own), or of a type unknown until apply is
#   reported. A stack whose template defines AWS::Organizations resources, or a Cloud Control resource of such a
#   type, that the plan deletes is reported too: an SCP goes with it, and it may have been the model allow-list.
# scope: package
# custom:
#   id: MG-0026
#   long_id: cloudformation_iam_unjudged
#   severity: MEDIUM
#   remediation: >-
#     Manage IAM, Identity Center and Organizations resources with Terraform in the gated configuration, or
#     review the template's policies by other means and suppress this finding for the stack.
#   related_resources:
#     - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-template.html#using-iam-capabilities
package rules.iam.cloudformation_iam_unjudged

import data.lib.result
import data.lib.tfplan

_stack_types := {
	"aws_cloudformation_stack", "aws_cloudformation_stack_set",
	"awscc_cloudformation_stack", "awscc_cloudformation_stack_set",
}

_iam_capabilities := {"CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"}

# template and Cloud Control resource types that carry access, or deploy templates of their own (nested stacks and
# StackSets, which carry capabilities of their own), without an IAM capability on this stack; then those that hand
# a role to more principals, as the resources the gate judges for that do (attack20, attack21)
_access_types := [
	"AWS::SSO::", "AWS::IdentityStore::", "AWS::Organizations::", "AWS::CloudFormation::", "AWS::IAM::",
	"AWS::Cognito::IdentityPool", "AWS::Cognito::UserPoolGroup", "AWS::Cognito::UserPoolUserToGroupAttachment",
	"AWS::EKS::PodIdentityAssociation", "AWS::RolesAnywhere::", "AWS::IoT::RoleAlias",
]

# escape sequences (YAML's \x, \u, \U, \N and an escaped line break, which joins two lines of a double-quoted
# scalar: attack21; JSON's \u) can spell any resource type
_escapes := ["\\x", "\\u", "\\U", "\\N", "\\\n", "\\\r"]

# (a StackSet's instance group and auto-deployment send its template to more accounts)
_inputs := [
	"template_body", "template_url", "parameters", "capabilities", "stack_instances_group", "auto_deployment",
	"permission_model",
]

# StackSet instances: where they deploy and with what
_instance_types := {"aws_cloudformation_stack_set_instance", "aws_cloudformation_stack_instances"}

_instance_inputs := [
	"stack_set_name", "account_id", "accounts", "region", "regions", "deployment_targets", "parameter_overrides",
	"call_as",
]

_set_types := {"aws_cloudformation_stack_set", "awscc_cloudformation_stack_set"}

_cloud_control_inputs := ["type_name", "desired_state", "type_version_id"]

deny contains finding if {
	some rc in tfplan.resource_change_list
	rc.type in _stack_types
	tfplan.writes(rc)
	_changes_what_it_deploys(rc)
	why := _why(rc)
	msg := concat("", ["deploys a CloudFormation template that ", why, "; the gate does not judge templates"])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

deny contains finding if {
	some rc in tfplan.resource_change_list
	rc.type in _instance_types
	tfplan.writes(rc)
	_changes(rc, _instance_inputs)
	name := object.get(rc.change.after, "stack_set_name", null)
	msg := _instance_message(name)
	finding := result.new(rego.metadata.chain(), rc, msg)
}

deny contains finding if {
	some rc in tfplan.resource_change_list
	rc.type == "aws_cloudcontrolapi_resource"
	tfplan.writes(rc)
	_changes(rc, _cloud_control_inputs)
	what := _cloud_control_type(rc)
	msg := concat("", ["creates ", what, " through the Cloud Control API; the gate does not judge its desired state"])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

# a stack or Cloud Control resource the plan deletes takes its resources with it: one that holds Organizations
# resources (an SCP and its targets) may hold the model allow-list, which the gate cannot see (attack review,
# 2026-11-30; that deleting an AWS::Organizations::Policy detaches it first is inferred, not verified, so this is
# reported as unjudged, MEDIUM, like the rest of this rule)
deny contains finding if {
	some rc in tfplan.resource_change_list
	rc.type in _stack_types
	tfplan.removes(rc)
	body := object.get(object.get(rc.change, "before", {}), "template_body", null)
	is_string(body)
	_holds_organizations(body)
	not _only_other_policy_types(body)
	finding := result.new(rego.metadata.chain(), rc, _deleted_stack_words)
}

deny contains finding if {
	some rc in tfplan.resource_change_list
	rc.type == "aws_cloudcontrolapi_resource"
	tfplan.removes(rc)
	t := object.get(object.get(rc.change, "before", {}), "type_name", "")
	startswith(upper(t), "AWS::ORGANIZATIONS::")
	not _harmless_organizations(t, _desired_state(rc.change.before))
	msg := concat("", [
		"deletes a resource of type ", t, " through the Cloud Control API; the gate does not judge its state and ",
		"cannot tell whether it was (or attached) the model allow-list",
	])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

_deleted_stack_words := concat("", [
	"deletes a CloudFormation stack whose template defines AWS::Organizations::* resources (an SCP, its targets), ",
	"which go with it; the gate does not judge templates and cannot tell whether it held the model allow-list",
])

# a deleted Organizations resource that cannot be a guardrail: a policy of another type (a tag or backup policy),
# or a resource-based delegation policy (deleting it revokes what it delegated)
_harmless_organizations(t, _) if upper(t) == "AWS::ORGANIZATIONS::RESOURCEPOLICY"

_harmless_organizations(t, props) if {
	upper(t) == "AWS::ORGANIZATIONS::POLICY"
	_other_policy_type(props)
}

# a Cloud Control resource's desired state as properties ({} when it is not JSON)
_desired_state(v) := props if {
	s := object.get(v, "desired_state", null)
	is_string(s)
	json.is_valid(s)
	props := json.unmarshal(s)
} else := {}

_other_policy_type(props) if {
	is_string(props.Type)
	props.Type != "SERVICE_CONTROL_POLICY"
}

# a template (JSON or YAML) whose every Organizations resource is a policy of another type or a delegation policy
_only_other_policy_types(body) if {
	not _escaped(body)
	template := _template(body)
	every r in object.get(template, "Resources", {}) {
		_not_a_guardrail(r)
	}
}

_template(body) := t if {
	json.is_valid(body)
	t := json.unmarshal(body)
	is_object(t)
} else := t if {
	yaml.is_valid(body)
	t := yaml.unmarshal(body)
	is_object(t)
}

_not_a_guardrail(r) if not startswith(upper(object.get(r, "Type", "")), "AWS::ORGANIZATIONS::")

_not_a_guardrail(r) if _harmless_organizations(r.Type, object.get(r, "Properties", {}))

_escaped(body) if {
	some e in _escapes
	contains(body, e)
}

_holds_organizations(body) if contains(body, "AWS::Organizations::")

_holds_organizations(body) if _escaped(body)

_changes_what_it_deploys(rc) := _changes(rc, _inputs)

_changes(rc, _) if not is_object(rc.change.before)

_changes(rc, inputs) if {
	some k in inputs
	object.get(rc.change.before, k, null) != object.get(rc.change.after, k, null)
}

_changes(rc, inputs) if {
	some k in inputs
	_unknown(rc, k)
}

# an instance deploys its StackSet's template: judged as the StackSet is, when the plan shows it (the StackSet's own
# changes are reported on it)
_instance_message(name) := concat("", [
	"deploys StackSet ", name, ", whose template ", _why(set), ", to more accounts or Regions; the gate does not judge templates",
]) if {
	is_string(name)
	set := _stack_set(name)
} else := concat("", [
	"deploys StackSet ", name, " to more accounts or Regions, and the plan does not show its template; the gate does not judge templates",
]) if {
	is_string(name)
	not _stack_set(name)
} else := "deploys a StackSet unknown until apply to more accounts or Regions; the gate does not judge templates" if {
	not is_string(name)
}

# the StackSet the plan shows by that name, left in place; when several claim the name (StackSets of other
# Regions or accounts: attack20), the first that the rule would report, else the first
_stack_set(name) := s if {
	sets := [set |
		some set in tfplan.resource_change_list
		set.type in _set_types
		not tfplan.removes(set)
		name in {object.get(set.change.after, "name", null), object.get(set.change.after, "stack_set_name", null)}
	]
	count(sets) > 0
	s := _riskiest(sets)
}

_riskiest(sets) := risky[0] if {
	risky := [set | some set in sets; _why(set)]
	count(risky) > 0
} else := sets[0]

# the type a Cloud Control resource creates, when it is one the rule reports
_cloud_control_type(rc) := "a resource of a type unknown until apply" if {
	_unknown(rc, "type_name")
} else := concat("", ["a resource of type ", t]) if {
	t := rc.change.after.type_name
	is_string(t)
	_reported_type(t)
} else := "a resource of no type" if {
	not is_string(object.get(rc.change.after, "type_name", null))
}

# the access types above, and every type outside the AWS namespace (registry resource types are
# Organization::Service::Resource; matched without case, as a caution)
_reported_type(t) if {
	some prefix in _access_types
	startswith(upper(t), upper(prefix))
}

_reported_type(t) if not startswith(upper(t), "AWS::")

# after_unknown marks an unknown value true, and a list or object with its unknown elements marked true
_unknown(rc, k) if {
	walk(object.get(object.get(rc.change, "after_unknown", {}), k, false), [_, leaf])
	leaf == true
}

# why, in words: the first reason that holds
_why(rc) := concat("", ["is granted ", _granted(rc), " (it may create IAM roles, users and policies)"]) if {
	_granted(rc) != ""
} else := "has capabilities unknown until apply (it may create IAM roles, users and policies)" if {
	_unknown(rc, "capabilities")
} else := concat("", ["defines ", ts[0], "* resources"]) if {
	body := rc.change.after.template_body
	is_string(body)
	ts := [t | some t in _access_types; contains(body, t)]
	count(ts) > 0
} else := "writes escape sequences that can spell any resource type" if {
	body := rc.change.after.template_body
	is_string(body)
	some e in _escapes
	contains(body, e)
} else := "the plan does not show (a template_url, or a template unknown until apply)" if {
	not is_string(object.get(rc.change.after, "template_body", null))
}

_granted(rc) := concat(", ", sort([c |
	some c in object.get(rc.change.after, "capabilities", [])
	c in _iam_capabilities
]))
