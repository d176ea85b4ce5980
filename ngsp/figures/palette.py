"""The colours of every figure, on screen (plotly), on a slide and on paper: defined once, as hex strings.

Okabe & Ito (2008), a palette distinguishable with the common colour-vision deficiencies; business and public
partners always in the same two colours. No plotting library here, so the exports can use it too.
"""

from __future__ import annotations

BLUE, ORANGE, SKY, GREEN, VERMILLION, PURPLE, YELLOW = (
    "#0072B2", "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#F0E442",
)  # fmt: skip
GREY, DARK = "#999999", "#333333"

BUSINESS, PUBLIC, UNKNOWN = BLUE, ORANGE, GREY
ORG_COLOURS = {"business": BUSINESS, "public": PUBLIC, "unknown": UNKNOWN}
MEETING_COLOURS = {
    "launch": VERMILLION,
    "full_partnership": BLUE,
    "action_team": GREEN,
    "planning": PURPLE,
    "other": GREY,
}
STATUS_COLOURS = {
    "done": GREEN,
    "in_progress": SKY,
    "not_started": GREY,
    "stalled": VERMILLION,
    "cancelled": DARK,
}
CADENCE_COLOURS = {"met": BLUE, "missed": VERMILLION, "in progress": SKY}
