"""``ngsp dashboard``: Streamlit's own ``streamlit run`` on the dashboard's app.py, wherever ngsp is installed."""

from __future__ import annotations

import sys

from streamlit.web import cli

from ngsp import bundled


def run(streamlit_args: list[str]) -> int:
    """Serve the dashboard as ``streamlit run app.py`` would, passing Streamlit's options (``--server.port 8502``,
    ``--server.headless true`` ...) through; returns the exit status when the server stops."""
    app = bundled.app()
    if not app.is_file():
        print(
            f"error: {app}: the dashboard's app.py is missing; reinstall ngsp (pip install .)",
            file=sys.stderr,
        )
        return 2
    try:
        cli.main(["run", str(app), *streamlit_args], prog_name="streamlit")
    except SystemExit as e:  # click ends every command with sys.exit
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    return 0
