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


def _folder_with_reports(tmp_path: Path) -> Path:
    """A roster and two Zoom reports in one folder, with a lock file and a text file beside them."""
    folder = tmp_path / "partnership"
    folder.mkdir()
    (folder / "Roster.xlsx").write_bytes(
        xlsx_bytes(
            {
                "Partners": [
                    ["Name", "Organization", "Email"],
                    ["Ana Ruiz", "Acme Tool", "ana@acme.example.com"],
                ]
            }
        )
    )
    for day, minutes in (("03/05/2025", 50), ("04/09/2025", 3)):
        (folder / f"zoomus_meeting_report_8123456{day[:2]}.csv").write_text(
            "User Name,User Email,Join time,Leave time,Duration(Minutes)\n"
            f"Ana Ruiz,ana@acme.example.com,{day} 13:00:00,{day} 13:50:00,{minutes}.0\n"
            f"Bo Lee,bo@beta.example.com,{day} 13:00:00,{day} 13:50:00,{minutes}.0\n",
            encoding="utf-8-sig",
        )
    (folder / "~$Roster.xlsx").write_bytes(b"lock")
    (folder / "notes.txt").write_text("not a tracker")
    return folder


def test_a_folder_is_one_tracker_of_the_files_in_it(tmp_path: Path) -> None:
    folder = _folder_with_reports(tmp_path)
    r = _run("summary", str(folder), "--as-of", "2025-06-01", "--json", "--no-snapshot")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert (s["people"], s["meetings"]["total"], s["attendance"]["records"]) == (2, 2, 4)
    r = _run("summary", str(folder), "--as-of", "2025-06-01", "--json", "--no-snapshot", "--min-minutes", "5")
    assert json.loads(r.stdout)["attendance"]["records"] == 2  # the 3-minute attendances are not counted
    q = _run("quality", str(folder), "--no-snapshot", "--min-minutes", "5")
    assert q.returncode == 0 and "Attendance reports" in q.stdout and "shorter than the minimum" in q.stdout
    bad = _run("summary", str(folder), "--min-minutes", "-1")
    assert bad.returncode == 2 and "below 0" in bad.stderr


def test_an_empty_folder_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    r = _run("summary", str(tmp_path))
    assert r.returncode == 2 and "holds no spreadsheet files" in r.stderr and "Traceback" not in r.stderr
