"""Writes a CSV export as an .xlsx the way a bureau's Excel would hold it, with openpyxl: whole
numbers and plain decimals as numbers, ISO dates as date cells shown in the Buddhist era, every
other cell as the text it was. Used by the workbook tests: the same data in both forms must give
the same figures.

    python3 csv_to_xlsx.py IN.csv OUT.xlsx
"""
import csv
import datetime
import re
import sys

import openpyxl


def decoded(path):
    raw = open(path, "rb").read()
    for encoding in ("utf-8-sig", "utf-16", "cp874"):
        try:
            text = raw.decode(encoding)
            if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return text
        except UnicodeDecodeError:
            continue
    raise SystemExit(f"{path}: no encoding fits")


def dialect(text):
    first = text.split("\n", 5)
    sample = "\n".join(first)
    counts = {d: sample.count(d) for d in ",;\t"}
    return max(counts, key=counts.get)


def cell(text):
    if re.fullmatch(r"[1-9][0-9]{0,14}|0", text):
        return int(text), None
    if re.fullmatch(r"[0-9]+\.[0-9]{1,2}", text) and not text.startswith("0") or re.fullmatch(r"0\.[0-9]{1,2}", text):
        return float(text), None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return datetime.date(int(m[1]), int(m[2]), int(m[3])), "[$-th-TH]d mmm bbbb"
        except ValueError:
            pass
    return text, None


def main(source, target):
    text = decoded(source)
    rows = list(csv.reader(text.splitlines(keepends=True), delimiter=dialect(text)))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ผลการดำเนินการ"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value == "":
                continue
            v, fmt = cell(value)
            target_cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, str):
                target_cell.data_type = "s"
            if fmt:
                target_cell.number_format = fmt
    wb.save(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
