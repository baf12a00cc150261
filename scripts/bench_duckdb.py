#!/usr/bin/env python3
"""DuckDB baseline for `make bench`: read an input file and aggregate it the way stocktake does.

Survey (native stocktake-survey CSV, the default): parse every row (typed columns), GROUP BY country, sector,
skill, computing the count of answers and the sums of importance and proficiency (the sufficient statistics of the
gap score).

Labour (`--format ilostat`, an ILOSTAT bulk CSV in code form; `--format eurostat-tsv`, a Eurostat TSV): parse
every row; keep the totals by sex (stocktake skips the breakdowns); parse the values as numbers; GROUP BY country,
series and sector (ILOSTAT: ref_area, indicator, classif1; Eurostat: geo, nace_r2, age, after unpivoting the period
columns and splitting the first cell's codes and the `12.3 p` cells), computing the count and the sum of the
values. DuckDB validates none of what stocktake validates (codes, periods, units, ranges).

Prints one line: `<threads> <bytes> <seconds> <mb_per_s> <groups> <peak_rss_kb>` where seconds is measured
inside the process around the query (Python start-up and `import duckdb` excluded) and peak RSS is that of the
whole Python process.

Usage: bench_duckdb.py FILE [--format survey|ilostat|eurostat-tsv] [--threads N|default]
"""
import argparse
import os
import resource
import sys
import time

import duckdb

COLUMNS = {
    "country": "VARCHAR", "respondent_id": "VARCHAR", "organisation_type": "VARCHAR", "sector": "VARCHAR",
    "skill": "VARCHAR", "importance": "INTEGER", "proficiency": "INTEGER", "hard_to_fill": "VARCHAR",
    "demand_change": "INTEGER", "learning_mode": "VARCHAR", "target_groups": "VARCHAR",
}

QUERY = """
SELECT country, sector, skill, count(*) AS n, sum(importance) AS importance_sum, sum(proficiency) AS proficiency_sum
FROM read_csv($path, header = true, delim = ',', quote = '"', columns = $columns)
GROUP BY country, sector, skill
"""

ILOSTAT_COLUMNS = {
    "ref_area": "VARCHAR", "source": "VARCHAR", "indicator": "VARCHAR", "sex": "VARCHAR", "classif1": "VARCHAR",
    "time": "VARCHAR", "obs_value": "DOUBLE", "obs_status": "VARCHAR", "note_classif": "VARCHAR",
    "note_indicator": "VARCHAR", "note_source": "VARCHAR",
}

ILOSTAT_QUERY = """
SELECT ref_area, indicator, classif1, count(obs_value) AS n, sum(obs_value) AS total
FROM read_csv($path, header = true, delim = ',', quote = '"', columns = $columns)
WHERE sex = 'SEX_T'
GROUP BY ref_area, indicator, classif1
"""


def eurostat_query(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        first = f.readline().split("\t")[0]
    key = '"' + first.replace('"', '""') + '"'
    return f"""
WITH raw AS (
    SELECT * FROM read_csv($path, header = true, delim = '\t', quote = '', all_varchar = true)
), totals AS (
    SELECT * FROM raw WHERE split_part({key}, ',', 3) = 'T'
), cells AS (
    UNPIVOT totals ON COLUMNS('^[0-9]') INTO NAME period VALUE cell
)
SELECT split_part({key}, ',', 6) AS geo, split_part({key}, ',', 5) AS nace, split_part({key}, ',', 4) AS age,
       count(v) AS n, sum(v) AS total
FROM (SELECT {key}, TRY_CAST(split_part(trim(cell), ' ', 1) AS DOUBLE) AS v FROM cells)
WHERE v IS NOT NULL
GROUP BY ALL
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--format", default="survey", choices=["survey", "ilostat", "eurostat-tsv"])
    parser.add_argument("--threads", default="default", help="DuckDB threads (a number, or 'default')")
    args = parser.parse_args()

    con = duckdb.connect(":memory:")
    if args.threads != "default":
        con.execute(f"SET threads = {int(args.threads)}")
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    start = time.perf_counter()
    if args.format == "ilostat":
        rows = con.execute(ILOSTAT_QUERY, {"path": args.file, "columns": ILOSTAT_COLUMNS}).fetchall()
    elif args.format == "eurostat-tsv":
        rows = con.execute(eurostat_query(args.file), {"path": args.file}).fetchall()
    else:
        rows = con.execute(QUERY, {"path": args.file, "columns": COLUMNS}).fetchall()
    seconds = time.perf_counter() - start
    size = os.path.getsize(args.file)
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{threads} {size} {seconds:.3f} {size / 1e6 / seconds:.1f} {len(rows)} {rss_kb}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
