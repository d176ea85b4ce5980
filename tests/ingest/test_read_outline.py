"""Row hierarchy of an .xlsx (grouped rows, indented cells), read beside calamine's cells, and the depth a reader
takes from it (ngsp.ingest.read.outline, ngsp.ingest.detect.hierarchy)."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment

from ngsp.core import limits
from ngsp.ingest.detect import hierarchy
from ngsp.ingest.read import RawSheet, read_workbook


def outlined(rows: list[list[object]], outline: dict[int, int] = {}, indent: dict[int, int] = {}) -> bytes:  # noqa: B006
    """An .xlsx of one sheet: `outline` {0-based row: level} groups rows, `indent` {row: n} indents column A."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    for r in rows:
        ws.append(r)
    for i, lv in outline.items():
        ws.row_dimensions[i + 1].outline_level = lv
    for i, n in indent.items():
        ws.cell(i + 1, 1).alignment = Alignment(indent=n)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


ROWS = [
    ["Task", "Status"],
    ["Talent", "In progress"],
    ["Recruit", "Done"],
    ["Shadow days", None],
    ["Transit", None],
]


def test_grouped_rows_and_indented_cells_are_read() -> None:
    (sheet,) = read_workbook("plan.xlsx", outlined(ROWS, {2: 1, 3: 2}, {2: 1, 3: 3}))
    assert sheet.outline == {2: 1, 3: 2}
    assert sheet.indent == {(2, 0): 1, (3, 0): 3}
    assert sheet.rows[2] == ["Recruit", "Done"]  # the cells are calamine's, as before


def test_an_indented_empty_cell_indents_nothing() -> None:
    wb_bytes = outlined([["Task"], ["A"], [None], ["B"]], indent={2: 2})
    (sheet,) = read_workbook("plan.xlsx", wb_bytes)
    assert sheet.indent == {}


def test_a_flat_workbook_has_no_hierarchy() -> None:
    (sheet,) = read_workbook("plan.xlsx", outlined(ROWS))
    assert sheet.outline == {} and sheet.indent == {}


def test_max_outline_cells(monkeypatch) -> None:
    data = outlined(ROWS, {2: 1})
    monkeypatch.setattr(limits, "MAX_OUTLINE_CELLS", 10)  # the sheet has 5 x 2 = 10 cells: still read
    assert read_workbook("plan.xlsx", data)[0].outline == {2: 1}
    monkeypatch.setattr(limits, "MAX_OUTLINE_CELLS", 9)  # one fewer: read without its hierarchy
    (sheet,) = read_workbook("plan.xlsx", data)
    assert sheet.outline == {} and sheet.rows[2] == ["Recruit", "Done"]


def test_a_damaged_styles_part_costs_the_indents_not_the_workbook() -> None:
    src = zipfile.ZipFile(io.BytesIO(outlined(ROWS, {2: 1}, {2: 1})))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/styles.xml":
                data = data.replace(b"<cellXfs", b"<cellXfs <<", 1)  # not well-formed any more
            z.writestr(info, data)
    # calamine may or may not mind the styles; when it reads the cells, the rows and their grouping survive.
    try:
        (sheet,) = read_workbook("plan.xlsx", out.getvalue())
    except Exception as e:  # noqa: BLE001 - a refusal must be a TrackerError, never a traceback
        from ngsp.core.errors import TrackerError

        assert isinstance(e, TrackerError)
        return
    assert sheet.rows[1] == ["Talent", "In progress"]


def _sheet(rows, outline=None, indent=None) -> RawSheet:
    return RawSheet("f.xlsx", "Plan", rows, [], outline=outline or {}, indent=indent or {})


def test_depth_from_grouped_rows_first_then_indent_then_spaces() -> None:
    rows = [["Task"], ["Talent"], ["  Recruit"], ["Transit"]]
    grouped = _sheet(rows, outline={2: 1}, indent={(3, 0): 4})
    assert hierarchy.levels(grouped, rows, 1, 0) == (
        {1: 0, 2: 1, 3: 0},
        "rows grouped under their parent rows",
    )
    indented = _sheet(rows, indent={(2, 0): 2, (3, 0): 4})
    assert hierarchy.levels(indented, rows, 1, 0)[0] == {1: 0, 2: 1, 3: 2}  # 0, 2, 4 ranked 0, 1, 2
    spaced = _sheet(rows)
    assert hierarchy.levels(spaced, rows, 1, 0) == ({1: 0, 2: 1, 3: 0}, "text pushed in with spaces")
    flat = _sheet([["Task"], ["A"], ["B"]])
    assert hierarchy.levels(flat, flat.rows, 1, 0) == ({}, "")


def test_parents_and_a_single_root() -> None:
    depth = {1: 0, 2: 1, 3: 2, 4: 2, 5: 1, 6: 2}
    assert hierarchy.parents(depth) == {1, 2, 5}
    assert hierarchy.one_root(depth) == 1  # the project's name over everything, two levels deep
    assert hierarchy.one_root({1: 0, 2: 1, 3: 1}) is None  # one priority over its tasks stays a priority
    assert hierarchy.one_root({1: 0, 2: 1, 3: 0, 4: 1}) is None
