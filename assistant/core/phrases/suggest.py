"""Answers suggested from a buyer's question: which phrases answer it, best first.

A phrase is known by its example questions (相似问法), the questions it was copied for before
(learned), its title with its group, and its text. Each of these is one unit, matched against
the question with BM25 over the terms of ``question_text`` (family words, characters and pairs
of characters, so a rewording still shares most of its terms). A phrase scores the best of its
question units, plus a share of its title's and its text's scores: a question asked before in
other words finds its phrase through the examples, a new kind of question through the wording of
the answer itself.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.core.phrases.question_text import canonical, terms

K1 = 1.2
B = 0.75
# How much each kind of unit counts. A learned question is the agent's own choice for that
# wording and outranks an example; the answer's text says much and many things, so it counts
# least.
EXAMPLE, LEARNED, TITLE, TEXT = 0, 1, 2, 3
WEIGHTS = (1.0, 1.25, 0.55, 0.3)
DEFAULT_LIMIT = 10


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the engine knows of one phrase."""

    key: str
    title: str
    group: str
    text: str
    questions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Suggestion:
    key: str
    score: float


class SuggestionIndex:
    """Built once from the phrases (and the learned questions); asked many times."""

    def __init__(
        self, candidates: Iterable[Candidate], learned: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        learned = learned or {}
        self.keys: list[str] = []
        unit_terms: list[list[str]] = []
        unit_phrase: list[int] = []
        unit_kind: list[int] = []

        def add(phrase: int, kind: int, text: str) -> None:
            found = terms(canonical(text))
            if found:
                unit_terms.append(found)
                unit_phrase.append(phrase)
                unit_kind.append(kind)

        for n, c in enumerate(candidates):
            self.keys.append(c.key)
            for q in c.questions:
                add(n, EXAMPLE, q)
            for q in learned.get(c.key, ()):
                add(n, LEARNED, q)
            add(n, TITLE, f"{c.title} {c.group}")
            add(n, TEXT, c.text)
        self._phrase = np.asarray(unit_phrase, dtype=np.int32)
        self._kind = np.asarray(unit_kind, dtype=np.int8)
        self._postings = _postings(unit_terms, self._kind)
        self._weights = np.asarray(WEIGHTS, dtype=np.float32)[self._kind]

    def __len__(self) -> int:
        return len(self.keys)

    def suggest(self, question: str, limit: int = DEFAULT_LIMIT) -> list[Suggestion]:
        asked = set(terms(canonical(question)))
        found = [self._postings[t] for t in asked if t in self._postings]
        if not found or limit <= 0:
            return []
        units = np.concatenate([f[0] for f in found])
        weights = np.concatenate([f[1] for f in found])
        touched, at = np.unique(units, return_inverse=True)
        score = np.bincount(at, weights=weights).astype(np.float32) * self._weights[touched]
        phrases = self._phrase[touched]
        kinds = self._kind[touched]
        best = np.zeros(len(self.keys), dtype=np.float32)
        asking = kinds <= LEARNED
        np.maximum.at(best, phrases[asking], score[asking])
        np.add.at(best, phrases[~asking], score[~asking])
        hit = np.flatnonzero(best)
        # Best first; among equals the library's order.
        order = hit[np.lexsort((hit, -best[hit]))][:limit]
        return [Suggestion(self.keys[i], float(best[i])) for i in order.tolist()]


Postings = dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]]


def _postings(unit_terms: list[list[str]], kinds: npt.NDArray[np.int8]) -> Postings:
    """Per term, the units holding it and the BM25 weight it has in each (its idf included).

    Lengths are normalised within each kind: a text is long beside a question by nature.
    """
    lengths = np.asarray([len(t) for t in unit_terms], dtype=np.float32)
    average = np.ones(len(WEIGHTS), dtype=np.float32)
    for kind in range(len(WEIGHTS)):
        mine = lengths[kinds == kind]
        if mine.size:
            average[kind] = float(mine.mean())
    norm = K1 * (1 - B + B * lengths / average[kinds]) if len(unit_terms) else lengths
    rows: dict[str, tuple[list[int], list[float]]] = {}
    for unit, found in enumerate(unit_terms):
        for term, tf in Counter(found).items():
            units, tfs = rows.setdefault(term, ([], []))
            units.append(unit)
            tfs.append(tf)
    total = len(unit_terms)
    out: Postings = {}
    for term, (units, tfs) in rows.items():
        idf = math.log(1 + (total - len(units) + 0.5) / (len(units) + 0.5))
        u = np.asarray(units, dtype=np.int32)
        counts = np.asarray(tfs, dtype=np.float32)
        weight = idf * counts * (K1 + 1) / (counts + norm[u])
        out[term] = (u, weight.astype(np.float32))
    return out
