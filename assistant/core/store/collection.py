"""A keyed collection of JSON documents, spread over a few TinyDB files.

Why shards: TinyDB rewrites a whole file on every change. Spreading a large collection over
``shards`` files (by a hash of the key) means one edit rewrites one small file, not the
whole library. Every change runs inside ``transaction()``, which holds a cross-process
lock, reloads whatever another process changed, and commits each touched file atomically.
"""

from __future__ import annotations

import os
import time
import zlib
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.table import Document, Table

from assistant.core.store.atomic import atomic_write, ensure_private_dir
from assistant.core.store.change_log import LOG_NAME, ChangeLog
from assistant.core.store.storage import DocCheck, SafeJSONStorage, file_signature
from assistant.core.store.unit import WriteUnit

Doc = dict[str, Any]
TABLE = "docs"
# A folder whose last change is older than this cannot change again without its own times
# changing: file times come from a clock that ticks every few milliseconds, so two renames
# within one tick may leave the folder's times as they were after the first.
SETTLED_NS = 50_000_000


class _KeyedTable(Table):
    """Documents keyed by our own string ids instead of TinyDB's counters."""

    document_id_class = str  # type: ignore[assignment]

    def put_all(self, docs: dict[str, Doc]) -> None:
        """Insert or replace many documents in one read-modify-write of the table."""

        def updater(table: dict[str, Doc]) -> None:
            table.update(docs)

        self._update_table(updater)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Change:
    """One committed change of a shard file made here: its signature before and after, and
    the keys of the documents put or deleted."""

    before: Any
    after: Any
    keys: frozenset[str]


RECENT_CHANGES = 32  # per shard: a reader that fell further behind reads the whole shard


class _Shard:
    def __init__(
        self,
        path: Path,
        recovered: list[str],
        check: DocCheck | None = None,
        unit: WriteUnit | None = None,
    ) -> None:
        self.storage = SafeJSONStorage(path, recovered, check, unit)
        self.touched: set[str] = set()  # keys put or deleted in the transaction under way
        self.changes: deque[Change] = deque(maxlen=RECENT_CHANGES)

    @cached_property
    def table(self) -> _KeyedTable:
        """TinyDB's table, made on the first write: a command that only reads builds none of
        the ~200 a data folder's shards would need."""
        db = TinyDB(storage=lambda: self.storage)
        db.table_class = _KeyedTable
        table: _KeyedTable = db.table(TABLE, cache_size=0)  # type: ignore[assignment]
        return table

    def docs(self) -> dict[str, Doc]:
        data = self.storage.read() or {}
        table: dict[str, Doc] = data.get(TABLE, {})
        return table


class Collection:
    def __init__(
        self,
        folder: Path,
        name: str,
        shards: int = 1,
        check: DocCheck | None = None,
        unit: WriteUnit | None = None,
        change_log: bool = False,
    ) -> None:
        """``change_log``: each commit tells other processes which keys it changed
        (change_log.py), for the search indexes that follow this collection."""
        self.name = name
        self.check = check  # each document's shape (a restore checks a backup with it)
        self.recovered: list[str] = []
        ensure_private_dir(folder)
        self._unit = unit or WriteUnit(folder)
        if shards == 1:
            paths = [folder / f"{name}.json"]
        else:
            ensure_private_dir(folder / name)
            paths = [folder / name / f"{i:02x}.json" for i in range(shards)]
        self._shards = [_Shard(p, self.recovered, check, self._unit) for p in paths]
        self._stat_paths = [str(p) for p in paths]  # a stat of a str skips pathlib (~40%)
        self._shard_dir = str(paths[0].parent)
        self._settled: tuple[tuple[int, int, int], list[Any]] | None = None
        self._folder = folder
        self._in_txn = 0
        self._log = ChangeLog(folder / name / LOG_NAME) if change_log and shards > 1 else None
        if shards > 1:
            self._check_layout(folder / name, shards)

    # -- shard layout ------------------------------------------------------------
    def _check_layout(self, root: Path, shards: int) -> None:
        """Spread documents again when the number of shards changed (a newer version).

        Crash-safe without a journal: the layout file is written last, and a re-spread
        reads every shard file present, so an interrupted one is simply done again.
        """
        layout = root / "layout.json"
        try:
            recorded = orjson.loads(layout.read_bytes()).get("shards")
        except (OSError, orjson.JSONDecodeError, AttributeError):
            recorded = None
        if recorded == shards:
            return
        files = sorted(root.glob("[0-9a-f][0-9a-f].json"))
        with self._unit.held():
            if files and not (recorded is None and len(files) == shards and self._in_place()):
                self._respread(files)
            atomic_write(layout, orjson.dumps({"shards": shards}))

    def _in_place(self) -> bool:
        """Every document sits in the shard its key belongs to (no re-spread needed)."""
        return all(self._shard(key) is shard for shard in self._shards for key in shard.docs())

    def _respread(self, files: list[Path]) -> None:
        everything: dict[str, Doc] = {}
        for path in files:
            storage = SafeJSONStorage(path, self.recovered)
            everything.update((storage.read() or {}).get(TABLE, {}))
        by_shard: dict[int, dict[str, Doc]] = {i: {} for i in range(len(self._shards))}
        for key, doc in everything.items():
            by_shard[zlib.crc32(key.encode("utf-8")) % len(self._shards)][key] = doc
        for i, shard in enumerate(self._shards):
            shard.storage.write({TABLE: by_shard[i]})
        own = {s.storage.path for s in self._shards}
        for path in files:
            if path not in own:
                path.unlink(missing_ok=True)

    # -- reading ---------------------------------------------------------------
    def _shard(self, key: str) -> _Shard:
        return self._shards[zlib.crc32(key.encode("utf-8")) % len(self._shards)]

    def get(self, key: str) -> Doc | None:
        return self._shard(key).docs().get(key)

    def may_hold(self, key: str) -> bool:
        """False only when ``key`` is surely not stored, told without parsing its shard."""
        return self._shard(key).storage.may_hold(orjson.dumps(key) + b":")

    def get_cached(self, key: str) -> Doc | None:
        """Like get(), without a stat of the file: for a caller that has just checked the
        shard signatures (a search showing its results)."""
        data = self._shard(key).storage.read_cached() or {}
        found: Doc | None = data.get(TABLE, {}).get(key)
        return found

    def items(self) -> Iterator[tuple[str, Doc]]:
        """All documents, current as of this call. Callers must not mutate them."""
        for shard in self._shards:
            yield from shard.docs().items()

    def __len__(self) -> int:
        return sum(len(s.docs()) for s in self._shards)

    @property
    def shard_count(self) -> int:
        return len(self._shards)

    def shard_items(self, index: int) -> dict[str, Doc]:
        """The documents of one shard, current as of this call. Do not mutate them."""
        return self._shards[index].docs()

    def shard_of(self, key: str) -> int:
        """The index of the shard a document with this key is stored in."""
        return zlib.crc32(key.encode("utf-8")) % len(self._shards)

    def changed_keys(self, index: int, since: Any, now: Any) -> set[str] | None:
        """The keys of the documents that changed in shard ``index`` between signatures
        ``since`` and ``now``, when every change between was committed by this object or
        is in the log of recent changes (change_log.py); None otherwise (a recovery, an
        older version, a change too long ago): then any document of the shard may have
        changed."""
        keys: set[str] = set()
        at = since
        for change in self._shards[index].changes:
            if change.before == at:
                keys |= change.keys
                at = change.after
        if at == now:
            return keys
        return self._log.keys_between(index, since, now) if self._log is not None else None

    def holds(self, index: int, signature: Any) -> bool:
        """Whether this object has shard ``index`` read as the file with ``signature`` (a
        change it committed itself), so that reading its documents parses nothing."""
        return self._shards[index].storage.is_read_at(signature)

    def read_shard_file(self, index: int, checked: bool = True) -> tuple[Any, dict[str, Doc]]:
        """Shard ``index``'s signature and documents, read from its file now, for another
        thread (a background index rebuild): not through this object's caches, which only
        their own thread may touch. Raises when the file is damaged (the storage recovers
        it at its next read). ``checked=False`` leaves out each document's shape check
        (``check``): for a caller that checks the documents it uses, fewer than it reads."""
        path = self._shards[index].storage.path
        try:
            file = open(path, "rb")  # noqa: SIM115 (closed below; its stat is the one read)
        except FileNotFoundError:
            return None, {}
        with file:
            st = os.fstat(file.fileno())
            data = orjson.loads(file.read())
        docs = data.get(TABLE, {}) if isinstance(data, dict) else None
        if not isinstance(docs, dict) or not all(
            isinstance(doc, dict) and (not checked or self.check is None or self.check(key, doc))
            for key, doc in docs.items()
        ):
            raise ValueError(f"{path.name} does not hold documents of their shape")
        return (st.st_ino, st.st_size, st.st_mtime_ns), docs

    def read_each(self) -> Iterator[tuple[str, Doc]]:
        """All documents, read from the files one shard at a time and not kept: one pass
        over a large collection leaves no parsed copy of it behind (~50 MB at 20,000
        phrases). Through this object's caches inside a change (its documents are not in
        the files yet) and for a shard file missing or damaged (the read recovers it).
        Callers must not mutate them."""
        if self.changing:
            yield from self.items()
            return
        for i in range(len(self._shards)):
            try:
                sig, docs = self.read_shard_file(i)
            except Exception:  # damaged: the storage's read recovers it from its copy
                sig = None
            if sig is None:
                docs = self.shard_items(i)
            yield from docs.items()
            del docs

    def shard_signatures(self) -> list[Any]:
        """One value per shard that changes whenever that file changes, here or elsewhere.

        Only a stat per file, and only when the shards' folder changed since the last call
        (every write replaces a file by a rename, which changes the folder's times): a search
        asks this each time, and 64 stats cost it ~0.3 ms. Nothing is read until a shard's
        documents are asked for."""
        try:
            st = os.stat(self._shard_dir)
        except OSError:
            self._settled = None
            return [file_signature(path) for path in self._stat_paths]
        mark = (st.st_ino, st.st_mtime_ns, st.st_ctime_ns)
        if self._settled is not None and self._settled[0] == mark:
            return list(self._settled[1])
        sigs = [file_signature(path) for path in self._stat_paths]
        settled = time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > SETTLED_NS
        self._settled = (mark, sigs) if settled else None
        return list(sigs)

    def shard_checksum(self, index: int) -> tuple[Any, int] | None:
        """Shard ``index``'s signature and the CRC-32 of its file's bytes, read now; None when
        the file is missing, unreadable or replaced while read. A cache keyed by signatures
        recognises by it the same file under another signature (a copy of the folder)."""
        path = self._shards[index].storage.path
        before = file_signature(path)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        if before is None or file_signature(path) != before:
            return None
        return before, zlib.crc32(raw)

    @property
    def changing(self) -> bool:
        """Inside a change (this collection's transaction or the folder's write unit): what
        a read returns may not be in the files yet, or ever if the change is rolled back."""
        return bool(self._in_txn) or self._unit.active

    # -- writing ---------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Collection]:
        """Lock, refresh, and commit all changes at the end (or none on error).

        The commit is the data folder's write unit: inside another collection's transaction
        (or ``DataFolder.transaction``) the files are written with that one, all together."""
        with self._unit.open():
            if self._in_txn:
                self._in_txn += 1
                try:
                    yield self
                finally:
                    self._in_txn -= 1
                return
            # Under the lock each file is read again (if it changed) when the change first
            # reads it: refreshing every shard here parsed the whole collection for one edit.
            for shard in self._shards:
                shard.storage.begin()
                shard.touched = set()
            self._in_txn = 1
            try:
                yield self
            except BaseException:
                for shard in self._shards:
                    shard.storage.rollback()
                raise
            else:
                self._commit()
            finally:
                self._in_txn = 0

    def _commit(self) -> None:
        """Hand every changed shard to the write unit; it writes them all or none."""
        for i, shard in enumerate(self._shards):
            try:
                shard.storage.commit(self._recorder(i, shard))
            except BaseException:
                for other in self._shards:
                    other.storage.rollback()
                raise

    def _recorder(self, i: int, shard: _Shard) -> Any:
        """What records a shard's commit once its file is written (for ``changed_keys``),
        here and in the log for other processes (still under the folder's lock)."""
        before, keys = shard.storage.signature, frozenset(shard.touched)
        shard.touched = set()
        log = self._log

        def record(after: Any) -> None:
            shard.changes.append(Change(before, after, keys))
            if log is not None:
                log.append(i, before, after, keys)

        return record

    def _require_txn(self) -> None:
        if not self._in_txn:
            raise RuntimeError(f"{self.name}: writes must run inside transaction()")

    def put(self, key: str, doc: Doc) -> None:
        self._require_txn()
        shard = self._shard(key)
        shard.touched.add(key)
        table = shard.table
        if key in shard.docs():
            table.update(_replace_with(doc), doc_ids=[key])  # type: ignore[list-item]
        else:
            table.insert(Document(doc, doc_id=key))  # type: ignore[arg-type]

    def put_many(self, docs: dict[str, Doc]) -> None:
        """Store many documents: one update per shard instead of one per document."""
        self._require_txn()
        by_shard: dict[int, dict[str, Doc]] = {}
        for key, doc in docs.items():
            index = zlib.crc32(key.encode("utf-8")) % len(self._shards)
            by_shard.setdefault(index, {})[key] = doc
        for index, batch in by_shard.items():
            self._shards[index].touched.update(batch)
            self._shards[index].table.put_all(batch)

    def scrub_backup(self, key: str) -> None:
        """Rewrite the file holding ``key`` so its copy no longer holds deleted data."""
        with self._unit.held():
            shard = self._shard(key)
            shard.storage.refresh()
            shard.storage.write_again()
            if self._log is not None:
                self._log.forget()  # its lines name keys

    def scrub_backups(self) -> None:
        """``scrub_backup`` for every shard that has a copy: after deletions whose keys are
        not known any more (a repeated erase, after one that was cut short)."""
        with self._unit.held():
            for shard in self._shards:
                if shard.storage.backup.exists():
                    shard.storage.refresh()
                    shard.storage.write_again()
            if self._log is not None:
                self._log.forget()

    def delete(self, key: str) -> bool:
        self._require_txn()
        shard = self._shard(key)
        if key not in shard.docs():
            return False
        shard.touched.add(key)
        shard.table.remove(doc_ids=[key])  # type: ignore[list-item]
        return True


def _replace_with(new: Doc) -> Any:
    def transform(doc: Doc) -> None:
        doc.clear()
        doc.update(new)

    return transform
