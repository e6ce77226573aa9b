"""A TinyDB storage that writes atomically, keeps a backup and batches writes.

TinyDB's stock JSONStorage rewrites its file in place, so a crash mid-write leaves broken
JSON. This one serialises with orjson (UTF-8, not ASCII-escaped) and hands the bytes to the
data folder's write unit (``store.unit``), which replaces the file atomically together with
the other files of the same change, and keeps a second copy (``<name>.bak``) of what it
wrote: a file damaged or deleted from outside is rebuilt from it with nothing lost. Reads are
cached by the file's stat signature, so an unchanged file is never parsed twice and a change
made by another process is picked up on the next read.
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
from assistant.core.store.unit import WriteUnit, commit_files, copy_of

Signature = tuple[int, int, int]


def file_signature(path: str | Path) -> Signature | None:
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


DocCheck = Callable[[str, dict[str, Any]], bool]  # (key, document): fits its shape


class SafeJSONStorage(Storage):
    def __init__(
        self,
        path: str | Path,
        recovered: list[str] | None = None,
        check: DocCheck | None = None,
        unit: WriteUnit | None = None,
    ) -> None:
        self.path = Path(path)
        self._check = check  # a document failing it makes the file count as damaged
        self._unit = unit  # None: each write commits on its own
        self.backup = copy_of(self.path)
        self._cache: dict[str, Any] | None = None
        self._signature: Signature | None = None
        self._pending: dict[str, Any] | None = None
        self._escapes: tuple[Signature, bool] | None = None  # may_hold's: has "\u" escapes
        self._batching = False
        self._checked = False  # in this batch, the file was checked against its signature
        self._recovered = recovered if recovered is not None else []

    # -- TinyDB interface -------------------------------------------------------
    def read(self) -> dict[str, Any] | None:
        if self._pending is not None:
            return self._pending
        if self._batching and self._checked:
            # Inside a change the folder's lock is held: once checked, the file cannot
            # change under it (an order import read its 128 shards ~55,000 times).
            return self._cache
        self.refresh()
        self._checked = self._batching
        return self._cache

    def read_cached(self) -> dict[str, Any] | None:
        """The data as last read, without asking the file system (the caller checked the
        file's signature just before)."""
        if self._pending is not None:
            return self._pending
        if self._cache is None:
            return self.read()
        return self._cache

    def may_hold(self, needle: bytes) -> bool:
        """False only when the file surely does not hold ``needle`` (bytes as orjson writes
        them), told without parsing it; True: read it to know. A word copied from a chat is
        looked for in a few shards of 50,000 buyers: a search of the bytes takes ~0.05 ms,
        parsing the shard ~5 ms (and keeps it in memory)."""
        if self._pending is not None:
            return True
        signature = file_signature(self.path)
        if signature is None or (signature == self._signature and self._cache is not None):
            return True  # gone (recovered by the read), or parsed already: the read answers
        try:
            raw = self.path.read_bytes()
        except OSError:
            return True
        if self._escapes is None or self._escapes[0] != signature:  # once per version
            self._escapes = (signature, b"\\u" in raw)
        if self._escapes[1] or needle in raw:  # ASCII-escaped by another writer: parse it
            return True
        if not (raw.startswith(b'{"') and raw.endswith(b"}}")):
            return True  # not as written (damaged): the read recovers it, and says so
        # Not in the file; but a file damaged inside is read back from its copy (.bak),
        # which may hold it: only when the copy does not either is the answer surely no.
        try:
            copy = self.backup.read_bytes()
        except OSError:
            return True  # no copy (every write leaves one): the read decides, and tells
        return needle in copy or b"\\u" in copy

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
        self._checked = False
        self._pending = None

    def commit(self, then: Callable[[Signature | None], None] | None = None) -> bool:
        """Hand the batched changes to the write unit (they are written when it commits);
        True when there were any. Until then reads here see the new data. ``then`` is
        called with the new file's signature once it is written."""
        self._batching = self._checked = False
        data, self._pending = self._pending, None
        if data is None:
            return False
        if self._unit is None or not self._unit.active:
            self._flush(data)
            if then is not None:
                then(self._signature)
            return True
        self._cache = data  # _signature stays the old file's: reads keep this cache

        def written() -> None:
            self._signature = file_signature(self.path)
            if then is not None:
                then(self._signature)

        def failed() -> None:
            self._cache, self._signature = None, None

        self._unit.stage(self.path, orjson.dumps(data), written, failed)
        return True

    def rollback(self) -> None:
        self._batching = self._checked = False
        self._pending = None
        self._cache = None
        self._signature = None

    def write_again(self) -> None:
        """Write the current state again, copy included (privacy erase: the copy of an
        older version may still hold what was deleted)."""
        self._flush(self.read() or {})

    @property
    def signature(self) -> Signature | None:
        return self._signature

    def is_read_at(self, signature: Signature | None) -> bool:
        """Whether the data held here is the file's with this signature (no read pending)."""
        return self._cache is not None and self._pending is None and self._signature == signature

    # -- internals -----------------------------------------------------------------
    def refresh(self) -> bool:
        """Reload when the file changed on disk. Returns True when it did."""
        signature = file_signature(self.path)
        if signature is None and self.backup.exists():
            # Deleted from outside (a data file is never removed while its copy stays):
            # the copy holds its last committed state.
            self._cache = self._recover(missing=True)
            self._signature = file_signature(self.path)
            return True
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
        if check is not None and not all(check(k, d) for t in data.values() for k, d in t.items()):
            raise DamagedFile("a document has fields of the wrong type")
        tables: dict[str, Any] = data
        return tables

    def _recover(self, missing: bool = False) -> dict[str, Any]:
        """Set the damaged file aside and rebuild it from its copy (or empty)."""
        stamp = now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        if not missing:
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
        if missing:
            message = f"数据文件 {self.path.name} 不见了，已从{source}恢复"
        else:
            message = (
                f"数据文件 {self.path.name} 已损坏，已从{source}恢复；损坏的文件保存在 {aside}"
            )
        self._recovered.append(message)
        return restored

    def _flush(self, data: dict[str, Any]) -> None:
        """Write now, on its own (outside a unit: recovery, re-spreading, an erase)."""
        payload = orjson.dumps(data)
        try:
            commit_files(self.path.parent, {self.path: payload})
        except Exception:
            self._cache, self._signature = None, None
            raise
        self._cache = data
        self._signature = file_signature(self.path)
