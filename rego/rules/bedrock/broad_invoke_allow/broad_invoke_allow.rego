# METADATA
# title: Identity policy allows invoking every model
# description: |
#   An Allow with NotAction or NotResource, or with an action pattern that covers bedrock:InvokeModel
#   or InvokeModelWithResponseStream ("*", "bedrock:*", "bedrock:Invoke*", any case) on "*" or on every
#   model ARN (in any Region or account), grants invocation of any model, including models outside the
#   catalog, unless the same policy denies invocation outside an allow-list in every Region and account
#   the Allow reaches.
# scope: package
# custom:
#   id: MG-0009
#   long_id: broad_invoke_allow
#   severity: HIGH
#   remediation: >-
#     Allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on the foundation-model and
#     inference-profile ARNs of approved models only, or add a Deny with NotResource listing them.
#   related_resources:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
package rules.bedrock.broad_invoke_allow

import data.lib.iam
import data.lib.result
import data.lib.tfplan

# the same policy denies invoking this probe (an unlisted model in one Region and account) with an unconditional
# Deny; a Deny bounds only the probes it covers, so one limited to some Regions leaves the others open
_bounded(doc, a, arn) if {
	some t in iam.statements(doc)
	iam.denies(t)
	not t.Condition
	iam.covers_action(t, a)
	iam.covers_resource(t, arn)
}

# "arn:aws:bedrock:zz-probe-9:000000000000:imported-model/modelgate-probe" -> "imported-model"
_kind(arn) := split(split(arn, ":")[5], "/")[0]

_how(s) := "NotAction" if s.NotAction

_how(s) := "NotResource" if {
	not s.NotAction
	s.NotResource
}

_how(s) := concat("", ["Action ", json.marshal(s.Action), " on Resource ", json.marshal(s.Resource)]) if {
	not s.NotAction
	not s.NotResource
}

deny contains finding if {
	some d in tfplan.identity_documents

	# probes in every Region and account the policy's patterns name, and in one they do not
	probes := iam.model_probes(iam.resource_patterns(d.doc))
	some i, s in iam.statements(d.doc)
	iam.allows(s)
	reach := {[a, arn] |
		some a in iam.invoke_actions
		iam.covers_action(s, a)
		some arn in probes
		iam.covers_resource(s, arn)
		not _bounded(d.doc, a, arn)
	}
	count(reach) > 0
	granted := {a | some [a, _] in reach}
	kinds := {_kind(arn) | some [_, arn] in reach}
	msg := concat("", [
		tfplan.statement_label(s, i), " allows ", concat(" and ", sort(granted)), " on every model (",
		_how(s), "), including models outside the catalog (", concat(", ", sort(kinds)), ")",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}
