#!/usr/bin/env bash
# Runs every Gantry test: unit, store (SQLite and PostgreSQL) and router tests through
# `backstage-cli repo test`, then the browser tests in real Chromium, the production profile's
# among them.
# Results go to .data/test-results/*.json; the last line sums them.
#
#   bash scripts/bootstrap.sh yarn test:all
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/.data/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0

# Store tests run on PostgreSQL too when one answers at 127.0.0.1:5432. TestDatabases reads
# this variable; without it, it would try to start a docker container.
source scripts/postgres-for-tests.sh

# Browser tests need Debian's Chromium (Playwright cannot download a browser here).
if [ ! -x "${GANTRY_CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test-all: installing Debian's chromium" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2 || status=1
  else
    echo "test-all: /usr/bin/chromium is missing; install Debian's chromium package (or set GANTRY_CHROMIUM)" >&2
    status=1
  fi
fi

# Terraform: the real CLI (on the sandbox modules) where one is on PATH; the CLI test double
# where none is, or when GANTRY_TESTS_TERRAFORM=double asks for it.
double="$root/plugins/terraform-node/src/__fixtures__/fake-terraform/terraform"
if [ "${GANTRY_TESTS_TERRAFORM:-}" = double ] || ! { command -v terraform || command -v tofu; } >/dev/null 2>&1; then
  chmod +x "$double"
  export GANTRY_TERRAFORM_BINARY="$double"
  echo "test-all: Terraform: the CLI test double for the browser tests (GANTRY_TERRAFORM_BINARY)" >&2
else
  echo "test-all: Terraform: the real CLI, $( (terraform version 2>/dev/null || tofu version) | head -n 1)" >&2
fi

echo "test-all: unit, store and router tests" >&2
CI=true yarn backstage-cli repo test --json --outputFile "$results/unit.json" || status=1

# The production profile (`yarn build:production`: the app and the backend bundle, unpacked
# into .data/production with its production dependencies). It builds the app the other browser
# tests serve too, and e2e/tests/sso.e2e.test.ts starts it the way production runs.
echo "test-all: building the production profile (app and backend bundle) for the browser tests" >&2
if yarn build:production >"$results/production-build.log" 2>&1; then
  grep '^production: ' "$results/production-build.log" >&2 || true
  echo "test-all: browser tests in Chromium" >&2
  yarn jest --config e2e/jest.config.js --json --outputFile "$results/e2e.json" || status=1
else
  echo "test-all: production build failed; see $results/production-build.log" >&2
  tail -30 "$results/production-build.log" >&2
  status=1
fi

node scripts/summarize-tests.js --expect unit.json --expect e2e.json "$results"/*.json || status=1
exit $status
