#!/usr/bin/env bash
# yarn audit:verify — see plugins/audit-node/src/cli/verifyAuditChain.ts
# Runs from packages/backend, as `yarn start` does, so that relative paths in the config
# (the SQLite directory, --config files) mean what they mean to the backend.
set -euo pipefail
cd "$(dirname "$0")/../packages/backend"
exec node --require @backstage/cli/config/nodeTransform.cjs \
  ../../plugins/audit-node/src/cli/verifyAuditChain.ts "$@"
