"""Reading a file from this computer's disk: only a regular file, never more than the size cap."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ngsp.core.errors import TrackerError

_NOT_A_FILE = (
    "this is not a file ngsp can read (a device, a pipe or the like): name the spreadsheet file itself"
)


def read_regular_file(path: Path, max_bytes: int, label: str, too_big) -> bytes:
    """The bytes of a regular file; anything else (a device such as /dev/zero, even behind a link, a pipe, a
    socket) is refused without reading or waiting, and so is a file over `max_bytes`.

    The file is opened first and checked through its open handle, so what is checked is what is read; the
    open does not block (a pipe nobody writes to would otherwise hang). ``too_big(size)`` words the refusal of
    a large file. OSErrors (no such file, no permission) are the caller's to word.
    """
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    )
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise TrackerError(label, _NOT_A_FILE)
        if st.st_size > max_bytes:
            raise TrackerError(label, too_big(st.st_size))
        with os.fdopen(fd, "rb") as f:
            fd = -1  # the file object closes it now
            data = f.read(max_bytes + 1)  # the file may have grown since fstat
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > max_bytes:
        raise TrackerError(label, too_big(len(data)))
    return data
