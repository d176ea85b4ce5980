"""The one local store: each tracker's corrections and dated snapshots of its canonical tables, in SQLite.

One file in the data folder (``NGSP_DATA_DIR``, else ``~/.ngsp``). Trackers are recognised by their
structure (``Tracker.structure_key``), not their file name. Every call opens its own short-lived connection
(WAL mode, a busy timeout), so several Streamlit sessions and the command line can use the store at once.
Nothing is created on disk until something is written: reading a store that does not exist yet finds it empty.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import sqlite3
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ngsp.core import schema
from ngsp.core.corrections import Corrections
from ngsp.core.model import Quality, Tracker

DATA_DIR_ENV = "NGSP_DATA_DIR"
KEEP_ENV = "NGSP_KEEP_SNAPSHOTS"
DEFAULT_DIR = Path("~") / ".ngsp"
FILE_NAME = "ngsp.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30.0  # how long a writer waits for another session's write to finish
TABLES_FORMAT = "ngsp.snapshot/1"
QUALITY_TABLES = ("sheets", "columns", "merges", "rejected", "corrections", "ledger", "reports", "attendees")

# Each entry brings the schema from version i to i + 1; a new version appends a script, never edits one.
MIGRATIONS = (
    """
    CREATE TABLE trackers (
        structure_key TEXT PRIMARY KEY,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        display_name TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE corrections (
        structure_key TEXT PRIMARY KEY REFERENCES trackers (structure_key) ON DELETE CASCADE,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        structure_key TEXT NOT NULL REFERENCES trackers (structure_key) ON DELETE CASCADE,
        taken_at TEXT NOT NULL,
        as_of TEXT,
        content_sha256 TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        files TEXT NOT NULL,
        summary TEXT NOT NULL,
        tables BLOB NOT NULL,
        UNIQUE (structure_key, content_sha256)
    );
    CREATE INDEX snapshots_by_tracker ON snapshots (structure_key, taken_at);
    CREATE INDEX snapshots_by_name ON snapshots (name);
    """,
)

LIST_COLUMNS = ["id", "name", "taken_at", "as_of", "files", "tracker", "structure_key", "content_sha256"]


class StoreError(Exception):
    """A problem with the local store the user can act on; ``str()`` is a plain message."""


@dataclass(frozen=True)
class SnapshotInfo:
    """One kept snapshot (without its tables)."""

    id: int
    structure_key: str
    taken_at: dt.datetime
    as_of: dt.date | None
    name: str
    files: tuple[str, ...]
    content_sha256: str


def _private_file(path: Path) -> None:
    """Make sure the store file exists readable by its owner only (0600), in a folder made 0700 if it is new.

    The store holds unredacted trackers (every name, email and phone number): other accounts on the machine
    must not read it. SQLite gives its -wal and -shm files the database file's permissions. A store made by an
    older ngsp with the default 0644 is tightened the next time something is written.
    """
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        if os.name == "posix" and path.stat().st_mode & 0o077:
            try:
                path.chmod(0o600)
            except PermissionError:  # someone else's file: leave it as it is
                pass


def default_path() -> Path:
    """Where the store lives: ``$NGSP_DATA_DIR/ngsp.sqlite3``, else ``~/.ngsp/ngsp.sqlite3``."""
    folder = os.environ.get(DATA_DIR_ENV, "").strip()
    return (Path(folder).expanduser() if folder else DEFAULT_DIR.expanduser()) / FILE_NAME


def keep_by_default() -> bool:
    """Whether loads are kept as snapshots: on unless ``NGSP_KEEP_SNAPSHOTS`` is 0, no, off or false."""
    return os.environ.get(KEEP_ENV, "1").strip().lower() not in ("0", "no", "off", "false")


def files_sha256(files: Iterable[tuple[str, bytes]]) -> str:
    """The fingerprint of a tracker's bytes: the same files (in any order, under any names) give the same value."""
    digests = sorted(hashlib.sha256(data).hexdigest() for _, data in files)
    return hashlib.sha256("\n".join(digests).encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# ---------------------------------------------------------------- tables <-> bytes


def _frame_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.reset_index(drop=True).to_parquet(buf, index=False, compression="zstd")
    return buf.getvalue()


def tables_blob(t: Tracker) -> bytes:
    """The tracker's canonical tables and quality report as one zip of parquet files (dtypes kept)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as z:  # parquet is compressed already
        for name in schema.TABLE_COLUMNS:
            z.writestr(f"{name}.parquet", _frame_bytes(getattr(t, name)))
        for name in QUALITY_TABLES:
            z.writestr(f"quality/{name}.parquet", _frame_bytes(getattr(t.quality, name)))
        meta = {
            "format": TABLES_FORMAT,
            "name": t.name,
            "files": list(t.files),
            "structure_key": t.structure_key,
            "notes": list(t.quality.notes),
            "warnings": list(t.quality.warnings),
            "corrections": json.loads(t.corrections.to_json()),
        }
        z.writestr("tracker.json", json.dumps(meta, ensure_ascii=False))
    return buf.getvalue()


def _with_columns(df: pd.DataFrame, sch) -> pd.DataFrame:
    """A table kept by an earlier version, with the columns added since then (empty text, unknown number)."""
    missing = [c for c in sch.columns if c not in df.columns]
    if not missing:
        return df
    fill = {c: ("" if "str" in str(sch.columns[c].dtype) else None) for c in missing}
    return df.assign(**fill)[list(sch.columns)]


def tracker_from_blob(blob: bytes) -> Tracker:
    """The tracker kept by ``tables_blob``, validated against the schema so dtypes are exactly the canonical ones."""
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        meta = json.loads(z.read("tracker.json"))
        if meta.get("format") != TABLES_FORMAT:
            raise StoreError("this snapshot was kept by another version of ngsp and cannot be read")

        def read(member: str) -> pd.DataFrame:
            return pd.read_parquet(io.BytesIO(z.read(member)))

        tables = {
            name: sch.validate(_with_columns(read(f"{name}.parquet"), sch))
            for name, sch in schema.TABLES.items()
        }
        quality = Quality(
            **{
                n: read(f"quality/{n}.parquet")
                for n in QUALITY_TABLES
                if f"quality/{n}.parquet" in z.namelist()
            },
            notes=tuple(meta.get("notes", ())),
            warnings=tuple(meta.get("warnings", ())),
        )
    return Tracker(
        **tables,
        quality=quality,
        name=meta.get("name", ""),
        files=tuple(meta.get("files", ())),
        structure_key=meta.get("structure_key", ""),
        corrections=Corrections.from_json(json.dumps(meta["corrections"])),
    )


# ---------------------------------------------------------------- the store


class Store:
    """Corrections and snapshots of every tracker this user has loaded, in one SQLite file."""

    def __init__(
        self, path: Path | str | None = None, keep_snapshots: bool | None = None, read_only: bool = False
    ) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.keep_snapshots = keep_by_default() if keep_snapshots is None else keep_snapshots
        self.read_only = read_only  # a viewer or funder: reads only, never writes

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- connections --------------------------------------------------------------------------------
    @contextmanager
    def _connect(self, write: bool) -> Iterator[sqlite3.Connection | None]:
        """A connection for one call (None when reading a store that does not exist yet); commits on success."""
        if write and self.read_only:
            raise StoreError("this view is read-only: nothing can be changed here")
        if not write and not self.path.is_file():
            yield None
            return
        try:
            if write:
                _private_file(self.path)
            with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)) as con:
                con.execute("PRAGMA foreign_keys = ON")
                self._migrate(con)
                with con:  # one transaction: committed on success, rolled back on an error
                    yield con
        except sqlite3.DatabaseError as e:
            raise StoreError(
                f"{self.path}: the local store could not be used ({e}); check that the folder is writable "
                f"and not full, or point {DATA_DIR_ENV} at another folder"
            ) from None
        except OSError as e:
            raise StoreError(
                f"{self.path}: the data folder could not be created ({e.strerror}); "
                f"point {DATA_DIR_ENV} at a folder you can write to"
            ) from None

    @staticmethod
    def _version(con: sqlite3.Connection) -> int:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone():
            return 0
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self, con: sqlite3.Connection) -> None:
        """Bring the file to this version's schema; one session at a time (the others wait, then find it done)."""
        version = self._version(con)
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: this store was written by a newer ngsp (store version {version}); "
                f"update ngsp, or point {DATA_DIR_ENV} at another folder"
            )
        if self.read_only:
            raise StoreError(
                f"{self.path}: the local store is not ready yet; open the dashboard as a convener once"
            )
        con.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer; kept in the file
        con.execute("BEGIN IMMEDIATE")
        try:
            version = self._version(con)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: this store was written by a newer ngsp (store version {version}); "
                    f"update ngsp, or point {DATA_DIR_ENV} at another folder"
                )
            con.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            for script in MIGRATIONS[version:]:
                for statement in script.split(";"):
                    if statement.strip():
                        con.execute(statement)
            con.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )
            con.commit()
        except BaseException:
            con.rollback()
            raise

    def schema_version(self) -> int:
        """The store's schema version (0 when it does not exist yet)."""
        with self._connect(write=False) as con:
            if con is None:
                return 0
            return self._version(con)

    @staticmethod
    def _seen(con: sqlite3.Connection, key: str, name: str = "") -> None:
        now = _now().isoformat()
        con.execute(
            "INSERT INTO trackers (structure_key, first_seen, last_seen, display_name) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (structure_key) DO UPDATE SET last_seen = excluded.last_seen, "
            "display_name = CASE WHEN excluded.display_name != '' THEN excluded.display_name "
            "ELSE trackers.display_name END",
            (key, now, now, name),
        )

    # -- corrections --------------------------------------------------------------------------------
    def get_corrections(self, key: str) -> Corrections:
        """The corrections kept for a tracker (none when there are none)."""
        with self._connect(write=False) as con:
            row = (
                None
                if con is None
                else con.execute("SELECT json FROM corrections WHERE structure_key = ?", (key,)).fetchone()
            )
        return Corrections.from_json(row[0]) if row else Corrections()

    def save_corrections(self, key: str, corrections: Corrections, name: str = "") -> None:
        """Keep a tracker's corrections (replacing what was kept); applied the next time it arrives."""
        if not key:
            raise StoreError("this tracker has no structure key, so its corrections cannot be remembered")
        with self._connect(write=True) as con:
            self._seen(con, key, name)
            con.execute(
                "INSERT INTO corrections (structure_key, json, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (structure_key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at",
                (key, corrections.to_json(), _now().isoformat()),
            )

    def export_corrections(self, key: str) -> str:
        """A tracker's corrections as a file's text (``ngsp.corrections/1`` JSON), for a co-convener."""
        return self.get_corrections(key).to_json()

    def import_corrections(self, key: str, text: str | bytes) -> Corrections:
        """Keep the corrections in an exported file as this tracker's; ValueError with a plain message if it is not one."""
        corrections = Corrections.from_json(text)
        self.save_corrections(key, corrections)
        return corrections

    # -- snapshots ----------------------------------------------------------------------------------
    def take_snapshot(
        self,
        tracker: Tracker,
        files_bytes_sha: str,
        taken_at: dt.datetime | None = None,
        as_of: dt.date | None = None,
        keep: bool | None = None,
    ) -> SnapshotInfo | None:
        """Keep the tracker's tables as a dated snapshot; None when keeping is off, the store is read-only,
        or these bytes were kept already for this tracker."""
        if not (self.keep_snapshots if keep is None else keep) or self.read_only:
            return None
        from ngsp.figures import summary

        key = tracker.structure_key
        if not key:
            raise StoreError("this tracker has no structure key, so it cannot be kept")
        with self._connect(write=False) as con:
            if (
                con is not None
                and con.execute(
                    "SELECT 1 FROM snapshots WHERE structure_key = ? AND content_sha256 = ?",
                    (key, files_bytes_sha),
                ).fetchone()
            ):
                return None
        taken_at = (taken_at or _now()).replace(microsecond=0)
        as_of = as_of or taken_at.date()
        blob = tables_blob(tracker)
        summ = json.dumps(summary(tracker, as_of), ensure_ascii=False)
        with self._connect(write=True) as con:
            self._seen(con, key, tracker.name)
            cur = con.execute(
                "INSERT INTO snapshots (structure_key, taken_at, as_of, content_sha256, name, files, summary, tables) "
                "VALUES (?, ?, ?, ?, '', ?, ?, ?) ON CONFLICT (structure_key, content_sha256) DO NOTHING",
                (
                    key,
                    taken_at.isoformat(),
                    as_of.isoformat(),
                    files_bytes_sha,
                    json.dumps(list(tracker.files), ensure_ascii=False),
                    summ,
                    blob,
                ),
            )
            if cur.rowcount == 0:  # another session kept the same bytes a moment ago
                return None
            new_id = int(cur.lastrowid)
        return SnapshotInfo(new_id, key, taken_at, as_of, "", tuple(tracker.files), files_bytes_sha)

    def list_snapshots(self, key: str | None = None) -> pd.DataFrame:
        """Kept snapshots, newest first (of one tracker when a structure key is given)."""
        sql = (
            "SELECT s.id, s.name, s.taken_at, s.as_of, s.files, t.display_name AS tracker, s.structure_key, "
            "s.content_sha256 FROM snapshots s JOIN trackers t USING (structure_key)"
        )
        params: tuple = ()
        if key is not None:
            sql += " WHERE s.structure_key = ?"
            params = (key,)
        sql += " ORDER BY s.taken_at DESC, s.id DESC"
        with self._connect(write=False) as con:
            rows = [] if con is None else con.execute(sql, params).fetchall()
        df = pd.DataFrame(rows, columns=LIST_COLUMNS)
        return df.assign(
            id=df["id"].astype("int64"),
            name=df["name"].astype(str),
            taken_at=pd.to_datetime(df["taken_at"]).astype("datetime64[ns]"),
            as_of=pd.to_datetime(df["as_of"]).astype("datetime64[ns]"),
            files=df["files"].map(lambda s: ", ".join(json.loads(s))).astype(str),
            tracker=df["tracker"].astype(str),
            structure_key=df["structure_key"].astype(str),
            content_sha256=df["content_sha256"].astype(str),
        )

    def snapshot_info(self, ref: int | str, key: str | None = None) -> SnapshotInfo:
        """A snapshot by id or by name (the newest of that name, of one tracker when a key is given)."""
        sql = "SELECT id, structure_key, taken_at, as_of, name, files, content_sha256 FROM snapshots"
        text = str(ref).strip()
        if text.isdigit():
            sql, params = sql + " WHERE id = ?", (int(text),)
        else:
            sql += " WHERE name = ?"
            params = (text,)
            if key is not None:
                sql += " AND structure_key = ?"
                params = (text, key)
            sql += " ORDER BY taken_at DESC, id DESC LIMIT 1"
        with self._connect(write=False) as con:
            row = None if con is None else con.execute(sql, params).fetchone()
        if row is None:
            raise StoreError(
                f"no snapshot is called {text!r}: list them with `python -m ngsp snapshots`"
                if not text.isdigit()
                else f"there is no snapshot number {text}: list them with `python -m ngsp snapshots`"
            )
        return SnapshotInfo(
            id=int(row[0]),
            structure_key=row[1],
            taken_at=dt.datetime.fromisoformat(row[2]),
            as_of=dt.date.fromisoformat(row[3]) if row[3] else None,
            name=row[4],
            files=tuple(json.loads(row[5])),
            content_sha256=row[6],
        )

    def load_snapshot(self, ref: int | str, key: str | None = None) -> Tracker:
        """The tracker as it was when the snapshot was taken (by id or name)."""
        info = self.snapshot_info(ref, key)
        with self._connect(write=False) as con:
            row = con.execute("SELECT tables FROM snapshots WHERE id = ?", (info.id,)).fetchone()
        if row is None:  # deleted by another session in between
            raise StoreError(f"snapshot {info.id} was deleted a moment ago")
        return tracker_from_blob(row[0])

    def snapshot_summary(self, ref: int | str, key: str | None = None) -> dict:
        """The ngsp.summary/1 dictionary kept with a snapshot (as of its as-of date)."""
        info = self.snapshot_info(ref, key)
        with self._connect(write=False) as con:
            row = con.execute("SELECT summary FROM snapshots WHERE id = ?", (info.id,)).fetchone()
        return json.loads(row[0])

    def name_snapshot(self, snapshot_id: int, name: str) -> None:
        """Give a snapshot a name people recognise ("Q3 meeting"); an empty name removes it."""
        name = " ".join(str(name).split())
        if name.isdigit():
            raise StoreError(f"{name!r} looks like a snapshot number: give it a name with a word in it")
        if len(name) > 80:
            raise StoreError("a snapshot's name can be at most 80 characters")
        with self._connect(write=True) as con:
            cur = con.execute("UPDATE snapshots SET name = ? WHERE id = ?", (name, int(snapshot_id)))
            if cur.rowcount == 0:
                raise StoreError(f"there is no snapshot number {snapshot_id}")

    def delete_snapshot(self, snapshot_id: int) -> None:
        """Forget a snapshot for good."""
        with self._connect(write=True) as con:
            cur = con.execute("DELETE FROM snapshots WHERE id = ?", (int(snapshot_id),))
            if cur.rowcount == 0:
                raise StoreError(f"there is no snapshot number {snapshot_id}")


# ---------------------------------------------------------------- loading with what the store remembers


def load_remembered(
    files: list[tuple[str, bytes]],
    store: Store,
    corrections: Corrections | None = None,
    min_minutes: float = 0,
) -> Tracker:
    """Load a tracker with the corrections kept for it (or the ones given), recognised by its structure.

    The tracker returned carries the structure key of its uncorrected reading, so corrections that change what
    a sheet is taken as do not make it a different tracker next time.
    """
    from ngsp.ingest.pipeline import build, detect

    detected = detect(files)  # read once; the structure key comes from the uncorrected reading
    kept = store.get_corrections(detected.structure_key) if corrections is None else corrections
    return build(detected, kept, min_minutes=min_minutes)


def load_and_keep(
    files: list[tuple[str, bytes]], store: Store, as_of: dt.date | None = None
) -> tuple[Tracker, str]:
    """Load a tracker with its kept corrections and keep the load as a dated snapshot (unless keeping is off or
    the store is read-only). A store that cannot be used never stops the load: its problem is returned as a note."""
    note = ""
    try:
        t = load_remembered(files, store)
    except StoreError as e:
        from ngsp.ingest.pipeline import load_files

        t, note = load_files(files), f"{e}; the tracker is shown without its kept corrections"
    try:
        store.take_snapshot(t, files_sha256(files), as_of=as_of)
    except StoreError as e:
        note = note or f"{e}; no snapshot of this load was kept"
    return t, note


def since_last_meeting(store: Store, tracker: Tracker, as_of: dt.date, current_sha: str | None = None):
    """The differences from the default earlier snapshot of this tracker (``ngsp.history.diff.baseline_options``) to
    the tracker as it is now; None when no earlier snapshot is kept. For the Overview section and the deck."""
    from ngsp.history.diff import baseline_options, diff

    options, default = baseline_options(
        store.list_snapshots(tracker.structure_key), tracker, as_of, current_sha
    )
    if options.empty:
        return None
    info = store.snapshot_info(int(options.loc[default, "id"]))
    return diff(store.load_snapshot(info.id), tracker, as_of, info.as_of)
