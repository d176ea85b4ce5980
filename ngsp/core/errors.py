"""The one exception a user can meet: a message a convener understands, naming the file."""

from __future__ import annotations


class TrackerError(Exception):
    """A problem with an input file that the user can fix; ``str()`` is ``FILE: what is wrong and what to do``."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message
