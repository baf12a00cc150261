#!/usr/bin/env python3
"""Loss of accuracy of the cell key perturbation on a pipeline: compares the gaps.csv of a run with
`scoring.perturbation: off` and one with it on (docs/methodology.md section 5.1).

    scripts/perturbation_effect.py OFF_RUN_FOLDER ON_RUN_FOLDER             # prints the Markdown block
    scripts/perturbation_effect.py OFF ON --check docs/methodology.md       # fails when the document's block differs
    scripts/perturbation_effect.py OFF ON --update docs/methodology.md      # rewrites the document's block

`make perturbation-effect` runs the bundled pipeline both ways and checks docs/methodology.md.
Cells are matched on (country, sector_code, skill_code, skill_label). Standard library only.
"""
import csv
import os
import sys

BEGIN = "<!-- perturbation-effect:begin -->"
END = "<!-- perturbation-effect:end -->"


def load(folder):
    with open(os.path.join(folder, "gaps.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    cells = {}
    for row in rows:
        key = (row["country"], row["sector_code"], row["skill_code"], row["skill_label"])
        published = "C" not in row["flags"].split()
        cells[key] = {
            "published": published,
            "n": int(row["n"]) if published else None,
            "score": float(row["gap_score"]) if published else None,
            "rank": int(row["rank"]) if published else None,
            "members": row["rolled_up_divisions"],
            "width": float(row["gap_score_high"]) - float(row["gap_score_low"]) if published else None,
        }
    return cells


def fmt(x, digits=2):
    return f"{x:.{digits}f}"


def effect(off, on, top=10):
    both = [k for k in off if k in on and off[k]["published"] and on[k]["published"]]
    # n is compared where the unit merges the same divisions in both runs (roll-up decides on perturbed counts).
    same = [k for k in both if off[k]["members"] == on[k]["members"]]
    changed_n = [k for k in same if off[k]["n"] != on[k]["n"]]
    dn = [abs(on[k]["n"] - off[k]["n"]) for k in same]
    width = [off[k]["width"] for k in both]
    ds = [abs(on[k]["score"] - off[k]["score"]) for k in both]
    off_pub = {k for k in off if off[k]["published"]}
    on_pub = {k for k in on if on[k]["published"]}
    lines = [
        BEGIN,
        "| Measure | Value |",
        "| --- | --- |",
        f"| Cells published in both runs | {len(both)} |",
        f"| … merging the same divisions in both | {len(same)} |",
        f"| … … whose n changes | {len(changed_n)} ({fmt(100 * len(changed_n) / len(same), 1)} %) |",
        f"| Mean \\|Δn\\| (max) | {fmt(sum(dn) / len(dn))} ({max(dn)}) |",
        f"| Mean \\|Δ gap score\\| (max), points of 0–100 | {fmt(sum(ds) / len(ds))} ({fmt(max(ds))}) |",
        f"| For scale: mean width of the unperturbed 95 % gap-score interval | {fmt(sum(width) / len(width))} |",
        f"| Cells published only without perturbation | {len(off_pub - on_pub)} |",
        f"| Cells published only with perturbation | {len(on_pub - off_pub)} |",
        "",
        f"| Country | Top-{top} cells without perturbation | … at another rank with it | … leaving the top {top} |",
        "| --- | --- | --- | --- |",
    ]
    total = [0, 0, 0]
    for country in sorted({k[0] for k in off}):
        tops = [k for k in off if k[0] == country and off[k]["published"] and off[k]["rank"] <= top]
        moved = [k for k in tops if k not in on or on[k]["rank"] != off[k]["rank"]]
        left = [k for k in tops if k not in on or not on[k]["published"] or on[k]["rank"] > top]
        lines.append(f"| {country} | {len(tops)} | {len(moved)} | {len(left)} |")
        for i, v in enumerate((len(tops), len(moved), len(left))):
            total[i] += v
    lines.append(f"| all | {total[0]} | {total[1]} | {total[2]} |")
    lines.append(END)
    return "\n".join(lines)


def main(argv):
    if len(argv) not in (3, 5) or (len(argv) == 5 and argv[3] not in ("--check", "--update")):
        print(__doc__, file=sys.stderr)
        return 2
    block = effect(load(argv[1]), load(argv[2]))
    if len(argv) == 3:
        print(block)
        return 0
    with open(argv[4], encoding="utf-8") as f:
        text = f.read()
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < 0:
        print(f"{argv[4]}: no {BEGIN} … {END} block", file=sys.stderr)
        return 1
    documented = text[start:end + len(END)]
    if argv[3] == "--update":
        with open(argv[4], "w", encoding="utf-8") as f:
            f.write(text[:start] + block + text[end + len(END):])
        return 0
    if documented != block:
        print(f"{argv[4]}: the perturbation-effect block differs from the bundled run; replace it with:\n{block}",
              file=sys.stderr)
        return 1
    print("perturbation effect: docs/methodology.md matches the bundled run")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
