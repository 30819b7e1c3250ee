# METADATA
# title: Policy text is not JSON
# description: |
#   The policy text does not parse as strict JSON (typographic quotes, trailing commas, missing
#   brackets), contains typographic quotes inside its strings, or repeats a key within one object.
#   AWS rejects the first at apply time; the second compares the quote characters literally, so the
#   element never matches; for the third, parsers disagree on which value counts and how AWS reads it is
#   not documented, so the gate cannot judge the policy.
# scope: package
# custom:
#   id: MG-0001
#   long_id: policy_json_invalid
#   severity: CRITICAL
#   remediation: >-
#     Render the policy from data (jsonencode, a policy-document data source or modelgate synth)
#     instead of pasting text; replace U+2018/2019/201C/201D with straight quotes, remove trailing commas, and
#     write each key once per object (merge the values of a repeated Action, Resource or Condition).
#   related_resources:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
#     - https://aws.amazon.com/blogs/security/simplified-amazon-bedrock-model-access/
package rules.iam.policy_json_invalid

import data.lib.result
import data.lib.tfplan

_smart_quotes := ["\u2018", "\u2019", "\u201c", "\u201d"]

_has_smart_quote(text) if {
	some q in _smart_quotes
	contains(text, q)
}

_hint(text) := ": it contains typographic quotes (U+2018/U+2019/U+201C/U+201D) where JSON needs straight quotes" if {
	_has_smart_quote(text)
}

_hint(text) := ": look for trailing commas, missing brackets or unescaped characters" if {
	not _has_smart_quote(text)
}

deny contains finding if {
	some p in tfplan.policy_list
	not tfplan.strict(p.text)
	msg := concat("", ["policy text (", p.attr, ") is not valid JSON", _hint(p.text)])
	finding := result.new(rego.metadata.chain(), p.rc, msg)
}

deny contains finding if {
	some p in tfplan.policy_list
	tfplan.strict(p.text)
	_has_smart_quote(p.text)
	msg := concat("", [
		"policy text (", p.attr, ") contains typographic quotes (U+2018/U+2019/U+201C/U+201D) inside its strings; ",
		"IAM compares them literally, so those values never match",
	])
	finding := result.new(rego.metadata.chain(), p.rc, msg)
}

# each parsed policy text with its written keys, read once for both rules below
_keyed := [[d, tfplan.written_keys(d.text)] | some d in tfplan.parsed_list]

deny contains finding if {
	some [d, written] in _keyed
	key := tfplan.repeated_key(written, d.doc)
	msg := concat("", [
		"policy text (", d.attr, ") repeats the key \"", key, "\" within one object; parsers disagree on which ",
		"value counts (how AWS reads a repeated key is not documented), so the policy cannot be judged",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

deny contains finding if {
	some [d, written] in _keyed
	n := tfplan.too_many_keys(written)
	msg := concat("", [
		"policy text (", d.attr, ") holds ", format_int(n, 10), " keys, more than any IAM policy can (the gate checks ",
		"up to ", format_int(tfplan.max_checked_keys, 10), " for repeated keys), so the policy cannot be judged",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}
