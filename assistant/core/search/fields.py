"""One search engine for phrases and buyers: Chinese, pinyin, initials, mixed, codes.

What matches (the definition the tests' brute-force reference also follows): the query is
normalised (NFKC, casefold) and split on white space into terms; every term must match some
field. A term matches a field when, from some position, each character of the term is
consumed in order by consecutive characters of the field:
- a Chinese character or any non-letter matches the same character;
- a run of Latin letters is cut into pieces, each piece a non-empty prefix of one reading of
  the next Chinese character (so ``tuihuo``, ``th``, ``tuih`` and ``退h`` all find 退货), or the
  same letter when the field has a letter there (``VIP``, codes).
Polyphonic characters match under each stored reading (还: hai, huan).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.core.search.pinyin import decode
from assistant.core.text import is_han, normalize

Readings = list[tuple[str, ...] | None]


def _is_letter(ch: str) -> bool:
    return "a" <= ch <= "z"


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
    keys: frozenset[str] = field(default=frozenset())

    @classmethod
    def make(cls, key: str, fields: Iterable[SearchField]) -> SearchDoc:
        fields = tuple(fields)
        index_keys: set[str] = set()
        for f in fields:
            index_keys.update(f.text)
            for r in f.readings:
                if r:
                    index_keys.update(reading[0] for reading in r)
        return cls(key, fields, frozenset(index_keys))


def query_terms(query: str) -> list[str]:
    return normalize(query).split()


def _term_keys(term: str) -> set[str]:
    """Characters every matching document must contain (as text or as a reading's initial)."""
    keys: set[str] = set()
    prev_letter = False
    for ch in term:
        letter = _is_letter(ch)
        if not letter or not prev_letter:
            keys.add(ch)
        prev_letter = letter
    return keys


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
    fields_per_term: tuple[frozenset[str], ...]

    def all_terms_in(self, names: set[str]) -> bool:
        return all(f & names for f in self.fields_per_term)

    def any_term_in(self, names: set[str]) -> bool:
        return any(f & names for f in self.fields_per_term)


def match_doc(terms: list[str], doc: SearchDoc) -> Match | None:
    per_term: list[frozenset[str]] = []
    for term in terms:
        hit = frozenset(f.name for f in doc.fields if term_matches(term, f))
        if not hit:
            return None
        per_term.append(hit)
    return Match(doc.key, tuple(per_term))


class SearchIndex:
    """A simple in-memory index over SearchDocs: the reference the fast engine
    (search_engine.py) is checked against in the tests and the benchmark."""

    def __init__(self) -> None:
        self._docs: dict[str, SearchDoc] = {}
        self._postings: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, key: str) -> bool:
        return key in self._docs

    def put(self, doc: SearchDoc) -> None:
        self.remove(doc.key)
        self._docs[doc.key] = doc
        for k in doc.keys:
            self._postings.setdefault(k, set()).add(doc.key)

    def remove(self, key: str) -> None:
        old = self._docs.pop(key, None)
        if old is None:
            return
        for k in old.keys:
            bucket = self._postings.get(k)
            if bucket is not None:
                bucket.discard(key)

    def match(self, query: str) -> list[Match]:
        terms = query_terms(query)
        if not terms:
            return []
        needed: set[str] = set()
        for term in terms:
            needed |= _term_keys(term)
        buckets = sorted((self._postings.get(k, set()) for k in needed), key=len)
        candidates = set(buckets[0]).intersection(*buckets[1:]) if buckets else set()
        out: list[Match] = []
        for key in candidates:
            found = match_doc(terms, self._docs[key])
            if found is not None:
                out.append(found)
        return out


__all__ = [
    "Match",
    "SearchDoc",
    "SearchField",
    "SearchIndex",
    "is_han",
    "match_doc",
    "query_terms",
    "term_matches",
]
