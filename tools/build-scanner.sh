#!/usr/bin/env bash
# Builds scanner/json-scan.wasm and scanner/json-scan-scalar.wasm from scanner/json-scan.ts (AssemblyScript; the
# byte scan of gate/plan-reduce.ts).
#   bash tools/build-scanner.sh          build into scanner/
#   bash tools/build-scanner.sh --check  rebuild into a temp dir and fail if either committed module differs
# The compiler is the devDependency `assemblyscript` (pinned in package.json); the output is byte-for-byte
# reproducible for the same source and compiler version.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# --runtime stub: no garbage collector (nothing is allocated); --importMemory: the caller sizes the memory to the
# input; --noAssert: the source has no assertions to keep; -O3: the scan's loop is the point. Two builds of the one
# source: json-scan.wasm with --enable simd (strings skipped 16 bytes at a time: WebAssembly SIMD, which V8 compiles
# only where the CPU has it, on x86-64 SSE4.1), and json-scan-scalar.wasm without, which gate/plan-reduce.ts loads
# where the first does not compile.
build() { # <output> [asc flags]
  local out=$1
  shift
  "$root/node_modules/.bin/asc" "$root/scanner/json-scan.ts" -O3 --runtime stub --noAssert --importMemory "$@" \
    --initialMemory 1 --noExportMemory -o "$work/$out"
}
build json-scan.wasm --enable simd
build json-scan-scalar.wasm
status=0
for f in json-scan.wasm json-scan-scalar.wasm; do
  if [ "$mode" = "--check" ]; then
    if ! cmp -s "$work/$f" "$root/scanner/$f"; then
      echo "scanner/$f is stale: run bash tools/build-scanner.sh and commit the result" >&2
      status=1
    else
      echo "scanner/$f is up to date"
    fi
  else
    cp "$work/$f" "$root/scanner/$f"
    echo "built scanner/$f ($(wc -c < "$root/scanner/$f") bytes)"
  fi
done
exit $status
