"""Times in attendance reports: date-times in the downloader's locale, clock times and durations.

Meeting platforms write date-times as the downloader's locale does ("9/14/2020, 9:58:12 AM", "15/11/22,
09:30:17", "18.02.2022 09:58", "2023/09/14 10:02:11 AM GMT+1", "Mar 22, 2025 19:13:27"), with no time zone;
an Excel re-save shortens them ("9/24/20 13:30") or turns them into date cells. Whether 3/5 is March or May is
settled once per file (``settle_order``): a day above 12 anywhere in it, else the way the file writes its
times. Durations come as minutes (Zoom), "1h 2m 3s" (Teams), "1 hr 2 min" or "30 sec" (Meet), localised
units or a clock ("0:45:12"); one that cannot be read is unknown (None), never 0.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateutil import parser as dparser

from ngsp.ingest.dates import _year

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
# day/month/year in some order, then perhaps a time; "," or "T" between; AM/PM in any spelling; a zone.
_NUMERIC = re.compile(
    r"^(\d{1,4})([/.\-])(\d{1,2})\2(\d{1,4})\.?"
    r"(?:[,\sT]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?)?"
    r"\s*(?:([ap])\.?\s?m\.?)?"
    r"\s*(?:z|(?:gmt|utc|[a-z]{2,5})?\s*[+\-]\d{1,2}(?::?\d{2})?|gmt|utc|[a-z]{2,5}t)?$",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(?:([ap])\.?\s?m\.?)?$", re.IGNORECASE)
_MONTH_WORD = re.compile(r"[a-z]{3}", re.IGNORECASE)

ORDERS = ("mdy", "dmy", "ymd")


@dataclass(frozen=True)
class Parts:
    """A numeric date-time as written: its three date numbers, separator, clock and AM/PM."""

    a: str
    b: str
    c: str
    sep: str
    hour: int | None
    minute: int | None
    second: int | None
    ampm: str  # "a", "p" or ""
    comma: bool  # a comma between the date and the time (Teams' own files; Excel drops it)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1 << 14)
def parts(text: str) -> Parts | None:
    """The pieces of a numeric date-time ("9/14/2020, 9:58:12 AM"), or None when it is not one."""
    s = _clean(text)
    m = _NUMERIC.match(s)
    if not m:
        return None
    a, sep, b, c, hh, mm, ss, ap = m.groups()
    if len(b) > 2 or (len(a) > 2 and len(c) > 2) or (len(a) not in (1, 2, 4)) or len(c) not in (1, 2, 4):
        return None
    return Parts(
        a,
        b,
        c,
        sep,
        int(hh) if hh is not None else None,
        int(mm) if mm is not None else None,
        int(ss) if ss is not None else None,
        (ap or "").lower(),
        "," in s[: m.start(5)] if hh is not None else False,
    )


def order_evidence(p: Parts) -> str | None:
    """The order a date-time's own numbers prove ('mdy', 'dmy', 'ymd'), or None when they fit more than one."""
    a, b = int(p.a), int(p.b)
    if len(p.a) == 4:
        return "ymd"
    if len(p.c) == 4 or int(p.c) > 31:
        if a > 12 >= b:
            return "dmy"
        if b > 12 >= a:
            return "mdy"
        return None
    if a > 31:
        return "ymd"  # "22/7/11": a year first (Japanese)
    if a > 12 >= b:
        return "dmy"
    if b > 12 >= a:
        return "mdy"
    return None


def style_order(p: Parts, dayfirst: bool, native: bool = False) -> tuple[str, bool]:
    """The order a file's way of writing times suggests when no number settles it, and whether the way is the
    telling kind: dots are European and day-first; AM/PM is the United States'; a date followed by a comma and a
    24-hour clock is a day-first Teams locale's; a platform's own clock with seconds and no comma is Zoom's
    month-first (``native``: the file is a meeting platform's). Anything else, an Excel re-save above all, is
    written as the convener's own tracker writes dates (``dayfirst``), a guess."""
    if len(p.a) == 4:
        return "ymd", True
    if p.sep == ".":
        return "dmy", True
    if p.ampm:
        return "mdy", True
    if p.comma and p.hour is not None:
        return "dmy", True
    if native and p.second is not None:
        return "mdy", True
    return ("dmy" if dayfirst else "mdy"), False


@dataclass(frozen=True)
class Order:
    """How a file writes its dates: the order, and whether the file proves it (a day above 12) or its way of
    writing tells it; when neither, the order is a guess and the other reading stays possible."""

    order: str
    settled: bool
    told: bool = False

    @property
    def guess(self) -> bool:
        return not (self.settled or self.told)


def settle_order(values, dayfirst: bool = False, native: bool = False) -> Order:
    """The date order of a file's date-times: proven by a number (a day above 12) when any proves one, else
    the one its writing style suggests (``style_order``). Values that are no numeric date-time are skipped."""
    votes = {o: 0 for o in ORDERS}
    styles: dict[tuple[str, bool], int] = {}
    for v in values:
        if not isinstance(v, str):
            continue
        p = parts(v)
        if p is None:
            continue
        e = order_evidence(p)
        if e:
            votes[e] += 1
        s = style_order(p, dayfirst, native)
        styles[s] = styles.get(s, 0) + 1
    md = {o: votes[o] for o in ("mdy", "dmy")}
    if md["mdy"] or md["dmy"]:
        return Order(max(md, key=md.__getitem__), True, True)
    if styles:
        order, told = max(styles, key=styles.__getitem__)
        return Order(order, False, told)
    return Order("dmy" if dayfirst else "mdy", False)


def _build(p: Parts, order: str) -> dt.datetime | None:
    if len(p.a) == 4:
        order = "ymd"
    a, b, c = p.a, p.b, p.c
    if order == "ymd":
        y, mo, d = _year(a), int(b), int(c)
    elif order == "dmy":
        d, mo, y = int(a), int(b), _year(c)
    else:
        mo, d, y = int(a), int(b), _year(c)
    hour = p.hour or 0
    if p.ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if p.ampm == "p" else 0)  # %I with AM/PM: 12 AM is midnight, 12 PM is noon
    try:
        return dt.datetime(y, mo, d, hour, p.minute or 0, p.second or 0)
    except ValueError:
        return None


def to_datetime(value: object, order: str = "mdy") -> dt.datetime | None:
    """A date-time from a cell: a date cell, or text read in the file's order (the other order when that one
    gives no valid date, as a 13th month would); None when it holds no date."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    s = _clean(value)
    if not s or len(s) > 60:
        return None
    p = parts(s)
    if p is not None:
        got = _build(p, order)
        if got is None:
            other = {"mdy": "dmy", "dmy": "mdy"}.get(order)
            got = _build(p, other) if other else None
        return got
    if _MONTH_WORD.search(s) and re.search(r"\d", s):
        return _dateutil(s)
    return None


def alternative(value: object, order: str) -> dt.datetime | None:
    """The same text read in the other day/month order, when that gives another valid date (else None)."""
    if not isinstance(value, str) or order not in ("mdy", "dmy"):
        return None
    p = parts(value)
    if p is None or len(p.a) == 4:
        return None
    a = _build(p, order)
    b = _build(p, "dmy" if order == "mdy" else "mdy")
    return b if (a and b and a.date() != b.date()) else None


@lru_cache(maxsize=4096)
def _dateutil(text: str) -> dt.datetime | None:
    """dateutil's reading of a date-time with a month's name ("Mar 22, 2025 19:13:27"), when it names a full date."""
    text = re.sub(r"\b(gmt|utc)\s*[+\-]\d{1,2}(:?\d{2})?\b", "", text, flags=re.IGNORECASE)
    try:
        a = dparser.parse(text, default=dt.datetime(1904, 1, 1), fuzzy=False)
        b = dparser.parse(text, default=dt.datetime(1908, 2, 2), fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.date() != b.date():
        return None
    return a.replace(tzinfo=None)


def clock(value: object) -> dt.time | None:
    """A time of day with no date ("1:58 PM", "1:58\u202fPM", "13:58", a time cell), else None."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.time):
        return value.replace(tzinfo=None)
    if not isinstance(value, str):
        return None
    m = _CLOCK.match(_clean(value))
    if not m:
        return None
    h, mi, se, ap = m.groups()
    h = int(h)
    if ap:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ap.lower() == "p" else 0)
    try:
        return dt.time(h, int(mi), int(se or 0))
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------------------
# Durations.
_UNITS = {
    "hours": (
        "h", "hr", "hrs", "hour", "hours", "godz", "godzina", "godziny", "godzin", "std", "stunde", "stunden",
        "uur", "ora", "ore", "heure", "heures", "hora", "horas", "時間", "小时", "小時", "시간", "ชั่วโมง", "ч", "час",
    ),
    "minutes": (
        "m", "min", "mins", "minute", "minutes", "minuten", "minuta", "minuty", "minut", "minuto", "minutos",
        "minuti", "分", "分钟", "分鐘", "분", "นาที", "мин",
    ),
    "seconds": (
        "s", "sec", "secs", "second", "seconds", "sek", "sekunde", "sekunden", "sekunda", "sekundy", "sekund",
        "seg", "segundo", "segundos", "seconde", "secondes", "secondi", "秒", "초", "วินาที", "с", "сек",
    ),
}  # fmt: skip
_UNIT_OF = {u: k for k, us in _UNITS.items() for u in us}
_FACTOR = {"hours": 60.0, "minutes": 1.0, "seconds": 1 / 60}
_PIECE = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\d\s.,]+)\.?\s*")
_HMS = re.compile(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$")


def minutes(value: object, per: str = "minutes") -> float | None:
    """A duration in minutes: a number in the column's unit (``per``: "minutes", "seconds" or "hours"),
    "1h 2m 3s", "1 hr 2 min", "30 sec", "1 godz. 5 min", "0:45:12" or a time cell; None when it cannot be read."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) * _FACTOR[per] if value == value and value >= 0 else None
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 60
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute + value.second / 60
    if not isinstance(value, str):
        return None
    s = _clean(value).lower()
    if not s:
        return None
    if re.fullmatch(r"\d+(?:[.,]\d+)?", s):
        return float(s.replace(",", ".")) * _FACTOR[per]
    m = _HMS.match(s)
    if m:
        h, mi, se = m.groups()
        return int(h) * 60 + int(mi) + int(se or 0) / 60
    total, pos = 0.0, 0
    for pm in _PIECE.finditer(s):
        if pm.start() != pos:
            return None
        unit = _UNIT_OF.get(pm.group(2).rstrip("."))
        if unit is None:
            return None
        total += float(pm.group(1).replace(",", ".")) * _FACTOR[unit]
        pos = pm.end()
    return total if pos and pos == len(s) else None


def unit_of_header(header: str) -> str:
    """The unit a duration column's header names ("Duration (Minutes)", "Dauer (Sekunden)"); minutes if none."""
    h = header.lower()
    if re.search(r"\b(sec|secs|seconds|sekunden|segundos|secondes)\b|秒", h):
        return "seconds"
    if re.search(r"\b(hours|hrs|stunden|heures|horas)\b", h):
        return "hours"
    return "minutes"
