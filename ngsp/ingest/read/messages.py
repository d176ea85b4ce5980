"""The words a convener reads when a file is refused: each says what is wrong and what to do."""

from __future__ import annotations

from ngsp.core import limits
from ngsp.core.errors import TrackerError

RESAVE = "open it in Excel (or LibreOffice), save a copy as .xlsx and upload that"
FORMATS = "ngsp reads Excel workbooks (.xlsx, .xlsm, .xls), OpenDocument spreadsheets (.ods) and .csv files"
PASSWORD = (
    "this file is password-protected, so it cannot be read: open it in Excel, remove the password "
    "(File > Info > Protect Workbook > Encrypt with Password, clear it), save an unprotected copy and upload that"
)
DAMAGED = f"this file looks damaged or incomplete (perhaps the download or upload was cut short): {RESAVE}"


def mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:,.0f} KB"


def col_label(n: int) -> str:
    """1 -> A, 27 -> AA."""
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def too_large(what: str, rows: int, cols: int) -> str:
    """The message for a sheet whose extent is over a limit."""
    where = f"{rows:,} rows by {cols:,} columns (up to cell {col_label(cols)}{rows})"
    return (
        f"{what} reaches {where}, more than ngsp reads ({limits.MAX_SHEET_ROWS:,} rows, "
        f"{limits.MAX_SHEET_COLS:,} columns, {limits.MAX_CELLS:,} cells in all): delete the unused rows "
        "below and columns to the right of your data (or copy the data into a new sheet), save and upload again"
    )


def check_extent(file: str, what: str, rows: int, cols: int) -> None:
    if rows > limits.MAX_SHEET_ROWS or cols > limits.MAX_SHEET_COLS or rows * cols > limits.MAX_CELLS:
        raise TrackerError(file, too_large(what, rows, cols))


def file_too_big(size: int) -> str:
    return (
        f"this file is {mb(size)}, larger than the {mb(limits.MAX_FILE_BYTES)} ngsp accepts: save a copy "
        "without pictures and old sheets you do not need (or split it into several files) and upload that"
    )


def check_workbook(file: str, cells: int, merges: int) -> None:
    """Refuse a workbook whose sheets hold too many cells, or too many merged ranges, in all."""
    if cells > limits.MAX_WORKBOOK_CELLS:
        raise TrackerError(
            file,
            f"this workbook's sheets reach {cells:,} cells in all (each counted from cell A1 to its last row "
            f"and column), more than the {limits.MAX_WORKBOOK_CELLS:,} ngsp reads in one file: delete the "
            "sheets you do not need, and unused rows below and columns to the right of your data, save "
            "and upload again (or split the tracker into several files)",
        )
    if merges > limits.MAX_MERGED_RANGES:
        raise TrackerError(
            file,
            f"this workbook has {merges:,} merged cell ranges, more than the {limits.MAX_MERGED_RANGES:,} "
            "ngsp reads: select the sheets, unmerge their cells (Home > Merge & Center > Unmerge Cells), save "
            "and upload again",
        )


OVERLAP = (
    "merged cells on this sheet overlap one another, which Excel never saves, so the file may be damaged: "
    + RESAVE
)
