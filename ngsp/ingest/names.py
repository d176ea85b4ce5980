"""Is this text a person's name or an organisation's? Evidence for reading a column by its values.

A person's name is parsed with nameparser (titles, credentials and suffixes set apart: "Dr. Lee Chan",
"Pat Ruiz, SPHR", "Lopez, Maria") and its first name looked up among the 46,000 given names that gender-guesser
lists; an organisation's name carries words organisations use ("Manufacturing", "Inc.", "College", "County") or
is tagged a corporation by probablepeople, a model trained on names of people and companies.
"""

from __future__ import annotations

import importlib.resources
import re
from functools import cache, lru_cache

import probablepeople
from nameparser import HumanName
from nameparser.config import CONSTANTS

from ngsp.ingest import vocab


@cache
def given_names() -> frozenset[str]:
    """First names, lower case, from gender-guesser's name dictionary (read once, about 0.2 s)."""
    data = (importlib.resources.files("gender_guesser") / "data" / "nam_dict.txt").read_bytes()
    out = set()
    for line in data.split(b"\n"):
        # "M  Aadam        ...": a gender code, then the name in columns 4-29, then counts by country.
        if len(line) > 30 and line[:1] != b"#":
            name = line[3:29].strip().decode("latin-1").lower()
            out.update(name.split("+"))  # "jin+soo": both parts are given names
    return frozenset(out)


# Words the name dictionary lists as given names that are far more often plain English ("In progress").
_NOT_GIVEN = frozenset(
    "in on at to of the an and or by for is it my no so up we us be do go me he she his her new not all one "
    "our out via per see tbd key note total will may june april august".split()
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


def _org_words(text: str) -> bool:
    h = f" {vocab.norm(text)} "
    return any(f" {w} " in h for w in vocab.ORG_NAME_WORDS) or any(
        f" {w} " in h for w in vocab.PUBLIC_NAME_WORDS if len(w) > 3
    )


@lru_cache(maxsize=1 << 15)
def name_kind(text: str) -> str | None:
    """'person', 'org', or None when the text is not plainly either ("Maria Lopez" / "Acme Mfg, Inc.")."""
    t = " ".join(text.split())
    if len(t) < 2 or len(t) > 80 or "@" in t or sum(ch.isdigit() for ch in t) > 2:
        return None
    words = _WORD.findall(t)
    if not words or len(words) > 8:
        return None
    if _org_words(t):
        return "org"
    h = HumanName(t)
    first = vocab.norm(h.first).split()
    if (
        first
        and first[0] in given_names()
        and first[0] not in _NOT_GIVEN
        and (h.last or len(words) == 1)
        and len(words) <= 5
    ):
        return "person"
    if len(words) == 1:
        return "org" if len(t) > 3 and t[0].isupper() else None  # "Vestas", "Woodward"
    long = [w for w in words[1:] if len(w) > 3]
    if words[0][0].isupper() and long and all(w[0].islower() for w in long):
        return None  # written as a sentence ("In progress", "Still to start"), not as a name
    try:
        _tags, kind = probablepeople.tag(t)
    except (probablepeople.RepeatedLabelError, ValueError, IndexError):
        return None
    return "org" if kind == "Corporation" else None


_SEPARATORS = re.compile(r"\s*(?:;|\n|\r|\s/\s)\s*")


def _credential(part: str) -> bool:
    """A credential or suffix written after a comma ("RN", "SPHR", "Jr."), which belongs to the name before it."""
    letters = part.strip().replace("-", "").replace(".", "")
    if letters.isalpha() and letters.isupper() and len(letters) <= 8:
        return True  # letters in capitals ("SHRM-CP", "PMP"): initials of a credential, not a name
    words = vocab.norm(part).replace(".", " ").split()
    return bool(words) and all(
        w in CONSTANTS.suffix_acronyms or w in CONSTANTS.suffix_not_acronyms for w in words
    )


def names_in_cell(text: str) -> list[str]:
    """The names one cell lists: "Ana Lopez; Bo Chan", one a line, or "Ana Lopez, Bo Chan". A comma may also
    set a credential apart ("Pat Ruiz, SPHR") or write a name surname first ("Nguyen, Jessica"): those stay one
    name."""
    parts = [p for p in _SEPARATORS.split(text.strip()) if p.strip()]
    if len(parts) > 1:
        return [" ".join(p.split()) for p in parts]
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    if len(pieces) <= 1 or all(len(p.split()) == 1 for p in pieces):
        return [" ".join(text.split())] if text.strip() else []
    out: list[str] = []
    for p in pieces:
        if out and _credential(p):
            out[-1] = f"{out[-1]}, {p}"
        else:
            out.append(" ".join(p.split()))
    return out
