"""The fast matcher over a Corpus: one search engine for phrases and buyers.

What matches (the definition; ``tests/search_reference.py`` follows it field by field, the
slow way, and the tests hold this module to it): the query is normalised (NFKC, casefold)
and split on white space into terms; every term must match some field. A term matches a
field when, from some position, each character of the term is consumed in order by
consecutive characters of the field:
- a Chinese character or any non-letter matches the same character;
- a run of Latin letters is cut into pieces, each piece a non-empty prefix of one reading of
  the next Chinese character (so ``tuihuo``, ``th``, ``tuih`` and ``退h`` all find 退货), or the
  same letter when the field has a letter there (``VIP``, codes).
Polyphonic characters match under each stored reading (还: hai, huan).

How: for a term, positions that can take its first character come from postings (by
character, and by the first letter of a reading); then all candidate positions advance
together, one step of the term at a time, with numpy. A Latin letter either equals the
character there or starts a piece of 1..k letters that a reading there begins with; each
possible piece length is a branch. What survives to the end of the term is a match: its
start position tells the document and the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from assistant.core.search.corpus import I32, Corpus, code_of
from assistant.core.search.vocab import ReadingVocab
from assistant.core.text import normalize

Bools = npt.NDArray[np.bool_]


def _is_letter(ch: str) -> bool:
    return "a" <= ch <= "z"


def query_terms(query: str) -> list[str]:
    return normalize(query).split()


@dataclass(slots=True)
class TermHits:
    starts: I32
    ends: I32
    # The document and the field kind of each start, read once by match(): ranking asks
    # four questions of every term, and gathering them each time was most of its cost.
    docs: I32 | None = None
    kinds: npt.NDArray[np.int8] | None = None


@dataclass(slots=True)
class Matches:
    corpus: Corpus
    docs: I32  # sorted document indices matching every term
    terms: list[TermHits] = field(default_factory=list)

    def keys(self) -> list[str]:
        return [self.corpus.keys[i] for i in self.docs.tolist()]

    def _mark(self, docs: I32) -> Bools:
        """Which of the matched documents are among ``docs``."""
        seen = np.zeros(self.corpus.size, dtype=np.bool_)
        seen[docs] = True
        return seen[self.docs]

    def all_terms_in(self, field_ids: list[int]) -> Bools:
        """Per matched document: does every term match inside one of these fields?"""
        ok = np.ones(len(self.docs), dtype=np.bool_)
        for hits in self.terms:
            docs, kinds = _placed(self.corpus, hits)
            inside = kinds == field_ids[0]  # a comparison per field: cheaper than a lookup
            for field_id in field_ids[1:]:
                inside |= kinds == field_id
            ok &= self._mark(docs[inside])
        return ok

    def field_prefix(self, field_id: int, whole: bool = False) -> Bools:
        """Single-term queries: the term matches the field from its start (to its end)."""
        if len(self.terms) != 1:
            return np.zeros(len(self.docs), dtype=np.bool_)
        hits, c = self.terms[0], self.corpus
        docs, kinds = _placed(c, hits)
        in_field = kinds == field_id
        starts, ends = hits.starts[in_field], hits.ends[in_field]
        sel = c.is_field_start(starts)
        if whole:
            sel &= c.chars[ends] == 0
        return self._mark(docs[in_field][sel])


def _placed(corpus: Corpus, hits: TermHits) -> tuple[I32, npt.NDArray[np.int8]]:
    """The document and the field kind of each of a term's starts, gathered once."""
    if hits.docs is None:
        hits.docs = corpus.doc[hits.starts]
    if hits.kinds is None:
        hits.kinds = corpus.kind[hits.starts]
    return hits.docs, hits.kinds


Seed = tuple[I32, int, int]  # positions, and the first step's piece lengths (min, max)
ANY = (0, 99)  # the first character may be taken literally or as a piece of any length


def _seeds(corpus: Corpus, term: str) -> list[Seed]:
    """Where a match can start, each with the first piece lengths that can start it there.

    A superset of the true starts: every seed is verified by the walk in ``match_term``.
    """
    first = term[0]
    if len(term) > 2 and _is_letter(first) and _is_letter(term[1]) and term[2].isascii():
        seeds: list[Seed] = [
            (corpus.by_pair.get(code_of(term[:2])), 0, 1),  # "a" or a literal, then b at p+1
            (corpus.by_two_then.get(code_of(term[:3])), 2, 2),  # "ab", then c at p+1
        ]
        for n in range(3, min(6, len(term)) + 1):
            if not term[:n].isalpha():
                break
            if n == len(term):
                seeds.append((corpus.long_positions(term), n, n))
            elif term[n].isascii():
                seeds.append((corpus.long_positions(term[:n], term[n]), n, n))
            else:
                seeds.append((corpus.long_positions(term[:n]), n, n))
        return seeds
    if len(term) > 1 and first.isascii() and term[1].isascii():
        found = [(corpus.by_pair.get(code_of(term[:2])), *ANY)]
        if _is_letter(first) and _is_letter(term[1]):
            found.append((corpus.by_two.get(code_of(term[:2])), *ANY))
        return found
    return _first_seeds(corpus, term)


def _first_seeds(corpus: Corpus, term: str) -> list[Seed]:
    """Every position where the term's first character can be taken: that character, or a
    reading starting with that letter (the walk tries each piece length from there)."""
    seeds: list[Seed] = [(corpus.by_char.get(ord(term[0])), *ANY)]
    if _is_letter(term[0]):
        seeds.append((corpus.by_initial.get(ord(term[0])), *ANY))
    return seeds


def match_term(corpus: Corpus, vocab: ReadingVocab, term: str) -> TermHits:
    if corpus.first_only:
        seeds = _first_seeds(corpus, term)
    elif len(term) == 1 or (len(term) == 2 and term.isascii()):
        return _short_term(corpus, term)
    else:
        seeds = _seeds(corpus, term)
    n = len(term)
    runs_by_offset: dict[int, npt.NDArray[np.int8]] = {}
    found_starts: list[I32] = []
    found_ends: list[I32] = []
    # (term index, positions to match term[ti] at, their starts, allowed piece lengths)
    stack: list[tuple[int, I32, I32, int, int]] = []
    for pos, lo, hi in seeds:
        if lo == n:  # a reading there starts with the whole term: already a match
            found_starts.append(pos)
            found_ends.append(pos + 1)
        else:
            stack.append((0, pos, pos, lo, hi))
    chars, rid = corpus.chars, corpus.rid
    while stack:
        ti, pos, starts, lo, hi = stack.pop()
        if not pos.size:
            continue
        if ti == n:
            found_starts.append(starts)
            found_ends.append(pos)
            continue
        t = term[ti]
        if lo == 0:  # the character itself may match here
            same = chars[pos] == ord(t)
            if same.any():
                stack.append((ti + 1, pos[same] + 1, starts[same], *ANY))
        if _is_letter(t) and hi > 0:
            runs = runs_by_offset.get(ti)
            if runs is None:
                runs = runs_by_offset[ti] = vocab.run_lengths(term[ti:])
            reach = runs[rid[pos]]
            for length in range(max(1, lo), min(hi, int(reach.max(initial=0))) + 1):
                ok = reach >= length
                stack.append((ti + length, pos[ok] + 1, starts[ok], *ANY))
    if not found_starts:
        empty = np.zeros(0, dtype=np.int32)
        return TermHits(empty, empty)
    return TermHits(np.concatenate(found_starts), np.concatenate(found_ends))


def _short_term(corpus: Corpus, term: str) -> TermHits:
    """One character, or two ASCII characters: the postings list exactly the matches."""
    if len(term) == 1:
        positions = np.concatenate([pos for pos, _, _ in _seeds(corpus, term)])
        return TermHits(positions, positions + 1)
    pairs = corpus.by_pair.get(code_of(term))
    if not (_is_letter(term[0]) and _is_letter(term[1])):
        return TermHits(pairs, pairs + 2)
    twos = corpus.by_two.get(code_of(term))
    return TermHits(np.concatenate([pairs, twos]), np.concatenate([pairs + 2, twos + 1]))


def match(corpus: Corpus, vocab: ReadingVocab, query: str) -> Matches:
    terms = query_terms(query)
    if not terms or not corpus.size:
        return Matches(corpus, np.zeros(0, dtype=np.int32))
    hits: list[TermHits] = []
    every = np.ones(corpus.size, dtype=np.bool_)
    for term in terms:
        h = match_term(corpus, vocab, term)
        hits.append(h)
        these = np.zeros(corpus.size, dtype=np.bool_)
        h.docs = corpus.doc[h.starts]
        these[h.docs] = True
        every &= these
        if not every.any():
            break
    return Matches(corpus, np.flatnonzero(every).astype(np.int32), hits)


def top(keys: npt.NDArray[np.int64], limit: int | None) -> npt.NDArray[np.intp]:
    """Indices of the ``limit`` smallest keys, in order (all of them when no limit); equal
    keys in the order of their indices."""
    if limit and len(keys) > limit:
        part = np.argpartition(keys, limit - 1)[:limit]
        return part[np.argsort(keys[part], kind="stable")]
    return stable_order(keys)


PACKED_FROM = 1024  # below this many keys numpy's own stable argsort is as quick


def stable_order(keys: npt.NDArray[np.int64]) -> npt.NDArray[np.intp]:
    """``np.argsort(keys, kind="stable")``, ~10x quicker at 40,000 keys: each key with its
    index in its low bits, sorted as plain numbers (numpy's vectorised sort; its stable
    argsort is a merge sort). The same order exactly; numpy's argsort when they do not fit."""
    n = len(keys)
    if n < max(PACKED_FROM, 2):
        return np.argsort(keys, kind="stable")
    low, high = int(keys.min()), int(keys.max())
    bits = (n - 1).bit_length()
    if high - low >= 1 << (63 - bits):
        return np.argsort(keys, kind="stable")
    packed = (keys - low) << bits
    packed |= np.arange(n, dtype=np.int64)
    packed.sort()
    packed &= (1 << bits) - 1
    return packed.astype(np.intp, copy=False)
