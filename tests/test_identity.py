"""One organisation however it is spelled; two organisations stay two."""

from __future__ import annotations

from ngsp.identity import clean_person_name, match_organisations, org_key, person_key


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
