#!/usr/bin/env bash
# Builds rego/dist/policy.wasm, rego/dist/manifest.json, rego/dist/rules.json (every rule's METADATA; duplicate
# rule IDs fail the build) and rego/dist/selection.json (lib.selection's declaration of what the gate reads) from
# the non-test Rego under rego/.
#   bash tools/build-wasm.sh          build into rego/dist/
#   bash tools/build-wasm.sh --check  rebuild into a temp dir and fail if rego/dist/ differs
# The build uses rego/capabilities.json (tools/gen-capabilities.js), so a builtin that opa-wasm cannot
# run fails here, not in a user's run. Only *.rego files outside .regal/ and not ending in _test.rego
# are staged; the output is byte-for-byte reproducible for the same sources and OPA version.
set -euo pipefail
export LC_ALL=C TZ=UTC
root=$(cd "$(dirname "$0")/.." && pwd)
opa=(bash "$root/tools/opa.sh")
mode=${1:-build}
entrypoints=(modelgate/main/findings modelgate/main/deny)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. stage the sources (tools/stage-rego.js: sorted, test files, .regal and dist excluded)
mkdir -p "$work/out"
mapfile -t sources < <(node "$root/tools/stage-rego.js" "$work/src")
cd "$root/rego"

# 2. compile to wasm
args=(build -t wasm --capabilities "$root/rego/capabilities.json" -o "$work/bundle.tar.gz")
for e in "${entrypoints[@]}"; do args+=(-e "$e"); done
(cd "$work/src" && "${opa[@]}" "${args[@]}" .)
tar -xzf "$work/bundle.tar.gz" -C "$work/out" /policy.wasm 2>/dev/null || tar -xzf "$work/bundle.tar.gz" -C "$work/out" policy.wasm
mkdir -p "$work/dist"
cp "$work/out/policy.wasm" "$work/dist/policy.wasm"

# 3. manifest: OPA version, entrypoints, hash of sources + capabilities, hash of the module
source_sha=$(for f in "${sources[@]}"; do printf '%s\n' "$f"; sha256sum < "$f" | cut -d' ' -f1; done; printf 'capabilities.json\n'; sha256sum < capabilities.json | cut -d' ' -f1)
source_sha=$(printf '%s\n' "$source_sha" | sha256sum | cut -d' ' -f1)
wasm_sha=$(sha256sum < "$work/dist/policy.wasm" | cut -d' ' -f1)
opa_version=$("${opa[@]}" version 2>/dev/null | sed -n 's/^Version: //p')
node -e '
const [opaVersion, sourceSha256, wasmSha256, ...entrypoints] = process.argv.slice(1);
process.stdout.write(JSON.stringify({opaVersion, entrypoints, sourceSha256, wasmSha256}, null, 2) + "\n");
' "$opa_version" "$source_sha" "$wasm_sha" "${entrypoints[@]}" > "$work/dist/manifest.json"

# 4. rules.json: every rule's METADATA (for `modelgate list-rules` and report rule descriptions), sorted by id
(cd "$work/src" && "${opa[@]}" inspect -a --format json .) | node -e '
let text = ""; process.stdin.on("data", (c) => (text += c)).on("end", () => {
  const rules = (JSON.parse(text).annotations ?? [])
    .filter((a) => a.annotations?.scope === "package" && a.annotations?.custom?.id)
    .map((a) => { const m = a.annotations; const c = m.custom; return {
      id: c.id, longId: c.long_id, title: m.title, severity: String(c.severity).toLowerCase(),
      description: (m.description ?? "").trim(), remediation: c.remediation ?? "", relatedResources: c.related_resources ?? [],
      package: a.path.slice(1).map((p) => p.value).join("."), deprecated: c.deprecated === true,
      requiresConfig: c.requires_config === true }; })
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const ids = rules.map((r) => r.id);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length > 0) { process.stderr.write("duplicate rule ids: " + dup.join(", ") + "\n"); process.exit(1); }
  process.stdout.write(JSON.stringify({ rules }, null, 2) + "\n");
});' > "$work/dist/rules.json"

# 5. selection.json: what the gate hands the wasm (lib.selection's declaration, read by gate/select.ts)
(cd "$work/src" && "${opa[@]}" eval --format json -d . data.lib.selection.declaration) | node -e '
let text = ""; process.stdin.on("data", (c) => (text += c)).on("end", () => {
  const value = JSON.parse(text).result?.[0]?.expressions?.[0]?.value;
  if (!value || !Array.isArray(value.types) || value.types.length === 0) { process.stderr.write("data.lib.selection.declaration is undefined or empty\n"); process.exit(1); }
  const sorted = (v) => Array.isArray(v) ? v.map(sorted) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v;
  process.stdout.write(JSON.stringify(sorted(value), null, 2) + "\n");
});' > "$work/dist/selection.json"

if [[ $mode == --check ]]; then
	status=0
	for f in policy.wasm manifest.json rules.json selection.json; do
		if ! cmp -s "$work/dist/$f" "$root/rego/dist/$f"; then
			echo "build-wasm --check: rego/dist/$f is out of date; run npm run rego:build" >&2
			status=1
		fi
	done
	[[ $status == 0 ]] && echo "build-wasm --check: rego/dist/ matches the sources"
	exit $status
fi
mkdir -p "$root/rego/dist"
cp "$work/dist/policy.wasm" "$work/dist/manifest.json" "$work/dist/rules.json" "$work/dist/selection.json" "$root/rego/dist/"
echo "built rego/dist/policy.wasm ($(wc -c < "$root/rego/dist/policy.wasm") bytes) from ${#sources[@]} files, sha256 $wasm_sha"
