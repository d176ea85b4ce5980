"""The row hierarchy an .xlsx keeps outside its cells: grouped rows and indented cells.

Smartsheet's export to Excel keeps a sheet's hierarchy (a meeting over its invitees, a priority over its tasks)
as grouped rows, <row outlineLevel="1">; people also show it by indenting the cell (a style's
<alignment indent="1"/>). python-calamine gives neither, and openpyxl gives row outline levels only when it
builds every cell of every sheet as an object, so one more pass over the (already checked) worksheet XML reads
the two attributes, with the tokeniser the extent walk uses; styles.xml goes through defusedxml.
"""

from __future__ import annotations

import dataclasses
import zipfile
import zlib
from collections.abc import Iterable

from ngsp.core import limits
from ngsp.core.errors import TrackerError
from ngsp.ingest.read.sheet import RawSheet
from ngsp.ingest.read.xmlscan import _TAG, _ref, attr, xml_int
from ngsp.ingest.read.zipguard import Inflated, _xlsx_sheets, inflate


def _xf_indents(zf: zipfile.ZipFile, data: bytes, parts: set[str]) -> list[int]:
    """The indent of each cell format (cellXfs/xf, by index) of the workbook's styles part."""
    from defusedxml import ElementTree as SafeET

    path = "xl/styles.xml"
    if path not in parts:
        return []
    info = zf.getinfo(path)
    root = SafeET.fromstring(b"".join(inflate(data, info, info.file_size)))
    xfs = next((el for el in root if el.tag.rsplit("}", 1)[-1] == "cellXfs"), None)
    out = []
    for xf in xfs if xfs is not None else ():
        al = next((el for el in xf if el.tag.rsplit("}", 1)[-1] == "alignment"), None)
        v = al.get("indent", "0") if al is not None else "0"
        out.append(int(v) if v.isdigit() and len(v) < 4 else 0)
    return out


def _outline_walk(
    chunks: Iterable[bytes], xf_indent: list[int]
) -> tuple[dict[int, int], dict[tuple[int, int], int]]:
    """(0-based row -> outline level, (row, column) -> indent) of one worksheet's XML, numbering rows and
    cells as `xmlscan.SheetWalk` does."""
    outline: dict[int, int] = {}
    indent: dict[tuple[int, int], int] = {}
    row = col = 0
    tail = b""
    for chunk in chunks:
        buf = tail + chunk
        cut = buf.rfind(b">") + 1
        tail = buf[cut:]
        for m in _TAG.finditer(buf, 0, cut):
            if m.group(1):
                continue
            attrs = m.group(3)
            r = attr(attrs, b"r")
            if m.group(2) == b"row":
                row = xml_int(r) if r and r.isdigit() else row + 1
                col = 0
                level = attr(attrs, b"outlineLevel")
                if level and level.isdigit() and 0 < xml_int(level) < 8:  # Excel allows 7 levels
                    outline[row - 1] = int(level)
                continue
            ref = _ref(r) if r else None
            if ref:
                row, col = max(ref[0], row), ref[1]
            else:
                col += 1
            s = attr(attrs, b"s")
            if s and s.isdigit():
                k = xml_int(s)
                if k < len(xf_indent) and xf_indent[k]:
                    indent[(row - 1, col - 1)] = xf_indent[k]
    return outline, indent


def with_outline(zf: zipfile.ZipFile, data: bytes, sheets: list[RawSheet]) -> list[RawSheet]:
    """The sheets with their grouped rows and indented cells, for a workbook of at most
    limits.MAX_OUTLINE_CELLS cells (a bigger one is read without them: this is a second pass over its XML).

    The hierarchy is a hint the readers may use: a part that cannot be read for it leaves the sheets as they
    are rather than refusing a workbook calamine has already read.
    """
    if sum(len(s.rows) * (len(s.rows[0]) if s.rows else 0) for s in sheets) > limits.MAX_OUTLINE_CELLS:
        return sheets
    try:
        parts = {i.filename for i in zf.infolist()}
        xf_indent = _xf_indents(zf, data, parts)
        by_name = {n: p for p, n in _xlsx_sheets("", data, zf).items() if p in parts}
        out = []
        for s in sheets:
            path = by_name.get(s.name)
            if path is None:
                out.append(s)
                continue
            info = zf.getinfo(path)
            outline, indent = _outline_walk(inflate(data, info, info.file_size), xf_indent)
            n = len(s.rows)
            outline = {i: v for i, v in outline.items() if i < n}
            width = len(s.rows[0]) if n else 0
            # Only cells that hold something: a styled empty cell (<c s="4"></c>) indents nothing.
            indent = {
                (i, j): v for (i, j), v in indent.items() if i < n and j < width and s.rows[i][j] is not None
            }
            out.append(dataclasses.replace(s, outline=outline, indent=indent) if outline or indent else s)
        return out
    except (TrackerError, Inflated, zipfile.BadZipFile, zlib.error, ValueError, KeyError, SyntaxError):
        return sheets  # defusedxml's refusals and ElementTree's ParseError are SyntaxError/ValueError
