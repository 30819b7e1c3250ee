# METADATA
# title: CloudFormation stack may create IAM the gate does not judge
# description: |
#   A CloudFormation stack or StackSet the plan creates, or whose template, parameters or capabilities it changes,
#   delivers whatever its template defines: IAM roles, users, groups and policies (with an identity policy that
#   may grant any Bedrock model), IAM Identity Center permission sets, Organizations policies. The gate reads
#   Terraform resources, not templates, so it reports such a stack rather than pass it: one granted
#   CAPABILITY_IAM, CAPABILITY_NAMED_IAM or CAPABILITY_AUTO_EXPAND (CloudFormation refuses IAM resources without
#   the first two; the third runs macros and nested stacks), one whose template names an IAM, Identity Center,
#   Identity Store, Organizations or CloudFormation (nested stack, StackSet) resource type or writes escape
#   sequences that could spell one, and one whose template or capabilities are unknown until apply or held
#   elsewhere (template_url).
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

# template resource types that carry access, or deploy templates of their own (nested stacks and StackSets, which
# carry capabilities of their own), without an IAM capability on this stack
_access_types := ["AWS::SSO::", "AWS::IdentityStore::", "AWS::Organizations::", "AWS::CloudFormation::", "AWS::IAM::"]

# escape sequences (YAML's \x, \u, \U, \N; JSON's \u) can spell any resource type
_escapes := ["\\x", "\\u", "\\U", "\\N"]

_inputs := ["template_body", "template_url", "parameters", "capabilities"]

deny contains finding if {
	some rc in tfplan.resource_change_list
	rc.type in _stack_types
	tfplan.writes(rc)
	_changes_what_it_deploys(rc)
	why := _why(rc)
	msg := concat("", ["deploys a CloudFormation template that ", why, "; the gate does not judge templates"])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

_changes_what_it_deploys(rc) if not is_object(rc.change.before)

_changes_what_it_deploys(rc) if {
	some k in _inputs
	object.get(rc.change.before, k, null) != object.get(rc.change.after, k, null)
}

_changes_what_it_deploys(rc) if {
	some k in _inputs
	_unknown(rc, k)
}

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
