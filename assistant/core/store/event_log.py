"""An append-only log of small events, one JSON object per line, a file per month.

Recording a use must not rewrite a file that grows all month: an append of one line (under
the folder's lock, then fsync) costs the same on the first day and the last. A line cut
short by a crash is the only kind of damage possible, and readers skip it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import orjson

from assistant.core.errors import StorageError
from assistant.core.store.atomic import (
    PRIVATE_FILE,
    atomic_write,
    describe_error,
    ensure_private_dir,
    fsync_dir,
)
from assistant.core.store.unit import WriteUnit

SUFFIX = ".jsonl"


class EventLog:
    def __init__(self, folder: Path, unit: WriteUnit | None = None) -> None:
        self.folder = folder
        self._unit = unit or WriteUnit(folder.parent)

    def locked(self) -> AbstractContextManager[None]:
        """The data folder's lock (the log has no lock of its own)."""
        return self._unit.held()

    def path(self, month: str) -> Path:
        return self.folder / f"{month}{SUFFIX}"

    def append(self, month: str, event: dict[str, Any]) -> None:
        line = orjson.dumps(event) + b"\n"
        path = self.path(month)
        try:
            ensure_private_dir(self.folder)
            with self._unit.held():
                fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, PRIVATE_FILE)
                try:
                    size = os.fstat(fd).st_size
                    if size and _byte_at(fd, size - 1) != b"\n":
                        # A line cut short (a crash, a full disk): end it, so this event
                        # is not glued onto it and skipped with it.
                        line = b"\n" + line
                    view = memoryview(line)
                    while view:  # a write may be short
                        view = view[os.write(fd, view) :]
                    os.fsync(fd)
                finally:
                    os.close(fd)
                if not size:  # a new month's file: its name is durable with its folder
                    fsync_dir(self.folder)
        except OSError as exc:
            raise StorageError(describe_error(exc, path)) from exc

    def months(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.name[: -len(SUFFIX)] for p in self.folder.glob(f"*{SUFFIX}"))

    def events(self, month: str) -> Iterator[dict[str, Any]]:
        try:
            raw = self.path(month).read_bytes()
        except FileNotFoundError:
            return
        for line in raw.splitlines():
            with contextlib.suppress(orjson.JSONDecodeError):
                event = orjson.loads(line)
                if isinstance(event, dict):
                    yield event

    def rewrite(
        self, month: str, keep: Callable[[dict[str, Any]], bool], force: bool = False
    ) -> int:
        """Drop the events ``keep`` rejects (privacy erase); returns how many were dropped.

        ``force`` rewrites even when none is dropped: lines cut short (never read) go too."""
        with self._unit.held():
            events = list(self.events(month))
            kept = [e for e in events if keep(e)]
            if force or len(kept) != len(events):
                atomic_write(self.path(month), b"".join(orjson.dumps(e) + b"\n" for e in kept))
        return len(events) - len(kept)


def _byte_at(fd: int, offset: int) -> bytes:
    """One byte of the file (os.pread is not on Windows; appends ignore the position)."""
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, 1)
