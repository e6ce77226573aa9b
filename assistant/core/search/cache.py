"""The on-disk cache of a CollectionIndex's base corpus: a folder of .npy files and meta.json.

A new process maps the arrays (read lazily by the OS: it touches only the pages a search
needs) instead of merging the base again. The cache is an optimisation only: anything
unreadable or stale is ignored and rebuilt, and a failed write never fails a search.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from assistant.core.search.corpus import Corpus, Postings, Segment
from assistant.core.search.vocab import ReadingVocab
from assistant.core.store.atomic import ensure_private_dir

CACHE_FORMAT = 2
_ARRAYS = ("chars", "rid", "field_starts", "field_doc", "field_kind", "doc", "kind")
_POSTINGS = ("by_char", "by_initial", "by_pair", "by_two", "by_two_then", "by_long", "by_long_then")


def cache_key(field_names: Sequence[str]) -> bytes:
    """What a cache must have been written for: this format and these fields, in order."""
    return orjson.dumps([CACHE_FORMAT, list(field_names)])


@dataclass(slots=True)
class CachedBase:
    """A base corpus read back, with what the index kept beside it."""

    vocab: ReadingVocab
    base: Corpus
    ranges: list[list[int]]  # per shard: first and end document, first and end position
    doc_meta: list[list[Any]]
    sigs: list[Any]  # the shard signatures the base was merged at


def read_cache(path: Path | None, key: bytes, shards: int) -> CachedBase | None:
    """The cached base, or None when there is none, or it is unreadable or for other fields."""
    if path is None or not (path / "meta.json").exists():
        return None
    try:
        meta = orjson.loads((path / "meta.json").read_bytes())
        if meta.get("key") != orjson.loads(key) or len(meta["segments"]) != shards:
            return None
        vocab = ReadingVocab()
        for token in meta["tokens"]:
            vocab.set_id(token)

        def load(name: str) -> Any:
            mapped = np.load(path / f"{name}.npy", mmap_mode="r", allow_pickle=False)
            return np.asarray(mapped)  # a plain view: np.memmap's slicing is slow

        arrays = {name: load(name) for name in _ARRAYS}
        postings = {
            name: Postings(load(f"{name}.keys"), load(f"{name}.offsets"), load(f"{name}.positions"))
            for name in _POSTINGS
        }
    except Exception:  # an unreadable or stale cache is simply rebuilt
        return None
    base = Corpus(keys=meta["keys"], long_ids=meta["long_ids"], **arrays, **postings)  # type: ignore[arg-type]
    sigs = [tuple(s) if s is not None else None for s in meta["sigs"]]
    return CachedBase(vocab, base, meta["segments"], meta["doc_meta"], sigs)


def cache_payload(
    base: Corpus,
    segments: Sequence[Segment | None],
    vocab: ReadingVocab,
    doc_meta: list[list[Any]],
    sigs: list[Any],
    key: bytes,
) -> dict[str, Any]:
    """Everything ``write_cache`` writes: the base's arrays, and meta.json as bytes."""
    ranges, doc0, pos0 = [], 0, 0
    for seg in segments:
        n_docs = len(seg.keys) if seg is not None else 0
        n_pos = len(seg.chars) if seg is not None else 0
        ranges.append([doc0, doc0 + n_docs, pos0, pos0 + n_pos])
        doc0, pos0 = doc0 + n_docs, pos0 + n_pos
    tokens = sorted(vocab.set_ids, key=vocab.set_ids.__getitem__)
    meta = {
        "keys": base.keys,
        "long_ids": base.long_ids,
        "tokens": tokens,
        "segments": ranges,
        "doc_meta": doc_meta,
        "sigs": [list(s) if s else None for s in sigs],
    }
    arrays: dict[str, Any] = {name: getattr(base, name) for name in _ARRAYS}
    for name in _POSTINGS:
        p = getattr(base, name)
        arrays[f"{name}.keys"], arrays[f"{name}.offsets"] = p.keys, p.offsets
        arrays[f"{name}.positions"] = p.positions
    meta["key"] = orjson.loads(key)
    arrays["meta"] = orjson.dumps(meta)
    return arrays


def write_cache(path: Path, arrays: dict[str, Any]) -> None:
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


def slice_segment(c: Corpus, d0: int, d1: int, p0: int, p1: int) -> Segment:
    """One shard's part of a cached base, as the segment it was merged from."""
    f0, f1 = np.searchsorted(c.field_starts, [p0, p1])
    return Segment(
        keys=c.keys[d0:d1],
        chars=c.chars[p0:p1],
        rid=c.rid[p0:p1],
        field_starts=c.field_starts[f0:f1] - p0,
        field_doc=c.field_doc[f0:f1] - d0,
        field_kind=c.field_kind[f0:f1],
    )
