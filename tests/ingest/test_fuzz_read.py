"""Fuzzing the reader: whatever bytes arrive, the only exception that escapes is TrackerError."""

from __future__ import annotations

import io
import os
import zipfile

from _files import SHEET, SST, ods_bytes, with_shared_strings, xls_bytes, xlsx_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ngsp.core.errors import TrackerError
from ngsp.ingest.read import RawSheet, read_workbook

XLSX = xlsx_bytes(
    {"Roster": {"B2": "Org", "C2": "Phone", "B3": "NA", "C3": "0123", "D4": 2.5}}, {"Roster": ["B5:C6"]}
)
WITH_SST = with_shared_strings(SST + "<si><t>Acme</t></si><si><r><t>rich</t></r></si></sst>")
SEEDS = {
    "t.xlsx": XLSX,
    "s.xlsx": WITH_SST,
    "t.csv": 'Org;Phone\r\nNúñez;0123\r\n"a\nb";\r\n'.encode("cp1252"),
    "t.ods": ods_bytes([["Org", "Phone"], ["NA", "0123"]]),
    "t.xls": xls_bytes({(1, 1): "Org", (2, 1): "NA", (2, 2): 3.0}),
}

# NGSP_FUZZ_EXAMPLES=5000 runs a longer campaign; each example is one read of a mutated file.
EXAMPLES = int(os.environ.get("NGSP_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=10_000, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def edits(size: int):
    """A few byte-level edits: overwrite, insert, delete, truncate."""
    pos = st.integers(0, max(size - 1, 0))
    return st.lists(
        st.one_of(
            st.tuples(st.just("set"), pos, st.binary(min_size=1, max_size=8)),
            st.tuples(st.just("insert"), pos, st.binary(min_size=1, max_size=64)),
            st.tuples(st.just("delete"), pos, st.integers(1, 64)),
            st.tuples(st.just("truncate"), pos, st.just(b"")),
        ),
        min_size=1,
        max_size=6,
    )


def apply(data: bytes, ops) -> bytes:
    b = bytearray(data)
    for op, at, arg in ops:
        at = min(at, len(b))
        if op == "set":
            b[at : at + len(arg)] = arg
        elif op == "insert":
            b[at:at] = arg
        elif op == "delete":
            del b[at : at + arg]
        else:
            del b[at:]
    return bytes(b)


def only_tracker_errors(name: str, data: bytes) -> None:
    try:
        sheets = read_workbook(name, data)
    except TrackerError as e:
        assert e.file == name and e.message
        return
    for s in sheets:
        assert isinstance(s, RawSheet)
        assert len({len(r) for r in s.rows}) <= 1  # rectangular


@st.composite
def mutated_file(draw):
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = SEEDS[name]
    return name, apply(data, draw(edits(len(data))))


@FUZZ
@given(mutated_file())
def test_mutated_bytes_raise_only_tracker_errors(case):
    only_tracker_errors(*case)


@FUZZ
@given(st.sampled_from([(XLSX, SHEET), (WITH_SST, SHEET), (WITH_SST, "xl/sharedStrings.xml")]), st.data())
def test_mutated_xml_in_a_sound_zip_raises_only_tracker_errors(seed, data):
    """Edits inside a sheet's or the shared strings' XML, re-zipped cleanly, so they reach the scans and calamine."""
    book, part = seed
    with zipfile.ZipFile(io.BytesIO(book)) as zin:
        xml = zin.read(part)
        xml = apply(xml, data.draw(edits(len(xml))))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                zout.writestr(info.filename, xml if info.filename == part else zin.read(info))
    only_tracker_errors("t.xlsx", out.getvalue())


@settings(max_examples=EXAMPLES // 3, deadline=10_000, database=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_raise_only_tracker_errors(data):
    only_tracker_errors("t.xlsx", data)
