# METADATA
# title: Attached policy cannot be judged
# description: |
#   The plan attaches a managed policy whose text the gate cannot read: a customer-managed policy the plan does
#   not define, an AWS-managed policy missing from the bundled snapshot, or an ARN computed during apply that
#   the configuration does not trace to a policy in the plan. Whatever that policy grants reaches the principal
#   unjudged, so the gate reports it rather than pass it; so does a change that hands a holder carrying such a
#   policy to more principals (a group membership, an account assignment of a permission set, a wider trust).
#   The config can set this rule's severity (gate.unresolvedPolicySeverity) for organizations that review those
#   policies elsewhere.
# scope: package
# custom:
#   id: MG-0021
#   long_id: attached_policy_unresolved
#   severity: MEDIUM
#   remediation: >-
#     Manage the policy in the same configuration (so the plan carries its text), attach an AWS-managed policy
#     by its exact ARN, or lower this rule's severity in the config once such policies are reviewed elsewhere.
#   related_resources:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
package rules.iam.attached_policy_unresolved

import data.lib.access.identity
import data.lib.result

deny contains finding if {
	some u in identity.unresolved
	msg := _message(u)
	f := result.new(rego.metadata.chain(), u.rc, msg)
	finding := object.union(f, {"severity": _severity(f.severity)})
}

_message(u) := concat("", ["attaches ", _arn(u.arn), " to a principal; ", u.why]) if not u.hands

_message(u) := concat("", [u.hands, " hands on ", _arn(u.arn), ", a policy the gate cannot read; ", u.why]) if u.hands

_arn(null) := "a policy"

_arn(a) := a if is_string(a)

_severity(default_severity) := s if {
	s := data.modelgate.settings.unresolvedPolicySeverity
	s in {"LOW", "MEDIUM", "HIGH", "CRITICAL"}
} else := default_severity
