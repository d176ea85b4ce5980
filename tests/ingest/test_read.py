"""The reader: every format read faithfully at true spreadsheet positions, every bad file a clear TrackerError."""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import zipfile
from pathlib import Path

import hostile
import openpyxl
import pytest
from _files import (
    BILLION_LAUGHS,
    SST,
    edit_parts,
    encrypted_xls,
    encrypted_xlsx,
    ods_bytes,
    ods_from_tables,
    with_shared_strings,
    with_sheet_xml,
    xls_bytes,
    xlsx_bytes,
)
from conftest import example_trackers
from hypothesis import given, settings
from hypothesis import strategies as st

from ngsp.core.errors import TrackerError
from ngsp.ingest.read import RawSheet, read_files, read_paths, read_workbook


def one(name: str, data: bytes) -> RawSheet:
    (sheet,) = read_workbook(name, data)
    return sheet


def refused(name: str, data: bytes) -> str:
    with pytest.raises(TrackerError) as e:
        read_workbook(name, data)
    assert e.value.file == name
    return e.value.message


# --- .xlsx -------------------------------------------------------------------------------------------------


def test_xlsx_cells_sit_at_their_spreadsheet_positions_with_types_kept():
    data = xlsx_bytes(
        {
            "Roster": {
                "C3": "Name",
                "D3": "Phone",
                "C4": "NA",
                "D4": "0123",
                "E5": dt.date(2024, 1, 2),
                "F5": 2.5,
                "G5": True,
                "H5": dt.time(10, 30),
                "I5": dt.datetime(2024, 1, 2, 9, 0),
                "J5": 7,
            }
        }
    )
    s = one("t.xlsx", data)
    assert (s.file, s.name) == ("t.xlsx", "Roster")
    assert len(s.rows) == 5 and {len(r) for r in s.rows} == {10}  # from A1, rectangular
    assert s.rows[0] == [None] * 10 and s.rows[2][:2] == [None, None]  # leading empty rows/columns kept
    assert s.rows[2][2:4] == ["Name", "Phone"]
    assert s.rows[3][2:4] == ["NA", "0123"]  # text stays text
    assert s.rows[4][4] == dt.date(2024, 1, 2)
    assert s.rows[4][5:8] == [2.5, True, dt.time(10, 30)]
    assert s.rows[4][8] == dt.datetime(2024, 1, 2, 9, 0)
    assert s.rows[4][9] == 7


def test_xlsx_merged_ranges_are_zero_based_and_inclusive():
    data = xlsx_bytes({"Plan": {"C7": "Priority", "A1": "x"}}, merged={"Plan": ["C7:E8"]})
    assert one("t.xlsx", data).merged == [(6, 2, 7, 4)]


def test_every_sheet_in_order_and_an_empty_sheet_has_no_rows():
    data = xlsx_bytes({"Partners": {"A1": "Org"}, "Blank": {}, "Meetings": {"B2": "Date"}})
    sheets = read_workbook("t.xlsx", data)
    assert [s.name for s in sheets] == ["Partners", "Blank", "Meetings"]
    assert sheets[1].rows == [] and sheets[2].rows == [[None, None], [None, "Date"]]


def test_empty_text_is_an_empty_cell():
    data = xlsx_bytes({"S": {"A1": "a"}})
    data = edit_parts(
        data,
        {
            "xl/worksheets/sheet1.xml": lambda b: b.replace(
                b"</row>", b'<c r="B1" t="inlineStr"><is><t></t></is></c></row>', 1
            )
        },
    )
    assert one("t.xlsx", data).rows == [["a"]]


def test_xlsm_and_chart_sheets():
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active["A1"] = "Org"
    wb.create_chartsheet("Chart")
    buf = io.BytesIO()
    wb.save(buf)
    sheets = read_workbook("tracker.xlsm", buf.getvalue())
    assert [s.name for s in sheets] == ["Data"]  # a chart sheet holds no cells


@pytest.mark.parametrize("path", example_trackers(), ids=lambda p: p.name)
def test_the_example_trackers_read(path):
    sheets = read_workbook(path.name, path.read_bytes())
    assert sheets and all(isinstance(s, RawSheet) and s.file == path.name for s in sheets)


# --- .xls and .ods -----------------------------------------------------------------------------------------


def test_xls_values_positions_and_merges():
    data = xls_bytes(
        {(2, 2): "NA", (2, 3): "0123", (3, 4): dt.date(2024, 1, 2), (4, 5): True, (6, 2): "merged"},
        merged=[(6, 7, 2, 4)],
    )
    s = one("old.xls", data)
    assert s.name == "Roster"
    assert s.rows[2][2:4] == ["NA", "0123"]
    assert s.rows[3][4] in (dt.date(2024, 1, 2), dt.datetime(2024, 1, 2))
    assert s.rows[4][5] is True
    assert s.rows[6][2] == "merged" and s.merged == [(6, 2, 7, 4)]


def test_ods_written_by_pandas_keeps_positions_and_text():
    s = one("t.ods", ods_bytes([["Org", "Phone"], ["NA", "0123"]], startrow=2, startcol=1))
    assert s.rows[2][1:] == ["Org", "Phone"]
    assert s.rows[3][1:] == ["NA", "0123"]
    assert s.rows[0] == [None, None, None]


def test_ods_merges_come_from_content_xml_and_libreoffice_padding_is_fine():
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    tables = (
        '<table:table table:name="Plan">'
        '<table:table-column table:number-columns-repeated="16384"/>'
        '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="16384"/>'
        "</table:table-row>"
        '<table:table-row><table:table-cell table:number-columns-repeated="2"/>'
        '<table:table-cell office:value-type="string" table:number-columns-spanned="3" '
        'table:number-rows-spanned="2"><text:p>Priority</text:p></table:table-cell>'
        '<table:covered-table-cell table:number-columns-repeated="2"/>'
        + cell.format("Owner")
        + '<table:table-cell table:number-columns-repeated="16378"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        "</table:table>"
    )
    s = one("t.ods", ods_from_tables(tables))
    assert s.name == "Plan"
    assert len(s.rows) == 3 and s.rows[2][2] == "Priority" and s.rows[2][5] == "Owner"
    assert s.merged == [(2, 2, 3, 4)]


# --- .csv and other text -----------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_encodings_are_detected(encoding):
    text = "Organisation,Contact,Phone\r\nNúñez Fabrication,José,0123\r\nNA,,555\r\n"
    s = one("Partner List.csv", text.encode(encoding))
    assert s.name == "Partner List" and s.merged == []
    assert s.rows == [
        ["Organisation", "Contact", "Phone"],
        ["Núñez Fabrication", "José", "0123"],
        ["NA", None, "555"],
    ]


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_csv_delimiter_is_detected(sep):
    text = f"Org{sep}Date{sep}Note\nAcme{sep}2024-01-02{sep}a, b\n"
    assert one("x.csv", text.encode()).rows[1] == ["Acme", "2024-01-02", "a, b"]


def test_csv_details_excel_sep_line_quoted_newlines_ragged_rows_blank_lines():
    text = 'sep=;\nOrg;Note\n"Acme";"two\nlines"\nSolo\n\n\n'
    s = one("x.csv", text.encode())
    assert s.rows == [["Org", "Note"], ["Acme", "two\nlines"], ["Solo", None]]


def test_csv_named_xlsx_is_read_as_csv():
    assert one("tracker.xlsx", b"Org,Type\nAcme,Business\n").rows[1] == ["Acme", "Business"]


# --- password-protected ------------------------------------------------------------------------------------


def test_encrypted_xlsx_is_reported_as_password_protected():
    msg = refused("locked.xlsx", encrypted_xlsx(xlsx_bytes({"S": {"A1": "secret"}})))
    assert "password-protected" in msg and "unprotected copy" in msg


def test_encrypted_xls_is_reported_as_password_protected():
    assert "password-protected" in refused("locked.xls", encrypted_xls())


def test_zip_with_encrypted_entries_is_reported_as_password_protected():
    data = bytearray(xlsx_bytes({"S": {"A1": "x"}}))
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    i = zf.start_dir
    data[i + 8] |= 0x01  # the first central-directory entry's "encrypted" flag
    assert "password-protected" in refused("t.xlsx", bytes(data))


# --- files that are not trackers ---------------------------------------------------------------------------

WORD = io.BytesIO()
with zipfile.ZipFile(WORD, "w") as _z:
    _z.writestr("word/document.xml", "<w:document/>")
ARCHIVE = io.BytesIO()
with zipfile.ZipFile(ARCHIVE, "w") as _z:
    _z.writestr("trackers/2024.xlsx", b"PK")
XLSB = io.BytesIO()
with zipfile.ZipFile(XLSB, "w") as _z:
    _z.writestr("xl/workbook.bin", b"\0")


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("t.xlsx", b"", "empty"),
        ("t.xlsx", b"<!DOCTYPE html><html><body>Sign in to continue</body></html>", "web page"),
        ("export.xls", b"<table><tr><td>Acme</td></tr></table>", "web page"),
        (
            "t.xml",
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
            "2003",
        ),
        ("t.xlsx", b"%PDF-1.7\n...", "PDF"),
        ("t.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0", "picture"),
        ("t.xlsx", random.Random(0).randbytes(2000) + b"\0", "not a spreadsheet"),
        ("t.xlsx", xlsx_bytes({"S": {"A1": "x"}})[:3000], "damaged or incomplete"),
        ("t.xlsx", b"PK\x03\x04" + bytes(100), "damaged"),
        ("t.docx", WORD.getvalue(), "Word"),
        ("t.zip", ARCHIVE.getvalue(), "unzip"),
        ("t.xlsb", XLSB.getvalue(), ".xlsb"),
        ("t.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "not a spreadsheet"),
    ],
    # Named by what they are, not by their bytes: zips made at collection carry the time, and parallel test
    # workers must collect the same tests.
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_files_that_are_not_trackers_get_a_message_saying_what_they_are(name, data, words):
    msg = refused(name, data)
    assert words.lower() in msg.lower()
    assert ":" in msg  # what is wrong: what to do


# --- XML entity expansion (billion laughs) -----------------------------------------------------------------


def test_entity_expansion_in_shared_strings_is_refused():
    assert one("t.xlsx", with_shared_strings(SST + "<si><t>hello</t></si></sst>")).rows == [["hello"]]
    data = with_shared_strings(BILLION_LAUGHS + SST + "<si><t>&lol9;</t></si></sst>")
    assert "never writes" in refused("t.xlsx", data)


def test_entity_expansion_in_a_sheet_is_refused_even_after_a_long_comment():
    data = xlsx_bytes({"S": {"A1": "hello"}})
    data = edit_parts(
        data,
        {
            "xl/worksheets/sheet1.xml": lambda b: (
                b"<!--" + b" " * 200_000 + b"-->" + BILLION_LAUGHS.encode() + b.split(b"?>", 1)[-1]
            )
        },
    )
    refused("t.xlsx", data)


def test_calamine_itself_does_not_expand_entities():
    """Defence in depth: were the DTD check gone, calamine (quick-xml) rejects the entity unexpanded."""
    from python_calamine import CalamineWorkbook

    data = with_shared_strings(BILLION_LAUGHS + SST + "<si><t>&lol9;</t></si></sst>")
    with pytest.raises(Exception):  # noqa: B017 - its message varies by entry point
        CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_openpyxl_parses_with_defusedxml():
    """Other stages may open user workbooks with openpyxl: with defusedxml installed it refuses entities."""
    import defusedxml
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True
    data = with_shared_strings(BILLION_LAUGHS + SST + "<si><t>&lol9;</t></si></sst>")
    with pytest.raises(ValueError) as e:
        openpyxl.load_workbook(io.BytesIO(data))
    assert isinstance(e.value.__context__, defusedxml.EntitiesForbidden)


# --- paths and several files -------------------------------------------------------------------------------


def test_read_paths_and_read_files(tmp_path):
    a = tmp_path / "Partners.csv"
    a.write_bytes(b"Org\nAcme\n")
    b = tmp_path / "Plan.xlsx"
    b.write_bytes(xlsx_bytes({"Plan": {"A1": "Item"}}))
    files = read_paths([a, str(b)])
    assert [n for n, _ in files] == ["Partners.csv", "Plan.xlsx"]
    assert [(s.file, s.name) for s in read_files(files)] == [
        ("Partners.csv", "Partners"),
        ("Plan.xlsx", "Plan"),
    ]


def test_read_paths_errors(tmp_path):
    with pytest.raises(TrackerError, match="no such file"):
        read_paths([tmp_path / "missing.xlsx"])
    with pytest.raises(TrackerError, match="folder"):
        read_paths([tmp_path])


def test_read_files_names_the_bad_file():
    with pytest.raises(TrackerError) as e:
        read_files([("good.csv", b"a\n1\n"), ("bad.xlsx", b"")])
    assert e.value.file == "bad.xlsx" and str(e.value).startswith("bad.xlsx: ")


def test_csv_that_the_csv_module_cannot_take_gets_a_message():
    assert "could not be read as CSV" in refused("t.csv", b'Org,Note\nAcme,"' + b"x" * 200_000 + b'"\n')


def test_excel_unicode_text_is_read():
    """Excel's "Unicode Text" export: UTF-16 with a BOM, tab-separated."""
    s = one("Partners.txt", "Org\tType\nNúñez Fabrication\tBusiness\n".encode("utf-16"))
    assert s.rows == [["Org", "Type"], ["Núñez Fabrication", "Business"]]


# --- issue 16: cells that are no value are set aside with their reason, nothing else lost --------------------


def test_excel_365_error_values_are_read_as_empty_cells_with_their_reason():
    """calamine refuses a whole workbook over #SPILL! and its kin; the tracker is read and each error named."""
    sheets = read_workbook("t.xlsx", hostile.excel_365_errors())
    (s,) = sheets
    errors = [*hostile.EXCEL_365_ERRORS, "#N/A", "#REF!"]
    assert [(kind, value) for _r, _c, kind, value in s.flagged] == [("error", e) for e in errors]
    assert all(s.rows[r][c] is None for r, c, _k, _v in s.flagged)
    assert [row[0] for row in s.rows[4:]] == [
        f"Err {i}" for i in range(len(errors))
    ]  # the rows are all there
    assert s.rows[1] == hostile.ROSTER[1]


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="B1" t="e"><v>#SPILL!</v></c>',
        "<c t='e' r='B1'><f>SEQUENCE(3)</f><v>#SPILL!</v></c>",
        '<c r="B1" s="0" t = "e" ><f t="shared" si="0"/><v>#SPILL!</v></c>',
        '<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="B1" t="e"><x:v>#SPILL!</x:v></x:c>',
    ],
)
def test_an_error_cell_is_marked_however_it_is_written(cell):
    from ngsp.ingest.read.cellerrors import MARK, mark_errors

    marked = mark_errors(f'<row r="1"><c r="A1"><v>1</v></c>{cell}</row>'.encode()).decode()
    assert f">{MARK}#SPILL!<" in marked and 't="e"' not in marked and "t='e'" not in marked
    assert '<c r="A1"><v>1</v></c>' in marked  # other cells as they were


def test_a_number_that_is_not_finite_is_set_aside():
    data = with_sheet_xml(
        xlsx_bytes({"S": {"A1": "Amount"}}),
        lambda x: x.replace(
            "</sheetData>", '<row r="2"><c r="A2"><v>1e400</v></c><c r="B2"><v>5</v></c></row></sheetData>'
        ),
    )
    (s,) = read_workbook("t.xlsx", data)
    assert s.rows[1] == [None, 5] and s.flagged == [(1, 0, "number", "inf")]


def test_a_date_outside_the_years_read_stays_in_its_cell_and_is_flagged():
    (s,) = read_workbook(
        "t.xlsx", xlsx_bytes({"S": {"A1": dt.date(9999, 12, 31), "A2": dt.date(2024, 5, 1)}})
    )
    assert s.rows == [[dt.date(9999, 12, 31)], [dt.date(2024, 5, 1)]]
    assert s.flagged == [(0, 0, "date", "9999-12-31")]


def test_flag_notes_name_each_cell_and_what_was_done():
    from ngsp.ingest.read import flag_notes

    s = RawSheet(
        "t.xlsx", "Roster", [[None]], flagged=[(4, 1, "error", "#SPILL!"), (9, 27, "date", "9999-12-31")]
    )
    (note,) = flag_notes([s, RawSheet("t.xlsx", "Other", [["x"]])])
    assert note.startswith("t.xlsx / Roster: 2 cells could not be read as a value")
    assert "B5: #SPILL!" in note and "AB10: the date 9999-12-31" in note and "read as empty" in note


def test_merged_across_is_looked_up_by_row():
    s = RawSheet("t", "S", [["x"] * 6 for _ in range(5)], merged=[(1, 0, 1, 2), (2, 3, 4, 3), (3, 1, 9, 4)])
    assert s.merged_across(1, 2) and not s.merged_across(1, 3)
    assert not s.merged_across(2, 3)  # a merge down one column is not across
    assert s.merged_across(4, 4) and not s.merged_across(9, 4)  # past the sheet's last row: nothing


# --- issue 16: a CSV's memory is bounded by its size, not by how it splits ---------------------------------


@given(
    st.text(alphabet=st.sampled_from(list('ab,;"\r\n\0 é\x0c')), max_size=200),
    st.sampled_from([",", ";", "\t", "§"]),
    st.integers(min_value=1, max_value=9),
)
@settings(max_examples=400, deadline=None)
def test_a_csv_skeleton_splits_into_the_rows_and_fields_of_the_text(text, delimiter, chunk):
    """The column and row limits are checked on a skeleton of the text; it must split exactly as the text."""
    import csv

    import ngsp.ingest.read.text as textmod

    old = textmod._SKELETON_CHUNK
    textmod._SKELETON_CHUNK = chunk  # tiny chunks: every line and \r\n split across a chunk boundary
    try:
        got = [len(r) for r in csv.reader(textmod._skeleton_lines(text, delimiter), delimiter=delimiter)]
    finally:
        textmod._SKELETON_CHUNK = old
    assert got == [len(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def test_a_one_line_csv_is_refused_without_holding_its_cells(monkeypatch):
    """A 49 MB one-line CSV peaked at 1.7 GB: memory now stays within a few times the file's size."""
    import tracemalloc

    from ngsp.core import limits

    monkeypatch.setattr(
        limits, "MAX_CELLS", 50_000
    )  # the file holds more fields than this: the skeleton path
    data = b"abcd," * 400_000  # 2 MB, 400,000 fields on one line
    tracemalloc.start()
    try:
        with pytest.raises(TrackerError, match="400,001 columns"):
            read_workbook("t.csv", data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 6 * len(data), peak  # the fields themselves would take 30 MB


# --- issue 16: only regular files are read from disk ------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize("kind", ["/dev/zero behind a link", "a named pipe"])
def test_read_paths_reads_only_regular_files(kind, tmp_path):
    """/dev/zero behind a link was read until memory ran out; a pipe made the command line wait forever.

    Run in a child process with a time and memory cap, so that a regression fails the test, not the machine.
    """
    import subprocess
    import sys

    p = tmp_path / ("t.xlsx" if "zero" in kind else "t.csv")
    if "zero" in kind:
        p.symlink_to("/dev/zero")
    else:
        os.mkfifo(p)
    code = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30));"
        "from ngsp.core.errors import TrackerError; from ngsp.ingest.read import read_paths\n"
        f"try: read_paths([{str(p)!r}])\nexcept TrackerError as e: print(e.message)"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, cwd=root)
    assert "not a file ngsp can read" in done.stdout
