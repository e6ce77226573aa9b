"""What the buyers window lists: the buyers of a group, a subgroup or 未分组, with a ready
tag, matching a query, in order; each one's row; and how many each group holds.

All of it comes from the buyer index: its meta (archived, account, platform, the facet of
``shape.facet``) narrows and orders, and its copy of each buyer's columns
(``shape.listed_row``, on disk) gives the rows shown. No document is read: at 50,000 buyers
reading them all for the window took ~1.5 s on the GUI thread, at every keystroke in its
search box ~1 s, and kept every shard parsed in memory.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from assistant.core.buyers.ranking import BuyerRanking
from assistant.core.buyers.shape import GROUP_BITS, LETTER_BITS, subgroup_letter, tag_bit
from assistant.core.search.index import CollectionIndex

I64 = npt.NDArray[np.int64]
Within = int | str | None  # None: every buyer; 0: 未分组; 1..10: a group; "1A": a subgroup
_GROUP_MASK = (1 << GROUP_BITS) - 1
_LETTER_MASK = (1 << LETTER_BITS) - 1


@dataclass(frozen=True, slots=True)
class BuyerRow:
    """A buyer as the buyers window lists it."""

    key: str
    account: str
    platform: str
    group: int | None
    subgroup: str | None
    remark: str
    tags: tuple[str, ...]
    order_count: int
    total_spent: float
    last_order_at: str | None


@dataclass(frozen=True, slots=True)
class _Arrays:
    """Per entry of the index's keys: its facet, its first due promise's day, its key."""

    facets: I64
    due: I64
    keys: npt.NDArray[np.object_]


def arrays_of(keys: list[str], meta: list[tuple[Any, ...]]) -> _Arrays:
    """The base's (``CollectionIndex.per_base``): made once per base."""
    n = len(meta)
    facets = np.fromiter((m[3] for m in meta), np.int64, n)
    due = np.fromiter((m[4] for m in meta), np.int64, n)
    return _Arrays(facets, due, np.array(keys, dtype=np.object_))


def _split(facets: I64) -> tuple[I64, I64]:
    """Per facet: the group (0: none) and the subgroup's letter (0: none)."""
    return facets & _GROUP_MASK, (facets >> GROUP_BITS) & _LETTER_MASK


class BuyerListing:
    def __init__(self, index: CollectionIndex, ranking: BuyerRanking) -> None:
        self._index = index
        self._ranking = ranking
        self._arrays: tuple[int, _Arrays | None] = (-1, None)
        self._ordered: dict[bool, tuple[int, I64]] = {}  # archived -> (index version, order)

    def keys(
        self,
        query: str,
        *,
        archived: bool = False,
        within: Within = None,
        tag: str = "",
        limit: int | None = None,
    ) -> list[str]:
        """The keys of the buyers listed, in order: ranked as ``BuyerBook.search`` when
        there is a query, else by group, subgroup, account and platform; the first
        ``limit``."""
        idx = self._index
        if query.strip():
            narrowed = within is not None or bool(tag)  # the first ones may be left out
            found = self._ranking.order(idx.match(query), None if narrowed else limit, archived)
        else:
            idx.sync()
            found = self._in_group_order(archived)
        arrays = self._current()
        facets = arrays.facets[found]
        group, letter = _split(facets)
        keep = np.ones(len(found), dtype=np.bool_)
        if isinstance(within, int):
            keep &= group == within
        elif within:
            keep &= (group == int(within[:-1])) & (letter == subgroup_letter(within))
        if tag:
            bit = tag_bit(tag)
            keep &= (facets & bit) != 0 if bit is not None else False
        listed_keys: list[str] = arrays.keys[found[keep][:limit]].tolist()
        return listed_keys

    def _in_group_order(self, archived: bool) -> I64:
        """Every buyer (archived or not) by group, subgroup, account and platform: sorted
        once per change of the index (the window lists it each time its box is cleared)."""
        kept = self._ordered.get(archived)
        if kept is not None and kept[0] == self._index.version:
            return kept[1]
        is_archived, place = self._ranking.arrays()
        listed = np.flatnonzero(self._index.live() & (is_archived == archived))
        group, letter = _split(self._current().facets[listed])
        order = listed[np.lexsort((place[listed], letter, np.where(group == 0, 99, group)))]
        self._ordered[archived] = (self._index.version, order)
        return order

    def due_by(self, day: date) -> list[str]:
        """The keys of the buyers (archived too) with an open promise due on ``day`` or
        before, in no order."""
        self._index.sync()
        arrays = self._current()
        due = (arrays.due > 0) & (arrays.due <= day.toordinal()) & self._index.live()
        due_keys: list[str] = arrays.keys[due].tolist()
        return due_keys

    def row(self, key: str) -> BuyerRow | None:
        """``key``'s row as of the last listing (None: no longer a buyer)."""
        i = self._index.entry_of(key)
        if i is None:
            return None
        values = cast(list[Any], self._index.shown_doc(i))  # shape.listed_row's list
        _digest, account, platform, group, sub, remark, tags, orders, spent, at = values
        return BuyerRow(key, account, platform, group, sub, remark, tuple(tags), orders, spent, at)

    def counts(self) -> Counter[str]:
        """Buyers per group ("1".."10") and subgroup ("1A"...), "all" and "none"
        (ungrouped), archived excluded; and "archived"."""
        idx = self._index
        idx.sync()
        is_archived, _place = self._ranking.arrays()
        live = idx.live()
        facets = self._current().facets[live & ~is_archived]
        counts: Counter[str] = Counter()
        counts["archived"] = int((live & is_archived).sum())
        counts["all"] = len(facets)
        group, letter = _split(facets)
        codes = group << LETTER_BITS | letter
        numbers, how_many = np.unique(codes, return_counts=True)
        for code, n in zip(numbers.tolist(), how_many.tolist(), strict=True):
            number, letter_of = divmod(code, 1 << LETTER_BITS)
            counts[str(number) if number else "none"] += n
            if letter_of:
                counts[f"{number}{chr(ord('A') + letter_of - 1)}"] += n
        return +counts  # without the zeros

    def _current(self) -> _Arrays:
        """The arrays of the index as of its last sync: the base's made once, the delta's
        few entries added at each change."""
        idx = self._index
        version, arrays = self._arrays
        if version != idx.version or arrays is None:
            base = idx.per_base(arrays_of)
            delta = arrays_of(idx.keys[idx.base_size :], idx.meta[idx.base_size :])
            arrays = _Arrays(
                np.concatenate([base.facets, delta.facets]),
                np.concatenate([base.due, delta.due]),
                np.concatenate([base.keys, delta.keys]),
            )
            self._arrays = (idx.version, arrays)
        return arrays
