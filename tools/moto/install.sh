#!/usr/bin/env bash
# Install moto (the AWS API emulator the end-to-end tests deploy into) into a venv cached under
# $HOME/.cache/modelgate, once per requirements.txt. Prints the venv's bin directory (moto_server, python).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
key="$( (cat "$here/requirements.txt"; "$python" --version) | sha256sum | cut -c1-16)"
venv="${MODELGATE_CACHE:-$HOME/.cache/modelgate}/moto/$key"
# .complete is written last, so an interrupted install is redone rather than half used.
if [ ! -f "$venv/.complete" ]; then
  echo "installing moto[server] 5.2.5 into $venv ..." >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  nice -n 10 "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$here/requirements.txt" >&2
  touch "$venv/.complete"
fi
echo "$venv/bin"
