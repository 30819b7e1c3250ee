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
