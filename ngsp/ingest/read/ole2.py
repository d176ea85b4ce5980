"""OLE2 containers: legacy .xls, and password-protected .xlsx (an encrypted package inside OLE2)."""

from __future__ import annotations

import os

from ngsp.core.errors import TrackerError
from ngsp.ingest.read.messages import FORMATS, PASSWORD

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole_has(data: bytes, stream: str) -> bool:
    # Directory entries hold stream names in UTF-16LE; a byte search is enough to tell the kinds apart.
    return stream.encode("utf-16-le") in data


def check_ole2(name: str, data: bytes) -> None:
    """Refuse an OLE2 file that is not a readable workbook (encrypted, Word, PowerPoint), saying what it is."""
    if _ole_has(data, "EncryptedPackage") or _ole_has(data, "EncryptionInfo"):
        raise TrackerError(name, PASSWORD)
    if _ole_has(data, "WordDocument"):
        raise TrackerError(
            name, "this is a Word document, not a spreadsheet: upload the Excel tracker itself"
        )
    if _ole_has(data, "PowerPoint Document"):
        raise TrackerError(
            name, "this is a PowerPoint file, not a spreadsheet: upload the Excel tracker itself"
        )
    if not (_ole_has(data, "Workbook") or _ole_has(data, "Book")):
        raise TrackerError(name, f"this is an Office file but not a spreadsheet ngsp can read: {FORMATS}")


def xls_encrypted(data: bytes) -> bool:
    """Whether a legacy .xls is encrypted (a FILEPASS record), as xlrd tells from the workbook globals."""
    import xlrd

    with open(os.devnull, "w") as quiet:  # xlrd prints warnings about odd files
        try:
            xlrd.open_workbook(file_contents=data, on_demand=True, logfile=quiet).release_resources()
        except xlrd.XLRDError as e:
            return "encrypted" in str(e).lower()
        except Exception:  # noqa: BLE001 - any other failure is not a diagnosis of encryption
            return False
    return False
