"""Writing a file so that an interrupted run never leaves half of it.

One helper for every file the library or the command writes: the content goes
to a temporary file in the same folder, which replaces the target only when it
is complete. A link is followed to the file it points at, an existing file keeps
its permissions, and a target that is no regular file (``/dev/stdout``, a pipe)
is written directly, as it cannot be replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_file"]


@contextlib.contextmanager
def atomic_file(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary stream that becomes *target* when the ``with`` block ends without error.

    Raises :class:`OSError` when the folder cannot be written; on any error the
    temporary file is removed and *target* is left as it was.
    """
    path = Path(os.path.realpath(target))  # through a link, to the file it points at
    mode = path.stat().st_mode if path.exists() else None
    if mode is not None and not stat.S_ISREG(mode):
        with path.open("wb") as stream:
            yield stream
        return
    import tempfile  # here, when a file is written: it costs start-up time

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else _new_file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _new_file_mode() -> int:
    """The mode a new file gets from the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
