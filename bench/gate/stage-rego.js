// The benchmarks stage the Rego the same way tools/build-wasm.sh and `modelgate export-policy-set` do.
"use strict";
module.exports = require("../../tools/stage-rego");
