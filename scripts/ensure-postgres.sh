#!/usr/bin/env bash
# Installs the PostgreSQL server (Debian `postgresql`) when it is missing, for `make demo-federated` and the
# federation tests of `make test` (which start a throwaway server). Needs root or sudo; without either it says so
# and exits 0, and the tests that need a server report themselves as skipped.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
echo "stocktake: installing the PostgreSQL server (postgresql) for the federation demo and tests" >&2
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
    || echo "stocktake: could not install postgresql; federation tests against a real server will be skipped" >&2
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
    || echo "stocktake: could not install postgresql; federation tests against a real server will be skipped" >&2
else
  echo "stocktake: PostgreSQL is not installed and this user cannot install it (apt-get install postgresql as root); federation tests against a real server will be skipped" >&2
fi
# Debian starts a cluster of its own on install; the demo and the tests use their own throwaway servers instead.
exit 0
