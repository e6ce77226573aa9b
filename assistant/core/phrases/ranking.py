"""How matched phrases are ordered.

Tiers first: exact 快捷编码, code prefix, title, group/tags, then text. Among equals:
favourites, then frecency (uses decayed by age), then library order. The per-phrase
orders are arrays computed once per index version (and per use change), so ordering the
matches of a query is one integer key and a partial sort.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.core.clock import now, parse_iso
from assistant.core.phrases.usage import UsageStore
from assistant.core.search.index import CollectionIndex, Found
from assistant.core.search.matcher import top

RECENCY_HALF_LIFE_DAYS = 14.0
NEVER_USED_AGE_DAYS = 365.0  # a use with no date counts as a year old
Indices = npt.NDArray[np.intp]


class Ranking:
    def __init__(self, index: CollectionIndex, usage: UsageStore) -> None:
        self._index = index
        self._usage = usage
        self._version = -1
        self._arrays: tuple[Any, ...] = ()
        self._frecency: tuple[Any, Any] = (None, None)
        self._equals_rank: tuple[Any, Any] = (None, None)

    def order(self, matches: Found, limit: int | None, include_hidden: bool) -> Indices:
        """Index positions of the matched phrases, best first."""
        hidden, _, base = self._ranking_arrays()
        docs = matches.docs
        keep = ~hidden[docs] if not include_hidden else np.ones(len(docs), dtype=np.bool_)
        tier = np.full(len(docs), 4, dtype=np.int8)
        fid = self._index.field_id
        tier[matches.all_terms_in([fid("code"), fid("title"), fid("group"), fid("tags")])] = 3
        tier[matches.all_terms_in([fid("code"), fid("title")])] = 2
        tier[matches.field_prefix(fid("code"))] = 1
        tier[matches.field_prefix(fid("code"), whole=True)] = 0
        docs, tier = docs[keep], tier[keep]
        key = tier.astype(np.int64) * max(1, len(base)) + self._rank_among_equals()[docs]
        return np.asarray(docs[top(key, limit)], dtype=np.intp)

    def suggested(self, limit: int) -> Indices:
        """Index positions to show before anything is typed: favourites, then most used."""
        hidden, _, base = self._ranking_arrays()
        if not len(base):
            return np.zeros(0, dtype=np.intp)
        # Only live entries: a phrase edited (or used) since the base was merged has its old
        # entry still in the base, masked out, and its new one in the delta.
        visible = np.flatnonzero(~hidden & self._index.live())
        return np.asarray(visible[top(self._rank_among_equals()[visible], limit)], np.intp)

    def _ranking_arrays(self) -> tuple[Any, Any, Any]:
        """Per indexed phrase: hidden, favourite, and its place in library order."""
        idx = self._index
        if self._version != idx.version:
            keys = idx.keys
            meta = idx.meta
            hidden = np.array([bool(m[0]) for m in meta], dtype=np.bool_)
            favourite = np.array([bool(m[1]) for m in meta], dtype=np.bool_)
            order = sorted(range(len(keys)), key=lambda i: (meta[i][3], meta[i][2], keys[i]))
            base = np.empty(len(keys), dtype=np.int64)
            base[order] = np.arange(len(keys))
            self._arrays = (hidden, favourite, base)
            self._version = idx.version
            self._frecency = (None, None)
        hidden, favourite, base = self._arrays
        return hidden, favourite, base

    def _frecency_array(self) -> Any:
        """Use counts with a recency decay, per indexed phrase; recomputed when uses change."""
        stamp = (self._version, tuple(map(str, self._usage.signature())))
        if self._frecency[0] != stamp:
            keys = self._index.keys
            moment = now()
            uses = self._usage.all()
            values = np.zeros(len(keys), dtype=np.float64)
            for i, key in enumerate(keys):
                use = uses.get(key)
                if use is not None and use.count:
                    values[i] = decayed(use.count, use.last_used_at, moment)
            self._frecency = (stamp, values)
        return self._frecency[1]

    def _rank_among_equals(self) -> Any:
        """Per indexed phrase: its place by (favourite first, frecency, library order)."""
        frecency = self._frecency_array()
        if self._equals_rank[0] is not frecency:
            _, favourite, base = self._ranking_arrays()
            order = np.lexsort((base, -frecency, ~favourite))
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            self._equals_rank = (frecency, rank)
        return self._equals_rank[1]


def decayed(count: int, last_used_at: str | None, moment: datetime) -> float:
    last = parse_iso(last_used_at)
    days = max(0.0, (moment - last).total_seconds() / 86400) if last else NEVER_USED_AGE_DAYS
    return count * math.pow(0.5, days / RECENCY_HALF_LIFE_DAYS)
