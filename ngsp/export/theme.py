"""One look for every export: colours and type sizes shared by the deck, the report and the workbooks."""

from __future__ import annotations

# Colours as RGB triples; *_HEX for openpyxl and python-pptx.
NAVY = (0x1F, 0x3A, 0x5F)  # titles, header rows
TEAL = (0x1B, 0x8A, 0x8F)  # business
SAND = (0xC9, 0xA2, 0x27)  # public partners
GREY = (0x9A, 0xA5, 0xB1)  # unknown, not started
GREEN = (0x2E, 0x8B, 0x57)  # done, target met
AMBER = (0xE0, 0x8A, 0x1E)  # attention
RED = (0xC0, 0x39, 0x2B)  # overdue, missed
INK = (0x22, 0x2B, 0x36)  # body text
MUTED = (0x5F, 0x6B, 0x7A)  # captions
PALE = (0xF2, 0xF5, 0xF8)  # tile backgrounds
WHITE = (0xFF, 0xFF, 0xFF)

STATUS_COLOURS = {
    "done": GREEN,
    "in_progress": TEAL,
    "not_started": GREY,
    "stalled": AMBER,
    "cancelled": (0xC8, 0xCD, 0xD3),
}


def hex_of(rgb: tuple[int, int, int]) -> str:
    """1F3A5F."""
    return "{:02X}{:02X}{:02X}".format(*rgb)


NAVY_HEX = hex_of(NAVY)
WHITE_HEX = hex_of(WHITE)
PALE_HEX = hex_of(PALE)
