"""`python -m ngsp ...`: the command line (ngsp.cli)."""

import sys

from ngsp.cli import main

if __name__ == "__main__":
    sys.exit(main())
