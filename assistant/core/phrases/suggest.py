"""Answers suggested from a buyer's question: which phrases answer it, best first.

A phrase is known by its example questions (相似问法), the questions it was copied for before
(learned), its title with its group, and its text. Each of these is one unit, matched against
the question with BM25 over the terms of ``question_text`` (family words, characters and pairs
of characters, so a rewording still shares most of its terms). A phrase scores the best of its
example questions and a share of the others, plus a share of its title's and its text's scores:
a question asked before in other words finds its phrase through the examples, a new kind of
question through the wording of the answer itself.

A learned question is the agent's own answer to that wording, so it is not one more example
among many: when the question matches a learned one at least half as well as it matches the best
example question of any phrase (and shares a fair part of its terms with it), that phrase goes
first, the best matched learned first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.core.phrases.question_text import (
    FAMILY_BASE,
    PAIR,
    canonical,
    canonical_many,
    term_codes,
)

# Made part of what a kept index was made for: change it with the terms or the weights, and
# the indexes kept in cache files are made again.
ENGINE = 1
K1 = 1.2
B = 0.75
# How much each kind of unit counts. A learned question is the agent's own choice for that
# wording and outranks an example; the answer's text says much and many things, so it counts
# least.
EXAMPLE, LEARNED, TITLE, TEXT = 0, 1, 2, 3
WEIGHTS = (1.0, 1.0, 0.55, 0.3)
LEARNED_SHARE = 0.5  # of the best example's score, from which a learned question decides
LEARNED_OVERLAP = 0.3  # and the least weighted overlap (Dice) of their terms
# How much each kind of term counts: a synonym family says what is asked, a pair of characters
# is a word more often than not, a single character is the weakest evidence.
FAMILY_WEIGHT, PAIR_WEIGHT, CHAR_WEIGHT = 2.0, 1.0, 0.5
# A phrase's question units: the best one counts whole, the others a share of their sum (many
# examples near the question are better evidence than one).
OTHER_QUESTIONS = 0.2
DEFAULT_LIMIT = 10
TEXT_READ = 120  # characters of an answer's text read: what it is about is said first


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
        kinds = np.asarray(kind, dtype=np.int8)
        # The term arrays are handed over, not kept here: the build frees them as it goes.
        postings = _Postings.build(*term_codes(canonical_many(texts)), kinds)
        self._take(np.asarray(phrase, dtype=np.int32), kinds, postings)

    @classmethod
    def from_arrays(
        cls, keys: list[str], arrays: Mapping[str, npt.NDArray[Any]]
    ) -> SuggestionIndex:
        """An index from what ``arrays()`` gave (read back from a file, maybe mapped)."""
        index = cls.__new__(cls)
        index.keys = keys
        postings = _Postings({k[2:]: v for k, v in arrays.items() if k.startswith("p.")})
        index._take(arrays["phrase"], arrays["kind"], postings)
        return index

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        """What the index is made of, besides its keys (to keep it in a file)."""
        out: dict[str, npt.NDArray[Any]] = {"phrase": self._phrase, "kind": self._kind}
        out.update({f"p.{k}": v for k, v in self._postings.arrays.items()})
        return out

    def _take(
        self, phrase: npt.NDArray[np.int32], kind: npt.NDArray[np.int8], postings: _Postings
    ) -> None:
        self._phrase, self._kind, self._postings = phrase, kind, postings
        self._weights = np.asarray(WEIGHTS, dtype=np.float32)[self._kind]
        # Units are laid out phrase by phrase, so each kind's units are in phrase order: a
        # phrase's examples (or learned questions) are one run, found once here.
        self._examples = _Runs(self._phrase, self._kind == EXAMPLE)
        self._learned = _Runs(self._phrase, self._kind == LEARNED)
        self._answer = np.flatnonzero((self._kind == TITLE) | (self._kind == TEXT))

    def __len__(self) -> int:
        return len(self.keys)

    def suggest(self, question: str, limit: int = DEFAULT_LIMIT) -> list[Suggestion]:
        codes, _ = term_codes([canonical(question)])
        codes = np.unique(codes)
        units, weights, plain = self._postings.lookup(codes)
        if not units.size or limit <= 0:
            return []
        size = len(self._kind)
        score = np.bincount(units, weights=weights, minlength=size).astype(np.float32)
        score *= self._weights
        best = np.zeros(len(self.keys), dtype=np.float32)
        ids, top, total = self._examples.best_and_sum(score)
        best[ids] = top + OTHER_QUESTIONS * (total - top)
        best += np.bincount(
            self._phrase[self._answer], weights=score[self._answer], minlength=len(self.keys)
        ).astype(np.float32)
        if self._learned.units.size:
            shared = np.bincount(units, weights=plain, minlength=size).astype(np.float64)
            self._decide_by_learned(best, score, shared, codes, top)
        hit = np.flatnonzero(best)
        if hit.size > limit:  # the best ``limit`` first, without sorting them all
            hit = hit[np.argpartition(-best[hit], limit - 1)[:limit]]
        # Best first; among equals the library's order.
        order = hit[np.lexsort((hit, -best[hit]))][:limit]
        return [Suggestion(self.keys[i], float(best[i])) for i in order.tolist()]

    def _decide_by_learned(
        self,
        best: npt.NDArray[np.float32],
        score: npt.NDArray[np.float32],
        shared: npt.NDArray[np.float64],
        codes: npt.NDArray[np.int64],
        example_tops: npt.NDArray[np.float32],
    ) -> None:
        """Put first the phrases whose learned question matches nearly as well as the best
        example (see the module)."""
        units = self._learned.units
        bar = LEARNED_SHARE * (float(example_tops.max()) if example_tops.size else 0.0)
        mass = self._postings.query_mass(codes) + self._postings.mass[units]
        near = score[units]
        decides = (near >= bar) & (near > 0) & (2 * shared[units] / mass >= LEARNED_OVERLAP)
        if not decides.any():
            return
        ids, top, _ = self._learned.best_and_sum(np.where(decides, near, 0), among=units)
        lead = float(best.max())
        chosen = top > 0
        best[ids[chosen]] = lead + top[chosen]


class _Runs:
    """The units of one kind, phrase by phrase: where each phrase's run starts."""

    def __init__(self, phrase: npt.NDArray[np.int32], mask: npt.NDArray[np.bool_]) -> None:
        self.units = np.flatnonzero(mask)
        owners = phrase[self.units]
        self._starts = (
            np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]]) if owners.size else owners
        )
        self._ids = owners[self._starts] if owners.size else owners

    def best_and_sum(
        self, values: npt.NDArray[np.float32], among: npt.NDArray[np.int64] | None = None
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """Per phrase with a run: its phrase id, the best and the sum of ``values`` over it
        (``values`` given per unit, or per unit of the run when ``among`` is the run)."""
        if not self.units.size:
            empty = np.zeros(0, dtype=np.float32)
            return np.zeros(0, dtype=np.int32), empty, empty
        mine = values if among is not None else values[self.units]
        return (
            self._ids,
            np.maximum.reduceat(mine, self._starts).astype(np.float32),
            np.add.reduceat(mine, self._starts).astype(np.float32),
        )


class _Postings:
    """Per term, the units holding it and the BM25 weight it has in each (its idf included):
    slices of two arrays sorted by term, found by the term's number.

    Lengths are normalised within each kind of unit: a text is long beside a question.
    """

    def __init__(self, arrays: Mapping[str, npt.NDArray[Any]]) -> None:
        self.arrays = dict(arrays)
        self.terms = arrays["terms"]
        self._starts = arrays["starts"]
        self.units = arrays["units"]
        self.weights = arrays["weights"]
        self.mass = arrays["mass"]
        self._term_weight = arrays["term_weight"]
        self._rarest = float(arrays["rarest"][0])

    @classmethod
    def build(
        cls,
        codes: npt.NDArray[np.int64],
        owners: npt.NDArray[np.int64],
        kinds: npt.NDArray[np.int8],
    ) -> _Postings:
        total = max(len(kinds), 1)
        lengths = np.bincount(owners, minlength=len(kinds)).astype(np.float64)
        pair, tf = np.unique(codes * total + owners, return_counts=True)
        del codes, owners
        term = pair // total
        units = (pair % total).astype(np.int32)
        del pair
        terms, starts = np.unique(term, return_index=True)
        del term
        starts = np.append(starts, len(units))
        df = np.diff(starts)
        idf = np.log(1 + (len(kinds) - df + 0.5) / (df + 0.5))
        average = np.ones(len(WEIGHTS), dtype=np.float64)
        for k in range(len(WEIGHTS)):
            mine = lengths[kinds == k]
            if mine.size and mine.mean() > 0:
                average[k] = float(mine.mean())
        norm = K1 * (1 - B + B * lengths / average[kinds])
        counts = tf.astype(np.float64)
        # a term's weight, without the counts
        term_weight = idf * np.where(
            terms >= PAIR,
            PAIR_WEIGHT,
            np.where(terms >= FAMILY_BASE, FAMILY_WEIGHT, CHAR_WEIGHT),
        )
        term_idf = np.repeat(term_weight, df)
        weights = (term_idf * counts * (K1 + 1) / (counts + norm[units])).astype(np.float32)
        # Each unit's terms, weighted by their terms' weight: the other half of a Dice overlap.
        mass = np.bincount(units, weights=term_idf, minlength=len(kinds))
        rarest = np.asarray([float(idf.max()) if idf.size else 1.0])
        return cls(
            {
                "terms": terms,
                "starts": starts,
                "units": units,
                "weights": weights,
                "mass": mass,
                "term_weight": term_weight,
                "rarest": rarest,
            }
        )

    def query_mass(self, codes: npt.NDArray[np.int64]) -> float:
        """The question's terms weighted as ``plain`` (a term no unit has counts as the rarest)."""
        at = np.searchsorted(self.terms, codes)
        inside = at < len(self.terms)
        known = np.zeros(len(codes), dtype=bool)
        known[inside] = self.terms[at[inside]] == codes[inside]
        kind = np.where(
            codes >= PAIR, PAIR_WEIGHT, np.where(codes >= FAMILY_BASE, FAMILY_WEIGHT, CHAR_WEIGHT)
        )
        weights = np.where(known, self._term_weight[np.where(known, at, 0)], self._rarest * kind)
        return float(weights.sum())

    def lookup(
        self, codes: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """The units of every term of ``codes`` that any unit has, with the BM25 weight and the
        plain weight each has there."""
        at = _present(self.terms, codes)
        if not at.size:
            empty = np.zeros(0, dtype=np.float32)
            return np.zeros(0, dtype=np.int32), empty, empty
        pieces = [slice(int(self._starts[i]), int(self._starts[i + 1])) for i in at.tolist()]
        lengths = [s.stop - s.start for s in pieces]
        return (
            np.concatenate([self.units[s] for s in pieces]),
            np.concatenate([self.weights[s] for s in pieces]),
            # a term's weight in each unit holding it, the counts left out
            np.repeat(self._term_weight[at], lengths).astype(np.float32),
        )


def _present(terms: npt.NDArray[np.int64], codes: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Where in ``terms`` (sorted) each of ``codes`` is, for the codes that are there."""
    at = np.searchsorted(terms, codes)
    inside = at < len(terms)
    at, codes = at[inside], codes[inside]
    found: npt.NDArray[np.int64] = at[terms[at] == codes]
    return found
