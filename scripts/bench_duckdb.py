#!/usr/bin/env python3
"""DuckDB baseline for `make bench`: read a native stocktake-survey CSV and aggregate it the way stocktake does.

Equivalent work: parse every row (typed columns), GROUP BY country, sector, skill, computing the count of
answers and the sums of importance and proficiency (the sufficient statistics of the gap score).

Prints one line: `<threads> <bytes> <seconds> <mb_per_s> <groups> <peak_rss_kb>` where seconds is measured
inside the process around the query (Python start-up and `import duckdb` excluded) and peak RSS is that of the
whole Python process.

Usage: bench_duckdb.py FILE [--threads N|default]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--threads", default="default", help="DuckDB threads (a number, or 'default')")
    args = parser.parse_args()

    con = duckdb.connect(":memory:")
    if args.threads != "default":
        con.execute(f"SET threads = {int(args.threads)}")
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    start = time.perf_counter()
    rows = con.execute(QUERY, {"path": args.file, "columns": COLUMNS}).fetchall()
    seconds = time.perf_counter() - start
    size = os.path.getsize(args.file)
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{threads} {size} {seconds:.3f} {size / 1e6 / seconds:.1f} {len(rows)} {rss_kb}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
