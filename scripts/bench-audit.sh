#!/usr/bin/env bash
# yarn bench:audit — see plugins/audit-node/src/__bench__/audit.bench.ts
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres-for-tests.sh
cd plugins/audit-node
CI=true exec yarn backstage-cli package test --testMatch '**/__bench__/*.bench.ts' --runInBand "$@"
