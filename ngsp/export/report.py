"""The funder report: a few pages on the partnership's sustainability, drawn with fpdf2 (no browser involved)."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pandas as pd
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ngsp.core.model import Tracker
from ngsp.export import _figures as fig
from ngsp.export import theme
from ngsp.figures import compute
from ngsp.figures.format import fmt_value

FONT = "DejaVu"  # bundled: prints accented names, curly quotes and dashes
MAX_BARS = 12  # partnership meetings on the engagement chart (the most recent)
MAX_STEPS = 3  # next steps listed per priority
MAX_FUNDING_ROWS = 25
NEXT = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


class _Report(FPDF):
    """A US-letter page with the partnership's name and page numbers in the footer."""

    def __init__(self, title: str, when: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="letter")
        self.title_text, self.when = title, when
        fonts = resources.files("ngsp.export") / "fonts"
        with (
            resources.as_file(fonts / "DejaVuSans.ttf") as regular,
            resources.as_file(fonts / "DejaVuSans-Bold.ttf") as bold,
        ):
            self.add_font(FONT, "", str(regular))
            self.add_font(FONT, "B", str(bold))
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        self.alias_nb_pages()
        self.set_title(f"{title}: sustainability report")
        self.set_author("ngsp")
        self.set_creator("ngsp")

    def footer(self) -> None:
        self.set_y(-13)
        self.font(8, colour=theme.MUTED)
        self.cell(0, 5, f"{self.title_text} · figures as of {self.when}", align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")

    # -- small helpers -------------------------------------------------------------------------------------
    @property
    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def font(self, size: float, bold: bool = False, colour=theme.INK) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)

    def fill(self, colour) -> None:
        self.set_fill_color(*colour)

    def room(self, mm: float) -> None:
        """Start a new page unless mm of height is left (keeps a heading with what follows)."""
        if self.get_y() + mm > self.h - self.b_margin:
            self.add_page()

    def heading(self, text: str, need: float = 50) -> None:
        self.room(need)
        self.ln(4)
        self.font(14, bold=True, colour=theme.NAVY)
        self.cell(0, 8, text, **NEXT)
        self.fill(theme.BLUE)
        self.rect(self.l_margin, self.get_y(), 18, 0.9, style="F")
        self.ln(3)

    def para(self, text: str, size: float = 10, colour=theme.INK, bold: bool = False) -> None:
        self.font(size, bold=bold, colour=colour)
        self.multi_cell(0, size * 0.5, text, align="L", **NEXT)
        self.ln(1.5)

    def bullets(self, lines: list[str], size: float = 10) -> None:
        self.font(size)
        for line in lines:
            self.set_x(self.l_margin)
            self.cell(5, size * 0.5, "•")
            self.multi_cell(self.width - 5, size * 0.5, line, align="L", **NEXT)
            self.ln(0.8)

    def tile(self, x: float, y: float, w: float, h: float, value: str, label: str, colour) -> None:
        self.fill(theme.PALE)
        self.rect(x, y, w, h, style="F")
        self.fill(colour)
        self.rect(x, y, 1.2, h, style="F")
        self.set_xy(x + 4, y + 3)
        self.font(18, bold=True, colour=colour)
        self.cell(w - 6, 9, value)
        self.set_xy(x + 4, y + 13)
        self.font(8)
        self.multi_cell(w - 6, 3.8, label, align="L")

    def legend(self, items: list[tuple[str, tuple[int, int, int]]], x: float, y: float) -> None:
        self.font(8)
        for label, colour in items:
            self.fill(colour)
            self.rect(x, y + 0.8, 3, 3, style="F")
            self.set_xy(x + 4, y)
            self.cell(self.get_string_width(label) + 2, 4.6, label)
            x += self.get_string_width(label) + 10


def _cover(pdf: _Report, t: Tracker, as_of: date) -> None:
    pdf.add_page()
    pdf.fill(theme.NAVY)
    pdf.rect(0, 0, pdf.w, 42, style="F")
    pdf.set_xy(pdf.l_margin, 10)
    pdf.font(20, bold=True, colour=theme.WHITE)
    pdf.multi_cell(pdf.width, 9, pdf.title_text, align="L", **NEXT)
    pdf.set_x(pdf.l_margin)
    pdf.font(11, colour=theme.WHITE)
    pdf.cell(0, 6, f"Sustainability report · figures as of {pdf.when}", **NEXT)
    pdf.set_y(50)
    _doubts(pdf, t)

    h = fig.headline(t, as_of)
    tiles = [
        (fmt_value(r.value, r.kind), r.label, theme.NAVY)
        for r in compute("sustainability_tiles", t, as_of).itertuples(index=False)
    ][:8]
    gap = 4
    w = (pdf.width - 3 * gap) / 4
    y0 = pdf.get_y()
    for i, (value, label, colour) in enumerate(tiles):
        pdf.tile(pdf.l_margin + (i % 4) * (w + gap), y0 + (i // 4) * 30, w, 26, value, label, colour)
    pdf.set_y(y0 + 62)
    pdf.para(_story(t, as_of, h), size=10.5)


def _doubts(pdf: _Report, t: Tracker) -> None:
    """Readings to check, before any figure: a doubtful figure never reaches a funder without its warning."""
    lines = fig.doubts(t)
    if not lines:
        return
    y0 = pdf.get_y()
    pdf.set_x(pdf.l_margin + 4)
    pdf.font(11, bold=True, colour=theme.INK)
    pdf.multi_cell(
        pdf.width - 8, 5.5, "Readings to check: ngsp may have misread parts of the tracker, so the figures below "
        "may be wrong until these are checked.", align="L", **NEXT,
    )  # fmt: skip
    pdf.ln(1)
    pdf.font(9.5)
    for line in lines:
        pdf.set_x(pdf.l_margin + 4)
        pdf.cell(5, 4.8, "•")
        pdf.multi_cell(pdf.width - 13, 4.8, line, align="L", **NEXT)
    y1 = pdf.get_y() + 2
    pdf.fill(theme.VERMILLION)
    pdf.rect(pdf.l_margin, y0 - 2, 1.2, y1 - y0 + 2, style="F")
    pdf.set_y(y1 + 4)


def _story(t: Tracker, as_of: date, h: dict) -> str:
    """Two or three plain sentences that say what the figures mean."""
    share = h["business_share"]
    s = (
        f"{pdf_name(t)} brings together {h['business']} business{'es' if h['business'] != 1 else ''} "
        f"and {h['public']} public partner{'s' if h['public'] != 1 else ''}, with {h['people']} people engaged. "
    )
    if share is not None:
        s += f"Business leaders made up {fig.pct(share)} of the people at partnership meetings" + (
            ", so the partnership is business-led. " if share > 0.5 else "; public partners outnumber them. "
        )
    if h["quarters"]:
        s += f"It met in {h['quarters_met']} of the {h['quarters']} complete quarters since it launched. "
    if h["items"]:
        s += f"Of {h['items']} action items, {_is(h['done'])} done and {_is(h['in_progress'])} under way"
        s += f"; {_is(h['overdue'])} past due." if h["overdue"] else "."
    return s


def _is(n: int) -> str:
    """1 is, 2 are."""
    return f"{n} is" if n == 1 else f"{n} are"


def pdf_name(t: Tracker) -> str:
    return t.name or "The partnership"


def _engagement(pdf: _Report, t: Tracker, as_of: date) -> None:
    pdf.heading("Engagement and retention", need=110)
    e = fig.engagement(t, as_of).tail(MAX_BARS)
    if e.empty:
        pdf.para("No launch or full partnership meeting is recorded yet.")
        return
    pdf.para("People at each launch and full partnership meeting, by the kind of organisation they came for.")
    x0, y0, w, hgt = pdf.l_margin + 8, pdf.get_y() + 2, pdf.width - 8, 55
    totals = (e["business"] + e["public"] + e["unknown"]).tolist()
    top = max(max(totals), 1)
    slot = w / len(e)
    bw = min(slot * 0.6, 16)
    pdf.set_draw_color(*theme.GREY)
    pdf.line(x0, y0 + hgt, x0 + w, y0 + hgt)
    for i, r in enumerate(e.itertuples()):
        x = x0 + i * slot + (slot - bw) / 2
        y = y0 + hgt
        for value, colour in (
            (r.business, theme.BUSINESS),
            (r.public, theme.PUBLIC),
            (r.unknown, theme.UNKNOWN),
        ):
            if not value:
                continue
            bh = hgt * value / top
            y -= bh
            pdf.fill(colour)
            pdf.rect(x, y, bw, bh, style="F")
            if bh >= 4:
                pdf.font(7, colour=theme.label_colour(colour))
                pdf.set_xy(x, y + bh / 2 - 2)
                pdf.cell(bw, 4, str(value), align="C")
        pdf.font(7, colour=theme.MUTED)
        pdf.set_xy(x0 + i * slot, y0 + hgt + 1)
        pdf.cell(slot, 4, f"{r.date:%b %Y}" + ("*" if r.online else ""), align="C")
    pdf.set_y(y0 + hgt + 7)
    if e["online"].any():
        pdf.para("* held online.")
    legend = [("Business", theme.BUSINESS), ("Public partners", theme.PUBLIC)]
    if e["unknown"].sum():
        legend.append(("Type not known", theme.UNKNOWN))
    pdf.legend(legend, pdf.l_margin + 8, pdf.get_y())
    pdf.ln(8)

    ret = compute("retention_by_year", t, as_of)
    lines = [
        f"{r.year}: {r.active} businesses took part"
        + (
            f", {int(r.returning)} of them also the year before ({fig.pct(r.retention)} of that year's)."
            if pd.notna(r.returning)
            else "."
        )
        for r in ret.itertuples(index=False)
    ]
    if lines:
        pdf.font(10, bold=True, colour=theme.NAVY)
        pdf.cell(0, 6, "Businesses that stay", **NEXT)
        pdf.bullets(lines)
    lapsed = compute("lapsed_businesses", t, as_of)
    names = list(lapsed["organisation"])
    pdf.para(
        f"{len(names)} business{'es' if len(names) != 1 else ''} that took part before missed the two most recent "
        f"partnership meetings: {fig.join(names)}."
        if names
        else "No business that took part before missed the two most recent partnership meetings."
    )


def _cadence(pdf: _Report, t: Tracker, as_of: date) -> None:
    pdf.heading("Cadence", need=45)
    grid = compute("cadence_grid", t, as_of)
    status = compute("cadence_status", t, as_of)
    if grid.empty:
        pdf.para("No launch or full partnership meeting is recorded yet.")
        return
    online = int(grid["online"].sum())
    pdf.para(
        f"The target is {status['target']} full partnership meeting every quarter. It was met in "
        f"{status['quarters_met']} of {status['quarters_complete']} complete quarters."
        + (f" The last one was {status['days_since']} days ago." if status["days_since"] is not None else "")
        + (f" {online} of the meetings in these quarters were held online." if online else "")
    )
    per_row = 8
    gap = 2
    w = (pdf.width - (per_row - 1) * gap) / per_row
    y = pdf.get_y()
    for i, r in enumerate(grid.itertuples(index=False)):
        if i and i % per_row == 0:
            y += 14
        x = pdf.l_margin + (i % per_row) * (w + gap)
        colour = theme.CADENCE_COLOURS[r.status]
        pdf.fill(colour)
        pdf.rect(x, y, w, 12, style="F")
        pdf.set_xy(x, y + 1.5)
        pdf.font(9, bold=True, colour=theme.label_colour(colour))
        pdf.cell(w, 4.5, r.quarter, align="C")
        pdf.set_xy(x, y + 6.5)
        pdf.font(7, colour=theme.label_colour(colour))
        n = r.full_meetings
        pdf.cell(w, 4, f"{n} meeting{'s' if n != 1 else ''}" if n else r.status, align="C")
    pdf.set_y(y + 14)
    pdf.legend([(k, c) for k, c in theme.CADENCE_COLOURS.items()], pdf.l_margin, pdf.get_y())
    pdf.ln(7)


def _priorities(pdf: _Report, t: Tracker, as_of: date) -> None:
    pdf.heading("Progress per priority", need=40)
    plans = fig.priorities(t, as_of, max_steps=MAX_STEPS)
    if not plans:
        pdf.para("No action plan is recorded yet.")
        return
    bar_w = 70
    for p in plans:
        pdf.room(28 + 5 * len(p.next_steps))
        y = pdf.get_y()
        pdf.font(11, bold=True, colour=theme.NAVY)
        pdf.cell(pdf.width - bar_w - 4, 6, fig.short(p.name, 60))
        x = pdf.l_margin + pdf.width - bar_w
        pdf.fill(theme.PALE)
        pdf.rect(x, y + 1, bar_w, 4.5, style="F")
        for st in fig.STATUS_LABELS:
            n = p.counts.get(st, 0)
            if n:
                seg = bar_w * n / p.items
                pdf.fill(theme.STATUS_COLOURS[st])
                pdf.rect(x, y + 1, seg, 4.5, style="F")
                x += seg
        pdf.ln(7)
        parts = [f"{p.done} of {p.items} items done"]
        parts += [
            f"{p.counts[s]} {fig.STATUS_LABELS[s].lower()}" for s in ("in_progress", "stalled") if p.counts[s]
        ]
        if p.overdue:
            parts.append(f"{p.overdue} past due")
        who = f". Champions: {p.champions or 'none named yet'}"
        who += f". Supported by {p.support}." if p.support else "."
        pdf.para("; ".join(parts) + who, size=9.5)
        if p.next_steps:
            pdf.font(9, colour=theme.MUTED)
            for step in p.next_steps:
                pdf.set_x(pdf.l_margin + 4)
                owner = f" ({step['owner']})" if step["owner"] else ""
                pdf.multi_cell(
                    pdf.width - 4,
                    4.4,
                    f"Next: {step['description']}{owner}, due {step['due']}",
                    align="L",
                    **NEXT,
                )
        pdf.ln(2.5)
    legend = [(fig.STATUS_LABELS[s], c) for s, c in theme.STATUS_COLOURS.items()]
    pdf.legend(legend, pdf.l_margin, pdf.get_y())
    pdf.ln(6)


def _funding(pdf: _Report, t: Tracker) -> None:
    pdf.heading("Funding and in-kind support", need=50)
    by = compute("funding_by_source", t)
    if by.empty:
        pdf.para("No funding or in-kind support is recorded in the tracker yet.")
        return
    tot = compute("funding_summary", t)
    total = compute("funding_totals", t)["total"]
    cash, in_kind = float(by["cash"].sum()), float(by["in_kind"].sum())
    pdf.para(
        f"{fig.money(total)} recorded from {tot['sources']} source{'s' if tot['sources'] != 1 else ''}: "
        f"{fig.money(cash)} in cash and {fig.money(in_kind)} in kind. {fig.money(tot['secured'])} is received or "
        f"committed, from {tot['sources_secured']} source{'s' if tot['sources_secured'] != 1 else ''}"
        + (f"; {fig.money(tot['pending'])} is pending." if tot["pending"] else ".")
    )
    pdf.font(9)
    pdf.set_draw_color(*theme.PALE)
    pdf.fill(theme.WHITE)  # the rows between the pale ones
    with pdf.table(
        col_widths=(70, 26, 26, 26, 26),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
        headings_style=_heading_style(),
        line_height=5.5,
        borders_layout="HORIZONTAL_LINES",
        cell_fill_color=theme.PALE,
        cell_fill_mode="ROWS",
    ) as table:
        table.row(("Source", "Secured", "Pending", "Cash", "In kind"))
        for r in by.head(MAX_FUNDING_ROWS).itertuples(index=False):
            table.row(
                (
                    r.funder,
                    fig.money(r.secured),
                    fig.money(r.pending),
                    fig.money(r.cash),
                    fig.money(r.in_kind),
                )
            )
    if len(by) > MAX_FUNDING_ROWS:
        pdf.para(
            f"… and {len(by) - MAX_FUNDING_ROWS} smaller sources (all are in the clean workbook).", size=8.5
        )
    pdf.ln(2)


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(family=FONT, emphasis="BOLD", color=theme.WHITE, fill_color=theme.NAVY)


def _quality(pdf: _Report, t: Tracker, as_of: date) -> None:
    pdf.heading("What needs attention", need=30)
    lines = fig.needs_attention(t, as_of)
    pdf.bullets(lines or ["Nothing stands out: meetings are on cadence and no item is past due."])
    pdf.heading("A note on the data", need=30)
    pdf.bullets(fig.quality_note(t), size=9)
    pdf.para(
        "Figures are counted by ngsp from the partnership’s own tracker: each organisation and person once, "
        "however their name is spelled; “business share” leaves out people whose organisation type is not known.",
        size=8.5,
        colour=theme.MUTED,
    )


def build(t: Tracker, as_of: date) -> FPDF:
    """The report as an fpdf2 document."""
    t = fig.printable(t)
    pdf = _Report(fig.short(t.name or "Sector partnership", 90), f"{as_of.day} {as_of:%B %Y}")
    _cover(pdf, t, as_of)
    _engagement(pdf, t, as_of)
    _cadence(pdf, t, as_of)
    _priorities(pdf, t, as_of)
    _funding(pdf, t)
    _quality(pdf, t, as_of)
    return pdf


def report_bytes(t: Tracker, as_of: date) -> bytes:
    """The report as .pdf bytes."""
    return bytes(build(t, as_of).output())
