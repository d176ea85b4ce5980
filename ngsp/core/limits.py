"""How much ngsp agrees to read: every safety limit on input files, named once.

`ngsp.ingest.read` checks these before any spreadsheet parser sees the bytes (zip bombs, sheets claiming a
million rows) and again after reading. Each limit has a test in tests/ingest/test_limits.py. A real tracker is a
few hundred KB with a few thousand rows; the limits are far above that and far below what hurts a server.
"""

from __future__ import annotations

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Largest file accepted, as uploaded (any format)."""

MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
"""Largest total size of the parts inside an .xlsx/.xlsm/.ods once unzipped, counted as actually inflated."""

MAX_COMPRESSION_RATIO = 200
"""Largest unzipped/zipped ratio of one part; real sheets stay under ~50, zip bombs reach ~1000."""

RATIO_CHECK_MIN_BYTES = 1024 * 1024
"""Parts smaller than this unzipped are not ratio-checked: tiny XML compresses oddly but harmlessly."""

MAX_ZIP_ENTRIES = 5_000
"""Most parts in one workbook's zip; a workbook with 100 sheets and pictures has a few hundred."""

MAX_SHEET_ROWS = 250_000
"""Most rows in one sheet, counted from row 1 to the last row that holds a cell (a state board's roll-up of
100,000 attendance rows fits with room to spare)."""

MAX_SHEET_COLS = 2_000
"""Most columns in one sheet, counted from column A to the last column that holds a cell (BXX)."""

MAX_CELLS = 2_500_000
"""Most cells in one sheet's rectangle (rows x columns, empty ones included): bounds the memory of a read
(100,000 attendance rows of 25 columns)."""

MAX_WORKBOOK_CELLS = 3_000_000
"""Most cells in all the sheets of one file together, each sheet counted as often as the workbook lists it:
bounds the work of a whole load (about 15 s on one core), however the cells are spread over sheets."""

MAX_MERGED_RANGES = 20_000
"""Most merged ranges in one file; a tracker formatted with merged headings and priorities has a few hundred."""

FIRST_YEAR, LAST_YEAR = 1900, 2200
"""Dates outside these years are not read as dates (a typo such as 9999-12-31, or a year 1600): the cell is
kept as written and its row is reported as the date's row would be if it held no date."""

MAX_AMOUNT = 1_000_000_000_000
"""Largest sum of money read as an amount (a trillion); a larger or non-numeric one is left out and reported."""

MAX_OUTLINE_CELLS = 200_000
"""Most cells (all sheets together, empty ones included) of an .xlsx whose grouped rows and indented cells are
read (a second pass over its sheets' XML): a partnership's Smartsheet export is a few thousand; a bigger workbook
is read without its row hierarchy."""

XML_HEAD_BYTES = 64 * 1024
"""How far into an XML part its prolog (and a worksheet's <dimension>) must be found."""

MAX_PARSER_MEMORY_BYTES = 1536 * 1024 * 1024
"""Address space of the child process that reads every workbook (calamine can abort or loop on bad ones, and
an abort there leaves the server running); a workbook at MAX_WORKBOOK_CELLS reads in well under it."""

READ_TIMEOUT_SECONDS = 20
"""Most processor seconds that child process may use before the file is refused as unreadable (a workbook at
MAX_WORKBOOK_CELLS reads in a few). Counted as processor time, so a server busy with other users does not
refuse a good file; the clock stops a child that waits instead, at READ_WALL_FACTOR times as long."""

READ_WALL_FACTOR = 4
"""How many times READ_TIMEOUT_SECONDS that child process may take by the clock, whatever it is doing."""

# Bringing a tracker in by link or folder (ngsp.ingest.connect); the file itself is capped by MAX_FILE_BYTES.

DOWNLOAD_TIMEOUT_SECONDS = 30
"""Longest a whole download from a link may take, redirects included; a shared tracker arrives in seconds."""

MAX_REDIRECTS = 5
"""Most redirects followed for one link (each hop checked again); share links use one to three."""

MAX_FOLDER_FILES = 100
"""Most files read from one folder as one tracker: a partnership's tracker is a handful of files, and the Zoom or
Teams attendance reports kept beside it one a meeting (two years of monthly calls of three action teams)."""
