package lib.tfplan_test

import data.lib.tfplan

_keys_of(text) := tfplan.repeated_key(tfplan.written_keys(text), json.unmarshal(text))

test_repeated_key_is_undefined_when_no_key_repeats if {
	not _keys_of(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow"},{"Effect":"Deny"}]}`)
	not _keys_of(`{"Sid":"a\":b","Effect":"Allow"}`)
}

test_repeated_key_names_the_key_not_what_its_dropped_value_held if {
	_keys_of(`{"A":{"Effect":"x"},"Effect":"y","A":{}}`) == "A"
	_keys_of(`{"Condition":{"Bool":{"k":"1"}},"Condition":{"Bool":{"k":"2"}}}`) == "Condition"
}

test_repeated_key_reads_escaped_keys_as_their_value if {
	_keys_of(`{"Resource":"*","Resourc\u0065":"x"}`) == "Resource"
}

test_too_many_keys_counts_only_above_the_limit if {
	few := json.marshal({concat("", ["k", format_int(i, 10)]): 1 | some i in numbers.range(1, 10)})
	not tfplan.too_many_keys(tfplan.written_keys(few))
	many := json.marshal({concat("", ["k", format_int(i, 10)]): 1 | some i in numbers.range(1, tfplan.max_checked_keys + 1)})
	tfplan.too_many_keys(tfplan.written_keys(many)) == tfplan.max_checked_keys + 1
	not _keys_of(many)
}

test_written_keys_reads_escaped_backslashes_and_quotes_as_json_does if {
	text := `{"a\\":1,"b":"x\\\"y:","c\"d" :{"e\\\\":[":", "\"f\":"]},"g":"\\"}`
	tfplan.written_keys(text) == ["a\\", "b", "c\"d", "e\\\\", "g"]
	not _keys_of(text)
	_keys_of(`{"a\\":1,"a\\" :2}`) == "a\\"
	_keys_of("{\"k\"\n\t:1,\r\n\"k\":2}") == "k"
}

test_written_keys_counts_a_string_as_a_key_only_before_a_colon if {
	tfplan.written_keys(`["k", {"v": "k"}, "w"]`) == ["v"]
	tfplan.written_keys(`"just a string"`) == []
	tfplan.written_keys(`{}`) == []
}

# OPA's wasm JSON parser takes any value as a key ("{…,0:0}"); such a key, never written as a string, must not
# balance the count of a repeated one
test_repeated_key_is_found_when_a_key_that_is_no_string_balances_the_count if {
	written := ["Statement", "Effect", "Effect", "x"]
	tfplan.repeated_key(written, {"Statement": {"Effect": "Deny", 0: 0, "x": 1}}) == "Effect"
	not tfplan.repeated_key(["Statement", "x"], {"Statement": {0: 0, "x": 1}})
}
