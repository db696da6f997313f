#!/usr/bin/env bash
# Installs what the journey tests need from the npm registry (axe-core, the accessibility checker they run
# on every page) into tests/journeys/.vendor/ (not committed). Without npm the journeys fail with a message
# saying so: CI installs npm through scripts/system-deps.sh test.
set -eu
cd "$(dirname "$0")/.."
AXE_VERSION=4.10.3
dest=tests/journeys/.vendor
if [ -s "$dest/axe.min.js" ] && [ "$(cat "$dest/AXE_VERSION" 2>/dev/null)" = "$AXE_VERSION" ]; then exit 0; fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: the journey tests cannot check accessibility (install Node.js and npm)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm install --prefix "$tmp" --no-save --no-audit --no-fund --loglevel=error "axe-core@$AXE_VERSION" >/dev/null
mkdir -p "$dest"
cp "$tmp/node_modules/axe-core/axe.min.js" "$dest/axe.min.js"
cp "$tmp/node_modules/axe-core/LICENSE" "$dest/LICENSE-axe-core" 2>/dev/null || true
echo "$AXE_VERSION" > "$dest/AXE_VERSION"
echo "installed axe-core $AXE_VERSION into $dest"
