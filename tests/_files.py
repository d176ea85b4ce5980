"""Input files built in code for the reader tests: tiny workbooks, and hostile ones made by hand."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"


def xlsx_bytes(sheets: dict[str, dict[str, object]], merged: dict[str, list[str]] | None = None) -> bytes:
    """A workbook from {sheet: {cell: value}}, e.g. {"Roster": {"C3": "Name"}}, with optional merges."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, cells in sheets.items():
        ws = wb.create_sheet(name)
        for ref, value in cells.items():
            ws[ref] = value
        for rng in (merged or {}).get(name, []):
            ws.merge_cells(rng)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def edit_parts(data: bytes, edits: dict[str, Callable[[bytes], bytes] | bytes]) -> bytes:
    """The same zip with some parts rewritten (a function of the old bytes) or added (bytes)."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            edit = edits.get(info.filename)
            if callable(edit):
                body = edit(body)
            elif edit is not None:
                body = edit
            zout.writestr(info.filename, body)
        for name, body in edits.items():
            if name not in zin.namelist() and isinstance(body, bytes):
                zout.writestr(name, body)
    return out.getvalue()


def with_sheet_xml(data: bytes, fn: Callable[[str], str]) -> bytes:
    """The workbook with its first sheet's XML rewritten by a text function."""
    return edit_parts(data, {SHEET: lambda b: fn(b.decode()).encode()})


def set_dimension(ref: str | None) -> Callable[[str], str]:
    """A sheet edit setting <dimension ref=...> (None removes it)."""

    def edit(xml: str) -> str:
        if ref is None:
            return re.sub(r"<dimension [^>]*/>", "", xml)
        if "<dimension " in xml:
            return re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml)
        return xml.replace("<sheetViews>", f'<dimension ref="{ref}"/><sheetViews>', 1)

    return edit


def add_rows(rows_xml: str) -> Callable[[str], str]:
    """A sheet edit appending raw <row> XML at the end of sheetData."""
    return lambda xml: xml.replace("</sheetData>", rows_xml + "</sheetData>")


def zip_bomb(part_bytes: int = 300 * 1024 * 1024) -> bytes:
    """A valid-looking workbook whose sheet is `part_bytes` of one repeated byte (about 1000:1)."""
    base = xlsx_bytes({"Sheet": {"A1": "x"}})
    zin = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != SHEET:
                zout.writestr(info.filename, zin.read(info))
        with zout.open(SHEET, "w", force_zip64=True) as f:
            head = zin.read(SHEET)
            f.write(head[: head.index(b"<sheetData>")] + b"<sheetData>")
            block = b" " * (1024 * 1024)
            for _ in range(part_bytes // len(block)):
                f.write(block)
            f.write(b"</sheetData></worksheet>")
    return out.getvalue()


def understate_sizes(data: bytes, part: str, declared: int) -> bytes:
    """The zip with `part`'s uncompressed size rewritten to `declared` in both headers (a lying zip)."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    buf = bytearray(data)
    struct.pack_into("<I", buf, zf.getinfo(part).header_offset + 22, declared)  # local header
    i = zf.start_dir
    while data[i : i + 4] == b"PK\x01\x02":  # central directory entries
        n, e, c = struct.unpack_from("<HHH", data, i + 28)
        if data[i + 46 : i + 46 + n].decode() == part:
            struct.pack_into("<I", buf, i + 24, declared)
        i += 46 + n + e + c
    return bytes(buf)


def ods_bytes(frame_rows: list[list[object]], startrow: int = 0, startcol: int = 0) -> bytes:
    """An .ods written by pandas' odf engine (odfpy)."""
    import pandas as pd

    buf = io.BytesIO()
    pd.DataFrame(frame_rows[1:], columns=frame_rows[0]).to_excel(
        buf, engine="odf", index=False, startrow=startrow, startcol=startcol, sheet_name="Roster"
    )
    return buf.getvalue()


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_from_tables(tables_xml: str) -> bytes:
    """An .ods whose content.xml body is the given <table:table> XML, written by hand."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables_xml}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


def xls_bytes(cells: dict[tuple[int, int], object], merged: list[tuple[int, int, int, int]] = ()) -> bytes:
    """A legacy .xls (BIFF8) written by xlwt from {(row0, col0): value}."""
    import datetime as dt

    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Roster")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for (r, c), v in cells.items():
        ws.write(r, c, v, date_style) if isinstance(v, dt.date) else ws.write(r, c, v)
    for r0, r1, c0, c1 in merged:
        ws.merge(r0, r1, c0, c1)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def encrypted_xls() -> bytes:
    """An .xls whose workbook stream carries a FILEPASS record (RC4 encryption) after its BOF."""
    import xlwt
    from xlwt.CompoundDoc import XlsDoc

    wb = xlwt.Workbook()
    wb.add_sheet("Roster").write(0, 0, "secret")
    biff = wb.get_biff_data()
    _, length = struct.unpack_from("<HH", biff)
    rc4 = struct.pack("<HHH", 1, 1, 1) + bytes(48)  # type RC4, version 1.1, salt/verifier/hash
    filepass = struct.pack("<HH", 0x002F, len(rc4)) + rc4
    out = io.BytesIO()
    XlsDoc().save(out, biff[: 4 + length] + filepass + biff[4 + length :])
    return out.getvalue()


def encrypted_xlsx(plain: bytes, password: str = "pw") -> bytes:
    """The workbook encrypted as Excel does it (ECMA-376 agile encryption inside an OLE2 container)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    return out.getvalue()


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + "]>"
)


def with_shared_strings(sst_xml: str) -> bytes:
    """A one-sheet workbook whose A1 is shared string 0 from the given sharedStrings.xml text."""
    data = xlsx_bytes({"S": {"A1": "x"}})
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    rel = (
        '<Relationship Id="rIdSST" Target="sharedStrings.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
    )
    return edit_parts(
        data,
        {
            SHEET: lambda b: re.sub(rb'<c r="A1" t="inlineStr">.*?</c>', b'<c r="A1" t="s"><v>0</v></c>', b),
            "xl/_rels/workbook.xml.rels": lambda b: b.replace(
                b"</Relationships>", rel.encode() + b"</Relationships>"
            ),
            "[Content_Types].xml": lambda b: b.replace(
                b"</Types>",
                f'<Override PartName="/xl/sharedStrings.xml" ContentType="{main}"/></Types>'.encode(),
            ),
            "xl/sharedStrings.xml": sst_xml.encode(),
        },
    )


SST = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
