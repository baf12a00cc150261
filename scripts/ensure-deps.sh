#!/usr/bin/env bash
# Installs the C libraries stocktake links, what its chart rendering check uses, and python3-venv for the ELM
# validator (Debian packages) when they are missing. Runs apt-get only when something is absent; needs root (or sudo).
set -euo pipefail
missing=()
[ -f /usr/include/csv.h ] || missing+=(libcsv-dev)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
# libpq, PostgreSQL's client library: `stocktake publish` and `source: store` (federated runs).
[ -f /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
# The chart rendering check (scripts/render_check.py, run by the test suite): the renderer, the font the charts
# name first, and Python to read the PNGs and the font's metrics.
command -v rsvg-convert >/dev/null 2>&1 || missing+=(librsvg2-bin)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
[ -f /usr/include/xlsxwriter.h ] || missing+=(libxlsxwriter-dev)
# The HTML pages of every run: cmark-gfm and its table extension.
[ -f /usr/include/cmark-gfm.h ] || missing+=(libcmark-gfm-dev)
[ -f /usr/include/cmark-gfm-core-extensions.h ] || missing+=(libcmark-gfm-extensions-dev)
# The ELM validator of `make test` (scripts/elm-validate.sh) makes a virtual environment for pyshacl.
python3 -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "stocktake: installing missing system packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "stocktake: please install as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
