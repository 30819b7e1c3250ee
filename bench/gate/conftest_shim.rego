# Benchmark-only adapter (bench/gate): conftest requires every deny result to carry a string "msg"; the
# modelgate findings carry "message". This package re-exposes data.modelgate.main.deny unchanged plus "msg",
# so `conftest test --namespace modelgate.conftest` evaluates exactly the rules `opa eval` and the wasm run.
package modelgate.conftest

deny contains object.union(f, {"msg": concat("", [f.ruleId, " ", f.address, ": ", f.message])}) if {
	some f in data.modelgate.main.deny
}
