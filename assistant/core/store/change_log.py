"""Which documents each commit changed, told to the other processes on the same folder.

A search index follows a collection's shard files (``core/search/index.py``). When a shard
file changed and this process did not write it (a `kefu` command, a sync in a thread with
objects of its own, another app), which of its documents changed was not known: the index
read the shard and compared each of its ~300 documents with what it held, ~3 ms of the next
search. So each commit also appends one line per shard it wrote to the collection's log of
recent changes: the shard, its file's signature before and after, the keys put or deleted.
A reader that finds a chain of lines from the signature it indexed to the one on disk knows
which keys changed, whoever wrote them.

A line is a hint, never the data. A missing line (a writer killed between its rename and the
append, an older version, a recovery or a restore, which write without one), a line cut
short, or one that names too many keys leaves no chain, and the reader compares the
documents as before. Appends are made under the folder's lock (a write unit's commit), so
lines come in the order of the commits. The log is not backed up (its name starts with a
dot), starts again past ``MAX_BYTES``, and an erase removes it: it names keys, which may be
buyers' accounts.
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from assistant.core.store.atomic import PRIVATE_FILE, atomic_write

LOG_NAME = ".recent-changes"
MAX_BYTES = 256 * 1024  # then the next append starts the log again
MAX_KEYS = 500  # a commit of more (an import, a sync) is logged as "not known"
KEPT = 64  # lines kept per shard by a reader: one that fell further behind compares
FIRST_READ = 32 * 1024  # a reader new to the log reads its last lines only

Signature = tuple[int, ...] | None
Line = tuple[Signature, Signature, frozenset[str] | None]


class _NotASignature(ValueError):
    pass


def _signature(value: Any) -> Signature:
    """A signature from its JSON form (a file's inode, size and time, or null)."""
    if value is None:
        return None
    if isinstance(value, list) and value and all(type(v) is int for v in value):
        return tuple(value)
    raise _NotASignature


class ChangeLog:
    """One collection's log: written by each commit, read by each process's index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: tuple[int, int] | None = None  # the log's inode, and the bytes read of it
        self._lines: dict[int, deque[Line]] = {}

    # -- writing (under the folder's lock) -------------------------------------------------
    def append(self, shard: int, before: Any, after: Any, keys: Iterable[str]) -> None:
        named = sorted(keys)
        record = [shard, before, after, named if len(named) <= MAX_KEYS else None]
        line = orjson.dumps(record) + b"\n"
        with contextlib.suppress(OSError):  # a hint only: without it readers compare
            try:
                size = os.stat(self.path).st_size
            except FileNotFoundError:
                size = 0
            if size + len(line) > MAX_BYTES:
                atomic_write(self.path, line)  # a new file: readers start it from the top
                return
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, PRIVATE_FILE)
            try:
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    line = b"\n" + line  # after a line cut short, not glued onto it
                os.write(fd, line)  # one write of one line: O_APPEND keeps it whole
            finally:
                os.close(fd)

    def forget(self) -> None:
        """Remove the log (an erase: its lines name keys)."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self._file, self._lines = None, {}

    # -- reading -------------------------------------------------------------------------
    def keys_between(self, shard: int, since: Any, now: Any) -> set[str] | None:
        """The keys changed in ``shard`` from signature ``since`` to ``now``, when the log
        holds every commit between; None when it does not."""
        self._catch_up()
        keys: set[str] = set()
        at = since
        for before, after, named in self._lines.get(shard, ()):
            if before == at and at != now:
                if named is None:
                    return None
                keys |= named
                at = after
        return keys if at == now else None

    def _catch_up(self) -> None:
        """Read the lines appended since the last call (all of them in a new log)."""
        try:
            with open(self.path, "rb") as f:
                st = os.fstat(f.fileno())
                inode, done = self._file if self._file is not None else (-1, 0)
                first = st.st_ino != inode or st.st_size < done  # new to it, or started again
                if first:
                    self._lines, done = {}, max(0, st.st_size - FIRST_READ)
                if st.st_size == done:
                    self._file = (st.st_ino, done)
                    return
                f.seek(done)
                raw = f.read(min(st.st_size - done, MAX_BYTES))
        except OSError:  # no log (yet, or erased): nothing known
            self._file, self._lines = None, {}
            return
        if first and done:  # began inside a line: from the next one
            cut = raw.find(b"\n") + 1
            raw, done = raw[cut:], done + cut
        whole = raw[: raw.rfind(b"\n") + 1]  # a line being appended waits for the next call
        self._file = (st.st_ino, done + len(whole))
        for text in whole.splitlines():
            parsed = _parse(text)
            if parsed is not None:
                shard, line = parsed
                self._lines.setdefault(shard, deque(maxlen=KEPT)).append(line)


def _parse(text: bytes) -> tuple[int, Line] | None:
    """A line of the log; None for one cut short (a full disk) or not as written."""
    try:
        record = orjson.loads(text)
        if not (isinstance(record, list) and len(record) == 4 and type(record[0]) is int):
            return None
        shard, before, after, keys = record
        sigs = _signature(before), _signature(after)
    except (orjson.JSONDecodeError, _NotASignature):
        return None
    if keys is None:
        return shard, (*sigs, None)
    if not (isinstance(keys, list) and all(isinstance(k, str) for k in keys)):
        return None
    return shard, (*sigs, frozenset(keys))
