#!/usr/bin/env bash
# Runs the pinned Regal, installing it first if needed.
set -euo pipefail
bin=${MODELGATE_TOOLS:-$HOME/.cache/modelgate/bin}
bash "$(dirname "$0")/install-tools.sh" regal >&2
export REGAL_DISABLE_VERSION_CHECK=1 REGAL_DISABLE_CHECK_VERSION=1
exec "$bin/regal" "$@"
