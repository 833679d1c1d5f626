#!/usr/bin/env bash
# `yarn start:sso`: the portal with single sign-on through the local test identity provider.
# Starts `yarn dev:idp` (http://127.0.0.1:7010), then `yarn start` with app-config.sso.yaml on
# top of app-config.yaml; stops the provider when the portal stops. See docs/sso.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

yarn dev:idp &
idp=$!
trap 'kill "$idp" 2>/dev/null || true' EXIT

for _ in $(seq 1 50); do
  if curl -fsS "http://127.0.0.1:${GANTRY_IDP_PORT:-7010}/.well-known/openid-configuration" >/dev/null 2>&1; then
    break
  fi
  sleep 0.2
done

yarn start --config "$root/app-config.yaml" --config "$root/app-config.sso.yaml"
