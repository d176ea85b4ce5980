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


def test_sample_reads_the_bundled_tracker_from_any_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, data_dir: Path
) -> None:
    import datetime as dt

    from ngsp import cli
    from ngsp.figures import summary
    from ngsp.ingest.pipeline import load_paths

    monkeypatch.chdir(tmp_path)
    assert cli.main(["summary", "--sample", "--json", "--as-of", "2026-11-25"]) == 0
    expected = summary(load_paths([ROOT / "sample_data" / "demo_tracker.xlsx"]), dt.date(2026, 11, 25))
    assert json.loads(capsys.readouterr().out) == expected
    assert not data_dir.exists()  # the sample is never kept as a snapshot


@pytest.mark.parametrize(
    "args",
    [["summary"], ["quality", "t.xlsx", "--sample"], ["export", "--to", "x.pdf"], ["summary", "--bogus"]],
)
def test_a_tracker_or_the_sample_and_nothing_unknown(args: list[str], capsys: pytest.CaptureFixture) -> None:
    from ngsp import cli

    with pytest.raises(SystemExit) as e:
        cli.main(args)
    err = capsys.readouterr().err
    assert e.value.code == 2 and ("--sample" in err or "unrecognized arguments: --bogus" in err)


def test_dashboard_is_streamlit_run_on_the_app_with_its_options(monkeypatch: pytest.MonkeyPatch) -> None:
    from ngsp import bundled, cli
    from ngsp.app import dashboard

    seen: list[list[str]] = []

    def streamlit_main(args: list[str], prog_name: str) -> None:
        seen.append(args)
        raise SystemExit(0)  # as click ends a command

    monkeypatch.setattr(dashboard.cli, "main", streamlit_main)
    assert cli.main(["dashboard", "--server.port", "8502", "--server.headless=true", "-h"]) == 0
    assert seen == [["run", str(bundled.app()), "--server.port", "8502", "--server.headless=true", "-h"]]


def test_dashboard_help_is_streamlits(capsys: pytest.CaptureFixture) -> None:
    from ngsp import cli

    assert cli.main(["dashboard", "--help"]) == 0
    assert "--server.port" in capsys.readouterr().out


# --- issue 16: an unexpected error is told in words and logged; JSON stays strict ----------------------------


def test_an_unexpected_error_is_told_in_words_and_logged_for_the_maintainer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """The catch-all named an exception class ("could not be read (OutOfBoundsDatetime)")."""
    import os

    from ngsp import cli
    from ngsp.ingest import pipeline

    def boom(*_a, **_k):
        raise RuntimeError("an internal detail")

    monkeypatch.setattr(pipeline, "detect", boom)
    f = tmp_path / "t.xlsx"
    f.write_bytes(xlsx_bytes({"Partners": [["Name", "Organization"], ["Ana Lopez", "Acme"]]}))
    assert cli.main(["summary", str(f), "--no-snapshot"]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith("error: t.xlsx: ngsp could not read this file; please report it")
        and err.count("\n") == 1
    )
    assert "RuntimeError" not in err and "internal detail" not in err and "Traceback" not in err
    log = Path(os.environ["NGSP_DATA_DIR"]) / cli.LOG_NAME
    assert str(log) in err
    assert "RuntimeError: an internal detail" in log.read_text() and (log.stat().st_mode & 0o077) == 0
    assert cli.main(["--debug", "summary", str(f), "--no-snapshot"]) == 2  # the details on stderr too
    assert "RuntimeError: an internal detail" in capsys.readouterr().err
    assert cli.main(["summary", str(f), "--no-snapshot", "--debug"]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_summary_json_is_strict_for_amounts_out_of_range(tmp_path: Path) -> None:
    """1e308 amounts printed Infinity, which no JSON reader takes."""
    f = tmp_path / "t.xlsx"
    f.write_bytes(
        xlsx_bytes({"Funding": [["Funder", "Amount"], ["State", 1e308], ["Feds", 1e308], ["City", 5000]]})
    )
    r = _run("summary", str(f), "--as-of", "2025-01-01", "--json", "--no-snapshot")
    assert r.returncode == 0, r.stderr
    assert "Infinity" not in r.stdout and "NaN" not in r.stdout
    json.loads(r.stdout, parse_constant=lambda c: pytest.fail(f"not JSON: {c}"))


def test_strict_json_has_no_infinity_or_nan() -> None:
    from ngsp.cli import _strict

    assert json.dumps(_strict({"a": [float("inf"), 1.5, {"b": float("nan")}]}), allow_nan=False) == (
        '{"a": [null, 1.5, {"b": null}]}'
    )


@pytest.mark.parametrize("day", ["9999-12-31", "1600-01-01"])
def test_as_of_outside_the_years_read_is_refused_in_words(tmp_path: Path, day: str) -> None:
    f = tmp_path / "t.xlsx"
    f.write_bytes(xlsx_bytes({"Partners": [["Name", "Organization"], ["Ana Lopez", "Acme"]]}))
    r = _run("summary", str(f), "--as-of", day, "--no-snapshot")
    assert r.returncode == 2 and "outside the years ngsp reads" in r.stderr


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
