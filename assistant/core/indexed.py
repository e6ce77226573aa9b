"""A search index that follows a collection's files, shard by shard, and a cache of it.

Each storage shard becomes one segment of the corpus; only shards whose file changed (in
this process or another) are re-read. The merged corpus is cached on disk, keyed by the
shards' signatures, so a new process (`kefu search`, the app starting) loads it instead of
building it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from assistant.core.search_corpus import Corpus, FieldEntry, Postings, Segment, build_segment, merge
from assistant.core.search_engine import Matches, match
from assistant.core.search_vocab import ReadingVocab
from assistant.core.store import Collection
from assistant.core.store.atomic import ensure_private_dir

Doc = dict[str, Any]
CACHE_FORMAT = 1
_ARRAYS = ("chars", "rid", "field_starts", "field_doc", "field_kind", "doc", "kind")
_POSTINGS = ("by_char", "by_initial", "by_pair", "by_two", "by_two_then", "by_long", "by_long_then")


class CollectionIndex:
    def __init__(
        self,
        collection: Collection,
        fields: Sequence[str],
        entries: Callable[[str, Doc], Sequence[FieldEntry]],
        cache: Path | None = None,
    ) -> None:
        self._collection = collection
        self._field_ids = {name: i for i, name in enumerate(fields)}
        self._entries = entries
        self._cache = cache
        self.vocab = ReadingVocab()
        n = collection.shard_count
        self._segments: list[Segment | None] = [None] * n
        self._sigs: list[Any] = [object()] * n
        self.corpus: Corpus | None = None
        self.version = 0

    def field_id(self, name: str) -> int:
        return self._field_ids[name]

    def sync(self) -> Corpus:
        sigs = self._collection.shard_signatures()
        if self.corpus is not None and sigs == self._sigs:
            return self.corpus
        if self.corpus is None and self._load(sigs):
            assert self.corpus is not None
            return self.corpus
        for i, sig in enumerate(sigs):
            if sig != self._sigs[i] or self._segments[i] is None:
                shard = self._collection.shard_items(i)
                entries = [(key, self._entries(key, doc)) for key, doc in shard.items()]
                self._segments[i] = build_segment(entries, self._field_ids, self.vocab)
        self._sigs = list(sigs)
        self.corpus = merge([s for s in self._segments if s is not None], self.vocab)
        self.version += 1
        self._save(sigs)
        return self.corpus

    def match(self, query: str) -> Matches:
        return match(self.sync(), self.vocab, query)

    # -- the on-disk cache -----------------------------------------------------------------
    def _key(self, sigs: list[Any]) -> bytes:
        return orjson.dumps(
            [CACHE_FORMAT, list(self._field_ids), [list(s) if s else None for s in sigs]]
        )

    def _load(self, sigs: list[Any]) -> bool:
        if self._cache is None or not self._cache.exists():
            return False
        try:
            with np.load(self._cache, allow_pickle=False) as data:
                if bytes(data["key"]) != self._key(sigs):
                    return False
                meta = orjson.loads(bytes(data["meta"]))
                vocab = ReadingVocab()
                for token in meta["tokens"]:
                    vocab.set_id(token)
                arrays = {name: data[name] for name in _ARRAYS}
                postings = {
                    name: Postings(
                        data[f"{name}.keys"], data[f"{name}.offsets"], data[f"{name}.positions"]
                    )
                    for name in _POSTINGS
                }
                segment_ranges = meta["segments"]
        except Exception:  # an unreadable or stale cache is simply rebuilt
            return False
        self.vocab = vocab
        self.corpus = Corpus(keys=meta["keys"], long_ids=meta["long_ids"], **arrays, **postings)  # type: ignore[arg-type]
        self._segments = [_slice_segment(self.corpus, *r) for r in segment_ranges]
        self._sigs = list(sigs)
        self.version += 1
        return True

    def _save(self, sigs: list[Any]) -> None:
        if self._cache is None or self.corpus is None:
            return
        c = self.corpus
        ranges, doc0, pos0 = [], 0, 0
        for seg in self._segments:
            if seg is None:
                continue
            ranges.append([doc0, doc0 + len(seg.keys), pos0, pos0 + len(seg.chars)])
            doc0 += len(seg.keys)
            pos0 += len(seg.chars)
        tokens = sorted(self.vocab.set_ids, key=self.vocab.set_ids.__getitem__)
        meta = {"keys": c.keys, "long_ids": c.long_ids, "tokens": tokens, "segments": ranges}
        arrays: dict[str, Any] = {name: getattr(c, name) for name in _ARRAYS}
        for name in _POSTINGS:
            p = getattr(c, name)
            arrays[f"{name}.keys"], arrays[f"{name}.offsets"] = p.keys, p.offsets
            arrays[f"{name}.positions"] = p.positions
        arrays["key"] = np.frombuffer(self._key(sigs), dtype=np.uint8)
        arrays["meta"] = np.frombuffer(orjson.dumps(meta), dtype=np.uint8)
        tmp = self._cache.with_name(self._cache.name + f".{os.getpid()}.tmp.npz")
        try:
            ensure_private_dir(self._cache.parent)
            np.savez(tmp, **arrays)
            os.chmod(tmp, 0o600)
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, self._cache)
        except Exception:  # a cache is an optimisation: never fail a search over it
            with contextlib.suppress(OSError):
                tmp.unlink()


def _slice_segment(c: Corpus, d0: int, d1: int, p0: int, p1: int) -> Segment:
    f0, f1 = np.searchsorted(c.field_starts, [p0, p1])
    return Segment(
        keys=c.keys[d0:d1],
        chars=c.chars[p0:p1],
        rid=c.rid[p0:p1],
        field_starts=c.field_starts[f0:f1] - p0,
        field_doc=c.field_doc[f0:f1] - d0,
        field_kind=c.field_kind[f0:f1],
    )
