#!/usr/bin/env bash
# Installs the C libraries stocktake links, and python3-venv for the ELM validator (Debian packages), when missing.
# Runs apt-get only when a header is absent; needs root (or sudo) for that.
set -euo pipefail
missing=()
[ -f /usr/include/csv.h ] || missing+=(libcsv-dev)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
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
