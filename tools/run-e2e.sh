#!/usr/bin/env bash
# The end-to-end deploy suite as CI runs it (.ci/run): build the stand-in hashicorp/aws provider and install moto
# (both pinned, cached under $HOME/.cache/modelgate), pick terraform (else tofu on PATH, else the pinned OpenTofu
# built once from the Go module proxy), then `npm run test:e2e`. MODELGATE_E2E_TOFU=1 also runs it under OpenTofu.
# Expects `npm ci` (or `npm run build`) to have built dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOMODCACHE="${GOMODCACHE:-$HOME/.cache/go-mod}"
export GOCACHE="${GOCACHE:-$HOME/.cache/go-build}"
export GOFLAGS="${GOFLAGS:--modcacherw}"
start=$(date +%s)
step() { printf '\n== e2e: %s (%ss)\n' "$1" "$(( $(date +%s) - start ))"; }
tofu_bin="${MODELGATE_TOOLS:-$HOME/.cache/modelgate/bin}/tofu"

step "stand-in hashicorp/aws provider and moto 5.2.5"
bash tools/standin-aws-provider/build.sh >/dev/null
bash tools/moto/install.sh >/dev/null

if [ -n "${MODELGATE_E2E_TF:-}" ]; then
  :
elif command -v terraform >/dev/null; then
  MODELGATE_E2E_TF="$(command -v terraform)"
elif command -v tofu >/dev/null; then
  MODELGATE_E2E_TF="$(command -v tofu)"
else
  step "no terraform or tofu on PATH: building the pinned OpenTofu from the Go module proxy (once, ~10 minutes)"
  bash tools/install-tools.sh tofu
  MODELGATE_E2E_TF="$tofu_bin"
fi
export MODELGATE_E2E_TF

step "suite with $("$MODELGATE_E2E_TF" version 2>/dev/null | grep -m1 -E "^(Terraform|OpenTofu) v" || echo "$MODELGATE_E2E_TF")"
npm run test:e2e

if [ "${MODELGATE_E2E_TOFU:-0}" = 1 ] && [ "$MODELGATE_E2E_TF" != "$tofu_bin" ]; then
  step "suite again under OpenTofu (MODELGATE_E2E_TOFU=1)"
  bash tools/install-tools.sh tofu
  MODELGATE_E2E_TF="$tofu_bin" npm run test:e2e
fi
step "done"
