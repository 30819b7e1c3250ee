#!/usr/bin/env bash
# modelgate for any CI system (GitLab, Jenkins, Buildkite, ...): gate on merge requests, deploy on the main branch.
#   examples/ci/deploy.sh plan     # synth, plan and gate every stack; writes report.md and modelgate.sarif
#   examples/ci/deploy.sh apply    # plan, gate and apply each gated plan (stops at the first blocked/failed stack)
# Needs: Node.js >= 20.9, terraform (or tofu) on PATH, AWS credentials for the management account, and a remote
# backend in modelgate.yaml so plan and apply jobs share state. Exit codes are modelgate's: 0 ok, 1 blocked by
# the gate, 2 config or usage error, 3 a terraform step or the gate failed.
set -euo pipefail
mode="${1:?usage: deploy.sh plan|apply}"
config="${MODELGATE_CONFIG:-modelgate.yaml}"
out="${MODELGATE_OUT:-modelgate-out}"
modelgate="${MODELGATE_BIN:-npx --no-install modelgate}"
export TF_IN_AUTOMATION=1

case "$mode" in
  plan)
    status=0
    $modelgate deploy --config "$config" --dry-run --out-dir "$out" || status=$?
    if compgen -G "$out/*/plan.json" >/dev/null; then
      $modelgate check "$out"/*/plan.json --config "$config" --format markdown > "$out/report.md" || true
      $modelgate check "$out"/*/plan.json --config "$config" --format sarif --output "$out/modelgate.sarif" || true
    fi
    exit "$status"
    ;;
  apply)
    exec $modelgate deploy --config "$config" --auto-approve --out-dir "$out"
    ;;
  *)
    echo "usage: deploy.sh plan|apply" >&2
    exit 2
    ;;
esac
