"""Each limit in ngsp.core.limits refuses what is over it, before any spreadsheet parser sees the bytes.

"Before the parser" is proven, not timed: the tests that matter replace calamine with a tripwire.
benchmarks/bench_read_limits.py prints how long the refusals take and how much memory they use.
"""

from __future__ import annotations

import io
import random
import re
import zipfile

import pytest
from _files import (
    add_rows,
    edit_parts,
    ods_from_tables,
    set_dimension,
    understate_sizes,
    with_sheet_xml,
    xls_bytes,
    xlsx_bytes,
    zip_bomb,
)

from ngsp.core import limits
from ngsp.core.errors import TrackerError
from ngsp.ingest.read import read_paths, read_workbook


@pytest.fixture
def no_parser(monkeypatch):
    """Calamine must not be reached: any use of it fails the test."""
    import python_calamine

    import ngsp.ingest.read.sandbox as sandbox

    class Tripwire:
        @staticmethod
        def from_filelike(*_a, **_k):
            raise AssertionError("calamine was reached")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Tripwire)
    monkeypatch.setattr(sandbox, "parse_isolated", Tripwire.from_filelike)  # the child process for .xls/.ods


def refused(data: bytes, name: str = "t.xlsx") -> str:
    with pytest.raises(TrackerError) as e:
        read_workbook(name, data)
    return e.value.message


def small() -> bytes:
    return xlsx_bytes({"Roster": {"A1": "Org", "B2": "Acme"}})


def test_limits_are_sane():
    assert limits.MAX_FILE_BYTES == 50 * 1024 * 1024
    assert limits.MAX_FILE_BYTES < limits.MAX_UNCOMPRESSED_BYTES
    assert limits.RATIO_CHECK_MIN_BYTES * limits.MAX_COMPRESSION_RATIO <= limits.MAX_UNCOMPRESSED_BYTES
    assert limits.MAX_SHEET_ROWS * 10 <= limits.MAX_CELLS <= limits.MAX_SHEET_ROWS * limits.MAX_SHEET_COLS


# --- MAX_FILE_BYTES ----------------------------------------------------------------------------------------


def test_max_file_bytes(monkeypatch, no_parser):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    assert "larger than" in refused(small())
    assert "larger than" in refused(b"a,b\n" * 500, "big.csv")


def test_max_file_bytes_is_checked_before_reading_a_path(monkeypatch, tmp_path):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 10)
    p = tmp_path / "big.csv"
    p.write_bytes(b"x" * 11)
    monkeypatch.setattr(type(p), "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    with pytest.raises(TrackerError, match="larger than"):
        read_paths([p])


# --- MAX_UNCOMPRESSED_BYTES, MAX_COMPRESSION_RATIO, RATIO_CHECK_MIN_BYTES -----------------------------------


def test_zip_bomb_is_refused_by_its_ratio(no_parser):
    bomb = zip_bomb(20 * 1024 * 1024)
    assert len(bomb) < 100_000
    assert "zip bomb" in refused(bomb)


def test_max_compression_ratio_applies_from_ratio_check_min_bytes(monkeypatch):
    sheet = xlsx_bytes({"S": {"A1": "x"}})
    padded = with_sheet_xml(sheet, lambda x: x.replace("<sheetData>", "<sheetData>" + " " * 500_000))
    assert read_workbook("t.xlsx", padded)  # 500 KB of spaces compresses ~1000:1 but is too small to matter
    monkeypatch.setattr(limits, "RATIO_CHECK_MIN_BYTES", 100_000)
    assert "zip bomb" in refused(padded)


def test_max_uncompressed_bytes(monkeypatch, no_parser):
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 200_000)
    rng = random.Random(0)
    text = "".join(rng.choice("abcdefghij") for _ in range(300_000))
    cells = {
        f"A{i + 1}": text[i * 30_000 : (i + 1) * 30_000] for i in range(10)
    }  # Excel caps a cell at 32,767
    assert "unzips to" in refused(xlsx_bytes({"S": cells}))


def test_a_zip_that_understates_its_sizes_is_caught_by_counting(no_parser):
    data = with_sheet_xml(small(), lambda x: x.replace("<sheetData>", "<sheetData>" + " " * 3_000_000))
    liar = understate_sizes(data, "xl/worksheets/sheet1.xml", 2_000)
    assert "more data than it declares" in refused(liar)


# --- MAX_ZIP_ENTRIES ---------------------------------------------------------------------------------------


def test_max_zip_entries(monkeypatch, no_parser):
    monkeypatch.setattr(limits, "MAX_ZIP_ENTRIES", 20)
    data = edit_parts(small(), {f"xl/media/image{i}.png": b"x" for i in range(30)})
    assert "parts" in refused(data)


# --- MAX_SHEET_ROWS, MAX_SHEET_COLS, MAX_CELLS: declared, real, and after reading --------------------------


def test_a_sheet_claiming_cell_xfd1048576_is_refused_from_its_dimension(no_parser):
    msg = refused(with_sheet_xml(small(), set_dimension("A1:XFD1048576")))
    assert "XFD1048576" in msg and '"Roster"' in msg and "delete the unused rows" in msg


@pytest.mark.parametrize("dimension", ["A1:B2", None])  # an honest-looking dimension that lies, or none
def test_a_real_cell_at_xfd1048576_is_refused(dimension, no_parser):
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row>'
    data = with_sheet_xml(small(), lambda x: add_rows(far)(set_dimension(dimension)(x)))
    assert "XFD1048576" in refused(data)


def test_max_sheet_rows(no_parser):
    rows = limits.MAX_SHEET_ROWS
    assert f"{rows + 1:,} rows" in refused(with_sheet_xml(small(), set_dimension(f"A1:B{rows + 1}")))
    far = f'<row r="{rows + 1}"><c r="A{rows + 1}"><v>1</v></c></row>'
    assert f"{rows + 1:,} rows" in refused(with_sheet_xml(small(), add_rows(far)))


def test_max_sheet_rows_accepts_the_limit_itself():
    last = limits.MAX_SHEET_ROWS
    data = with_sheet_xml(small(), add_rows(f'<row r="{last}"><c r="A{last}"><v>1</v></c></row>'))
    (s,) = read_workbook("t.xlsx", data)
    assert len(s.rows) == last and s.rows[-1] == [1.0, None]


def test_max_sheet_cols(no_parser):
    cols = limits.MAX_SHEET_COLS
    assert f"{cols + 1:,} columns" in refused(with_sheet_xml(small(), set_dimension("A1:BXY2")))
    assert cols + 1 == 26 * 26 * 2 + 24 * 26 + 25  # BXY is column 2001
    assert "16,384 columns" in refused(
        with_sheet_xml(small(), add_rows('<row r="3"><c r="XFD3"><v>1</v></c></row>'))
    )


def test_max_cells(no_parser):
    # 3,000 rows x 2,000 columns: each under its own limit, together over MAX_CELLS.
    assert "cells in all" in refused(with_sheet_xml(small(), set_dimension("A1:BXX3000")))


def test_cells_without_references_are_counted_as_a_reader_would(monkeypatch, no_parser):
    monkeypatch.setattr(limits, "MAX_SHEET_COLS", 50)
    wide = "<row>" + "<c><v>1</v></c>" * 60 + "</row>"
    assert "60 columns" in refused(with_sheet_xml(small(), add_rows(wide)))
    monkeypatch.setattr(limits, "MAX_SHEET_ROWS", 50)
    tall = '<row r="3"><c><v>1</v></c></row>' + "<row><c><v>1</v></c></row>" * 60
    assert "63 rows" in refused(with_sheet_xml(small(), add_rows(tall)))


def test_a_namespace_prefix_does_not_hide_a_far_cell(no_parser):
    def prefixed(xml: str) -> str:
        xml = xml.replace("<worksheet xmlns=", "<x:worksheet xmlns:x=").replace(
            "</worksheet>", "</x:worksheet>"
        )
        for tag in ("sheetData", "row", "c", "v", "is", "t", "dimension", "sheetViews", "sheetView"):
            xml = xml.replace(f"<{tag} ", f"<x:{tag} ").replace(f"<{tag}>", f"<x:{tag}>")
            xml = xml.replace(f"</{tag}>", f"</x:{tag}>")
        return xml

    n = limits.MAX_SHEET_ROWS + 1
    far = f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>'
    assert f"{n:,} rows" in refused(with_sheet_xml(small(), lambda x: prefixed(add_rows(far)(x))))


def test_ods_repeated_cells_count_only_when_they_hold_something(no_parser):
    bomb = (
        '<table:table table:name="S"><table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384">'
        "<text:p>1</text:p></table:table-cell></table:table-row></table:table>"
    )
    assert "1,048,576 rows by 16,384 columns" in refused(ods_from_tables(bomb), "t.ods")


def test_xls_extent_is_checked_before_cells_become_python_objects(monkeypatch):
    monkeypatch.setattr(limits, "MAX_SHEET_ROWS", 40)
    data = xls_bytes({(0, 0): "Org", (49, 1): "far"})
    assert "50 rows" in refused(data, "old.xls")


def test_limits_hold_after_reading_too(monkeypatch):
    """Were the zip scan to miss a sheet's extent, the check after calamine reads it still refuses."""
    import ngsp.ingest.read.zipguard as zipguard

    monkeypatch.setattr(zipguard, "scan_parts", lambda *a, **k: [])
    monkeypatch.setattr(limits, "MAX_SHEET_ROWS", 20)
    data = with_sheet_xml(small(), add_rows('<row r="30"><c r="A30"><v>1</v></c></row>'))
    assert "30 rows" in refused(data)


@pytest.mark.parametrize(
    ("limit", "value", "csv"),
    [
        ("MAX_SHEET_ROWS", 10, "a\n" * 11),
        ("MAX_SHEET_COLS", 10, ",".join(["a"] * 11)),
        ("MAX_CELLS", 30, "a,b,c,d\n" * 8),
    ],
)
def test_csv_limits(monkeypatch, limit, value, csv):
    monkeypatch.setattr(limits, limit, value)
    assert "more than ngsp reads" in refused(csv.encode(), "t.csv")


# --- XML_HEAD_BYTES ----------------------------------------------------------------------------------------


def test_xml_head_bytes_a_prolog_longer_than_the_head_is_refused(no_parser):
    long_comment = "<!--" + "x" * (limits.XML_HEAD_BYTES + 10) + "-->"
    data = edit_parts(small(), {"xl/styles.xml": lambda b: long_comment.encode() + b})
    assert "never writes" in refused(data)


def test_a_realistic_tracker_passes_every_check():
    rng = random.Random(1)
    cells = {f"{c}{r}": rng.choice(["x", "Acme", 3, None]) for r in range(1, 2000) for c in "ABCDEFGHIJ"}
    data = xlsx_bytes({"Attendance": {k: v for k, v in cells.items() if v is not None}})
    (s,) = read_workbook("t.xlsx", data)
    assert len(s.rows) <= 1999 and len(s.rows[0]) <= 10
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


# --- a sheet cannot dodge the scan -------------------------------------------------------------------------

FAR = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


def test_a_sheet_starting_with_junk_is_refused(no_parser):
    data = with_sheet_xml(small(), lambda x: "junk" + add_rows(FAR)(set_dimension(None)(x)))
    refused(data)


def test_a_sheet_under_another_name_is_still_scanned(no_parser):
    """workbook.xml.rels may point anywhere; calamine follows it, and so does the scan."""
    sheet = zipfile.ZipFile(io.BytesIO(small())).read("xl/worksheets/sheet1.xml").decode()
    moved = edit_parts(
        small(),
        {
            "xl/worksheets/sheet1.xml": b"",
            "xl/data/cells.bin": add_rows(FAR)(set_dimension(None)(sheet)).encode(),
            "xl/_rels/workbook.xml.rels": lambda b: b.replace(b"worksheets/sheet1.xml", b"data/cells.bin"),
        },
    )
    assert "XFD1048576" in refused(moved)


# --- MAX_PARSER_MEMORY_BYTES, READ_TIMEOUT_SECONDS: .xls and .ods are read in a child process ---------------


def test_an_xls_that_makes_calamine_allocate_gigabytes_is_refused_not_fatal():
    """Found by fuzzing: 52 bytes inserted into a tiny .xls made calamine allocate 2-4 GB and abort."""
    seed = xls_bytes({(1, 1): "Org", (2, 1): "NA", (2, 2): 3.0})
    insert = bytes.fromhex("058fb521a84f") + bytes(41) + bytes.fromhex("85985183c1")
    assert "could not be read safely" in refused(seed[:3346] + insert + seed[3346:], "t.xls")


def test_max_parser_memory_bytes(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PARSER_MEMORY_BYTES", 400 * 1024 * 1024)
    far = xls_bytes({(0, 0): "Org", (65535, 255): "far"})  # calamine holds 65,536 x 256 cells: ~1 GB
    assert "could not be read safely" in refused(far, "t.xls")


def test_read_timeout_seconds(monkeypatch):
    import ngsp.ingest.read.sandbox as sandbox

    monkeypatch.setattr(limits, "READ_TIMEOUT_SECONDS", 1)
    monkeypatch.setattr(sandbox, "_CHILD", "import time; time.sleep(30)")
    assert "took longer than 1 seconds" in refused(xls_bytes({(0, 0): "Org"}), "t.xls")


def test_read_timeout_seconds_counts_processor_time(monkeypatch):
    """A busy server must not refuse a good file: the child's limit is processor time (the clock's is far
    longer), so a child that computes forever is stopped after READ_TIMEOUT_SECONDS of work."""
    import time

    import ngsp.ingest.read.sandbox as sandbox

    monkeypatch.setattr(limits, "READ_TIMEOUT_SECONDS", 1)
    monkeypatch.setattr(limits, "READ_WALL_FACTOR", 60)
    forever = "import ngsp.ingest.read.sandbox as s; s.calamine_parse = lambda *a: sum(iter(int, 1))"
    monkeypatch.setattr(sandbox, "_CHILD", sandbox._CHILD.replace("child_main()", f"{forever}; child_main()"))
    start = time.monotonic()
    assert "took longer than 1 seconds" in refused(xls_bytes({(0, 0): "Org"}), "t.xls")
    assert time.monotonic() - start < 30  # stopped by its processor time, not by the clock's 60 s


@pytest.mark.parametrize(
    "edit",
    [
        lambda b: b[: b.index(b"</table:table>")],  # cut short: calamine loops forever on this
        lambda b: b.replace(b"</table:table>", b"</table:t>ble>"),
        lambda b: b.replace(b"<office:document-content", b"cument-content", 1),
    ],
)
def test_malformed_ods_content_is_refused_before_calamine(edit, no_parser):
    from _files import ods_bytes

    data = edit_parts(ods_bytes([["Org"], ["Acme"]]), {"content.xml": edit})
    assert "damaged" in refused(data, "t.ods")


@pytest.mark.parametrize("layout", ["trailing bytes", "two zips"])
def test_only_a_plainly_laid_out_zip_is_read(layout, no_parser):
    """Python's zipfile and calamine's reader must see the same parts: no slack for them to disagree on."""
    data = small() + b"\0" * 10 if layout == "trailing bytes" else small() + small()
    assert "damaged" in refused(data)


def test_max_zip_entries_counts_a_zip64_directory(no_parser):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:  # over 65,535 entries: counted in the zip64 end record
        for k in range(70_000):
            z.writestr(f"xl/media/{k}", b"")
    assert "70,000 parts" in refused(buf.getvalue())


def test_a_sheet_in_utf16_is_refused(no_parser):
    """The scans read bytes as UTF-8 (all Excel and LibreOffice write): a UTF-16 sheet could hide from them."""
    data = with_sheet_xml(small(), lambda x: add_rows(FAR)(set_dimension(None)(x)))
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    utf16 = edit_parts(data, {"xl/worksheets/sheet1.xml": sheet.encode("utf-16")})
    refused(utf16)


@pytest.mark.parametrize("count", ["4294967295", "99999999999999999999", "1000"])
def test_a_shared_string_count_the_part_cannot_hold_is_refused(count, no_parser):
    """calamine reserves uniqueCount strings up front: 4294967295 in a 1 KB part aborted the process."""
    from _files import SST, with_shared_strings

    lying = SST.replace('uniqueCount="1"', f'uniqueCount="{count}"')
    assert "damaged" in refused(with_shared_strings(lying + "<si><t>hello</t></si></sst>"))


def test_an_honest_shared_string_count_is_read():
    from _files import SST, with_shared_strings

    (s,) = read_workbook("t.xlsx", with_shared_strings(SST + "<si><t>hello</t></si></sst>"))
    assert s.rows == [["hello"]]


@pytest.mark.parametrize(
    "cell",
    [
        '<c foo=">" r="XFD1048576"><v>1</v></c>',  # ">" inside a quoted attribute
        '<c foo=\' r="A1"\' r="XFD1048576"><v>1</v></c>',  # a look-alike r inside another attribute
        '<c s="0"\n r="XFD1048576"><v>1</v></c>',  # r not first, after a newline
    ],
)
def test_cell_references_cannot_hide_in_odd_attributes(cell, no_parser):
    data = with_sheet_xml(small(), add_rows(f'<row r="5">{cell}</row>'))
    assert "XFD1048576" in refused(data)


def test_ods_repeats_cannot_hide_in_odd_attributes(no_parser):
    row = (
        '<table:table table:name="S"><table:table-row table:style-name=">" table:number-rows-repeated="200000">'
        "<table:table-cell office:value-type=\"float\" office:value='1' table:formula='number-columns-repeated=\"1\"' "
        'table:number-columns-repeated="3000"><text:p>1</text:p></table:table-cell></table:table-row></table:table>'
    )
    assert "200,000 rows by 3,000 columns" in refused(ods_from_tables(row), "t.ods")


# --- issue 16: what calamine allocates from, total work across sheets, merges, the child process -----------


@pytest.mark.parametrize(
    "row",
    [
        # a cell written with a namespace prefix inside a sheet without one: 2.9 KB asked calamine for 550 GB
        '<row r="1048576"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'r="XFD1048576"><x:v>1</x:v></x:c></row>',
        "<row r='1048576'><c t='n' r='XFD1048576'><v>1</v></c></row>",  # other order, other quotes
        '<row r="1048576"><c r="&#88;FD1048576"><v>1</v></c></row>',  # a character reference
    ],
)
def test_a_far_cell_however_written_is_refused_before_the_parser(row, no_parser):
    assert "XFD1048576" in refused(with_sheet_xml(small(), add_rows(row)))


def test_a_dimension_with_another_attribute_first_is_still_read(no_parser):
    data = with_sheet_xml(small(), lambda x: x.replace('<dimension ref="', '<dimension x="1" ref="'))
    assert "<dimension x=" in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    far = with_sheet_xml(data, lambda x: re.sub(r'ref="[^"]*"', 'ref="A1:XFD1048576"', x, count=1))
    assert "says it reaches" in refused(far)


def test_a_sheet_part_listed_as_many_sheets_is_refused_before_the_parser(no_parser):
    """2,000 entries naming one worksheet made a 272 KB file take 265 s and 11.3 GB."""
    import hostile

    assert "same sheet" in refused(hostile.one_part_many_sheets(50))


def test_max_workbook_cells_counts_every_sheet(monkeypatch):
    import hostile

    monkeypatch.setattr(limits, "MAX_WORKBOOK_CELLS", 100)
    rows = [["Name", "Org"]] + [[f"P{i}", "Acme"] for i in range(29)]  # 60 cells a sheet, 120 in all
    data = hostile.xlsx({"A": hostile.sheet_xml(rows), "B": hostile.sheet_xml(rows)})
    assert "120 cells in all" in refused(data)
    monkeypatch.setattr(limits, "MAX_WORKBOOK_CELLS", 120)
    assert [len(s.rows) for s in read_workbook("t.xlsx", data)] == [30, 30]


def test_max_merged_ranges(monkeypatch, no_parser):
    monkeypatch.setattr(limits, "MAX_MERGED_RANGES", 10)
    merges = [f"A{r}:B{r}" for r in range(1, 12)]
    data = xlsx_bytes({"Roster": {f"A{r}": "x" for r in range(1, 12)}}, {"Roster": merges})
    assert "11 merged cell ranges" in refused(data)


def test_overlapping_merges_are_refused():
    """Excel never saves them, and filling them cost merges x rows: 34k of them took 135 s."""
    import hostile

    assert "overlap" in refused(hostile.overlapping_merges_under_the_cap(50))


def test_every_workbook_is_parsed_in_the_capped_child(monkeypatch):
    """An .xlsx too: calamine aborting on one must cost the child, never the server."""
    import ngsp.ingest.read.sandbox as sandbox

    monkeypatch.setattr(sandbox, "_CHILD", "import os; os.abort()")
    assert "could not be read safely" in refused(small())


def test_the_child_process_is_capped_for_xlsx_too(monkeypatch):
    import ngsp.ingest.read.sandbox as sandbox

    calls = []
    real = sandbox.parse_isolated
    monkeypatch.setattr(sandbox, "parse_isolated", lambda name, data: calls.append(name) or real(name, data))
    read_workbook("t.xlsx", small())
    assert calls == ["t.xlsx"]
