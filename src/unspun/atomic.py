"""Atomic writes: the temporary file filled beside its target, then renamed over it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def open_beside(path: Path) -> tuple[int, Path]:
    """A new file in `path`'s folder, open for writing (fd, name), to be renamed over `path`.

    Created with mode 0666 less the umask, as `open()` creates files: `tempfile.mkstemp`
    makes it 0600, and the renamed file would stay private whatever the umask says.
    OSError when the folder cannot take it.
    """
    folder = path.parent if str(path.parent) else Path(".")
    while True:
        tmp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(tmp, _FLAGS, 0o666), tmp
        except FileExistsError:  # another writer's temporary file: draw another name
            continue
