"""A TinyDB storage that writes atomically, keeps a backup and batches writes.

TinyDB's stock JSONStorage rewrites its file in place, so a crash mid-write leaves broken
JSON. This one serialises with orjson (UTF-8, not ASCII-escaped), replaces the file
atomically and keeps the previous state as ``<name>.bak``. Reads are cached by the file's
stat signature, so an unchanged file is never parsed twice and a change made by another
process is picked up on the next read.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from assistant.core.clock import now
from assistant.core.store.atomic import atomic_write

Signature = tuple[int, int, int]


def file_signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class DamagedFile(Exception):
    pass


def is_tables(data: Any) -> bool:
    """The shape TinyDB reads: tables of documents, each an object. A file of another shape
    (``{"docs": {"x": 5}}``) would crash every reader, so it counts as damaged."""
    return isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    )


DocCheck = Callable[[dict[str, Any]], bool]


class SafeJSONStorage(Storage):
    def __init__(
        self, path: str | Path, recovered: list[str] | None = None, check: DocCheck | None = None
    ) -> None:
        self.path = Path(path)
        self._check = check  # a document failing it makes the file count as damaged
        self.backup = self.path.with_name(self.path.name + ".bak")
        self._cache: dict[str, Any] | None = None
        self._signature: Signature | None = None
        self._pending: dict[str, Any] | None = None
        self._batching = False
        self._existed = False  # whether the file was there before the last commit
        self._recovered = recovered if recovered is not None else []

    # -- TinyDB interface -------------------------------------------------------
    def read(self) -> dict[str, Any] | None:
        if self._pending is not None:
            return self._pending
        self.refresh()
        return self._cache

    def read_cached(self) -> dict[str, Any] | None:
        """The data as last read, without asking the file system (the caller checked the
        file's signature just before)."""
        if self._pending is not None:
            return self._pending
        if self._cache is None:
            return self.read()
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        if self._batching:
            self._pending = data
            return
        self._flush(data)

    def close(self) -> None:
        pass

    # -- batching ------------------------------------------------------------------
    def begin(self) -> None:
        self._batching = True
        self._pending = None

    def commit(self) -> bool:
        """Write the batched changes; True when the file was written (``undo`` can take
        that back)."""
        self._batching = False
        data, self._pending = self._pending, None
        if data is None:
            return False
        self._existed = self.path.exists()
        self._flush(data)
        return True

    def undo(self) -> None:
        """Put the file back as it was before the last commit, because another file of the
        same transaction could not be written. Needs no free space: the previous content is
        the .bak, and links and renames take none."""
        self._cache, self._signature = None, None
        if not self._existed:
            self.path.unlink(missing_ok=True)
            return
        keep = self.backup.with_name(self.backup.name + ".undo")
        try:
            keep.unlink(missing_ok=True)
            os.link(self.backup, keep)  # the .bak stays too, where links work
            os.replace(keep, self.path)
        except OSError:
            os.replace(self.backup, self.path)

    def rollback(self) -> None:
        self._batching = False
        self._pending = None
        self._cache = None
        self._signature = None

    def write_again(self) -> None:
        """Write the current state twice, so the backup equals it too (privacy erase)."""
        data = self.read() or {}
        self._flush(data)
        self._flush(data)

    @property
    def signature(self) -> Signature | None:
        return self._signature

    # -- internals -----------------------------------------------------------------
    def refresh(self) -> bool:
        """Reload when the file changed on disk. Returns True when it did."""
        signature = file_signature(self.path)
        if signature == self._signature and (self._cache is not None or signature is None):
            return False
        if signature is None:
            self._cache, self._signature = None, None
            return True
        try:
            self._cache = self._load(self.path)
            self._signature = signature
        except DamagedFile:
            self._cache = self._recover()
            self._signature = file_signature(self.path)
        return True

    def _load(self, path: Path) -> dict[str, Any]:
        try:
            raw = path.read_bytes()
            data = orjson.loads(raw)
        except (OSError, orjson.JSONDecodeError) as exc:
            raise DamagedFile(str(exc)) from exc
        if not is_tables(data):
            raise DamagedFile("unexpected shape")
        check = self._check
        if check is not None and not all(check(d) for t in data.values() for d in t.values()):
            raise DamagedFile("a document has fields of the wrong type")
        tables: dict[str, Any] = data
        return tables

    def _recover(self) -> dict[str, Any]:
        """Set the damaged file aside and fall back to the backup (or to empty)."""
        stamp = now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        with contextlib.suppress(OSError):
            os.replace(self.path, aside)
        restored: dict[str, Any] = {}
        source = "空数据"
        if self.backup.exists():
            try:
                restored = self._load(self.backup)
                source = f"备份 {self.backup.name}"
            except DamagedFile:
                pass
        self._flush(restored)
        self._recovered.append(
            f"数据文件 {self.path.name} 已损坏，已从{source}恢复；损坏的文件保存在 {aside}"
        )
        return restored

    def _flush(self, data: dict[str, Any]) -> None:
        payload = orjson.dumps(data)
        try:
            atomic_write(self.path, payload, backup=self.backup)
        except Exception:
            self._cache, self._signature = None, None
            raise
        self._cache = data
        self._signature = file_signature(self.path)
