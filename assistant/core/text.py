"""Text rules shared across the app: normalisation for search, codes and de-duplication;
``名称=值`` pairs as options and form fields give them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from assistant.core.errors import InvalidInput

# Full-width punctuation is what fails NFKC's quick check in most Chinese text, and a text
# that fails it takes the full decomposition (~25x slower, most of an index build's text
# work). NFKC decomposes each of these to its one half-width character, so putting that
# in first leaves the result exactly the same.
_WIDE = tuple((wide, unicodedata.normalize("NFKC", wide)) for wide in "，；：！？（）～　")


def normalize(text: str) -> str:
    """NFKC (full-width → half-width) and casefold: the form every match is made on."""
    if not unicodedata.is_normalized("NFKC", text):
        for wide, narrow in _WIDE:
            if wide in text:
                text = text.replace(wide, narrow)
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


QUOTE_LIMIT = 40
LINE_LIMIT = 400


def quote_input(text: str, limit: int = QUOTE_LIMIT) -> str:
    """What an error message shows of something the user typed or a file held: at most
    ``limit`` characters on one line (a 9,990-character name is not worth repeating)."""
    flat = text.replace("\r", " ").replace("\n", " ")
    if len(flat) <= limit:
        return flat
    return f"{flat[:limit]}…（共 {len(flat):,} 个字符）"


def one_line(message: str, limit: int = LINE_LIMIT) -> str:
    """A message as one short line: line breaks joined, at most ``limit`` characters (for
    errors whose text comes from a library, or quotes input nobody capped)."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def first_line(message: str, limit: int = LINE_LIMIT) -> str:
    """The first line of a library's error text (the rest is advice for programmers)."""
    lines = message.strip().splitlines()
    return one_line(lines[0] if lines else "", limit)


def split_pair(pair: str, *, last: bool = False) -> tuple[str, str] | None:
    """``名称=值`` → (name stripped, value as given); None without ``=`` or without a name.

    ``last`` splits at the last ``=``, for a name that may itself hold one (a column title).
    """
    name, sep, value = pair.rpartition("=") if last else pair.partition("=")
    if not sep or not name.strip():
        return None
    return name.strip(), value


def parse_pairs(
    pairs: Iterable[str], option: str | None, *, strip_values: bool = False
) -> dict[str, str]:
    """``["名称=值", ...]`` → {name: value}, a later name winning.

    ``option`` names the command-line option in the refusal of a malformed pair; None reads
    leniently, as a form field is read: a part without ``=`` is a name with an empty value,
    a part without a name is dropped.
    """
    out: dict[str, str] = {}
    for pair in pairs:
        found = split_pair(pair)
        if found is None:
            if option is not None:
                raise InvalidInput(f"{option} 的格式应为 名称=值，收到：{quote_input(repr(pair))}")
            found = (pair.strip(), "")  # no "=" at all, or nothing before it
            if not found[0] or "=" in pair:
                continue
        name, value = found
        out[name] = value.strip() if strip_values else value
    return out


def clean_tags(tags: Iterable[str] | None, max_tag: int, max_tags: int) -> list[str]:
    """Tags stripped, empty ones dropped, repeats kept once; too long or too many refused.

    Phrases and buyers each have their own caps; the rule for a list of tags is this one.
    """
    out: list[str] = []
    for tag in tags or []:
        if not isinstance(tag, str):
            raise InvalidInput("标签必须是文字")
        tag = tag.strip()
        if not tag:
            continue
        if len(tag) > max_tag:
            raise InvalidInput(f"标签太长：{tag[:10]}…（最多 {max_tag} 个字符）")
        if tag not in out:
            out.append(tag)
    if len(out) > max_tags:
        raise InvalidInput(f"标签太多：{len(out)} 个，最多 {max_tags} 个")
    return out
