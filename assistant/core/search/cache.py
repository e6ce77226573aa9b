"""The on-disk cache of a CollectionIndex's base corpus: a folder of .npy files and meta.json.

A new process maps the arrays instead of merging the base again. The cache is an
optimisation only: anything unreadable, stale or damaged is ignored and rebuilt, and a failed
write never fails a search. Damaged includes what still loads: meta.json records each
array's dtype, length and CRC-32, and the arrays must agree with each other (positions
inside the text, offsets in order, one range per shard), so a flipped byte or a file from
another write gives a rebuild, never a wrong result or a crash.
"""

from __future__ import annotations

import os
import shutil
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import orjson

from assistant.core.search.corpus import Corpus, Postings, Segment
from assistant.core.search.file_bytes import Blob, FileBytes
from assistant.core.search.vocab import ReadingVocab
from assistant.core.store.atomic import ensure_private_dir

CACHE_FORMAT = 5  # 3: dtypes, lengths and CRCs of the arrays in meta.json; 4: phrase meta
# gained "listed late"; 5: what a result shows of each document (optional)
_ARRAYS = ("chars", "rid", "field_starts", "field_doc", "field_kind", "doc", "kind")
_POSTINGS = ("by_char", "by_initial", "by_pair", "by_two", "by_two_then", "by_long", "by_long_then")
_SHOWN = ("shown", "shown.offsets")

# Per document, what a result shows of it (the JSON bytes ``CollectionIndex(shown=...)``
# makes): the documents laid end to end, and where each starts (one more: the end).
Shown = tuple[Blob, npt.NDArray[np.int64]]


def cache_key(field_names: Sequence[str], layout: str = "") -> bytes:
    """What a cache must have been written for: this format, these fields in order, and
    the layout of what its owner keeps per document (meta, shown), when named."""
    return orjson.dumps([CACHE_FORMAT, list(field_names), *([layout] if layout else [])])


@dataclass(slots=True)
class CachedBase:
    """A base corpus read back, with what the index kept beside it."""

    vocab: ReadingVocab
    base: Corpus
    ranges: list[list[int]]  # per shard: first and end document, first and end position
    doc_meta: list[tuple[Any, ...]]
    sigs: list[Any]  # the shard signatures the base was merged at
    shown: Shown | None = None


def _crc(array: Any) -> int:
    return zlib.crc32(np.ascontiguousarray(array).view(np.uint8).data)


@dataclass(frozen=True, slots=True)
class _Scan:
    """What one read of a cached array's file found: its CRC, and the lowest and highest
    value of all but its last element (the sentinel), and that last element."""

    crc: int
    low: int
    high: int
    last: int


def _scan_file(file: Path, offset: int, dtype: np.dtype[Any]) -> _Scan:
    """Check a .npy file's data by reading the file rather than the mapping: the pages then
    stay in the OS's file cache instead of the app's resident memory (~85 MB at 20,000
    phrases), and a search maps in only the pages it reads."""
    crc, low, high, pending = 0, None, None, None
    with open(file, "rb") as f:
        f.seek(offset)
        while chunk := f.read(1 << 20):  # a multiple of every item size
            crc = zlib.crc32(chunk, crc)
            values = np.frombuffer(chunk, dtype=dtype)
            if pending is not None:
                values = np.concatenate([pending, values])
            pending = values[-1:].copy()
            body = values[:-1]
            if body.size:
                lo, hi = int(body.min()), int(body.max())
                low = lo if low is None else min(low, lo)
                high = hi if high is None else max(high, hi)
    last = int(pending[0]) if pending is not None else 0
    return _Scan(crc, low if low is not None else last, high if high is not None else last, last)


def read_cache(path: Path | None, key: bytes, shards: int) -> CachedBase | None:
    """The cached base, or None when there is none, or it is unreadable, damaged or for
    other fields."""
    if path is None or not (path / "meta.json").exists():
        return None
    try:
        meta = orjson.loads((path / "meta.json").read_bytes())
        if not isinstance(meta, dict) or meta.get("key") != orjson.loads(key):
            return None
        vocab = ReadingVocab()
        for token in meta["tokens"]:
            vocab.set_id(token)
        recorded = meta["arrays"]

        scans: dict[str, _Scan] = {}
        data_at: dict[str, int] = {}  # where each file's data starts, after its header

        def load(name: str) -> Any:
            file = path / f"{name}.npy"
            mapped = np.load(file, mmap_mode="r", allow_pickle=False)
            array = np.asarray(mapped)  # a plain view: np.memmap's slicing is slow
            dtype, length, crc = recorded[name]
            if (
                str(array.dtype) != dtype
                or array.shape != (length,)
                or not array.flags.c_contiguous
            ):
                raise ValueError(f"{name}.npy is not the array meta.json describes")
            scans[name] = _scan_file(file, mapped.offset, array.dtype)
            data_at[name] = mapped.offset
            if scans[name].crc != crc:
                raise ValueError(f"{name}.npy is damaged")
            return array

        arrays = {name: load(name) for name in _ARRAYS}
        postings = {
            name: Postings(load(f"{name}.keys"), load(f"{name}.offsets"), load(f"{name}.positions"))
            for name in _POSTINGS
        }
        base = Corpus(keys=meta["keys"], long_ids=meta["long_ids"], **arrays, **postings)  # type: ignore[arg-type]
        if not _consistent(base, meta, shards, scans):
            return None
        shown: Shown | None = None
        if _SHOWN[0] in recorded:
            shown = (load(_SHOWN[0]), load(_SHOWN[1]))
            if not _shown_consistent(shown, len(base.keys), scans[_SHOWN[1]]):
                return None
            # Read when shown (file_bytes), not mapped: from where np.load found the data.
            file = path / f"{_SHOWN[0]}.npy"
            shown = (FileBytes(file, data_at[_SHOWN[0]], len(shown[0])), shown[1])
        sigs = [tuple(s) if s is not None else None for s in meta["sigs"]]
        if not all(isinstance(m, list) for m in meta["doc_meta"]):
            return None
        doc_meta = [tuple(m) for m in meta["doc_meta"]]  # as the index makes them (base.py)
    except Exception:  # an unreadable, damaged or stale cache is simply rebuilt
        return None
    return CachedBase(vocab, base, meta["segments"], doc_meta, sigs, shown)


def _shown_consistent(shown: Shown, n_docs: int, offsets_scan: _Scan) -> bool:
    """One slice of the bytes per document, in order, inside them."""
    blob, offsets = shown
    if blob.dtype != np.uint8 or offsets.dtype != np.int64 or len(offsets) != n_docs + 1:
        return False
    if int(offsets[0]) != 0 or int(offsets[-1]) != len(blob) or offsets_scan.low < 0:
        return False
    return not bool(np.any(np.diff(offsets) < 0))


def _is_ints(value: Any, n: int) -> bool:
    return (
        isinstance(value, list)
        and len(value) == n
        and all(isinstance(x, int) and not isinstance(x, bool) for x in value)
    )


def _consistent(c: Corpus, meta: dict[str, Any], shards: int, scans: dict[str, _Scan]) -> bool:
    """The arrays and meta.json describe one corpus: every index points inside what it
    indexes, so slicing and matching on them can neither fail nor read past the text."""
    keys, segments, sigs = meta["keys"], meta["segments"], meta["sigs"]
    n_docs, n_pos = len(keys), len(c.chars)
    if not (isinstance(keys, list) and all(isinstance(k, str) for k in keys)):
        return False
    if not (isinstance(meta["doc_meta"], list) and len(meta["doc_meta"]) == n_docs):
        return False
    if not isinstance(c.long_ids, dict) or not all(isinstance(v, int) for v in c.long_ids.values()):
        return False
    if not (isinstance(sigs, list) and len(sigs) == shards):
        return False
    if not all(s is None or _is_ints(s, 3) for s in sigs):
        return False
    # One range per shard, end to end: documents [d0, d1), positions [p0, p1).
    if not (isinstance(segments, list) and len(segments) == shards):
        return False
    doc0 = pos0 = 0
    for seg in segments:
        if not _is_ints(seg, 4) or seg[0] != doc0 or seg[2] != pos0:
            return False
        if seg[1] < seg[0] or seg[3] < seg[2]:
            return False
        doc0, pos0 = seg[1], seg[3]
    if doc0 != n_docs or pos0 != n_pos - 1:  # the base ends with one sentinel position
        return False
    if not (len(c.rid) == len(c.doc) == len(c.kind) == n_pos >= 1):
        return False
    starts = c.field_starts
    if not (len(starts) == len(c.field_doc) == len(c.field_kind) >= 1):
        return False
    if starts[0] < 0 or starts[-1] != n_pos - 1 or bool(np.any(np.diff(starts) < 0)):
        return False
    # The big arrays' bounds come from the scan that checked their CRC (see _scan_file).
    field_doc, doc = scans["field_doc"], scans["doc"]
    if n_docs and len(c.field_doc) > 1 and not (field_doc.low >= 0 and field_doc.high < n_docs):
        return False
    if len(c.doc) > 1 and not (doc.low >= 0 and doc.high < max(n_docs, 1)):
        return False
    for name in _POSTINGS:
        p: Postings = getattr(c, name)
        offsets = p.offsets
        if len(offsets) != len(p.keys) + 1 or offsets[0] != 0 or offsets[-1] != len(p.positions):
            return False
        if bool(np.any(np.diff(offsets) < 0)) or bool(
            np.any(np.diff(p.keys.astype(np.int64)) <= 0)
        ):
            return False
        found = scans[f"{name}.positions"]
        if len(p.positions) and not (
            min(found.low, found.last) >= 0 and max(found.high, found.last) < n_pos
        ):
            return False
    return True


def cache_payload(
    base: Corpus,
    segments: Sequence[Segment | None],
    vocab: ReadingVocab,
    doc_meta: list[tuple[Any, ...]],
    sigs: list[Any],
    key: bytes,
    shown: Shown | None = None,
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
    if shown is not None:
        arrays[_SHOWN[0]], arrays[_SHOWN[1]] = shown
    meta["key"] = orjson.loads(key)
    meta["arrays"] = {
        name: [str(np.asarray(a).dtype), len(a), _crc(a)] for name, a in arrays.items()
    }
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
