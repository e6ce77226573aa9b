"""The search corpus: every searched field of every document laid end to end as numbers.

Per position: the character (NFKC, casefolded) and its reading set (0 when not Chinese).
Each field ends with a 0 separator so no match spans two fields; a table of field starts
tells the document and the field of any position. Postings list, for a key (a character,
a reading's first letters, a pair of neighbours), the positions where a match can start.
Built from the pinyin stored with each document: no pypinyin call here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.core.search.vocab import ReadingVocab
from assistant.core.text import normalize

U32 = npt.NDArray[np.uint32]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
Arr = npt.NDArray[Any]

# (field name, raw text, stored pinyin of that text)
FieldEntry = tuple[str, str, str]
Entry = tuple[str, Sequence[FieldEntry]]


def han_mask(chars: U32) -> npt.NDArray[np.bool_]:
    c = chars
    return (
        ((c >= 0x4E00) & (c <= 0x9FFF))
        | ((c >= 0x3400) & (c <= 0x4DBF))
        | ((c >= 0x20000) & (c <= 0x2EBEF))
        | ((c >= 0xF900) & (c <= 0xFAFF))
    )


def stable_order(keys: Arr) -> Arr:
    """np.argsort(keys, kind="stable"), done as 16-bit radix passes where keys allow
    (numpy radix-sorts 16-bit integers; 64-bit keys would take a much slower merge sort)."""
    if not len(keys):
        return np.zeros(0, dtype=np.int64)
    wide = keys.astype(np.int64, copy=False)
    top = int(wide.max())
    if int(wide.min()) < 0 or top >= 1 << 32:
        return np.argsort(wide, kind="stable")
    order = np.argsort((wide & 0xFFFF).astype(np.uint16), kind="stable")
    if top < 1 << 16:
        return order
    high = (wide[order] >> 16).astype(np.uint16)
    return order[np.argsort(high, kind="stable")]


@dataclass(slots=True)
class Postings:
    """Positions grouped by key: ``keys`` sorted and unique, ``offsets`` into ``positions``."""

    keys: Arr
    offsets: I64
    positions: I32

    @classmethod
    def build(cls, keys: Arr, positions: Arr) -> Postings:
        order = stable_order(keys)
        sorted_keys = keys[order]
        first = np.flatnonzero(np.diff(sorted_keys)) + 1
        offsets = np.concatenate([[0], first, [len(sorted_keys)]]).astype(np.int64)
        unique = sorted_keys[offsets[:-1]] if len(sorted_keys) else sorted_keys
        return cls(unique, offsets, positions[order].astype(np.int32))

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
    keys: list[str] = []
    pieces: list[str] = []
    stored_tokens: list[list[str]] = []
    kinds: list[int] = []
    owners: list[int] = []
    lengths: list[int] = []
    for d, (key, fields) in enumerate(entries):
        keys.append(key)
        for name, raw, stored in fields:
            norm = normalize(raw)
            pieces.append(norm)
            pieces.append("\0")
            lengths.append(len(norm) + 1)
            kinds.append(field_ids[name])
            owners.append(d)
            stored_tokens.append(stored.split(" ") if stored else [])
    chars = np.frombuffer("".join(pieces).encode("utf-32-le"), dtype=np.uint32).copy()
    lens = np.array(lengths, dtype=np.int64)
    starts = np.zeros(len(lens), dtype=np.int64)
    if len(lens):
        np.cumsum(lens[:-1], out=starts[1:])
    han = han_mask(chars)
    rid = np.zeros(len(chars), dtype=np.int32)
    if han.any():
        per_field = np.add.reduceat(han.astype(np.int32), starts).tolist()
        tokens: list[str] = []
        for want, toks in zip(per_field, stored_tokens, strict=True):
            if len(toks) != want:  # stored pinyin out of step: read it as decode() would
                toks = (toks + ["_"] * want)[:want]
            tokens.extend(toks)
        rid[np.flatnonzero(han)] = np.array(vocab.ids(tokens), dtype=np.int32)
    return Segment(
        keys, chars, rid, starts, np.array(owners, dtype=np.int32), np.array(kinds, dtype=np.int8)
    )


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
        f = np.searchsorted(self.field_starts, positions, side="right") - 1
        first: npt.NDArray[np.bool_] = self.field_starts[f] == positions
        return first


def code_of(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 128 + ord(ch)
    return value


def _expand(owners: Arr, counts: I64, offsets: I64, flat: Arr) -> tuple[Arr, Arr]:
    """One (owner, item) pair per item of each owner's variable-length list in ``flat``."""
    rep = np.repeat(owners, counts)
    first = np.repeat(offsets, counts)
    within = np.arange(len(rep)) - np.repeat(np.cumsum(counts) - counts, counts)
    return rep, flat[first + within] if len(rep) else flat[:0]


def _per_set(
    positions: I32, set_ids: I32, items: list[list[str]], code: Any = code_of
) -> tuple[Arr, I64]:
    """(position, code of item) for every item of the position's reading set."""
    counts = np.array([len(x) for x in items], dtype=np.int64)
    flat = np.array([code(i) for x in items for i in x] or [0], dtype=np.int64)
    offsets = np.zeros(len(counts), dtype=np.int64)
    if len(counts) > 1:
        np.cumsum(counts[:-1], out=offsets[1:])
    owners, codes = _expand(positions, counts[set_ids], offsets[set_ids], flat)
    return owners, codes


def merge(segments: Sequence[Segment], vocab: ReadingVocab) -> Corpus:
    keys: list[str] = []
    base = 0
    starts, docs = [], []
    for seg in segments:
        starts.append(seg.field_starts + base)
        docs.append(seg.field_doc + len(keys))
        keys.extend(seg.keys)
        base += len(seg.chars)
    chars = np.concatenate([*(s.chars for s in segments), np.zeros(1, np.uint32)])
    rid = np.concatenate([*(s.rid for s in segments), np.zeros(1, np.int32)])
    field_starts = np.concatenate([*starts, np.array([base], np.int64)])
    field_doc = np.concatenate([*docs, np.array([-1], np.int32)]).astype(np.int32)
    field_kind = np.concatenate([*(s.field_kind for s in segments), np.array([-1], np.int8)])
    lengths = np.diff(field_starts)
    doc = np.append(np.repeat(field_doc[:-1], lengths), -1).astype(np.int32)
    kind = np.append(np.repeat(field_kind[:-1], lengths), -1).astype(np.int8)

    han_pos = np.flatnonzero(rid > 0).astype(np.int32)
    set_rid = rid[han_pos]
    syl = vocab.syllables

    def prefixes_of(members: tuple[int, ...], n: int) -> set[str]:
        # Codes pack 7 bits per letter; at most 6 letters plus one starter fit in int64.
        return {syl[s][:n] for s in members if len(syl[s]) >= n}

    def prefixes(n: int) -> list[list[str]]:
        return [sorted(prefixes_of(m, n)) for m in vocab.sets]

    init_pos, init_code = _per_set(han_pos, set_rid, prefixes(1))
    two_pos, two_code = _per_set(han_pos, set_rid, prefixes(2))
    longer = [sorted(set().union(*(prefixes_of(m, n) for n in range(3, 7)))) for m in vocab.sets]
    long_ids = {p: i for i, p in enumerate(sorted({p for x in longer for p in x}))}
    long_pos, long_code = _per_set(han_pos, set_rid, longer, long_ids.__getitem__)

    # Starters per position: the ASCII character itself, or a reading's first letter.
    ascii_pos = np.flatnonzero((chars > 0) & (chars < 128)).astype(np.int32)
    st_pos = np.concatenate([ascii_pos, init_pos])
    st_code = np.concatenate([chars[ascii_pos].astype(np.int64), init_code])
    order = np.argsort(st_pos, kind="stable")
    st_pos, st_code = st_pos[order], st_code[order]
    per_position = np.bincount(st_pos, minlength=len(chars) + 1).astype(np.int64)
    pos_offsets = np.zeros(len(per_position), dtype=np.int64)
    np.cumsum(per_position[:-1], out=pos_offsets[1:])

    def followed(owner_pos: Arr, owner_code: Arr) -> tuple[Arr, Arr]:
        """(position, owner code * 128 + code of a starter at the next position)."""
        idx, nxt = _expand(
            np.arange(len(owner_pos)),
            per_position[owner_pos + 1],
            pos_offsets[owner_pos + 1],
            st_code,
        )
        return owner_pos[idx], owner_code[idx] * 128 + nxt

    pair_pos, pair_code = followed(st_pos, st_code)
    two_then_pos, two_then_code = followed(two_pos, two_code)
    long_then_pos, long_then_code = followed(long_pos, long_code)
    return Corpus(
        keys=keys,
        chars=chars,
        rid=rid,
        field_starts=field_starts,
        field_doc=field_doc,
        field_kind=field_kind,
        doc=doc,
        kind=kind,
        by_char=Postings.build(chars, np.arange(len(chars), dtype=np.int32)),
        by_initial=Postings.build(init_code, init_pos),
        by_pair=Postings.build(pair_code, pair_pos),
        by_two=Postings.build(two_code, two_pos),
        by_two_then=Postings.build(two_then_code, two_then_pos),
        by_long=Postings.build(long_code, long_pos),
        by_long_then=Postings.build(long_then_code, long_then_pos),
        long_ids=long_ids,
    )
