"""The Overview and the Data quality page say what ngsp may have misread before any figure (issue 13)."""

from __future__ import annotations

from builders import xlsx_bytes
from test_app import new_app, ok, upload, visit

FINE = [["Name", "Organization", "Partner Type"], ["Ana Lopez", "Acme Manufacturing", "Business"],
        ["Bo Chan", "Front Range Community College", "Public"]]  # fmt: skip


def test_the_overview_and_data_quality_pages_say_it_first(monkeypatch) -> None:
    from ngsp.figures import quality

    said = ["ngsp may have misread sheet 'Log': its organisation column holds only 'Business' and 'Public'."]
    monkeypatch.setattr(quality, "reading_warnings", lambda t: list(said))
    at = upload(new_app(), ("fine.xlsx", xlsx_bytes({"Partners": FINE})))
    ok(at, "overview")
    first = [w.value for w in at.warning if "may have misread this tracker" in w.value]
    assert first and "'Business' and 'Public'" in first[0]
    assert at.warning[0].value == first[0]  # before any other notice on the page
    visit(at, "data_quality")
    assert any("'Business' and 'Public'" in w.value for w in at.warning)
    monkeypatch.setattr(quality, "reading_warnings", lambda t: [])
    visit(at, "overview")
    assert not [w for w in at.warning if "may have misread" in w.value]
