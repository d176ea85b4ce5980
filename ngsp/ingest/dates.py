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

from ngsp.core import limits

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


def in_range(d: dt.date | None) -> dt.date | None:
    """The date if its year is one ngsp reads (limits.FIRST_YEAR..LAST_YEAR), else None.

    A typo such as 9999-12-31 or a year 1600 is no date a partnership meant, and pandas cannot hold it.
    """
    return d if d is not None and limits.FIRST_YEAR <= d.year <= limits.LAST_YEAR else None


def _mk(y: int, m: int, d: int) -> dt.date | None:
    try:
        return in_range(dt.date(y, m, d))
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
        return in_range(value.date())
    if isinstance(value, dt.date):
        return in_range(value)
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else in_range(value.date())
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
    return in_range(a.date())


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
_YR = r"(?:fy\s*|cy\s*)?('?\d{2}|\d{4})"  # a year as written: 2025, '25, 25, FY25
_PERIODS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.IGNORECASE), kind)
    for rx, kind in (
        # quarters: Q3 2024, Q2/25, Q2-25, 2024 Q3, 2025Q2, 3Q25, 3rd quarter 2025
        (rf"^q\s*([1-4])\s*[-/ ,']*\s*{_YR}$", "q"),
        (rf"^{_YR}\s*[-/ ,]*\s*q\s*([1-4])$", "yq"),
        (rf"^([1-4])\s*q\s*[-/ ,']*\s*{_YR}$", "q"),
        (rf"^([1-4])(?:st|nd|rd|th)\s+quarter\s*(?:of\s+)?[-/ ,']*\s*{_YR}$", "q"),
        (rf"^quarter\s*([1-4])\s*[-/ ,']*\s*{_YR}$", "q"),
        # halves: H1 2025, 1H 2025, first half of 2025, 2025 H2
        (rf"^h\s*([12])\s*[-/ ,']*\s*{_YR}$", "h"),
        (rf"^([12])\s*h\s*[-/ ,']*\s*{_YR}$", "h"),
        (rf"^{_YR}\s*[-/ ]*\s*h\s*([12])$", "yh"),
        (rf"^(first|second|1st|2nd)\s+half\s*(?:of\s+)?[-/ ,']*\s*{_YR}$", "h"),
        # parts of a year: mid-2025, early 2025, late 2025, year-end 2025, EOY 2025, end of year 2025
        (
            rf"^(early|mid|middle\s+of|late|end\s+of|eoy|year[\s\-]*end|end\s+of\s+year|yr[\s\-]*end|ye)\s*[-/ ,']*\s*{_YR}$",
            "part",
        ),
        (rf"^{_YR}\s*[-/ ]*\s*(year[\s\-]*end|eoy|ye)$", "ypart"),
        # seasons: Fall 2024, Spring '25
        (rf"^(spring|summer|fall|autumn|winter)\s*(?:of\s+)?[-/ ,']*\s*{_YR}$", "season"),
        # months: Sept '24, September 2024, Jan-Mar 2025 (the later month), 12/2025, 2025-12
        (rf"^(?:{_MON}\s*[-–/]\s*)?({_MON})[\s,\-/]*('?\d{{2}}|\d{{4}})$", "month"),
        (r"^(\d{1,2})[/\-.](\d{4})$", "nummonth"),
        (r"^(\d{4})[/\-.](\d{1,2})$", "yearmonth"),
        # a year: 2025, FY2025, end of 2025
        (r"^(?:fy\s*|cy\s*)?(\d{4})$|^(?:fy|cy)\s*'?(\d{2})$", "year"),
    )
)
# Without a year: the year comes from the caller (the plan's other due dates).
_YEARLESS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.IGNORECASE), kind)
    for rx, kind in (
        (r"^q\s*([1-4])$|^([1-4])(?:st|nd|rd|th)\s+quarter$|^quarter\s*([1-4])$", "q"),
        (r"^(?:h\s*([12])|([12])\s*h|(first|second)\s+half(?:\s+of\s+(?:the\s+)?year)?)$", "h"),
        (r"^(year[\s\-]*end|end\s+of\s+(?:the\s+)?year|eoy|ye|yr[\s\-]*end|end\s+of\s+year)$", "yearend"),
        (r"^(mid[\s\-]*year|midyear|mid\s+year)$", "midyear"),
        (r"^(spring|summer|fall|autumn|winter)$", "season"),
        (rf"^({_MON})$", "month"),
    )
)
# Seasons as the calendar's months have them (meteorological): spring ends in May, summer in August, fall in
# November; winter YYYY is the one that starts in December YYYY and ends in February.
_SEASONS = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11, "winter": 2}
_PARTS = {"early": 4, "mid": 6, "middle of": 6, "late": 12}  # early 2025 -> 30 April, mid -> 30 June
# Words around a due date that change nothing: "by", "due", "target:", "no later than" ...
_DUE_NOISE = re.compile(
    r"^(?:(?:by|due|before|target(?:ed)?|deadline|complete\s+by|no\s+later\s+than|nlt|est\.?|approx\.?|"
    r"around|~|in)\s*[:\-]?\s+)+|[.!]+$",
    re.IGNORECASE,
)

# "end of Q3 2025", "end of March": the period's end is the period's last day already.
_END_OF = re.compile(
    rf"^(?:the\s+)?end\s+of\s+(?:the\s+)?(?=q\s*[1-4]|[1-4]\s*q|h\s*[12]|[1-4](?:st|nd|rd|th)|{_MON})", re.I
)


def _month_end(y: int, m: int) -> dt.date | None:
    return in_range(dt.date(y, m, calendar.monthrange(y, m)[1])) if 1 <= y <= 9999 else None


def _period_end(kind: str, g: tuple, default_year: int | None) -> tuple[dt.date | None, str]:
    """The last day of a matched period, and its precision."""
    vals = [x for x in g if x is not None]
    if kind in ("q", "yq"):
        q, y = (vals[0], vals[1]) if kind == "q" else (vals[1], vals[0])
        return _month_end(_year(y), int(q) * 3), "quarter"
    if kind in ("h", "yh"):
        h, y = (vals[0], vals[1]) if kind == "h" else (vals[1], vals[0])
        first = h.lower() in ("1", "first", "1st")
        return _month_end(_year(y), 6 if first else 12), "half"
    if kind in ("part", "ypart"):
        part, y = (vals[0].lower(), vals[1]) if kind == "part" else (vals[1].lower(), vals[0])
        part = " ".join(part.split())
        if part in _PARTS:
            return _month_end(_year(y), _PARTS[part]), "part"
        return dt.date(_year(y), 12, 31), "year"
    if kind == "season":
        y = _year(vals[1])
        mon = _SEASONS[vals[0].lower()]
        return _month_end(y + (1 if mon == 2 else 0), mon), "season"
    if kind == "month":
        mon = _month(vals[0])
        return (_month_end(_year(vals[1]), mon), "month") if mon else (None, "")
    if kind in ("nummonth", "yearmonth"):
        mon, y = (int(vals[0]), int(vals[1])) if kind == "nummonth" else (int(vals[1]), int(vals[0]))
        return (_month_end(y, mon), "month") if 1 <= mon <= 12 and 1990 <= y <= 2100 else (None, "")
    if kind == "year":
        y = _year(vals[0])
        return (dt.date(y, 12, 31), "year") if 1990 <= y <= 2100 else (None, "")
    return None, ""


def _yearless_end(kind: str, g: tuple, year: int) -> tuple[dt.date | None, str]:
    vals = [x for x in g if x is not None]
    if kind == "q":
        return _month_end(year, int(vals[0]) * 3), "quarter"
    if kind == "h":
        return _month_end(year, 6 if vals[0].lower() in ("1", "first") else 12), "half"
    if kind == "yearend":
        return dt.date(year, 12, 31), "year"
    if kind == "midyear":
        return _month_end(year, 6), "part"
    if kind == "season":
        mon = _SEASONS[vals[0].lower()]
        return _month_end(year + (1 if mon == 2 else 0), mon), "season"
    mon = _month(vals[0])
    return (_month_end(year, mon), "month") if mon else (None, "")


def due_date(
    value: object, dayfirst: bool = False, default_year: int | None = None
) -> tuple[dt.date | None, str]:
    """A due date and its precision ('day', 'month', 'quarter', 'half', 'part', 'season', 'year', '' for none).

    A period ("Q3 2024", "Sept '24", "1H 2025", "mid-2025", "EOY 2025", "Fall 2024", "2025") is its last day;
    "ongoing", "TBD", "ASAP" or blank is no date. A period written without its year ("Q3", "year-end") takes
    ``default_year`` when given (the year of the plan's other due dates), else it is no date. A period outside
    the years ngsp reads ("Q3 9999", "end of 9999") is no date.
    """
    d, precision = _due_date(value, dayfirst, default_year)
    d = in_range(d)
    return (d, precision) if d is not None else (None, "")


# A timeline written as a range ("2025-02-10 - 2025-05-03", "3/1/2025 to 4/15/2025"): the work is due at its end.
_RANGE = re.compile(r"\s+(?:-|–|—|to|through|thru|until)\s+", re.I)


def _due_date(value: object, dayfirst: bool, default_year: int | None) -> tuple[dt.date | None, str]:
    if value is None:
        return None, ""
    if not isinstance(value, str):
        d = to_date(value, dayfirst)
        return (d, "day") if d else (None, "")
    text = " ".join(value.strip().split())
    parts = _RANGE.split(text)
    if len(parts) == 2:
        start, end = (_due_date(p, dayfirst, default_year) for p in parts)
        if start[0] is not None and end[0] is not None and end[0] >= start[0]:
            return end
    low = _END_OF.sub("", _DUE_NOISE.sub("", text.lower()).strip())
    if not low or low in NO_DATE_WORDS or low.rstrip(".") in NO_DATE_WORDS:
        return None, ""
    for rx, kind in _PERIODS:
        if m := rx.match(low):
            found = _period_end(kind, m.groups(), default_year)
            if found[0] is not None:
                return found
    d = to_date(text, dayfirst)
    if d is not None:
        return d, "day"
    if default_year is not None:
        for rx, kind in _YEARLESS:
            if m := rx.match(low):
                return _yearless_end(kind, m.groups(), default_year)
    return None, ""


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


# ---------------------------------------------------------------------------------------------------------
# Dates written without their year ("Tuesday, March 5", "3/5"), the year then known from elsewhere.
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)} | {
    d.lower(): i for i, d in enumerate(calendar.day_abbr)
}
_WEEKDAY = r"(?:(?P<wd>mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|urday|sday|rsday)?\.?,?\s+)?"
_MD_TEXT = re.compile(
    rf"\b{_WEEKDAY}(?P<mon>{_MON})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*'?\d{{2,4}})", re.I
)
_DM_TEXT = re.compile(
    rf"\b{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})\b(?!\s*,?\s*'?\d{{2,4}})",
    re.I,
)
_MD_NUM = re.compile(rf"(?<![\d/.\-])\b{_WEEKDAY}(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})(?![\d/.\-])", re.I)


def year_in(text: str) -> int | None:
    """A year a text names on its own ("2024 Q1", "FY24", "Sign-ins '25"), else None."""
    if m := re.search(r"(?<!\d)(19[9]\d|20\d\d)(?!\d)", text):
        return int(m.group(1))
    if m := re.search(r"(?:fy|cy|')\s*(\d{2})(?!\d)", text, re.IGNORECASE):
        return _year(m.group(1))
    return None


def find_date_without_year(
    text: str, years: Iterable[int], dayfirst: bool = False
) -> tuple[dt.date | None, str]:
    """A date written without its year inside a text ("Tuesday, March 5 — Quarterly meeting"), its year the
    first of ``years`` (the sheet's, the file's ...) that the weekday, when written, agrees with; and the rest."""
    years = list(dict.fromkeys(years))
    for rx in (_MD_TEXT, _DM_TEXT, _MD_NUM):
        m = rx.search(text)
        if not m:
            continue
        if rx is _MD_NUM:
            a, b = int(m.group("a")), int(m.group("b"))
            mon, day = (b, a) if (dayfirst or a > 12) else (a, b)
        else:
            mon, day = _month(m.group("mon")), int(m.group("day"))
        wd = _WEEKDAYS.get((m.group("wd") or "").lower()[:3]) if m.group("wd") else None
        for y in years:
            d = _mk(y, mon, day)
            if d is not None and (wd is None or d.weekday() == wd):
                rest = (text[: m.start()] + " " + text[m.end() :]).strip(" ,-–—:|")
                return d, " ".join(rest.split())
    return None, text


_DM_LABEL = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?[\s\-]+({_MON})(?![\s\-,]*\d)", re.IGNORECASE)
_MD_LABEL = re.compile(rf"\b({_MON})[\s\-]+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![\s\-,]*\d)", re.IGNORECASE)


def find_day_month(text: str, year: int) -> tuple[dt.date | None, str]:
    """A day and month written without a year ("14 Sept", "Sept 14th") as a date in the given year, and the
    text with it taken out; (None, text) when there is none."""
    for rx, day_first in ((_DM_LABEL, True), (_MD_LABEL, False)):
        m = rx.search(text)
        if m:
            day, mon = (m.group(1), m.group(2)) if day_first else (m.group(2), m.group(1))
            d = _mk(year, _month(mon), int(day))
            if d is not None:
                rest = (text[: m.start()] + " " + text[m.end() :]).strip()
                return d, " ".join(rest.split())
    return None, text
