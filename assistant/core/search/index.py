"""A search index that follows a collection's files, and a cache of it (cache.py).

The index is a *base* corpus merged from every shard (the costly step, most of a first
search), cached on disk with the signature of every shard, and a small *delta* corpus of the
documents changed since, whose entries in the base are left out of results:
- a change committed through this process's collection is known document by document (the
  collection records the keys of each commit: ``Collection.changed_keys``), so the next
  search indexes again just those documents (a few ms, where a shard took ~100);
- a shard changed by anyone else (another `kefu` command, a sync in another process) is seen
  by its file signature, and its changed keys read from the collection's log of recent
  changes (``store/change_log.py``); where the log does not tell them, with ``shown`` the
  shard's documents are compared with what the index shows of them and those that differ
  are indexed again (all of them without it).
Once the delta holds ``REBUILD_AT`` documents, a new base is merged in a background thread
(at most once a minute) from the files and written to the cache; the first search after it
is done takes it over.
Without ``shown``, when most shards changed at once, the base is merged again at once, as on
the first search.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
import orjson

from assistant.core.memory import release_free_memory
from assistant.core.search.base import (
    Base,
    Found,
    ShownPart,
    merged,
    shown_part,
    split_segment,
)
from assistant.core.search.cache import (
    Shown,
    cache_key,
    read_cache,
)
from assistant.core.search.corpus import (
    Corpus,
    FieldEntry,
    Segment,
    build_segment,
    merge,
    reading_codes,
)
from assistant.core.search.elsewhere import Change, changes_elsewhere
from assistant.core.search.file_bytes import blob_bytes
from assistant.core.search.matcher import match
from assistant.core.search.rebuild import ApartRebuild, Rebuild, complete_and_save
from assistant.core.search.threads import wait_for_cache_writes as wait_for_cache_writes
from assistant.core.search.vocab import ReadingVocab
from assistant.core.store import Collection

Doc = dict[str, Any]
Bools = npt.NDArray[np.bool_]
T = TypeVar("T")
Entries = Callable[[str, Doc], Sequence[FieldEntry]]
Meta = Callable[[Doc], tuple[Any, ...]]  # a tuple: the GC stops scanning it (see base.py)
ShownOf = Callable[[Doc], bytes]  # what a result shows of a document, as JSON
PerBase = Callable[[list[str], list[tuple[Any, ...]]], Any]

REBUILD_AT = 64  # documents in the delta: past this a new base is merged in the background
# (the delta is merged again with each change: ~1 ms for 64 documents)...
REBUILD_EVERY_S = 60.0  # ...but not more often: a rebuild costs ~0.5 s of CPU and, while it
# runs, a second base's memory; syncs bringing changes every few seconds would keep one going.
FIRST_ONLY_UP_TO = 256  # documents: a delta this small is merged without most postings (its
# terms walked from their first character); a bigger one (whole shards changed elsewhere,
# waiting for a rebuild) gets them all, or every search would walk thousands of documents.


class CollectionIndex:
    def __init__(
        self,
        collection: Collection,
        fields: Sequence[str],
        entries: Entries,
        cache: Path | None = None,
        meta: Meta | None = None,
        shown: ShownOf | None = None,
        layout: str = "",
    ) -> None:
        """``shown``: what a result shows of a document, kept with the index (and its cache)
        so that showing results needs none of the documents (``shown_doc``). The base is
        then merged from the shard files, without keeping their documents in memory.
        ``shown`` must hold every field the entries and meta are made from (or what
        follows from them): a shard written elsewhere is compared document by document
        with it (or with a digest of all of the document, as the buyers' index does).
        ``layout`` names the shape of meta and shown: a cache written for another one is
        not read (change it with them)."""
        self._collection = collection
        self._field_ids = {name: i for i, name in enumerate(fields)}
        self._entries = entries
        self._meta: Meta = meta or (lambda doc: ())
        self._shown = shown  # kept per document, compared
        self._cache = cache
        self._layout = layout
        self.vocab = ReadingVocab()
        self._base: Base | None = None
        self._sigs: list[Any] = [object()] * collection.shard_count  # base + delta are these
        self._changed: dict[str, Change] = {}  # the documents changed since the base
        self._masked: dict[str, int] = {}  # changed key -> its entry in the base, or -1
        self._pieces: dict[str, Segment] = {}  # changed key -> its segment (self.vocab's ids)
        self._delta: Corpus | None = None
        self._alive: Bools | None = None
        self.keys: list[str] = []  # every indexed document: base first, then delta
        self.meta: list[tuple[Any, ...]] = []
        self._keys_of: Base | None = None  # the base whose keys and meta those start with
        self.version = 0  # changes with every change of keys, meta or matches
        self.base_version = 0  # changes when the base is merged again
        self._makers: list[PerBase] = []
        self._rebuild: Rebuild | ApartRebuild | None = None
        self._rebuild_after = REBUILD_AT  # delta size at which to start the next one
        self._rebuilt_at = -REBUILD_EVERY_S  # when the last one started (time.monotonic)
        self._saver: threading.Thread | None = None
        self._completed: list[tuple[Base, Corpus, Shown | None]] = []  # from _save_soon's thread
        # Set (by the app): makes the cache in another process, True when it did; then a
        # background rebuild maps that instead of merging here (rebuild.ApartRebuild).
        self.rebuild_apart: Callable[[], bool] | None = None

    def field_id(self, name: str) -> int:
        return self._field_ids[name]

    @property
    def base_size(self) -> int:
        """How many of ``keys`` (the first ones) are the base's entries."""
        return self._base.corpus.size if self._base is not None else 0

    def per_base(self, make: Callable[[list[str], list[tuple[Any, ...]]], T]) -> T:
        """``make(keys, meta)`` over the base's entries, made once per base. Once asked
        for, it is made along with every base merged in the background (a ranking's sort of
        50,000 entries takes ~50 ms: not on the search that takes the new base over)."""
        assert self._base is not None, "call sync() first"
        if make not in self._makers:
            self._makers.append(make)
        found = self._base.per_base.get(make)
        if found is None:
            found = self._base.per_base[make] = make(self._base.corpus.keys, self._base.meta)
        value: T = found
        return value

    # -- following the files -----------------------------------------------------------
    def sync(self) -> None:
        # One stat per shard file (~0.2 ms for 64): a change made by another process is
        # seen by the very next search.
        sigs = self._collection.shard_signatures()
        self._take_completed()
        self._take_rebuild()
        if self._base is None and not self._load(sigs):
            self._build(sigs)
            return
        changed = [i for i, s in enumerate(sigs) if s != self._sigs[i]]
        if not changed:
            return
        keys = {i: self._collection.changed_keys(i, self._sigs[i], sigs[i]) for i in changed}
        unknown = sum(k is None for k in keys.values())
        if self._shown is None and unknown > max(8, len(sigs) // 4):
            self._build(sigs)  # most shards changed elsewhere: as fast as a delta of them
            return
        for i, known in keys.items():
            self._update_shard(i, known, sigs[i])
        self._sigs = list(sigs)
        self._make_delta()
        if (
            len(self._changed) >= self._rebuild_after
            and self._rebuild is None
            and time.monotonic() - self._rebuilt_at >= REBUILD_EVERY_S
        ):
            self._start_rebuild()

    def keep_up(self) -> bool:
        """After a change made here: take it in now, while the index is in use (else it
        is made at the first search); whether it is. The search that follows an edit then
        only checks the files; the edited documents' delta was ~3 ms of it."""
        if self._base is None or self._collection.changing:
            return False
        try:
            self.sync()
        except Exception:  # the change is saved: the next search syncs (and says why not)
            return False
        return True

    def _update_shard(self, i: int, keys: set[str] | None, sig: Any) -> None:
        """Index again the documents of shard ``i`` with these keys (None: all of them);
        ``sig``: the shard file's signature now."""
        assert self._base is not None
        if keys is None or not self._collection.holds(i, sig):  # written elsewhere
            found = changes_elsewhere(self, i, keys)
        else:  # by this collection, which holds the shard as written
            items = self._collection.shard_items(i)
            found = {key: self.change_of(key, items.get(key)) for key in keys}
        for key, change in found.items():
            self._changed[key] = change
            self._pieces.pop(key, None)

    def change_of(self, key: str, doc: Doc | None) -> Change:
        """A document as the delta holds it (None: removed)."""
        if doc is None:
            return None
        shown = self._shown
        return (self._entries(key, doc), self._meta(doc), shown(doc) if shown else b"")

    def _indexed_shown(self, key: str, at: int | None) -> bytes | None:
        """The shown bytes the index holds for ``key`` (``at``: its entry in the base)."""
        if key in self._changed:
            changed = self._changed[key]
            return changed[2] if changed is not None else None
        return self._base_shown(at) if at is not None else None

    def _base_shown(self, at: int) -> bytes:
        """The shown bytes of the base's entry ``at``."""
        assert self._base is not None and self._base.shown is not None
        blob, offsets = self._base.shown
        return blob_bytes(blob, int(offsets[at]), int(offsets[at + 1]))

    def _make_delta(self) -> None:
        """The delta corpus of the changed documents, and the base entries it replaces."""
        assert self._base is not None
        base = self._base.corpus
        for key in self._changed:
            if key not in self._masked:
                d0, d1 = self._base.ranges[self._collection.shard_of(key)][:2]
                try:
                    self._masked[key] = base.keys.index(key, d0, d1)
                except ValueError:
                    self._masked[key] = -1
        dead = [at for at in self._masked.values() if at >= 0]
        self._alive = None
        if dead:
            self._alive = np.ones(base.size, dtype=np.bool_)
            self._alive[dead] = False
        live = {k: v for k, v in self._changed.items() if v is not None}
        new = [(k, v[0]) for k, v in live.items() if k not in self._pieces]
        if new:
            pieces = split_segment(build_segment(new, self._field_ids, self.vocab))
            self._pieces.update(zip([k for k, _ in new], pieces, strict=True))
        pieces = [self._pieces[k] for k in live]
        small = len(pieces) <= FIRST_ONLY_UP_TO
        self._delta = merge(pieces, self.vocab, first_only=small) if live else None
        # Only the tail changes (a copy of 50,000 keys and meta would cost ~1 ms each time).
        if self._keys_of is not self._base:
            self.keys, self.meta, self._keys_of = list(base.keys), list(self._base.meta), self._base
        del self.keys[base.size :], self.meta[base.size :]
        self.keys.extend(live)
        self.meta.extend(v[1] for v in live.values())
        self.version += 1

    def _set_base(self, base: Base, changed: dict[str, Any] | None = None) -> None:
        self._base = base
        self._changed, self._masked, self._pieces = changed or {}, {}, {}
        self._rebuild_after = REBUILD_AT
        self.base_version += 1
        self._make_delta()

    def _build(self, sigs: list[Any]) -> None:
        """Merge the base from every shard, here and now (the first search, or most shards
        changed)."""
        self._drop_rebuild()
        sigs = list(sigs)
        segments, metas = [], []
        shown_of = self._shown
        shown: list[ShownPart] | None = [] if shown_of is not None else None
        for i in range(len(sigs)):
            sigs[i], items = self._shard_docs(i, sigs[i])
            rows = [(key, self._entries(key, doc)) for key, doc in items.items()]
            segments.append(build_segment(rows, self._field_ids, self.vocab))
            metas.append([self._meta(doc) for doc in items.values()])
            if shown is not None and shown_of is not None:
                shown.append(shown_part([shown_of(doc) for doc in items.values()]))
            del items, rows
        # Only the first postings: a sixth of the merge (~0.8 s less at 20,000 phrases); the
        # others are added in the background (_save_soon) and taken over by a later search.
        base = merged(segments, metas, sigs, self.vocab, shown, first_only=True)
        del segments, metas, shown  # the base holds the same arrays: keep one copy
        release_free_memory()
        self._sigs = sigs
        self._set_base(base)
        self._save_soon()

    def _shard_docs(self, i: int, sig: Any) -> tuple[Any, dict[str, Doc]]:
        """Shard ``i``'s signature and documents for a base. With ``shown`` they are read
        from the file and not kept (~50 MB of parsed documents at 20,000 phrases that
        nothing else needs); through the collection (which keeps them) inside a change,
        whose documents are not in the files yet, and for a file missing or damaged, which
        the collection recovers."""
        if self._shown is not None and not self._collection.changing:
            try:
                read, docs = self._collection.read_shard_file(i)
            except Exception:  # damaged: the collection's read recovers it from its copy
                read = None
            if read is not None:
                return read, docs
        return sig, self._collection.shard_items(i)

    def _start_rebuild(self) -> None:
        assert self._base is not None
        self._rebuilt_at = time.monotonic()
        if self.rebuild_apart is not None and self._cache is not None:
            self._rebuild = ApartRebuild(self, self.rebuild_apart)
            return
        shard_of = self._collection.shard_of
        stale = {shard_of(key) for key in self._changed}
        stale.update(i for i, s in enumerate(self._sigs) if s != self._base.sigs[i])
        self._rebuild = Rebuild(self, stale)

    def merge_now(self) -> None:
        """Merge what changed since the base into a new one, here and now, and write the
        cache for it (``kefu search --prepare``, for an app's ``rebuild_apart``)."""
        self.sync()
        self.flush()
        assert self._base is not None
        if self._changed or self._sigs != list(self._base.sigs):
            self._start_rebuild()
            self.flush()
            self._take_rebuild()

    def _take_rebuild(self) -> None:
        """Take over a base merged in the background, once it is done. What changed in a
        shard since it was read stays in the delta: the documents committed here since, or
        all of the shard's changed documents when it was changed elsewhere."""
        rebuild = self._rebuild
        if rebuild is None or not rebuild.done:
            return
        self._rebuild = None
        if rebuild.result is None or rebuild.old is not self._base:
            # Failed (a file damaged mid-read): try again once the delta has grown more.
            self._rebuild_after = len(self._changed) + REBUILD_AT
            return
        base, vocab = rebuild.result
        shard_of, changed_keys = self._collection.shard_of, self._collection.changed_keys
        since: dict[int, set[str] | None] = {
            i: changed_keys(i, read, self._sigs[i])
            for i, read in enumerate(base.sigs)
            if read != self._sigs[i]
        }
        still = {}
        for key, value in self._changed.items():
            i = shard_of(key)
            if i in since:
                later = since[i]
                if later is None or key in later:
                    still[key] = value
        self.vocab = vocab
        self._set_base(base, still)

    def _drop_rebuild(self) -> None:
        if self._rebuild is not None:
            self._rebuild.thread.join()
            self._rebuild = None

    def live(self) -> Bools:
        """Per entry of ``keys``: False for a base entry whose document changed since the
        base was merged (its current version is in the delta, or it was removed)."""
        size = len(self.keys)
        if self._alive is None:
            return np.ones(size, dtype=np.bool_)
        return np.concatenate([self._alive, np.ones(size - len(self._alive), dtype=np.bool_)])

    def entry_of(self, key: str) -> int | None:
        """The entry of ``key`` in ``keys`` (as of the last sync), or None when not indexed:
        looked for in its shard's part of the base only (a few hundred keys)."""
        if key in self._changed:
            if self._changed[key] is None:
                return None
            try:  # the delta's entries: few (a new base is merged past REBUILD_AT)
                return self.keys.index(key, self.base_size)
            except ValueError:
                return None
        if self._base is None:
            return None
        d0, d1 = self._base.ranges[self._collection.shard_of(key)][:2]
        try:
            return self._base.corpus.keys.index(key, d0, d1)
        except ValueError:
            return None

    def shown_doc(self, i: int) -> Doc:
        """What ``shown`` kept of entry ``i`` of ``keys`` (as of the last sync)."""
        assert self._shown is not None, "made without shown="
        if self._base is not None and i < self.base_size:
            data = self._base_shown(i)
        else:
            changed = self._changed[self.keys[i]]
            assert changed is not None, "a removed document is not among the keys"
            data = changed[2]
        doc: Doc = orjson.loads(data)
        return doc

    def shown_stamp(self, i: int) -> Any:
        """Equal for two calls exactly when ``shown_doc(i)`` holds the same document (as of
        the last sync): what a caller keeps made from it is still good."""
        if self._base is not None and i < self.base_size:
            return (self.base_version, i)
        return self._changed[self.keys[i]]

    def match(self, query: str, synced: bool = False) -> Found:
        """What ``query`` matches; ``synced``: ``sync()`` was called just before."""
        if not synced:
            self.sync()
        base = self._base.corpus if self._base is not None else None
        found_base = match(base, self.vocab, query) if base is not None else None
        delta = match(self._delta, self.vocab, query) if self._delta is not None else None
        return Found(found_base, self._alive, delta, self.base_size)

    # -- the on-disk cache (search/cache.py) -----------------------------------------------
    def _key(self) -> bytes:
        return cache_key(list(self._field_ids), self._layout)

    def _load(self, sigs: list[Any]) -> bool:
        """Map the cached arrays instead of merging the base again (~100 MB at full size)."""
        cached = read_cache(self._cache, self._key(), len(sigs))
        if cached is None or (self._shown is not None and cached.shown is None):
            return False
        self.vocab = cached.vocab
        self._sigs = list(cached.sigs)  # so that sync() indexes again what changed since
        shown = cached.shown if self._shown is not None else None
        self._set_base(Base(cached.base, cached.ranges, cached.doc_meta, cached.sigs, shown))
        return True

    def _save_soon(self) -> None:
        """Give the base the postings a first search leaves out, then write the cache, in
        the background: the search that merged the base waits neither for those (~0.8 s at
        20,000 phrases) nor for the disk. The base is not changed by the thread, which hands
        the completed corpus over (``_take_completed``); at exit the process waits for it
        (wait_for_cache_writes)."""
        if self._base is None or (self._cache is None and not self._base.corpus.first_only):
            return
        self.flush()
        base, key, cache = self._base, self._key(), self._cache
        tokens = ReadingVocab()  # the base's ids (the vocabulary grows with later deltas)
        tokens.set_ids = dict(self.vocab.set_ids)
        codes = reading_codes(self.vocab)
        self._saver = complete_and_save(base, codes, cache, key, tokens, self._completed)

    def _take_completed(self) -> None:
        while self._completed:  # in the order the writer made them: the mapped copy last
            base, corpus, shown = self._completed.pop(0)
            if base is self._base:
                base.corpus, base.shown = corpus, shown

    def cached(self) -> bool:
        """Loaded, or a cache is on disk to map (maybe of older files: what changed since
        is indexed again, not everything)."""
        return self._base is not None or (
            self._cache is not None and (self._cache / "meta.json").exists()
        )

    def forget_cache(self) -> None:
        """Drop the on-disk cache and merge the base again at the next search: after a
        privacy erase, no cache file may still hold what was erased."""
        self.flush()
        self._rebuild = None
        if self._cache is not None:
            shutil.rmtree(self._cache, ignore_errors=True)
        self._base = None
        self._changed, self._masked, self._pieces = {}, {}, {}
        self._sigs = [object()] * len(self._sigs)

    def flush(self) -> None:
        """Wait for a cache write (or a background rebuild, which writes one) in progress."""
        if self._saver is not None:
            self._saver.join()
            self._saver = None
        if self._rebuild is not None:
            self._rebuild.thread.join()
