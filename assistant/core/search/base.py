"""The index's base: a corpus merged from every shard with what goes with it, and the
matches of a search over the base and the delta numbered as one list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.core.search.cache import Shown, read_cache, slice_segment
from assistant.core.search.corpus import Corpus, Segment, merge
from assistant.core.search.file_bytes import blob_bytes
from assistant.core.search.matcher import Matches
from assistant.core.search.vocab import ReadingVocab

Bools = npt.NDArray[np.bool_]


@dataclass(slots=True)
class Base:
    """A merged corpus with what goes with it. Never changed once made (a background
    thread may read it while the index goes on), but for ``corpus`` gaining the postings a
    first search leaves out (``CollectionIndex._build``): the same arrays, the same
    matches, found faster."""

    corpus: Corpus
    ranges: list[list[int]]  # per shard: first and end document, first and end position
    # Per document: tuples of plain values, which Python's cycle collector stops tracking.
    # As lists, the 70,000 of a full library were walked by every full collection (~50 ms
    # on the GUI thread, now and then at a keystroke: bench buyers-window's slowest).
    meta: list[tuple[Any, ...]]
    sigs: list[Any]  # the shard signatures it was merged at
    shown: Shown | None = None  # with CollectionIndex(shown=...)
    per_base: dict[Any, Any] = field(default_factory=dict)  # see CollectionIndex.per_base

    def segments(self) -> list[Segment]:
        return [slice_segment(self.corpus, *r) for r in self.ranges]

    def shown_of(self, i: int) -> tuple[bytes, npt.NDArray[np.int64]]:
        """Shard ``i``'s part of ``shown``: its documents' bytes and their lengths."""
        assert self.shown is not None
        blob, offsets = self.shown
        d0, d1 = self.ranges[i][:2]
        return blob_bytes(blob, offsets[d0], offsets[d1]), np.diff(offsets[d0 : d1 + 1])


def mapped_copy(cache: Path, key: bytes, base: Base) -> Base | None:
    """``base`` as mapped from the cache written for it, or None when the cache holds
    another (a process wrote its own since) or cannot be read.

    A base merged here lives in the heap (~125 MB at 20,000 phrases, half of it never read
    by a search); mapped, the OS holds it as file pages, and only the pages searches read
    are resident. Without this the app grew by that much at its first background rebuild
    and kept it all day (bench: soak)."""
    cached = read_cache(cache, key, len(base.sigs))
    wanted = [tuple(s) if s is not None else None for s in base.sigs]
    if cached is None or cached.sigs != wanted or cached.base.keys != base.corpus.keys:
        return None
    if (base.shown is None) != (cached.shown is None):
        return None
    copy = Base(cached.base, cached.ranges, cached.doc_meta, base.sigs, cached.shown)
    copy.per_base = base.per_base  # made over the same keys and meta
    return copy


ShownPart = tuple[bytes, npt.NDArray[np.int64]]  # documents' bytes end to end, their lengths


def shown_part(docs: list[bytes]) -> ShownPart:
    return b"".join(docs), np.fromiter(map(len, docs), np.int64, len(docs))


def merged(
    segments: list[Segment],
    metas: list[list[tuple[Any, ...]]],
    sigs: list[Any],
    vocab: ReadingVocab,
    shown: list[ShownPart] | None = None,
    first_only: bool = False,
) -> Base:
    ranges, doc0, pos0 = [], 0, 0
    for seg in segments:
        ranges.append([doc0, doc0 + len(seg.keys), pos0, pos0 + len(seg.chars)])
        doc0, pos0 = doc0 + len(seg.keys), pos0 + len(seg.chars)
    joined: Shown | None = None
    if shown is not None:
        blob = np.frombuffer(b"".join(part for part, _ in shown), dtype=np.uint8)
        offsets = np.zeros(doc0 + 1, dtype=np.int64)
        if doc0:
            np.cumsum(np.concatenate([lengths for _, lengths in shown]), out=offsets[1:])
        joined = (blob, offsets)
        shown.clear()  # joined: not held through the merge (nor are the segments)
    metas_flat = [m for ms in metas for m in ms]
    return Base(merge(segments, vocab, first_only), ranges, metas_flat, list(sigs), joined)


def split_segment(segment: Segment) -> list[Segment]:
    """One segment per document of ``segment`` (views of its arrays)."""
    ends = np.searchsorted(segment.field_doc, np.arange(1, len(segment.keys) + 1)).tolist()
    starts = [*segment.field_starts.tolist(), len(segment.chars)]
    out, f0 = [], 0
    for d, key in enumerate(segment.keys):
        f1 = ends[d]
        p0, p1 = starts[f0], starts[f1]
        out.append(
            Segment(
                [key],
                segment.chars[p0:p1],
                segment.rid[p0:p1],
                segment.field_starts[f0:f1] - p0,
                segment.field_doc[f0:f1] - d,
                segment.field_kind[f0:f1],
            )
        )
        f0 = f1
    return out


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
