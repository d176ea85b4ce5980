"""One organisation however it is spelled; two organisations stay two."""

from __future__ import annotations

from ngsp.ingest.identity import clean_person_name, match_organisations, org_key, person_key


def _same(a: str, b: str) -> bool:
    g, _ = match_organisations([a, b])
    return g[a] == g[b]


def test_spellings_of_one_organisation() -> None:
    assert _same("Granite Fabrication Inc.", "granite  fabrication")
    assert _same("Riverbend Tool & Die", "Riverbend Tool and Die, LLC")
    assert _same("Acme Mfg", "ACME Manufacturing Co.")
    assert _same("St. Luke's Medical Center", "Saint Lukes Medical Center")
    assert _same("Columbine Home Health, LLC", "Columbine Home Health Co.")
    assert _same("Beacon Composites", "Beacon Compsites")  # one letter dropped


def test_different_organisations_stay_apart() -> None:
    assert not _same("Summit Machining", "Summit Manufacturing")
    assert not _same("Columbine Hospice", "Columbine Hospital")
    assert not _same("Good Samaritan Hospice", "Good Samaritan Home Health")
    assert not _same("District 11", "District 12")


def test_acronym_joins_the_name_it_abbreviates() -> None:
    assert _same("NCWDB", "Northern Colorado Workforce Development Board")


def test_org_key_is_stable() -> None:
    assert org_key("The Acme Corp.") == org_key("acme") == "acme"


def test_person_names() -> None:
    assert clean_person_name("Smith, Maria") == "Maria Smith"
    assert clean_person_name("MARIA  SMITH") == "Maria Smith"
    assert person_key(" smith,  maria ") == person_key("Maria Smith")


def test_names_in_letters_without_accents_to_shed_keep_their_key() -> None:
    # NFKD folding used to drop letters such as Ł, Đ, Cyrillic or Chinese, leaving an empty key: the same person
    # on two rows became two people, and such organisations had no name to match on.
    for name in ("Олег Петров", "王伟", "Đ", "Łukasz Nowak"):
        assert person_key(name)
        assert org_key(name)
    assert person_key("Олег Петров") == person_key("ОЛЕГ ПЕТРОВ") != person_key("Олег Иванов")
    assert person_key("José Núñez") == person_key("Jose Nunez")


def test_a_person_named_in_cyrillic_is_one_person_at_every_meeting() -> None:
    import datetime as dt

    from builders import load

    rows = [["Date", "Meeting", "Name", "Organization"]]
    for month in (1, 4, 7):
        rows += [
            [dt.date(2025, month, 10), "Full partnership", "Олег Петров", "Завод Восток"],
            [dt.date(2025, month, 10), "Full partnership", "王伟", "Acme Tool"],
        ]
    t = load({"Attendance": rows})
    assert len(t.people) == 2
    assert len(t.organizations) == 2
    assert len(t.attendance) == 6
