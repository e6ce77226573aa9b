"""A search index that follows a collection's files, shard by shard, and a cache of it (cache.py).

Each storage shard becomes one segment. A full *base* corpus is merged from all segments
(the costly step: ~1 s at 20,000 phrases) and cached on disk with the signature of every
shard. When a few shards change (an edit here, or a `kefu add` in another process), only
those are rebuilt into a small *delta* corpus, and their documents in the base are left
out of results — so a search right after an edit, or a new process after one, stays fast.
The base is merged again once many shards have changed.
"""

from __future__ import annotations

import atexit
import shutil
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.core.search.cache import (
    cache_key,
    cache_payload,
    read_cache,
    slice_segment,
    write_cache,
)
from assistant.core.search.corpus import Corpus, FieldEntry, Segment, build_segment, merge
from assistant.core.search.matcher import Matches, match
from assistant.core.search.vocab import ReadingVocab
from assistant.core.store import Collection

Doc = dict[str, Any]
Bools = npt.NDArray[np.bool_]

# The cache writers still running in this process. Only the threads are held: an index
# registered itself with atexit before (atexit.register(index.flush)), which kept every
# dropped index, its collection and all its documents alive until exit — ~46 MB for each
# background sync at 20,000 phrases, since each sync opens its own workspace.
_writers: set[threading.Thread] = set()
_writers_lock = threading.Lock()


def wait_for_cache_writes() -> None:
    """Wait until every search-cache write started in this process is done: at exit, and
    before anything walks the data folder (a writer's temporary folder vanishes when it is
    swapped in)."""
    with _writers_lock:
        running = list(_writers)
    for thread in running:
        thread.join()


atexit.register(wait_for_cache_writes)


def _write(path: Path, payload: dict[str, Any]) -> None:
    try:
        write_cache(path, payload)
    finally:
        with _writers_lock:
            _writers.discard(threading.current_thread())


class Found:
    """Matches in the base (live documents only) and the delta, numbered as one list."""

    def __init__(
        self, base: Matches | None, alive: Bools | None, delta: Matches | None, offset: int
    ) -> None:
        self._parts: list[tuple[Matches, Any, int]] = []
        if base is not None:
            keep = alive[base.docs] if alive is not None else np.ones(len(base.docs), np.bool_)
            self._parts.append((base, keep, 0))
        if delta is not None:
            self._parts.append((delta, np.ones(len(delta.docs), np.bool_), offset))
        self.docs = self._join(lambda m: m.docs, shift=True)

    def _join(self, get: Callable[[Matches], Any], shift: bool = False) -> Any:
        pieces = [get(m)[keep] + (off if shift else 0) for m, keep, off in self._parts]
        return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int32)

    def all_terms_in(self, field_ids: list[int]) -> Bools:
        return self._join(lambda m: m.all_terms_in(field_ids)).astype(np.bool_)  # type: ignore[no-any-return]

    def field_prefix(self, field_id: int, whole: bool = False) -> Bools:
        return self._join(lambda m: m.field_prefix(field_id, whole)).astype(np.bool_)  # type: ignore[no-any-return]


class CollectionIndex:
    def __init__(
        self,
        collection: Collection,
        fields: Sequence[str],
        entries: Callable[[str, Doc], Sequence[FieldEntry]],
        cache: Path | None = None,
        meta: Callable[[Doc], list[Any]] | None = None,
    ) -> None:
        self._collection = collection
        self._field_ids = {name: i for i, name in enumerate(fields)}
        self._entries = entries
        self._meta = meta or (lambda doc: [])
        self._cache = cache
        self.vocab = ReadingVocab()
        n = collection.shard_count
        self._segments: list[Segment | None] = [None] * n
        self._metas: list[list[list[Any]]] = [[] for _ in range(n)]
        self._sigs: list[Any] = [object()] * n  # as last seen
        self._base: Corpus | None = None
        self._base_sigs: list[Any] = [object()] * n  # as when the base was merged
        self._base_shard: npt.NDArray[np.int32] = np.zeros(0, np.int32)
        self._base_meta: list[list[Any]] = []
        self._delta: Corpus | None = None
        self._alive: Bools | None = None
        self.keys: list[str] = []  # every indexed document: base first, then delta
        self.meta: list[list[Any]] = []
        self.version = 0
        self._saver: threading.Thread | None = None

    def field_id(self, name: str) -> int:
        return self._field_ids[name]

    # -- following the files -----------------------------------------------------------
    def sync(self) -> None:
        # One stat per shard file (~0.2 ms for 64): a change made by another process is
        # seen by the very next search.
        sigs = self._collection.shard_signatures()
        if sigs == self._sigs and self._base is not None:
            return
        if self._base is None and not self._load(sigs):
            self._rebuild(range(len(sigs)))
            self._merge_base(sigs)
        else:
            self._rebuild(i for i, s in enumerate(sigs) if s != self._sigs[i])
            changed = [i for i, s in enumerate(sigs) if s != self._base_sigs[i]]
            if len(changed) > max(8, len(sigs) // 4):
                self._merge_base(sigs)
            else:
                self._make_delta(changed)
        self._sigs = list(sigs)
        self.version += 1

    def _rebuild(self, shards: Any) -> None:
        for i in shards:
            items = self._collection.shard_items(i)
            entries = [(key, self._entries(key, doc)) for key, doc in items.items()]
            self._segments[i] = build_segment(entries, self._field_ids, self.vocab)
            self._metas[i] = [self._meta(doc) for doc in items.values()]

    def _merge_base(self, sigs: list[Any]) -> None:
        segments = [s for s in self._segments if s is not None]
        self._base = merge(segments, self.vocab)
        self._base_sigs = list(sigs)
        counts = [len(s.keys) if s is not None else 0 for s in self._segments]
        self._base_shard = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
        self._base_meta = [m for metas in self._metas for m in metas]
        self._delta, self._alive = None, None
        self.keys, self.meta = list(self._base.keys), list(self._base_meta)
        self._save_soon(sigs)

    def _make_delta(self, changed: list[int]) -> None:
        assert self._base is not None
        if not changed:
            self._delta, self._alive = None, None
            self.keys, self.meta = list(self._base.keys), list(self._base_meta)
            return
        segments = [self._segments[i] for i in changed if self._segments[i] is not None]
        self._delta = merge([s for s in segments if s is not None], self.vocab)
        self._alive = ~np.isin(self._base_shard, changed)
        self.keys = self._base.keys + self._delta.keys
        self.meta = self._base_meta + [m for i in changed for m in self._metas[i]]

    def live(self) -> Bools:
        """Per entry of ``keys``: False for a base entry whose shard changed since the base
        was merged (its document's current version is in the delta, or it was removed)."""
        size = len(self.keys)
        if self._alive is None:
            return np.ones(size, dtype=np.bool_)
        return np.concatenate([self._alive, np.ones(size - len(self._alive), dtype=np.bool_)])

    def match(self, query: str) -> Found:
        self.sync()
        base = match(self._base, self.vocab, query) if self._base is not None else None
        delta = match(self._delta, self.vocab, query) if self._delta is not None else None
        offset = self._base.size if self._base is not None else 0
        return Found(base, self._alive, delta, offset)

    # -- the on-disk cache (search/cache.py) -----------------------------------------------
    def _key(self) -> bytes:
        return cache_key(list(self._field_ids))

    def _load(self, sigs: list[Any]) -> bool:
        """Map the cached arrays instead of merging the base again (~100 MB at full size)."""
        cached = read_cache(self._cache, self._key(), len(sigs))
        if cached is None:
            return False
        self.vocab = cached.vocab
        base, ranges, doc_meta = cached.base, cached.ranges, cached.doc_meta
        self._segments = [slice_segment(base, *r) for r in ranges]
        self._metas = [doc_meta[r[0] : r[1]] for r in ranges]
        self._base = base
        self._base_sigs = cached.sigs
        counts = [r[1] - r[0] for r in ranges]
        self._base_shard = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
        self._base_meta = doc_meta
        self._sigs = list(self._base_sigs)  # so that sync() rebuilds what changed since
        self.keys, self.meta = list(base.keys), list(doc_meta)
        return True

    def _save_soon(self, sigs: list[Any]) -> None:
        """Write the cache in the background: the search that rebuilt the index does not
        wait for the disk. The arrays written are never modified afterwards (a rebuild
        makes new ones), so the writer needs no lock; at exit the process waits for it
        (wait_for_cache_writes)."""
        if self._cache is None or self._base is None:
            return
        self.flush()
        payload = self._payload(sigs)
        self._saver = threading.Thread(
            target=_write, args=(self._cache, payload), name="kefu-index-cache"
        )
        with _writers_lock:  # started inside: wait_for_cache_writes never joins an unstarted one
            _writers.add(self._saver)
            self._saver.start()

    def forget_cache(self) -> None:
        """Drop the on-disk cache and merge the base again at the next search: after a
        privacy erase, no cache file may still hold what was erased."""
        self.flush()
        if self._cache is not None:
            shutil.rmtree(self._cache, ignore_errors=True)
        self._base = None
        self._sigs = [object()] * len(self._sigs)
        self._segments = [None] * len(self._segments)

    def flush(self) -> None:
        """Wait for a cache write in progress."""
        if self._saver is not None:
            self._saver.join()
            self._saver = None

    def _payload(self, sigs: list[Any]) -> dict[str, Any]:
        assert self._base is not None
        return cache_payload(
            self._base, self._segments, self.vocab, self._base_meta, sigs, self._key()
        )
