"""The blind set of reply suggestions (questions_blind.json) keeps its own rules.

A second held-out set, written without seeing the matcher (its synonyms or weights) and without
running it, so that its figure is not bent by tuning the way the held-out third of
questions_eval.json was. Each entry is a buyer's message, ``q``, with ``groups``: every group
of the built-in pack holding a phrase that would be an acceptable first answer, judged by
reading the phrases' texts. Where one of two intents leads, only its group counts.

All of it is held out, so there is no ``held_out`` field. No question is contained word for
word in an example question (相似问法) of the built-in pack or a question of the evaluation
set, nor contains one, and none is within two characters' edit of one; the comparison ignores
spaces, punctuation, case, full-width forms and traditional characters, as in
test_eval_set.py.

Every built-in group buyers ask about (one with example questions) has at least four
questions here.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from tests.core.suggest.test_eval_set import entries as eval_entries
from tests.core.suggest.test_eval_set import plain, shipped_phrases

BLIND_SET = Path(__file__).with_name("questions_blind.json")
MIN_ENTRIES = 100
MIN_PER_GROUP = 4
MAX_NEAR_EDITS = 2


def entries() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(BLIND_SET.read_text("utf-8"))
    return data


def seen_questions() -> dict[str, str]:
    """Every question worded before this set, by its plain words: pack examples and eval set."""
    seen = {plain(q): q for p in shipped_phrases() for q in p.get("questions", [])}
    seen.update({plain(e["q"]): e["q"] for e in eval_entries()})
    return seen


def edits(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions turning a into b."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def test_the_set_has_at_least_100_well_formed_entries() -> None:
    rows = entries()
    assert len(rows) >= MIN_ENTRIES, len(rows)
    malformed = [
        e
        for e in rows
        if set(e) != {"q", "groups"}
        or not isinstance(e["q"], str)
        or not plain(e["q"])
        or not isinstance(e["groups"], list)
        or not e["groups"]
        or len(set(e["groups"])) != len(e["groups"])
    ]
    assert malformed == []


def test_every_group_named_is_a_group_of_the_built_in_pack() -> None:
    shipped = {p["group"] for p in shipped_phrases()}
    unknown = sorted({g for e in entries() for g in e["groups"]} - shipped)
    assert unknown == []


def test_no_question_contains_or_is_contained_in_an_example_or_eval_question() -> None:
    seen = seen_questions()
    assert seen, "no example or evaluation questions to compare with"
    overlaps = [
        (e["q"], earlier)
        for e in entries()
        for key, earlier in seen.items()
        if key in plain(e["q"]) or plain(e["q"]) in key
    ]
    assert overlaps == []


def test_no_question_is_a_two_character_edit_of_an_example_or_eval_question() -> None:
    seen = seen_questions()
    near = [
        (e["q"], earlier)
        for e in entries()
        for key, earlier in seen.items()
        if abs(len(key) - len(plain(e["q"]))) <= MAX_NEAR_EDITS
        and edits(key, plain(e["q"])) <= MAX_NEAR_EDITS
    ]
    assert near == []


def test_no_question_is_in_the_set_twice() -> None:
    counts = Counter(plain(e["q"]) for e in entries())
    assert [q for q, n in counts.items() if n > 1] == []


def test_every_group_buyers_ask_about_has_at_least_four_questions() -> None:
    asked_about = {p["group"] for p in shipped_phrases() if p.get("questions")}
    assert asked_about
    counts = Counter(g for e in entries() for g in e["groups"])
    thin = {g: counts[g] for g in sorted(asked_about) if counts[g] < MIN_PER_GROUP}
    assert thin == {}
