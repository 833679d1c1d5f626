#!/usr/bin/env bash
# yarn docs:screenshots — runs the browser tests that show the home page, a request page and an
# approval page, saving docs/images/*.png on the way (see e2e/support/docsScreenshot.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
yarn workspace app build >/dev/null
GANTRY_DOCS_SCREENSHOTS=1 exec yarn jest --config e2e/jest.config.js \
  e2e/tests/home.e2e.test.ts e2e/tests/infra.e2e.test.ts "$@"
