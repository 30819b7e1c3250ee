# METADATA
# title: Allow-list SCP leaves other inference surfaces open
# description: |
#   The SCP allow-lists models on bedrock: but does not deny the inference surfaces outside that
#   prefix: bedrock-mantle (OpenAI- and Anthropic-compatible endpoints), Claude Platform on AWS
#   (aws-external-anthropic) and Bedrock API keys (bedrock:CallWithBearerToken). Advisory. An allow-list made
#   of Allow statements denies a surface when none of its Allows names that action.
# scope: package
# custom:
#   id: MG-0019
#   long_id: inference_surface_gap
#   severity: LOW
#   remediation: >-
#     In the same SCP, deny bedrock-mantle:CreateInference and bedrock-mantle:CreateFineTuningJob (with
#     StringNotLike bedrock-mantle:Model for approved mantle models), aws-external-anthropic:*, and
#     bedrock:CallWithBearerToken unless API keys are intended.
#   related_resources:
#     - https://github.com/aws-samples/service-control-policy-examples
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html
package rules.organizations.inference_surface_gap

import data.lib.access
import data.lib.access.org
import data.lib.access.probes
import data.lib.iam
import data.lib.result

# surface -> [an action that must be denied, message]
_surfaces := {
	"mantle": ["bedrock-mantle:createinference", "bedrock-mantle inference (bedrock-mantle:CreateInference)"],
	# every one of the service's actions: which of them reach a model is not verified (probes.claude_platform_actions)
	"anthropic": [probes.claude_platform_any_action, "Claude Platform on AWS (aws-external-anthropic:*)"],
	"api_keys": ["bedrock:callwithbearertoken", "Bedrock API keys (bedrock:CallWithBearerToken)"],
}

_denied(stmts, a) if {
	some s in stmts
	iam.denies(s)
	iam.covers_action(s, a)
}

# an allow-list of Allow statements denies implicitly every action none of them names (on any resource)
_denied(stmts, a) if {
	access.scp_allows(stmts)
	not _allows_action(stmts, a)
}

_allows_action(stmts, a) if {
	some s in stmts
	iam.allows(s)
	iam.covers_action(s, a)
}

# judged per target: the SCPs on one target together (a split allow-list pair is one allow-list)
deny contains finding if {
	some set in org.scp_sets
	org.is_allowlist(set.stmts)
	some surface in _surfaces
	not _denied(set.stmts, surface[0])
	msg := concat("", ["model allow-list SCP", org.set_label(set), " does not deny ", surface[1], ", so models stay reachable there"])
	finding := result.new(rego.metadata.chain(), org.report_rc(set), msg)
}
