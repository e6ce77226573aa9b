"""One lock per data folder, and changes to several files made all or nothing.

Every writer of a data folder holds its one lock (``.kefu.lock``): with a single lock no two
writers can wait for each other, whatever they change. A write unit gathers the files a
change writes (the shards of an import, the phrases and the pack registry of a sync) and
commits them together:

1. every new file, and its copy (``<name>.bak``, the same bytes), is written next to its
   target under a temporary name and fsync'd; a failure here (a full disk) removes them
   and changes nothing;
2. a journal naming each temporary file and its target is written atomically: from this
   moment the change is committed;
3. the temporary files are renamed over their targets, the folders fsync'd, the journal
   removed.

A process killed during 3 leaves the journal: the next open of the folder finishes the
renames (roll forward). Killed before 2, there is no journal and the temporary files are
garbage, removed on open. The copy lets a file damaged later from outside be rebuilt with
its last committed content.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Callable, Container, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from assistant.core.errors import StorageError
from assistant.core.store.atomic import atomic_write, describe_error, fsync_dir

LOCK_NAME = ".kefu.lock"
JOURNAL_NAME = ".kefu.journal"
TEMP_SUFFIX = ".tmp"

if TYPE_CHECKING:
    from filelock import FileLock


def copy_of(path: Path) -> Path:
    """Where the second copy of a data file lives."""
    return path.with_name(path.name + ".bak")


def folder_lock(root: Path) -> FileLock:
    """The data folder's one lock: the same object for the same folder in this process,
    re-entrant within a thread, exclusive between threads and processes."""
    from filelock import FileLock  # it imports logging: made only when a lock is taken

    return FileLock(str(root / LOCK_NAME), mode=0o600, is_singleton=True)


@dataclass
class _Pending:
    data: dict[Path, bytes] = field(default_factory=dict)  # target → new content
    done: list[Callable[[], None]] = field(default_factory=list)  # run after the commit
    undone: list[Callable[[], None]] = field(default_factory=list)  # run when it fails


class WriteUnit:
    """The files one change writes, committed together when the outermost unit ends."""

    _local = threading.local()
    _making_lock = threading.Lock()

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()  # one lock object and one unit per folder, however named
        self._lock_root = root
        self._made_lock: FileLock | None = None
        self.finished_changes = 0  # committed changes of killed writers finished here

    @property
    def _lock(self) -> FileLock:
        """Made when first taken: a command that only reads (`kefu render`) takes no lock."""
        if self._made_lock is None:
            with self._making_lock:
                if self._made_lock is None:
                    self._made_lock = folder_lock(self._lock_root)
        return self._made_lock

    # -- nesting ---------------------------------------------------------------------
    def _stack(self) -> dict[Path, tuple[int, _Pending]]:
        stack: dict[Path, tuple[int, _Pending]] | None = getattr(self._local, "units", None)
        if stack is None:
            stack = {}
            self._local.units = stack
        return stack

    @contextmanager
    def held(self) -> Iterator[None]:
        """The folder's lock, without a unit (reading under the lock, the event log)."""
        lock = self._lock
        try:
            lock.acquire()
        except OSError as exc:  # the lock file cannot be created: a read-only folder
            raise StorageError(describe_error(exc, self.root)) from exc
        try:
            # A writer killed since this folder was opened may have left a committed change:
            # it is finished before anything is read or written under the lock (written over,
            # the next open's roll-forward would put the killed writer's files back over
            # this change).
            if lock.lock_counter == 1 and has_journal(self.root) and recover(self.root):
                self.finished_changes += 1
            yield
        finally:
            lock.release()

    @contextmanager
    def open(self) -> Iterator[None]:
        """Enter the unit (the outermost entry takes the lock and commits at the end)."""
        with self.held():
            stack = self._stack()
            depth, pending = stack.get(self.root, (0, _Pending()))
            stack[self.root] = (depth + 1, pending)
            try:
                yield
            except BaseException:
                if depth == 0:
                    del stack[self.root]
                    _run_all(pending.undone)
                else:
                    stack[self.root] = (depth, pending)
                raise
            if depth:
                stack[self.root] = (depth, pending)
                return
            del stack[self.root]
            try:
                commit_files(self.root, pending.data)
            except BaseException:
                _run_all(pending.undone)
                raise
            _run_all(pending.done)

    @property
    def active(self) -> bool:
        return self.root in self._stack()

    def stage(
        self,
        path: Path,
        data: bytes,
        done: Callable[[], None] | None = None,
        undone: Callable[[], None] | None = None,
    ) -> None:
        """Write ``data`` to ``path`` when the unit commits (call inside ``open``)."""
        _, pending = self._stack()[self.root]
        pending.data[path] = data
        if done is not None:
            pending.done.append(done)
        if undone is not None:
            pending.undone.append(undone)


def _run_all(calls: list[Callable[[], None]]) -> None:
    for call in calls:
        call()


def _stage_one(path: Path, data: bytes) -> str:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    os.close(fd)
    return name


def commit_files(
    root: Path,
    files: dict[Path, bytes],
    remove: Iterable[Path] = (),
    bare: Container[Path] = (),
) -> None:
    """Replace every file in ``files`` (and its copy) with the new bytes, all or nothing.

    ``remove``: files deleted in the same change, each with its copy (a restore dropping a
    month the backup did not have). ``bare``: files of ``files`` written without a copy (a
    use log, a shard layout: files that never had one)."""
    removals = [str(p) for path in remove for p in (copy_of(path), path)]
    if not files and not removals:
        return
    staged: list[tuple[str, str]] = []
    try:
        for path, data in files.items():
            staged.append((_stage_one(path, data), str(path)))
            if path not in bare:
                staged.append((_stage_one(copy_of(path), data), str(copy_of(path))))
    except OSError as exc:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise StorageError(describe_error(exc, Path(staged[-1][1]) if staged else root)) from exc
    if len(files) == 1 and not removals:
        # One file needs no journal: its rename is the commit; the copy follows it (a kill
        # between the two leaves the copy one version behind, never a file half written).
        _roll_forward(root, staged, journal=False)
        return
    journal = root / JOURNAL_NAME
    try:
        atomic_write(journal, orjson.dumps({"renames": staged, "removals": removals}))
    except StorageError:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    _roll_forward(root, staged, removals=removals)


def _roll_forward(
    root: Path,
    renames: list[tuple[str, str]] | list[list[str]],
    journal: bool = True,
    removals: list[str] | None = None,
) -> None:
    folders: set[str] = set()
    try:
        for tmp, target in renames:
            if os.path.exists(tmp):
                os.replace(tmp, target)
            folders.add(os.path.dirname(target))
        for gone in removals or ():  # a copy before its file: never a file without its copy
            with contextlib.suppress(FileNotFoundError):
                os.unlink(gone)
            folders.add(os.path.dirname(gone))
        for folder in sorted(folders):
            fsync_dir(Path(folder))
        if journal:
            (root / JOURNAL_NAME).unlink(missing_ok=True)
            fsync_dir(root)
    except OSError as exc:  # committed: the next open of the folder finishes the renames
        raise StorageError(describe_error(exc, root)) from exc


def has_journal(root: Path) -> bool:
    """Whether a killed writer left a committed change to finish (no lock needed to look)."""
    return (root / JOURNAL_NAME).exists()


def recover(root: Path) -> bool:
    """Finish a committed change a killed writer left (call under the folder's lock).

    Returns True when there was one. A journal that does not parse was never completed
    (it is written atomically), so it cannot exist; one naming files outside the folder is
    ignored rather than followed.
    """
    journal = root / JOURNAL_NAME
    try:
        raw = journal.read_bytes()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StorageError(describe_error(exc, journal)) from exc
    try:
        loaded = orjson.loads(raw)
        renames = loaded["renames"]
        inside = [
            (tmp, target)
            for tmp, target in renames
            if _within(root, tmp) and _within(root, target) and tmp.endswith(TEMP_SUFFIX)
        ]
        removals = [p for p in loaded.get("removals", []) if _within(root, p)]
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        inside, removals = [], []
    _roll_forward(root, inside, removals=removals)
    return True


def _within(root: Path, name: str) -> bool:
    try:
        return Path(name).resolve().is_relative_to(root.resolve())
    except (OSError, ValueError):
        return False
