"""An action plan: one row per action item, the priority as a column, as section rows or as the sheet's name."""

from __future__ import annotations

from ngsp.ingest import vocab
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table, cell_text, filled
from ngsp.ingest.rows import (
    Extracted,
    data_rows,
    extra,
    get,
    is_header_again,
    merged_single,
    reject,
    src,
    txt,
)

FIELDS = frozenset({"priority", "description", "owner", "due", "status", "percent", "notes", "team"})
_PROGRESS = {"status", "percent", "due", "owner", "priority"}


def claim(seen: Seen) -> Table | None:
    """Tasks with a status, owner, due date or percent."""
    if not ("description" in seen.anyf and seen.anyf & _PROGRESS):
        return None
    t = seen.table("action_plan", "", FIELDS)
    _owner_and_due(seen, t)
    fs = set(t.columns.values())
    desc = next(j for j, f in t.columns.items() if f == "description") if "description" in fs else None
    if desc is not None and seen.cands[desc][0][0] not in FIELDS:
        return None  # the column said to hold tasks is better read as something else ("What kind of meeting")
    if (
        "description" in fs
        and fs & _PROGRESS
        and not (seen.has_person and "status" not in fs and "percent" not in fs and "due" not in fs)
    ):
        t.why = "action items with " + ", ".join(sorted(fs & {"status", "percent", "due", "owner"}))
        return t
    return None


_AS_OWNER = {"person": "owner", "meeting_date": "due"}  # in a plan, a person is its owner and a date its due


def _owner_and_due(seen: Seen, t: Table) -> None:
    """A plan's column of people ("Person", "Assignee") is its owner, and a column of dates ("Date") its due
    date, when no column says owner or due: an action plan's dates are due dates unless the header says
    otherwise (a start or a completion date is named so)."""
    for j, cands in sorted(seen.cands.items()):
        if j in t.columns or not cands:
            continue
        f = _AS_OWNER.get(cands[0][0])
        if f is not None and f not in t.columns.values():
            t.columns[j] = f
            t.headers[j] = cell_text(seen.rows[t.header_row][j]) if t.header_row >= 0 else ""
            t.how[j] = "its values" if j in seen.by_values else "similar words"


def no_task(desc: str) -> str | None:
    """Why a row's description makes it no action item (none, or a number or a percent alone), else None."""
    if not desc:
        return "an action item row with no description"
    if not any(ch.isalpha() for ch in desc):
        return f"'{desc}' is a number, not what the action item is"
    return None


def _section_name(text: str) -> str:
    """A priority's name from a section row: 'PRIORITY 2: NURSING WORKFORCE' -> 'NURSING WORKFORCE'."""
    s = " ".join(text.split())
    for _ in range(2):
        s = vocab.PRIORITY_DECORATION.sub("", s, count=1).strip()
    s = vocab.PRIORITY_SUFFIX.sub("", s).strip()
    return s.strip(" :-–—|") or " ".join(text.split())


def _looks_like_section(t: Table, rows, i: int, col: int, text: str, in_sections: bool) -> bool:
    """A lone cell that names a priority, not an action item that has only its description."""
    if vocab.PRIORITY_DECORATION.match(text) or text.isupper() or merged_single(t, i, [col]):
        return True
    if t.columns.get(col) != "description":
        return True
    after_break = i == 0 or not filled(rows[i - 1]) or (i - 1) in t.header_rows
    if in_sections and after_break:
        return True  # after a blank line or the header, in a plan divided into sections
    for k in range(i + 1, min(i + 4, len(rows))):
        if filled(rows[k]):
            return is_header_again(t, rows[k])
    return False


def item_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    used = set(t.columns)
    has_priority_col = bool({"priority", "team"} & set(t.columns.values()))
    priority = ""
    # A section row right above the first header (under the sheet's title) names the first priority.
    titles = [i for i in t.title_rows if i < t.header_row]
    ctx_priority = str(t.context.get("priority") or "")
    if titles:
        last = titles[-1]
        text = " | ".join(cell_text(rows[last][j]) for j in filled(rows[last]))
        if len(filled(rows[last])) == 1 and (len(titles) > 1 or vocab.PRIORITY_DECORATION.match(text)):
            priority = _section_name(text)
            ex.ledger[:] = [e for e in ex.ledger if not (e[0] == f and e[1] == s and e[2] == last + 1)]
            ex.ledger.append((f, s, last + 1, "section", f"priority: {priority}"))
    if not priority and ctx_priority:
        priority = _section_name(ctx_priority)
    if not priority and not has_priority_col:
        sname = vocab.norm(t.sheet.name)
        generic = any(w in sname for w in vocab.PLAN_SHEET_WORDS) or not sname or sname.startswith("sheet")
        if not generic:
            priority = _section_name(t.sheet.name.replace("_", " "))
    last_prio = ""
    # A plan whose priorities are bare names on lines of their own, each after a blank line.
    bare_sections = any(
        len(filled(rows[i])) == 1
        and not filled(rows[i - 1])
        and filled(rows[i])[0] == t.col_of.get("description")
        and i + 1 < len(rows)
        and len(filled(rows[i + 1])) > 1
        for i in range(start + 1, len(rows))
    )
    for i, row, cols in data_rows(t, rows, start, ex):
        if len(cols) == 1 or merged_single(t, i, cols):
            text = cell_text(row[cols[0]])
            if _looks_like_section(
                t, rows, i, cols[0], text, (bool(priority) or bare_sections) and not has_priority_col
            ):
                priority = _section_name(text)
                ex.ledger.append((f, s, i + 1, "section", f"priority: {priority}"))
                continue
        desc = txt(t, row, "description")
        why = no_task(desc)
        if why:
            reject(ex, t, i, row, why)
            continue
        prio = ""
        if has_priority_col:
            # A priority written once above its items (a merged cell saved as CSV, a narrative plan's goal) holds
            # for those below; a team column stands in only where there is no priority column.
            own = txt(t, row, "priority") if "priority" in t.col_of else txt(t, row, "team")
            prio = own or last_prio
            last_prio = prio
        ex.items.append(
            {
                "priority": _section_name(prio) if prio else priority,
                "description": desc,
                "owner": txt(t, row, "owner"),
                "due_raw": get(t, row, "due"),
                "status_text": txt(t, row, "status"),
                "percent_raw": get(t, row, "percent"),
                "notes": txt(t, row, "notes"),
                "team": txt(t, row, "team"),
                "extra": extra(t, row, used),
                **src(t, i),
            }
        )
        ex.ledger.append((f, s, i + 1, "data", "action item"))


READER = Reader("action_plan", claim, item_rows, lambda seen: seen.table("action_plan", SAID, FIELDS))
