# METADATA
# title: modelgate aggregator
# description: |
#   Collects the deny sets of every rule package under data.rules. findings is the wasm entrypoint
#   (an array sorted by severity, ruleId, address, message); deny is the same findings as a set, for
#   HCP Terraform policy sets (query data.modelgate.main.deny).
# scope: package
package modelgate.main

_rank := {"CRITICAL": 0, "HIGH": 1, "MEDIUM": 2, "LOW": 3}

# METADATA
# description: Every finding of every rule, as a set (HCP Terraform queries data.modelgate.main.deny).
# entrypoint: true
deny contains finding if {
	# regal ignore:mixed-iteration
	some finding in data.rules[_][_].deny
}

# METADATA
# description: Every finding, sorted by severity (critical first), ruleId, address and message.
# entrypoint: true
findings := [entry[4] |
	some entry in sort([[_rank[f.severity], f.ruleId, f.address, f.message, f] | some f in deny])
]
