"""How matched phrases are ordered.

Tiers first: exact 快捷编码, code prefix, title, group/tags, then text. Among equals:
favourites, then frecency (uses decayed by age), then library order. The per-phrase
orders are arrays, so ordering the matches of a query is one integer key and a partial sort.

The arrays follow the index's two parts: the base's are sorted once per base (in the
background with a base merged there) and once per change of the uses; the few entries of
the delta (documents changed since) are placed among them by binary search, so a search
right after an edit does not sort 20,000 phrases again.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.core.clock import now, parse_iso
from assistant.core.phrases.usage import UsageStore, UseCount
from assistant.core.search.base import Found
from assistant.core.search.index import CollectionIndex
from assistant.core.search.matcher import top

RECENCY_HALF_LIFE_DAYS = 14.0
NEVER_USED_AGE_DAYS = 365.0  # a use with no date counts as a year old
Indices = npt.NDArray[np.intp]
I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


def _library_key(keys: Sequence[str], meta: Sequence[tuple[Any, ...]], i: int) -> tuple[Any, ...]:
    """Library order: listed late last, then by creation, then by id."""
    return (meta[i][3], meta[i][2], keys[i])


@dataclass(frozen=True, slots=True)
class _Library:
    """Per base entry: hidden, favourite, and its rank in library order; and the entries
    in that order."""

    hidden: Bools
    favourite: Bools
    place: I64
    order: list[int]


def library_of(keys: list[str], meta: list[tuple[Any, ...]]) -> _Library:
    """Made once per base (``CollectionIndex.per_base``)."""
    by = list(zip([m[3] for m in meta], [m[2] for m in meta], keys, strict=True))
    order = sorted(range(len(keys)), key=by.__getitem__)  # as _library_key, without calls
    place = np.empty(len(keys), dtype=np.int64)
    place[order] = np.arange(len(keys))
    hidden = np.fromiter((bool(m[0]) for m in meta), np.bool_, len(meta))
    favourite = np.fromiter((bool(m[1]) for m in meta), np.bool_, len(meta))
    return _Library(hidden, favourite, place, order)


MOMENT_KEPT_S = 3600.0  # a full ranking decays every use to a moment this far ahead; uses
# recorded here until then are ranked in at that moment (the order of two uses before it
# does not depend on which moment)

_EQUALS = np.dtype([("later", np.bool_), ("frecency", np.float64), ("library", np.int64)])


@dataclass(frozen=True, slots=True)
class _Equals:
    """The base's entries by (favourite first, frecency, library order), at one moment."""

    stamp: Any
    moment: datetime
    uses: dict[str, UseCount]
    rank: I64  # per base entry
    ordered: npt.NDArray[np.void]  # the base's comparison keys in that order (_EQUALS)
    frecency: npt.NDArray[np.float64]  # per base entry, at ``moment``
    signature: list[object]  # the uses' (UsageStore.signature) these were made from


@dataclass(frozen=True, slots=True)
class _Arrays:
    """Per entry of the index (base, then delta): hidden, and a key that orders equals;
    keys lie below ``bound``."""

    version: Any
    hidden: Bools
    equals: I64
    bound: int


class Ranking:
    def __init__(self, index: CollectionIndex, usage: UsageStore) -> None:
        self._index = index
        self._usage = usage
        self._equals: _Equals | None = None
        self._arrays: _Arrays | None = None
        # Per delta entry: its meta and (use, moment) when placed, its rank in library order
        # among the base's (valid for one _Library), and its equals key.
        self._placed: dict[str, tuple[tuple[Any, ...], Any, int, tuple[bool, float, int]]] = {}
        self._placed_for: Any = None

    def order(self, matches: Found, limit: int | None, include_hidden: bool) -> Indices:
        """Index positions of the matched phrases, best first."""
        arrays = self._current()
        docs = matches.docs
        keep = ~arrays.hidden[docs] if not include_hidden else np.ones(len(docs), np.bool_)
        tier = np.full(len(docs), 4, dtype=np.int8)
        fid = self._index.field_id
        tier[matches.all_terms_in([fid("code"), fid("title"), fid("group"), fid("tags")])] = 3
        tier[matches.all_terms_in([fid("code"), fid("title")])] = 2
        tier[matches.field_prefix(fid("code"))] = 1
        tier[matches.field_prefix(fid("code"), whole=True)] = 0
        docs, tier = docs[keep], tier[keep]
        key = tier.astype(np.int64) * arrays.bound + arrays.equals[docs]
        return np.asarray(docs[top(key, limit)], dtype=np.intp)

    def suggested(self, limit: int) -> Indices:
        """Index positions to show before anything is typed: favourites, then most used."""
        arrays = self._current()
        if not len(arrays.hidden):
            return np.zeros(0, dtype=np.intp)
        # Only live entries: a phrase edited (or used) since the base was merged has its old
        # entry still in the base, masked out, and its new one in the delta.
        visible = np.flatnonzero(~arrays.hidden & self._index.live())
        return np.asarray(visible[top(arrays.equals[visible], limit)], np.intp)

    def made_with(self) -> tuple[Any, dict[str, UseCount]]:
        """What the last order was made at (the index's version and the uses' stamp), and
        the use counts it ranked with."""
        arrays = self._current()
        assert self._equals is not None
        return arrays.version, self._equals.uses

    # -- the arrays -------------------------------------------------------------------
    def _current(self) -> _Arrays:
        idx = self._index
        library = idx.per_base(library_of)
        equals = self._equals_in_base(library)
        version = (idx.version, equals.stamp)
        if self._arrays is None or self._arrays.version != version:
            self._arrays = self._with_delta(library, equals, version)
        return self._arrays

    def _equals_in_base(self, library: _Library) -> _Equals:
        """Recomputed when the base or a use changes (a use is recorded with each copy)."""
        idx = self._index
        signature = self._usage.signature()
        stamp = (idx.base_version, tuple(map(str, signature)))
        if self._equals is not None and self._equals.stamp == stamp:
            return self._equals
        kept = self._equals
        changed = (
            self._usage.changed_since(kept.signature, signature)
            if kept is not None and kept.stamp[0] == idx.base_version and now() < kept.moment
            else None
        )
        if kept is not None and changed is not None:
            # Uses recorded here (a copy): only those phrases' frecency is made again, at
            # the moment the others were made at (their order does not depend on it). All
            # 7,000 used phrases read and decayed again took ~55 ms of the next search.
            moment, uses, frecency = kept.moment, dict(kept.uses), kept.frecency.copy()
            for key in changed:
                now_used = self._usage.get(key)  # its shard read again if written elsewhere
                if now_used.count or now_used.last_used_at:
                    uses[key] = now_used
                else:  # forgotten: as if never stored
                    uses.pop(key, None)
                at = idx.entry_of(key)
                if at is not None and at < idx.base_size:
                    frecency[at] = (
                        decayed(now_used.count, now_used.last_used_at, moment)
                        if now_used.count
                        else 0.0
                    )
        else:
            # An hour ahead: every use recorded until then is before it, so none counts as
            # "just now" by being clamped, and the order is the one at now().
            moment, uses = now() + timedelta(seconds=MOMENT_KEPT_S), self._usage.all()
            base_keys = idx.keys[: idx.base_size]
            frecency = np.zeros(len(base_keys), dtype=np.float64)
            for i, key in enumerate(base_keys):
                use = uses.get(key)
                if use is not None and use.count:
                    frecency[i] = decayed(use.count, use.last_used_at, moment)
        order = np.lexsort((library.place, -frecency, ~library.favourite))
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        # The base in that order, as the keys a delta entry is compared with: (not
        # favourite, -frecency, library rank * 2 + 1); a delta entry placed before base
        # entry p in library order has p * 2 there.
        ordered = np.empty(len(order), dtype=_EQUALS)
        ordered["later"] = ~library.favourite[order]
        ordered["frecency"] = -frecency[order]
        ordered["library"] = library.place[order] * 2 + 1
        self._equals = _Equals(stamp, moment, uses, rank, ordered, frecency, signature)
        return self._equals

    def _with_delta(self, library: _Library, equals: _Equals, version: Any) -> _Arrays:
        """The base's arrays with the delta's entries placed among them: each delta entry
        goes just before the base entry it would precede (spaced keys: base rank r becomes
        r * (n + 1) + n, the n delta entries before it r * (n + 1) + 0..n-1)."""
        idx = self._index
        keys, meta, size = idx.keys, idx.meta, idx.base_size
        if self._placed_for is not library:
            self._placed, self._placed_for = {}, library
        n = len(keys) - size
        placed, entries = self._placed, []
        for j in range(size, len(keys)):
            key, use = keys[j], equals.uses.get(keys[j])
            found = placed.get(key)
            # Made again for a new entry, one changed again, or a use or moment changed.
            if found is None or found[0] is not meta[j] or found[1] != (use, equals.moment):
                frecency = 0.0
                if use is not None and use.count:
                    frecency = decayed(use.count, use.last_used_at, equals.moment)
                rank = found[2] if found is not None and found[0] is meta[j] else None
                if rank is None:
                    rank = self._library_rank(library, j)
                entry = (not meta[j][1], -frecency, rank * 2)
                found = placed[key] = (meta[j], (use, equals.moment), rank, entry)
            entries.append((found[3], _library_key(keys, meta, j)))
        mine = np.array([e for e, _ in entries], dtype=_EQUALS)
        before = np.searchsorted(equals.ordered, mine).tolist()  # lexicographic, by field
        among = sorted(range(n), key=lambda k: (before[k], entries[k][0], entries[k][1]))
        spacing = n + 1
        delta_equals = np.empty(n, dtype=np.int64)
        for r, k in enumerate(among):
            delta_equals[k] = before[k] * spacing + r
        hidden = np.concatenate(
            [library.hidden, np.array([bool(m[0]) for m in meta[size:]], dtype=np.bool_)]
        )
        equal_keys = np.concatenate([equals.rank * spacing + n, delta_equals])
        return _Arrays(version, hidden, equal_keys, (size + 1) * spacing)

    def _library_rank(self, library: _Library, j: int) -> int:
        """How many base entries come before delta entry ``j`` in library order."""
        keys, meta = self._index.keys, self._index.meta
        at = _library_key(keys, meta, j)
        return bisect.bisect_left(library.order, at, key=lambda i: _library_key(keys, meta, i))


def decayed(count: int, last_used_at: str | None, moment: datetime) -> float:
    last = parse_iso(last_used_at)
    days = max(0.0, (moment - last).total_seconds() / 86400) if last else NEVER_USED_AGE_DAYS
    return count * math.pow(0.5, days / RECENCY_HALF_LIFE_DAYS)
