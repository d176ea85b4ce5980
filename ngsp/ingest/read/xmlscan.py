"""Streaming scans of the XML inside a workbook: the root element (no DTDs), and how far a worksheet's cells
reach, found without parsing the sheet."""

from __future__ import annotations

import html
import re

from ngsp.ingest.read.cellerrors import ERROR_TYPE
from ngsp.ingest.read.messages import col_label

_NAME = re.compile(rb"[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?")


class Dtd(Exception):
    """An XML part declares a DTD (where entity-expansion bombs live)."""


def xml_root(head: bytes, whole: bool) -> bytes | None:
    """The root element's name of an XML part from its first bytes (None if the part is not XML).

    OOXML and ODF parts never carry a DTD; one that does (billion laughs, external entities) raises Dtd,
    whichever parser would read it next. A prolog longer than the head is refused the same way.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\0", b"\0<")):
        raise Dtd  # UTF-16 XML: Excel and LibreOffice write UTF-8, and the byte scans assume it
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    i = 0
    n = len(head)
    while True:
        while i < n and head[i] in b" \t\r\n":
            i += 1
        if i >= n:
            if whole:
                return None
            raise Dtd  # the prolog runs past the head: not how any spreadsheet writer saves
        if head[i] != 0x3C:  # '<'
            return None
        if head.startswith(b"<?", i):
            j = head.find(b"?>", i)
        elif head.startswith(b"<!--", i):
            j = head.find(b"-->", i)
        elif head.startswith(b"<!", i):
            raise Dtd
        else:
            m = _NAME.match(head, i + 1)
            return m.group(0) if m else None
        if j < 0:
            if whole:
                return None
            raise Dtd
        i = j + 2


# <dimension ref="A1:D40"/>, with any prefix, other attributes first, either quote.
_DIMENSION = re.compile(
    rb"<(?:[\w.\-]+:)?dimension(?=[\s/>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(?<=\s)ref\s*=\s*[\"']([^\"']{1,40})[\"']"
)
_CELL_REF = re.compile(rb"([A-Za-z]{1,7})([0-9]{1,10})")


def _ref(ref: bytes) -> tuple[int, int] | None:
    """'XFD1048576' -> (1048576, 16384): the 1-based row and column of a cell reference."""
    m = _CELL_REF.fullmatch(ref)
    if not m:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ch - 64
    return int(m.group(2)), col


def dimension(head: bytes) -> tuple[int, int] | None:
    """A worksheet's declared extent (last row, last column) from its <dimension ref="A1:XFD1048576"/>."""
    m = _DIMENSION.search(head)
    if not m:
        return None
    return _ref(m.group(1).split(b":")[-1].replace(b"$", b""))


def _above(s: str, alphabet: str) -> str:
    """A regex matching strings over `alphabet` that sort after `s` (longer, or as long and greater)."""
    cls = f"[{alphabet[0]}-{alphabet[-1]}]"
    alts = [f"{cls}{{{len(s) + 1},}}"]
    for i, ch in enumerate(s):
        k = alphabet.index(ch)
        if k + 1 < len(alphabet):
            rest = f"{cls}{{{len(s) - i - 1}}}" if len(s) - i - 1 else ""
            alts.append(f"{re.escape(s[:i])}[{alphabet[k + 1]}-{alphabet[-1]}]{rest}")
    return "(?:" + "|".join(alts) + ")"


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# A <c> tag that does not start with a plain reference (r="B7"): the fast scan cannot place it. Nor can it
# place a cell written with a namespace prefix (<x:c>), which a reader takes for a cell like any other.
_ODD_CELL = rb'<c(?:[\t\r\n/>]| (?!r="[A-Z]{1,3}[0-9]{1,7}"))'
_PREFIXED_CELL = re.compile(rb"<[\w.\-]+:c(?=[\s/>])")
_MERGE_CELL = re.compile(rb"<(?:[\w.\-]+:)?mergeCell(?=[\s/>])")
_CELL_REFS = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')


class SheetExtent:
    """Streams a worksheet's XML and finds how far its cells reach, without parsing it; on the way it counts
    the sheet's merged ranges (`merges`) and notes whether any cell holds a formula error (`errors`).

    A reader places a cell by its reference (r="B7"). Fast path, for what Excel, LibreOffice and openpyxl
    write (every <c> starting with r="..."): one regex search per chunk for a cell that is either odd or
    beyond the declared <dimension>; none found means the dimension (already checked) is the extent. With
    no dimension, or once a cell lies beyond it, every reference is read. An odd cell makes `result`
    return None, and the caller walks the tags one by one instead (`SheetWalk`). Regexes start with a
    literal ("<c"), which Python's re scans for quickly.
    """

    def __init__(self, prefix: bytes, dim: tuple[int, int] | None) -> None:
        self.dim = dim
        self._odd = bool(prefix)  # a namespace prefix (<x:c>): leave it to the walk
        self._fast = None
        if dim:
            rows_above = _above(str(dim[0]), "0123456789").encode()
            cols_above = _above(col_label(dim[1]), _LETTERS).encode()
            beyond = rb'<c r="(?:' + cols_above + rb"[0-9]+|[A-Z]+" + rows_above + rb')"'
            self._fast = re.compile(_ODD_CELL + b"|" + beyond)
        self.rows = self.cols = 0
        self.merges = 0
        self.errors = False
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        buf = self._tail + chunk
        cut = buf.rfind(b">") + 1
        self._tail = buf[cut:]
        piece = buf[:cut]
        self._scan(piece)
        # A quoted e is rare in a sheet: looked for at memory speed before a regex says where it is.
        if not self.errors and (b'"e"' in piece or b"'e'" in piece) and ERROR_TYPE.search(piece):
            self.errors = True
        if b"mergeCell" in piece:
            self.merges += sum(1 for _ in _MERGE_CELL.finditer(piece))

    def _scan(self, piece: bytes) -> None:
        if self._odd or not piece:
            return
        if b":c" in piece and _PREFIXED_CELL.search(piece):  # rare: tested at memory speed first
            self._odd = True
            return
        if self._fast is not None and self._fast.search(piece) is None:
            return  # every cell here is plain and within the declared dimension
        self._fast = None  # from here on, read every reference
        if re.search(_ODD_CELL, piece):
            self._odd = True
            return
        refs = _CELL_REFS.findall(piece)
        if refs:
            # Distinct parts first: a chunk holds thousands of cells but few rows and fewer column letters.
            letters, digits = zip(*refs, strict=True)
            self.rows = max(self.rows, max(map(int, set(digits))))
            self.cols = max(self.cols, max(_ref(c + b"1")[1] for c in set(letters)))

    def result(self) -> tuple[int, int] | None:
        self._scan(self._tail)
        self._tail = b""
        if self._odd:
            return None
        # With a dimension, cells the fast search passed over lie within it.
        dim_rows, dim_cols = self.dim or (0, 0)
        return max(self.rows, dim_rows), max(self.cols, dim_cols)


# Attributes may hold ">" and look-alike text inside quotes: tags and attributes are tokenised quote-aware.
QUOTED_ATTRS = rb"""((?:[^>"']|"[^"]*"|'[^']*')*?)"""
_TAG = re.compile(rb"<(/?)(?:[\w.\-]+:)?(row|c)(?=[\s/>])" + QUOTED_ATTRS + rb"(/?)>")
_ATTR = re.compile(rb"""([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def attr(attrs: bytes, local: bytes) -> bytes | None:
    """The value of the first attribute with this local name (prefix ignored), as an XML reader sees it."""
    for m in _ATTR.finditer(attrs):
        if m.group(1).rsplit(b":", 1)[-1] == local:
            return m.group(2) if m.group(2) is not None else m.group(3)
    return None


class SheetWalk:
    """The slow, exact scan: every <row> and <c> in order, numbering unreferenced ones as a reader would."""

    def __init__(self) -> None:
        self.rows = self.cols = self._row = self._col = 0
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        buf = self._tail + chunk
        cut = buf.rfind(b">") + 1
        self._tail = buf[cut:]
        for m in _TAG.finditer(buf, 0, cut):
            if m.group(1):
                continue
            r = attr(m.group(3), b"r")
            if r and b"&" in r:  # r="&#88;FD1": a reader sees the reference the character references spell
                r = html.unescape(r.decode("utf-8", "replace")).encode("utf-8", "replace")
            if m.group(2) == b"row":
                self._row = xml_int(r) if r and r.isdigit() else self._row + 1
                self._col = 0
            else:
                ref = _ref(r) if r else None
                if ref:
                    self._row, self._col = max(ref[0], self._row), ref[1]
                else:
                    self._col += 1
            self.rows = max(self.rows, self._row)
            self.cols = max(self.cols, self._col)

    def result(self) -> tuple[int, int]:
        return self.rows, self.cols


def xml_int(digits: bytes) -> int:
    return int(digits) if len(digits) < 12 else 10**12
