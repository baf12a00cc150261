#!/bin/sh
# Validates ELM v3 JSON-LD files offline against the LOQ SHACL shapes and controlled vocabularies in tools/elm/
# (a copy of the shared ELM reference pack; tools/elm/SOURCES.md). pyshacl is installed from PyPI into a virtual
# environment inside the build folder (.build/elm-venv) on first use.
# Usage: scripts/elm-validate.sh FILE.jsonld...   Exit: 0 all pass, 1 a file fails, 2 error,
#        77 skipped because PyPI cannot be reached (nothing was validated; the message says so).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENV=${ELM_VENV:-$ROOT/.build/elm-venv}
PYSHACL_VERSION=0.40.1
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pyshacl" 2>/dev/null; then
    if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
        echo "elm-validate: python3 -m venv failed (install python3-venv; scripts/ensure-deps.sh does)" >&2
        exit 2
    fi
    if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyshacl==$PYSHACL_VERSION" >"$VENV.log" 2>&1; then
        if grep -qiE "connection|resolve|network|timed out|No matching distribution" "$VENV.log"; then
            echo "elm-validate: SKIPPED — PyPI cannot be reached to install pyshacl $PYSHACL_VERSION (see $VENV.log); proposals.jsonld was NOT validated" >&2
            exit 77
        fi
        cat "$VENV.log" >&2
        exit 2
    fi
fi
status=0
for file in "$@"; do
    ELM_PYTHON="$VENV/bin/python" "$ROOT/tools/elm/validate.sh" "$file" || status=$?
done
exit $status
