"""A record of the calls that make a write durable, and the checks made on it.

``record_io`` wraps ``os.fsync``, ``os.replace``, ``os.rename``, ``os.unlink``/``os.remove``
and ``os.mkdir`` on the ``os`` module the product calls through (every store module does
``import os`` and calls ``os.<name>`` at call time; ``pathlib`` does too). Each call is
recorded after it returned, in order:

- an fsync names what the descriptor is open on (``/proc/self/fd/<fd>``), whether it is a
  folder, and the file's size at that moment (a file fsync'd before its last write would
  show a smaller size than the one it is renamed with);
- a rename names both paths (resolved before the call) and the size of what was renamed.

The checks then say, for every rename and removal under a data folder, whether the renamed
file was fsync'd with its final content before the rename and whether the folder holding it
was fsync'd after it, all before the call under test returned (the record ends there).
Linux only (``/proc``): the product's folder fsync is POSIX-only too.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CACHE_DIR = "cache"  # rebuilt from the data: written without fsync on purpose
DATA_SUFFIXES = (".json", ".jsonl", ".bak", ".journal", ".zip")


@dataclass(frozen=True)
class Event:
    kind: str  # fsync, rename, unlink, mkdir
    path: str
    target: str = ""  # a rename's destination
    size: int = -1  # an fsync'd or renamed regular file's size
    is_dir: bool = False
    thread: int = 0


@dataclass
class Record:
    events: list[Event] = field(default_factory=list)

    def clear(self) -> None:
        self.events.clear()

    def kinds(self, kind: str) -> list[tuple[int, Event]]:
        return [(i, e) for i, e in enumerate(self.events) if e.kind == kind]

    def index(self, kind: str, path: str, *, start: int = 0, target: str | None = None) -> int:
        """Where the first ``kind`` event on ``path`` (from ``start``) is, or -1."""
        for i in range(start, len(self.events)):
            e = self.events[i]
            if e.kind == kind and e.path == path and (target is None or e.target == target):
                return i
        return -1

    def rename_to(self, target: Path | str) -> int:
        """The last rename onto ``target`` (-1: none)."""
        want = os.path.realpath(target)
        found = [i for i, e in self.kinds("rename") if e.target == want]
        return found[-1] if found else -1


def _where(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return f"<fd {fd}>"


@contextmanager
def _patched(record: Record) -> Iterator[None]:
    real_fsync, real_replace, real_rename = os.fsync, os.replace, os.rename
    real_unlink, real_remove, real_mkdir = os.unlink, os.remove, os.mkdir
    lock = threading.Lock()

    def add(event: Event) -> None:
        with lock:
            record.events.append(event)

    def fsync(fd: Any) -> None:
        number = fd if isinstance(fd, int) else fd.fileno()
        real_fsync(number)
        st = os.fstat(number)
        is_dir = stat.S_ISDIR(st.st_mode)
        add(
            Event(
                "fsync",
                _where(number),
                size=-1 if is_dir else st.st_size,
                is_dir=is_dir,
                thread=threading.get_ident(),
            )
        )

    def renamer(real: Callable[..., None]) -> Callable[..., None]:
        def rename(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            source, target = os.path.realpath(src), os.path.realpath(dst)
            try:
                size = os.stat(source).st_size
            except OSError:
                size = -1
            real(src, dst, *args, **kwargs)
            add(Event("rename", source, target, size=size, thread=threading.get_ident()))

        return rename

    def remover(real: Callable[..., None]) -> Callable[..., None]:
        def remove(path: Any, *args: Any, **kwargs: Any) -> None:
            where = os.path.realpath(path) if not isinstance(path, int) else str(path)
            real(path, *args, **kwargs)
            add(Event("unlink", where, thread=threading.get_ident()))

        return remove

    def mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        real_mkdir(path, *args, **kwargs)
        add(Event("mkdir", os.path.realpath(path), thread=threading.get_ident()))

    with pytest.MonkeyPatch.context() as patch:  # undone on leaving, whatever the test patched
        patch.setattr(os, "fsync", fsync)
        patch.setattr(os, "replace", renamer(real_replace))
        patch.setattr(os, "rename", renamer(real_rename))
        patch.setattr(os, "unlink", remover(real_unlink))
        patch.setattr(os, "remove", remover(real_remove))
        patch.setattr(os, "mkdir", mkdir)
        yield


@contextmanager
def record_io() -> Iterator[Record]:
    """Record the durability calls made inside the ``with`` block (from every thread)."""
    record = Record()
    with _patched(record):
        yield record


# -- the checks ---------------------------------------------------------------------------
def _counts(path: str, root: str) -> bool:
    """A path whose durability matters: data, copies, the journal and backups, not caches."""
    if not (path == root or path.startswith(root + os.sep)):
        return False
    rel = os.path.relpath(path, root).split(os.sep)
    return rel[0] != CACHE_DIR and path.endswith(DATA_SUFFIXES)


def _folder_synced_after(record: Record, i: int, folder: str) -> bool:
    return any(e.kind == "fsync" and e.is_dir and e.path == folder for e in record.events[i + 1 :])


def rename_problems(record: Record, root: Path) -> list[str]:
    """Every rename onto a data file under ``root`` that was not durable when the call
    returned: its source not fsync'd with its final size before the rename, or its folder
    not fsync'd after it."""
    base = os.path.realpath(root)
    problems: list[str] = []
    for i, e in record.kinds("rename"):
        if not _counts(e.target, base):
            continue
        name = os.path.relpath(e.target, base)
        synced = [s for s in record.events[:i] if s.kind == "fsync" and s.path == e.path]
        if not synced:
            problems.append(f"{name}: renamed from a file never fsync'd")
        elif synced[-1].size != e.size:
            problems.append(
                f"{name}: fsync'd at {synced[-1].size} bytes, renamed at {e.size} bytes"
            )
        if not _folder_synced_after(record, i, os.path.dirname(e.target)):
            problems.append(f"{name}: its folder was not fsync'd after the rename")
    return problems


def removal_problems(record: Record, root: Path) -> list[str]:
    """Every data file (or the journal) removed under ``root`` whose folder was not fsync'd
    after the removal."""
    base = os.path.realpath(root)
    return [
        f"{os.path.relpath(e.path, base)}: its folder was not fsync'd after the removal"
        for i, e in record.kinds("unlink")
        if _counts(e.path, base) and not _folder_synced_after(record, i, os.path.dirname(e.path))
    ]


def mkdir_problems(record: Record, root: Path) -> list[str]:
    """Every folder made under ``root`` (caches aside) whose parent was not fsync'd after:
    a file renamed into it could vanish with the folder after a power cut."""
    base = os.path.realpath(root)
    out = []
    for i, e in record.kinds("mkdir"):
        inside = e.path.startswith(base + os.sep)
        if not inside or os.path.relpath(e.path, base).split(os.sep)[0] == CACHE_DIR:
            continue
        if not _folder_synced_after(record, i, os.path.dirname(e.path)):
            out.append(f"{os.path.relpath(e.path, base)}/: made, its parent not fsync'd")
    return out


def durability_problems(record: Record, root: Path) -> list[str]:
    return (
        rename_problems(record, root)
        + removal_problems(record, root)
        + mkdir_problems(record, root)
    )


def data_renames(record: Record, root: Path) -> list[Event]:
    base = os.path.realpath(root)
    return [e for _, e in record.kinds("rename") if _counts(e.target, base)]


def journal_problems(record: Record, root: Path) -> list[str]:
    """The order each journaled change must keep to be all or nothing after a power cut.

    1. every staged file is fsync'd, at its final size, before the journal is renamed in
       (the journal commits the change: what it names must already be on disk);
    2. the journal is fsync'd before its rename, and the folder after it and before the
       first target is replaced (a target replaced before the journal is durable could
       survive a crash the journal did not: half a change, with nothing to finish it);
    3. every target's folder is fsync'd after its rename and before the journal is removed
       (the removal says the change is complete);
    4. the folder is fsync'd after the journal's removal (else it could come back and
       replay the change).

    The renames of a change are those between its journal's rename and its removal.
    """
    base = os.path.realpath(root)
    journal = os.path.join(base, ".kefu.journal")
    commits = [i for i, e in record.kinds("rename") if e.target == journal]
    if not commits:
        return ["no journal was written"]
    problems: list[str] = []
    for committed in commits:
        problems += _change_problems(record, base, journal, committed)
    return problems


def _change_problems(record: Record, base: str, journal: str, committed: int) -> list[str]:
    problems: list[str] = []
    removed = record.index("unlink", journal, start=committed)
    if removed < 0:
        return ["the journal was not removed"]
    targets = [
        (i, e)
        for i, e in record.kinds("rename")
        if committed < i < removed and _counts(e.target, base)
    ]
    if not targets:
        problems.append("the journal names no rename")
    for _, e in targets:
        synced = [s for s in record.events[:committed] if s.kind == "fsync" and s.path == e.path]
        if not synced or synced[-1].size != e.size:
            name = os.path.relpath(e.target, base)
            problems.append(f"{name}: staged, not fsync'd whole before the commit")
    journal_tmp = record.events[committed].path
    journal_synced = record.index("fsync", journal_tmp)
    if journal_synced < 0 or journal_synced > committed:
        problems.append("the journal was not fsync'd before it was renamed in")
    first_target = min((i for i, _ in targets), default=removed)
    between = record.events[committed + 1 : first_target]
    if not any(e.kind == "fsync" and e.is_dir and e.path == base for e in between):
        problems.append("the folder was not fsync'd between the journal and the first rename")
    for i, e in targets:
        folder = os.path.dirname(e.target)
        done = record.events[i + 1 : removed]
        if not any(s.kind == "fsync" and s.is_dir and s.path == folder for s in done):
            problems.append(
                f"{os.path.relpath(e.target, base)}: folder not fsync'd before the journal went"
            )
    if not _folder_synced_after(record, removed, base):
        problems.append("the folder was not fsync'd after the journal was removed")
    return problems
