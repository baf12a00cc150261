#!/usr/bin/env bash
# make test: installs stocktake into a temporary prefix the way an administrator would (`make install`), moves the
# build folder out of the way, and runs the bundled pipeline with the installed binary from another folder. Fails
# when the binary needs anything from the source tree or the build folder (a resource bundle), or the Swift
# runtime's shared libraries.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stocktake-install.XXXXXX")
AWAY="$ROOT/.build.install-check"
restore() {
    [ -d "$AWAY" ] && [ ! -e "$ROOT/.build" ] && mv "$AWAY" "$ROOT/.build"
    rm -rf "$WORK"
}
trap restore EXIT

make --no-print-directory install PREFIX="$WORK/prefix" >/dev/null
BIN="$WORK/prefix/bin/stocktake"
if ldd "$BIN" | grep -q 'libswift\|libFoundation'; then
    echo "install check: $BIN links the Swift runtime dynamically:" >&2
    ldd "$BIN" | grep 'libswift\|libFoundation' >&2
    exit 1
fi
# Every shared library it links must be installed (libcsv3, zlib1g, libsqlite3-0, libpq5, libxlsxwriter4, cmark-gfm:
# README's list); a missing one would only show when the binary starts.
if ldd "$BIN" | grep -q 'not found'; then
    echo "install check: $BIN needs libraries that are not installed:" >&2
    ldd "$BIN" | grep 'not found' >&2
    exit 1
fi
if ! ldd "$BIN" | grep -q 'libpq\.so'; then
    echo "install check: $BIN does not link libpq (federated runs need it)" >&2
    exit 1
fi
# The inputs and pipeline are data, copied like an administrator's own; the build folder is moved away.
cp -R pipelines inputs "$WORK/"
mv "$ROOT/.build" "$AWAY"
(cd / && "$BIN" run "$WORK/pipelines/bem.yaml" --quiet --out "$WORK/out" --db "$WORK/db.sqlite")
mv "$AWAY" "$ROOT/.build"
test -f "$WORK/out/latest/summary.md"
echo "install check: passed ($("$BIN" --version) from $BIN, no build folder, static Swift runtime)"
