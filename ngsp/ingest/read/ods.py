"""OpenDocument spreadsheets: how far each table of content.xml reaches, and its merged ranges (calamine
gives none for .ods)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from xml.parsers import expat

from ngsp.ingest.read.xmlscan import QUOTED_ATTRS, Dtd, attr, xml_int

_ODS_TAG = re.compile(
    rb"<(/?)(?:[\w.\-]+:)?(table|table-row|table-cell|covered-table-cell)(?=[\s/>])"
    + QUOTED_ATTRS
    + rb"(/?)>"
)


@dataclass
class OdsTable:
    name: str
    rows: int = 0
    cols: int = 0
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


class OdsWalk:
    """Streams an .ods content.xml and finds, per table, how far its non-empty cells reach and its merges.

    Repeated rows and cells count as many times as they repeat, but only when they hold something:
    LibreOffice pads every sheet with a million empty repeated rows, which no reader materialises.
    """

    def __init__(self) -> None:
        self.tables: list[OdsTable] = []
        self._tail = b""
        # calamine's .ods reader loops forever on some malformed XML (a table cut short): a handler-less
        # expat parse (C speed) proves the XML well-formed first.
        self._xml = expat.ParserCreate(namespace_separator="}")  # an unbound prefix is an error too
        self._xml.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self._xml.StartDoctypeDeclHandler = self._no_dtd
        self._row = self._col = self._rep = self._row_cols = 0
        self._row_has = False

    @staticmethod
    def _no_dtd(*_args: object) -> None:
        raise Dtd

    def finish(self) -> None:
        """Raise expat.ExpatError unless the whole content.xml was well-formed."""
        self._xml.Parse(b"", True)

    def _num(self, key: bytes, attrs: bytes) -> int:
        v = attr(attrs, b"number-" + key)
        return max(xml_int(v), 1) if v and v.isdigit() else 1

    def feed(self, chunk: bytes) -> None:
        self._xml.Parse(chunk, False)
        buf = self._tail + chunk
        cut = buf.rfind(b">") + 1
        self._tail = buf[cut:]
        for m in _ODS_TAG.finditer(buf, 0, cut):
            closing, tag, attrs, empty = m.groups()
            if tag == b"table":
                if not closing:
                    nm = attr(attrs, b"name") or b""
                    self.tables.append(OdsTable(html.unescape(nm.decode("utf-8", "replace"))))
                    self._row = 0
                continue
            if not self.tables:
                continue
            t = self.tables[-1]
            if tag == b"table-row":
                if not closing:
                    self._rep = self._num(b"rows-repeated", attrs)
                    self._col = self._row_cols = 0
                    self._row_has = False
                if closing or empty:
                    if self._row_has:
                        t.rows = max(t.rows, self._row + self._rep)
                        t.cols = max(t.cols, self._row_cols)
                    self._row += self._rep
                    self._rep = 1
                continue
            if closing:
                continue
            reps = self._num(b"columns-repeated", attrs)
            if not empty or attr(attrs, b"value-type") is not None:
                self._row_has = True
                self._row_cols = max(self._row_cols, self._col + reps)
            rs, cs = self._num(b"rows-spanned", attrs), self._num(b"columns-spanned", attrs)
            if (rs > 1 or cs > 1) and tag == b"table-cell":
                t.merged.append((self._row, self._col, self._row + rs - 1, self._col + cs - 1))
            self._col += reps
