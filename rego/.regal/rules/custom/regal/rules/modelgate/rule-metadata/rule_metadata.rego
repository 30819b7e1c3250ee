# METADATA
# description: |
#   Every modelgate rule (rules/<service>/<slug>/<slug>.rego) carries package-scoped METADATA with
#   title, description, custom.id (MG-NNNN), custom.long_id equal to the directory name,
#   custom.severity (LOW, MEDIUM, HIGH or CRITICAL), custom.remediation and custom.related_resources.
# related_resources:
#   - description: style guide §5
#     ref: https://github.com/modelgate/modelgate/blob/main/docs/rules.md
# schemas:
#   - input: schema.regal.ast
package custom.regal.rules.modelgate["rule-metadata"]

import data.regal.result

_severities := {"LOW", "MEDIUM", "HIGH", "CRITICAL"}

_path := split(input.regal.file.name, "/")

# a rule file: .../rules/<service>/<slug>/<slug>.rego, not a test
_is_rule_file if {
	n := count(_path)
	n >= 4
	not ".regal" in _path
	_path[n - 4] == "rules"
	endswith(_path[n - 1], ".rego")
	not endswith(_path[n - 1], "_test.rego")
}

_dir := _path[count(_path) - 2]

_annotations := [a |
	some a in input.package.annotations
	a.scope == "package"
]

_problems contains "package-scoped METADATA is missing" if count(_annotations) == 0

_problems contains msg if {
	some a in _annotations
	some field in ["title", "description"]
	not _non_empty(object.get(a, field, null))
	msg := concat("", ["METADATA ", field, " is missing or empty"])
}

_problems contains msg if {
	some a in _annotations
	some field in ["id", "long_id", "severity", "remediation"]
	not _non_empty(object.get(a, ["custom", field], null))
	msg := concat("", ["METADATA custom.", field, " is missing or empty"])
}

_problems contains "METADATA custom.id must look like MG-0001" if {
	some a in _annotations
	_non_empty(a.custom.id)
	not regex.match(`^MG-[0-9]{4}$`, a.custom.id)
}

_problems contains msg if {
	some a in _annotations
	_non_empty(a.custom.long_id)
	a.custom.long_id != _dir
	msg := concat("", ["METADATA custom.long_id \"", a.custom.long_id, "\" must equal the directory name \"", _dir, "\""])
}

_problems contains "METADATA custom.severity must be LOW, MEDIUM, HIGH or CRITICAL" if {
	some a in _annotations
	_non_empty(a.custom.severity)
	not a.custom.severity in _severities
}

_problems contains "METADATA custom.related_resources must be a non-empty list of strings" if {
	some a in _annotations
	not _string_list(object.get(a, ["custom", "related_resources"], null))
}

_problems contains msg if {
	last := input.package.path[count(input.package.path) - 1].value
	last != _dir
	msg := concat("", ["package must end in the directory name \"", _dir, "\""])
}

_non_empty(x) if {
	is_string(x)
	trim_space(x) != ""
}

_string_list(x) if {
	is_array(x)
	count(x) > 0
	every s in x {
		is_string(s)
	}
}

report contains violation if {
	_is_rule_file
	some problem in _problems
	violation := object.union(
		result.fail(rego.metadata.chain(), result.location(input.package)),
		{"description": problem},
	)
}
