"""The readers detection tries, in order: the first that claims a sheet reads it. One module per layout."""

from __future__ import annotations

from ngsp.ingest.detect.readers import (
    blocks,
    campaign,
    dashboard,
    forms,
    funding,
    grid,
    invitees,
    log,
    meetings,
    onecell,
    online,
    plan,
    plan_outline,
    registrations,
    roster,
    signin,
    task_export,
    transposed,
)
from ngsp.ingest.detect.readers.base import Reader

# Order matters: a grid's header also names people (so the grid comes before the people readers), a plan may
# name its owners (so it comes before them too), and a sign-in sheet or a log is a roster with a meeting;
# stacked sign-in blocks are sign-in sheets with title lines under their header, so they come before one;
# a transposed grid's header is a row of people's or organisations' names (which the people readers would take
# for a column of people each), so it comes right after the grid.
READERS: tuple[Reader, ...] = (
    dashboard.READER,  # figures and pivot tables worked out from the other sheets: never people or meetings
    # Exports of meeting platforms, sign-up and form tools are known by their own shapes, before any tracker
    # layout: a form's submission time is no meeting date, a ticket list no roster.
    forms.READER,
    registrations.READER,
    online.READER,
    grid.READER,
    transposed.READER,
    invitees.READER,  # meeting rows over the people invited: before the log and roster, which would take them as people
    onecell.READER,  # meetings with who came listed in one cell: before the plans and the log, which would
    # take the list for a task or for one person
    plan_outline.READER,  # a plan whose tasks sit under parent rows: before the flat plan, which reads all as items
    task_export.READER,  # a project tool's tasks ("Name", "Section/Column", "Completed At"): before the plain plan
    plan.READER,
    campaign.READER,  # people with a CRM member status (Registered, Attended ...): before the log, sign-in and roster
    log.READER,
    blocks.READER,
    signin.READER,
    roster.READER,
    meetings.READER,
    funding.READER,
)
BY_KIND: dict[str, Reader] = {r.kind: r for r in READERS}

# The kinds of a platform's or tool's export of one meeting's (or event's) attendance.
REPORT_KINDS = frozenset({forms.KIND, registrations.KIND, online.KIND})
