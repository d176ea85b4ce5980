"""Installable: the declared dependencies agree with the requirements files, and `pip install .` in a fresh
virtual environment gives an `ngsp` command that works from any directory, with the sample, the fonts and the
dashboard's scripts inside the package."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import textwrap
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ngsp.figures import summary
from ngsp.ingest.pipeline import load_paths

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SAMPLE_AS_OF = "2026-11-25"  # the day sample_data/make_sample.py writes the expected summary for


def _bounds(lines: list[str]) -> dict[str, str]:
    """Requirement lines -> {normalised name: version specifier}."""
    reqs = [Requirement(line) for line in lines]
    return {canonicalize_name(r.name): str(r.specifier) for r in reqs}


def _requirements_file(name: str) -> dict[str, str]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    kept = [line.split("#")[0].strip() for line in lines]
    return _bounds([line for line in kept if line and not line.startswith("-r")])


def test_requirements_txt_is_the_declared_dependencies_with_sign_in() -> None:
    """requirements.txt installs what pyproject.toml declares plus the oidc extra, with the same lower bounds."""
    declared = _bounds(PYPROJECT["project"]["dependencies"])
    oidc = _bounds(PYPROJECT["project"]["optional-dependencies"]["oidc"])
    assert "authlib" in oidc and "authlib" not in declared  # sign-in's extra stays out of a plain install
    assert _requirements_file("requirements.txt") == declared | oidc


def test_requirements_dev_txt_is_the_dev_extra() -> None:
    dev = _bounds(PYPROJECT["project"]["optional-dependencies"]["dev"])
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    assert _requirements_file("requirements-dev.txt") == dev
    assert {"pytest-xdist", "pytest-timeout"} <= dev.keys()
    assert not dev.keys() & _bounds(PYPROJECT["project"]["dependencies"]).keys()  # test tools only


def test_the_console_script_is_the_command_line() -> None:
    assert PYPROJECT["project"]["scripts"] == {"ngsp": "ngsp.cli:main"}


# --- installed into a fresh virtual environment -------------------------------------------------------------


def installed(test):
    """Slow (a fresh install), and all on one pytest-xdist worker so that the environment is built once."""
    return pytest.mark.slow(pytest.mark.xdist_group("installed")(test))


def _clean_env(data_dir: Path) -> dict[str, str]:
    """The environment without anything that would let the checkout's package stand in for the installed one."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return env | {"NGSP_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ngsp installed with `pip install .` into a new virtual environment with no system packages; its scripts
    folder. (The environment gets no pip of its own: this interpreter's pip installs into it, without compiling
    every module, which halves the time.)"""
    where = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True, timeout=120)
    scripts = where / ("Scripts" if os.name == "nt" else "bin")
    r = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(scripts / "python"), "install",
         "--quiet", "--no-compile", "--no-input", str(ROOT)],
        capture_output=True, text=True, timeout=900, env=_clean_env(where / "unused"),
    )  # fmt: skip
    assert r.returncode == 0, f"pip install . failed:\n{r.stdout}\n{r.stderr}"
    return scripts


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A working directory with nothing of the checkout in it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def _ngsp(venv: Path, cwd: Path, data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(venv / "ngsp"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=_clean_env(data_dir),
        timeout=300,
    )


@installed
def test_the_installed_command_summarises_the_bundled_sample_from_any_directory(
    venv: Path, elsewhere: Path, data_dir: Path
) -> None:
    r = _ngsp(venv, elsewhere, data_dir, "summary", "--sample", "--json", "--as-of", SAMPLE_AS_OF)
    assert r.returncode == 0, r.stderr
    here = summary(
        load_paths([ROOT / "sample_data" / "demo_tracker.xlsx"]), dt.date.fromisoformat(SAMPLE_AS_OF)
    )
    assert json.loads(r.stdout) == here
    assert not data_dir.exists()  # the sample is never kept as a snapshot
    where = subprocess.run(
        [str(venv / "python"), "-c", "import ngsp, ngsp.bundled; print(ngsp.__file__); print(ngsp.bundled.root())"],
        capture_output=True, text=True, cwd=elsewhere, env=_clean_env(data_dir), timeout=120, check=True,
    ).stdout.splitlines()  # fmt: skip
    package = Path(where[0]).parent
    assert package.is_relative_to(venv.parent) and Path(where[1]) == package / "_bundled"


EVERY_COMMAND = textwrap.dedent("""
    import contextlib, io, json, sys
    from ngsp.cli import main
    failed = [args for args in json.loads(sys.argv[1]) if main(args) != 0]
    with contextlib.redirect_stdout(io.StringIO()) as out:
        main(["snapshots", "--json"])
    print(json.dumps({"failed": failed, "snapshots": len(json.loads(out.getvalue())["snapshots"])}))
""")


@installed
def test_every_command_runs_installed(venv: Path, elsewhere: Path, data_dir: Path) -> None:
    """Each command of the installed package, from another directory; in one process (each command's own process
    would spend most of its time importing pandas again), the console script being tested above."""
    tracker = elsewhere / "tracker.xlsx"
    tracker.write_bytes((ROOT / "sample_data" / "demo_tracker.xlsx").read_bytes())
    commands = [
        ["template", "blank.xlsx"],
        ["summary", "tracker.xlsx", "--as-of", SAMPLE_AS_OF],  # kept as a snapshot
        ["quality", "--sample", "--json"],
        ["export", "--sample", "--to", "report.pdf", "--as-of", SAMPLE_AS_OF],  # the fonts are bundled
        ["export", "tracker.xlsx", "--to", "deck.pptx", "--as-of", SAMPLE_AS_OF, "--no-snapshot"],
        ["diff", "1", "tracker.xlsx", "--as-of", SAMPLE_AS_OF, "--json"],
        ["corrections", "tracker.xlsx"],
    ]
    r = subprocess.run(
        [str(venv / "python"), "-c", EVERY_COMMAND, json.dumps(commands)],
        capture_output=True, text=True, cwd=elsewhere, env=_clean_env(data_dir), timeout=600,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.splitlines()[-1]) == {"failed": [], "snapshots": 1}, r.stderr
    assert all((elsewhere / f).stat().st_size > 0 for f in ("blank.xlsx", "report.pdf", "deck.pptx"))


DASHBOARD_CHECK = textwrap.dedent("""
    import json
    from streamlit.testing.v1 import AppTest
    from ngsp import bundled
    at = AppTest.from_file(str(bundled.app()), default_timeout=120).run()
    first = {"exceptions": [e.value for e in at.exception], "titles": [t.value for t in at.title],
             "captions": [c.value for c in at.sidebar.caption]}
    at.switch_page("pages/engagement.py").run()
    print(json.dumps({"first": first, "then": [t.value for t in at.title], "exceptions": len(at.exception)}))
""")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@installed
def test_the_installed_dashboard_opens_on_the_sample(venv: Path, elsewhere: Path, data_dir: Path) -> None:
    r = subprocess.run(
        [str(venv / "python"), "-c", DASHBOARD_CHECK],
        capture_output=True, text=True, cwd=elsewhere, env=_clean_env(data_dir), timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    seen = json.loads(r.stdout.splitlines()[-1])
    assert seen["first"]["exceptions"] == [] and seen["first"]["titles"][:1] == ["Overview"]
    assert any("sample tracker" in c for c in seen["first"]["captions"])
    assert seen["then"][:1] == ["Engagement"] and seen["exceptions"] == 0  # the pages are bundled too

    port = _free_port()  # `ngsp dashboard` serves it, Streamlit's options passed through
    server = subprocess.Popen(
        [str(venv / "ngsp"), "dashboard", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1"],
        cwd=elsewhere, env=_clean_env(data_dir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"ngsp dashboard did not start (exit status {server.poll()})")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Error" not in output, output


def test_the_dashboards_files_are_the_checkouts_in_a_checkout() -> None:
    from ngsp import bundled

    assert bundled.root() == ROOT and bundled.app() == ROOT / "app.py"
    assert bundled.sample_tracker() == ROOT / "sample_data" / "demo_tracker.xlsx"


def test_the_dashboards_files_are_the_wheels_copy_when_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ngsp import bundled

    copy = tmp_path / "_bundled"
    monkeypatch.setattr(bundled, "_WHEEL_COPY", copy)
    assert bundled.root() == ROOT  # no copy: the checkout
    copy.mkdir()
    (copy / "app.py").write_text("")
    assert bundled.app() == copy / "app.py"
    assert bundled.sample_tracker() == copy / "sample_data" / "demo_tracker.xlsx"


def test_the_wheel_carries_what_bundled_looks_for() -> None:
    """pyproject's force-include puts each of the dashboard's files where ngsp/bundled.py looks in a wheel."""
    from ngsp import bundled

    shipped = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    for source, target in shipped.items():
        assert (ROOT / source).exists(), source
        assert target == f"ngsp/_bundled/{source}"
    looked_for = [
        bundled.app(),
        bundled.sample_tracker(),
        bundled.root() / "pages",
        bundled.root() / ".streamlit/config.toml",
    ]
    assert {str(p.relative_to(ROOT)) for p in looked_for} <= shipped.keys()
