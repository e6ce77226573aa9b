"""What a search must return, computed the slow way: every stored document, no index.

The brute-force matcher lives in ``tests/search_reference.py`` (``python -m bench`` runs from
the repository root, where ``tests`` is a package). It imports nothing from the product: it
reads the stored documents' text fields itself (``phrase_fields``, ``buyer_fields``) and takes
readings from pypinyin. When those helpers are renamed or moved, adapt ``reference_engine``
below and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

KeySet = Callable[[str], set[str]]


@dataclass
class Engines:
    """Two ways to answer a query with a set of keys: the app's search and the reference."""

    app_phrases: KeySet
    app_buyers: KeySet
    ref_phrases: KeySet
    ref_buyers: KeySet


def _all(search: Callable[..., list[Any]], query: str, **kwargs: Any) -> list[Any]:
    """Every result: ``limit=None`` means no limit; a huge limit if None is refused."""
    try:
        return search(query, limit=None, **kwargs)
    except TypeError:
        return search(query, limit=10**9, **kwargs)


def reference_engine(ws: Any) -> Engines:
    """The one function to adapt when the search helpers change names."""
    from tests.search_reference import buyer_fields, docs_of, matching_keys, phrase_fields

    phrase_docs = docs_of(ws.folder.phrases.items(), phrase_fields)
    # BuyerBook.search(archived=False), the default, leaves archived buyers out.
    buyer_docs = docs_of(
        ((key, doc) for key, doc in ws.folder.buyers.items() if not doc.get("archived")),
        buyer_fields,
    )

    def brute(docs: list[Any]) -> KeySet:
        return lambda query: matching_keys(query, docs)

    return Engines(
        app_phrases=lambda q: {p.id for p in _all(ws.phrases.search, q, include_hidden=True)},
        app_buyers=lambda q: {b.key for b in _all(ws.buyers.search, q)},
        ref_phrases=brute(phrase_docs),
        ref_buyers=brute(buyer_docs),
    )
