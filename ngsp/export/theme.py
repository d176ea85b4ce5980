"""One look for every export: colours and type shared by the deck, the report and the workbooks.

The chart colours are the app's (``ngsp.figures.palette``, the Okabe-Ito palette, readable with colour-vision
deficiencies), so a figure looks the same on screen, on a slide and on paper; here as the RGB triples
python-pptx and fpdf2 take.
"""

from __future__ import annotations

from ngsp.figures import palette


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """#0072B2 -> (0, 114, 178)."""
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


BLUE, ORANGE, SKY, GREEN, VERMILLION, GREY, DARK = map(
    rgb,
    (
        palette.BLUE,
        palette.ORANGE,
        palette.SKY,
        palette.GREEN,
        palette.VERMILLION,
        palette.GREY,
        palette.DARK,
    ),
)
BUSINESS, PUBLIC, UNKNOWN = BLUE, ORANGE, GREY
GOOD, BAD = GREEN, VERMILLION
STATUS_COLOURS = {k: rgb(v) for k, v in palette.STATUS_COLOURS.items()}
CADENCE_COLOURS = {k: rgb(v) for k, v in palette.CADENCE_COLOURS.items()}

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
