"""The search corpus: every searched field of every document laid end to end as numbers.

Per position: the character (NFKC, casefolded) and its reading set (0 when not Chinese).
Each field ends with a 0 separator so no match spans two fields; a table of field starts
tells the document and the field of any position. Postings list, for a key (a character,
a reading's first letters, a pair of neighbours), the positions where a match can start.
Built from the pinyin stored with each document: no pypinyin call here.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.core.memory import release_free_memory
from assistant.core.search.vocab import HAN_RANGES, ReadingVocab
from assistant.core.text import normalize

Bools = npt.NDArray[np.bool_]
U32 = npt.NDArray[np.uint32]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
Arr = npt.NDArray[Any]

# (field name, raw text, stored pinyin of that text)
FieldEntry = tuple[str, str, str]
Entry = tuple[str, Sequence[FieldEntry]]


def han_mask(chars: U32) -> npt.NDArray[np.bool_]:
    """``text.is_han`` of every character."""
    mask = np.zeros(len(chars), dtype=np.bool_)
    for first, last in HAN_RANGES:
        mask |= (chars >= first) & (chars <= last)
    return mask


@dataclass(slots=True)
class Postings:
    """Positions grouped by key: ``keys`` sorted and unique, ``offsets`` into ``positions``."""

    keys: Arr
    offsets: I64
    positions: I32

    @classmethod
    def build(cls, keys: Arr, positions: Arr) -> Postings:
        """From one key per position, the positions in order (as ``merge`` makes them)."""
        if not len(keys) or (int(keys.min()) >= 0 and int(keys.max()) < 1 << 31):
            # In place: each temporary array of a base's millions of items costs its page
            # faults too, a good part of a first search.
            packed = keys.astype(np.int64)
            packed <<= 32
            packed |= positions
            return cls.from_packed(packed, keys.dtype)
        order = np.argsort(keys, kind="stable")
        return cls._grouped(keys[order], positions[order].astype(np.int32), keys.dtype)

    @classmethod
    def from_packed(cls, packed: I64, key_dtype: Any) -> Postings:
        """From items packed as ``key << 32 | position`` (0 <= key < 2**31), in any order;
        sorted in place. numpy sorts int64 with SIMD, several times faster than a stable
        argsort of the keys, and equal items are the same item: no stability needed."""
        packed.sort()
        positions = packed.astype(np.int32)  # the low 32 bits (integer casts wrap)
        packed >>= 32
        return cls._grouped(packed, positions, key_dtype)

    @classmethod
    def _grouped(cls, ordered: Arr, positions: I32, key_dtype: Any) -> Postings:
        """From the keys sorted and their positions in that order."""
        starts = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
        bounds = np.zeros(len(starts) + 2, dtype=np.int64)
        bounds[1:-1], bounds[-1] = starts, len(ordered)
        if not len(ordered):
            bounds = bounds[:1]
        return cls(ordered[bounds[:-1]].astype(key_dtype), bounds, positions)

    def get(self, key: int) -> I32:
        i = int(np.searchsorted(self.keys, key))
        if i >= len(self.keys) or int(self.keys[i]) != key:
            return self.positions[:0]
        return self.positions[self.offsets[i] : self.offsets[i + 1]]


@dataclass(slots=True)
class Segment:
    keys: list[str]
    chars: U32
    rid: I32
    field_starts: I64
    field_doc: I32  # local document index
    field_kind: npt.NDArray[np.int8]


def build_segment(
    entries: Sequence[Entry], field_ids: dict[str, int], vocab: ReadingVocab
) -> Segment:
    keys = [key for key, _ in entries]
    fields = [field for _, doc_fields in entries for field in doc_fields]
    owners = np.repeat(
        np.arange(len(entries), dtype=np.int32),
        np.array([len(doc_fields) for _, doc_fields in entries], dtype=np.int64),
    )
    names, raws, stored = zip(*fields, strict=True) if fields else ((), (), ())
    kinds = np.fromiter(map(field_ids.__getitem__, names), np.int8, len(fields))
    texts = _normalized(list(raws))
    lens = np.fromiter(map(len, texts), np.int64, len(texts)) + 1
    starts = np.zeros(len(lens), dtype=np.int64)
    if len(lens):
        np.cumsum(lens[:-1], out=starts[1:])
    texts.append("")  # every field ends with a 0
    chars = np.frombuffer("\0".join(texts).encode("utf-32-le"), dtype=np.uint32).copy()
    han = han_mask(chars)
    rid = np.zeros(len(chars), dtype=np.int32)
    if han.any():
        rid[han] = _reading_ids(chars, han, starts, list(stored), vocab)
    return Segment(keys, chars, rid, starts, owners, kinds)


def _normalized(raws: list[str]) -> list[str]:
    """``normalize`` of each text, in one call for all: NFKC and casefold work character by
    character, and a 0 between two texts is left as it is (~40 % less time than a call per
    field). One by one when a text holds a 0 itself."""
    texts = normalize("\0".join(raws)).split("\0")
    return texts if len(texts) == len(raws) else [normalize(raw) for raw in raws]


def _reading_ids(
    chars: U32, han: Bools, starts: I64, stored: list[str], vocab: ReadingVocab
) -> I32:
    """The reading set of every Chinese character of ``chars`` (fields from ``starts``),
    from the fields' stored readings. Checked field by field against what the vocabulary
    guesses from the characters: only the fields that differ (a character not seen before,
    readings from another version) have their tokens split and looked up, which for every
    field took ~20 ms a shard, a third of a first search's text work."""
    want = np.add.reduceat(han.astype(np.int32), starts)  # Chinese characters per field
    guessed = vocab.guessed(chars, len(stored))
    if guessed is None:
        ids = vocab.ids(_tokens(want, stored))
    else:
        ids, expected = guessed[0][han], guessed[1]
        differ = np.fromiter(map(operator.ne, expected, stored), np.bool_, len(stored))
        first = np.zeros(len(want) + 1, dtype=np.int64)  # each field's first in ``ids``
        np.cumsum(want, out=first[1:])
        if len(ids) and int(ids.min()) < 0:  # a character never seen: its field differs
            differ[np.searchsorted(first, np.flatnonzero(ids < 0), side="right") - 1] = True
        fields = np.flatnonzero(differ & (want > 0))
        if not len(fields):
            return ids
        n = want[fields]
        at = np.repeat(first[fields] - np.cumsum(n) + n, n)  # item j of a field: first + j
        at += np.arange(len(at))
        ids[at] = vocab.ids(_tokens(n, [stored[f] for f in fields.tolist()]))
    vocab.learn(chars[han], ids)
    return ids


def _tokens(want: Arr, stored: list[str]) -> list[str]:
    """One stored token per Chinese character (``want``: how many each field has)."""
    have = np.fromiter((py.count(" ") + 1 if py else 0 for py in stored), np.int64)
    if np.array_equal(want, have):  # the stored pinyin has one token per character
        return " ".join(py for py in stored if py).split(" ")
    tokens: list[str] = []
    for n, py in zip(want.tolist(), stored, strict=True):
        toks = py.split(" ") if py else []
        if len(toks) != n:  # stored pinyin out of step: read it as decode() would
            toks = (toks + ["_"] * n)[:n]
        tokens.extend(toks)
    return tokens


FEW_POSITIONS = 2048  # fewer are as quickly found among the field starts


@dataclass(slots=True)
class Corpus:
    keys: list[str]
    chars: U32
    rid: I32
    field_starts: I64
    field_doc: I32
    field_kind: npt.NDArray[np.int8]
    doc: I32  # per position (cheaper than a lookup per hit)
    kind: npt.NDArray[np.int8]  # per position
    by_char: Postings
    by_initial: Postings  # a reading's first letter
    by_pair: Postings  # a starter at p and one at p + 1 (ASCII codes a * 128 + b)
    by_two: Postings  # a reading's first two letters
    by_two_then: Postings  # a reading's first two letters at p, a starter at p + 1
    by_long: Postings  # a reading's first 3..6 letters (by id in long_ids)
    by_long_then: Postings  # ... at p, and a starter at p + 1 (id * 128 + starter)
    long_ids: dict[str, int]
    # A small corpus (a delta) has only the first two postings: every term is walked from
    # the positions of its first character (``matcher.match_term``).
    first_only: bool = False
    # Whether every 0 in ``chars`` ends a field (no text held a 0 itself): then a position
    # starts a field exactly when the one before it is a 0. Found at the first need.
    zeros_end_fields: bool | None = None

    @property
    def size(self) -> int:
        return len(self.keys)

    def long_positions(self, prefix: str, then: str | None = None) -> I32:
        """Readings starting with ``prefix`` (3..6 letters) [followed by a ``then`` starter]."""
        pid = self.long_ids.get(prefix)
        if pid is None:
            return self.chars[:0].astype(np.int32)
        if then is None:
            return self.by_long.get(pid)
        return self.by_long_then.get(pid * 128 + ord(then))

    def is_field_start(self, positions: I32) -> npt.NDArray[np.bool_]:
        if len(positions) > FEW_POSITIONS:
            if self.zeros_end_fields is None:
                zeros = len(self.chars) - np.count_nonzero(self.chars)
                self.zeros_end_fields = bool(zeros == len(self.field_starts))  # the sentinel's too
            if self.zeros_end_fields:  # a look at one neighbour, not a binary search each
                before: npt.NDArray[np.bool_] = self.chars[positions - 1] == 0
                return before  # position 0 looks at the sentinel's 0, the last one
        f = np.searchsorted(self.field_starts, positions, side="right") - 1
        first: npt.NDArray[np.bool_] = self.field_starts[f] == positions
        return first


def code_of(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 128 + ord(ch)
    return value


def _expand(owners: Arr, counts: I32, offsets: I32, flat: Arr) -> tuple[Arr, Arr]:
    """One (owner, item) pair per item of each owner's variable-length list in ``flat``.
    In int32, as every count and offset of a corpus (< 2**31 positions) fits."""
    rep = np.repeat(owners, counts)
    if not len(rep):
        return rep, flat[:0]
    # item j of owner k sits at flat[offsets[k] + j], and at out[ends[k] - counts[k] + j]
    shift = offsets - np.cumsum(counts, dtype=np.int32)
    shift += counts
    at = np.repeat(shift, counts)
    at += np.arange(len(rep), dtype=np.int32)
    return rep, flat[at]


@dataclass(frozen=True, slots=True)
class SetCodes:
    """Per reading set: the codes of its items, laid end to end. Every code fits in int32
    (a reading's first one or two letters, or an id of its first 3..6), and so does a code
    followed by a starter (``code * 128 + starter``): millions of items in a base's merge,
    half the memory of int64."""

    counts: I32
    offsets: I32
    flat: I32

    @classmethod
    def of(cls, items: list[list[int]]) -> SetCodes:
        counts = np.array([len(x) for x in items], dtype=np.int32)
        flat = np.array([c for x in items for c in x] or [0], dtype=np.int32)
        offsets = np.zeros(len(counts), dtype=np.int32)
        if len(counts) > 1:
            np.cumsum(counts[:-1], out=offsets[1:])
        return cls(counts, offsets, flat)

    def per_position(self, positions: I32, set_ids: I32) -> tuple[Arr, I32]:
        """(position, code) for every item of the reading set at each position."""
        found, codes = _expand(positions, self.counts[set_ids], self.offsets[set_ids], self.flat)
        return found, codes


@dataclass(frozen=True, slots=True)
class ReadingCodes:
    """What a merge needs of the vocabulary's reading sets: each set's first letters, first
    two letters, and first 3..6 letters (by id in ``long_ids``). Made once per vocabulary
    state (``ReadingVocab.memo``), not once per merge."""

    initials: SetCodes
    twos: SetCodes
    longs: SetCodes
    long_ids: dict[str, int]

    @classmethod
    def of(cls, vocab: ReadingVocab) -> ReadingCodes:
        syl = vocab.syllables

        def prefixes_of(members: tuple[int, ...], n: int) -> set[str]:
            # Codes pack 7 bits per letter; at most 6 letters plus one starter fit in int64.
            return {syl[s][:n] for s in members if len(syl[s]) >= n}

        def prefixes(n: int) -> list[list[int]]:
            return [[code_of(p) for p in sorted(prefixes_of(m, n))] for m in vocab.sets]

        longer = [
            sorted(set().union(*(prefixes_of(m, n) for n in range(3, 7)))) for m in vocab.sets
        ]
        long_ids = {p: i for i, p in enumerate(sorted({p for x in longer for p in x}))}
        return cls(
            SetCodes.of(prefixes(1)),
            SetCodes.of(prefixes(2)),
            SetCodes.of([[long_ids[p] for p in x] for x in longer]),
            long_ids,
        )


def _per_position(
    field_starts: I64, field_doc: I32, field_kind: npt.NDArray[np.int8]
) -> tuple[I32, npt.NDArray[np.int8]]:
    """The document and the field kind of every position."""
    lengths = np.append(np.diff(field_starts), 1)  # the sentinel's field: one position
    return np.repeat(field_doc, lengths), np.repeat(field_kind, lengths)


FOLLOWED_CHUNK = 1 << 18  # owners at a time: ~1 MB temporaries each, not ~100 MB at once


def _followed(owner_pos: I32, owner_code: I32, starters: tuple[I32, I32, I32]) -> Postings:
    """Postings of (owner code * 128 + code of a starter at the next position); ``starters``:
    per position their count and first index in the codes, and the codes. Made a chunk of
    owners at a time into one array of packed items: a base's millions of items, expanded
    all at once, held ~100 MB of temporaries (a first start's peak)."""
    per_position, pos_offsets, codes = starters
    counts = per_position[owner_pos + 1]
    packed = np.empty(int(counts.sum(dtype=np.int64)), dtype=np.int64)
    filled = 0
    for c0 in range(0, len(owner_pos), FOLLOWED_CHUNK):
        pos = owner_pos[c0 : c0 + FOLLOWED_CHUNK]
        at = np.arange(len(pos), dtype=np.int32)
        idx, nxt = _expand(at, counts[c0 : c0 + FOLLOWED_CHUNK], pos_offsets[pos + 1], codes)
        nxt += owner_code[c0 : c0 + FOLLOWED_CHUNK][idx] * 128
        part = packed[filled : filled + len(nxt)]
        part[:] = nxt
        part <<= 32
        part |= pos[idx]
        filled += len(nxt)
    return Postings.from_packed(packed, np.int64)  # keys int64, as the cache holds them


def _coded(codes: I32, positions: I32) -> Postings:
    """Postings by reading code, their keys int64 (as the cache holds them)."""
    found = Postings.build(codes, positions)
    found.keys = found.keys.astype(np.int64)
    return found


def reading_codes(vocab: ReadingVocab) -> ReadingCodes:
    return vocab.memo("reading codes", lambda: ReadingCodes.of(vocab))


def merge(segments: list[Segment], vocab: ReadingVocab, first_only: bool = False) -> Corpus:
    """The segments as one corpus; ``first_only``: with only ``by_char`` and ``by_initial``
    (a sixth of the work: for a delta merged again at each change, and for a first search,
    whose base gets the other postings in the background, ``complete``). Empties
    ``segments`` once their arrays are copied: a base's are ~20 MB the rest of the merge
    need not hold."""
    keys = [key for seg in segments for key in seg.keys]
    # Each segment's field starts and documents shifted by those before it: added to all of
    # them at once (a delta is dozens of one-document segments, merged again at each change).
    n_fields = np.array([len(s.field_starts) for s in segments], dtype=np.int64)
    pos0 = np.zeros(len(segments) + 1, dtype=np.int64)
    np.cumsum([len(s.chars) for s in segments], out=pos0[1:])
    doc0 = np.zeros(len(segments), dtype=np.int64)
    np.cumsum([len(s.keys) for s in segments[:-1]], out=doc0[1:])
    base = int(pos0[-1])
    starts = [*(s.field_starts for s in segments), np.array([base], np.int64)]
    field_starts = np.concatenate(starts)
    field_starts[:-1] += np.repeat(pos0[:-1], n_fields)
    docs = [*(s.field_doc for s in segments), np.array([-1], np.int32)]
    field_doc = np.concatenate(docs).astype(np.int32)
    field_doc[:-1] += np.repeat(doc0, n_fields).astype(np.int32)
    chars = np.concatenate([*(s.chars for s in segments), np.zeros(1, np.uint32)])
    rid = np.concatenate([*(s.rid for s in segments), np.zeros(1, np.int32)])
    field_kind = np.concatenate([*(s.field_kind for s in segments), np.array([-1], np.int8)])
    del starts, docs, segments[:]

    codes = reading_codes(vocab)
    by_char = Postings.build(chars, np.arange(len(chars), dtype=np.int32))
    init_pos, init_code = _initials(rid, codes)
    by_initial = _coded(init_code, init_pos)
    del init_pos, init_code
    doc, kind = _per_position(field_starts, field_doc, field_kind)
    none = Postings.build(np.zeros(0, np.int64), np.zeros(0, np.int32))
    small = Corpus(
        keys, chars, rid, field_starts, field_doc, field_kind, doc, kind,
        by_char, by_initial, none, none, none, none, none, {}, first_only=True,
    )  # fmt: skip
    return small if first_only else complete(small, codes)


def _initials(rid: I32, codes: ReadingCodes) -> tuple[I32, I32]:
    """(position, code of a first letter) for every reading of every Chinese character."""
    han_pos = np.flatnonzero(rid > 0).astype(np.int32)
    return codes.initials.per_position(han_pos, rid[han_pos])


def complete(small: Corpus, codes: ReadingCodes) -> Corpus:
    """``small`` (merged ``first_only``) with every postings list: the same matches, found
    from more positions at once. ``codes``: of the vocabulary ``small`` was merged with
    (``reading_codes``; later reading sets only add to it)."""
    # Each postings list is built as soon as its (position, code) pairs are made, and the
    # pairs dropped: a base's temporaries are millions of items each, and holding them all
    # at once more than doubled the peak memory of a first search.
    chars, rid = small.chars, small.rid
    han_pos = np.flatnonzero(rid > 0).astype(np.int32)
    set_rid = rid[han_pos]
    init_pos, init_code = codes.initials.per_position(han_pos, set_rid)

    # Starters per position: the ASCII character itself, or a reading's first letter.
    ascii_pos = np.flatnonzero((chars > 0) & (chars < 128)).astype(np.int32)
    st_pos = np.concatenate([ascii_pos, init_pos])
    st_code = np.concatenate([chars[ascii_pos].astype(np.int32), init_code])
    del ascii_pos, init_pos, init_code
    order = np.argsort(st_pos, kind="stable")
    st_pos, st_code = st_pos[order], st_code[order]
    del order
    per_position = np.bincount(st_pos, minlength=len(chars) + 1).astype(np.int32)
    pos_offsets = np.zeros(len(per_position), dtype=np.int32)  # a base's items fit in int32
    np.cumsum(per_position[:-1], out=pos_offsets[1:])

    starters = (per_position, pos_offsets, st_code)
    by_pair = _followed(st_pos, st_code, starters)
    release_free_memory()  # each list's temporaries (tens of MB) before the next one's
    two_pos, two_code = codes.twos.per_position(han_pos, set_rid)
    by_two = _coded(two_code, two_pos)
    by_two_then = _followed(two_pos, two_code, starters)
    del two_pos, two_code
    release_free_memory()
    long_pos, long_code = codes.longs.per_position(han_pos, set_rid)
    by_long = _coded(long_code, long_pos)
    by_long_then = _followed(long_pos, long_code, starters)
    del long_pos, long_code, han_pos, set_rid, st_pos, st_code, per_position, pos_offsets
    del starters
    return dataclasses.replace(
        small,
        by_pair=by_pair,
        by_two=by_two,
        by_two_then=by_two_then,
        by_long=by_long,
        by_long_then=by_long_then,
        long_ids=dict(codes.long_ids),
        first_only=False,
    )
