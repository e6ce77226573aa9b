"""Text normalisation shared by search, codes and de-duplication."""

from __future__ import annotations

import unicodedata


def normalize(text: str) -> str:
    """NFKC (full-width → half-width) and casefold: the form every match is made on."""
    return unicodedata.normalize("NFKC", text).casefold()


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2EBEF
        or 0xF900 <= cp <= 0xFAFF
    )


def has_han(text: str) -> bool:
    return any(is_han(ch) for ch in text)
