#!/usr/bin/env bash
# yarn bench:replicas — see e2e/bench/replicas.bench.ts. Builds the production profile (unless
# GANTRY_BENCH_SKIP_BUILD=1), then starts nginx (Debian's package) and the replicas on this
# machine's PostgreSQL (127.0.0.1:5432), on ports 7400–7402, and the test identity provider on
# 7411.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${GANTRY_BENCH_SKIP_BUILD:-}" != 1 ]; then
  yarn build:production >/dev/null
fi
# Each `terraform plan` of the CLI test double takes 2 s: the plan work the replicas share.
export FAKE_TERRAFORM_PLAN_SLEEP_MS="${FAKE_TERRAFORM_PLAN_SLEEP_MS:-2000}"
export GANTRY_TERRAFORM_BINARY="$PWD/plugins/terraform-node/src/__fixtures__/fake-terraform/terraform"
exec yarn jest --config e2e/jest.config.js --testMatch '<rootDir>/bench/replicas.bench.ts' --runInBand "$@"
