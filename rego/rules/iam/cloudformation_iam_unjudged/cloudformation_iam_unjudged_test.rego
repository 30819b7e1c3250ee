package rules.iam.cloudformation_iam_unjudged_test

import data.lib.testing
import data.rules.iam.cloudformation_iam_unjudged as rule

_template := json.marshal({"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}})

_stack(type, actions, before, after, unknown) := testing.plan([{
	"address": concat(".", [type, "this"]), "mode": "managed", "type": type, "name": "this",
	"provider_name": "registry.terraform.io/hashicorp/aws",
	"change": {"actions": actions, "before": before, "after": after, "after_unknown": unknown},
}])

_messages(plan) := {f.message | some f in rule.deny with input as plan}

test_fails_when_a_stack_is_granted_iam_capabilities if {
	# GIVEN a new stack granted CAPABILITY_NAMED_IAM WHEN judged THEN reported
	after := {"name": "roles", "template_body": _template, "capabilities": ["CAPABILITY_NAMED_IAM"]}
	_messages(_stack("aws_cloudformation_stack", ["create"], null, after, {})) == {"deploys a CloudFormation template that is granted CAPABILITY_NAMED_IAM (it may create IAM roles, users and policies); the gate does not judge templates"}
}

test_fails_when_a_stack_set_defines_permission_sets if {
	# GIVEN a StackSet whose template defines an Identity Center permission set (no IAM capability needed)
	body := json.marshal({"Resources": {"Ps": {"Type": "AWS::SSO::PermissionSet"}}})
	after := {"name": "ps", "template_body": body, "capabilities": []}
	_messages(_stack("aws_cloudformation_stack_set", ["create"], null, after, {})) == {"deploys a CloudFormation template that defines AWS::SSO::* resources; the gate does not judge templates"}
}

test_fails_when_the_template_is_not_in_the_plan if {
	# GIVEN a template_url WHEN judged THEN reported: the template cannot be read
	after := {"name": "x", "template_url": "https://s3.amazonaws.com/b/t.yaml"}
	count(_messages(_stack("aws_cloudformation_stack", ["create"], null, after, {}))) == 1
}

test_fails_when_capabilities_are_unknown if {
	after := {"name": "x", "template_body": _template}
	_messages(_stack("awscc_cloudformation_stack", ["create"], null, after, {"capabilities": true})) == {"deploys a CloudFormation template that has capabilities unknown until apply (it may create IAM roles, users and policies); the gate does not judge templates"}
}

test_passes_when_the_stack_cannot_create_access if {
	# GIVEN a stack without IAM capabilities whose template defines no access resource THEN no finding (an empty
	# list marked [] in after_unknown is known)
	after := {"name": "bucket", "template_body": _template, "capabilities": []}
	count(_messages(_stack("aws_cloudformation_stack", ["create"], null, after, {"capabilities": []}))) == 0
}

test_fails_when_one_capability_is_unknown if {
	after := {"name": "x", "template_body": _template, "capabilities": ["CAPABILITY_IAM", null]}
	count(_messages(_stack("aws_cloudformation_stack", ["create"], null, after, {"capabilities": [false, true]}))) == 1
}

test_passes_when_only_tags_change if {
	# GIVEN an IAM-capable stack whose update changes only its tags THEN nothing new is deployed
	before := {"name": "roles", "template_body": _template, "capabilities": ["CAPABILITY_IAM"], "tags": {"a": "1"}}
	after := object.union(before, {"tags": {"a": "2"}})
	count(_messages(_stack("aws_cloudformation_stack", ["update"], before, after, {}))) == 0
}

test_fails_when_the_template_of_an_iam_capable_stack_changes if {
	before := {"name": "roles", "template_body": _template, "capabilities": ["CAPABILITY_IAM"]}
	after := object.union(before, {"template_body": json.marshal({"Resources": {}})})
	count(_messages(_stack("aws_cloudformation_stack", ["update"], before, after, {}))) == 1
}

test_passes_when_the_stack_is_deleted if {
	before := {"name": "roles", "template_body": _template, "capabilities": ["CAPABILITY_IAM"]}
	count(_messages(_stack("aws_cloudformation_stack", ["delete"], before, null, {}))) == 0
}

test_fails_when_the_template_deploys_a_stack_set_or_escapes_a_type if {
	# GIVEN a stack without capabilities whose template defines a StackSet (it carries capabilities of its own), or
	# spells a type with a YAML escape (attack15) WHEN judged THEN reported
	stack_set := {"name": "x", "capabilities": [], "template_body": "Resources:\n  S:\n    Type: AWS::CloudFormation::StackSet\n"}
	_messages(_stack("aws_cloudformation_stack", ["create"], null, stack_set, {})) == {"deploys a CloudFormation template that defines AWS::CloudFormation::* resources; the gate does not judge templates"}
	escaped := {"name": "x", "capabilities": [], "template_body": "Resources:\n  P:\n    Type: \"AWS::S\\x53O::PermissionSet\"\n"}
	_messages(_stack("aws_cloudformation_stack", ["create"], null, escaped, {})) == {"deploys a CloudFormation template that writes escape sequences that can spell any resource type; the gate does not judge templates"}
}

test_fails_once_when_the_template_names_several_access_types if {
	# GIVEN a template with a StackSet and an IAM policy (two types the rule names) THEN one finding, naming the first
	body := json.marshal({"Resources": {"S": {"Type": "AWS::CloudFormation::StackSet"}, "P": {"Type": "AWS::IAM::ManagedPolicy"}}})
	_messages(_stack("aws_cloudformation_stack", ["create"], null, {"name": "x", "capabilities": [], "template_body": body}, {})) == {"deploys a CloudFormation template that defines AWS::CloudFormation::* resources; the gate does not judge templates"}
}

_set(name, body, capabilities) := {
	"address": concat(".", ["aws_cloudformation_stack_set", name]), "mode": "managed",
	"type": "aws_cloudformation_stack_set", "name": name,
	"change": {
		"actions": ["no-op"], "after_unknown": {},
		"before": {"name": name, "template_body": body, "capabilities": capabilities},
		"after": {"name": name, "template_body": body, "capabilities": capabilities},
	},
}

_instance(type, set_name, actions, before) := {
	"address": concat(".", [type, "this"]), "mode": "managed", "type": type, "name": "this",
	"change": {
		"actions": actions, "before": before, "after_unknown": {},
		"after": {"stack_set_name": set_name, "account_id": "111122223333", "region": "us-east-1"},
	},
}

test_fails_when_an_instance_deploys_an_iam_capable_stack_set if {
	# GIVEN an unchanged StackSet granted CAPABILITY_NAMED_IAM and a new instance of it (attack17) THEN the instance
	# is reported, naming the StackSet and why
	set := _set("roles", _template, ["CAPABILITY_NAMED_IAM"])
	plan := testing.plan([set, _instance("aws_cloudformation_stack_set_instance", "roles", ["create"], null)])
	_messages(plan) == {"deploys StackSet roles, whose template is granted CAPABILITY_NAMED_IAM (it may create IAM roles, users and policies), to more accounts or Regions; the gate does not judge templates"}
}

test_fails_when_an_instance_deploys_a_stack_set_the_plan_does_not_show if {
	plan := testing.plan([_instance("aws_cloudformation_stack_instances", "elsewhere", ["create"], null)])
	_messages(plan) == {"deploys StackSet elsewhere to more accounts or Regions, and the plan does not show its template; the gate does not judge templates"}
	unknown := testing.plan([_instance("aws_cloudformation_stack_instances", null, ["create"], null)])
	_messages(unknown) == {"deploys a StackSet unknown until apply to more accounts or Regions; the gate does not judge templates"}
}

test_passes_when_an_instance_deploys_a_stack_set_that_cannot_create_access if {
	set := _set("buckets", _template, [])
	plan := testing.plan([set, _instance("aws_cloudformation_stack_set_instance", "buckets", ["create"], null)])
	count(_messages(plan)) == 0
}

test_passes_when_an_instance_only_changes_how_it_runs if {
	# GIVEN an instance of an unshown StackSet whose update changes only its operation preferences THEN nothing new
	# is deployed
	rc := _instance("aws_cloudformation_stack_set_instance", "elsewhere", ["update"], null)
	after := object.union(rc.change.after, {"operation_preferences": [{"max_concurrent_count": 2}]})
	before := object.union(rc.change.after, {"operation_preferences": [{"max_concurrent_count": 1}]})
	moved := object.union(rc, {"change": {"before": before, "after": after}})
	count(_messages(testing.plan([moved]))) == 0
}

test_fails_when_a_stack_set_adds_accounts_to_its_instance_group if {
	# GIVEN an IAM-capable awscc StackSet whose update only widens its instance group THEN reported
	before := {"stack_set_name": "roles", "template_body": _template, "capabilities": ["CAPABILITY_IAM"], "stack_instances_group": [{"regions": ["us-east-1"]}]}
	after := object.union(before, {"stack_instances_group": [{"regions": ["us-east-1", "eu-west-1"]}]})
	count(_messages(_stack("awscc_cloudformation_stack_set", ["update"], before, after, {}))) == 1
}

_control(kind, actions, unknowns) := testing.plan([{
	"address": "aws_cloudcontrolapi_resource.this", "mode": "managed", "type": "aws_cloudcontrolapi_resource", "name": "this",
	"change": {
		"actions": actions, "before": null, "after_unknown": unknowns,
		"after": {"type_name": kind, "desired_state": json.marshal({"PolicyName": "p", "RoleName": "r"})},
	},
}])

test_fails_when_cloud_control_creates_an_access_type if {
	# GIVEN a Cloud Control resource of AWS::IAM::RolePolicy (attack17) THEN reported
	_messages(_control("AWS::IAM::RolePolicy", ["create"], {})) == {"creates a resource of type AWS::IAM::RolePolicy through the Cloud Control API; the gate does not judge its desired state"}
	count(_messages(_control("aws::sso::PermissionSet", ["create"], {}))) == 1
	count(_messages(_control("Acme::Iam::Anything", ["create"], {}))) == 1
	_messages(_control(null, ["create"], {"type_name": true})) == {"creates a resource of a type unknown until apply through the Cloud Control API; the gate does not judge its desired state"}
	_messages(_control(null, ["create"], {})) == {"creates a resource of no type through the Cloud Control API; the gate does not judge its desired state"}
}

test_passes_when_cloud_control_creates_other_types if {
	count(_messages(_control("AWS::S3::Bucket", ["create"], {}))) == 0
	count(_messages(_control("AWS::IAM::Role", ["delete"], {}))) == 0
}

test_fails_when_a_harmless_stack_set_shares_the_name if {
	# GIVEN an IAM-capable StackSet and a harmless one of the same name (another Region) whose address sorts first
	# WHEN an instance deploys that name (attack20) THEN reported, with the IAM-capable one's reason
	decoy := object.union(_set("roles", _template, []), {"address": "aws_cloudformation_stack_set.aaa"})
	set := _set("roles", _template, ["CAPABILITY_NAMED_IAM"])
	plan := testing.plan([decoy, set, _instance("aws_cloudformation_stack_set_instance", "roles", ["create"], null)])
	count([m | some m in _messages(plan); contains(m, "CAPABILITY_NAMED_IAM")]) == 1
}

test_fails_when_cloud_control_hands_out_a_role if {
	count(_messages(_control("AWS::Cognito::IdentityPoolRoleAttachment", ["create"], {}))) == 1
	count(_messages(_control("AWS::IoT::RoleAlias", ["create"], {}))) == 1
}

test_fails_when_a_template_hands_out_a_role_or_continues_a_type_over_a_line if {
	# GIVEN templates without capabilities that define a Cognito identity pool role attachment, or split
	# AWS::SSO::PermissionSet over an escaped line break in YAML (attack21) THEN reported
	cognito := {"name": "x", "capabilities": [], "template_body": json.marshal({"Resources": {"A": {"Type": "AWS::Cognito::IdentityPoolRoleAttachment"}}})}
	count(_messages(_stack("aws_cloudformation_stack", ["create"], null, cognito, {}))) == 1
	continued := {"name": "x", "capabilities": [], "template_body": "Resources:\n  P:\n    Type: \"AWS::S\\\n      SO::PermissionSet\"\n"}
	_messages(_stack("aws_cloudformation_stack", ["create"], null, continued, {})) == {"deploys a CloudFormation template that writes escape sequences that can spell any resource type; the gate does not judge templates"}
}

_deleted_control(kind) := testing.plan([{
	"address": "aws_cloudcontrolapi_resource.scp", "mode": "managed", "type": "aws_cloudcontrolapi_resource", "name": "scp",
	"change": {
		"actions": ["delete"], "after": null, "after_unknown": {},
		"before": {"type_name": kind, "desired_state": json.marshal({"Name": "allow-list", "TargetIds": ["ou-ab12-wkld0001"]})},
	},
}])

test_fails_when_a_stack_or_cloud_control_resource_holding_an_scp_is_deleted if {
	# GIVEN a stack whose template defines an AWS::Organizations::Policy, or a Cloud Control resource of that type,
	# deleted (attack review 2) THEN reported: the SCP goes with it
	scp := {"name": "guardrails", "template_body": json.marshal({"Resources": {"P": {"Type": "AWS::Organizations::Policy"}}})}
	[m] := [m | some m in _messages(_stack("aws_cloudformation_stack", ["delete"], scp, null, {}))]
	startswith(m, "deletes a CloudFormation stack whose template defines AWS::Organizations::* resources")
	_messages(_deleted_control("AWS::Organizations::Policy")) == {concat("", [
		"deletes a resource of type AWS::Organizations::Policy through the Cloud Control API; the gate does not judge ",
		"its state and cannot tell whether it was (or attached) the model allow-list",
	])}
}

test_passes_when_other_stacks_or_resources_are_deleted if {
	count(_messages(_stack("aws_cloudformation_stack", ["delete"], {"name": "b", "template_body": _template}, null, {}))) == 0
	count(_messages(_deleted_control("AWS::S3::Bucket"))) == 0
}

test_passes_when_the_deleted_organizations_resources_cannot_be_guardrails if {
	# GIVEN a deleted stack whose only Organizations resource is a TAG_POLICY (JSON or YAML), a Cloud Control tag
	# policy, or a delegation policy WHEN judged THEN nothing: none of them restricts what anyone may invoke
	tag := {"Resources": {"T": {"Type": "AWS::Organizations::Policy", "Properties": {"Name": "tags", "Type": "TAG_POLICY"}}}}
	count(_messages(_stack("aws_cloudformation_stack", ["delete"], {"name": "t", "template_body": json.marshal(tag)}, null, {}))) == 0
	count(_messages(_stack("aws_cloudformation_stack", ["delete"], {"name": "t", "template_body": yaml.marshal(tag)}, null, {}))) == 0
	tag_state := testing.plan([{
		"address": "aws_cloudcontrolapi_resource.t", "mode": "managed", "type": "aws_cloudcontrolapi_resource", "name": "t",
		"change": {"actions": ["delete"], "after": null, "after_unknown": {}, "before": {
			"type_name": "AWS::Organizations::Policy", "desired_state": json.marshal({"Name": "tags", "Type": "TAG_POLICY"}),
		}},
	}])
	count(_messages(tag_state)) == 0
	count(_messages(_deleted_control("AWS::Organizations::ResourcePolicy"))) == 0

	# a template with an SCP beside the tag policy, or a policy of no stated type, is still reported
	both := {"Resources": {"T": tag.Resources.T, "S": {"Type": "AWS::Organizations::Policy", "Properties": {"Type": "SERVICE_CONTROL_POLICY"}}}}
	count(_messages(_stack("aws_cloudformation_stack", ["delete"], {"name": "t", "template_body": json.marshal(both)}, null, {}))) == 1
	untyped := {"Resources": {"S": {"Type": "AWS::Organizations::Policy"}}}
	count(_messages(_stack("aws_cloudformation_stack", ["delete"], {"name": "t", "template_body": json.marshal(untyped)}, null, {}))) == 1
}
