"""Regenerate the demo tracker: a realistic manufacturing partnership, two years up to November 2026.

    python sample_data/make_sample.py

writes sample_data/demo_tracker.xlsx and sample_data/demo_tracker.expected.json (the exact
ngsp.summary/1 for --as-of 2026-11-25). Seeded: the same files every run. The workbook is an ordinary
convener's tracker (instructions, partner list, calendar, attendance log, action plan, funding, lists)
with the everyday slips real trackers have, so the app reads it through the same path as an upload.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import messygen  # noqa: E402

SEED = 2037
AS_OF = date(2026, 11, 25)


def build() -> messygen.Rendered:
    """The demo partnership, rendered as a template workbook with light, realistic messiness."""
    truth = messygen.make_partnership(
        SEED,
        n_orgs=60,
        years=2.0,
        industry="manufacturing",
        start=date(2024, 11, 12),
        as_of=AS_OF,
        bad_rows=True,
        n_priorities=4,
        items_per_priority=(5, 8),
    )
    return messygen.render(
        truth,
        "template",
        seed=SEED,
        noise=0.06,
        split=False,
        order="first_last",
        with_type=True,
        merge_titles=True,
        day_first=False,
        meetings_sheet=True,
        meetings_team_col=True,
        log_label_date=False,
        log_team_col=True,
        log_type_col=False,
        log_blocks=False,
        plan_mode="column",
        status_mode="status+pct",
        pct_fmt="excel",
        instructions=True,
        lists=True,
        funding=True,
        type_words=("Business", "Public"),
        times=False,
    )


def main() -> None:
    rendered = build()
    rendered.book.title = "demo_tracker"
    messygen.write_xlsx(rendered.book, HERE / "demo_tracker.xlsx")
    expected = rendered.expected(AS_OF)
    (HERE / "demo_tracker.expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
    print(json.dumps(expected, indent=2))


if __name__ == "__main__":
    main()
