# A stand-in for rego/: two tiny rules with the same output contract, for gate tests that need known findings.
package modelgate.main

import rego.v1

_meta := {
	"MG-9001": {"longId": "dev_wildcard", "title": "Wildcard Bedrock action", "severity": "HIGH", "remediation": "Name actions explicitly."},
	"MG-9002": {"longId": "dev_unknown", "title": "Policy unknown at plan time", "severity": "CRITICAL", "remediation": "Make the policy text known at plan time."},
}

_f(id, rc, msg) := {
	"ruleId": id, "longId": _meta[id].longId, "title": _meta[id].title, "severity": _meta[id].severity,
	"remediation": _meta[id].remediation, "message": msg, "address": rc.address, "resourceType": rc.type,
}

_deny contains f if {
	some rc in input.plan.resource_changes
	rc.type == "aws_iam_policy"
	contains(rc.change.after.policy, "bedrock:*")
	f := _f("MG-9001", rc, concat("", ["bedrock:* granted by ", rc.address]))
}

_deny contains f if {
	some rc in input.plan.resource_changes
	rc.type == "aws_iam_policy"
	rc.change.after_unknown.policy == true
	f := _f("MG-9002", rc, "policy text unknown")
}

_rank := {"CRITICAL": 0, "HIGH": 1, "MEDIUM": 2, "LOW": 3}

findings := [f |
	some k in sort([[_rank[x.severity], x.ruleId, x.address, x.message] | some x in _deny])
	some f in _deny
	[_rank[f.severity], f.ruleId, f.address, f.message] == k
]
