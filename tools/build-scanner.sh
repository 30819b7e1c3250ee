#!/usr/bin/env bash
# Builds scanner/json-scan.wasm from scanner/json-scan.ts (AssemblyScript; the byte scan of gate/plan-reduce.ts).
#   bash tools/build-scanner.sh          build into scanner/
#   bash tools/build-scanner.sh --check  rebuild into a temp dir and fail if scanner/json-scan.wasm differs
# The compiler is the devDependency `assemblyscript` (pinned in package.json); the output is byte-for-byte
# reproducible for the same source and compiler version.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# --runtime stub: no garbage collector (nothing is allocated); --importMemory: the caller sizes the memory to the
# input; --noAssert: the source has no assertions to keep; -O3: the scan's loop is the point; --enable simd:
# strings are skipped 16 bytes at a time (WebAssembly SIMD: Node 16.4 and later).
"$root/node_modules/.bin/asc" "$root/scanner/json-scan.ts" -O3 --runtime stub --noAssert --importMemory --enable simd \
  --initialMemory 1 --noExportMemory -o "$work/json-scan.wasm"
if [ "$mode" = "--check" ]; then
  if ! cmp -s "$work/json-scan.wasm" "$root/scanner/json-scan.wasm"; then
    echo "scanner/json-scan.wasm is stale: run bash tools/build-scanner.sh and commit the result" >&2
    exit 1
  fi
  echo "scanner/json-scan.wasm is up to date"
else
  cp "$work/json-scan.wasm" "$root/scanner/json-scan.wasm"
  echo "built scanner/json-scan.wasm ($(wc -c < "$root/scanner/json-scan.wasm") bytes)"
fi
