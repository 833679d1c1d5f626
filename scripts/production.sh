#!/usr/bin/env bash
# The production profile: the one way Gantry runs in production, here and in the image
# (deploy/Dockerfile and packages/backend/Dockerfile take the same steps).
#
#   bash scripts/production.sh build    # yarn build:production
#   bash scripts/production.sh start    # yarn start:production [--config extra.yaml ...]
#
# `build` builds the app and the backend bundle (`yarn build:backend`) and unpacks them into
# $GANTRY_PRODUCTION_DIR (default .data/production, replaced on every build) the way upstream's
# Dockerfile does: the skeleton (every bundled package's package.json), then
# `yarn workspaces focus --all --production`, then the bundle, the catalog files and the
# app-config files. Dev-only templates (templates/dev) stay out.
#
# `start` runs the backend from there with NODE_ENV=production, on app-config.yaml and
# app-config.production.yaml plus any `--config` given: PostgreSQL, OIDC sign-in, no dev
# sign-in. Its settings come from the environment; see docs/sso.md, "Running in production".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${GANTRY_PRODUCTION_DIR:-$root/.data/production}"

build() {
  cd "$root"
  local t0 t1 t2
  t0=$(date +%s)
  # Builds every workspace package the backend bundles, the app among them.
  yarn build:backend

  t1=$(date +%s)
  rm -rf "$dir"
  mkdir -p "$dir"
  # What Yarn needs: its release, its settings, the lockfile and the root manifest.
  mkdir -p "$dir/.yarn"
  cp -r .yarn/releases "$dir/.yarn/"
  cp .yarnrc.yml backstage.json yarn.lock package.json "$dir/"
  tar xzf packages/backend/dist/skeleton.tar.gz -C "$dir"
  # Production dependencies only, offline from Yarn's global cache after the repo's install.
  (cd "$dir" && NODE_ENV=production yarn workspaces focus --all --production)

  t2=$(date +%s)
  # The sample org, systems and templates the catalog reads, without the dev-only templates.
  cp -r catalog-info.yaml catalog templates terraform "$dir/"
  rm -rf "$dir/templates/dev"
  cp app-config.yaml app-config.production.yaml "$dir/"
  tar xzf packages/backend/dist/bundle.tar.gz -C "$dir"

  echo "production: built in $((t1 - t0))s, production install in $((t2 - t1))s, into $dir" >&2
}

start() {
  if [ ! -f "$dir/packages/backend/dist/index.cjs.js" ]; then
    echo "production: no bundle in $dir; run 'yarn build:production' first" >&2
    exit 1
  fi
  cd "$dir"
  NODE_ENV=production exec node packages/backend \
    --config app-config.yaml --config app-config.production.yaml "$@"
}

case "${1:-}" in
  build) build ;;
  start) shift; start "$@" ;;
  *)
    echo "usage: bash scripts/production.sh build | start [--config extra.yaml ...]" >&2
    exit 2
    ;;
esac
