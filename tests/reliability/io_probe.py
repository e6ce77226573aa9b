"""An audit hook that tells a watching test where a process is in its writes.

Installed in a writer process (by a ``sitecustomize`` on PYTHONPATH, or directly in a
forked child), it writes ``@io <event>`` to file descriptor 2 before every operation that
can change a file under the watched folder: an open for writing, mkstemp, link, rename,
remove (not mkdir or chmod: the storage calls them on every start, on folders that exist,
and a kill there proves nothing). A test that counts these lines can kill the writer
inside its write protocol (mid-write, between the backup link and the rename...) without
sleeping.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any

MARK = b"@io "
EVENTS = frozenset({"open", "os.rename", "os.link", "os.remove", "tempfile.mkstemp"})
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND


def _changes_files(event: str, args: tuple[Any, ...]) -> bool:
    if event not in EVENTS or not args or isinstance(args[0], int):
        return False
    if event != "open":
        return True
    mode, flags = args[1], args[2]  # reads cannot hurt: only opens that can write count
    if isinstance(mode, str):
        return any(c in mode for c in "wax+")
    return bool((flags or 0) & _WRITING)


def install(root: str, gate: int | None = None) -> None:
    """With ``gate``, a file descriptor, the process also waits after each line for one byte
    from the watcher before going on: the watcher can then kill it exactly there."""

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if not _changes_files(event, args):
            return
        try:
            path = os.fsdecode(args[0])
        except (TypeError, ValueError):
            return
        if path.startswith(root):
            with contextlib.suppress(OSError):
                os.write(2, MARK + event.encode() + b"\n")
                if gate is not None:
                    os.read(gate, 1)

    sys.addaudithook(hook)
