"""Formula errors in .xlsx cells (#N/A, #REF!, #SPILL!, #CALC! ...), handed to calamine as marked text.

calamine reads the classic errors as empty cells and refuses a whole workbook over the ones Excel 365 added
(#SPILL!, #CALC!, #FIELD!, #BLOCKED!, #CONNECT!, #BUSY!, #UNKNOWN!, #GETTING_DATA, #PYTHON! ...). So the
worksheets `zipguard` saw error cells in are rewritten before calamine sees them: each error cell becomes a
formula-string cell (t="str") whose text starts with MARK, and the reader turns it into an empty cell set
aside with its reason. A cell the rewrite cannot place still cannot crash anything: calamine refuses the
workbook and the user is told which sheet holds an error value ngsp could not read.
"""

from __future__ import annotations

import io
import re
import zipfile

MARK = "\ue000"
"""Starts the text of a rewritten error cell (a private-use character no spreadsheet writer uses)."""

_ATTRS = rb"""(?:[^>"']|"[^"]*"|'[^']*')"""
_P = rb"(?:[\w.\-]+:)?"  # any namespace prefix
ERROR_TYPE = re.compile(rb"""(?<=\s)t\s*=\s*["']e["']""")
"""An attribute t="e" (an error cell) in any quoting: what `zipguard` looks for in each worksheet."""
_ERROR_CELL = re.compile(
    rb"<(?P<p>"
    + _P
    + rb")c(?P<a1>\s"
    + _ATTRS
    + rb"*?)(?<=\s)t\s*=\s*(?P<q>[\"'])e(?P=q)(?P<a2>"
    + _ATTRS
    + rb"*)>"
    # a formula first, if any (<f>...</f> or <f .../>), then the cached value
    + rb"(?P<mid>(?:\s|<"
    + _P
    + rb"f(?=[\s/>])"
    + _ATTRS
    + rb"*?(?:/>|>[^<]*</"
    + _P
    + rb"f\s*>))*)"
    + rb"(?P<v><"
    + _P
    + rb"v\s*>)"
)


def _mark(m: re.Match) -> bytes:
    p = m["p"]
    return b'<%sc%st="str"%s>%s%s%s' % (p, m["a1"], m["a2"], m["mid"], m["v"], MARK.encode())


def mark_errors(xml: bytes) -> bytes:
    """A worksheet's XML with every error cell turned into marked text."""
    return _ERROR_CELL.sub(_mark, xml)


def rewrite(zf: zipfile.ZipFile, parts: set[str]) -> bytes:
    """The workbook as a new zip with the error cells of `parts` marked (every part already passed the guards).

    Parts are stored at the lowest compression level: the copy goes to the reader, not to anybody's disk.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for info in zf.infolist():
            body = zf.read(info)
            z.writestr(info.filename, mark_errors(body) if info.filename in parts else body)
    return out.getvalue()
