#!/usr/bin/env bash
# make demo-federated: a federated run of the bundled pipeline on a throwaway PostgreSQL server, compared with the
# single-machine run.
#
# Installs PostgreSQL from Debian when missing, starts a server on 127.0.0.1 at a random free port in a temporary
# folder (initdb as an unprivileged user: `postgres` when run as root), publishes the eight bundled countries as
# eight partners (`stocktake publish --country XX`), runs the coordinator's pipeline (pipelines/bem-federated.yaml,
# every country `source: store`), and compares every CSV with those of one run over all raw files. Prints
# `federated: identical` or the first difference (exit 1). The server and the folder are removed at the end, on
# failure and on Ctrl-C too.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${STOCKTAKE_BIN:-$ROOT/.build/release/stocktake}
[ -x "$BIN" ] || { echo "demo-federated: no binary at $BIN (make build)" >&2; exit 1; }

scripts/ensure-postgres.sh
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || { echo "demo-federated: PostgreSQL server binaries not found" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/stocktake-federated.XXXXXX")
chmod 755 "$WORK"
DATA="$WORK/pgdata"
as_server() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
started=0
cleanup() {
    if [ "$started" -eq 1 ]; then as_server "$PGBIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "federated: the demo failed (line $LINENO): see the message above" >&2' ERR
trap 'exit 130' INT TERM

mkdir -p "$DATA" "$WORK/socket"
[ "$(id -u)" -eq 0 ] && chown postgres "$DATA" "$WORK/socket"
as_server "$PGBIN/initdb" -D "$DATA" -A trust -U stocktake -E UTF8 --locale=C --no-sync >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; exit 1; }
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_server "$PGBIN/pg_ctl" -D "$DATA" -l "$WORK/socket/server.log" -w -t 60 \
    -o "-p $PORT -k $WORK/socket -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
    || { cat "$WORK/socket/server.log" >&2; exit 1; }
started=1
# The connection lives in the environment, as a coordinator's would; trust authentication needs no password here.
export STOCKTAKE_FEDERATION_DB="host=127.0.0.1 port=$PORT user=stocktake dbname=postgres"
echo "demo-federated: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT in $WORK"

# Eight partners, each publishing its own country from the bundled pipeline's inputs.
for country in DE NO MK RS ME AM GE UA; do
    "$BIN" publish pipelines/bem.yaml --country "$country" --to-env STOCKTAKE_FEDERATION_DB --quiet
done

"$BIN" run pipelines/bem-federated.yaml --quiet --out "$WORK/federated" --db "$WORK/federated.sqlite"
"$BIN" run pipelines/bem.yaml --quiet --out "$WORK/single" --db "$WORK/single.sqlite"

single="$WORK/single/latest" federated="$WORK/federated/latest"
count=0
for file in "$single"/*.csv; do
    name=$(basename "$file")
    if [ ! -f "$federated/$name" ]; then
        echo "federated: $name is missing from the coordinator's reports"
        exit 1
    fi
    if ! cmp -s "$file" "$federated/$name"; then
        echo "federated: $name differs (single run < > federated):"
        diff "$file" "$federated/$name" | head -5
        exit 1
    fi
    count=$((count + 1))
done
for file in "$federated"/*.csv; do
    [ -f "$single/$(basename "$file")" ] || { echo "federated: $(basename "$file") exists only in the coordinator's reports"; exit 1; }
done
[ "$count" -gt 0 ] || { echo "federated: the single run wrote no CSV"; exit 1; }
echo "federated: identical ($count CSV files byte for byte, 8 partners)"
