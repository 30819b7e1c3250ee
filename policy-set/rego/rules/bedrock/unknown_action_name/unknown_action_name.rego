# METADATA
# title: Name that is not an IAM action
# description: |
#   An Action or NotAction entry of the bedrock, bedrock-mantle, aws-marketplace or
#   aws-external-anthropic prefix is not an IAM action (bedrock:Converse, bedrock:ConverseStream,
#   bedrock:InvokeModelWithBidirectionalStream, bedrock:UseInferenceProfile, bedrock:StartAsyncInvoke,
#   typos), a pattern that matches no action, or uses the bedrock-runtime prefix, which IAM does not
#   have. Such entries grant and deny nothing, so a Deny naming them blocks nothing. An entry of those
#   prefixes written with white space before it is reported too (whether IAM trims it is not
#   documented: unverified), as one with white space after it already is.
# scope: package
# custom:
#   id: MG-0012
#   long_id: unknown_action_name
#   severity: HIGH
#   remediation: >-
#     Use the IAM action that authorizes the call; Converse, StartAsyncInvoke and
#     InvokeModelWithBidirectionalStream are authorized as bedrock:InvokeModel, ConverseStream as
#     bedrock:InvokeModelWithResponseStream, and profile use as InvokeModel on the profile ARN.
#   related_resources:
#     - https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/inference-invoke.html
package rules.bedrock.unknown_action_name

import data.lib.iam
import data.lib.iam.actions
import data.lib.result
import data.lib.tfplan

_hints := {
	"bedrock:converse": "; Converse is authorized as bedrock:InvokeModel",
	"bedrock:conversestream": "; ConverseStream is authorized as bedrock:InvokeModelWithResponseStream",
	"bedrock:invokemodelwithbidirectionalstream": "; it is authorized as bedrock:InvokeModel",
	"bedrock:startasyncinvoke": "; StartAsyncInvoke is authorized as bedrock:InvokeModel",
	"bedrock:useinferenceprofile": "; profile use is authorized as bedrock:InvokeModel on the profile ARN",
	"bedrock:putusercaseformodelaccess": "; the action is bedrock:PutUseCaseForModelAccess",
}

_hint(a) := object.get(_hints, a, "")

_problem(a) := "the bedrock-runtime prefix does not exist in IAM; runtime calls are authorized as bedrock: actions" if {
	iam.action_prefix(a) == "bedrock-runtime"
}

_problem(a) := concat("", ["it is not an IAM action", _hint(a)]) if {
	iam.action_prefix(a) in actions.prefixes
	not iam.has_wildcard(a)
	not iam.known_action(a)
}

_problem(a) := "the pattern matches no IAM action" if _matching_nothing[a]

# white space before the prefix hides it from the rules above (after the name, the name itself is unknown)
_problem(a) := "it has white space around it, so as written it is no IAM action (whether IAM trims it is not documented)" if {
	not iam.action_prefix(a) in actions.prefixes
	iam.action_prefix(a) != "bedrock-runtime"
	trimmed := trim_space(a)
	trimmed != a
	_ours(iam.action_prefix(trimmed))
}

_ours(prefix) if prefix in actions.prefixes

_ours("bedrock-runtime")

# the distinct wildcard patterns of known services that the plan's documents name and no known action matches:
# computed once per pattern, not once per statement that names it (a plan of many policies repeats a few). Complete
# rules, looked up as whole sets: Go OPA would evaluate a partial set's body again for every lookup of a bound key.
# regal ignore:prefer-set-or-object-rule
_matching_nothing := {p |
	some p in _wild_entries
	iam.action_prefix(p) in actions.prefixes
	not _matches_any(p)
}

# regal ignore:prefer-set-or-object-rule
_wild_entries := {p |
	some d in tfplan.document_list
	some s in iam.statements(d.doc)
	some entry in iam.action_entries(s)
	p := lower(entry)
	iam.has_wildcard(p)
}

_matches_any(p) if {
	some a in actions.known
	iam.wildcard_match(p, a)
}

deny contains finding if {
	some d in tfplan.document_list
	some i, s in iam.statements(d.doc)
	some entry in iam.action_entries(s)
	problem := _problem(lower(entry))
	msg := concat("", [tfplan.statement_label(s, i), " names ", entry, ": ", problem, ", so the entry grants and denies nothing"])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}
