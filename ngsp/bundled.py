"""Where the dashboard's own files are: its scripts (app.py, pages/), Streamlit's settings and the sample tracker.

In a checkout they are the top-level files beside the package. An installed wheel carries a copy of the same
files inside the package, in ``ngsp/_bundled/`` laid out as the checkout is (pyproject.toml's force-include
puts them there), so ``ngsp dashboard`` and ``ngsp summary --sample`` work from any directory.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_WHEEL_COPY = _PACKAGE / "_bundled"


def root() -> Path:
    """The folder holding app.py, pages/, .streamlit/config.toml and sample_data/: the copy an installed wheel
    carries, else the checkout the package was imported from (a checkout or an editable install)."""
    return _WHEEL_COPY if (_WHEEL_COPY / "app.py").is_file() else _PACKAGE.parent


def app() -> Path:
    """The dashboard's entry point, the script ``streamlit run`` is given."""
    return root() / "app.py"


def sample_tracker() -> Path:
    """The demo tracker (made by sample_data/make_sample.py) the dashboard opens on; it may be missing from an
    installation that did not bundle it, and callers say so."""
    return root() / "sample_data" / "demo_tracker.xlsx"
