"""The README and docs/ stay true: their commands, settings, links and file paths match the code."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from ngsp import cli

DOCS = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md", ROOT / "tests" / "README.md"]


def _text(path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_readme_runs_the_tests_as_ci_does() -> None:
    readme, ci = _text(ROOT / "README.md"), _text(ROOT / ".ci" / "run")
    assert "pip install -r requirements-dev.txt && python -m pytest\n" in readme
    assert "pip install -q -r requirements-dev.txt && python3 -m pytest -q" in ci
    assert "pip install . && ngsp dashboard\n" in readme
    assert len(readme.splitlines()) <= 50, "the README is one screen: put the rest in docs/"


def test_every_command_is_in_the_command_line_guide() -> None:
    usage = cli.build_parser().format_usage()
    parser_commands = set(re.search(r"\{([\w,-]+)\}", usage).group(1).split(","))
    guide = _text(ROOT / "docs" / "cli.md")
    assert parser_commands, "no subcommands found"
    missing = sorted(c for c in parser_commands if f"ngsp {c}" not in guide)
    assert not missing, f"docs/cli.md does not show: {missing}"


def test_every_environment_setting_is_in_the_settings_guide() -> None:
    read = set()
    for path in (ROOT / "ngsp").rglob("*.py"):
        read |= set(re.findall(r"\bNGSP_[A-Z_]+\b", _text(path)))
    guide = _text(ROOT / "docs" / "settings.md")
    assert read and not sorted(v for v in read if f"`{v}`" not in guide)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_and_paths_point_at_files_that_exist(doc) -> None:
    text = _text(doc)
    links = [t for t in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text) if "://" not in t]
    broken = [t for t in links if not (doc.parent / t).exists()]
    assert not broken, f"{doc.name}: links to missing files {broken}"
    # Repository paths written in backticks (ngsp/..., pages/..., tests/..., sample_data/...).
    paths = re.findall(r"`((?:ngsp|pages|tests|sample_data|docs|benchmarks)/[\w./-]+?)`", text)
    missing = sorted({p for p in paths if not (ROOT / p).exists()})
    assert not missing, f"{doc.name} names files that are not in the tree (update the doc): {missing}"
