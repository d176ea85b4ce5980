"""The core against trackers it has never seen: generated messy trackers with known truth.

Each case draws a partnership from a seed (tests/messygen.py), writes it in one layout and file format with
seeded messiness, reads it back through ngsp, and compares ``summary`` with the summary computed from the
truth, key by key. These tests measure whether the core generalises; a failure names the case, its
variant (what messiness it drew) and every key that differs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import messygen as mg
import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
SEEDS = range(1, 13)

# (seed, layout, format): every layout as .xlsx; the other formats on a rotation of layouts.
CASES = [(s, lay, "xlsx") for s in SEEDS for lay in mg.LAYOUTS]
CASES += [(s, mg.LAYOUTS[s % 3], "csv") for s in SEEDS]
CASES += [(s, mg.LAYOUTS[(s + 1) % 3], "ods") for s in range(1, 7)]
CASES += [(s, mg.LAYOUTS[(s + 2) % 3], "xlsx-split") for s in range(7, 13)]
OFFICE_CASES = [(s, mg.LAYOUTS[s % 3], fmt) for s in (21, 22, 23) for fmt in ("xls", "lo-xlsx", "lo-ods")]


def _summary(paths: list[Path], as_of: date) -> dict:
    from ngsp.figures.summary import summary
    from ngsp.ingest.pipeline import load_paths

    return summary(load_paths(paths), as_of)


def _relevant(knob: str, layout: str) -> bool:
    """Whether a messiness knob applies to a layout (so a failure shows only what shaped the file)."""
    own = {"template": ("log_", "meetings_"), "grid": ("grid_",), "signin": ("signin_", "signature")}
    other = [p for lay, prefixes in own.items() if lay != layout for p in prefixes]
    return not knob.startswith(tuple(other))


def _check(case: mg.Case, got: dict) -> None:
    problems = mg.diff(case.expected, got)
    if problems:
        knobs = {k: v for k, v in case.variant.items() if _relevant(k, case.layout) and v is not False}
        pytest.fail(
            f"seed {case.seed}, {case.layout}, {case.fmt} ({len(problems)} differences)\n  "
            + "\n  ".join(problems)
            + f"\nvariant: {knobs}\nfiles: {[p.name for p in case.paths][:5]}",
            pytrace=False,
        )


# -- the generator itself -------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [*range(1, 31), 150])
def test_truth_is_self_consistent(seed: int) -> None:
    truth = mg.make_partnership(seed, n_orgs=150 if seed == 150 else None)
    assert mg.check_truth(truth) == []
    s = mg.expected_summary(truth)
    orgs, meetings, items = s["organizations"], s["meetings"], s["action_items"]
    assert orgs["total"] == orgs["business"] + orgs["public"] > 0
    assert meetings["total"] == sum(v for k, v in meetings.items() if k != "total")
    assert meetings["launch"] == 1
    assert items["total"] == sum(items[k] for k in mg.STATUSES)
    assert items["overdue"] <= items["in_progress"] + items["not_started"] + items["stalled"]
    assert sum(p["items"] for p in s["priorities"].values()) == items["total"]
    assert 0 < s["attendance"]["business_share_full"] <= 1
    assert 0 <= s["lapsed_businesses"] <= orgs["business"]
    assert s["people"] <= len(truth.people)
    # The partnership holds deliberately near-named but different organisations.
    firsts = [o.name.split(" ")[0] for o in truth.orgs if o.kind == "business"]
    assert len(firsts) > len(set(firsts))
    # Funders that are no partner are not organisations of the partnership.
    assert not {f.lower() for f in truth.funders_only} & {o.name.lower() for o in truth.orgs}


@pytest.mark.parametrize("layout", mg.LAYOUTS)
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_rendering_is_seeded_and_keeps_the_truth(seed: int, layout: str) -> None:
    truth = mg.make_partnership(seed)
    a, b = mg.render(truth, layout), mg.render(mg.make_partnership(seed), layout)
    assert [(s.name, s.rows, s.merges) for s in a.book.sheets] == [
        (s.name, s.rows, s.merges) for s in b.book.sheets
    ]
    assert mg.check_truth(a.truth) == []
    # What a layout cannot carry is dropped from the truth it returns, never added.
    assert {p.id for p in a.truth.counted_people()} <= {p.id for p in truth.counted_people()}
    assert a.truth.attendance == truth.attendance
    assert len(a.truth.items) == len(truth.items)


# -- the core on generated trackers ----------------------------------------------------------------


@pytest.mark.parametrize(("seed", "layout", "fmt"), CASES, ids=[f"s{s}-{lay}-{f}" for s, lay, f in CASES])
def test_generated_tracker(seed: int, layout: str, fmt: str, tmp_path: Path) -> None:
    case = mg.make_case(seed, layout, fmt, tmp_path)
    _check(case, _summary(case.paths, case.as_of))


@pytest.mark.parametrize("layout", mg.LAYOUTS)
def test_generated_tracker_as_of_mid_way(layout: str, tmp_path: Path) -> None:
    """as-of before the last meetings: date-relative figures count only what had happened by then."""
    truth = mg.make_partnership(31 + mg.LAYOUTS.index(layout))
    rendered = mg.render(truth, layout)
    paths = mg.write(rendered, "xlsx", tmp_path)
    as_of = truth.as_of - timedelta(days=200)
    case = mg.Case(truth.seed, layout, "xlsx", paths, as_of, rendered.expected(as_of), rendered.variant)
    _check(case, _summary(paths, as_of))


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["template", "grid"])
def test_generated_tracker_150_organisations(layout: str, tmp_path: Path) -> None:
    case = mg.make_case(150, layout, "xlsx", tmp_path, n_orgs=150, years=2.5)
    _check(case, _summary(case.paths, case.as_of))


@pytest.mark.parametrize(("seed", "layout", "fmt"), [(41, "template", "xlsx"), (42, "grid", "csv")])
def test_generated_tracker_through_the_command_line(seed: int, layout: str, fmt: str, tmp_path: Path) -> None:
    case = mg.make_case(seed, layout, fmt, tmp_path)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "ngsp",
            "summary",
            *map(str, case.paths),
            "--as-of",
            case.as_of.isoformat(),
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    _check(case, json.loads(run.stdout))


@pytest.fixture(scope="module")
def office_cases(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[int, str, str], mg.Case]:
    """Files converted by LibreOffice, one run of soffice per target format (it starts slowly)."""
    if mg.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: .xls and LibreOffice re-saves cannot be made")
    root = tmp_path_factory.mktemp("office")
    made: dict[tuple[int, str, str], tuple[Path, mg.Rendered]] = {}
    for seed, layout, fmt in OFFICE_CASES:
        rendered = mg.render(mg.make_partnership(seed), layout)
        rendered.book.title = f"s{seed}_{layout}_{fmt}"
        made[(seed, layout, fmt)] = (
            mg.write_xlsx(rendered.book, root / f"{rendered.book.title}.xlsx"),
            rendered,
        )
    out: dict[tuple[int, str, str], mg.Case] = {}
    for fmt, target in mg.LIBREOFFICE_TARGET.items():
        keys = [k for k in made if k[2] == fmt]
        converted = mg.convert_with_libreoffice([made[k][0] for k in keys], target, root / fmt)
        for k, path in zip(keys, converted, strict=True):
            rendered = made[k][1]
            as_of = rendered.truth.as_of
            out[k] = mg.Case(k[0], k[1], fmt, [path], as_of, rendered.expected(as_of), rendered.variant)
    return out


@pytest.mark.office
@pytest.mark.xdist_group("libreoffice")  # one worker runs LibreOffice once for all of them (office_cases)
@pytest.mark.parametrize(
    ("seed", "layout", "fmt"), OFFICE_CASES, ids=[f"s{s}-{lay}-{f}" for s, lay, f in OFFICE_CASES]
)
def test_generated_tracker_saved_by_libreoffice(seed: int, layout: str, fmt: str, office_cases: dict) -> None:
    case = office_cases[(seed, layout, fmt)]
    _check(case, _summary(case.paths, case.as_of))


# -- committed golden workbooks and the demo tracker ----------------------------------------------


def _golden() -> list[Path]:
    return sorted(GOLDEN.glob("*.xlsx"))


@pytest.mark.parametrize("path", _golden(), ids=[p.stem for p in _golden()])
def test_golden_workbook(path: Path) -> None:
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text())
    got = _summary([path], date.fromisoformat(expected["as_of"]))
    problems = mg.diff(expected, got)
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


def test_demo_tracker_reads_as_expected() -> None:
    path = ROOT / "sample_data" / "demo_tracker.xlsx"
    expected = json.loads((ROOT / "sample_data" / "demo_tracker.expected.json").read_text())
    got = _summary([path], date.fromisoformat(expected["as_of"]))
    problems = mg.diff(expected, got)
    assert not problems, "demo_tracker.xlsx:\n  " + "\n  ".join(problems)


def test_committed_expectations_match_their_generators() -> None:
    """The committed .expected.json files are what the seeded scripts compute today."""
    sys.path.insert(0, str(ROOT / "sample_data"))
    sys.path.insert(0, str(GOLDEN))
    try:
        import make_golden
        import make_sample
    finally:
        sys.path.pop(0)
        sys.path.pop(0)
    demo = make_sample.build().expected(make_sample.AS_OF)
    assert demo == json.loads((ROOT / "sample_data" / "demo_tracker.expected.json").read_text())
    for name, rendered, as_of in make_golden.build():
        committed = json.loads((GOLDEN / f"{name}.xlsx.expected.json").read_text())
        assert rendered.expected(as_of) == committed, name
