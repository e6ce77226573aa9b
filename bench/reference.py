"""What a search must return, computed the slow way: every stored document, no index.

The definition of a match lives in ``assistant.core.search.fields.match_doc``; the per-collection
``_search_doc`` helpers say which fields are searched. When the search rewrite renames or
moves them, adapt ``reference_engine`` below and nothing else.
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
    from assistant.core.buyers.book import _search_doc as buyer_search_doc
    from assistant.core.phrases.library import _search_doc as phrase_search_doc
    from assistant.core.search.fields import match_doc, query_terms

    phrase_docs = [phrase_search_doc(key, doc) for key, doc in ws.phrases.docs.items()]
    # BuyerBook.search(archived=False), the default, leaves archived buyers out.
    buyer_docs = [
        buyer_search_doc(key, doc) for key, doc in ws.buyers.docs.items() if not doc.get("archived")
    ]

    def brute(docs: list[Any]) -> KeySet:
        def keys(query: str) -> set[str]:
            terms = query_terms(query)
            if not terms:
                return set()
            return {d.key for d in docs if match_doc(terms, d) is not None}

        return keys

    return Engines(
        app_phrases=lambda q: {p.id for p in _all(ws.phrases.search, q, include_hidden=True)},
        app_buyers=lambda q: {b.key for b in _all(ws.buyers.search, q)},
        ref_phrases=brute(phrase_docs),
        ref_buyers=brute(buyer_docs),
    )
