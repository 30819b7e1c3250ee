# METADATA
# title: Marketplace Subscribe allowed for a product that is not approved
# description: |
#   When a modelgate config is given (data.modelgate.approved), an identity policy that allows
#   aws-marketplace:Subscribe (or aws-marketplace:*, or *) restricted on aws-marketplace:ProductId with
#   StringEquals, StringEqualsIgnoreCase or StringLike (also with ForAnyValue:/ForAllValues: or IfExists) may
#   name only the approved models' product IDs.
#   Each product ID it names that is not approved is reported, with the catalog model it belongs to; a
#   StringLike pattern counts every unapproved catalog product ID it matches. Without a config, MG-0015
#   covers Subscribe scoping.
# scope: package
# custom:
#   id: MG-0020
#   long_id: subscribe_product_not_approved
#   severity: HIGH
#   remediation: >-
#     List only the approved models' product IDs (exact values, no patterns) in the aws-marketplace:ProductId
#     condition of the Subscribe statement, or approve the model in the config.
#   related_resources:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html
package rules.marketplace.subscribe_product_not_approved

import data.lib.catalog
import data.lib.iam
import data.lib.result
import data.lib.tfplan

# [operator, value] for every string value of an aws-marketplace:ProductId condition (key in any case) under an
# operator that names the products the statement lets one subscribe to
_product_values(s) := {[op, v] |
	is_object(s.Condition)
	some op, block in s.Condition
	_base(op) in {"StringEquals", "StringEqualsIgnoreCase", "StringLike"}
	is_object(block)
	some k, vs in block
	lower(k) == "aws-marketplace:productid"
	some v in iam.as_array(vs)
	is_string(v)
}

# the operator without its set prefix (ForAnyValue:, ForAllValues:) and IfExists suffix: each form names the
# products a statement admits
_base(op) := trim_suffix(trim_prefix(trim_prefix(op, "ForAnyValue:"), "ForAllValues:"), "IfExists")

_pattern(op, v) if {
	_base(op) == "StringLike"
	iam.has_wildcard(v)
}

# the product IDs one condition value names: itself, or for a StringLike pattern the catalog product IDs it matches
_products(op, v) := {v} if not _pattern(op, v)

_products(op, v) := catalog.products_matching(v) if _pattern(op, v)

# the StringLike patterns through which a statement names pid, when it does not name pid itself
_via(values, pid) := "" if {
	some [op, v] in values
	v == pid
	not _pattern(op, v)
} else := concat("", [" through StringLike ", concat(", ", sort([json.marshal(v) |
	some [op, v] in values
	_pattern(op, v)
	iam.wildcard_match(v, pid)
]))])

_model(pid) := concat("", [" (model ", concat(", ", sort(models)), ")"]) if {
	models := catalog.product_models(pid)
	count(models) > 0
} else := " (no catalog model)"

deny contains finding if {
	catalog.approved != null
	some d in tfplan.identity_documents
	some i, s in iam.statements(d.doc)
	iam.allows(s)
	iam.covers_action(s, "aws-marketplace:subscribe")
	values := _product_values(s)
	some pid in {p |
		some [op, v] in values
		some p in _products(op, v)
	}
	not catalog.is_approved_product(pid)
	msg := concat("", [
		tfplan.statement_label(s, i), " allows aws-marketplace:Subscribe to product ", pid, _model(pid),
		_via(values, pid), ", which the config does not approve",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}
