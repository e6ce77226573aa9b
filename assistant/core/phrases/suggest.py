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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.core.phrases.question_text import (
    FAMILY_BASE,
    PAIR,
    canonical,
    canonical_many,
    term_codes,
)

K1 = 1.2
B = 0.75
# How much each kind of unit counts. A learned question is the agent's own choice for that
# wording and outranks an example; the answer's text says much and many things, so it counts
# least.
EXAMPLE, LEARNED, TITLE, TEXT = 0, 1, 2, 3
WEIGHTS = (1.0, 1.25, 0.55, 0.3)
# How much each kind of term counts: a synonym family says what is asked, a pair of characters
# is a word more often than not, a single character is the weakest evidence.
FAMILY_WEIGHT, PAIR_WEIGHT, CHAR_WEIGHT = 2.0, 1.0, 0.5
DEFAULT_LIMIT = 10
TEXT_READ = 200  # characters of an answer's text read: what it is about is said first


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
        texts: list[str] = []
        phrase: list[int] = []
        kind: list[int] = []
        for n, c in enumerate(candidates):
            self.keys.append(c.key)
            units = [
                *((EXAMPLE, q) for q in c.questions),
                *((LEARNED, q) for q in learned.get(c.key, ())),
                (TITLE, f"{c.title} {c.group}"),
                (TEXT, c.text[:TEXT_READ]),
            ]
            for k, text in units:
                texts.append(text)
                phrase.append(n)
                kind.append(k)
        self._phrase = np.asarray(phrase, dtype=np.int32)
        self._kind = np.asarray(kind, dtype=np.int8)
        codes, owners = term_codes(canonical_many(texts))
        self._postings = _Postings(codes, owners, self._kind)
        self._weights = np.asarray(WEIGHTS, dtype=np.float32)[self._kind]

    def __len__(self) -> int:
        return len(self.keys)

    def suggest(self, question: str, limit: int = DEFAULT_LIMIT) -> list[Suggestion]:
        codes, _ = term_codes([canonical(question)])
        units, weights = self._postings.lookup(np.unique(codes))
        if not units.size or limit <= 0:
            return []
        touched, at = np.unique(units, return_inverse=True)
        score = np.bincount(at, weights=weights).astype(np.float32) * self._weights[touched]
        phrases = self._phrase[touched]
        asking = self._kind[touched] <= LEARNED
        best = np.zeros(len(self.keys), dtype=np.float32)
        np.maximum.at(best, phrases[asking], score[asking])
        np.add.at(best, phrases[~asking], score[~asking])
        hit = np.flatnonzero(best)
        # Best first; among equals the library's order.
        order = hit[np.lexsort((hit, -best[hit]))][:limit]
        return [Suggestion(self.keys[i], float(best[i])) for i in order.tolist()]


class _Postings:
    """Per term, the units holding it and the BM25 weight it has in each (its idf included):
    slices of two arrays sorted by term, found by the term's number.

    Lengths are normalised within each kind of unit: a text is long beside a question.
    """

    def __init__(
        self,
        codes: npt.NDArray[np.int64],
        owners: npt.NDArray[np.int64],
        kinds: npt.NDArray[np.int8],
    ) -> None:
        total = max(len(kinds), 1)
        lengths = np.bincount(owners, minlength=len(kinds)).astype(np.float64)
        pair, tf = np.unique(codes * total + owners, return_counts=True)
        term = pair // total
        self.units = (pair % total).astype(np.int32)
        self.terms, starts = np.unique(term, return_index=True)
        self._starts = np.append(starts, len(term))
        df = np.diff(self._starts)
        idf = np.log(1 + (len(kinds) - df + 0.5) / (df + 0.5))
        average = np.ones(len(WEIGHTS), dtype=np.float64)
        for k in range(len(WEIGHTS)):
            mine = lengths[kinds == k]
            if mine.size and mine.mean() > 0:
                average[k] = float(mine.mean())
        norm = K1 * (1 - B + B * lengths / average[kinds])
        counts = tf.astype(np.float64)
        kind_of_term = np.where(
            self.terms >= PAIR,
            PAIR_WEIGHT,
            np.where(self.terms >= FAMILY_BASE, FAMILY_WEIGHT, CHAR_WEIGHT),
        )
        term_idf = np.repeat(idf * kind_of_term, df)
        weight = term_idf * counts * (K1 + 1) / (counts + norm[self.units])
        self.weights = weight.astype(np.float32)

    def lookup(
        self, codes: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        """The units and weights of every term of ``codes`` that any unit has."""
        at = _present(self.terms, codes)
        if not at.size:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        pieces = [slice(int(self._starts[i]), int(self._starts[i + 1])) for i in at.tolist()]
        return (
            np.concatenate([self.units[s] for s in pieces]),
            np.concatenate([self.weights[s] for s in pieces]),
        )


def _present(terms: npt.NDArray[np.int64], codes: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Where in ``terms`` (sorted) each of ``codes`` is, for the codes that are there."""
    at = np.searchsorted(terms, codes)
    inside = at < len(terms)
    at, codes = at[inside], codes[inside]
    found: npt.NDArray[np.int64] = at[terms[at] == codes]
    return found
