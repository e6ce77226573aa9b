"""A search index that follows a collection's files, shard by shard.

Only shards whose file changed (in this process or another) are re-read, so the app
sees what the command line wrote without rebuilding the whole index.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.core.search import Match, SearchDoc, SearchIndex
from assistant.core.store import Collection

Doc = dict[str, Any]


class CollectionIndex:
    def __init__(self, collection: Collection, make_doc: Callable[[str, Doc], SearchDoc]) -> None:
        self._collection = collection
        self._make_doc = make_doc
        self._index = SearchIndex()
        n = collection.shard_count
        self._keys: list[set[str]] = [set() for _ in range(n)]
        self._sigs: list[Any] = [object()] * n

    def sync(self) -> None:
        for i, sig in enumerate(self._collection.shard_signatures()):
            if sig == self._sigs[i]:
                continue
            for key in self._keys[i]:
                self._index.remove(key)
            shard = self._collection.shard_items(i)
            for key, doc in shard.items():
                self._index.put(self._make_doc(key, doc))
            self._keys[i] = set(shard)
            self._sigs[i] = sig

    def match(self, query: str) -> list[Match]:
        self.sync()
        return self._index.match(query)
