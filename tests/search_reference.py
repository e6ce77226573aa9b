"""What a search must return, worked out the slow way and from first principles.

Nothing here comes from ``assistant``: readings come from pypinyin, normalisation from
unicodedata, and the rules are written from the documentation, so a bug in the product's
pinyin, normalisation or matching shows as a difference instead of being copied here.

The rules, and where they are written down:
- README: a phrase is found by its Chinese text, its full pinyin (``tuihuo``), its initials
  (``th``) or its 快捷编码 (``cf1``); the README's ``kefu search`` line adds mixes (``退h``).
- ``assistant/core/search/matcher.py`` (its docstring is the definition): text and query
  are normalised with NFKC and casefold; the query is split on white space into terms and
  every term must match some field; a term matches a field when it can be typed by
  consecutive characters of the field, each character typed as itself or, a Chinese
  character, as a non-empty prefix of one of its readings.
- ``assistant/core/search/pinyin.py``: a character's readings are its two most common ones
  (还: hai/huan, 行: xing/hang), taken one character at a time with no word context; ü is
  typed ``v``, and in lüe/nüe also ``u``.
- The fields: phrases are searched by 快捷编码, title, group, tags and text
  (``PhraseLibrary.search`` ranks on them), buyers by account, 备注名 (remark), tags and
  备注 (notes) (``BuyerBook.search``; attributes and promises are not searched).

``python -m bench --only equal`` checks the app against this too; the app never runs it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import Any

import pypinyin
from pypinyin import Style

Doc = tuple[str, tuple[str, ...]]  # a key and the texts of its searched fields, as stored

LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def fold(text: str) -> str:
    """The form both sides are compared in: full-width to half-width, then case folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def is_chinese(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(
        ("CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-")
    )


@cache
def readings(ch: str) -> tuple[str, ...]:
    """The readings a character can be typed with, most common first ('' when none)."""
    if not is_chinese(ch):
        return ()
    found = pypinyin.pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    every = found[0] if found else []
    typable = [r for r in dict.fromkeys(every) if r and set(r) <= LETTERS]
    out = typable[:2]
    out += [r.replace("ve", "ue") for r in out if "ve" in r]
    return tuple(out)


@cache
def typings(ch: str) -> frozenset[str]:
    """Every way one character of a field can be typed."""
    ways = {ch}
    for reading in readings(ch):
        ways.update(reading[:k] for k in range(1, len(reading) + 1))
    return frozenset(ways)


@cache
def firsts(ch: str) -> frozenset[str]:
    """The characters a typing of ``ch`` can begin with."""
    return frozenset(way[0] for way in typings(ch))


@lru_cache(maxsize=1 << 18)
def ends(term: str, text: str, start: int) -> frozenset[int]:
    """Where typing ``term`` from ``text[start]`` on, one character after another, can end."""
    if not term:
        return frozenset({start})
    if start == len(text):
        return frozenset()
    out: set[int] = set()
    for way in typings(text[start]):
        if term.startswith(way):
            out |= ends(term[len(way) :], text, start + 1)
    return frozenset(out)


@lru_cache(maxsize=1 << 18)
def term_in(term: str, text: str) -> bool:
    """Can ``term`` be typed by consecutive characters somewhere in ``text`` (both folded)?"""
    if term in text:
        return True  # every character typed as itself
    if not LETTERS & set(term):
        return False  # readings are letters: without one, only the characters themselves
    first = term[0]
    return any(first in firsts(ch) and ends(term, text, i) for i, ch in enumerate(text))


def whole(term: str, text: str) -> bool:
    """Does typing ``term`` take exactly all of ``text`` (both folded)?"""
    return len(text) in ends(term, text, 0)


def terms_of(query: str) -> list[str]:
    return fold(query).split()


def matches(query: str, fields: Iterable[str]) -> bool:
    """Does every term of ``query`` match one of ``fields`` (raw texts)?"""
    terms = terms_of(query)
    folded = [fold(f) for f in fields]
    return bool(terms) and all(any(term_in(t, f) for f in folded) for t in terms)


def matching_keys(query: str, docs: Iterable[Doc]) -> set[str]:
    """The keys of the documents ``query`` matches: every term in some field."""
    return {key for key, fields in docs if matches(query, fields)}


# -- the fields of stored documents (their JSON as the data folder holds it) ----------------
def phrase_fields(doc: dict[str, Any]) -> tuple[str, ...]:
    return (doc.get("code") or "", doc["title"], doc["group"], *doc.get("tags", []), doc["text"])


def buyer_fields(doc: dict[str, Any]) -> tuple[str, ...]:
    return (
        doc["account"],
        doc.get("remark") or "",
        *doc.get("tags", []),
        doc.get("notes") or "",
    )


def docs_of(
    items: Iterable[tuple[str, dict[str, Any]]],
    fields: Callable[[dict[str, Any]], tuple[str, ...]],
) -> list[Doc]:
    return [(key, fields(doc)) for key, doc in items]


# -- the documented order of buyer results --------------------------------------------------
def buyer_tier(query: str, account: str, remark: str) -> int:
    """0: a one-word query typing the whole account; 1: every word in account or 备注名;
    2: the rest (``BuyerBook.search``)."""
    terms = terms_of(query)
    if len(terms) == 1 and whole(terms[0], fold(account)):
        return 0
    if all(term_in(t, fold(account)) or term_in(t, fold(remark)) for t in terms):
        return 1
    return 2
