"""The reader: every format read faithfully at true spreadsheet positions, every bad file a clear TrackerError."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile

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
    xls_bytes,
    xlsx_bytes,
)
from conftest import example_trackers

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
    # Ids without the bytes: a zip's bytes carry the time it was written, and pytest-xdist's workers must
    # collect the same ids.
    ids=lambda v: f"{len(v)}-bytes" if isinstance(v, bytes) else str(v),
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
