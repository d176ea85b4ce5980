"""A roster: partners and their people, or partner organisations alone."""

from __future__ import annotations

from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.readers.people import people_rows
from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table

FUNDING_ONLY = {"amount", "funder", "funding_kind", "funding_status"}


def claim(seen: Seen) -> Table | None:
    if seen.has_person:
        return seen.people_as("roster", "a list of partners and their people")
    pf, anyf = seen.pf, seen.anyf
    if "org" in pf and ("org_type" in pf or not (anyf & FUNDING_ONLY)):
        if not ({"amount", "funder"} & anyf) or "org_type" in pf:
            return seen.people_as("roster", "a list of partner organisations")
    return None


READER = Reader("roster", claim, people_rows, lambda seen: seen.people_as("roster", SAID))
