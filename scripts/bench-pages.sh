#!/usr/bin/env bash
# yarn bench:pages — see e2e/bench/pages.bench.ts. Builds the app (unless
# GANTRY_BENCH_SKIP_BUILD=1) and starts its own backend on port 7207.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${GANTRY_BENCH_SKIP_BUILD:-}" != 1 ]; then
  yarn workspace app build >/dev/null
fi
exec yarn jest --config e2e/jest.config.js --testMatch '<rootDir>/bench/pages.bench.ts' --runInBand "$@"
