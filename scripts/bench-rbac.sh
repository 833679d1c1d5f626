#!/usr/bin/env bash
# yarn bench:rbac — see plugins/permission-backend-module-gantry-policy/src/__bench__/rbac.bench.ts
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres-for-tests.sh
cd plugins/permission-backend-module-gantry-policy
CI=true exec yarn backstage-cli package test --testMatch '**/__bench__/*.bench.ts' --runInBand "$@"
