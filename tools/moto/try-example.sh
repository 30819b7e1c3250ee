#!/usr/bin/env bash
# Deploy the bundled example organization into moto (an AWS API emulator on 127.0.0.1) with real terraform and the
# stand-in hashicorp/aws provider: no AWS account needed. Run from anywhere after `npm ci`:
#   bash tools/moto/try-example.sh [workdir]        (default workdir: ./modelgate-emulator)
# Extra arguments after the workdir go to `modelgate deploy` (e.g. --dry-run). moto keeps running afterwards so you
# can look around (AWS CLI with --endpoint-url) or run the script again, which deploys again into the same
# emulator (MODELGATE_EMULATOR_RESET=1 starts over); the script prints how to stop moto.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mkdir -p "${1:-modelgate-emulator}" && cd "${1:-modelgate-emulator}" && pwd)"
shift || true
port="${MODELGATE_MOTO_PORT:-5000}"
[ -f "$repo/dist/cli/bin.js" ] || (cd "$repo" && npm run build >/dev/null)
export TF_CLI_CONFIG_FILE="$(bash "$repo/tools/standin-aws-provider/build.sh")"
moto_bin="$(bash "$repo/tools/moto/install.sh")"
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true CHECKPOINT_DISABLE=1

fresh=0
if ! curl -fsS "$AWS_ENDPOINT_URL/moto-api/data.json" >/dev/null 2>&1; then
  fresh=1
  "$moto_bin/moto_server" -H 127.0.0.1 -p "$port" > "$work/moto.log" 2>&1 &
  echo $! > "$work/moto.pid"
  for _ in $(seq 100); do curl -fsS "$AWS_ENDPOINT_URL/moto-api/data.json" >/dev/null 2>&1 && break; sleep 0.2; done
fi
# Seed when moto was just started, when this workdir was never seeded, or on request (MODELGATE_EMULATOR_RESET=1):
# a fresh emulator (repeatable IDs), then the example's organization with moto's IDs. Otherwise deploy again.
if [ "$fresh" = 1 ] || [ ! -f "$work/seeded.json" ] || [ "${MODELGATE_EMULATOR_RESET:-0}" = 1 ]; then
  curl -fsS -X POST "$AWS_ENDPOINT_URL/moto-api/reset" >/dev/null
  curl -fsS -X POST "$AWS_ENDPOINT_URL/moto-api/seed?a=42" >/dev/null
  rm -f "$work"/terraform.*.tfstate*
  printf '{"config": "%s", "out": "%s"}' "$repo/examples/organization/modelgate.yaml" "$work/modelgate.yaml" |
    "$moto_bin/python" "$repo/tools/moto/aws.py" seed-config > "$work/seeded.json"
  echo "seeded moto at $AWS_ENDPOINT_URL; config with moto's IDs: $work/modelgate.yaml" >&2
fi

cd "$work"
status=0
node "$repo/dist/cli/bin.js" deploy --config modelgate.yaml --auto-approve "$@" || status=$?
[ -f moto.pid ] && echo "moto is still running: kill $(cat moto.pid)   (log: $work/moto.log)" >&2
exit "$status"
