"""Writing tables into openpyxl sheets safely: no cell can become a formula, no control character survives."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from ngsp.core.formulas import FORMULA_STARTS
from ngsp.export import theme

# Control characters a spreadsheet cannot hold (tab, line feed and carriage return are kept inside text).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

HEADER_FONT = Font(bold=True, color=theme.WHITE_HEX)
HEADER_FILL = PatternFill("solid", fgColor=theme.NAVY_HEX)
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0%"
MONEY_FORMAT = '"$"#,##0'


@dataclass
class Cleaning:
    """What was changed while writing: cells kept as text, control characters removed (sheet, row, column)."""

    as_text: list[tuple[str, int, str]] = field(default_factory=list)
    controls: list[tuple[str, int, str, int]] = field(default_factory=list)


def _plain(value: object) -> object:
    """A cell value openpyxl writes as is: None for missing, datetime for dates, Python numbers."""
    if value is None:
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, str | date | datetime):
        return value.item()  # numpy scalar
    return value


def write_table(
    ws: Worksheet | WriteOnlyWorksheet,
    headers: list[str],
    rows: list[list[object]],
    cleaning: Cleaning | None = None,
    widths: dict[str, int] | None = None,
    formats: dict[str, str] | None = None,
) -> None:
    """Headers in row 1 (styled, frozen, filtered), then the rows; text is neutralised as it is written.

    Rows are appended one by one, so the same code fills a streamed (write-only) sheet, which holds no cells
    in memory: the clean copy of a 100,000-row tracker is written that way. Column widths, the frozen header
    and the filter are set first, as a streamed sheet needs them before its rows.
    """
    cleaning = cleaning if cleaning is not None else Cleaning()
    formats = formats or {}
    widths = widths or {}
    for c, h in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(c)].width = widths.get(h, max(12, min(40, len(h) + 4)))
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, h)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, Alignment(vertical="center")
        header_cells.append(cell)
    ws.append(header_cells)
    col_format = [formats.get(h) for h in headers]
    for r, row in enumerate(rows, start=2):
        out: list[object] = []
        for c, value in enumerate(row, start=1):
            value = _plain(value)
            if value is None or value == "":
                out.append(None)
            elif isinstance(value, str):
                out.append(text_cell(ws, value, cleaning, r, headers[c - 1]))
            else:
                fmt = col_format[c - 1] or (DATE_FORMAT if isinstance(value, datetime | date) else None)
                if fmt:
                    cell = WriteOnlyCell(ws, value)
                    cell.number_format = fmt
                    out.append(cell)
                else:
                    out.append(value)
        ws.append(out)


def text_cell(ws, value: str, cleaning: Cleaning, row: int, column: str) -> object:
    """Text as text: control characters removed, a leading = + - @ tab or CR kept from becoming a formula.

    Returns the value itself when it needs nothing, else a cell that holds it as text.
    """
    removed = len(CONTROL.findall(value))
    if removed:
        value = CONTROL.sub("", value)
        cleaning.controls.append((ws.title, row, column, removed))
    if not value.startswith(FORMULA_STARTS):
        return value
    # A string-typed cell is never evaluated; the quote prefix keeps it text when someone edits it.
    cell = WriteOnlyCell(ws, value)
    cell.data_type = "s"
    cell.quotePrefix = True
    cleaning.as_text.append((ws.title, row, column))
    return cell
