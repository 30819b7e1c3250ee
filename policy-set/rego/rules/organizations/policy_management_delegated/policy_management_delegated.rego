# METADATA
# title: Management of service control policies delegated to a member account
# description: |
#   An AWS Organizations resource-based delegation policy (aws_organizations_resource_policy) lets the accounts it
#   names perform policy actions that are otherwise the management account's alone. One that allows updating,
#   deleting, attaching or detaching policies, or enabling and disabling policy types, for service control
#   policies lets that account rewrite or detach the model allow-list, outside any plan this gate sees. Reported
#   when the plan creates or changes such a policy: an Allow of one of those actions that a Condition does not
#   limit to policy types other than SERVICE_CONTROL_POLICY (organizations:PolicyType), nor its Resource to ARNs no
#   SCP has (policy/*/backup_policy/*), and a delegation policy
#   whose content is unknown until apply or is not a JSON object (fail closed).
# scope: package
# custom:
#   id: MG-0027
#   long_id: policy_management_delegated
#   severity: HIGH
#   remediation: >-
#     Delegate only the policy types a member account needs (a StringEquals condition on
#     organizations:PolicyType naming them, without SERVICE_CONTROL_POLICY), or keep SCP changes in the
#     management account's gated configuration.
#   related_resources:
#     - https://docs.aws.amazon.com/organizations/latest/userguide/orgs_delegate_policies.html
#     - https://docs.aws.amazon.com/organizations/latest/userguide/security_iam_resource-based-policy-examples.html
package rules.organizations.policy_management_delegated

import data.lib.iam
import data.lib.result
import data.lib.tfplan

_types := {"aws_organizations_resource_policy", "awscc_organizations_resource_policy"}

# the policy actions that change which SCPs apply where, or what they say (CreatePolicy alone attaches nothing)
_scp_actions := [
	"organizations:updatepolicy", "organizations:deletepolicy", "organizations:attachpolicy",
	"organizations:detachpolicy", "organizations:disablepolicytype", "organizations:enablepolicytype",
]

_written contains rc if {
	some rc in tfplan.resource_change_list
	rc.type in _types
	tfplan.writes(rc)
}

deny contains finding if {
	some rc in _written
	some s in iam.statements(_doc(rc))
	iam.allows(s)
	actions := [a | some a in _scp_actions; iam.covers_action(s, a); _may_name_an_scp(s, a)]
	count(actions) > 0
	not _other_policy_types_only(s)
	msg := concat("", [
		"the Organizations delegation policy allows ", concat(", ", actions), " to ", _principal_words(s),
		" for service control policies: that account can rewrite or detach the model allow-list outside this gate",
	])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

deny contains finding if {
	some rc in _written
	not _doc(rc)
	msg := concat("", [
		"the Organizations delegation policy's content is ", _content_words(rc),
		", so the gate cannot tell whether it delegates the management of service control policies",
	])
	finding := result.new(rego.metadata.chain(), rc, msg)
}

# the content after the plan as a policy document (an object), when it is known and readable
_doc(rc) := d if {
	not _content_unknown(rc)
	t := rc.change.after.content
	is_string(t)
	tfplan.strict_json(t)
	d := json.unmarshal(t)
	is_object(d)
}

_doc(rc) := d if {
	not _content_unknown(rc)
	d := rc.change.after.content
	is_object(d)
}

_content_unknown(rc) if {
	u := rc.change.after_unknown
	not is_object(u)
	not u in {false, null}
}

_content_unknown(rc) if {
	u := rc.change.after_unknown.content
	u != false
	u != null
}

_content_words(rc) := "unknown until apply" if _content_unknown(rc)

else := "not a JSON object"

# the statement's resources may include an SCP: Update, Delete, Attach and Detach act on the policy's ARN (an SCP's
# has /service_control_policy/ in it, as AWS's delegation examples scope other types by backup_policy/ and
# tag_policy/), so one whose Resource patterns match no SCP ARN cannot touch one; Enable and DisablePolicyType act
# on a root, whatever the type
_may_name_an_scp(_, a) if a in {"organizations:enablepolicytype", "organizations:disablepolicytype"}

_may_name_an_scp(s, _) if s.NotResource

_may_name_an_scp(s, _) if {
	some pat in iam.resources(s)
	some arn in _scp_arns(pat)
	iam.wildcard_match(pat, arn)
}

# SCP ARNs a pattern could name: one in the management account the pattern names (or a made-up one), and the
# AWS-managed FullAWSAccess
_scp_arns(pat) := [
	concat("", ["arn:aws:organizations::", _account(pat), ":policy/o-zzprobe0000/service_control_policy/p-zzprobe0"]),
	"arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
]

_account(pat) := a if {
	a := split(pat, ":")[4]
	regex.match(`^[0-9]{12}$`, a)
} else := "111111111111"

# a Condition that limits the statement to policy types other than SCPs: a string operator (without IfExists,
# whose absent key would let every request through) on organizations:PolicyType whose every value names another type
_other_policy_types_only(s) if {
	some op, block in s.Condition
	lower(op) in {"stringequals", "stringequalsignorecase", "stringlike"}
	some key, values in block
	lower(key) == "organizations:policytype"
	vs := iam.as_array(values)
	count(vs) > 0
	every v in vs {
		is_string(v)
		not _names_scp(lower(op), v)
	}
}

_names_scp("stringequals", "SERVICE_CONTROL_POLICY")

_names_scp("stringequalsignorecase", v) if upper(v) == "SERVICE_CONTROL_POLICY"

_names_scp("stringlike", v) if iam.wildcard_match(v, "SERVICE_CONTROL_POLICY")

_principal_words(s) := concat(", ", sort(ps)) if {
	pr := object.get(s, "Principal", {})
	is_object(pr)
	ps := [p |
		some p in iam.as_array(object.get(pr, "AWS", []))
		is_string(p)
	]
	count(ps) > 0
} else := "the principals it names"
