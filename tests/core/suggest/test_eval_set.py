"""The evaluation set of reply suggestions (questions_eval.json) keeps its own rules.

Each entry is a buyer's message as buyers type it, ``q``, with ``groups``: every group of the
built-in pack (phrases/basic.json) holding a phrase that would be an acceptable first answer.
Usually that is one group; two only when the message truly fits both (是正品吗: 正品 and
安心保障 each have a phrase saying so), or when it carries two intents neither of which
clearly leads. Where one intent leads (a greeting before a size question, a link sent with a
stock question), only its group counts. The groups are judged by reading the phrases' texts,
not by what any matcher returns.

``held_out`` marks the part that measures wording the pack has never seen: exactly a third of
the set (rounded up). A held-out question is not contained word for word in any example
question (相似问法) of the built-in pack, nor contains one; the comparison ignores spaces,
punctuation, case, full-width forms and traditional characters. Held-out questions are also
written to be worded differently from the examples, which no test can check. The other two
thirds may lie close to the examples.

Every built-in group buyers ask about (one with example questions) has at least five
questions here.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import opencc

from assistant.core.paths import builtin_phrases_dir
from assistant.core.text import normalize

EVAL_SET = Path(__file__).with_name("questions_eval.json")
MIN_ENTRIES = 180
MIN_PER_GROUP = 5


def entries() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(EVAL_SET.read_text("utf-8"))
    return data


def shipped_phrases() -> list[dict[str, Any]]:
    pack = json.loads((builtin_phrases_dir() / "basic.json").read_text("utf-8"))
    phrases: list[dict[str, Any]] = pack["phrases"]
    return phrases


@cache
def _simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def plain(text: str) -> str:
    """The words of a question alone: no spaces or punctuation, one case, simplified, half-width."""
    return re.sub(r"[\W_]+", "", normalize(_simplified().convert(text)))


def test_the_set_has_at_least_180_well_formed_entries() -> None:
    rows = entries()
    assert len(rows) >= MIN_ENTRIES, len(rows)
    malformed = [
        e
        for e in rows
        if set(e) != {"q", "groups", "held_out"}
        or not isinstance(e["q"], str)
        or not plain(e["q"])
        or not isinstance(e["held_out"], bool)
        or not isinstance(e["groups"], list)
        or not e["groups"]
        or len(set(e["groups"])) != len(e["groups"])
    ]
    assert malformed == []


def test_every_group_named_is_a_group_of_the_built_in_pack() -> None:
    shipped = {p["group"] for p in shipped_phrases()}
    unknown = sorted({g for e in entries() for g in e["groups"]} - shipped)
    assert unknown == []


def test_exactly_a_third_rounded_up_is_held_out() -> None:
    rows = entries()
    held = sum(e["held_out"] for e in rows)
    assert held == math.ceil(len(rows) / 3), (held, len(rows))


def test_held_out_questions_neither_contain_nor_are_contained_in_an_example_question() -> None:
    examples = {plain(q): q for p in shipped_phrases() for q in p.get("questions", [])}
    assert examples, "the built-in pack has no example questions"
    overlaps = [
        (e["q"], example)
        for e in entries()
        if e["held_out"]
        for key, example in examples.items()
        if key in plain(e["q"]) or plain(e["q"]) in key
    ]
    assert overlaps == []


def test_no_question_is_in_the_set_twice() -> None:
    counts = Counter(plain(e["q"]) for e in entries())
    assert [q for q, n in counts.items() if n > 1] == []


def test_every_group_buyers_ask_about_has_at_least_five_questions() -> None:
    asked_about = {p["group"] for p in shipped_phrases() if p.get("questions")}
    assert asked_about
    counts = Counter(g for e in entries() for g in e["groups"])
    thin = {g: counts[g] for g in sorted(asked_about) if counts[g] < MIN_PER_GROUP}
    assert thin == {}
