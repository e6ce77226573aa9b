"""Pinyin readings of Chinese text, computed once when a text is saved.

The stored form of a text's readings is a string with one token per Chinese character,
separated by spaces; a polyphonic character's readings are joined by ``/`` with the reading
in context first (``还`` in 还款 → ``huan/hai``). Letters are toneless, ü written as ``v``.
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


def encode(text: str, *, context: bool = True) -> str:
    """Readings for the Chinese characters of ``normalize(text)``, in order; '' if none.

    ``context=False`` skips word segmentation (much faster): right for names and
    accounts, where the reading in context matters little and volumes are large.
    """
    norm = normalize(text)
    runs = _han_runs(norm)
    if not runs:
        return ""
    lib = _lib()
    tokens: list[str] = []
    for run in runs:
        if context:
            in_context = lib.lazy_pinyin(
                run, style=lib.Style.NORMAL, errors=lambda s: ["_"] * len(s)
            )
        else:
            in_context = ["_"] * len(run)
        if len(in_context) != len(run):
            in_context = ["_"] * len(run)
        for ch, first in zip(run, in_context, strict=True):
            readings = [first] if first.isascii() and first.isalpha() else []
            # The two most common readings are enough: rarer ones only add noise.
            readings.extend(r for r in _char_readings(ch)[:2] if r not in readings)
            # ü is typed "v" (lve) and, in lüe/nüe, also "u" (lue): accept both.
            readings.extend(r.replace("ve", "ue") for r in list(readings) if "ve" in r)
            tokens.append("/".join(readings) or "_")
    return " ".join(tokens)


def _han_runs(text: str) -> list[str]:
    runs: list[str] = []
    current: list[str] = []
    for ch in text:
        if is_han(ch):
            current.append(ch)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


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
