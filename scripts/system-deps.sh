#!/usr/bin/env bash
# Installs the Debian packages huiwu needs, when it can (root + apt-get); otherwise says in one line what
# to install. Usage: scripts/system-deps.sh run|test
set -u
mode=${1:-run}
# Noto CJK for Chinese names in PDFs; Hanazono for the rare characters beyond Noto (CJK Extension B and
# later, 生僻字 in real names); HarfBuzz's subsetter, or WeasyPrint subsets the 20 MB CJK font in Python
# (seconds per document); Pango for WeasyPrint itself.
pkgs="fonts-noto-cjk fonts-hanazono libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0"
if [ "$mode" = "build" ]; then
  # PyICU (seating: surname stroke order and pinyin collation) compiles against ICU at pip install time.
  pkgs="libicu-dev pkg-config g++"
fi
if [ "$mode" = "test" ]; then
  # Chromium for the browser tests, poppler-utils to look at PDFs as PNGs, redis-server for the test that
  # two web servers share one rate limit through Redis (the tests start their own on a free port), npm for
  # axe-core (the journeys' accessibility checker, scripts/test-vendor.sh).
  pkgs="$pkgs chromium poppler-utils redis-server"
  command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
fi
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; then
    apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $missing >/dev/null || {
      echo "could not install:$missing"; exit 1; }
  fi
else
  echo "huiwu needs these Debian packages; please run: sudo apt-get install$missing"
  [ "$mode" = "run" ] && exit 0
  [ "$mode" = "build" ] && exit 0
fi
