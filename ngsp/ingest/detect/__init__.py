"""Raw sheets -> what each table is: where its header is, what each column means, what kind of table it is.

A sheet is first seen (``seen``: its header row, title lines and the fields its columns may mean); then the
readers registered in ``readers`` are tried in order, and the first that claims the sheet gives its table. Kinds:
``roster`` (people and/or organisations), ``meetings`` (a meetings list), ``attendance_log`` (one row per person
per meeting), ``grid`` (people down, one column per meeting), ``signin`` (one meeting's sign-in sheet),
``action_plan``, ``funding``; anything else is ``set_aside`` with the reason.
"""

from ngsp.ingest.detect.sheet import claim_raw, detect_sheet
from ngsp.ingest.detect.table import Table, cell_text, filled

__all__ = ["Table", "cell_text", "claim_raw", "detect_sheet", "filled"]
