"""How matched buyers are ordered: the exact account first, then matches in the account
or remark, then the rest; alphabetical by account (then platform) among equals.

The alphabetical order of the base's entries is sorted once per base (in the background
with a base merged there); the few entries of the delta (buyers changed since) are placed
among them by binary search, so a search right after an edit sorts nothing again.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.core.search.base import Found
from assistant.core.search.index import CollectionIndex
from assistant.core.search.matcher import top

I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


def _alphabetical(meta: Sequence[tuple[Any, ...]], i: int) -> tuple[Any, Any]:
    return (meta[i][1], meta[i][2])  # account, platform


@dataclass(frozen=True, slots=True)
class _Alphabet:
    """Per base entry: archived, and its rank in alphabetical order; and the entries in
    that order."""

    archived: Bools
    place: I64
    order: list[int]


def alphabet_of(keys: list[str], meta: list[tuple[Any, ...]]) -> _Alphabet:
    """Made once per base (``CollectionIndex.per_base``)."""
    by = [(m[1], m[2]) for m in meta]
    order = sorted(range(len(meta)), key=by.__getitem__)  # as _alphabetical, without calls
    place = np.empty(len(meta), dtype=np.int64)
    place[order] = np.arange(len(meta))
    archived = np.fromiter((bool(m[0]) for m in meta), np.bool_, len(meta))
    return _Alphabet(archived, place, order)


class BuyerRanking:
    def __init__(self, index: CollectionIndex) -> None:
        self._index = index
        self._arrays: tuple[Any, ...] = (None,)
        # Per delta entry: its meta when placed, and its place (valid for one _Alphabet).
        self._placed: dict[str, tuple[tuple[Any, ...], tuple[Any, ...]]] = {}
        self._placed_for: Any = None

    def order(self, matches: Found, limit: int | None, archived: bool) -> npt.NDArray[np.intp]:
        """Index positions of the matched buyers (archived or not), best first."""
        is_archived, place, bound = self._current()
        docs = matches.docs
        keep = is_archived[docs] == archived
        fid = self._index.field_id
        tier = np.full(len(docs), 2, dtype=np.int8)
        tier[matches.all_terms_in([fid("account"), fid("remark")])] = 1
        tier[matches.field_prefix(fid("account"), whole=True)] = 0
        docs, tier = docs[keep], tier[keep]
        order = top(tier.astype(np.int64) * bound + place[docs], limit)
        return np.asarray(docs[order], dtype=np.intp)

    def arrays(self) -> tuple[Bools, I64]:
        """Per indexed buyer (``CollectionIndex.keys``): archived, and a key of its place in
        alphabetical order."""
        is_archived, place, _bound = self._current()
        return is_archived, place

    def _current(self) -> tuple[Bools, I64, int]:
        """Per indexed buyer: archived, and a key in alphabetical order (below the bound).
        A delta entry goes just before the base entry it precedes: base rank r becomes
        r * (n + 1) + n, the n delta entries before it r * (n + 1) + 0..n-1."""
        idx = self._index
        alphabet = idx.per_base(alphabet_of)
        if self._arrays[0] != idx.version:
            meta, size = idx.meta, idx.base_size
            if self._placed_for is not alphabet:
                self._placed, self._placed_for = {}, alphabet
            keys, placed = idx.keys, []
            for j in range(size, len(meta)):
                found = self._placed.get(keys[j])
                if found is None or found[0] is not meta[j]:  # a new entry, or changed again
                    at = _alphabetical(meta, j)
                    before = bisect.bisect_left(
                        alphabet.order, at, key=lambda i: _alphabetical(meta, i)
                    )
                    found = self._placed[keys[j]] = (meta[j], (before, *at))
                placed.append(found[1])
            n = len(placed)
            among = sorted(range(n), key=placed.__getitem__)
            delta_place = np.empty(n, dtype=np.int64)
            for r, k in enumerate(among):
                delta_place[k] = placed[k][0] * (n + 1) + r
            archived = np.concatenate(
                [alphabet.archived, np.array([bool(m[0]) for m in meta[size:]], np.bool_)]
            )
            place = np.concatenate([alphabet.place * (n + 1) + n, delta_place])
            self._arrays = (idx.version, archived, place, (size + 1) * (n + 1))
        return self._arrays[1], self._arrays[2], self._arrays[3]
