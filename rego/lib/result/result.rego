# METADATA
# title: Finding constructor
# description: Builds one finding from a rule's METADATA chain, the resource change it concerns and a message.
# scope: package
package lib.result

# the package-scoped annotations of the rule (the entry that carries custom.id)
_annotations(chain) := [entry.annotations |
	some entry in chain
	entry.annotations.custom.id
][0]

# new builds a finding in the shape of docs/ARCHITECTURE.md "Gate output".
new(chain, rc, msg) := {
	"ruleId": a.custom.id,
	"longId": a.custom.long_id,
	"title": a.title,
	"severity": a.custom.severity,
	"remediation": a.custom.remediation,
	"message": msg,
	"address": rc.address,
	"resourceType": rc.type,
} if {
	a := _annotations(chain)
}
