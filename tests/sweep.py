"""Sweep ngsp over generated messy trackers with known truth, and score how many figures come out right.

    python tests/sweep.py --families all --seeds 1-40 --formats xlsx,csv
    python tests/sweep.py --families new --seeds 1-5 --holdout DIR     # write cases, do not run ngsp
    python tests/sweep.py --score DIR                                  # score a folder written by --holdout

Families: messygen's layouts (template, grid, signin) and messylayouts' families; "old", "new" or "all",
or a comma-separated list. A check is each top-level figure of the summary (organizations, people,
meetings, attendance, action_items, lapsed_businesses, rejected_rows — a figure with parts is right only
when every part is), plus each cadence quarter and each priority; a cadence quarter or priority that ngsp
reports but the truth does not have is one more check, wrong. schema and as_of are not checks. A case
whose files ngsp refuses scores every check wrong.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import traceback
from collections import defaultdict
from datetime import date
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import messygen as mg  # noqa: E402
import messylayouts as ml  # noqa: E402

ENTRY_KEYS = ("cadence", "priorities")
SKIP_KEYS = ("schema", "as_of", "warnings")


def families(spec: str) -> list[str]:
    """The families a --families argument names."""
    groups = {"old": list(mg.LAYOUTS), "new": list(ml.FAMILIES), "all": [*mg.LAYOUTS, *ml.FAMILIES]}
    if spec in groups:
        return groups[spec]
    out = [f.strip() for f in spec.split(",") if f.strip()]
    unknown = [f for f in out if f not in groups["all"]]
    if unknown:
        raise SystemExit(f"unknown famil{'y' if len(unknown) == 1 else 'ies'}: {', '.join(unknown)}")
    return out


def seeds(spec: str) -> list[int]:
    """'1-40' or '1,5,9' or '3'."""
    out: list[int] = []
    for part in spec.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b) + 1)) if b else [int(a)]
    return out


def score(expected: dict, actual: dict | None) -> tuple[int, int, list[str]]:
    """(right, checks, differences) of one case (see the module docstring for what a check is)."""
    right = total = 0
    problems: list[str] = []
    actual = actual or {}
    for key, want in expected.items():
        if key in SKIP_KEYS:
            continue
        if key in ENTRY_KEYS:
            got = actual.get(key) or {}
            fold = (lambda k: str(k).casefold()) if key == "priorities" else (lambda k: k)
            got_f = {fold(k): v for k, v in got.items()}
            for entry, w in want.items():
                d = (
                    mg.diff(w, got_f[fold(entry)], f".{key}.{entry}")
                    if fold(entry) in got_f
                    else [f".{key}.{entry}: missing (expected {w!r})"]
                )
                total += 1
                right += not d
                problems += d
            want_f = {fold(k) for k in want}
            for entry, g in got.items():
                if fold(entry) not in want_f:
                    total += 1
                    problems.append(f".{key}.{entry}: unexpected {g!r}")
            continue
        d = mg.diff(want, actual[key], f".{key}") if key in actual else [f".{key}: missing"]
        total += 1
        right += not d
        problems += d
    return right, total, problems


def summary_of(paths: list[Path], as_of: date) -> dict:
    """ngsp's summary of a tracker, imported the way the app's own code does."""
    from ngsp.ingest.pipeline import load_paths

    try:
        from ngsp.figures import summary
    except ImportError:  # the figures package reorganised: summary at its top
        from ngsp.figures import summary
    return summary(load_paths(paths), as_of)


FORCED: dict = {}  # knobs forced by --force (new families only)


def parse_force(spec: str) -> dict:
    """'creds=False,tool=asana' -> {'creds': False, 'tool': 'asana'}."""
    out: dict = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        k, _, v = part.partition("=")
        out[k] = {"True": True, "False": False}.get(v, int(v) if v.isdigit() else v)
    return out


def make(family: str, seed: int, fmt: str, folder: Path) -> mg.Case:
    if family in mg.LAYOUTS:
        return mg.make_case(seed, family, fmt, folder)
    return ml.make_case(seed, family, fmt, folder, knobs=FORCED)


def knobs(case: mg.Case) -> dict:
    if case.layout in ml.FAMILIES:
        return ml.relevant_knobs(case.layout, case.variant)
    return {k: v for k, v in case.variant.items() if v is not False}


def run_one(job: tuple[str, int, str, dict]) -> dict:
    family, seed, fmt, forced = job
    FORCED.clear()
    FORCED.update(forced)
    with tempfile.TemporaryDirectory() as tmp:
        case = make(family, seed, fmt, Path(tmp))
        try:
            got: dict | None = summary_of(case.paths, case.as_of)
            error = ""
        except Exception as e:  # a refused or crashing read scores every check wrong
            got, error = None, f"{type(e).__name__}: {e}".splitlines()[0][:300]
            if not isinstance(e, ValueError | KeyError) and "TrackerError" not in type(e).__name__:
                error += " | " + traceback.format_exc(limit=-2).strip().splitlines()[-3].strip()
        right, total, problems = score(case.expected, got)
        return {
            "family": family,
            "seed": seed,
            "fmt": fmt,
            "right": right,
            "checks": total,
            "problems": problems,
            "error": error,
            "knobs": {k: v for k, v in knobs(case).items() if not isinstance(v, set)},
        }


def report(results: list[dict], show: int, out=sys.stdout) -> None:
    by: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        by[r["family"]].append(r)
    w = max(len(f) for f in by) if by else 6
    print(f"{'family':<{w}}  cases  exact  checks right/total  share", file=out)
    tot_r = tot_c = tot_ok = 0
    for fam, rs in by.items():
        r_, c_ = sum(r["right"] for r in rs), sum(r["checks"] for r in rs)
        ok = sum(r["right"] == r["checks"] for r in rs)
        tot_r, tot_c, tot_ok = tot_r + r_, tot_c + c_, tot_ok + ok
        print(f"{fam:<{w}}  {len(rs):5d}  {ok:5d}  {r_:8d}/{c_:<8d}  {r_ / max(1, c_):.3f}", file=out)
    print(
        f"{'overall':<{w}}  {len(results):5d}  {tot_ok:5d}  {tot_r:8d}/{tot_c:<8d}  {tot_r / max(1, tot_c):.3f}",
        file=out,
    )
    fmts = sorted({r["fmt"] for r in results})
    for fmt in fmts if len(fmts) > 1 else []:
        rs = [r for r in results if r["fmt"] == fmt]
        r_, c_ = sum(r["right"] for r in rs), sum(r["checks"] for r in rs)
        ok = sum(r["right"] == r["checks"] for r in rs)
        print(f"{'  ' + fmt:<{w}}  {len(rs):5d}  {ok:5d}  {r_:8d}/{c_:<8d}  {r_ / max(1, c_):.3f}", file=out)
    if show:
        print("\nfailing cases (first differences):", file=out)
        for fam, rs in by.items():
            for r in [r for r in rs if r["right"] != r["checks"]][:show]:
                head = f"- {fam} seed {r['seed']} {r['fmt']}: {r['right']}/{r['checks']}"
                print(head + (f"  ERROR {r['error']}" if r["error"] else ""), file=out)
                for p in r["problems"][:4]:
                    print(f"    {p}", file=out)
                print(f"    knobs: {r['knobs']}", file=out)


def holdout(fams: list[str], seed_list: list[int], fmts: list[str], folder: Path) -> None:
    """Write each case with its expected.json and case.json (as-of, files, family, knobs) for later runs."""
    folder.mkdir(parents=True, exist_ok=True)
    for fam in fams:
        for seed in seed_list:
            for fmt in fmts:
                d = folder / f"{fam}-s{seed}-{fmt}"
                if d.exists():
                    shutil.rmtree(d)
                case = make(fam, seed, fmt, d)
                (d / "expected.json").write_text(json.dumps(case.expected, indent=2) + "\n")
                meta = {
                    "family": fam,
                    "seed": seed,
                    "format": fmt,
                    "as_of": case.as_of.isoformat(),
                    "files": [p.relative_to(d).as_posix() for p in case.paths],
                    "knobs": {k: v for k, v in knobs(case).items() if not isinstance(v, set)},
                }
                (d / "case.json").write_text(json.dumps(meta, indent=2, default=str) + "\n")
                print(f"wrote {d.name}: {len(case.paths)} file(s)")


def score_folder(folder: Path) -> list[dict]:
    """Score ngsp on a folder written by --holdout."""
    results = []
    for d in sorted(p for p in folder.iterdir() if (p / "case.json").exists()):
        meta = json.loads((d / "case.json").read_text())
        expected = json.loads((d / "expected.json").read_text())
        try:
            got: dict | None = summary_of([d / f for f in meta["files"]], date.fromisoformat(meta["as_of"]))
            error = ""
        except Exception as e:
            got, error = None, f"{type(e).__name__}: {e}".splitlines()[0][:300]
        right, total, problems = score(expected, got)
        results.append(
            {
                "family": meta["family"],
                "seed": meta["seed"],
                "fmt": meta["format"],
                "right": right,
                "checks": total,
                "problems": problems,
                "error": error,
                "knobs": meta.get("knobs", {}),
            }
        )
    return results


def vocab_overlap() -> list[tuple[str, str]]:
    """The generator's own words (headers, type words, status phrases) that ngsp's vocabulary lists,
    found by walking the vocabulary module's data without printing any of its words."""
    import importlib
    import pkgutil
    import re
    import types

    def norm(x: str) -> str:
        return re.sub(r"[^a-z0-9%#]+", " ", x.casefold()).strip()

    strings: set[str] = set()
    patterns: list[re.Pattern] = []

    def walk(x: object, depth: int = 0) -> None:
        if depth > 6:
            return
        if isinstance(x, str):
            strings.add(norm(x))
        elif isinstance(x, re.Pattern):
            patterns.append(x)
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(k, depth + 1)
                walk(v, depth + 1)
        elif isinstance(x, list | tuple | set | frozenset):
            for v in x:
                walk(v, depth + 1)

    root = importlib.import_module("ngsp.ingest.vocab")
    mods = [root] + [
        importlib.import_module(f"{root.__name__}.{m.name}")
        for m in pkgutil.iter_modules(getattr(root, "__path__", []))
    ]
    for mod in mods:
        for name, obj in vars(mod).items():
            if not name.startswith("__") and not isinstance(
                obj, types.ModuleType | types.FunctionType | type
            ):
                walk(obj)
    mine = [(r, x) for r, ws in ml.HEADERS.items() for w in ws for x in (w if isinstance(w, tuple) else (w,))]
    mine += [("type word", x) for pair in ml.NEW_TYPE_WORDS for x in pair]
    mine += [(f"status {k}", x) for k, ws in ml.STATUS_PHRASES.items() for x in ws]
    return [
        (role, w)
        for role, w in mine
        if norm(w) in strings or any(p.fullmatch(norm(w)) or p.fullmatch(w.casefold()) for p in patterns)
    ]


class _Serial:
    """Pool's imap in this process (for --jobs 1)."""

    def __enter__(self) -> _Serial:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def imap(self, fn, jobs):  # noqa: ANN001, ANN201
        return map(fn, jobs)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--families", default="all", help="all, old, new, or a comma-separated list")
    ap.add_argument("--seeds", default="1-10", help="e.g. 1-40 or 1,2,7")
    ap.add_argument("--formats", default="xlsx,csv", help=f"comma-separated, of {', '.join(mg.FORMATS)}")
    ap.add_argument("--show", type=int, default=3, help="failing cases to show per family")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes")
    ap.add_argument("--json", type=Path, help="also write every case's result here")
    ap.add_argument(
        "--holdout", type=Path, help="write the cases (with expected.json) here instead of running ngsp"
    )
    ap.add_argument(
        "--per-family", type=int, help="with --holdout: only the first N seeds (N cases per family)"
    )
    ap.add_argument("--score", type=Path, help="score ngsp on a folder written by --holdout")
    ap.add_argument(
        "--force", default="", help="force knobs of the new families, e.g. creds=False,tool=asana"
    )
    ap.add_argument(
        "--vocab-overlap", action="store_true", help="list the generator's words ngsp's vocabulary has"
    )
    args = ap.parse_args(argv)
    forced = parse_force(args.force)
    if args.vocab_overlap:
        for role, w in vocab_overlap():
            print(f"{role}: {w}")
        return
    fmts = [f.strip() for f in args.formats.split(",") if f.strip()]
    if args.score:
        results = score_folder(args.score)
    elif args.holdout:
        FORCED.update(forced)
        holdout(families(args.families), seeds(args.seeds)[: args.per_family], fmts, args.holdout)
        return
    else:
        jobs = [
            (f, s, fmt, forced) for f in families(args.families) for s in seeds(args.seeds) for fmt in fmts
        ]
        results = []
        with Pool(args.jobs) if args.jobs > 1 else _Serial() as pool:
            for n, res in enumerate(pool.imap(run_one, jobs), start=1):
                results.append(res)
                if n % 25 == 0 or n == len(jobs):
                    print(f"  {n}/{len(jobs)} cases", file=sys.stderr, flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))
    report(results, args.show)


if __name__ == "__main__":
    main()
