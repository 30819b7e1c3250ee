# Part of package lib.tfplan (its METADATA is in tfplan.rego): every resource of the plan's configuration, with the
# names of the module calls it sits in.
package lib.tfplan

# config_resources: [module names, resource configuration] for every resource in the configuration, at any module
# depth. The root module and three levels of module calls are read directly; only a configuration nested deeper is
# walked (walk visits every node of every expression, and reading the configuration that way was ~6 % of judging a
# plan of many policies). A module call's name is a string (an object key); anything else is not configuration.
config_resources contains [[], r] if {
	some r in _root.resources
	is_string(r.address)
}

config_resources contains [[m1], r] if {
	some m1, c1 in _root.module_calls
	is_string(m1)
	some r in c1.module.resources
	is_string(r.address)
}

config_resources contains [[m1, m2], r] if {
	some m1, c1 in _root.module_calls
	is_string(m1)
	some m2, c2 in c1.module.module_calls
	is_string(m2)
	some r in c2.module.resources
	is_string(r.address)
}

config_resources contains [[m1, m2, m3], r] if {
	some m1, c1 in _root.module_calls
	is_string(m1)
	some m2, c2 in c1.module.module_calls
	is_string(m2)
	some m3, c3 in c2.module.module_calls
	is_string(m3)
	some r in c3.module.resources
	is_string(r.address)
}

# four or more levels of module calls: walked, as module_resource_path reads a path
config_resources contains [mods, r] if {
	_deeper_modules
	walk(_root, [path, r])
	count(path) >= 14
	module_resource_path(path)
	is_string(r.address)
	mods := [path[i + 1] |
		some i, seg in path
		seg == "module_calls"
	]
}

_root := input.plan.configuration.root_module

# some module call sits four levels deep
_deeper_modules if {
	some c1 in _root.module_calls
	some c2 in c1.module.module_calls
	some c3 in c2.module.module_calls
	some _ in c3.module.module_calls
}
