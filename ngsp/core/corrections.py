"""What a convener told ngsp when detection was unsure or wrong, applied on every load of the same tracker.

Corrections are plain data (JSON round-trips), kept per tracker in the local store and applied by the core,
so the app, the command line and a co-convener who imports them all see the same picture.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field, replace

import pandas as pd

from ngsp.ingest.vocab import HEADER_PHRASES, norm

SHEET_KINDS = (
    "roster",
    "meetings",
    "attendance_log",
    "grid",
    "transposed_grid",
    "signin",
    "signin_blocks",
    "meeting_invitees",
    "meeting_attendee_lists",
    "campaign_members",
    "action_plan",
    "plan_outline",
    "task_list",
    "funding",
    "online_report",
    "registrations",
    "form_responses",
    "dashboard",
    "set_aside",
)
FIELDS = (*HEADER_PHRASES, "")  # every column meaning ngsp knows; "" ignores the column
FORMAT = "ngsp.corrections/1"


def _stem(file: str) -> str:
    return file.rsplit(".", 1)[0] if "." in file else file


@dataclass(frozen=True)
class Corrections:
    """A tracker's corrections; every field is a tuple so the value is hashable (a cache key)."""

    sheet_kinds: tuple[tuple[str, str], ...] = ()  # (sheet name, kind)
    columns: tuple[tuple[str, str, str], ...] = ()  # (sheet name, header as written, field; "" ignores it)
    same_org: tuple[tuple[str, str], ...] = ()  # (spelling, spelling): one organisation
    split_org: tuple[str, ...] = ()  # a spelling that is an organisation of its own (a merge was wrong)
    org_types: tuple[tuple[str, str], ...] = ()  # (organisation spelling, "business" | "public")
    name: str = ""  # the partnership's name as the convener gave it (titles the pages, deck and report)
    report_dates: tuple[tuple[str, str, str], ...] = ()  # (file, sheet, YYYY-MM-DD): an undated report's date
    notes: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        for _s, k in self.sheet_kinds:
            if k not in SHEET_KINDS:
                raise ValueError(f"{k!r} is not a sheet kind; use one of {', '.join(SHEET_KINDS)}")
        for _s, _h, f in self.columns:
            if f not in FIELDS:
                raise ValueError(f"{f!r} is not a column meaning ngsp knows")
        for _o, t in self.org_types:
            if t not in ("business", "public"):
                raise ValueError(f"{t!r}: an organisation is a 'business' or a 'public' partner")
        for _f, _s, d in self.report_dates:
            try:
                dt.date.fromisoformat(d)
            except (TypeError, ValueError):
                raise ValueError(f"{d!r} is not a date: write it as YYYY-MM-DD") from None

    def __bool__(self) -> bool:
        return self.changes_reading or bool(self.name)

    @property
    def changes_reading(self) -> bool:
        """Whether any correction changes how the tracker is read (the name does not)."""
        return bool(
            self.sheet_kinds
            or self.columns
            or self.same_org
            or self.split_org
            or self.org_types
            or self.report_dates
        )

    # -- what the core asks ---------------------------------------------------------------------------
    def kind_of(self, sheet: str) -> str | None:
        """The kind the user gave a sheet, if any (the last word counts)."""
        said = [k for s, k in self.sheet_kinds if s == sheet]
        return said[-1] if said else None

    def columns_of(self, sheet: str) -> dict[str, str]:
        """{normalised header: field} the user gave a sheet's columns."""
        return {norm(h): f for s, h, f in self.columns if s == sheet}

    def org_type_of(self) -> dict[str, str]:
        """{normalised spelling: type} the user gave organisations."""
        return {norm(o): t for o, t in self.org_types}

    def report_dates_of(self) -> dict[tuple[str, str], dt.date]:
        """{(file, sheet): date} the user gave reports that name no date (the last word counts)."""
        return {(f, s): dt.date.fromisoformat(d) for f, s, d in self.report_dates}

    # -- building -------------------------------------------------------------------------------------
    def with_sheet_kind(self, sheet: str, kind: str) -> Corrections:
        return replace(
            self, sheet_kinds=(*[(s, k) for s, k in self.sheet_kinds if s != sheet], (sheet, kind))
        )

    def with_column(self, sheet: str, header: str, fld: str) -> Corrections:
        keep = [(s, h, f) for s, h, f in self.columns if not (s == sheet and norm(h) == norm(header))]
        return replace(self, columns=(*keep, (sheet, header, fld)))

    def with_same_org(self, a: str, b: str) -> Corrections:
        split = tuple(s for s in self.split_org if s not in (a, b))
        return replace(self, same_org=(*self.same_org, (a, b)), split_org=split)

    def with_split_org(self, spelling: str) -> Corrections:
        same = tuple(p for p in self.same_org if spelling not in p)
        return replace(self, split_org=(*self.split_org, spelling), same_org=same)

    def with_org_type(self, spelling: str, typ: str) -> Corrections:
        keep = [(o, t) for o, t in self.org_types if norm(o) != norm(spelling)]
        return replace(self, org_types=(*keep, (spelling, typ)))

    def with_name(self, name: str) -> Corrections:
        return replace(self, name=" ".join(str(name).split()))

    def with_report_date(self, file: str, sheet: str, day: dt.date | str) -> Corrections:
        """An attendance report's meeting date, given by the convener because the report names none."""
        iso = day if isinstance(day, str) else day.isoformat()
        keep = [(f, s, d) for f, s, d in self.report_dates if (f, s) != (file, sheet)]
        return replace(self, report_dates=(*keep, (file, sheet, iso)))

    # -- files ------------------------------------------------------------------------------------------
    def to_json(self) -> str:
        d = asdict(self)
        d.pop("notes")
        return json.dumps({"format": FORMAT, **d}, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str | bytes) -> Corrections:
        """Corrections from a file written by ``to_json``; ValueError with a plain message otherwise."""
        try:
            d = json.loads(text)
        except (ValueError, TypeError):
            raise ValueError(
                "this is not a corrections file (it is not JSON): export it again from ngsp"
            ) from None
        if not isinstance(d, dict) or d.get("format") != FORMAT:
            raise ValueError("this is not an ngsp corrections file: export it again from ngsp")
        try:
            return cls(
                sheet_kinds=tuple(tuple(x) for x in d.get("sheet_kinds", ())),
                columns=tuple(tuple(x) for x in d.get("columns", ())),
                same_org=tuple(tuple(x) for x in d.get("same_org", ())),
                split_org=tuple(d.get("split_org", ())),
                org_types=tuple(tuple(x) for x in d.get("org_types", ())),
                name=str(d.get("name", "") or ""),
                report_dates=tuple(tuple(x) for x in d.get("report_dates", ())),
            )
        except (TypeError, ValueError) as e:
            raise ValueError(f"this corrections file is damaged ({e}): export it again from ngsp") from None

    def describe(self) -> pd.DataFrame:
        """What was corrected, one line each, for the data-quality page."""
        rows = [{"correction": "sheet", "what": s, "now": k.replace("_", " ")} for s, k in self.sheet_kinds]
        rows += [
            {"correction": "column", "what": f"{s} › {h}", "now": f or "ignored"} for s, h, f in self.columns
        ]
        rows += [{"correction": "same organisation", "what": a, "now": b} for a, b in self.same_org]
        rows += [
            {"correction": "separate organisation", "what": s, "now": "its own organisation"}
            for s in self.split_org
        ]
        rows += [{"correction": "partner type", "what": o, "now": t} for o, t in self.org_types]
        rows += [
            {"correction": "report date", "what": f if s == _stem(f) else f"{f} › {s}", "now": d}
            for f, s, d in self.report_dates
        ]
        return pd.DataFrame(rows, columns=["correction", "what", "now"])
