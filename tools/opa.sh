#!/usr/bin/env bash
# Runs the pinned OPA, installing it first if needed.
set -euo pipefail
bin=${MODELGATE_TOOLS:-$HOME/.cache/modelgate/bin}
bash "$(dirname "$0")/install-tools.sh" opa >&2
exec "$bin/opa" "$@"
