#!/usr/bin/env bash
# make bench: throughput and peak memory of `stocktake run` (ingest + normalize + aggregate + the rest) and of
# `stocktake validate` (ingest + aggregate) on generated inputs, against (a) libcsv with no-op callbacks on the same bytes (the floor of this design) and
# (b) DuckDB doing the equivalent read_csv + GROUP BY. A benchmark, not a test: figures go to stdout.
#
# Environment:
#   BENCH_BYTES        survey size of the main run (default 1G; K/M/G = powers of 1000)
#   BENCH_SMALL_BYTES  a second, smaller run to check that peak RSS stays flat (default 100M; empty: skip)
#   BENCH_REPEAT       runs per measurement, the median is reported (default 1)
#   BENCH_SEED         generator seed (default 42)
#   BENCH_DIR          where inputs go (default inputs/bench, git-ignored)
#   BENCH_DUCKDB       1 to run the DuckDB baseline (default), 0 to skip it
#   BENCH_SCATTERED    1 (default) to also run the main size with its rows reordered so that every respondent's rows
#                      are scattered over the whole file (the respondent ledger's worst case); 0 to skip it
#   BENCH_SURVEY       1 (default) to measure the survey inputs above; 0 to measure only the labour files below
#   BENCH_LABOUR_BYTES size of each labour bulk download (an ILOSTAT code-form CSV and a Eurostat TSV, all countries;
#                      default 100M; empty: skip): `stocktake inspect --json` and `stocktake run` on each, against
#                      the libcsv floor and DuckDB on one thread, paired run by run
#   STOCKTAKE          the binary (default .build/release/stocktake; `make bench` builds it)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

STOCKTAKE=${STOCKTAKE:-.build/release/stocktake}
BENCH_BYTES=${BENCH_BYTES-1G}
BENCH_SMALL_BYTES=${BENCH_SMALL_BYTES-100M}
BENCH_REPEAT=${BENCH_REPEAT:-1}
BENCH_SEED=${BENCH_SEED:-42}
BENCH_DIR=${BENCH_DIR:-inputs/bench}
BENCH_DUCKDB=${BENCH_DUCKDB:-1}
BENCH_SCATTERED=${BENCH_SCATTERED:-1}
BENCH_SURVEY=${BENCH_SURVEY:-1}
BENCH_LABOUR_BYTES=${BENCH_LABOUR_BYTES-100M}
VENV=.build/bench-venv

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

[ -x "$STOCKTAKE" ] || die "$STOCKTAKE not found; run 'make bench' (it builds the release binary first)"

# GNU time for wall time and peak RSS.
if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing GNU time"
        apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null
    else
        die "/usr/bin/time (GNU time) is missing: apt-get install time"
    fi
fi

# DuckDB in a private venv.
if [ "$BENCH_DUCKDB" = 1 ] && ! "$VENV/bin/python" -c 'import duckdb' 2>/dev/null; then
    log "installing duckdb into $VENV"
    python3 -m venv "$VENV" && "$VENV/bin/pip" install -q duckdb || { log "duckdb unavailable; skipping it"; BENCH_DUCKDB=0; }
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/stocktake-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
# GNU time's "Elapsed (wall clock) time (h:mm:ss or m:ss)" → seconds.
wall_seconds() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for (i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
peak_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
cpu_seconds() { awk -F': ' '/User time \(seconds\)/ {u=$2} /System time \(seconds\)/ {s=$2} END {print u+s}' "$1"; }
file_bytes() { stat -c %s "$1"; }

# Writes inputs of one size (cached: regenerated only when the command changes) and the bench pipeline.
prepare() {
    local label=$1 size=$2 dir="$BENCH_DIR/$1"
    local command="$STOCKTAKE sample --out $dir --seed $BENCH_SEED --target-bytes $size --single-file --quiet"
    mkdir -p "$dir"
    if [ ! -f "$dir/.command" ] || [ "$(cat "$dir/.command")" != "$command" ] || [ ! -f "$dir/survey.csv" ]; then
        log "generating $size of survey data into $dir"
        local t0 t1
        t0=$(date +%s.%N)
        $command
        t1=$(date +%s.%N)
        echo "$command" > "$dir/.command"
        awk -v a="$t0" -v b="$t1" -v n="$(file_bytes "$dir/survey.csv")" \
            'BEGIN {printf "bench: generated %d bytes in %.1f s (%.0f MB/s)\n", n, b-a, n/1e6/(b-a)}' >&2
    fi
    if [ "$label" = main ] && [ "$BENCH_SCATTERED" = 1 ] \
        && { [ ! -f "$dir/scattered/survey.csv" ] || [ "$dir/survey.csv" -nt "$dir/scattered/survey.csv" ]; }; then
        # The same rows ordered by the text after the fourth comma (the skill, for most rows): each respondent's
        # 5-6 rows end up spread over the whole file. The generator writes no quoted line breaks, so lines are rows.
        log "reordering $dir/survey.csv into $dir/scattered/survey.csv"
        mkdir -p "$dir/scattered"
        { head -n 1 "$dir/survey.csv"; tail -n +2 "$dir/survey.csv" | LC_ALL=C sort -t, -k5,5 -S 25% -T "$WORK"; } \
            > "$dir/scattered/survey.csv.tmp"
        mv "$dir/scattered/survey.csv.tmp" "$dir/scattered/survey.csv"
    fi
    cat > "$dir/bench.yaml" <<YAML
# Written by scripts/bench.sh: the whole pipeline on one multi-country survey file and one labour file.
version: 1
name: bench-$label
output: $WORK/$label/reports
database: $WORK/$label/stocktake.sqlite
taxonomy: $ROOT/inputs/taxonomy
max_reject_ratio: 0.2
provision: $ROOT/inputs/provision.csv
report: { csv_variant: standard }
countries:
  - { code: DE, name: Germany, languages: [en], awarding_bodies: ["Benchmark awarding body"], partners: ["Benchmark partner"] }
  - { code: "NO", name: Norway, languages: [en], awarding_bodies: ["Benchmark awarding body"], partners: ["Benchmark partner"] }
  - { code: MK, name: North Macedonia, languages: [en], awarding_bodies: ["Benchmark awarding body"], partners: ["Benchmark partner"] }
  - { code: RS, name: Serbia, languages: [en], awarding_bodies: ["Benchmark awarding body"], partners: ["Benchmark partner"] }
  - { code: ME, name: Montenegro, languages: [en], awarding_bodies: ["Benchmark awarding body"], partners: ["Benchmark partner"] }
  - { code: AM, name: Armenia, languages: [en], awarding_bodies: ["Benchmark awarding body"], partners: ["Benchmark partner"] }
  - { code: GE, name: Georgia, languages: [en], awarding_bodies: ["Benchmark awarding body"], partners: ["Benchmark partner"] }
  - { code: UA, name: Ukraine, languages: [en], awarding_bodies: ["Benchmark awarding body"], partners: ["Benchmark partner"] }
inputs:
  - { path: survey.csv, kind: survey, format: stocktake-survey }
  - { path: labour.csv, kind: labour, format: stocktake-labour, source: "stocktake sample (synthetic benchmark)", licence: "CC0-1.0" }
YAML
    if [ -f "$dir/scattered/survey.csv" ]; then
        sed -e "s#^output: .*#output: $WORK/$label-scattered/reports#" -e "s#^database: .*#database: $WORK/$label-scattered/stocktake.sqlite#" \
            -e "s#path: labour.csv#path: ../labour.csv#" -e "s#^name: .*#name: bench-$label-scattered#" \
            "$dir/bench.yaml" > "$dir/scattered/bench.yaml"
    fi
}

RESULTS="$WORK/results.tsv"   # label tool bytes seconds mbps rss_kb cpu_seconds
PAIRED="$WORK/paired.tsv"     # label run/floor median, range, ingest/floor median, range
: > "$RESULTS"
: > "$PAIRED"

# Appends a result row: label, tool, bytes, then space-separated wall seconds, peak KB and CPU seconds of the
# repeats (their medians are kept; "nan" when not measured).
add_row() {
    local label=$1 tool=$2 bytes=$3 s r c
    # shellcheck disable=SC2086 # the lists split on spaces on purpose
    s=$(printf '%s\n' $4 | median); r=$(printf '%s\n' $5 | median); c=$(printf '%s\n' $6 | median)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$tool" "$bytes" "$s" \
        "$(awk -v b="$bytes" -v s="$s" 'BEGIN {printf "%.1f", b/1e6/s}')" "$r" "$c" >> "$RESULTS"
}

# Runs `stocktake run` on a pipeline under GNU time (its figures in $WORK/time.txt), store and reports in $2.
run_pipeline() {
    local yaml=$1 out=$2 status=0
    rm -rf "${out:?}"
    mkdir -p "$out"
    /usr/bin/time -v -o "$WORK/time.txt" "$STOCKTAKE" run "$yaml" --quiet \
        --db "$out/stocktake.sqlite" --out "$out/reports" 2> "$WORK/run.err" || status=$?
    [ "$status" = 0 ] || [ "$status" = 65 ] || { tail -5 "$WORK/run.err" >&2; die "stocktake run $yaml exited $status"; }
}

measure() {
    local label=$1 dir="$BENCH_DIR/$1"
    local survey="$dir/survey.csv" labour="$dir/labour.csv"
    local bytes input_bytes
    bytes=$(file_bytes "$survey")
    input_bytes=$((bytes + $(file_bytes "$labour")))
    cat "$survey" "$labour" > /dev/null   # page cache warm for every contender

    # libcsv floor (no-op callbacks), same survey bytes. Measured right after each stocktake run, so both medians
    # come from the same minutes of a machine whose speed drifts.
    local fsecs=() fcpus=() floor_rss=0 secs=() isecs=()
    measure_floor() {
        local line
        /usr/bin/time -v -o "$WORK/floor-time.txt" "$STOCKTAKE" debug csv-floor --raw "$survey" > "$WORK/floor.txt"
        read -r _ line _ < "$WORK/floor.txt"
        fsecs+=("$line")
        fcpus+=("$(cpu_seconds "$WORK/floor-time.txt")")
        floor_rss=$(peak_kb "$WORK/floor-time.txt")
    }

    # stocktake run
    if "$STOCKTAKE" run --help 2>&1 | grep -q -- '--db'; then
        local rss=() cpus=() vsecs=() vrss=() vcpus=() i status
        for ((i = 0; i < BENCH_REPEAT; i++)); do
            run_pipeline "$dir/bench.yaml" "$WORK/$label"
            secs+=("$(wall_seconds "$WORK/time.txt")")
            rss+=("$(peak_kb "$WORK/time.txt")")
            cpus+=("$(cpu_seconds "$WORK/time.txt")")
            # The ingest stage alone (read, validate, aggregate every input), as the run recorded it in its store.
            isecs+=("$(python3 -c 'import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute("SELECT duration_ms FROM stage_run WHERE stage = ?", ("ingest",)).fetchone()
print(row[0] / 1000 if row else "nan")' "$WORK/$label/stocktake.sqlite")")
            measure_floor
            # `validate`: start-up, taxonomy, then ingest + aggregate of every input; no store, scoring or reports.
            status=0
            /usr/bin/time -v -o "$WORK/time.txt" "$STOCKTAKE" validate "$dir/bench.yaml" --quiet > /dev/null 2>&1 || status=$?
            [ "$status" = 0 ] || [ "$status" = 65 ] || die "stocktake validate exited $status"
            vsecs+=("$(wall_seconds "$WORK/time.txt")")
            vrss+=("$(peak_kb "$WORK/time.txt")")
            vcpus+=("$(cpu_seconds "$WORK/time.txt")")
        done
        add_row "$label" "stocktake run" "$input_bytes" "${secs[*]}" "${rss[*]}" "${cpus[*]}"
        add_row "$label" "↳ its ingest stage (in-run timing)" "$input_bytes" "${isecs[*]}" nan nan
        if [ "$BENCH_SCATTERED" = 1 ] && [ -f "$dir/scattered/bench.yaml" ]; then
            local ssecs=() srss=() scpus=()
            for ((i = 0; i < BENCH_REPEAT; i++)); do
                run_pipeline "$dir/scattered/bench.yaml" "$WORK/$label-scattered"
                ssecs+=("$(wall_seconds "$WORK/time.txt")")
                srss+=("$(peak_kb "$WORK/time.txt")")
                scpus+=("$(cpu_seconds "$WORK/time.txt")")
            done
            add_row "$label" "stocktake run, rows scattered (worst order)" "$input_bytes" "${ssecs[*]}" "${srss[*]}" "${scpus[*]}"
        fi
        add_row "$label" "stocktake validate (ingest + aggregate)" "$input_bytes" "${vsecs[*]}" "${vrss[*]}" "${vcpus[*]}"
    else
        log "'stocktake run' is not available in $STOCKTAKE: skipping that row"
        printf '%s\tstocktake run\t%s\tnan\tnan\tnan\tnan\n' "$label" "$input_bytes" >> "$RESULTS"
        for ((i = 0; i < BENCH_REPEAT; i++)); do measure_floor; done
    fi

    add_row "$label" "libcsv floor" "$bytes" "${fsecs[*]}" "$floor_rss" "${fcpus[*]}"
    if [ "${#secs[@]}" -gt 0 ]; then
        # Each run against the floor measured right after it: the ratio of a pair moves less than either time.
        local pairs=() ipairs=()
        # (stocktake MB/s) / (floor MB/s) of one pair: input bytes / run seconds against survey bytes / floor seconds.
        ratio() { awk -v f="$1" -v r="$2" -v b="$bytes" -v t="$input_bytes" 'BEGIN {printf "%.3f", (t/r)/(b/f)}'; }
        # median<TAB>min-max of the values on stdin.
        spread() { local v; v=$(sort -g); printf '%s\t%s-%s' "$(median <<< "$v")" "$(head -1 <<< "$v")" "$(tail -1 <<< "$v")"; }
        for ((i = 0; i < BENCH_REPEAT; i++)); do
            pairs+=("$(ratio "${fsecs[i]}" "${secs[i]}")")
            ipairs+=("$(ratio "${fsecs[i]}" "${isecs[i]}")")
        done
        printf '%s\t%s\t%s\n' "$label" "$(printf '%s\n' "${pairs[@]}" | spread)" "$(printf '%s\n' "${ipairs[@]}" | spread)" >> "$PAIRED"
    fi

    # DuckDB, one thread and default threads
    if [ "$BENCH_DUCKDB" = 1 ]; then
        local threads
        for threads in 1 default; do
            local dsecs=() drss=() dcpus=() out threads_used=""
            for ((i = 0; i < BENCH_REPEAT; i++)); do
                out=$(/usr/bin/time -v -o "$WORK/time.txt" "$VENV/bin/python" scripts/bench_duckdb.py "$survey" --threads "$threads")
                dsecs+=("$(echo "$out" | awk '{print $3}')")
                drss+=("$(peak_kb "$WORK/time.txt")")
                dcpus+=("$(cpu_seconds "$WORK/time.txt")")
                threads_used=$(echo "$out" | awk '{print $1}')
            done
            add_row "$label" "DuckDB ($threads_used thread$([ "$threads_used" = 1 ] || echo s))" "$bytes" \
                "${dsecs[*]}" "${drss[*]}" "${dcpus[*]}"
        done
    fi
}

labels=()
if [ "$BENCH_SURVEY" = 1 ]; then
    prepare main "$BENCH_BYTES"; labels+=(main)
    if [ -n "$BENCH_SMALL_BYTES" ]; then prepare small "$BENCH_SMALL_BYTES"; labels+=(small); fi
fi
for label in "${labels[@]}"; do
    log "measuring $label ($(file_bytes "$BENCH_DIR/$label/survey.csv") survey bytes)"
    measure "$label"
done

# One table: MB/s, peak RSS, ratios against the libcsv floor and DuckDB (same size, same bytes).
if [ "$BENCH_SURVEY" = 1 ]; then
echo
echo "stocktake benchmark — $(nproc) CPU(s), $(uname -sr), median of $BENCH_REPEAT run(s); MB = 10^6 bytes"
echo
awk -F'\t' -v main="$BENCH_BYTES" -v small="$BENCH_SMALL_BYTES" '
    { label[NR]=$1; tool[NR]=$2; bytes[NR]=$3; secs[NR]=$4; mbps[NR]=$5; rss[NR]=$6; cpu[NR]=$7
      if ($2 == "libcsv floor") floor[$1]=$5
      if ($2 == "DuckDB (1 thread)") duck1[$1]=$5
      if ($2 ~ /^DuckDB \([0-9]+ threads\)/) duckn[$1]=$5 }
    function ratio(a, b) { return (a == "nan" || b == "" || b == "nan" || b == 0) ? "—" : sprintf("%.2f", a / b) }
    END {
        print "| input | tool | bytes | wall s | CPU s | MB/s | MB per CPU s | peak RSS MB | vs libcsv floor | vs DuckDB 1 thread | vs DuckDB default |"
        print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        for (i = 1; i <= NR; i++) {
            name = (label[i] == "main") ? main : small
            r = (rss[i] == "nan") ? "—" : sprintf("%.0f", rss[i] / 1024)
            s = (secs[i] == "nan") ? "—" : secs[i]
            m = (mbps[i] == "nan") ? "—" : mbps[i]
            c = (cpu[i] == "nan") ? "—" : sprintf("%.2f", cpu[i])
            pc = (cpu[i] == "nan" || cpu[i] == 0) ? "—" : sprintf("%.0f", bytes[i] / 1e6 / cpu[i])
            printf "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |\n", name, tool[i], bytes[i], s, c, m, pc, r,
                ratio(mbps[i], floor[label[i]]), ratio(mbps[i], duck1[label[i]]), ratio(mbps[i], duckn[label[i]])
        }
    }' "$RESULTS"
echo
awk -F'\t' -v main="$BENCH_BYTES" -v small="$BENCH_SMALL_BYTES" '{
    printf "Paired with the floor run right after it (%s): stocktake run %s x the floor (range %s), its ingest stage %s x (range %s).\n",
        ($1 == "main") ? main : small, $2, $3, $4, $5 }' "$PAIRED"
echo
echo "Targets (issue 3): stocktake run >= 60 % of the libcsv floor (>= 150 MB/s on one core); peak RSS < 150 MB"
echo "and flat between the two sizes. stocktake MB/s counts survey + labour bytes; the others the survey file."
echo "MB/s is bytes / wall s (DuckDB: the query alone, in-process). CPU s = user + sys of the whole process (GNU time;"
echo "DuckDB's includes Python start-up). On a shared machine compare CPU s too: wall time includes waiting for a core."
fi

# Labour bulk downloads (issue 11): the real-format readers on all-country files of BENCH_LABOUR_BYTES.
# Each repeat runs, back to back: `stocktake inspect --json FILE`, `stocktake run` on a pipeline with that file
# alone (the eight BEM countries), the libcsv floor on the same bytes and DuckDB on one thread; the ratios to
# DuckDB are taken pair by pair, then their median.
[ -n "$BENCH_LABOUR_BYTES" ] || exit 0
LABOUR_DIR="$BENCH_DIR/labour"
LABOUR_RESULTS="$WORK/labour.tsv"   # format tool seconds rss_kb cpu_seconds
LABOUR_PAIRED="$WORK/labour-paired.tsv"   # format tool ratio-to-duckdb median min max
: > "$LABOUR_RESULTS"
: > "$LABOUR_PAIRED"
mkdir -p "$LABOUR_DIR"
for format in ilostat eurostat-tsv; do
    command="$STOCKTAKE sample --labour-bulk $format --out $LABOUR_DIR --seed $BENCH_SEED --target-bytes $BENCH_LABOUR_BYTES --quiet"
    if [ "$format" = ilostat ]; then file="$LABOUR_DIR/ilostat_bulk.csv"; else file="$LABOUR_DIR/estat_lfsq_egan22.tsv"; fi
    if [ ! -f "$file" ] || [ "$(cat "$LABOUR_DIR/.command-$format" 2>/dev/null)" != "$command" ]; then
        log "generating $BENCH_LABOUR_BYTES of $format into $file"
        $command
        echo "$command" > "$LABOUR_DIR/.command-$format"
    fi
    # The bench pipeline: that file alone, for the eight BEM countries (the others are read, validated, left out).
    yaml="$LABOUR_DIR/bench-$format.yaml"
    {
        echo "# Written by scripts/bench.sh: one labour bulk download."
        echo "version: 1"
        echo "name: bench-labour-$format"
        echo "output: $WORK/labour-$format/reports"
        echo "database: $WORK/labour-$format/stocktake.sqlite"
        echo "taxonomy: $ROOT/inputs/taxonomy"
        echo "max_reject_ratio: 0.2"
        echo "provision: $ROOT/inputs/provision.csv"
        echo "report: { csv_variant: standard }"
        echo "countries:"
        for cc in DE:Germany NO:Norway MK:"North Macedonia" RS:Serbia ME:Montenegro AM:Armenia GE:Georgia UA:Ukraine; do
            echo "  - { code: \"${cc%%:*}\", name: ${cc#*:}, languages: [en], awarding_bodies: [\"Benchmark awarding body\"], partners: [\"Benchmark partner\"] }"
        done
        echo "inputs:"
        echo "  - { path: $(basename "$file"), kind: labour, format: $format, source: \"stocktake sample (synthetic benchmark)\", licence: \"CC0-1.0\" }"
    } > "$yaml"
    cat "$file" > /dev/null
    floor_flags=--raw
    [ "$format" = eurostat-tsv ] && floor_flags="--raw --tab"
    isecs=() irss=() icpu=() rsecs=() rrss=() rcpu=() fsecs=() frss=() fcpu=() dsecs=() drss=() dcpu=()
    for ((i = 0; i < BENCH_REPEAT; i++)); do
        /usr/bin/time -v -o "$WORK/time.txt" "$STOCKTAKE" inspect --json "$file" > "$WORK/inspect.json"
        isecs+=("$(wall_seconds "$WORK/time.txt")"); irss+=("$(peak_kb "$WORK/time.txt")"); icpu+=("$(cpu_seconds "$WORK/time.txt")")
        run_pipeline "$yaml" "$WORK/labour-$format"
        rsecs+=("$(wall_seconds "$WORK/time.txt")"); rrss+=("$(peak_kb "$WORK/time.txt")"); rcpu+=("$(cpu_seconds "$WORK/time.txt")")
        # shellcheck disable=SC2086 # two flags for the TSV
        /usr/bin/time -v -o "$WORK/time.txt" "$STOCKTAKE" debug csv-floor $floor_flags "$file" > "$WORK/floor.txt"
        fsecs+=("$(wall_seconds "$WORK/time.txt")"); frss+=("$(peak_kb "$WORK/time.txt")"); fcpu+=("$(cpu_seconds "$WORK/time.txt")")
        if [ "$BENCH_DUCKDB" = 1 ]; then
            # DuckDB's seconds are the query's alone (Python start-up and import excluded): the stricter comparison.
            out=$(/usr/bin/time -v -o "$WORK/time.txt" "$VENV/bin/python" scripts/bench_duckdb.py "$file" --format "$format" --threads 1)
            dsecs+=("$(echo "$out" | awk '{print $3}')"); drss+=("$(peak_kb "$WORK/time.txt")"); dcpu+=("$(cpu_seconds "$WORK/time.txt")")
        fi
    done
    # Ledger of the file, as inspect counted it: read = used + skipped + rejected.
    python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
counts = " + ".join(["used %d" % r["rows_used"], "skipped %d" % r["rows_skipped"], "rejected %d" % r["rows_rejected"]])
print("bench: %s: rows read %d = %s; records %d" % (sys.argv[2], r["rows_read"], counts, r["records"]), file=sys.stderr)' \
        "$WORK/inspect.json" "$format"
    row() { printf '%s\t%s\t%s\t%s\t%s\n' "$format" "$1" "$(printf '%s\n' $2 | median)" "$(printf '%s\n' $3 | median)" "$(printf '%s\n' $4 | median)" >> "$LABOUR_RESULTS"; }
    row "stocktake inspect --json" "${isecs[*]}" "${irss[*]}" "${icpu[*]}"
    row "stocktake run (this file alone)" "${rsecs[*]}" "${rrss[*]}" "${rcpu[*]}"
    row "libcsv floor" "${fsecs[*]}" "${frss[*]}" "${fcpu[*]}"
    if [ "$BENCH_DUCKDB" = 1 ]; then
        row "DuckDB read_csv + GROUP BY, 1 thread (query s; CPU s and RSS of the process)" "${dsecs[*]}" "${drss[*]}" "${dcpu[*]}"
        for tool in inspect run; do
            ratios=()
            for ((i = 0; i < BENCH_REPEAT; i++)); do
                if [ "$tool" = inspect ]; then t=${isecs[i]}; else t=${rsecs[i]}; fi
                ratios+=("$(awk -v d="${dsecs[i]}" -v t="$t" 'BEGIN {printf "%.3f", d / t}')")
            done
            sorted=$(printf '%s\n' "${ratios[@]}" | sort -g)
            printf '%s\t%s\t%s\t%s\t%s\n' "$format" "$tool" "$(median <<< "$sorted")" "$(head -1 <<< "$sorted")" "$(tail -1 <<< "$sorted")" >> "$LABOUR_PAIRED"
        done
    fi
done

echo
echo "Labour bulk downloads ($BENCH_LABOUR_BYTES each, all countries), median of $BENCH_REPEAT run(s), whole processes"
echo
echo "| file | tool | wall s | CPU s | peak RSS MB |"
echo "|---|---|---:|---:|---:|"
awk -F'\t' '{ printf "| %s | %s | %s | %.2f | %.0f |\n", $1, $2, $3, $5, $4 / 1024 }' "$LABOUR_RESULTS"
if [ -s "$LABOUR_PAIRED" ]; then
    echo
    echo "Speed relative to DuckDB on one thread (DuckDB wall s / stocktake wall s, pair by pair; target >= 0.5):"
    awk -F'\t' '{ printf "  %s %s: %s x DuckDB (range %s-%s)\n", $1, $2, $3, $4, $5 }' "$LABOUR_PAIRED"
fi
