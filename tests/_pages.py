"""The dashboard's pages, as the files in pages/ (tests of every page share this list)."""

PAGES = [
    "overview",
    "engagement",
    "cadence",
    "priorities",
    "sustainability",
    "data_quality",
    "since_last_meeting",
]
