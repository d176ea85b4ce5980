"""The command line: ``python -m ngsp summary|quality|export|template``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from ngsp.errors import TrackerError


def _as_of(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise TrackerError(
            "--as-of", f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-10-15"
        ) from None


def _load(paths: list[str], corrections_file: str | None = None):
    from ngsp.corrections import Corrections
    from ngsp.load import load_paths

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
    return load_paths(paths, corrections=corrections)


def _pct(x: float | None) -> str:
    return "no partnership meetings yet" if x is None else f"{x:.1%}"


def print_summary(s: dict, out=sys.stdout) -> None:
    """The summary for a person to read."""
    o, m, a, ai = s["organizations"], s["meetings"], s["attendance"], s["action_items"]
    w = out.write
    w(f"Partnership summary as of {s['as_of']}\n\n")
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
    q = t.quality
    w = out.write
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
            + "; ".join(f"{r.column} {r.header!r} -> {r.field}" for r in g.itertuples())
            + "\n"
        )
    w("\nOrganisations merged (spellings -> one organisation)\n")
    merged = q.merges[q.merges["how"] != "the name shown"]
    if merged.empty:
        w("  none\n")
    for r in merged.itertuples():
        w(f"  {r.spelling!r} -> {r.canonical!r} ({r.how})\n")
    w("\nRejected rows\n")
    if q.rejected.empty:
        w("  none\n")
    for r in q.rejected.itertuples():
        w(f"  {r.source_file} / {r.source_sheet} row {r.source_row}: {r.reason} [{r.content}]\n")
    for n in q.notes:
        w(f"\nNote: {n}\n")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m ngsp", description="Read a sector partnership tracker.")
    sub = p.add_subparsers(dest="cmd", required=True)
    ps = sub.add_parser("summary", help="what the tracker holds (ngsp.summary/1)")
    ps.add_argument("trackers", nargs="+", metavar="TRACKER")
    ps.add_argument("--corrections", metavar="FILE", help="apply corrections exported from the app (JSON)")
    ps.add_argument("--as-of", help="'today' for date-relative figures (YYYY-MM-DD; default today)")
    ps.add_argument("--json", action="store_true", help="print exactly one JSON object")
    pq = sub.add_parser("quality", help="the data-quality report: sheets, columns, merges, rejected rows")
    pq.add_argument("trackers", nargs="+", metavar="TRACKER")
    pq.add_argument("--corrections", metavar="FILE", help="apply corrections exported from the app (JSON)")
    pq.add_argument("--json", action="store_true")
    pe = sub.add_parser(
        "export", help="write the deck (.pptx), funder report (.pdf) or clean workbook (.xlsx)"
    )
    pe.add_argument("trackers", nargs="+", metavar="TRACKER")
    pe.add_argument("--corrections", metavar="FILE", help="apply corrections exported from the app (JSON)")
    pe.add_argument("--to", required=True, metavar="OUT", help="OUT.pptx, OUT.pdf or OUT.xlsx")
    pe.add_argument("--as-of")
    pt = sub.add_parser("template", help="write a blank tracker template (.xlsx)")
    pt.add_argument("out", metavar="OUT.xlsx")
    args = p.parse_args(argv)
    try:
        if args.cmd == "summary":
            from ngsp.metrics import summary

            as_of = _as_of(args.as_of)
            s = summary(_load(args.trackers, args.corrections), as_of)
            if args.json:
                print(json.dumps(s, ensure_ascii=False))
            else:
                print_summary(s)
        elif args.cmd == "quality":
            t = _load(args.trackers, args.corrections)
            if args.json:
                q = t.quality
                print(
                    json.dumps(
                        {
                            k: json.loads(getattr(q, k).to_json(orient="records"))
                            for k in ("sheets", "columns", "merges", "rejected")
                        }
                        | {"notes": list(q.notes)},
                        ensure_ascii=False,
                    )
                )
            else:
                print_quality(t)
        elif args.cmd == "export":
            from ngsp import export

            as_of = _as_of(args.as_of)
            out = export.export(_load(args.trackers, args.corrections), Path(args.to), as_of)
            print(f"wrote {out}")
        elif args.cmd == "template":
            from ngsp import export

            print(f"wrote {export.write_template(Path(args.out))}")
    except TrackerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped reading (e.g. `| head`): nothing to report
        sys.stdout = None
        return 0
    except Exception as e:  # noqa: BLE001 - the user must never see a traceback
        print(
            f"error: {getattr(args, 'trackers', ['?'])[0]}: could not be read ({type(e).__name__}); "
            "save it again from Excel as .xlsx and retry, or report this file to the ngsp developers",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
