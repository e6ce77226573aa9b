"""What a search must return, computed the slow way: every field of every document, no index.

This follows the definition in the docstring of ``assistant.core.search.matcher`` one term and
one field at a time, with a depth-first walk over the ways the term's letters can be cut into
reading prefixes. The fast engine (``assistant.core.search.corpus``, ``matcher`` and ``index``)
is checked against it by the tests and by ``python -m bench --only equal``; the app never
runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.core.search.matcher import query_terms
from assistant.core.search.pinyin import decode
from assistant.core.text import normalize

# (field name, raw text, stored pinyin): what ``shape.index_entries`` of a collection gives.
Entry = tuple[str, str, str]
Readings = list[tuple[str, ...] | None]  # per character: its readings, None if not Chinese


@dataclass(frozen=True, slots=True)
class SearchField:
    name: str
    text: str  # normalised
    readings: Readings

    @classmethod
    def make(cls, name: str, raw: str, stored_pinyin: str) -> SearchField:
        text = normalize(raw)
        return cls(name, text, decode(text, stored_pinyin))


@dataclass(frozen=True, slots=True)
class SearchDoc:
    key: str
    fields: tuple[SearchField, ...]


def _is_letter(ch: str) -> bool:
    return "a" <= ch <= "z"


def _match_from(term: str, text: str, readings: Readings, start: int) -> bool:
    n, m = len(term), len(text)
    stack = [(0, start)]
    while stack:
        ti, fi = stack.pop()
        if ti == n:
            return True
        if fi >= m:
            continue
        t = term[ti]
        if t == text[fi]:
            stack.append((ti + 1, fi + 1))
        options = readings[fi]
        if options and _is_letter(t):
            for reading in options:
                k = 0
                while k < len(reading) and ti + k < n and term[ti + k] == reading[k]:
                    k += 1
                    stack.append((ti + k, fi + 1))
    return False


def term_matches(term: str, f: SearchField) -> bool:
    if not any(_is_letter(ch) for ch in term):
        return term in f.text  # no pinyin involved: a plain substring test is exact
    if term in f.text:
        return True
    first = term[0]
    text, readings = f.text, f.readings
    for i, ch in enumerate(text):
        r = readings[i]
        can_start = ch == first or (r and _is_letter(first) and any(x[0] == first for x in r))
        if can_start and _match_from(term, text, readings, i):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Match:
    key: str
    fields_per_term: tuple[frozenset[str], ...]  # per query term, the fields it matched in


def match_doc(terms: list[str], doc: SearchDoc) -> Match | None:
    per_term: list[frozenset[str]] = []
    for term in terms:
        hit = frozenset(f.name for f in doc.fields if term_matches(term, f))
        if not hit:
            return None
        per_term.append(hit)
    return Match(doc.key, tuple(per_term))


def doc_from_entries(key: str, entries: Iterable[Entry]) -> SearchDoc:
    """A document as the reference sees it, from the same fields the index is given."""
    return SearchDoc(key, tuple(SearchField.make(name, raw, py) for name, raw, py in entries))


def docs_of(
    items: Iterable[tuple[str, dict[str, Any]]],
    entries: Callable[[str, dict[str, Any]], Sequence[Entry]],
) -> list[SearchDoc]:
    """Every stored document of a collection, through its ``shape.index_entries``."""
    return [doc_from_entries(key, entries(key, doc)) for key, doc in items]


def matching_keys(query: str, docs: Iterable[SearchDoc]) -> set[str]:
    """The keys of the documents ``query`` matches: every term in some field."""
    terms = query_terms(query)
    if not terms:
        return set()
    return {d.key for d in docs if match_doc(terms, d) is not None}
