#!/usr/bin/env bash
# Installs the camera fallback QR decoder for the check-in scanner (jsQR, from the npm registry) into
# static/vendor/jsqr/, for browsers without BarcodeDetector (Firefox, desktop Chrome on Linux/Windows).
# Without npm the scanner still works with a keyboard-wedge scanner and with BarcodeDetector (Android Chrome).
set -eu
cd "$(dirname "$0")/.."
VERSION=1.4.0
dest=static/vendor/jsqr
if [ -s "$dest/jsQR.js" ] && [ "$(cat "$dest/VERSION" 2>/dev/null)" = "$VERSION" ]; then exit 0; fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: the check-in camera uses BarcodeDetector only (install Node.js and npm for jsQR)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm install --prefix "$tmp" --no-save --no-audit --no-fund --loglevel=error "jsqr@$VERSION" >/dev/null || {
  echo "could not install jsQR from npm: the check-in camera uses BarcodeDetector only"; exit 0; }
mkdir -p "$dest"
cp "$tmp/node_modules/jsqr/dist/jsQR.js" "$dest/jsQR.js"
cp "$tmp/node_modules/jsqr/LICENSE" "$dest/LICENSE" 2>/dev/null || true
echo "$VERSION" > "$dest/VERSION"
echo "installed jsQR $VERSION into $dest"
