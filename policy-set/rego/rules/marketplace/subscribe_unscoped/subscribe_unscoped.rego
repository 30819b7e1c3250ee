# METADATA
# title: Marketplace Subscribe allowed without Bedrock scoping
# description: |
#   aws-marketplace:Subscribe (or aws-marketplace:*, or *) is allowed without StringEquals
#   aws:CalledViaLast = bedrock.amazonaws.com (or bedrock-mantle.amazonaws.com), with a wildcard or
#   Like match on that key, without an aws-marketplace:ProductId restriction, or with a ForAllValues:
#   operator in the Allow and no Null guard, which is true when the key is absent.
# scope: package
# custom:
#   id: MG-0015
#   long_id: subscribe_unscoped
#   severity: HIGH
#   remediation: >-
#     Give Subscribe its own statement with "StringEquals" {"aws:CalledViaLast" "bedrock.amazonaws.com"}
#     and "ForAnyValue:StringEquals" on aws-marketplace:ProductId listing the approved models' product IDs.
#   related_resources:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
package rules.marketplace.subscribe_unscoped

import data.lib.iam
import data.lib.result
import data.lib.tfplan

_services := {"bedrock.amazonaws.com", "bedrock-mantle.amazonaws.com"}

# [operator, key (lower-case), values] for every condition entry of a statement
_conditions(s) := [[op, lower(k), iam.as_array(v)] |
	is_object(s.Condition)
	some op, block in s.Condition
	is_object(block)
	some k, v in block
]

_called_via_ok(s) if {
	some [op, k, vs] in _conditions(s)
	k == "aws:calledvialast"
	op == "StringEquals"
	count(vs) > 0
	every v in vs {
		v in _services
	}
}

_called_via_loose(s) if {
	some [op, k, vs] in _conditions(s)
	k == "aws:calledvialast"
	contains(op, "Like")
}

_called_via_loose(s) if {
	some [_, k, vs] in _conditions(s)
	k == "aws:calledvialast"
	some v in vs
	iam.has_wildcard(v)
}

_product_restricted(s) if {
	some [op, k, vs] in _conditions(s)
	k == "aws-marketplace:productid"
	not contains(op, "Not")
	count(vs) > 0
	every v in vs {
		not iam.has_wildcard(v)
	}
}

_null_guarded(s, key) if {
	some [op, k, vs] in _conditions(s)
	op == "Null"
	k == key
	vs == ["false"]
}

_subscribe_allows contains [d, i, s] if {
	some d in tfplan.identity_documents
	some i, s in iam.statements(d.doc)
	iam.allows(s)
	iam.covers_action(s, "aws-marketplace:subscribe")
}

deny contains finding if {
	some [d, i, s] in _subscribe_allows
	not _called_via_ok(s)
	not _called_via_loose(s)
	msg := concat("", [
		tfplan.statement_label(s, i),
		" allows aws-marketplace:Subscribe without StringEquals aws:CalledViaLast = bedrock.amazonaws.com,",
		" so it subscribes to any Marketplace product outside Bedrock",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

deny contains finding if {
	some [d, i, s] in _subscribe_allows
	_called_via_loose(s)
	msg := concat("", [
		tfplan.statement_label(s, i),
		" matches aws:CalledViaLast with a wildcard or Like operator; use StringEquals with bedrock.amazonaws.com",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

deny contains finding if {
	some [d, i, s] in _subscribe_allows
	not _product_restricted(s)
	msg := concat("", [
		tfplan.statement_label(s, i),
		" allows aws-marketplace:Subscribe without an aws-marketplace:ProductId restriction,",
		" so any Marketplace model can be subscribed",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

deny contains finding if {
	some [d, i, s] in _subscribe_allows
	some [op, k, _] in _conditions(s)
	startswith(op, "ForAllValues:")
	not _null_guarded(s, k)
	msg := concat("", [
		tfplan.statement_label(s, i),
		" uses ", op, " on ", k, " in an Allow without a Null guard;",
		" it is true when the key is absent, so the restriction does not apply",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}
