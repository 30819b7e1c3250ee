#!/usr/bin/env bash
# Regenerate test/fixtures/real-plans/<terraform|tofu>/<scenario>/<stack>.json: the `show -json` plans the
# end-to-end deploy suite makes with real terraform (or tofu), the stand-in provider and moto.
#   bash tools/gen-real-plans.sh                  # with terraform (or tofu) from PATH
#   bash tools/install-tools.sh tofu && MODELGATE_E2E_TF=$HOME/.cache/modelgate/bin/tofu bash tools/gen-real-plans.sh
# moto is reseeded before every scenario (/moto-api/seed), so IDs repeat; plan timestamps and dates do not.
set -euo pipefail
cd "$(dirname "$0")/.."
tf="${MODELGATE_E2E_TF:-$(command -v terraform || command -v tofu)}"
kind=terraform
case "$(basename "$tf")" in *tofu*) kind=tofu ;; esac
out="test/fixtures/real-plans"
rm -rf "${out:?}/$kind"
npm run build >/dev/null
MODELGATE_E2E=1 MODELGATE_E2E_TF="$tf" MODELGATE_REAL_PLANS_OUT="$PWD/$out" npx jest --ci test/e2e/deploy.test.ts
# Every fixture must have an expected verdict: the routine test (test/gate/real-plans.test.ts) checks them all.
npx jest --ci test/gate/real-plans.test.ts
