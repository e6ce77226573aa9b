"""Pinyin readings of Chinese text, computed once when a text is saved.

The stored form of a text's readings is a string with one token per Chinese character,
separated by spaces; a polyphonic character's readings are joined by ``/`` (``还`` →
``hai/huan``). Letters are toneless, ü written as ``v``.
A character's readings come from pypinyin's own table of characters (``pinyin_dict.json``
in its package), read without importing pypinyin: the package loads its word dictionary
at import (~0.3 s and ~45 MB of Python objects, kept for the life of the process), and
readings per character never use it. The app took that on at the first edit of any
phrase, in any process. Where the table cannot be found (an unusual install), pypinyin
itself gives the same readings (tests/core/search/test_pinyin_table.py checks every
character of the table against it).
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import orjson

from assistant.core.text import is_han, normalize

_pypinyin: Any = None
TABLE_NAME = "pinyin_dict.json"
DIAERESIS, CIRCUMFLEX = "\u0308", "\u0302"


def _lib() -> Any:
    global _pypinyin
    if _pypinyin is None:
        import pypinyin

        _pypinyin = pypinyin
    return _pypinyin


@cache
def _table() -> dict[str, str] | None:
    """pypinyin's characters table (code point → readings with tones), or None."""
    try:
        spec = importlib.util.find_spec("pypinyin")  # finds the package, runs nothing
        folders = spec.submodule_search_locations if spec is not None else None
        if not folders:
            return None
        table = orjson.loads((Path(next(iter(folders))) / TABLE_NAME).read_bytes())
    except (OSError, ValueError, ImportError):
        return None
    return table if isinstance(table, dict) else None


def toneless(reading: str) -> str:
    """A reading with its tone mark dropped, as pypinyin's NORMAL style writes it: ü as
    ``v``; ê stays (it is not typed, and is left out)."""
    out: list[str] = []
    for c in unicodedata.normalize("NFD", reading):
        if c == CIRCUMFLEX:
            return reading
        if c == DIAERESIS and out:
            out[-1] = "v"
        elif not unicodedata.combining(c):
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=8192)
def _char_readings(ch: str) -> tuple[str, ...]:
    table = _table()
    if table is not None:
        raw = table.get(str(ord(ch)))
        found = [toneless(r) for r in raw.split(",")] if isinstance(raw, str) else []
    else:
        lib = _lib()
        got = lib.pinyin(ch, style=lib.Style.NORMAL, heteronym=True, errors="ignore")
        found = list(got[0]) if got else []
    readings = [r for r in found if r.isascii() and r.isalpha()]
    return tuple(dict.fromkeys(readings))


def encode(text: str) -> str:
    """Readings for the Chinese characters of ``normalize(text)``, in order; '' if none.

    Each character keeps its two most common readings (还: hai/huan, 行: xing/hang); no
    word segmentation, which would cost ~7x more on imports for readings that are nearly
    always among those two already.
    """
    return " ".join(_token(ch) for ch in normalize(text) if is_han(ch))


@lru_cache(maxsize=16384)
def _token(ch: str) -> str:
    readings = list(_char_readings(ch)[:2])
    # ü is typed "v" (lve) and, in lüe/nüe, also "u" (lue): accept both.
    readings.extend(r.replace("ve", "ue") for r in list(readings) if "ve" in r)
    return "/".join(readings) or "_"


def decode(text: str, stored: str) -> list[tuple[str, ...] | None]:
    """Per character of ``text`` (already normalised): its readings, or None if not Chinese."""
    tokens = iter(stored.split(" ")) if stored else iter(())
    out: list[tuple[str, ...] | None] = []
    for ch in text:
        if is_han(ch):
            token = next(tokens, "_")
            out.append(tuple(r for r in token.split("/") if r != "_"))
        else:
            out.append(None)
    return out
