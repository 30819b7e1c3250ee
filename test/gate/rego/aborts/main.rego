# Evaluation calls a builtin that opa-wasm does not implement, so the SDK throws a plain object at evaluation.
package modelgate.main

findings := [x | x := time.now_ns()]
