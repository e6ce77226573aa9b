"""The work on a base done in a background thread while the index goes on: a new base
merged from the shard files, or merged by another process into the cache, which the thread
then maps (``Apart``); and a first search's base completed and written to the cache."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.core.memory import release_free_memory
from assistant.core.search import threads
from assistant.core.search.base import Base, ShownPart, mapped_copy, merged, shown_part
from assistant.core.search.cache import Shown, cache_payload, read_cache, slice_segment, write_cache
from assistant.core.search.corpus import Corpus, ReadingCodes, build_segment, complete
from assistant.core.search.vocab import ReadingVocab


class Rebuild:
    """A new base merged in a background thread: the shards whose documents changed since
    ``old`` are read from their files (not through the collection, whose caches belong to
    the index's thread), the others are taken from ``old``. Written to the cache too."""

    def __init__(self, index: Any, stale: set[int]) -> None:
        # index: the CollectionIndex (not imported: it imports this module)
        assert index._base is not None
        self.old = index._base
        self.result: tuple[Base, ReadingVocab] | None = None
        collection, entries, meta = index._collection, index._entries, index._meta
        field_ids, makers, shown_of = index._field_ids, list(index._makers), index._shown
        vocab, cache, key = index.vocab.copy(), index._cache, index._key()
        old = self.old

        def run() -> None:
            segments, metas, sigs = [], [], []
            shown: list[ShownPart] | None = [] if shown_of is not None else None
            for i, (d0, d1, _, _) in enumerate(old.ranges):
                if i in stale:
                    sig, docs = collection.read_shard_file(i)
                    rows = [(k, entries(k, d)) for k, d in docs.items()]
                    segments.append(build_segment(rows, field_ids, vocab))
                    metas.append([meta(d) for d in docs.values()])
                    sigs.append(sig)
                    if shown is not None and shown_of is not None:
                        shown.append(shown_part([shown_of(d) for d in docs.values()]))
                else:
                    segments.append(slice_segment(old.corpus, *old.ranges[i]))
                    metas.append(old.meta[d0:d1])
                    sigs.append(old.sigs[i])
                    if shown is not None:
                        shown.append(old.shown_of(i))
            base = merged(segments, metas, sigs, vocab, shown)
            del segments, metas, shown
            release_free_memory()
            for make in makers:
                base.per_base[make] = make(base.corpus.keys, base.meta)
            if cache is not None:
                payload = cache_payload(
                    base.corpus, base.segments(), vocab, base.meta, base.sigs, key, base.shown
                )
                write_cache(cache, payload)
                del payload
                base = mapped_copy(cache, key, base) or base
                release_free_memory()  # the merged arrays, when the mapped copy replaced them
            self.result = (base, vocab)

        def guarded() -> None:
            try:
                run()
            except Exception:  # a file damaged or replaced mid-read: the delta stays
                self.result = None

        self.thread = threads.start(guarded, "kefu-index-rebuild")

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()


class ApartRebuild:
    """Like ``Rebuild``, the merge done by another process (``make``: it writes the cache
    for the files as they are, True when it did): the app never holds a merge's ~130 MB
    (at 20,000 phrases; a team pack's sync of hundreds of phrases starts one). The thread
    maps the cache written, whose shard signatures say what it was merged from."""

    def __init__(self, index: Any, make: Callable[[], bool]) -> None:
        assert index._base is not None and index._cache is not None
        self.old = index._base
        self.result: tuple[Base, ReadingVocab] | None = None
        cache, key, shards = index._cache, index._key(), len(index._sigs)
        makers = list(index._makers)

        def run() -> None:
            if not make():
                return
            cached = read_cache(cache, key, shards)
            if cached is None:
                return
            base = Base(cached.base, cached.ranges, cached.doc_meta, cached.sigs, cached.shown)
            for made in makers:
                base.per_base[made] = made(base.corpus.keys, base.meta)
            self.result = (base, cached.vocab)
            release_free_memory()

        def guarded() -> None:
            try:
                run()
            except Exception:  # the cache replaced mid-read: the delta stays
                self.result = None

        self.thread = threads.start(guarded, "kefu-index-rebuild-apart")

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()


def complete_and_save(
    base: Base,
    codes: ReadingCodes,
    cache: Path | None,
    key: bytes,
    tokens: ReadingVocab,
    done: list[tuple[Base, Corpus, Shown | None]],
) -> threading.Thread:
    """Give ``base`` the postings a first search leaves out (``codes``: the vocabulary's
    reading codes), then write the cache (``tokens``: the base's ids), in a thread. ``base``
    is not changed: the completed corpus, then its mapped copy, are appended to ``done``
    for the index's thread to take over."""

    def write() -> None:
        corpus = base.corpus
        if corpus.first_only:
            corpus = complete(corpus, codes)
            done.append((base, corpus, base.shown))
            release_free_memory()
        if cache is not None:
            payload = cache_payload(
                corpus, base.segments(), tokens, base.meta, base.sigs, key, base.shown
            )
            write_cache(cache, payload)
            del payload
            whole = Base(corpus, base.ranges, base.meta, base.sigs, base.shown)
            mapped = mapped_copy(cache, key, whole)
            if mapped is not None:  # its arrays replace the merged ones (_take_completed)
                done.append((base, mapped.corpus, mapped.shown))
            del whole, mapped, corpus
            release_free_memory()

    return threads.start(write, "kefu-index-cache")
