"""The people of one report, each once however many times they joined, and how they become records.

Rows name a person by e-mail, Teams sign-in (UPN) or display name; rows alike in any of these (a rejoin, a
renamed device with the same address) are one attendee. Each attendee becomes one person row (matched to the
roster when the tracker is built) and one attendance record carrying the minutes present, so a minimum can be
applied at build time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ngsp.ingest.identity import person_key, strip_platform_tags
from ngsp.ingest.rows import EMAIL, Extracted

NOT_ADDRESSES = frozenset({"anonymous", "anonym", "anonyme", "anonimo", "n/a", "none", "-"})


def address(v: object) -> str:
    """An e-mail address from a cell, lower case ("" when the cell holds none, or "anonymous")."""
    if not isinstance(v, str):
        return ""
    s = v.strip().lower()
    return s if s not in NOT_ADDRESSES and EMAIL.fullmatch(s) else ""


@dataclass
class Attendee:
    name: str
    email: str
    upn: str
    row: int  # 0-based row where first seen
    org: str = ""
    rows: list[int] = field(default_factory=list)
    sessions: int = 0
    minutes: float | None = 0.0  # None once any session's length is unknown
    first: dt.datetime | None = None
    role: str = ""

    def add_minutes(self, m: float | None) -> None:
        if self.minutes is not None:
            self.minutes = None if m is None else self.minutes + m

    def add_time(self, t: dt.datetime | None) -> None:
        if t is not None and (self.first is None or t < self.first):
            self.first = t


@dataclass
class Attendees:
    """The distinct people of one report (or one meeting of a form)."""

    people: list[Attendee] = field(default_factory=list)
    by_key: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def keys(name: str, email: str, upn: str) -> list[str]:
        out = [f"e:{e}" for e in (email, upn) if e]
        k = person_key(strip_platform_tags(name)) if name else ""
        if k:
            out.append(f"n:{k}")
        return out

    def _find(self, name: str, email: str, upn: str) -> int | None:
        """The attendee these cells name: by address first; by name only when the addresses do not differ."""
        for k in self.keys(name, email, upn):
            n = self.by_key.get(k)
            if n is None:
                continue
            a = self.people[n]
            if k.startswith("n:") and email and a.email and a.email != email:
                continue  # two people of one name, told apart by their addresses
            return n
        return None

    def add(self, name: str, email: str, upn: str, row: int, org: str = "") -> tuple[Attendee, bool]:
        """The attendee of a row, and whether they are new."""
        n = self._find(name, email, upn)
        if n is None:
            n = len(self.people)
            a = Attendee(name, email, upn, row, org)
            self.people.append(a)
        else:
            a = self.people[n]
            a.name = a.name or name
            a.email = a.email or email
            a.upn = a.upn or upn
            a.org = a.org or org
        for k in self.keys(name, email, upn):
            self.by_key.setdefault(k, n)
        a.rows.append(row)
        return a, len(a.rows) == 1

    def known(self, name: str, email: str, upn: str) -> bool:
        return self._find(name, email, upn) is not None


def emit(
    ex: Extracted,
    file: str,
    sheet: str,
    report: str,
    people: list[Attendee],
    meeting: dict,
) -> None:
    """One person row and one attendance record per attendee."""
    for a in people:
        where = {"source_file": file, "source_sheet": sheet, "source_row": a.row + 1}
        ex.people.append(
            {
                "name": a.name,
                "email": a.email,
                "org": a.org,
                "org_type_text": "",
                "section_type": "",
                "title": "",
                "phone": "",
                "role": "",
                "extra": "",
                "report": report,
                "upn": a.upn,
                **where,
            }
        )
        ex.attendance.append(
            {
                "person": len(ex.people) - 1,
                "meeting": meeting,
                "minutes": a.minutes,
                "report": report,
                "report_role": a.role,
                **where,
            }
        )
