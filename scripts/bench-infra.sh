#!/usr/bin/env bash
# yarn bench:infra — see e2e/bench/infraFlow.bench.ts. Starts its own backend on port 7207.
set -euo pipefail
cd "$(dirname "$0")/.."
exec yarn jest --config e2e/jest.config.js --testMatch '<rootDir>/bench/*.bench.ts' --runInBand "$@"
