"""Zip containers (.xlsx/.xlsm, .ods): the guards that run before any parser sees the bytes.

The directory (entry count, compression, declared sizes and ratios, a plain layout), then every part inflated
for real within the budget, XML parts refused if they carry a DTD (billion laughs), and each worksheet's extent
scanned (its <dimension>, then the cell references themselves).
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from ngsp.core import limits
from ngsp.core.errors import TrackerError
from ngsp.ingest.read import cellerrors
from ngsp.ingest.read.messages import DAMAGED, FORMATS, PASSWORD, RESAVE, check_extent, check_workbook, mb
from ngsp.ingest.read.ods import OdsTable, OdsWalk
from ngsp.ingest.read.xmlscan import Dtd, SheetExtent, SheetWalk, dimension, xml_root


def _zip_entry_count(data: bytes) -> int | None:
    """The number of entries the end-of-central-directory record declares; None if the zip is not laid
    out the one plain way (one end record at the very end, right after the central directory).

    Python's zipfile and calamine's Rust reader each find the directory their own way; with no slack
    anywhere they cannot be shown two different sets of parts, so what is checked is what is read.
    """
    i = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if i < 0 or i + 22 > len(data):
        return None
    n, cd_size, cd_offset, comment = struct.unpack_from("<HIIH", data, i + 10)
    if i + 22 + comment != len(data):
        return None
    end = i
    if i >= 20 and data[i - 20 : i - 16] == b"PK\x06\x07":  # zip64: the real figures are in its own record
        (off,) = struct.unpack_from("<Q", data, i - 12)
        if off + 56 > len(data) or data[off : off + 4] != b"PK\x06\x06":
            return None
        n, cd_size, cd_offset = struct.unpack_from("<QQQ", data, off + 32)
        end = off
    if cd_offset + cd_size != end:
        return None
    return n


class Inflated(Exception):
    """A part inflates beyond what may be read (its declared size or the remaining budget)."""


_CHUNK = 1 << 20


def inflate(data: bytes, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """A zip part's bytes in chunks as really inflated, never more than `limit` bytes.

    A zip's declared sizes can lie; this counts what deflate actually produces, so the check cannot be
    fooled. Python's zipfile would stop at the declared size, but the Rust reader calamine uses may not.
    """
    off = info.header_offset
    if data[off : off + 4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("no local header")
    nlen, elen = struct.unpack_from("<HH", data, off + 26)
    start = off + 30 + nlen + elen
    raw = memoryview(data)[start : start + info.compress_size]
    if len(raw) < info.compress_size:
        raise zipfile.BadZipFile("truncated part")
    if info.compress_type == zipfile.ZIP_STORED:
        if len(raw) > limit:
            raise Inflated
        for i in range(0, len(raw), _CHUNK):
            yield bytes(raw[i : i + _CHUNK])
        return
    d = zlib.decompressobj(-15)
    produced = 0
    for i in range(0, len(raw), _CHUNK):
        buf: bytes | memoryview = raw[i : i + _CHUNK]
        while buf:
            out = d.decompress(buf, _CHUNK)
            buf = d.unconsumed_tail
            if out:
                produced += len(out)
                if produced > limit:
                    raise Inflated
                yield out
            if d.eof:
                return
    out = d.flush()
    if len(out) + produced > limit:
        raise Inflated
    if out:
        yield out


def _head(data: bytes, info: zipfile.ZipInfo, n: int) -> bytes:
    """The first n bytes of a part once inflated (or all of it if shorter)."""
    got = bytearray()
    gen = inflate(data, info, max(info.file_size, 0))
    for chunk in gen:
        got += chunk
        if len(got) >= n:
            gen.close()
            break
    return bytes(got[:n])


def _zip_kind(name: str, zf: zipfile.ZipFile, data: bytes) -> str:
    """'xlsx' or 'ods', or a TrackerError saying what the zip is instead."""
    names = {i.filename for i in zf.infolist()}
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise TrackerError(
            name,
            "this is a binary Excel workbook (.xlsb): open it in Excel, save it as .xlsx and upload that",
        )
    if "mimetype" in names and "content.xml" in names:
        mt = _head(data, zf.getinfo("mimetype"), 200)
        if b"opendocument.spreadsheet" in mt:
            return "ods"
        raise TrackerError(name, f"this is an OpenDocument file but not a spreadsheet: {FORMATS}")
    if "word/document.xml" in names:
        raise TrackerError(
            name, "this is a Word document, not a spreadsheet: upload the Excel tracker itself"
        )
    if "ppt/presentation.xml" in names:
        raise TrackerError(
            name, "this is a PowerPoint file, not a spreadsheet: upload the Excel tracker itself"
        )
    if any(n.startswith("Index/") for n in names):
        raise TrackerError(
            name, "this is an Apple Numbers file: export it to Excel (.xlsx) in Numbers and upload that"
        )
    if any(n.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods", ".csv")) for n in names):
        raise TrackerError(
            name, "this is a zip archive of several files: unzip it and upload the spreadsheet files inside"
        )
    raise TrackerError(name, f"this is a zip archive, not a spreadsheet: {FORMATS}")


def _xlsx_sheets(name: str, data: bytes, zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part path -> sheet name, from workbook.xml and its relationships, as calamine finds them.

    These parts get the extent scan whatever they look like, so a sheet cannot dodge it by starting oddly.
    A part listed as two sheets is refused: calamine would read it once for each (2,000 entries naming one
    worksheet made a 272 KB file take minutes and gigabytes), and Excel never saves a workbook like that.
    """
    from defusedxml import ElementTree as SafeET  # refuses DTDs and entities outright

    def load(path: str):
        info = zf.getinfo(path)
        return SafeET.fromstring(b"".join(inflate(data, info, info.file_size)))

    try:
        wb, rels = load("xl/workbook.xml"), load("xl/_rels/workbook.xml.rels")
        targets = {}
        for rel in rels:
            t = rel.get("Target", "")
            targets[rel.get("Id")] = posixpath.normpath(t.lstrip("/") if t.startswith("/") else "xl/" + t)
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        listed = [
            (targets.get(s.get(rid), ""), s.get("name", "")) for s in wb.iter() if s.tag.endswith("}sheet")
        ]
    except Inflated:
        raise
    except Exception:  # noqa: BLE001 - Excel always writes these two parts, and writes them well-formed
        raise TrackerError(name, DAMAGED) from None
    parts = Counter(part for part, _ in listed if part)
    if parts and parts.most_common(1)[0][1] > 1:
        part, times = parts.most_common(1)[0]
        raise TrackerError(
            name,
            f"this workbook lists the same sheet's cells {times:,} times over (as {times:,} sheets), which "
            f"Excel never saves, so ngsp will not open it: if it is your tracker, {RESAVE}",
        )
    return dict(listed)


@dataclass
class CheckedZip:
    """A workbook that passed every guard: its kind, what the scans found, and the open zip."""

    kind: str  # "xlsx" or "ods"
    zf: zipfile.ZipFile
    ods_tables: list[OdsTable] = field(default_factory=list)
    error_parts: set[str] = field(default_factory=set)  # worksheets holding formula-error cells


def check_zip(name: str, data: bytes) -> CheckedZip:
    """Refuse a zip that is not a workbook ngsp reads safely; what the scans found, once every guard passed."""
    n = _zip_entry_count(data)
    if n is None:
        raise TrackerError(name, DAMAGED)
    if n > limits.MAX_ZIP_ENTRIES:
        raise TrackerError(
            name,
            f"this workbook holds {n:,} parts, more than the {limits.MAX_ZIP_ENTRIES:,} ngsp reads: {RESAVE}",
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception:  # noqa: BLE001 - any failure to read the directory is damage
        raise TrackerError(name, DAMAGED) from None
    if len(infos) > limits.MAX_ZIP_ENTRIES:
        raise TrackerError(name, f"this workbook holds {len(infos):,} parts, more than ngsp reads: {RESAVE}")
    kind = _zip_kind(name, zf, data)
    _check_directory(name, infos)
    errors: set[str] = set()
    try:
        tables = scan_parts(name, data, zf, infos, kind, errors)
    except Dtd:
        raise TrackerError(
            name,
            "this file contains XML that Excel never writes (a document type declaration, or an overlong "
            "preamble), so ngsp will not "
            f"open it: if it is your tracker, {RESAVE}",
        ) from None
    except Inflated:
        raise TrackerError(
            name,
            f"this file unzips to more data than it declares or than ngsp reads ({mb(limits.MAX_UNCOMPRESSED_BYTES)}), "
            f"so ngsp will not open it: if it is your tracker, {RESAVE}",
        ) from None
    except (zipfile.BadZipFile, expat.ExpatError, zlib.error):
        raise TrackerError(name, DAMAGED) from None
    return CheckedZip(kind, zf, tables, errors)


def with_errors_marked(name: str, z: CheckedZip) -> bytes:
    """The workbook rewritten so that calamine hands over its formula-error cells (see `cellerrors`)."""
    try:
        return cellerrors.rewrite(z.zf, z.error_parts)
    except (zipfile.BadZipFile, zlib.error, EOFError):  # a CRC that does not match, a part cut short
        raise TrackerError(name, DAMAGED) from None


def _check_directory(name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse what the central directory alone gives away: encryption, odd compression, zip bombs."""
    total = 0
    for i in infos:
        if i.flag_bits & 0x1:
            raise TrackerError(name, PASSWORD)
        if i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise TrackerError(name, f"this file is compressed in a way Excel does not use: {RESAVE}")
        ratio = i.file_size / max(i.compress_size, 1)
        if i.file_size > limits.RATIO_CHECK_MIN_BYTES and ratio > limits.MAX_COMPRESSION_RATIO:
            raise TrackerError(
                name,
                f"part of this file unzips {ratio:,.0f} times larger than it is stored (a 'zip bomb'; Excel "
                f"files stay under {limits.MAX_COMPRESSION_RATIO}), so ngsp will not open it: "
                f"if it is your tracker, {RESAVE}",
            )
        total += i.file_size
    if total > limits.MAX_UNCOMPRESSED_BYTES:
        raise TrackerError(
            name,
            f"this file unzips to {mb(total)}, more than the {mb(limits.MAX_UNCOMPRESSED_BYTES)} ngsp reads: "
            "save a copy without sheets, pictures or pivot caches you do not need and upload that",
        )


_SHEET_ROOTS = (b"worksheet", b"macrosheet", b"dialogsheet")
_SST_TAG = re.compile(rb"<(?:[\w.\-]+:)?sst(?=[\s/>])[^>]*>")
_UNIQUE_COUNT = re.compile(rb"""\suniqueCount\s*=\s*["']\s*([0-9]*)""")


def _honest_string_count(head: bytes, size: int) -> bool:
    """Whether sharedStrings.xml's uniqueCount fits its size (each string takes at least 9 bytes).

    calamine reserves memory for uniqueCount strings up front: uniqueCount="4294967295" in a 1 KB part
    made it ask for 96 GB and abort the process.
    """
    tag = _SST_TAG.search(head)
    if tag is None:
        return False  # the start tag runs past the head: nothing Excel writes
    m = _UNIQUE_COUNT.search(tag.group(0))
    return m is None or len(m.group(1)) < 12 and int(m.group(1) or 0) <= size // 9 + 1


def scan_parts(
    name: str, data: bytes, zf, infos, kind: str, errors: set[str] | None = None
) -> list[OdsTable]:
    """Check every part's head (DTD, declared dimension), then inflate everything once, counting for real.

    Returns the .ods tables found (empty for .xlsx); adds the worksheets that hold formula-error cells to
    `errors`. The workbook's cells and merged ranges are counted over all its sheets.
    """
    sheet_names = _xlsx_sheets(name, data, zf) if kind == "xlsx" else {}
    sheet_parts = set(sheet_names) | {
        i.filename for i in infos if kind == "xlsx" and i.filename.startswith("xl/worksheets/")
    }
    sheet_parts.discard("")

    def label(path: str) -> str:
        return f'the sheet "{sheet_names[path]}"' if sheet_names.get(path) else f"a sheet ({path})"

    # 1. Heads only: cheap, and enough to refuse a sheet that claims a million rows.
    roots: dict[str, bytes] = {}
    dims: dict[str, tuple[int, int] | None] = {}
    for i in infos:
        if i.is_dir() or i.file_size == 0:
            continue
        head = _head(data, i, limits.XML_HEAD_BYTES)
        root = xml_root(head, whole=len(head) < limits.XML_HEAD_BYTES)
        if root is None:
            if i.filename in sheet_parts:
                raise TrackerError(name, DAMAGED)  # a sheet that is not XML: nothing Excel writes
            continue
        roots[i.filename] = root
        if root.rsplit(b":", 1)[-1] == b"sst" and not _honest_string_count(head, i.file_size):
            raise TrackerError(name, DAMAGED)
        if root.rsplit(b":", 1)[-1] in _SHEET_ROOTS:
            sheet_parts.add(i.filename)
        if i.filename in sheet_parts:
            dims[i.filename] = dim = dimension(head)
            if dim:
                check_extent(name, label(i.filename) + " says it", *dim)

    # 2. Everything, inflated for real within the budget; worksheets and content.xml scanned on the way.
    budget = limits.MAX_UNCOMPRESSED_BYTES
    ods: list[OdsTable] = []
    cells = merges = 0
    for i in infos:
        if i.is_dir():
            continue
        root = roots.get(i.filename, b"")
        local = root.rsplit(b":", 1)[-1]
        prefix = root[: len(root) - len(local)]
        scan: SheetExtent | OdsWalk | None = None
        if i.filename in sheet_parts:
            scan = SheetExtent(prefix, dims.get(i.filename))
        elif kind == "ods" and i.filename == "content.xml":
            scan = OdsWalk()
        limit = min(i.file_size, budget)
        for chunk in inflate(data, i, limit):
            budget -= len(chunk)
            if scan is not None:
                scan.feed(chunk)
        if isinstance(scan, SheetExtent):
            extent = scan.result()
            if extent is None:  # unusual XML: walk it tag by tag
                walk = SheetWalk()
                for chunk in inflate(data, i, i.file_size):
                    walk.feed(chunk)
                extent = walk.result()
            check_extent(name, label(i.filename), *extent)
            if not sheet_names or i.filename in sheet_names:  # a part no sheet lists is never read
                cells += extent[0] * extent[1]
                merges += scan.merges
                if scan.errors and errors is not None:
                    errors.add(i.filename)
        elif isinstance(scan, OdsWalk):
            scan.finish()
            for t in scan.tables:
                check_extent(name, f'the sheet "{t.name}"', t.rows, t.cols)
                cells += t.rows * t.cols
                merges += len(t.merged)
            ods = scan.tables
        check_workbook(name, cells, merges)
    return ods
