#!/usr/bin/env bash
# yarn bench:infra — see e2e/bench/infraFlow.bench.ts. Starts its own backend on port 7207.
#
#   yarn bench:infra                          # the CLI test double, each plan 2 s: the portal's overhead
#   GANTRY_BENCH_TERRAFORM=real yarn bench:infra   # the real terraform on the sandbox modules
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${GANTRY_BENCH_TERRAFORM:-double}" = real ]; then
  echo "bench:infra: the real $(terraform version | head -n 1) on the sandbox modules" >&2
  unset GANTRY_TERRAFORM_BINARY FAKE_TERRAFORM_PLAN_SLEEP_MS
else
  # Each `terraform plan` of the CLI test double takes 2 s, so the portal's overhead shows apart.
  export FAKE_TERRAFORM_PLAN_SLEEP_MS="${FAKE_TERRAFORM_PLAN_SLEEP_MS:-2000}"
  export GANTRY_TERRAFORM_BINARY="$PWD/plugins/terraform-node/src/__fixtures__/fake-terraform/terraform"
fi
exec yarn jest --config e2e/jest.config.js --testMatch '<rootDir>/bench/infraFlow.bench.ts' --runInBand "$@"
