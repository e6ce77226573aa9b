"""How matched buyers are ordered: the exact account first, then matches in the account
or remark, then the rest; alphabetical by account (then platform) among equals."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.core.search.index import CollectionIndex, Found
from assistant.core.search.matcher import top


class BuyerRanking:
    def __init__(self, index: CollectionIndex) -> None:
        self._index = index
        self._rank: tuple[Any, ...] = (-1, None, None)

    def order(self, matches: Found, limit: int | None, archived: bool) -> npt.NDArray[np.intp]:
        """Index positions of the matched buyers (archived or not), best first."""
        is_archived, base = self._arrays()
        docs = matches.docs
        keep = is_archived[docs] == archived
        fid = self._index.field_id
        tier = np.full(len(docs), 2, dtype=np.int8)
        tier[matches.all_terms_in([fid("account"), fid("remark")])] = 1
        tier[matches.field_prefix(fid("account"), whole=True)] = 0
        docs, tier = docs[keep], tier[keep]
        order = top(tier.astype(np.int64) * max(1, len(base)) + base[docs], limit)
        return np.asarray(docs[order], dtype=np.intp)

    def _arrays(self) -> tuple[Any, Any]:
        """Per indexed buyer: archived, and its place in alphabetical order."""
        idx = self._index
        if self._rank[0] != idx.version:
            meta = idx.meta
            archived = np.array([bool(m[0]) for m in meta], dtype=np.bool_)
            order = sorted(range(len(meta)), key=lambda i: (meta[i][1], meta[i][2]))
            base = np.empty(len(meta), dtype=np.int64)
            base[order] = np.arange(len(meta))
            self._rank = (idx.version, archived, base)
        return self._rank[1], self._rank[2]
