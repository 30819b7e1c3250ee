# METADATA
# title: Deny of bedrock:* with NotResource on model ARNs
# description: |
#   A Deny whose actions cover more than the two invoke actions (bedrock:*, *, bedrock:Get*...) with
#   NotResource listing model ARNs also denies everything else that is not on the list: inference
#   profiles, guardrails, agents, knowledge bases, and List/Get calls on "*". In an SCP that breaks Bedrock for
#   every principal below it (MEDIUM); in an identity policy it only narrows what its own principals may do, a
#   choice an invoke-only role may make on purpose, so it is advisory there (LOW). It never opens access.
# scope: package
# custom:
#   id: MG-0014
#   long_id: broad_notresource_deny
#   severity: MEDIUM
#   remediation: >-
#     Deny only bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream with the NotResource
#     allow-list, and exempt the approved models' inference profiles too.
#   related_resources:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
#     - https://aws.amazon.com/blogs/security/simplified-amazon-bedrock-model-access/
package rules.bedrock.broad_notresource_deny

import data.lib.iam
import data.lib.iam.actions
import data.lib.result
import data.lib.tfplan

# a pattern that covers bedrock actions other than the invoke actions
_broad(p) if {
	iam.has_wildcard(p)
	some a in actions.known
	startswith(a, "bedrock:")
	not a in iam.invoke_actions
	iam.wildcard_match(p, a)
}

_names_models(s) if {
	some arn in iam.not_resources(s)
	tfplan.model_ref(arn)
}

deny contains finding if {
	some d in tfplan.document_list
	some i, s in iam.statements(d.doc)
	iam.denies(s)
	_names_models(s)

	# named as the policy writes them (matched case-insensitively, as IAM matches action names)
	broad := [a | some a in iam.as_array(object.get(s, "Action", [])); is_string(a); _broad(lower(a))]
	count(broad) > 0
	msg := concat("", [
		tfplan.statement_label(s, i), " denies ", concat(", ", broad), " on everything except the listed model ARNs, ",
		"which also blocks inference profiles, guardrails, agents, knowledge bases and List/Get calls",
	])
	f := result.new(rego.metadata.chain(), d.rc, msg)
	finding := _scoped_severity(f, d.rc)
}

_scoped_severity(f, rc) := f if rc.type in tfplan.scp_types

_scoped_severity(f, rc) := object.union(f, {"severity": "LOW"}) if not rc.type in tfplan.scp_types
