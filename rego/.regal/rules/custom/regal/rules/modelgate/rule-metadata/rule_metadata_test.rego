package custom.regal.rules.modelgate["rule-metadata_test"]

import data.custom.regal.rules.modelgate["rule-metadata"] as rule

_good := `# METADATA
# title: T
# description: D
# scope: package
# custom:
#   id: MG-0001
#   long_id: x_rule
#   severity: HIGH
#   remediation: R
#   related_resources:
#     - https://example.com
package rules.bedrock.x_rule
`

_module(policy) := object.union(regal.parse_module("rules/bedrock/x_rule/x_rule.rego", policy), {"regal": {"file": {
	"name": "rego/rules/bedrock/x_rule/x_rule.rego",
	"lines": split(policy, "\n"),
}}})

test_passes_when_metadata_complete if {
	r := rule.report with input as _module(_good)
	count(r) == 0
}

test_fails_when_long_id_differs if {
	r := rule.report with input as _module(replace(_good, "long_id: x_rule", "long_id: y_rule"))
	count(r) == 1
}

test_fails_when_severity_and_id_bad if {
	r := rule.report with input as _module(replace(replace(_good, "HIGH", "SEVERE"), "MG-0001", "X-1"))
	count(r) == 2
}

test_fails_when_metadata_missing if {
	r := rule.report with input as _module("package rules.bedrock.x_rule\n")
	count(r) == 1
}
