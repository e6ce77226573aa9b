"""Deterministic quick phrases: texts of 10–200 characters in 40 groups, codes on a third.

The stored documents are built with the library's own ``make_fields``/``new_doc`` (which
compute the pinyin), so they are exactly what ``PhraseLibrary.add`` would store.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

from bench import vocab

Doc = dict[str, Any]
BASE_TIME = datetime(2025, 6, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))


def _fill(sentence: str, rng: random.Random) -> str:
    out = sentence
    while "<" in out:
        start = out.index("<")
        end = out.index(">", start)
        out = out[:start] + rng.choice(vocab.SLOTS[out[start + 1 : end]]) + out[end + 1 :]
    return out


def _target_length(rng: random.Random) -> int:
    """Mostly 30–90 characters, some very short, some long (up to 200)."""
    roll = rng.random()
    if roll < 0.08:
        return rng.randint(10, 20)
    if roll < 0.85:
        return rng.randint(25, 90)
    return rng.randint(90, 200)


def phrase_text(rng: random.Random) -> str:
    target = _target_length(rng)
    text = rng.choice(vocab.OPENERS)
    while True:
        text += _fill(rng.choice(vocab.SENTENCES), rng)
        if len(text) >= target - 8:
            break
        text += rng.choice("，，。；")
    closer = rng.choice(vocab.CLOSERS)
    if len(text) + 1 + len(closer) <= 200:
        text += "。" + closer if closer else "。"
    if len(text) > 200:
        text = text[:199].rstrip("，。；{") + "。"
        if text.count("{") != text.count("}"):  # never cut a placeholder in half
            text = text[: text.rindex("{")] + "。"
    if len(text) < 10:
        text += "有什么可以帮您的吗？"
    return text


class CodeMaker:
    """Unique 快捷编码 such as cf12 (the built-in packs use cf1–cf7: numbers start at 10)."""

    def __init__(self, rng: random.Random, taken: set[str] | None = None) -> None:
        self.rng = rng
        self.taken = taken if taken is not None else set()

    def make(self) -> str:
        while True:
            code = f"{self.rng.choice(vocab.CODE_PREFIXES)}{self.rng.randint(10, 9999)}"
            if code not in self.taken:
                self.taken.add(code)
                return code


def phrase_fields(rng: random.Random, codes: CodeMaker) -> dict[str, Any]:
    """One phrase as a user would type it: text, and sometimes title, code, tags."""
    return {
        "text": phrase_text(rng),
        "title": rng.choice(vocab.TITLES) + str(rng.randint(1, 99)) if rng.random() < 0.5 else None,
        "group": rng.choice(vocab.GROUPS),
        "code": codes.make() if rng.random() < 1 / 3 else None,
        "tags": rng.sample(vocab.PHRASE_TAGS, rng.choice((0, 0, 1, 1, 2, 3))),
    }


def stamp(rng: random.Random, days: int = 720) -> str:
    moment = BASE_TIME - timedelta(days=rng.random() * days, seconds=rng.randint(0, 86399))
    return moment.isoformat()


def phrase_docs(count: int, rng: random.Random) -> Iterator[Doc]:
    from assistant.core.phrases.shape import make_fields, new_doc

    codes = CodeMaker(rng)
    for _ in range(count):
        f = phrase_fields(rng, codes)
        fields = make_fields(f["text"], f["title"], f["group"], f["code"], f["tags"])
        doc = new_doc(
            fields,
            phrase_id=f"{rng.getrandbits(128):032x}",
            favourite=rng.random() < 0.03,
            stamp=stamp(rng),
        )
        if rng.random() < 0.01:
            doc["hidden"] = True
        yield doc


def usage_counts(ids: list[str], rng: random.Random) -> dict[str, Doc]:
    """Use counters for about a third of the phrases (ranking weighs them)."""
    out: dict[str, Doc] = {}
    for pid in ids:
        if rng.random() < 0.35:
            out[pid] = {"count": int(rng.paretovariate(1.2)), "last_used_at": stamp(rng, 90)}
    return out


def xlsx_rows(count: int, rng: random.Random) -> Iterator[tuple[str, str, str, str, str]]:
    """Rows of a 千牛-style phrase sheet: 快捷编码, 快捷短语, 快捷短语分组, 标题, 标签."""
    codes = CodeMaker(rng)
    for _ in range(count):
        f = phrase_fields(rng, codes)
        yield (f["code"] or "", f["text"], f["group"], f["title"] or "", "，".join(f["tags"]))
