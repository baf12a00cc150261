#!/usr/bin/env bash
# make screenshots: runs the bundled pipeline into a temporary folder and photographs its HTML pages with headless
# Chromium (Debian's chromium, installed when missing; needs root or sudo for that): the English summary and one
# country report per script — Latin (DE.html), Cyrillic (UA.html), Georgian (GE.html), Armenian (AM.html). The PNGs
# go to docs/screenshots/ (1000 px wide: the top of each page as a reader first sees it).
#
# Usage: scripts/screenshot-html.sh [OUT-DIR]   (default docs/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${1:-docs/screenshots}
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "screenshots: installing chromium" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  CHROMIUM=$(command -v chromium)
fi
scripts/ensure-deps.sh
swift build --product stocktake
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stocktake-screenshots.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
.build/debug/stocktake run pipelines/bem.yaml --quiet --out "$WORK/out" --db "$WORK/db.sqlite"
mkdir -p "$OUT"
for page in summary DE UA GE AM; do
  # A fresh profile per page; --hide-scrollbars keeps the right edge clean; the window is the picture's size.
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$WORK/profile-$page" --window-size=1000,1400 \
    --screenshot="$ROOT/$OUT/$page.png" "file://$WORK/out/latest/$page.html" >/dev/null 2>&1
  test -s "$OUT/$page.png" || { echo "screenshots: $page.png was not written" >&2; exit 1; }
  echo "$OUT/$page.png ($(stat -c %s "$OUT/$page.png") bytes)"
done
