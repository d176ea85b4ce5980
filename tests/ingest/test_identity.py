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


def test_credentials_titles_and_suffixes_do_not_make_another_person() -> None:
    assert person_key("Pat Ruiz, SPHR") == person_key("Pat Ruiz") == person_key("Ruiz, Pat")
    assert person_key("Dr. Lee Chan") == person_key("Lee Chan") == person_key("Lee Chan, Ph.D.")
    assert person_key("Sam Ortiz Jr.") == person_key("Sam Ortiz, Jr.") == person_key("Ortiz, Sam Jr.")
    assert person_key("Sam Ortiz Jr.") != person_key("Sam Ortiz Sr.")  # father and son
    assert (
        person_key("Tom Okafor (External)") == person_key("Okafor, Tom (Guest)") == person_key("Tom Okafor")
    )
    assert person_key("Maria Smith") != person_key("Pat Smith")
    # A first name after the comma is a first name, not a credential.
    assert clean_person_name("Ruiz, Pat") == "Pat Ruiz"
    assert clean_person_name("SMITH, MARIA") == "Maria Smith"


def test_a_middle_initial_or_a_suffix_is_one_person_unless_something_tells_them_apart() -> None:
    from builders import load

    rows = [
        ["Name", "Organization", "Email"],
        ["Maria Smith", "Acme Tool", ""],
        ["Maria J. Smith", "Acme Tool", "maria@acme.example.com"],
        ["Sam Ortiz Jr.", "Beta Works", ""],
        ["Sam Ortiz", "Beta Works", ""],
        ["John A. Smith", "Gamma Co", ""],
        ["John B. Smith", "Gamma Co", ""],
        ["Pat Ruiz, SPHR", "Delta Health", ""],
        ["Ruiz, Pat", "Delta Health", ""],
    ]
    t = load({"Roster": rows})
    assert len(t.people) == 5
    assert set(t.people["email"]) == {"maria@acme.example.com", ""}
    assert {n.split()[0] for n in t.people["name"]} == {"Maria", "Sam", "John", "Pat"}
    assert {"John A. Smith", "John B. Smith"} <= set(t.people["name"])


def test_abbreviated_organisation_names_join_their_full_spelling() -> None:
    assert _same("Natl Tooling Institute", "National Tooling Institute")
    assert _same("Cmty College of Denver", "Community College of Denver")
    assert _same("Ortiz Bros.", "Ortiz Brothers")
    assert _same("Front Range Inst. of Technology", "Front Range Institute of Technology")
    assert _same("Summit Mach. Works", "Summit Machining Works")  # a word cut short with a period
    assert _same("Pikes Peak Reg. Hospital", "Pikes Peak Regional Hospital")
    assert _same("Harmony Reg'l Hospital", "Harmony Regional Hospital")  # cut short with an apostrophe
    assert _same("Fox Valley Cmty College", "Fox Valley Community College")  # no vowel: a word's skeleton
    assert _same("Acme Svcs", "Acme Services")
    assert _same(
        "Red Fox Tech.", "Red Fox Technologies"
    )  # "Tech" stands for several words: the one written out
    assert _same("Pikes Peak Tech College", "Pikes Peak Technical College")
    assert _same("Keysto. Precision", "Keystone Prec.")  # two spellings, each cutting a different word short


def test_two_cut_spellings_join_each_other_only_when_no_spelling_writes_the_name_out() -> None:
    g, _ = match_organisations(["Keysto. Precision", "Keystone Prec.", "Keystone Precision"])
    assert len(set(g.values())) == 1
    g, _ = match_organisations(["Cres. Coatings", "Cres. Welding"])
    assert len(set(g.values())) == 2  # a different word is a different firm
    g, _ = match_organisations(["Red Fox Tech.", "Red Fox Technologies", "Red Fox Technical"])
    assert len(set(g.values())) == 3  # "Tech." could be either: no evidence, no merge


def test_a_word_cut_short_never_joins_two_different_firms() -> None:
    assert not _same("Summit Machining", "Summit Manufacturing")
    assert not _same("Pikes Peak Reg. Hospital", "Pikes Peak Medical Hospital")
    assert not _same("Prairie Pets", "Prairie Pediatrics")  # a word in full is no cut, though its letters fit
    assert not _same("YMCA of Denver", "Young Mens Christian Association of Denver Metro")
    g, _ = match_organisations(["Summit Mach. Works", "Summit Machining Works", "Summit Machine Works"])
    assert len(set(g.values())) == 3  # "Mach." could be either: no evidence, no merge


def test_a_cut_word_joins_a_name_whose_spellings_are_a_typo_apart_and_the_full_spelling_is_shown() -> None:
    from collections import Counter

    from ngsp.ingest.identity import display_name

    g, _ = match_organisations(["Parker Bros Intera.", "Parker Bros Interactive", "Parker Bros Inteeractive"])
    assert len(set(g.values())) == 1  # the two candidates are one organisation already
    assert display_name(Counter({"Bedrock Intera.": 6, "Bedrock Interactive": 4})) == "Bedrock Interactive"
    assert display_name(Counter({"Acme Inc.": 6, "Acme Inc": 4})) == "Acme Inc."
