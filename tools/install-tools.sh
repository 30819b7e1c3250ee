#!/usr/bin/env bash
# Installs the project's pinned Go-built tools into $MODELGATE_TOOLS (default $HOME/.cache/modelgate/bin).
# Usage: tools/install-tools.sh [opa] [regal] [tofu] [conftest]   (no argument: opa and regal)
# Each tool is built from the Go module proxy through a tool module under tools/<name>/ whose go.sum pins every
# dependency (plain `go install x@v` also fails here for Regal: the proxy refuses its version-list lookup).
# A second run finds the binary with a matching version stamp and returns at once.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${MODELGATE_TOOLS:-$HOME/.cache/modelgate/bin}
mkdir -p "$bin"
export GOFLAGS=${GOFLAGS:--modcacherw}
export GOCACHE=${GOCACHE:-$HOME/.cache/go-build}
export CGO_ENABLED=0

OPA_VERSION=v1.22.3
REGAL_VERSION=v0.42.0
TOFU_VERSION=v1.12.6
CONFTEST_VERSION=v0.69.0

want=("$@")
[ ${#want[@]} -eq 0 ] && want=(opa regal)

stamp_ok() { [ -x "$bin/$1" ] && [ "$(cat "$bin/$1.version" 2>/dev/null)" = "$2" ]; }

# build_tool NAME VERSION [go build flags...]: build tools/NAME's tool module unless the stamped version is there.
build_tool() {
  local name=$1 version=$2 pkg
  shift 2
  stamp_ok "$name" "$version" && return 0
  pkg=$(sed -n 's/^tool //p' "$here/$name/go.mod")
  echo "installing $name $version (go build in tools/$name; minutes the first time, OpenTofu 8-15)..." >&2
  (cd "$here/$name" && go build "$@" -o "$bin/$name" "$pkg")
  echo "$version" > "$bin/$name.version"
}

for tool in "${want[@]}"; do
  case "$tool" in
    opa) build_tool opa "$OPA_VERSION" ;;
    regal) build_tool regal "$REGAL_VERSION" ;;
    tofu) build_tool tofu "$TOFU_VERSION" -ldflags "-X github.com/opentofu/opentofu/version.dev=no" ;;
    conftest) build_tool conftest "$CONFTEST_VERSION" ;; # benchmarks only (bench/gate compares against it)
    *) echo "unknown tool: $tool (known: opa regal tofu conftest)" >&2; exit 2 ;;
  esac
done
