package lib.tfplan_test

import data.lib.tfplan

# what config_resources held when it walked the whole configuration: the definition the direct reading must equal
_walked(root) := {[mods, r] |
	walk(root, [path, r])
	tfplan.module_resource_path(path)
	is_string(r.address)
	mods := [path[i + 1] |
		some i, seg in path
		seg == "module_calls"
	]
}

_res(a) := {"address": a, "mode": "managed", "type": "aws_iam_policy", "name": a, "expressions": {"policy": {"references": ["x"]}}}

test_config_resources_reads_every_module_depth_as_a_walk_does if {
	# GIVEN resources at module depths 0 to 6, a module_calls list (not an object), a resources object (not a list), a
	# resource without an address and a look-alike under a resource's expressions WHEN read THEN the same entries as
	# walking the whole configuration
	d6 := {"resources": [_res("d6")]}
	d5 := {"resources": [_res("d5")], "module_calls": {"f": {"module": d6}}}
	d4 := {"resources": {"k": _res("d4")}, "module_calls": {"e": {"module": d5}}}
	d3 := {"resources": [_res("d3"), {"mode": "managed"}], "module_calls": {"d": {"module": d4}}}
	d2 := {"resources": [_res("d2")], "module_calls": {"c": {"module": d3}}}
	d1 := {"resources": [_res("d1")], "module_calls": {"b": {"module": d2}, "bad": {"module": {"module_calls": [{"module": {"resources": [_res("x")]}}]}}}}
	lookalike := object.union(_res("d0"), {"expressions": {"v": {"constant_value": {"resources": [_res("fake")]}}}})
	root := {"resources": [lookalike], "module_calls": {"a": {"module": d1}}}
	got := tfplan.config_resources with input as {"plan": {"configuration": {"root_module": root}}}
	got == _walked(root)
	{[mods, r.address] | some [mods, r] in got} == {
		[[], "d0"], [["a"], "d1"], [["a", "b"], "d2"], [["a", "b", "c"], "d3"],
		[["a", "b", "c", "d"], "d4"], [["a", "b", "c", "d", "e"], "d5"], [["a", "b", "c", "d", "e", "f"], "d6"],
	}

	# WHEN no module call is four deep THEN the same, without the walk
	shallow := {"resources": [_res("d0")], "module_calls": {"a": {"module": {"module_calls": {"b": {"module": d3}}}}}}
	tfplan.config_resources == _walked(shallow) with input as {"plan": {"configuration": {"root_module": shallow}}}
}
