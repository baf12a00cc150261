#!/usr/bin/env bash
# Creates .build/venv with the Python packages the export checks use (openpyxl reads stocktake.xlsx back,
# frictionless validates datapackage.json): scripts/check-exports.py, `make test` and ReportWorkbookTests.
# Reuses the venv when both import. When PyPI cannot be reached it says so and exits 0: the checks are then
# skipped (each says why), the rest of `make test` still runs.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.build/venv
PACKAGES=(openpyxl==3.1.5 frictionless==5.21.0)
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import openpyxl, frictionless' 2>/dev/null; then
    exit 0
fi
install_venv_module() {
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    elif command -v sudo >/dev/null 2>&1; then
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    else
        return 1
    fi
}
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    echo "stocktake: installing python3-venv for the export checks" >&2
    if ! install_venv_module; then
        echo "stocktake: export checks skipped: python3 has no venv module; install python3-venv as root" >&2
        exit 0
    fi
fi
mkdir -p .build
rm -rf "$VENV"
python3 -m venv "$VENV"
if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PACKAGES[@]}"; then
    rm -rf "$VENV"
    echo "stocktake: export checks skipped: cannot install ${PACKAGES[*]} from PyPI (offline?)" >&2
fi
