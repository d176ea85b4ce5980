"""The quarterly meeting deck: a few slides a convener presents, with native (editable) PowerPoint charts."""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ngsp.core.errors import TrackerError
from ngsp.core.model import Tracker
from ngsp.export import _figures as fig
from ngsp.export import theme
from ngsp.figures import compute
from ngsp.figures.format import plural

if TYPE_CHECKING:
    from ngsp.history.diff import Diff

WIDE, HIGH = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
TITLE_ONLY = 5  # layout of the default template with a title placeholder and nothing else
MAX_MEETINGS = 12  # partnership meetings shown on the engagement chart (the most recent)
MAX_CHANGES = 7  # sentences on the "Since our last meeting" slide (the most important first)
SINCE_TILES = ("Action items completed", "Meetings held", "New organisations", "Business share now")


def _rgb(c: tuple[int, int, int]) -> RGBColor:
    return RGBColor(*c)


def _name_fonts(prs) -> None:
    """Every theme's heading and body typeface set to the house font (``theme.DECK_FONT``), so every text box,
    table and chart of the deck names a font that PowerPoint and LibreOffice both draw at the same widths."""
    import re

    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    for master in prs.slide_masters:
        part = master.part.part_related_by(RT.THEME)
        xml = part.blob.decode("utf-8")
        xml = re.sub(
            r'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*"', rf'\g<1>{theme.DECK_FONT}"', xml
        )
        part._blob = xml.encode("utf-8")  # a theme is a plain part: its bytes are what is written


class _Deck:
    """A presentation being built: one method per kind of slide, shared title, footer and logo."""

    def __init__(self, t: Tracker, as_of: date, logo: bytes | None) -> None:
        self.t, self.as_of, self.logo = t, as_of, logo
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDE, HIGH
        _name_fonts(self.prs)
        self.name = fig.short(t.name or "Sector partnership", 90)
        self.when = f"{as_of.day} {as_of:%B %Y}"

    # -- shared pieces -------------------------------------------------------------------------------------
    def slide(self, title: str):
        """A new slide with its title set in the house style, a rule under it and the footer."""
        s = self.prs.slides.add_slide(self.prs.slide_layouts[TITLE_ONLY])
        ttl = s.shapes.title
        ttl.left, ttl.top, ttl.width, ttl.height = MARGIN, Inches(0.35), WIDE - 2 * MARGIN, Inches(0.9)
        ttl.text = title
        tf = ttl.text_frame
        tf.vertical_anchor = MSO_ANCHOR.BOTTOM
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.LEFT
        p.runs[0].font.size = Pt(30)
        p.runs[0].font.bold = True
        p.runs[0].font.color.rgb = _rgb(theme.NAVY)
        rule = s.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN, Inches(1.3), Inches(1.2), Inches(0.06))
        self._fill(rule, theme.BLUE)
        self.text(
            s,
            f"{fig.short(self.name, 70)} · figures as of {self.when}",
            MARGIN,
            HIGH - Inches(0.5),
            Inches(8),
            Inches(0.3),
            size=10,
            colour=theme.MUTED,
        )
        self.text(
            s,
            str(len(self.prs.slides)),
            WIDE - MARGIN - Inches(0.5),
            HIGH - Inches(0.5),
            Inches(0.5),
            Inches(0.3),
            size=10,
            colour=theme.MUTED,
            align=PP_ALIGN.RIGHT,
        )
        if self.logo:
            self.picture(s, WIDE - MARGIN - Inches(1.5), Inches(0.35), Inches(1.4), Inches(0.6))
        return s

    @staticmethod
    def _fill(shape, colour: tuple[int, int, int]) -> None:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(colour)
        shape.line.fill.background()
        shape.shadow.inherit = False

    @staticmethod
    def text(
        slide,
        text: str | list[str],
        x,
        y,
        w,
        h,
        size: int = 16,
        colour=theme.INK,
        bold: bool = False,
        align=PP_ALIGN.LEFT,
        bullets: bool = False,
    ):
        """A text box; a list of strings is one paragraph each."""
        box = slide.shapes.add_textbox(x, y, w, h)
        tf = box.text_frame
        tf.word_wrap = True
        lines = text if isinstance(text, list) else [text]
        for i, line in enumerate(lines):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.alignment = align
            run = p.add_run()
            run.text = f"•  {line}" if bullets else line
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = _rgb(colour)
            if bullets:
                p.space_after = Pt(8)
        return box

    @staticmethod
    def describe(shape, text: str) -> None:
        """Alternative text for a chart or picture, read out by screen readers."""
        shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)

    @staticmethod
    def notes(slide, text: str) -> None:
        """Speaker notes: how the figures on the slide are counted, for the convener presenting them."""
        slide.notes_slide.notes_text_frame.text = text

    def picture(self, slide, x, y, max_w, max_h) -> None:
        """The logo, fitted inside the box and kept in proportion."""
        pic = slide.shapes.add_picture(io.BytesIO(self.logo), x, y)
        self.describe(pic, "Logo")
        scale = min(max_w / pic.width, max_h / pic.height)
        pic.width, pic.height = int(pic.width * scale), int(pic.height * scale)
        pic.left = int(x + max_w - pic.width)

    def tile(self, slide, x, y, w, h, value: str, label: str, colour=theme.NAVY) -> None:
        """A headline figure: a big number over a short label on a pale card."""
        card = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, w, h)
        self._fill(card, theme.PALE)
        card.adjustments[0] = 0.08
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, Inches(0.08), h)
        self._fill(bar, colour)
        self.text(
            slide,
            value,
            x + Inches(0.25),
            y + Inches(0.15),
            w - Inches(0.35),
            Inches(0.8),
            size=34,
            colour=colour,
            bold=True,
        )
        self.text(
            slide,
            label,
            x + Inches(0.25),
            y + Inches(0.95),
            w - Inches(0.35),
            h - Inches(1.0),
            size=13,
            colour=theme.INK,
        )

    @staticmethod
    def style_chart(chart, legend: bool = True) -> None:
        chart.font.size = Pt(12)
        chart.font.color.rgb = _rgb(theme.INK)
        chart.has_title = False
        chart.has_legend = legend
        if legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False

    # -- slides --------------------------------------------------------------------------------------------
    def title_slide(self) -> None:
        s = self.prs.slides.add_slide(self.prs.slide_layouts[6])
        band = s.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDE, Inches(4.6))
        self._fill(band, theme.NAVY)
        self.text(
            s,
            self.name,
            MARGIN,
            Inches(1.6),
            WIDE - 2 * MARGIN - Inches(2.6),
            Inches(1.6),
            size=40,
            colour=theme.WHITE,
            bold=True,
        )
        self.text(
            s,
            "Quarterly partnership meeting",
            MARGIN,
            Inches(3.3),
            Inches(9),
            Inches(0.6),
            size=22,
            colour=theme.WHITE,
        )
        self.text(
            s,
            f"Figures as of {self.when}",
            MARGIN,
            Inches(5.0),
            Inches(9),
            Inches(0.5),
            size=18,
            colour=theme.INK,
        )
        self.text(
            s,
            "Business-led, community-supported: a Next Generation Sector Partnership",
            MARGIN,
            Inches(5.5),
            Inches(10),
            Inches(0.5),
            size=14,
            colour=theme.MUTED,
        )
        if self.logo:
            self.picture(s, WIDE - MARGIN - Inches(2.4), Inches(4.9), Inches(2.4), Inches(1.6))

    def headline_slide(self) -> None:
        h = fig.headline(self.t, self.as_of)
        share = h["business_share"]
        s = self.slide("Where the partnership stands")
        self.notes(
            s,
            "Active: someone from the organisation came to a meeting in the last six months. Business share: "
            "of the people at launch and full partnership meetings so far, those from businesses. Complete "
            "quarters: calendar quarters since the first partnership meeting, before this one.",
        )
        tiles = [
            (str(h["active_businesses"]), "businesses active in the last six months", theme.BUSINESS),
            (str(h["active_public"]), "public partners active in the last six months", theme.PUBLIC),
            (
                fig.pct(share),
                "of the people at partnership meetings came from business",
                theme.GOOD if share is not None and share > 0.5 else theme.BAD,
            ),
            (
                f"{h['quarters_met']} of {h['quarters']}",
                "complete quarters with a full partnership meeting",
                theme.GOOD if h["quarters_met"] == h["quarters"] else theme.BAD,
            ),
            (
                str(h["organizations"]),
                f"organizations: {plural(h['business'], 'business', 'businesses')}, "
                f"{plural(h['public'], 'public partner')}",
                theme.NAVY,
            ),
            (str(h["people"]), "people engaged", theme.NAVY),
            (f"{h['done']} of {h['items']}", "action items done", theme.GOOD),
            (str(h["overdue"]), "action items past due", theme.BAD if h["overdue"] else theme.GOOD),
        ]
        w, gap = Inches(2.85), Inches(0.2)
        for i, (value, label, colour) in enumerate(tiles):
            x = MARGIN + (i % 4) * (w + gap)
            y = Inches(1.8) + (i // 4) * Inches(2.45)
            self.tile(s, x, y, w, Inches(2.2), value, label, colour)

    def engagement_slide(self) -> None:
        e = fig.engagement(self.t, self.as_of).tail(MAX_MEETINGS)
        share = fig.headline(self.t, self.as_of)["business_share"]
        s = self.slide("Who comes to partnership meetings")
        if e.empty:
            self.empty_note(s, "No launch or full partnership meeting is recorded yet.")
            return
        data = CategoryChartData()
        data.categories = [
            f"{d:%b %Y}" + (" (launch)" if ty == "launch" else "") + (" (online)" if on else "")
            for d, ty, on in zip(e["date"], e["type"], e["online"], strict=True)
        ]
        series = [("Business", "business", theme.BUSINESS), ("Public partners", "public", theme.PUBLIC)]
        if e["unknown"].sum():
            series.append(("Type not known", "unknown", theme.UNKNOWN))
        for name, col, _ in series:
            data.add_series(name, [int(v) for v in e[col]])
        gf = s.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_STACKED, MARGIN, Inches(1.6), Inches(8.6), Inches(5.2), data
        )
        self.describe(
            gf, "Stacked columns: business and public partner attendees at each partnership meeting."
        )
        self.notes(
            s,
            "Each column is one launch or full partnership meeting: the people who came, by the kind of "
            "organisation they came for. The Next Gen test: business leaders should outnumber public partners. "
            "The share leaves out people whose organisation type is not known.",
        )
        chart = gf.chart
        self.style_chart(chart)
        chart.plots[0].gap_width = 60
        for ser, (_, _, colour) in zip(chart.series, series, strict=True):
            self.colour_series(ser, colour, labels=True)
        chart.value_axis.has_major_gridlines = False
        chart.value_axis.visible = False
        ok = share is not None and share > 0.5
        self.text(
            s,
            fig.pct(share),
            Inches(9.6),
            Inches(2.0),
            Inches(3.1),
            Inches(1.0),
            size=48,
            bold=True,
            colour=theme.GOOD if ok else theme.BAD,
        )
        self.text(
            s,
            [
                "of the people at partnership meetings came from business.",
                "The Next Gen test: business leaders outnumber public partners in the room."
                + (" Met." if ok else " Not met yet."),
            ],
            Inches(9.6),
            Inches(3.1),
            Inches(3.1),
            Inches(3),
            size=15,
        )

    def colour_series(self, series, colour, labels: bool = False) -> None:
        """One colour per series; data labels in a colour that reads on it."""
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(colour)
        if labels:
            dl = series.data_labels
            dl.show_value = True
            dl.position = XL_LABEL_POSITION.CENTER
            dl.font.size = Pt(11)
            dl.font.color.rgb = _rgb(theme.label_colour(colour))

    def cadence_slide(self) -> None:
        grid = compute("cadence_grid", self.t, self.as_of)
        status = compute("cadence_status", self.t, self.as_of)
        s = self.slide("Meeting every quarter")
        if grid.empty:
            self.empty_note(s, "No launch or full partnership meeting is recorded yet.")
            return
        data = CategoryChartData()
        data.categories = [
            q + ("*" if not complete else "")
            for q, complete in zip(grid["quarter"], grid["complete"], strict=True)
        ]
        data.add_series("Full partnership meetings", [int(v) for v in grid["full_meetings"]])
        gf = s.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, MARGIN, Inches(1.6), Inches(8.6), Inches(5.0), data
        )
        self.describe(
            gf, "Columns: full partnership meetings held in each quarter; missed quarters stand out."
        )
        online = int(grid["online"].sum())
        self.notes(
            s,
            "The target is one launch or full partnership meeting in every calendar quarter. A starred quarter "
            "is the current one, still in progress. Action team and planning meetings are not counted here."
            + (
                f" {online} of the meetings in these quarters (of any kind) were held online."
                if online
                else ""
            ),
        )
        chart = gf.chart
        self.style_chart(chart, legend=False)
        plot = chart.plots[0]
        plot.gap_width = 50
        plot.has_data_labels = True
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        series = chart.series[0]
        self.colour_series(series, theme.CADENCE_COLOURS["met"])
        for i, st in enumerate(grid["status"]):
            if st != "met":
                point = series.points[i]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = _rgb(theme.CADENCE_COLOURS[st])
        va = chart.value_axis
        va.minimum_scale = 0
        va.major_unit = 1
        va.has_major_gridlines = False
        met, total = status["quarters_met"], status["quarters_complete"]
        missed = list(grid.loc[grid["status"] == "missed", "quarter"])
        self.text(
            s,
            f"{met} of {total}",
            Inches(9.6),
            Inches(2.0),
            Inches(3.1),
            Inches(1.0),
            size=48,
            bold=True,
            colour=theme.GOOD if met == total else theme.BAD,
        )
        lines = [
            f"complete quarters had a full partnership meeting (the target is {status['target']} a quarter)."
        ]
        lines.append(f"Missed: {fig.join(missed)}." if missed else "No quarter missed.")
        if not bool(grid["complete"].iloc[-1]):
            lines.append(f"* This quarter so far: {grid['status'].iloc[-1]}.")
        self.text(s, lines, Inches(9.6), Inches(3.1), Inches(3.1), Inches(3.5), size=15)

    def priority_slide(self, p: fig.Priority) -> None:
        s = self.slide(fig.short(p.name, 60))
        self.notes(
            s,
            f"{p.name}: {p.items} action items. Next steps are its open items, soonest due first; past-due "
            "dates are in bold. Champions are the named owners of its items from businesses; supporting "
            "partners are public organisations that own its items or come to its action-team meetings.",
        )
        self.text(
            s,
            f"{p.done} of {p.items}",
            MARGIN,
            Inches(1.6),
            Inches(3.6),
            Inches(0.9),
            size=44,
            bold=True,
            colour=theme.GOOD,
        )
        extra = f"; {p.overdue} past due" if p.overdue else ""
        self.text(s, f"action items done{extra}", MARGIN, Inches(2.5), Inches(3.6), Inches(0.5), size=15)
        data = CategoryChartData()
        shown = [st for st in fig.STATUS_LABELS if p.counts.get(st)]
        data.categories = ["Items"]
        for st in shown:
            data.add_series(fig.STATUS_LABELS[st], [p.counts[st]])
        if shown:
            gf = s.shapes.add_chart(
                XL_CHART_TYPE.BAR_STACKED, MARGIN, Inches(3.1), Inches(4.2), Inches(1.9), data
            )
            self.describe(gf, f"Stacked bar: the action items of {p.name} by status.")
            chart = gf.chart
            self.style_chart(chart)
            chart.font.size = Pt(11)
            chart.plots[0].gap_width = 30
            for series, st in zip(chart.series, shown, strict=True):
                self.colour_series(series, theme.STATUS_COLOURS[st], labels=True)
            chart.value_axis.visible = False
            chart.value_axis.has_major_gridlines = False
            chart.category_axis.visible = False
        people = [("Champions", _few(p.champions) or "none named yet")]
        if p.support:
            people.append(("Supported by", _few(p.support)))
        y = Inches(5.05)
        for label, names in people:
            self.text(s, label, MARGIN, y, Inches(4.2), Inches(0.35), size=13, bold=True, colour=theme.NAVY)
            self.text(s, names, MARGIN, y + Inches(0.33), Inches(4.2), Inches(0.5), size=12)
            y += Inches(0.8)

        x = MARGIN + Inches(4.7)
        w = WIDE - MARGIN - x
        self.text(s, "Next steps", x, Inches(1.6), w, Inches(0.5), size=18, bold=True, colour=theme.NAVY)
        if not p.next_steps:
            self.text(s, "Every item is done or closed.", x, Inches(2.2), w, Inches(0.6), size=15)
            return
        rows = len(p.next_steps) + 1
        table = s.shapes.add_table(rows, 4, x, Inches(2.2), w, Inches(0.45) * rows).table
        widths = [0.5, 0.2, 0.15, 0.15]
        for i, frac in enumerate(widths):
            table.columns[i].width = Emu(int(w * frac))
        for j, head in enumerate(("Action item", "Owner", "Due", "Status")):
            self._cell(table.cell(0, j), head, bold=True, colour=theme.WHITE, fill=theme.NAVY)
        for i, step in enumerate(p.next_steps, start=1):
            fill = theme.PALE if i % 2 else theme.WHITE
            self._cell(table.cell(i, 0), fig.short(step["description"], 110), fill=fill)
            self._cell(table.cell(i, 1), fig.short(step["owner"], 40) or "–", fill=fill)
            self._cell(
                table.cell(i, 2),
                step["due"],
                fill=fill,
                colour=theme.BAD if step["overdue"] else theme.INK,
                bold=step["overdue"],
            )
            self._cell(table.cell(i, 3), step["status"], fill=fill)

    @staticmethod
    def _cell(cell, text: str, bold: bool = False, colour=theme.INK, fill=theme.WHITE) -> None:
        cell.text = text
        cell.fill.solid()
        cell.fill.fore_color.rgb = _rgb(fill)
        for para in cell.text_frame.paragraphs:
            for run in para.runs:
                run.font.size = Pt(13)
                run.font.bold = bold
                run.font.color.rgb = _rgb(colour)

    def empty_note(self, slide, text: str) -> None:
        """The one sentence a slide shows when the tracker has nothing for it yet."""
        self.text(slide, text, MARGIN, Inches(2), Inches(11), Inches(1), size=20)

    def no_plan_slide(self) -> None:
        s = self.slide("Priorities")
        self.empty_note(
            s, "No action plan is recorded yet: add the priorities and their action items to the tracker."
        )

    def since_slide(self, since: Diff) -> None:
        """What changed since the snapshot kept before the last meeting: a few figures and plain sentences."""
        from ngsp.history.diff import headlines, tiles

        s = self.slide("Since our last meeting")
        self.notes(
            s,
            f"Compared with the tracker as it was on {since.since.day} {since.since:%B %Y} (a copy the dashboard "
            "kept). New organisations and people are those not in that copy under any spelling; meetings are "
            "those dated after its latest meeting; business share counts launch and full partnership meetings.",
        )
        rows = tiles(since).set_index("label").loc[list(SINCE_TILES)]
        w, gap = Inches(2.85), Inches(0.2)
        for i, (label, row) in enumerate(rows.iterrows()):
            value = fig.pct(row["value"]) if row["kind"] == "percent" else str(int(row["value"]))
            if label == "Business share now":
                label = "of people at partnership meetings came from business" + (
                    f" (was {fig.pct(since.share_before)})" if since.share_before is not None else ""
                )
            self.tile(
                s, MARGIN + i * (w + gap), Inches(1.7), w, Inches(1.9), value, label.lower(), theme.NAVY
            )
        lines = [fig.CONTROL.sub("", fig.short(line, 150)) for line in headlines(since)[:MAX_CHANGES]]
        self.text(s, lines, MARGIN, Inches(3.9), WIDE - 2 * MARGIN, Inches(3.0), size=18, bullets=True)

    def doubts_slide(self) -> None:
        """Before any figure, when the reading looks doubtful: what ngsp may have misread, so nobody presents a
        doubtful figure without its warning."""
        lines = fig.doubts(self.t)
        if not lines:
            return
        s = self.slide("Before these figures: readings to check")
        self.notes(
            s,
            "ngsp read the tracker and found signs it may have misread parts of it. Check these on the "
            "dashboard's Data quality page (and correct them there) before relying on the figures that follow.",
        )
        self.text(
            s,
            "ngsp may have misread parts of the tracker. The figures that follow may be wrong until these are "
            "checked:",
            MARGIN, Inches(1.6), WIDE - 2 * MARGIN, Inches(0.9), size=18, colour=theme.INK, bold=True,
        )  # fmt: skip
        self.text(s, lines, MARGIN, Inches(2.5), WIDE - 2 * MARGIN, Inches(4.4), size=15, bullets=True)

    def attention_slide(self) -> None:
        s = self.slide("What needs attention")
        self.notes(
            s,
            f"From the tracker as of {self.when}. Past due: open items (in progress, not started or stalled) "
            "whose due date has passed. Lapsed: businesses that came to a partnership meeting before but to "
            "neither of the two most recent ones.",
        )
        lines = fig.needs_attention(self.t, self.as_of)
        if not lines:
            lines = [
                "Nothing stands out: meetings are on cadence, business leads the room and no item is past due."
            ]
        self.text(s, lines[:9], MARGIN, Inches(1.7), WIDE - 2 * MARGIN, Inches(5.2), size=20, bullets=True)


def _few(names: str, n: int = 3) -> str:
    """The first n of a comma-separated list of names, and how many more (keeps a slide from overflowing)."""
    parts = [x for x in names.split(", ") if x]
    return ", ".join(parts[:n]) + (f" and {len(parts) - n} more" if len(parts) > n else "")


def build(t: Tracker, as_of: date, logo: bytes | None = None, since: Diff | None = None) -> Presentation:
    """The deck as a python-pptx Presentation; with ``since`` (an ``ngsp.history.diff.Diff`` that holds changes) a
    "Since our last meeting" slide follows the headline figures."""
    t = fig.printable(t)
    if logo is not None:
        _check_logo(logo)
    d = _Deck(t, as_of, logo)
    d.title_slide()
    d.doubts_slide()
    d.headline_slide()
    if since:
        d.since_slide(since)
    d.engagement_slide()
    d.cadence_slide()
    plans = fig.priorities(t, as_of)
    for p in plans:
        d.priority_slide(p)
    if not plans:
        d.no_plan_slide()
    d.attention_slide()
    d.prs.core_properties.title = f"{d.name}: quarterly partnership meeting"
    d.prs.core_properties.author = "ngsp"
    return d.prs


def _check_logo(logo: bytes) -> None:
    from pptx.parts.image import Image

    try:
        Image.from_blob(logo).size  # noqa: B018 - reading the size parses the header
    except Exception:
        raise TrackerError(
            "logo", "this is not a picture PowerPoint can show: use a PNG or JPEG file"
        ) from None


def deck_bytes(t: Tracker, as_of: date, logo: bytes | None = None, since: Diff | None = None) -> bytes:
    """The deck as .pptx bytes (with the "Since our last meeting" slide when ``since`` holds changes)."""
    bio = io.BytesIO()
    build(t, as_of, logo, since).save(bio)
    return bio.getvalue()
