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

for tool in "${want[@]}"; do
  case "$tool" in
    opa)
      if ! stamp_ok opa "$OPA_VERSION"; then
        echo "installing opa $OPA_VERSION (go build in tools/opa, a few minutes the first time)..." >&2
        (cd "$here/opa" && go build -o "$bin/opa" github.com/open-policy-agent/opa)
        echo "$OPA_VERSION" > "$bin/opa.version"
      fi ;;
    regal)
      if ! stamp_ok regal "$REGAL_VERSION"; then
        echo "installing regal $REGAL_VERSION (go build in tools/regal)..." >&2
        (cd "$here/regal" && go build -o "$bin/regal" github.com/open-policy-agent/regal)
        echo "$REGAL_VERSION" > "$bin/regal.version"
      fi ;;
    tofu)
      if ! stamp_ok tofu "$TOFU_VERSION"; then
        echo "installing OpenTofu $TOFU_VERSION (go build in tools/tofu, 8-15 minutes the first time)..." >&2
        (cd "$here/tofu" && go build -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$bin/tofu" github.com/opentofu/opentofu/cmd/tofu)
        echo "$TOFU_VERSION" > "$bin/tofu.version"
      fi ;;
    conftest)
      # Benchmarks only (bench/gate compares against it).
      if ! stamp_ok conftest "$CONFTEST_VERSION"; then
        echo "installing conftest $CONFTEST_VERSION (go build in tools/conftest)..." >&2
        (cd "$here/conftest" && go build -o "$bin/conftest" github.com/open-policy-agent/conftest)
        echo "$CONFTEST_VERSION" > "$bin/conftest.version"
      fi ;;
    *) echo "unknown tool: $tool (known: opa regal tofu conftest)" >&2; exit 2 ;;
  esac
done
