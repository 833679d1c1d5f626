#!/usr/bin/env bash
# yarn bench:approvals — see plugins/approvals-backend/src/__bench__/listRequests.bench.ts
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres-for-tests.sh
cd plugins/approvals-backend
CI=true exec yarn backstage-cli package test --testMatch '**/__bench__/*.bench.ts' --runInBand "$@"
