"""The blank tracker template: the sheets a new convener fills in, with dropdowns and short instructions."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from ngsp.export import _xlsx, theme
from ngsp.export.workbook import FORMATS, SHEETS, WIDTHS

# The sheets a new convener needs (organisations come from the people and attendance sheets).
TEMPLATE_SHEETS = ["People", "Meetings", "Attendance", "Action Plan", "Funding"]
ROWS = 500  # rows covered by the dropdowns and formats

LISTS = {
    "Status": ["Not Started", "In Progress", "Done", "Stalled", "Cancelled"],
    "Partner Type": ["Business", "Public"],
    "Meeting Type": ["Launch", "Full Partnership", "Action Team", "Planning", "Other"],
    "Funding Type": ["Cash", "In-kind"],
    "Funding Status": ["Received", "Committed", "Pending"],
}
# (sheet, header) -> the list its dropdown offers.
DROPDOWNS = {
    ("People", "Partner Type"): "Partner Type",
    ("Meetings", "Meeting Type"): "Meeting Type",
    ("Attendance", "Meeting Type"): "Meeting Type",
    ("Action Plan", "Status"): "Status",
    ("Funding", "Type"): "Funding Type",
    ("Funding", "Status"): "Funding Status",
}
DATE_COLUMNS = {
    ("Meetings", "Date"),
    ("Meetings", "Summary Sent"),
    ("Attendance", "Meeting Date"),
    ("Action Plan", "Due Date"),
}

INSTRUCTIONS = [
    "How to use this tracker",
    "",
    "1. People: one row per partner, with their organization and whether it is a Business or a Public partner "
    "(workforce board, college, school district, economic development, chamber ...).",
    "2. Meetings: one row per meeting. Pick the meeting type from the list; for action team meetings, name the "
    "team (the priority it works on).",
    "3. Attendance: after each meeting, one row per person who came: the meeting's date and type (and team), "
    "their name, email and organization.",
    "4. Action Plan: one row per action item, under its priority. Pick a status from the list; a due date can "
    "be a date or a quarter such as “Q3 2025”.",
    "5. Funding: cash and in-kind support, with its source, amount and status.",
    "",
    "Keep one header row at the top of each sheet and do not rename the sheets. The lists behind the "
    "dropdowns are on the “Lists” sheet.",
    "Upload the file to the NGSP dashboard to see your partnership's figures.",
]


def build() -> Workbook:
    """The template as an openpyxl Workbook."""
    wb = Workbook()
    ins = wb.active
    ins.title = "Instructions"
    for line in INSTRUCTIONS:
        ins.append([line])
    ins["A1"].font = Font(bold=True, size=14, color=theme.NAVY_HEX)
    ins.column_dimensions["A"].width = 110
    for row in ins.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")

    for title in TEMPLATE_SHEETS:
        ws = wb.create_sheet(title)
        headers = SHEETS[title]
        _xlsx.write_table(ws, headers, [], widths=WIDTHS)
        for col, header in enumerate(headers, start=1):
            fmt = FORMATS.get(header) or (_xlsx.DATE_FORMAT if (title, header) in DATE_COLUMNS else None)
            if fmt:
                for r in range(2, ROWS + 2):
                    ws.cell(row=r, column=col).number_format = fmt

    lists = wb.create_sheet("Lists")
    _xlsx.write_table(lists, list(LISTS), [], widths={k: 20 for k in LISTS})
    for col, values in enumerate(LISTS.values(), start=1):
        for r, v in enumerate(values, start=2):
            lists.cell(row=r, column=col, value=v)
    lists.auto_filter.ref = None

    for (title, header), list_name in DROPDOWNS.items():
        ws = wb[title]
        col = _xlsx.get_column_letter(SHEETS[title].index(header) + 1)
        lcol = _xlsx.get_column_letter(list(LISTS).index(list_name) + 1)
        dv = DataValidation(
            type="list",
            formula1=f"Lists!${lcol}$2:${lcol}${len(LISTS[list_name]) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",  # a warning, not a stop: a convener may need another word
            errorTitle=header,
            error=f"Pick a {header.lower()} from the list (see the Lists sheet).",
        )
        dv.add(f"{col}2:{col}{ROWS + 1}")
        ws.add_data_validation(dv)
    wb.properties.title = "Sector partnership tracker"
    wb.properties.creator = "ngsp"
    return wb


def template_bytes() -> bytes:
    """The blank template as .xlsx bytes."""
    bio = io.BytesIO()
    build().save(bio)
    return bio.getvalue()
