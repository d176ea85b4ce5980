"""What the marks of an attendance sheet mean, when the sheet says so: a legend ("Key: A = attended, R = regrets",
"● present / ○ absent", "Green = came", or a mark a line with its meaning in the next cell) anywhere on the sheet,
above, under or beside the table."""

from __future__ import annotations

import re

from ngsp.ingest import vocab
from ngsp.ingest.detect.table import cell_text

LEGEND_SCAN_ROWS = 60  # rows from the top and from the bottom of a sheet where a legend is looked for
LEGEND_MAX_LENGTH = 300  # a cell longer than this is a note, not a legend

# A legend's entries are separated by , ; | / or wide spaces; each is a mark of one to four characters (or a
# colour word), perhaps "=", ":" or a dash, then what it means: "A = attended", "● present", "Green: came".
_SPLIT = re.compile(r"\s*[,;|/]\s*|\s{2,}")
_PREFIX = re.compile(r"^\s*(?:key|legend|marks|codes?|attendance key)\s*[:\-–—]?\s*", re.IGNORECASE)
_ENTRY = re.compile(
    r"^(?P<mark>[^\s=:]{1,4}|[A-Za-z]{3,8})\s*(?:=|:|–|—|-|→)?\s*(?P<meaning>[A-Za-z][A-Za-z '\-]{1,28})$"
)
# Words a legend uses for "was there" and "was not".
_MEANS_PRESENT = ("attended", "present", "here", "in person", "virtual", "online", "remote", "came", "attending",
                  "participated", "joined", "yes", "late", "partial", "zoom", "phone", "in attendance")  # fmt: skip
_MEANS_ABSENT = ("absent", "regrets", "excused", "no show", "did not attend", "not present", "declined", "no",
                 "missed", "sent regrets", "cancelled", "not attending", "unable", "away", "apology", "apologies",
                 "not attended", "didn't attend", "invited")  # fmt: skip


def meaning(text: str) -> bool | None:
    """True for words meaning present, False for absent, None otherwise."""
    h = vocab.norm(text)
    for w in sorted(_MEANS_ABSENT, key=len, reverse=True):
        if h == w or h.startswith(w + " "):
            return False
    for w in sorted(_MEANS_PRESENT, key=len, reverse=True):
        if h == w or h.startswith(w + " "):
            return True
    return None


def legend_entries(text: str) -> dict[str, bool]:
    """{mark (normalised): present?} from one cell's text; empty when it is no legend."""
    out: dict[str, bool] = {}
    for part in _SPLIT.split(_PREFIX.sub("", text.strip())):
        m = _ENTRY.match(part.strip())
        if not m:
            continue
        present = meaning(m.group("meaning"))
        if present is not None:
            out[m.group("mark").lower()] = present
    return out


def legend_pair(row: list[object]) -> dict[str, bool]:
    """{mark: present?} of a row holding a mark and its meaning in two cells ("IP | in person"), else empty."""
    cells = [v for v in row if v is not None and not (isinstance(v, str) and not v.strip())]
    if len(cells) != 2 or not all(isinstance(v, str) for v in cells) or len(cells[0].strip()) > 8:
        return {}
    found = legend_entries(f"{cell_text(cells[0])} = {cell_text(cells[1])}")
    return found if len(found) == 1 else {}


def sheet_legend(rows: list[list[object]]) -> dict[str, bool]:
    """Every mark a legend on the sheet explains; a mark explained twice keeps its first meaning."""
    picked = list(range(min(LEGEND_SCAN_ROWS, len(rows))))
    picked += [i for i in range(max(len(rows) - LEGEND_SCAN_ROWS, 0), len(rows)) if i >= LEGEND_SCAN_ROWS]
    out: dict[str, bool] = {}
    pairs: dict[str, bool] = {}  # a mark a line, its meaning in the next cell ("IP | in person")
    for i in picked:
        pairs.update(legend_pair(rows[i]))
        for v in rows[i]:
            if not isinstance(v, str) or len(v) > LEGEND_MAX_LENGTH or not any(ch in v for ch in "=:–—-/→ "):
                continue
            text = "  ".join(line.strip() for line in v.strip().splitlines())  # wide spaces part entries
            found = legend_entries(text)
            # One entry alone ("Notes: late arrival") is a legend only when it names a short mark.
            if len(found) >= 2 or (len(found) == 1 and len(next(iter(found))) <= 2 and "=" in text):
                for k, b in found.items():
                    out.setdefault(k, b)
    if len(pairs) >= 2:
        for k, b in pairs.items():
            out.setdefault(k, b)
    return out
