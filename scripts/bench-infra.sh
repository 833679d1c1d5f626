#!/usr/bin/env bash
# yarn bench:infra — see e2e/bench/infraFlow.bench.ts. Starts its own backend on port 7207.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each `terraform plan` of the CLI test double takes 2 s, so the portal's overhead shows apart.
export FAKE_TERRAFORM_PLAN_SLEEP_MS="${FAKE_TERRAFORM_PLAN_SLEEP_MS:-2000}"
export GANTRY_TERRAFORM_BINARY="$PWD/plugins/terraform-node/src/__fixtures__/fake-terraform/terraform"
exec yarn jest --config e2e/jest.config.js --testMatch '<rootDir>/bench/*.bench.ts' --runInBand "$@"
