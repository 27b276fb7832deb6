"""Writes the workbooks the tests read: a realistic one (title row, two-row merged header, Buddhist-era
date formats, formulas with their saved results, a hidden row) and hostile ones.

    python3 make_hostile.py KIND OUT.xlsx
"""
import io
import re
import struct
import sys
import zipfile
import zlib
import datetime

import openpyxl


def realistic(path):
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "คำชี้แจง"
    notes["A1"] = "กรอกข้อมูลในแผ่นงานถัดไป"
    ws = wb.create_sheet("ผลการดำเนินการ")
    hidden = wb.create_sheet("ซ่อน")
    hidden.sheet_state = "hidden"
    hidden.append(["รหัสโครงการ", "วันที่ดำเนินการ", "จำนวนครั้ง"])
    ws["A1"] = "รายงานผลการดำเนินการตามแผน รอบ ๖ เดือน"
    ws.merge_cells("A1:G1")
    ws["A2"] = "รหัสโครงการ"
    ws.merge_cells("A2:A3")
    ws["B2"] = "วันที่ดำเนินการ"
    ws.merge_cells("B2:B3")
    ws["C2"] = "ผลการดำเนินการ"
    ws.merge_cells("C2:E2")
    ws["C3"], ws["D3"], ws["E3"] = "จำนวนครั้ง", "จำนวนผู้เข้าร่วม (คน)", "เบิกจ่าย (บาท)"
    ws["F2"] = "ต่อคน"
    ws.merge_cells("F2:F3")
    ws["G2"] = "หมายเหตุ"
    ws.merge_cells("G2:G3")
    rows = [
        ("สผ-62-002", datetime.date(2018, 10, 15), 1, 30, 25000.5, "=E4/D4", "อบรมรุ่นที่ ๑"),
        ("สผ-62-003", datetime.date(2019, 3, 5), 2, 40, 72000, "=E5/D5", None),
        ("สผ-62-004", datetime.date(2019, 1, 20), 1, 10, 1000, "=E6/D6", "ซ่อนไว้"),
        ("สผ-62-004", datetime.date(2018, 12, 10), "=1+1", 0, "=C7*4999.995", None, "สูตร"),
    ]
    for i, row in enumerate(rows, start=4):
        for j, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=i, column=j, value=value)
    ws["B4"].number_format = "[$-th-TH]d mmm bbbb"
    ws["B5"].number_format = "B2dd/mm/yyyy"
    ws["B6"].number_format = "[$-1070000]d/m/yy"
    ws["B7"].number_format = "[$-th-TH]d mmmm bbbb"
    ws.row_dimensions[6].hidden = True
    buffer = io.BytesIO()
    wb.save(buffer)
    # openpyxl saves formulas without results; a saved Excel workbook has them: put them in.
    results = {"F4": "833.35", "F5": "1800", "F6": "100", "C7": "2", "E7": "9999.99"}
    copy = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                text = data.decode()
                for ref, value in results.items():
                    text = re.sub(
                        r'(<c r="%s"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/>' % ref, r"\1<v>%s</v>" % value, text)
                data = text.encode()
            target.writestr(item, data)
    open(path, "wb").write(copy.getvalue())


def minimal(path, sheet_xml, shared=None, extra=None):
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    if shared is not None:
        files["xl/sharedStrings.xml"] = shared
    files.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)


def raw_zip(path, parts, zip64=False, aliases=(), stretched=()):
    """Writes a zip byte by byte from (name, data as stored, method, crc, size) parts, so a test can
    give a part a cut-short deflate stream or a wrong CRC-32, or describe it in ZIP64 form. Each name
    in `aliases` gets a directory entry pointing at the last part's local header (no data of its own);
    each part named in `stretched` is described 40 bytes longer than it is, so it runs into the next."""
    out = io.BytesIO()
    directory = []
    last = None
    for name, data, method, crc, size in list(parts) + [(alias, None, 0, 0, 0) for alias in aliases]:
        encoded = name.encode()
        if data is None:
            offset, data, method, crc, size = last
        else:
            offset = out.tell()
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, method, 0, 0x21, crc, len(data), size,
                                  len(encoded), 0) + encoded + data)
            last = (offset, data, method, crc, size)
        if zip64:
            extra = struct.pack("<HHQQQ", 1, 24, size, len(data), offset)
            sizes = (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        else:
            extra, sizes = b"", (len(data) + (40 if name in stretched else 0), size, offset)
        directory.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0x800, method, 0, 0x21, crc, sizes[0],
                                     sizes[1], len(encoded), len(extra), 0, 0, 0, 0, sizes[2]) + encoded + extra)
    start = out.tell()
    for record in directory:
        out.write(record)
    size = out.tell() - start
    if zip64:
        end64 = out.tell()
        out.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(directory), len(directory), size,
                              start))
        out.write(struct.pack("<IIQI", 0x07064B50, 0, end64, 1))
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))
    else:
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(directory), len(directory), size, start, 0))
    open(path, "wb").write(out.getvalue())


def deflated(data):
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def repacked(source, change=None):
    """The parts of the zip at `source` as raw_zip parts, deflated again; `change(name, data)` may
    return (stored data, crc, size) for a part to write it otherwise."""
    parts = []
    with zipfile.ZipFile(source) as z:
        for item in z.infolist():
            data = z.read(item.filename)
            changed = change(item.filename, data) if change else None
            if changed:
                parts.append((item.filename,) + changed)
            else:
                parts.append((item.filename, deflated(data), 8, zlib.crc32(data), len(data)))
    return parts


HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>รหัสโครงการ</t></is></c><c r="B1" t="inlineStr"><is><t>วันที่ดำเนินการ</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>จำนวนครั้ง</t></is></c></row>'
)


def sheet(rows):
    return ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + HEADER + rows + "</sheetData></worksheet>")


def main(kind, path):
    if kind == "realistic":
        realistic(path)
    elif kind == "bomb":
        # 64 MiB of zeros in one sheet: a few dozen KiB zipped.
        body = sheet('<row r="2"><c r="A2" t="inlineStr"><is><t>' + "0" * (64 << 20) + "</t></is></c></row>")
        minimal(path, body)
    elif kind == "wide":
        minimal(path, sheet('<row r="2"><c r="XFD2"><v>1</v></c></row>'))
    elif kind == "shared-out-of-range":
        minimal(path, sheet('<row r="2"><c r="A2" t="s"><v>7</v></c></row>'),
                shared='<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>x</t></si></sst>')
    elif kind == "malformed":
        minimal(path, sheet('<row r="2"><c r="A2"><v>1</v></row>'))
    elif kind == "climbing":
        minimal(path, sheet(""), extra={"../../evil.xml": "x"})
    elif kind in ("cut-short", "bad-crc", "zip64"):
        # The realistic workbook, its parts written again: the sheet's deflate stream cut in half
        # (ZIPFoundation 0.9.20 spun forever on this); the sheet stored with one digit changed after
        # its CRC-32 was taken (a silent wrong figure if the CRC is not checked); or every part
        # described in ZIP64 form, which must read exactly as the classic one.
        realistic(path)
        sheet_part = "xl/worksheets/sheet2.xml"

        def change(name, data):
            if name != sheet_part or kind == "zip64":
                return None
            if kind == "cut-short":
                packed = deflated(data)
                return (packed[: len(packed) // 2], 8, zlib.crc32(data), len(data))
            altered = data.replace(b"<v>72000</v>", b"<v>92000</v>")
            assert altered != data
            return (altered, 0, zlib.crc32(data), len(data))

        raw_zip(path, repacked(path, change), zip64=kind == "zip64")
    elif kind == "pending-output":
        # The realistic workbook, its sheet padded to 65,537 bytes and deflated with fixed codes at
        # level 1: the last match crosses the reader's 64 KiB output buffer, so zlib still holds
        # output when the part's input is used up (the reader once called this "cut short").
        realistic(path)
        sheet_part = "xl/worksheets/sheet2.xml"

        def pad(name, data):
            if name != sheet_part:
                return None
            data += b" " * (65537 - len(data))
            packer = zlib.compressobj(1, zlib.DEFLATED, -15, 8, zlib.Z_FIXED)
            return (packer.compress(data) + packer.flush(), 8, zlib.crc32(data), len(data))

        raw_zip(path, repacked(path, pad))
    elif kind == "shared-part":
        # Twenty sheets whose directory entries all point at one local header: read one by one,
        # a small file would unpack the same large part twenty times.
        body = sheet('<row r="2"><c r="A2" t="inlineStr"><is><t>' + " " * (1 << 20) + "</t></is></c></row>").encode()
        sheets = "".join('<sheet name="S%d" sheetId="%d" r:id="rId%d"/>' % (i, i + 1, i + 1) for i in range(20))
        rels = "".join(
            '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/s%d.xml"/>' % (i + 1, i) for i in range(20))
        parts = [
            ("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
            ("xl/workbook.xml", ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                                 + sheets + "</sheets></workbook>").encode()),
            ("xl/_rels/workbook.xml.rels", ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                            + rels + "</Relationships>").encode()),
            ("xl/worksheets/s0.xml", body),
        ]
        raw_zip(path, [(name, deflated(data), 8, zlib.crc32(data), len(data)) for name, data in parts],
                aliases=["xl/worksheets/s%d.xml" % i for i in range(1, 20)])
    elif kind == "overlapping":
        # The realistic workbook with its workbook.xml described as running 40 bytes into the next
        # part: its stream still ends where it should, so only the places of the parts give it away.
        realistic(path)
        raw_zip(path, repacked(path), stretched=["xl/workbook.xml"])
    elif kind == "lost-sheet":
        # The realistic workbook without its data sheet's part: the sheet is listed but not there.
        realistic(path)
        raw_zip(path, [p for p in repacked(path) if p[0] != "xl/worksheets/sheet2.xml"])
    else:
        raise SystemExit("unknown kind " + kind)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
