#!/usr/bin/env bash
# Runs every check: lint, typecheck, API and unit tests on PGlite and on PostgreSQL, browser tests in
# headless Chromium. Installs what it needs (npm packages; Debian's chromium and a Chinese font).
# PostgreSQL must listen on 127.0.0.1:5432 (TEST_PG_URL overrides); .ci/run starts it if it is down.
set -uo pipefail
cd "$(dirname "$0")/.."
set -e
source scripts/ensure-node.sh
source scripts/ensure-deps.sh
if ! dpkg -s chromium fonts-wqy-zenhei >/dev/null 2>&1; then
  echo "» installing Debian's chromium and fonts-wqy-zenhei for the browser tests…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
fi
set +e
mkdir -p tmp
failed=()
stage() {
  local name=$1; shift
  echo; echo "════ $name"
  if ! "$@"; then failed+=("$name"); fi
}
export TEST_PG_URL=${TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}
stage lint npm run --silent lint
stage typecheck npm run --silent typecheck
stage "api tests (PGlite)" env TEST_DB=pglite npx vitest run --config vitest.config.ts \
  --reporter=default --reporter=json --outputFile.json=tmp/results-pglite.json
stage "api tests (PostgreSQL)" env TEST_DB=postgres npx vitest run --config vitest.config.ts \
  --reporter=default --reporter=json --outputFile.json=tmp/results-postgres.json
stage "build web" bash scripts/build-web.sh
stage "browser tests (Chromium)" npx vitest run --config vitest.e2e.config.ts \
  --reporter=default --reporter=json --outputFile.json=tmp/results-e2e.json
echo
node scripts/summarize-tests.mjs tmp/results-pglite.json tmp/results-postgres.json tmp/results-e2e.json "${failed[@]/#/stage:}"
[ ${#failed[@]} -eq 0 ]
