"""The command line: ``ngsp summary|quality|export|template|diff|snapshots|corrections|dashboard`` (or
``python -m ngsp ...`` in a checkout)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import sys
import traceback
from pathlib import Path

import pandas as pd

from ngsp.core.errors import TrackerError


def _as_of(text: str | None) -> dt.date:
    from ngsp.core import limits

    if not text:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise TrackerError(
            "--as-of", f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-10-15"
        ) from None
    if not limits.FIRST_YEAR <= day.year <= limits.LAST_YEAR:
        raise TrackerError(
            "--as-of", f"{text} is outside the years ngsp reads ({limits.FIRST_YEAR}–{limits.LAST_YEAR})"
        )
    return day


def _load(paths: list[str], corrections_file: str | None = None, min_minutes: float = 0):
    from ngsp.core.corrections import Corrections
    from ngsp.ingest.pipeline import load_paths

    corrections = None
    if corrections_file:
        try:
            corrections = Corrections.from_json(Path(corrections_file).read_bytes())
        except OSError as e:
            raise TrackerError(
                corrections_file, f"could not be opened ({e.strerror}): check the path"
            ) from None
        except ValueError as e:
            raise TrackerError(corrections_file, str(e)) from None
    return load_paths(paths, corrections=corrections, min_minutes=min_minutes)


def _minutes(text: str) -> float:
    """--min-minutes N: a number of minutes, 0 or more."""
    try:
        n = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of minutes (e.g. 5)") from None
    if not n >= 0:
        raise argparse.ArgumentTypeError("the minimum minutes cannot be below 0")
    return n


def _warn(message: str) -> None:
    print(f"note: {message}", file=sys.stderr)


def _store(read_only: bool = False):
    from ngsp.history.store import Store

    return Store(read_only=read_only)


def _corrections_file(path: str):
    from ngsp.core.corrections import Corrections

    try:
        return Corrections.from_json(Path(path).read_bytes())
    except OSError as e:
        raise TrackerError(path, f"could not be opened ({e.strerror}): check the path") from None
    except ValueError as e:
        raise TrackerError(path, str(e)) from None


def _load_kept(
    paths: list[str],
    corrections_file: str | None,
    snapshot: bool,
    as_of: dt.date | None = None,
    name: str | None = None,
    min_minutes: float = 0,
):
    """Load a tracker with the corrections kept for it (unless a corrections file is given) and keep the load
    as a dated snapshot (unless told not to, or keeping is off). A name given is the partnership's from now on:
    it titles this run's files and is kept with the tracker's corrections, as the app does. A store that cannot
    be used is a note, not an error."""
    from dataclasses import replace

    from ngsp.history.store import StoreError, files_sha256, load_remembered
    from ngsp.ingest.read import read_paths

    explicit = _corrections_file(corrections_file) if corrections_file else None
    files = read_paths(paths)
    store = _store()
    try:
        t = load_remembered(files, store, explicit, min_minutes)
    except StoreError as e:
        _warn(f"{e}; reading the tracker without its kept corrections")
        t = _load(paths, corrections_file, min_minutes)
    if name is not None and name.strip():
        t = replace(t, name=" ".join(name.split()), corrections=t.corrections.with_name(name))
        try:
            store.save_corrections(
                t.structure_key, store.get_corrections(t.structure_key).with_name(name), t.name
            )
        except StoreError as e:
            _warn(f"{e}; the name is used this time but not remembered")
    if snapshot:
        try:
            store.take_snapshot(t, files_sha256(files), as_of=as_of)
        except StoreError as e:
            _warn(f"{e}; no snapshot was kept")
    return t


def _tracker_or_snapshot(ref: str, as_of: dt.date):
    """A tracker from a file (with its kept corrections), else from a kept snapshot by id or name;
    with the day it stands for (a snapshot's as-of date, else None)."""
    from ngsp.history.store import StoreError

    if Path(ref).is_file() or Path(ref).is_dir():
        return _load_kept([ref], None, snapshot=False), None
    try:
        store = _store(read_only=True)
        info = store.snapshot_info(ref)
        return store.load_snapshot(info.id), info.as_of
    except StoreError as e:
        raise TrackerError(ref, f"no such file, and {e}") from None


def _tracker_key(paths: list[str]) -> str:
    from ngsp.history.store import load_remembered
    from ngsp.ingest.read import read_paths

    return load_remembered(read_paths(paths), _store(read_only=True)).structure_key


def _since_for_deck(paths: list[str], t, as_of: dt.date):
    """What changed since the snapshot kept before the last meeting, for the deck's "Since our last meeting"
    slide (None when none is kept); a store that cannot be read is a note and the deck has no such slide."""
    from ngsp.history.store import StoreError, files_sha256, since_last_meeting
    from ngsp.ingest.read import read_paths

    try:
        return since_last_meeting(_store(read_only=True), t, as_of, files_sha256(read_paths(paths)))
    except StoreError as e:
        _warn(f"{e}; the deck has no “Since our last meeting” slide")
        return None


def _snapshots_command(args) -> None:
    from ngsp.history.store import StoreError

    store = _store()
    try:
        if args.name:
            store.name_snapshot(int(args.name[0]), args.name[1])
            print(f"snapshot {args.name[0]} is now called {args.name[1]!r}")
            return
        if args.delete is not None:
            store.delete_snapshot(args.delete)
            print(f"deleted snapshot {args.delete}")
            return
        key = _tracker_key(args.trackers) if args.trackers else None
        df = store.list_snapshots(key)
    except StoreError as e:
        raise TrackerError(str(store.path), str(e).removeprefix(f"{store.path}: ")) from None
    if args.json:
        rows = df.assign(
            taken_at=df["taken_at"].dt.strftime("%Y-%m-%dT%H:%M:%S"),
            as_of=df["as_of"].dt.strftime("%Y-%m-%d"),
        )
        _print_json({"schema": "ngsp.snapshots/1", "snapshots": rows.to_dict(orient="records")})
        return
    if df.empty:
        print("No snapshots kept yet: every load of a tracker (summary, quality, export, the app) keeps one.")
        return
    for r in df.itertuples():
        name = f"  {r.name!r}" if r.name else ""
        print(
            f"{r.id:>5}  {r.taken_at:%Y-%m-%d %H:%M}  as of {r.as_of:%Y-%m-%d}  {r.tracker} ({r.files}){name}"
        )


def _corrections_command(args) -> None:
    from ngsp.history.store import StoreError

    store = _store()
    key = _tracker_key(args.trackers)
    try:
        if args.import_file:
            try:
                text = Path(args.import_file).read_bytes()
            except OSError as e:
                raise TrackerError(
                    args.import_file, f"could not be opened ({e.strerror}): check the path"
                ) from None
            try:
                c = store.import_corrections(key, text)
            except ValueError as e:
                raise TrackerError(args.import_file, str(e)) from None
            print(f"kept {len(c.describe())} corrections for this tracker; they apply on every load")
        elif args.name:
            store.save_corrections(key, store.get_corrections(key).with_name(args.name), args.name)
            print(f"this tracker's partnership is now called {' '.join(args.name.split())!r}")
        elif args.export_file:
            text = store.export_corrections(key)
            if args.export_file == "-":
                print(text)
            else:
                Path(args.export_file).write_text(text + "\n", encoding="utf-8")
                print(f"wrote {args.export_file}")
        else:
            c = store.get_corrections(key)
            if not c:
                print("No corrections kept for this tracker.")
            if c.name:
                print(f"the partnership's name: {c.name}")
            for r in c.describe().itertuples():
                print(f"{r.correction}: {r.what} -> {r.now}")
    except StoreError as e:
        raise TrackerError(str(store.path), str(e).removeprefix(f"{store.path}: ")) from None


def _pct(x: float | None) -> str:
    return "no partnership meetings yet" if x is None else f"{x:.1%}"


def print_summary(s: dict, out=sys.stdout) -> None:
    """The summary for a person to read."""
    o, m, a, ai = s["organizations"], s["meetings"], s["attendance"], s["action_items"]
    w = out.write
    w(f"Partnership summary as of {s['as_of']}\n\n")
    for warning in s.get("warnings", []):
        w(f"WARNING: {warning}\n")
    if s.get("warnings"):
        w("The figures below may be wrong until these are checked (`python -m ngsp quality`).\n\n")
    w(f"Organisations      {o['total']:>5}  ({o['business']} businesses, {o['public']} public partners)\n")
    w(f"People             {s['people']:>5}\n")
    w(
        f"Meetings           {m['total']:>5}  (launch {m['launch']}, full partnership {m['full_partnership']}, "
        f"action team {m['action_team']}, planning {m['planning']}, other {m['other']})\n"
    )
    w(f"Attendance records {a['records']:>5}\n")
    w(
        f"Business share at launch and full partnership meetings: {_pct(a['business_share_full'])}"
        " (the Next Gen test: above 50%)\n"
    )
    if s["cadence"]:
        missed = [q for q, ok in s["cadence"].items() if not ok]
        w(
            f"Quarters with a full partnership meeting: {len(s['cadence']) - len(missed)} of {len(s['cadence'])}"
            + (f" (none in {', '.join(missed)})" if missed else "")
            + "\n"
        )
    w(
        f"\nAction items       {ai['total']:>5}  (done {ai['done']}, in progress {ai['in_progress']}, "
        f"not started {ai['not_started']}, stalled {ai['stalled']}, cancelled {ai['cancelled']}); "
        f"overdue {ai['overdue']}\n"
    )
    for name, p in s["priorities"].items():
        w(f"  {name}: {p['done']} of {p['items']} done\n")
    w(f"\nBusinesses lapsed (missed the last two full partnership meetings): {s['lapsed_businesses']}\n")
    w(f"Rows rejected (see `python -m ngsp quality`): {s['rejected_rows']}\n")


def print_quality(t, out=sys.stdout) -> None:
    """The data-quality report: sheets, column mapping, merges, rejected rows."""
    from ngsp.figures.format import FIELD_WORDS

    q = t.quality
    w = out.write
    if q.warnings:
        w("Readings to check\n")
        for warning in q.warnings:
            w(f"  {warning}\n")
        w("\n")
    w("What each sheet was taken as\n")
    for r in q.sheets.itertuples():
        w(
            f"  {r.source_file} / {r.source_sheet}: {r.taken_as} — {r.why}"
            f" (data rows {r.data_rows}, structure rows {r.structure_rows}, rejected {r.rejected_rows})\n"
        )
    w("\nColumn mapping\n")
    for (f, s), g in q.columns.groupby(["source_file", "source_sheet"], sort=False):
        w(
            f"  {f} / {s}: "
            + "; ".join(
                f"{r.column} {r.header!r} -> {FIELD_WORDS.get(r.field) or 'not used'}" for r in g.itertuples()
            )
            + "\n"
        )
    w("\nOrganisations merged (spellings -> one organisation)\n")
    merged = q.merges[q.merges["how"] != "the name shown"]
    if merged.empty:
        w("  none\n")
    for r in merged.itertuples():
        w(f"  {r.spelling!r} -> {r.canonical!r} ({r.how})\n")
    if not q.reports.empty:
        w("\nAttendance reports\n")
        for r in q.reports.itertuples():
            when = (
                f"{r.date:%Y-%m-%d} (from {r.date_from})" if not pd.isna(r.date) else "NO DATE: give it one"
            )
            w(
                f"  {r.source_file}: {r.kind}, {r.title!r}, {when}; taken as {r.taken_as}"
                + (f" ({r.meeting_id})" if r.meeting_id else "")
                + f"; {r.joins} joins -> {r.attendees} attendees, {r.counted} counted; matched by e-mail "
                f"{r.by_email}, by name {r.by_name}, added {r.added}"
                + (f"; {r.registered} registered" if not pd.isna(r.registered) else "")
                + "\n"
            )
        not_counted = q.attendees[~q.attendees["counted"].astype(bool)]
        for r in not_counted.itertuples():
            w(f"    not counted: {r.name or r.email} ({r.source_file} row {r.source_row}): {r.why_not}\n")
    inferred = t.organizations[t.organizations["type_source"] == "inferred"]
    if len(inferred):
        w("\nPartner types worked out by ngsp (the tracker does not say them)\n")
        for r in inferred.itertuples():
            w(f"  {r.name}: {r.type} — {r.type_why}\n")
    w("\nRejected rows\n")
    if q.rejected.empty:
        w("  none\n")
    for r in q.rejected.itertuples():
        w(f"  {r.source_file} / {r.source_sheet} row {r.source_row}: {r.reason} [{r.content}]\n")
    for n in q.notes:
        w(f"\nNote: {n}\n")


def _tracker_or_sample(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Tracker files or --sample, one of the two; the sample is read like a file and never kept as a snapshot."""
    if bool(args.trackers) == args.sample:
        parser.error(f"{args.cmd}: name the tracker's files, or give --sample for the bundled sample tracker")
    if args.sample:
        from ngsp import bundled

        args.trackers, args.no_snapshot = [str(bundled.sample_tracker())], True


def _hash_password_command() -> int:
    """Print a hash of a password typed twice (or one line piped in), for [ngsp.auth] in secrets.toml."""
    import getpass

    from ngsp.access import hash_password

    if sys.stdin.isatty():
        password = getpass.getpass("Shared password: ")
        if getpass.getpass("Again: ") != password:
            print("error: the two passwords differ", file=sys.stderr)
            return 2
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        print(hash_password(password))
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


def _strict(value):
    """The value with every float that is not finite made None, for JSON that any reader accepts (no NaN,
    no Infinity: Python writes them by default, and they are not JSON)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _strict(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_strict(v) for v in value]
    return value


def _print_json(value) -> None:
    print(json.dumps(_strict(value), ensure_ascii=False, allow_nan=False))


LOG_NAME = "ngsp-errors.log"
"""Where the command line writes what the maintainer needs about an unexpected error (in the data folder)."""


def _log_unexpected(argv: list[str] | None) -> Path | None:
    """Append the traceback of the error being handled to the log in the data folder (readable by its owner
    only); its path, or None when it cannot be written."""
    from ngsp.history.store import default_path

    path = default_path().parent / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            f.write(
                f"--- {dt.datetime.now().isoformat(timespec='seconds')} ngsp {' '.join(argv or sys.argv[1:])}\n"
                f"python {sys.version.split()[0]} on {sys.platform}\n{traceback.format_exc()}\n"
            )
    except OSError:
        return None
    return path


def _unexpected(args, argv: list[str] | None) -> None:
    """Tell the user an unexpected error in words (never a class name), and keep the details for the maintainer:
    in the log file, and on standard error with --debug."""
    where = _log_unexpected(argv)
    if getattr(args, "debug", False):
        traceback.print_exc()
    trackers = getattr(args, "trackers", None) or []
    what = (
        f"{Path(trackers[0]).name}: ngsp could not read this file" if trackers else "ngsp could not do this"
    )
    details = f" (the details are in {where})" if where else ""
    print(f"error: {what}; please report it to the ngsp developers{details}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser: one subcommand per command (docs/cli.md shows each)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(  # SUPPRESS: a subcommand's default must not undo a --debug given before it
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="on an unexpected error, print the details for the developers",
    )
    p = argparse.ArgumentParser(
        prog="python -m ngsp", description="Read a sector partnership tracker.", parents=[common]
    )
    sub = p.add_subparsers(dest="cmd", required=True)

    def command(name: str, **kwargs) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], **kwargs)  # --debug after the command too

    ps = command("summary", help="what the tracker holds (ngsp.summary/1)")
    ps.add_argument("trackers", nargs="*", metavar="TRACKER")
    ps.add_argument("--corrections", metavar="FILE", help="apply corrections exported from the app (JSON)")
    ps.add_argument("--as-of", help="'today' for date-relative figures (YYYY-MM-DD; default today)")
    ps.add_argument("--json", action="store_true", help="print exactly one JSON object")
    pq = command("quality", help="the data-quality report: sheets, columns, merges, rejected rows")
    pq.add_argument("trackers", nargs="*", metavar="TRACKER")
    pq.add_argument("--corrections", metavar="FILE", help="apply corrections exported from the app (JSON)")
    pq.add_argument("--json", action="store_true")
    pe = command("export", help="write the deck (.pptx), funder report (.pdf) or clean workbook (.xlsx)")
    pe.add_argument("trackers", nargs="*", metavar="TRACKER")
    pe.add_argument("--corrections", metavar="FILE", help="apply corrections exported from the app (JSON)")
    pe.add_argument("--to", required=True, metavar="OUT", help="OUT.pptx, OUT.pdf or OUT.xlsx")
    pe.add_argument("--as-of")
    pe.add_argument(
        "--name", help="the partnership's name for the titles (remembered with the tracker's corrections)"
    )
    for sp in (ps, pq, pe):
        sp.add_argument(
            "--no-snapshot", action="store_true", help="do not keep this load as a dated snapshot"
        )
        sp.add_argument(
            "--sample",
            action="store_true",
            help="read the bundled sample tracker (a made-up partnership) instead of a file; never kept",
        )
        sp.add_argument(
            "--min-minutes",
            type=_minutes,
            default=0,
            metavar="N",
            help="count an online attendance only when the report shows at least N minutes (default 0)",
        )
    pd_ = command("diff", help="what changed between two versions of a tracker (files or snapshots)")
    pd_.add_argument("old", metavar="OLD", help="the earlier version: a file, or a snapshot's number or name")
    pd_.add_argument("new", metavar="NEW", help="the current version: a file, or a snapshot's number or name")
    pd_.add_argument("--as-of", help="'today' for the current version (YYYY-MM-DD; default today)")
    pd_.add_argument("--since", help="the day the earlier version stood for (default: its snapshot's day)")
    pd_.add_argument("--json", action="store_true", help="print exactly one JSON object (ngsp.diff/1)")
    pn = command("snapshots", help="list the kept snapshots (of one tracker), name or delete one")
    pn.add_argument("trackers", nargs="*", metavar="TRACKER", help="only this tracker's snapshots")
    pn.add_argument(
        "--name", nargs=2, metavar=("ID", "NAME"), help='name a snapshot, e.g. --name 3 "Q3 meeting"'
    )
    pn.add_argument("--delete", type=int, metavar="ID", help="delete a snapshot")
    pn.add_argument("--json", action="store_true")
    pc = command("corrections", help="show, export or import the corrections kept for a tracker")
    pc.add_argument("trackers", nargs="+", metavar="TRACKER")
    pc_do = pc.add_mutually_exclusive_group()
    pc_do.add_argument(
        "--export", dest="export_file", metavar="FILE", help="write them to FILE (- for stdout)"
    )
    pc_do.add_argument("--import", dest="import_file", metavar="FILE", help="keep the corrections in FILE")
    pc_do.add_argument("--name", help="remember the partnership's name (it titles the deck and the report)")
    pt = command("template", help="write a blank tracker template (.xlsx)")
    pt.add_argument("out", metavar="OUT.xlsx")
    sub.add_parser(
        "dashboard",
        add_help=False,  # --help and every other option go to `streamlit run`
        help="start the dashboard (Streamlit's options pass through, e.g. --server.port 8502)",
    )
    command(
        "hash-password",
        help="hash a shared password for secrets.toml (asked for, or read from standard input; never an argument)",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    p = build_parser()
    args, extra = p.parse_known_args(argv)
    if args.cmd == "dashboard":
        from ngsp.app import dashboard

        return dashboard.run(extra)
    if extra:
        p.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.cmd in ("summary", "quality", "export"):
        _tracker_or_sample(args, p)
    try:
        if args.cmd == "summary":
            from ngsp.figures import summary

            as_of = _as_of(args.as_of)
            t = _load_kept(
                args.trackers, args.corrections, not args.no_snapshot, as_of, min_minutes=args.min_minutes
            )
            s = summary(t, as_of)
            if args.json:
                _print_json(s)
            else:
                print_summary(s)
        elif args.cmd == "quality":
            t = _load_kept(
                args.trackers, args.corrections, not args.no_snapshot, min_minutes=args.min_minutes
            )
            if args.json:
                q = t.quality
                _print_json(
                    {
                        k: json.loads(getattr(q, k).to_json(orient="records"))
                        for k in ("sheets", "columns", "merges", "rejected", "reports", "attendees")
                    }
                    | {"notes": list(q.notes), "warnings": list(q.warnings)}
                )
            else:
                print_quality(t)
        elif args.cmd == "export":
            from ngsp import export

            as_of = _as_of(args.as_of)
            t = _load_kept(
                args.trackers, args.corrections, not args.no_snapshot, as_of, args.name, args.min_minutes
            )
            since = _since_for_deck(args.trackers, t, as_of) if args.to.lower().endswith(".pptx") else None
            out = export.export(t, Path(args.to), as_of, since=since)
            print(f"wrote {out}")
        elif args.cmd == "diff":
            from ngsp.history.diff import diff, print_diff

            args.trackers = [args.old, args.new]  # named in the message of an unexpected error
            as_of = _as_of(args.as_of)
            old, old_day = _tracker_or_snapshot(args.old, as_of)
            new, _ = _tracker_or_snapshot(args.new, as_of)
            since = _as_of(args.since) if args.since else old_day
            d = diff(old, new, as_of, since)
            if args.json:
                _print_json(d.to_dict())
            else:
                print_diff(d, sys.stdout)
        elif args.cmd == "snapshots":
            _snapshots_command(args)
        elif args.cmd == "corrections":
            _corrections_command(args)
        elif args.cmd == "template":
            from ngsp import export

            print(f"wrote {export.write_template(Path(args.out))}")
        elif args.cmd == "hash-password":
            return _hash_password_command()
    except TrackerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped reading (e.g. `| head`): nothing to report
        sys.stdout = None
        return 0
    except Exception:  # noqa: BLE001 - the user must never see a traceback
        _unexpected(args, argv)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
