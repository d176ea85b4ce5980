"""One look for every export: colours and type shared by the deck, the report and the workbooks.

The chart colours are the app's (``ngsp.figures.charts``, the Okabe-Ito palette, readable with colour-vision
deficiencies), so a figure looks the same on screen, on a slide and on paper. They are repeated here as RGB
triples because the exports must not import plotly.
"""

from __future__ import annotations

# Okabe & Ito (2008), as in ngsp.figures.charts.
BLUE = (0x00, 0x72, 0xB2)
ORANGE = (0xE6, 0x9F, 0x00)
SKY = (0x56, 0xB4, 0xE9)
GREEN = (0x00, 0x9E, 0x73)
VERMILLION = (0xD5, 0x5E, 0x00)
GREY = (0x99, 0x99, 0x99)
DARK = (0x33, 0x33, 0x33)

BUSINESS, PUBLIC, UNKNOWN = BLUE, ORANGE, GREY
GOOD, BAD = GREEN, VERMILLION
STATUS_COLOURS = {
    "done": GREEN,
    "in_progress": SKY,
    "not_started": GREY,
    "stalled": VERMILLION,
    "cancelled": DARK,
}
CADENCE_COLOURS = {"met": BLUE, "missed": VERMILLION, "in progress": SKY}

# The frame around the figures.
NAVY = (0x1F, 0x3A, 0x5F)  # titles, header rows, title slide
INK = (0x22, 0x2B, 0x36)  # body text
MUTED = (0x5F, 0x6B, 0x7A)  # captions, footers
PALE = (0xF2, 0xF5, 0xF8)  # tile backgrounds, alternate rows
WHITE = (0xFF, 0xFF, 0xFF)


# The deck's typeface, for headings and body alike. PowerPoint has Arial everywhere; LibreOffice ships Liberation
# Sans, drawn to Arial's exact widths and put in its place by name, so a slide's text fits the same in both.
# (The default theme's Calibri needs Carlito, which LibreOffice often lacks: its stand-in is wider.)
DECK_FONT = "Arial"


def hex_of(rgb: tuple[int, int, int]) -> str:
    """1F3A5F."""
    return "{:02X}{:02X}{:02X}".format(*rgb)


def label_colour(fill: tuple[int, int, int]) -> tuple[int, int, int]:
    """White or dark text, whichever reads better on the fill (relative luminance)."""
    r, g, b = (c / 255 for c in fill)
    return DARK if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.55 else WHITE


NAVY_HEX = hex_of(NAVY)
WHITE_HEX = hex_of(WHITE)
