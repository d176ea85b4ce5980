"""The command line: JSON on stdout, and one clear line with exit status 2 on input it cannot read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from builders import xlsx_bytes

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ngsp", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_summary_json_is_one_object(tmp_path: Path) -> None:
    f = tmp_path / "t.xlsx"
    f.write_bytes(xlsx_bytes({"Partners": [["Name", "Organization"], ["Ana Lopez", "Acme"]]}))
    r = _run("summary", str(f), "--as-of", "2025-01-01", "--json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert s["schema"] == "ngsp.summary/1" and s["as_of"] == "2025-01-01" and s["people"] == 1


def test_summary_for_a_person_and_the_quality_report(tmp_path: Path) -> None:
    f = tmp_path / "t.xlsx"
    f.write_bytes(
        xlsx_bytes(
            {
                "Log": [
                    ["Date", "Meeting", "Name"],
                    ["1/5/2024", "Launch", "Ana"],
                    ["1/5/2024", "Launch", None],
                ]
            }
        )
    )
    r = _run("summary", str(f), "--as-of", "2025-01-01")
    assert r.returncode == 0 and "Organisations" in r.stdout and "Rows rejected" in r.stdout
    q = _run("quality", str(f))
    assert q.returncode == 0 and "row 3: an attendance row with no person" in q.stdout


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"\x00\x01garbage" * 50, ""),
        (b"<html><body>Sign in</body></html>", ""),
        (None, "no partnership data"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, content: bytes | None, words: str) -> None:
    f = tmp_path / "bad.xlsx"
    f.write_bytes(content if content is not None else xlsx_bytes({"Budget": [["Line", "Cost"], ["Food", 5]]}))
    r = _run("summary", str(f), "--json")
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith((f"error: {f.name}: ", f"error: {f}: "))
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert words in lines[0]


def test_missing_file_and_bad_date(tmp_path: Path) -> None:
    r = _run("summary", str(tmp_path / "nope.xlsx"))
    assert r.returncode == 2 and "no such file" in r.stderr
    f = tmp_path / "t.xlsx"
    f.write_bytes(xlsx_bytes({"Partners": [["Name", "Organization"], ["Ana Lopez", "Acme"]]}))
    r = _run("summary", str(f), "--as-of", "15/10/2025")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr


def test_corrections_file_applies_on_the_command_line(tmp_path: Path) -> None:
    from ngsp.core.corrections import Corrections

    f = tmp_path / "t.xlsx"
    f.write_bytes(xlsx_bytes({"Partners": [["Name", "Organization"], ["Ana Lopez", "Acme"]]}))
    c = tmp_path / "c.json"
    c.write_text(Corrections().with_org_type("Acme", "public").to_json())
    r = _run("summary", str(f), "--json", "--corrections", str(c))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["organizations"]["public"] == 1
    c.write_text("not json")
    r = _run("summary", str(f), "--json", "--corrections", str(c))
    assert r.returncode == 2 and "not JSON" in r.stderr


def test_export_names_the_partnership_and_remembers_the_name(tmp_path: Path) -> None:
    import io

    from pptx import Presentation
    from pypdf import PdfReader

    f = tmp_path / "tracker v3 final.xlsx"
    f.write_bytes(
        xlsx_bytes(
            {
                "Partners": [["Name", "Organization", "Type"], ["Ana Lopez", "Acme", "Business"]],
                "Log": [["Date", "Meeting", "Name"], ["1/5/2024", "Launch", "Ana Lopez"]],
            }
        )
    )
    deck, report = tmp_path / "out.pptx", tmp_path / "out.pdf"
    unnamed = _run("export", str(f), "--to", str(deck), "--as-of", "2025-01-01")
    assert unnamed.returncode == 0, unnamed.stderr
    first = " ".join(s.text_frame.text for s in Presentation(str(deck)).slides[0].shapes if s.has_text_frame)
    assert "tracker v3 final" not in first  # a file's name is no partnership's name
    r = _run("export", str(f), "--to", str(deck), "--as-of", "2025-01-01", "--name", "Fox Valley Partnership")
    assert r.returncode == 0, r.stderr
    first = " ".join(s.text_frame.text for s in Presentation(str(deck)).slides[0].shapes if s.has_text_frame)
    assert "Fox Valley Partnership" in first
    r = _run("export", str(f), "--to", str(report), "--as-of", "2025-01-01")  # remembered: no --name
    assert r.returncode == 0, r.stderr
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report.read_bytes())).pages)
    assert "Fox Valley Partnership" in " ".join(text.split())
    shown = _run("corrections", str(f))
    assert "Fox Valley Partnership" in shown.stdout
