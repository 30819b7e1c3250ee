# Part of package lib.tfplan (its METADATA is in tfplan.rego): the keys a policy text repeats within one object.
package lib.tfplan

# repeated_key(written, doc): a key that a text repeats within one object (written: its written_keys, read once per
# text; doc: its parsed value), the first in text order; undefined when no key repeats. JSON parsers disagree on which
# value of a repeated key counts (Go's and OPA's keep the last; how AWS reads one is not documented), so such text
# cannot be judged. Counted as written: every string token of the text followed by a colon is a key (outside strings
# JSON has no quotes, so the tokens are found left to right), while the parsed document holds each object's keys once.
# The keys written more often than parsed are the repeats and the keys inside values the parser dropped; the first of
# them in text order is the repeat (a dropped value's keys come after its own key). Text with more keys than
# max_checked_keys is not counted (too_many_keys reports it).
repeated_key(written, doc) := key if {
	count(written) <= max_checked_keys
	parsed := _parsed_keys(doc)
	_keys_differ(written, parsed)
	over := {k |
		some k in {w | some w in written}
		count([1 | some w in written; w == k]) > count([1 | some p in parsed; p == k])
	}
	key := [w | some w in written; over[w]][0]
}

# the written and parsed keys may differ: in number, or by a parsed key that is no string (OPA's wasm JSON parser
# takes any value as a key, "{…,0:0}", which Go's rejects; such a key, never written as a string, could balance
# the count of a repeated one)
_keys_differ(written, parsed) if count(written) != count(parsed)

_keys_differ(_, parsed) if {
	some k in parsed
	not is_string(k)
}

# the most keys a policy text is checked for repeats: more than twice what fits in the largest IAM policy (an inline
# role policy, 10,240 characters); checking costs the square of the number of keys
max_checked_keys := 2048

# too_many_keys(written): the number of a text's keys (its written_keys), when it is more than max_checked_keys
too_many_keys(written) := n if {
	n := count(written)
	n > max_checked_keys
}

# written_keys(text): every key of the text, as written (in text order, repeats kept), unescaped. For strict JSON
# text (the callers' parsed texts): every escaped backslash, then every escaped quote, is first replaced by a control
# character strict JSON cannot hold raw, so the quotes left delimit the strings; the odd pieces between them are
# the strings, and a string whose next piece starts (after white space) with a colon is a key. String builtins,
# not a regular expression: compiling one (RE2, in a process's first evaluation) and searching with it cost a
# one-plan check more than these builtins (BENCHMARKS.md).
written_keys(text) := [key |
	parts := split(replace(replace(text, `\\`, "\u0001"), `\"`, "\u0002"), `"`)
	some i, raw in parts
	i % 2 == 1
	startswith(trim_left(parts[i + 1], " \t\n\r"), ":")
	key := _unescaped(replace(replace(raw, "\u0002", `\"`), "\u0001", `\\`))
]

# a key without a backslash is its own value; only one with an escape is decoded (a JSON parse per key was most of
# what reading the keys cost)
_unescaped(raw) := raw if not contains(raw, `\`)

_unescaped(raw) := json.unmarshal(concat("", [`"`, raw, `"`])) if contains(raw, `\`)

_parsed_keys(doc) := [k |
	walk(doc, [_, v])
	is_object(v)
	some k, _ in v
]
