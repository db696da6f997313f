#!/usr/bin/env bash
# Installs what the tests need from the npm registry (not committed):
# - axe-core, the accessibility checker the journey tests run on every page, into tests/journeys/.vendor/;
# - oidc-provider, a real OpenID Connect provider the sign-in tests start (tests/accounts/oidc_provider.mjs),
#   into tests/accounts/.vendor/.
# Without npm the tests that need them fail with a message saying so: CI installs npm through
# scripts/system-deps.sh test.
set -eu
cd "$(dirname "$0")/.."
AXE_VERSION=4.10.3
OIDC_PROVIDER_VERSION=9.13.3

if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: the journey tests cannot check accessibility and the OIDC sign-in test has no provider (install Node.js and npm)"
  exit 0
fi

install_axe() {
  local dest=tests/journeys/.vendor
  if [ -s "$dest/axe.min.js" ] && [ "$(cat "$dest/AXE_VERSION" 2>/dev/null)" = "$AXE_VERSION" ]; then return; fi
  local tmp
  tmp=$(mktemp -d)
  npm install --prefix "$tmp" --no-save --no-audit --no-fund --loglevel=error "axe-core@$AXE_VERSION" >/dev/null
  mkdir -p "$dest"
  cp "$tmp/node_modules/axe-core/axe.min.js" "$dest/axe.min.js"
  cp "$tmp/node_modules/axe-core/LICENSE" "$dest/LICENSE-axe-core" 2>/dev/null || true
  echo "$AXE_VERSION" > "$dest/AXE_VERSION"
  rm -rf "$tmp"
  echo "installed axe-core $AXE_VERSION into $dest"
}

install_oidc_provider() {
  local dest=tests/accounts/.vendor
  if [ -d "$dest/node_modules/oidc-provider" ] && [ "$(cat "$dest/OIDC_PROVIDER_VERSION" 2>/dev/null)" = "$OIDC_PROVIDER_VERSION" ]; then return; fi
  mkdir -p "$dest"
  npm install --prefix "$dest" --no-save --no-audit --no-fund --loglevel=error "oidc-provider@$OIDC_PROVIDER_VERSION" >/dev/null
  echo "$OIDC_PROVIDER_VERSION" > "$dest/OIDC_PROVIDER_VERSION"
  echo "installed oidc-provider $OIDC_PROVIDER_VERSION into $dest"
}

install_axe
install_oidc_provider
