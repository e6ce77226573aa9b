"""Pinyin readings of Chinese text, computed once when a text is saved.

The stored form of a text's readings is a string with one token per Chinese character,
separated by spaces; a polyphonic character's readings are joined by ``/`` (``还`` →
``hai/huan``). Letters are toneless, ü written as ``v``.
pypinyin is imported only when a Chinese text has to be converted (it costs ~0.3 s).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from assistant.core.text import is_han, normalize

_pypinyin: Any = None


def _lib() -> Any:
    global _pypinyin
    if _pypinyin is None:
        import pypinyin

        _pypinyin = pypinyin
    return _pypinyin


@lru_cache(maxsize=8192)
def _char_readings(ch: str) -> tuple[str, ...]:
    lib = _lib()
    found = lib.pinyin(ch, style=lib.Style.NORMAL, heteronym=True, errors="ignore")
    readings = [r for r in (found[0] if found else []) if r.isascii() and r.isalpha()]
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
