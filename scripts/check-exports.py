#!/usr/bin/env python3
"""Checks a run folder's stocktake.xlsx and datapackage.json against its CSVs.

Usage: check-exports.py RUN_DIR [--dump]

- `frictionless validate` of RUN_DIR/datapackage.json (every CSV against its Table Schema);
- stocktake.xlsx read back with openpyxl: one sheet per data package resource plus `dictionary`, the header row
  frozen and filtered, every cell equal to the CSV's field (numbers as numbers, with the CSV's value; text as the
  same text; a number cell that is empty in the CSV holds nothing, or the flag `C` when the row is suppressed),
  and number cells formatted.

Prints one JSON object: {"problems": [...], "datapackage_valid": bool, "datapackage_errors": [...],
"workbook": {...}} (with --dump, the workbook's sheets cell by cell as [type, value]). Exits 1 when there are
problems. Run with .build/venv/bin/python (scripts/ensure-venv.sh).
"""
import csv
import datetime
import json
import os
import re
import sys

import frictionless
import openpyxl
import openpyxl.reader.excel
from openpyxl.cell.text import Text
from openpyxl.utils.escape import unescape
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse


def read_string_table(xml_source):
    """Shared strings as Excel reads them: openpyxl 3.1 only drops `x005F_` and leaves the other OOXML escapes
    (`_x000D_` for a CR) in place, so the text is decoded here the way Excel decodes it."""
    strings = []
    for _, node in iterparse(xml_source):
        if node.tag == "{%s}si" % SHEET_MAIN_NS:
            strings.append(unescape(Text.from_tree(node).content))
            node.clear()
    return strings


openpyxl.reader.excel.read_string_table = read_string_table

SUPPRESSED = "C"
FORMULA_TRIGGERS = ("=", "+", "-", "@")


def is_dangerous(line, is_first):
    """ReportEscaping.isDangerousLine: whether the CSV writer prefixed this line with `'`."""
    if not line:
        return False
    if line[0] in ("\t", "\0", "\r"):
        return True
    if line[0] == "\n":
        return is_first
    for char in line:
        if char in ("\r", "\n"):
            return False
        if char.isspace() or char in ("\ufeff", "\u200b"):
            continue
        return char in FORMULA_TRIGGERS or char == "\0"
    return False


def unneutralize(text):
    """Undoes the CSV's formula-injection prefix (docs/report-columns.md): one `'` per line (lines end at LF, CRLF
    or a lone CR, as in ReportEscaping.neutralizeFormula)."""
    parts = re.split(r"(\r\n|\r|\n)", text)
    lines = [parts[i] + (parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]
    out = []
    for number, line in enumerate(lines):
        if line.startswith("'") and is_dangerous(line[1:], number == 0):
            line = line[1:]
        out.append(line)
    return "".join(out)


def read_csv(folder, resource):
    dialect = resource.get("dialect", {})
    path = os.path.join(folder, resource["path"])
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle, delimiter=dialect.get("delimiter", ","),
                               quotechar=dialect.get("quoteChar", '"')))


def cell_json(cell):
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return ["b", value]
    if isinstance(value, (int, float)):
        return ["n", value]
    return ["s", str(value)]


def check_sheet(sheet, resource, rows, problems):
    fields = resource["schema"]["fields"]
    name = resource["name"]
    header = [c.value for c in sheet[1]]
    if header != [f["name"] for f in fields]:
        problems.append(f"{name}: workbook header {header} differs from the schema")
        return
    if sheet.freeze_panes != "A2":
        problems.append(f"{name}: header row not frozen (freeze_panes {sheet.freeze_panes})")
    if not sheet.auto_filter.ref:
        problems.append(f"{name}: no autofilter")
    if sheet.max_row != len(rows):
        problems.append(f"{name}: {sheet.max_row - 1} workbook rows, {len(rows) - 1} CSV rows")
    flags = header.index("flags") if "flags" in header else None
    for r, (csv_row, xl_row) in enumerate(zip(rows[1:], sheet.iter_rows(min_row=2)), start=2):
        suppressed = flags is not None and SUPPRESSED in csv_row[flags].split(" ")
        for field, text, cell in zip(fields, csv_row, xl_row):
            where = f"{name}!{cell.coordinate}"
            kind = field["type"]
            value = cell.value
            if kind in ("number", "integer"):
                if text == "":
                    if value is not None and not (suppressed and value == SUPPRESSED):
                        problems.append(f"{where}: {value!r} where the CSV is empty")
                    continue
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    problems.append(f"{where}: {value!r} is not a number")
                    continue
                try:
                    expected = float(text.replace(field.get("decimalChar", "."), "."))
                except ValueError:
                    problems.append(f"{where}: CSV field {text!r} is not a number")
                    continue
                if abs(value - expected) > 1e-9:
                    problems.append(f"{where}: {value!r}, CSV {text!r}")
                if cell.number_format in ("General", ""):
                    problems.append(f"{where}: number without a display format")
            else:
                expected = unneutralize(text)
                if (value or "") != expected:
                    problems.append(f"{where}: {value!r}, CSV {expected!r}")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    dump = "--dump" in sys.argv[1:]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 64
    folder = args[0]
    problems = []
    package_path = os.path.join(folder, "datapackage.json")
    with open(package_path, encoding="utf-8") as handle:
        package = json.load(handle)
    report = frictionless.validate(package_path)
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    errors += [error.message for error in report.errors]
    if not report.valid:
        problems.append("datapackage.json does not validate")

    workbook = openpyxl.load_workbook(os.path.join(folder, "stocktake.xlsx"))
    expected_sheets = [r["name"] for r in package["resources"]] + ["dictionary"]
    if workbook.sheetnames != expected_sheets:
        problems.append(f"sheets {workbook.sheetnames}, expected {expected_sheets}")
    summary = {"sheets": workbook.sheetnames, "title": workbook.properties.title,
               "created": workbook.properties.created.replace(tzinfo=datetime.timezone.utc).isoformat()
               if workbook.properties.created else None}
    cells = {}
    for resource in package["resources"]:
        if resource["name"] not in workbook.sheetnames:
            continue
        sheet = workbook[resource["name"]]
        check_sheet(sheet, resource, read_csv(folder, resource), problems)
        summary[resource["name"]] = {
            "freeze_panes": sheet.freeze_panes, "autofilter": sheet.auto_filter.ref,
            "widths": [sheet.column_dimensions[openpyxl.utils.get_column_letter(c)].width
                       for c in range(1, sheet.max_column + 1)],
            "number_formats": {c.value: sheet.cell(row=2, column=c.column).number_format for c in sheet[1]}
            if sheet.max_row > 1 else {},
        }
        if dump:
            cells[resource["name"]] = [[cell_json(c) for c in row] for row in sheet.iter_rows()]
    if "dictionary" in workbook.sheetnames:
        documented = {(row[0], row[1]) for row in workbook["dictionary"].iter_rows(min_row=2, values_only=True)}
        for resource in package["resources"]:
            for field in resource["schema"]["fields"]:
                if (resource["name"], field["name"]) not in documented:
                    problems.append(f"dictionary: no row for {resource['name']}.{field['name']}")
    result = {"problems": problems, "datapackage_valid": report.valid, "datapackage_errors": errors,
              "workbook": summary}
    if dump:
        result["cells"] = cells
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
