"""A search index that follows a collection's files, shard by shard, and a cache of it.

Each storage shard becomes one segment. A full *base* corpus is merged from all segments
(the costly step: ~1 s at 20,000 phrases) and cached on disk with the signature of every
shard. When a few shards change (an edit here, or a `kefu add` in another process), only
those are rebuilt into a small *delta* corpus, and their documents in the base are left
out of results — so a search right after an edit, or a new process after one, stays fast.
The base is merged again once many shards have changed.
"""

from __future__ import annotations

import atexit
import os
import shutil
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import orjson

from assistant.core.search.corpus import Corpus, FieldEntry, Postings, Segment, build_segment, merge
from assistant.core.search.matcher import Matches, match
from assistant.core.search.vocab import ReadingVocab
from assistant.core.store import Collection
from assistant.core.store.atomic import ensure_private_dir

Doc = dict[str, Any]
Bools = npt.NDArray[np.bool_]
CACHE_FORMAT = 2
_ARRAYS = ("chars", "rid", "field_starts", "field_doc", "field_kind", "doc", "kind")
_POSTINGS = ("by_char", "by_initial", "by_pair", "by_two", "by_two_then", "by_long", "by_long_then")


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
        if cache is not None:
            atexit.register(self.flush)

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

    def match(self, query: str) -> Found:
        self.sync()
        base = match(self._base, self.vocab, query) if self._base is not None else None
        delta = match(self._delta, self.vocab, query) if self._delta is not None else None
        offset = self._base.size if self._base is not None else 0
        return Found(base, self._alive, delta, offset)

    # -- the on-disk cache ---------------------------------------------------------------
    def _key(self) -> bytes:
        return orjson.dumps([CACHE_FORMAT, list(self._field_ids)])

    def _load(self, sigs: list[Any]) -> bool:
        """Map the cached arrays (read lazily by the OS: a new process touches only the
        pages a search needs) instead of reading ~100 MB."""
        if self._cache is None or not (self._cache / "meta.json").exists():
            return False
        try:
            meta = orjson.loads((self._cache / "meta.json").read_bytes())
            if meta.get("key") != orjson.loads(self._key()) or len(meta["segments"]) != len(sigs):
                return False
            vocab = ReadingVocab()
            for token in meta["tokens"]:
                vocab.set_id(token)

            def load(name: str) -> Any:
                mapped = np.load(self._cache / f"{name}.npy", mmap_mode="r", allow_pickle=False)  # type: ignore[operator]
                return np.asarray(mapped)  # a plain view: np.memmap's slicing is slow

            arrays = {name: load(name) for name in _ARRAYS}
            postings = {
                name: Postings(
                    load(f"{name}.keys"), load(f"{name}.offsets"), load(f"{name}.positions")
                )
                for name in _POSTINGS
            }
        except Exception:  # an unreadable or stale cache is simply rebuilt
            return False
        self.vocab = vocab
        base = Corpus(keys=meta["keys"], long_ids=meta["long_ids"], **arrays, **postings)  # type: ignore[arg-type]
        ranges, doc_meta = meta["segments"], meta["doc_meta"]
        self._segments = [_slice_segment(base, *r) for r in ranges]
        self._metas = [doc_meta[r[0] : r[1]] for r in ranges]
        self._base = base
        self._base_sigs = [tuple(s) if s is not None else None for s in meta["sigs"]]
        counts = [r[1] - r[0] for r in ranges]
        self._base_shard = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
        self._base_meta = doc_meta
        self._sigs = list(self._base_sigs)  # so that sync() rebuilds what changed since
        self.keys, self.meta = list(base.keys), list(doc_meta)
        return True

    def _save_soon(self, sigs: list[Any]) -> None:
        """Write the cache in the background: the search that rebuilt the index does not
        wait for the disk. The arrays written are never modified afterwards (a rebuild
        makes new ones), so the writer needs no lock; at exit the process waits for it."""
        if self._cache is None or self._base is None:
            return
        self.flush()
        payload = self._payload(sigs)
        self._saver = threading.Thread(
            target=_write_cache, args=(self._cache, payload), name="kefu-index-cache"
        )
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
        c = self._base
        assert c is not None
        ranges, doc0, pos0 = [], 0, 0
        for seg in self._segments:
            n_docs = len(seg.keys) if seg is not None else 0
            n_pos = len(seg.chars) if seg is not None else 0
            ranges.append([doc0, doc0 + n_docs, pos0, pos0 + n_pos])
            doc0, pos0 = doc0 + n_docs, pos0 + n_pos
        tokens = sorted(self.vocab.set_ids, key=self.vocab.set_ids.__getitem__)
        meta = {
            "keys": c.keys,
            "long_ids": c.long_ids,
            "tokens": tokens,
            "segments": ranges,
            "doc_meta": self._base_meta,
            "sigs": [list(s) if s else None for s in sigs],
        }
        arrays: dict[str, Any] = {name: getattr(c, name) for name in _ARRAYS}
        for name in _POSTINGS:
            p = getattr(c, name)
            arrays[f"{name}.keys"], arrays[f"{name}.offsets"] = p.keys, p.offsets
            arrays[f"{name}.positions"] = p.positions
        meta["key"] = orjson.loads(self._key())
        arrays["meta"] = orjson.dumps(meta)
        return arrays


def _write_cache(path: Path, arrays: dict[str, Any]) -> None:
    """Write the cache as a folder of .npy files, then swap it in for the old one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
    old = path.with_name(f".{path.name}.{os.getpid()}.old")
    try:
        ensure_private_dir(path.parent)
        ensure_private_dir(tmp)
        for name, value in arrays.items():
            if isinstance(value, bytes):
                (tmp / f"{name}.json").write_bytes(value)
            else:
                np.save(tmp / f"{name}.npy", np.asarray(value), allow_pickle=False)
        for f in tmp.iterdir():
            os.chmod(f, 0o600)
        if path.exists():
            os.replace(path, old)
        os.replace(tmp, path)
    except Exception:  # a cache is an optimisation: never fail a search over it
        pass
    finally:
        for leftover in (tmp, old):
            shutil.rmtree(leftover, ignore_errors=True)


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
