"""Regenerate the golden workbooks: small messy trackers with their exact expected summaries.

    python tests/golden/make_golden.py

Each workbook is drawn from a seed by tests/messygen.py with its messiness pinned, so a failing golden
test names a layout a person can open and look at. Seeded: the same files every run.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import messygen  # noqa: E402

# name -> (seed, truth options, layout, pinned messiness, as-of or None for the tracker's own)
SPECS: dict[str, tuple[int, dict, str, dict, date | None]] = {
    # Roster + long log: first/last in two columns, date and meeting only on each block's first row,
    # no type column anywhere, an action plan with only a percent column, one priority per sheet.
    "template_split_blocks": (
        101,
        {"n_orgs": 14, "years": 1.25, "industry": "construction", "bad_rows": True},
        "template",
        {
            "split": True,
            "with_type": False,
            "log_blocks": True,
            "log_team_col": True,
            "meetings_sheet": False,
            "plan_mode": "sheets",
            "status_mode": "pct",
            "pct_fmt": "text",
            "noise": 0.25,
            "day_first": False,
        },
        None,
    ),
    # Wide grid with the meeting in the column label ("6/5/24 Quarterly"), one sheet per year,
    # P / A marks, a Total column and row, priorities as merged section rows.
    "grid_labels_by_year": (
        102,
        {"n_orgs": 12, "years": 1.5, "industry": "healthcare", "bad_rows": True},
        "grid",
        {
            "grid_headers": "label",
            "grid_by_year": True,
            "grid_total_col": True,
            "grid_total_row": True,
            "plan_mode": "sections",
            "section_deco": "mixed",
            "status_mode": "status+pct",
            "pct_fmt": "number",
            "grid_roster": False,
            "day_first": False,
        },
        None,
    ),
    # One sheet per meeting, named only by the sheet name; a contacts sheet; priority as a merged column.
    "signin_sheet_names": (
        103,
        {"n_orgs": 12, "years": 1.0, "industry": "technology", "bad_rows": True},
        "signin",
        {
            "signin_titles": "none",
            "signin_roster": True,
            "plan_mode": "column_merged",
            "status_mode": "status",
            "signature": True,
            "with_type": True,
        },
        None,
    ),
    # A day-first tracker (dates typed dd/mm/yyyy), meeting types in a row above the dates,
    # "Last, First" names; as-of in the middle of its history.
    "grid_day_first": (
        104,
        {"n_orgs": 13, "years": 1.5, "industry": "manufacturing", "bad_rows": False},
        "grid",
        {
            "day_first": True,
            "grid_headers": "type_row",
            "order": "last_first",
            "split": False,
            "plan_mode": "column",
            "status_mode": "status+pct",
            "pct_fmt": "fraction",
            "grid_by_year": False,
        },
        "mid",
    ),
}


def build() -> list[tuple[str, messygen.Rendered, date]]:
    """Every golden workbook, rendered, with the as-of its expected summary is for."""
    out = []
    for name, (seed, opts, layout, pinned, as_of) in SPECS.items():
        truth = messygen.make_partnership(seed, **opts)
        rendered = messygen.render(truth, layout, seed=seed, **pinned)
        rendered.book.title = name
        when = truth.as_of if as_of is None else date.fromordinal(truth.as_of.toordinal() - 150)
        out.append((name, rendered, when))
    return out


def main() -> None:
    for name, rendered, as_of in build():
        messygen.write_xlsx(rendered.book, HERE / f"{name}.xlsx")
        expected = rendered.expected(as_of)
        (HERE / f"{name}.xlsx.expected.json").write_text(
            json.dumps(expected, indent=2, sort_keys=True) + "\n"
        )
        print(name, as_of, expected["organizations"], expected["meetings"]["total"])


if __name__ == "__main__":
    main()
