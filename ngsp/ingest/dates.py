"""Dates as conveners write them: Excel dates, text in many formats, dates inside labels, and periods.

Numeric dates are month-first (United States) unless the tracker shows day-first; the caller passes
``dayfirst`` for the whole tracker (see ``tracker_is_dayfirst``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd
from dateutil import parser as dparser

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS.update({"sept": 9, "june": 6, "july": 7})
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_NUM = re.compile(r"(?<![\d/.\-])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?![\d/.\-])")
_MDY_TEXT = re.compile(rf"\b({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}|'\d{{2}})\b", re.IGNORECASE)
_DMY_TEXT = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?[\s\-]+({_MON})[\s\-,]+(\d{{4}}|\d{{2}})\b", re.IGNORECASE
)
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _year(y: str) -> int:
    y = y.lstrip("'")
    n = int(y)
    return n + 2000 if len(y) <= 2 and n < 70 else (n + 1900 if len(y) <= 2 else n)


def _mk(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month(word: str) -> int:
    return _MONTHS.get(word.lower().rstrip("."), 0) or _MONTHS.get(word.lower()[:3], 0)


@lru_cache(maxsize=8192)
def find_date(text: str, dayfirst: bool = False) -> tuple[dt.date | None, str]:
    """The first full date written inside a text, and the text with it taken out."""
    for rx, kind in ((_ISO, "iso"), (_MDY_TEXT, "mdy"), (_DMY_TEXT, "dmy"), (_NUM, "num")):
        m = rx.search(text)
        if not m:
            continue
        a, b, c = m.groups()
        if kind == "iso":
            d = _mk(int(a), int(b), int(c))
        elif kind == "mdy":
            d = _mk(_year(c), _month(a), int(b))
        elif kind == "dmy":
            d = _mk(_year(c), _month(b), int(a))
        else:
            x, y, yr = int(a), int(b), _year(c)
            d = _mk(yr, y, x) if (dayfirst or x > 12) else _mk(yr, x, y)
            if d is None:
                d = _mk(yr, y, x) if not dayfirst else _mk(yr, x, y)
        if d is not None:
            rest = (text[: m.start()] + " " + text[m.end() :]).strip()
            # Drop a weekday name left over ("Wednesday, May 8, 2024").
            rest = re.sub(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b,?", " ", rest, flags=re.IGNORECASE)
            return d, " ".join(rest.split())
    return None, text


def excel_serial(x: float) -> dt.date | None:
    """An Excel serial day number (1900 system) as a date, if plausible (years 1990..2100)."""
    if 32874 <= x <= 73051:
        return _EXCEL_EPOCH + dt.timedelta(days=int(x))
    return None


def to_date(value: object, dayfirst: bool = False) -> dt.date | None:
    """A full calendar date from a cell (date, datetime, Excel serial or text), else None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return excel_serial(float(value))
    text = str(value).strip()
    if not text or len(text) > 80:
        return None
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return excel_serial(float(text))
    d, _ = find_date(text, dayfirst)
    if d is not None:
        return d
    return _dateutil_full(text, dayfirst)


@lru_cache(maxsize=4096)
def _dateutil_full(text: str, dayfirst: bool) -> dt.date | None:
    """dateutil's reading of a text, only when the text gives a year, a month and a day."""
    if not re.search(r"\d", text) or not re.search(r"\d{2,4}", text):
        return None
    try:
        a = dparser.parse(text, dayfirst=dayfirst, default=dt.datetime(1904, 1, 1), fuzzy=False)
        b = dparser.parse(text, dayfirst=dayfirst, default=dt.datetime(1908, 2, 2), fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return None
    if a != b:  # some part (year, month or day) was missing
        return None
    return a.date()


# ---------------------------------------------------------------------------------------------------------
# Periods: the due dates of action plans.
NO_DATE_WORDS = (
    "ongoing",
    "on going",
    "tbd",
    "tba",
    "n/a",
    "na",
    "none",
    "continuous",
    "as needed",
    "rolling",
    "asap",
    "to be determined",
    "open",
    "various",
    "annual",
    "annually",
    "quarterly",
    "monthly",
    "every meeting",
    "continual",
    "recurring",
)
_Q1 = re.compile(r"^(?:q|quarter\s*)([1-4])\s*[-/ ,']*\s*(?:fy\s*)?('?\d{2}|\d{4})$", re.IGNORECASE)
_Q2 = re.compile(r"^(?:fy\s*)?(\d{4}|'?\d{2})\s*[-/ ,]*\s*(?:q|quarter\s*)([1-4])$", re.IGNORECASE)
_H = re.compile(
    r"^(?:h|half\s*)([12])\s*[-/ ,']*\s*(\d{4}|'?\d{2})$|^(\d{4})\s*[-/ ]*\s*h([12])$", re.IGNORECASE
)
_MY = re.compile(
    rf"^(?:end\s+of\s+|by\s+|late\s+|mid\s+)?({_MON})[\s,\-/]*('?\d{{2}}|\d{{4}})$", re.IGNORECASE
)
_NUM_MY = re.compile(r"^(\d{1,2})[/\-.](\d{4})$")
_YEAR = re.compile(r"^(?:end\s+of\s+|by\s+|fy\s*|cy\s*)?(\d{4})$", re.IGNORECASE)
_SEASONS = {"spring": 6, "summer": 9, "fall": 12, "autumn": 12, "winter": 3}
_SEASON = re.compile(r"^(spring|summer|fall|autumn|winter)\s*('?\d{2}|\d{4})$", re.IGNORECASE)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def due_date(value: object, dayfirst: bool = False) -> tuple[dt.date | None, str]:
    """A due date and its precision ('day', 'month', 'quarter', 'half', 'year', '' for none).

    A period ("Q3 2024", "Sept '24", "2025") is its last day; "ongoing", "TBD" or blank is no date.
    """
    if value is None:
        return None, ""
    if not isinstance(value, str):
        d = to_date(value, dayfirst)
        return (d, "day") if d else (None, "")
    text = " ".join(value.strip().split())
    low = text.lower().rstrip(".")
    if not low or low in NO_DATE_WORDS:
        return None, ""
    if m := _Q1.match(low):
        y, q = _year(m.group(2)), int(m.group(1))
        return _month_end(y, q * 3), "quarter"
    if m := _Q2.match(low):
        y, q = _year(m.group(1)), int(m.group(2))
        return _month_end(y, q * 3), "quarter"
    if m := _H.match(low):
        h, y = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        return _month_end(_year(y), 6 if h == "1" else 12), "half"
    if m := _MY.match(low):
        mon = _month(m.group(1))
        if mon:
            return _month_end(_year(m.group(2)), mon), "month"
    if m := _NUM_MY.match(low):
        mon, y = int(m.group(1)), int(m.group(2))
        if 1 <= mon <= 12:
            return _month_end(y, mon), "month"
    if m := _YEAR.match(low):
        y = int(m.group(1))
        if 1990 <= y <= 2100:
            return dt.date(y, 12, 31), "year"
    if m := _SEASON.match(low):
        y = _year(m.group(2))
        mon = _SEASONS[m.group(1).lower()]
        return _month_end(y + (1 if mon == 3 else 0), mon), "season"
    d = to_date(text, dayfirst)
    return (d, "day") if d else (None, "")


_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?!\d)")


def tracker_is_dayfirst(texts: Iterable[str]) -> bool:
    """True when the tracker writes numeric dates day-first (some first number above 12, none second)."""
    first_big = second_big = 0
    for t in texts:
        for m in _NUMERIC_DATE.finditer(t):
            a, b = int(m.group(1)), int(m.group(2))
            if a > 12 >= b:
                first_big += 1
            elif b > 12 >= a:
                second_big += 1
    return first_big > 0 and first_big > second_big


def quarter_key(d: dt.date) -> str:
    """'2024Q3' for a date in July-September 2024."""
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"
