# Part of package lib.tfplan (its METADATA is in tfplan.rego): which policy texts are strict JSON (the texts the
# rules parse), judged once per text.
package lib.tfplan

# strict_json: text is one strict JSON value. OPA's Wasm json.is_valid accepts a trailing comma in an
# array and content after the value, which Go's (HCP's) rejects; the extra checks make both strict and
# equal. A string value containing ", ]" or "}{" is also reported, which no IAM policy needs. The checks are
# those of the regular expressions `,\s*[\]}]` and `[}\]]\s*[{\[]` (RE2's \s: tab, newline, form feed, carriage
# return, space), made with string builtins on the text without those characters: compiling the expressions
# (RE2, in a process's first evaluation) cost a one-plan check more than these builtins (BENCHMARKS.md).
strict_json(text) if {
	json.is_valid(text)
	bare := strings.replace_n(_space_chars, text)
	not _comma_closes(bare)
	not _values_adjoin(bare)
	_closed(trim_space(text))
	_one_value(text)
}

# _one_value(text): nothing follows the text's first value. OPA's wasm json.is_valid reads the first value and
# ignores anything after it ("{…}x}", "[1]]"), which Go's rejects. Wrapped in an array, the value may be followed
# only by "," or "]"; wrapped as an object's member, only by "," or "}"; and what follows a "," cannot be both
# an array element and an object member ("k":v is no element, a bare value no member). So anything after the
# value makes one of the two wrapped texts invalid, for wasm's parser as for Go's.
_one_value(text) if {
	json.is_valid(concat("", ["[", text, "]"]))
	json.is_valid(concat("", [`{"a":`, text, "}"]))
}

_space_chars := {" ": "", "\t": "", "\n": "", "\f": "", "\r": ""}

# a comma right before a closing bracket or brace (white space removed)
_comma_closes(bare) if contains(bare, ",]")

_comma_closes(bare) if contains(bare, ",}")

# a closing bracket or brace right before an opening one (white space removed)
_values_adjoin(bare) if {
	some pair in ["}{", "}[", "]{", "]["]
	contains(bare, pair)
}

_closed(t) if {
	startswith(t, "{")
	endswith(t, "}")
}

_closed(t) if {
	startswith(t, "[")
	endswith(t, "]")
}

_closed(t) if {
	not startswith(t, "{")
	not startswith(t, "[")
}

# strict_texts: the policy texts of policy_list that are strict JSON, each judged once per evaluation (the rules and
# the access model ask about the same texts; json.is_valid and two regular expressions per ask were ~4 % of it)
# regal ignore:prefer-set-or-object-rule
strict_texts := {p.text | some p in policy_list; strict_json(p.text)}

# strict(text): strict_json(text), looked up for a text of policy_list (as strict_texts[text]: OPA's wasm runtime
# answers `x in S` by comparing x with every element of S, a key lookup by hashing)
strict(text) if strict_texts[text]

strict(text) if {
	not strict_texts[text]
	strict_json(text)
}
