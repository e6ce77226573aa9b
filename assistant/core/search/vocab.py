"""Readings as numbers: each distinct stored token ("hai/huan") is a reading set with an id;
each distinct reading ("hai") a syllable. Lets the matcher ask, for every position at once,
how far a query's letters run along one of the readings there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

# Code points of Chinese characters (the searched ones: corpus.han_mask)
HAN_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2EBEF), (0xF900, 0xFAFF))
_CODE_POINTS = HAN_RANGES[2][1] + 1  # the table's last entry: every code point past it
# In ReadingVocab._by_char, past the sets' ids: the last two token strings, and what is
# not a Chinese character (never looked up)
_FIELD_END, _UNKNOWN, _NOT_CHINESE = -2, -1, -3

MAX_READING = 8  # longest pinyin syllable is 6 letters (zhuang, shuang)

IntArray = npt.NDArray[np.int32]
T = TypeVar("T")


class ReadingVocab:
    def __init__(self) -> None:
        self.set_ids: dict[str, int] = {"": 0, "_": 0}  # 0: no readings
        self.sets: list[tuple[int, ...]] = [()]  # set id -> syllable ids
        self.syllable_ids: dict[str, int] = {}
        self.syllables: list[str] = []
        self._arrays: tuple[npt.NDArray[np.uint8], IntArray, IntArray, IntArray] | None = None
        self._runs: dict[str, npt.NDArray[np.int8]] = {}
        self._memo: dict[str, Any] = {}
        self.tokens: list[str] = ["_"]  # set id -> the stored token it was made from
        self._by_char: IntArray | None = None  # code point -> the set last seen for it

    def copy(self) -> ReadingVocab:
        """The same ids, to be extended on its own (by a background rebuild)."""
        other = ReadingVocab()
        other.set_ids = dict(self.set_ids)
        other.sets = list(self.sets)
        other.syllable_ids = dict(self.syllable_ids)
        other.syllables = list(self.syllables)
        other.tokens = list(self.tokens)
        if self._by_char is not None:
            other._by_char = self._by_char.copy()
        return other

    def memo(self, name: str, make: Callable[[], T]) -> T:
        """``make()``, kept until the next new reading set (tables derived from the sets)."""
        if name not in self._memo:
            self._memo[name] = make()
        value: T = self._memo[name]
        return value

    def set_id(self, token: str) -> int:
        found = self.set_ids.get(token)
        if found is not None:
            return found
        syllables = []
        for reading in token.split("/"):
            if not reading or reading == "_" or not reading.isascii() or not reading.isalpha():
                continue
            reading = reading[:MAX_READING]
            sid = self.syllable_ids.get(reading)
            if sid is None:
                sid = self.syllable_ids[reading] = len(self.syllables)
                self.syllables.append(reading)
            syllables.append(sid)
        new = len(self.sets)
        self.sets.append(tuple(syllables))
        self.set_ids[token] = new
        self.tokens.append(token)
        self._arrays = None
        self._runs.clear()
        self._memo.clear()
        return new

    def ids(self, tokens: list[str]) -> IntArray:
        known = self.set_ids
        for token in dict.fromkeys(tokens):  # new ones get ids in the order first seen
            if token not in known:
                self.set_id(token)
        return np.fromiter(map(self.set_ids.__getitem__, tokens), np.int32, len(tokens))

    def learn(self, chars: npt.NDArray[np.uint32], set_ids: IntArray) -> None:
        """Remember the reading set seen for each of these Chinese characters (``guessed``)."""
        if self._by_char is None:
            table = np.full(_CODE_POINTS + 1, _NOT_CHINESE, dtype=np.int32)
            for first, last in HAN_RANGES:
                table[first : last + 1] = _UNKNOWN
            table[0] = _FIELD_END
            self._by_char = table
        self._by_char[chars] = set_ids

    def guessed(
        self, chars: npt.NDArray[np.uint32], fields: int
    ) -> tuple[IntArray, list[str]] | None:
        """For ``chars`` (``fields`` fields, each ended by a 0): the reading set last seen
        for each character (negative where none), and each field's readings as they would
        be stored (``pinyin.encode``: a token per Chinese character, which depends on the
        character alone). None before anything was learnt, or when a text holds a 0."""
        table = self._by_char
        strings = self.memo("token strings", self._token_strings)
        if table is None or strings is None:
            return None
        ids = table[np.minimum(chars, _CODE_POINTS)]
        at = np.flatnonzero(ids != _NOT_CHINESE)  # Chinese characters and field ends
        # " " before each token, "|" after each field: " hai/huan qin|" + "|" (none) + ...
        per_field = "".join(strings[ids[at]].tolist()).split("|")
        if len(per_field) != fields + 1:  # a 0 inside a text
            return None
        del per_field[-1]
        return ids, [field[1:] for field in per_field]

    def _token_strings(self) -> npt.NDArray[np.object_] | None:
        if any("|" in token for token in self.tokens):
            return None  # the separator of ``guessed``'s fields
        strings = [" " + token for token in self.tokens]
        return np.array([*strings, "|", " \0"], dtype=object)  # _FIELD_END, _UNKNOWN

    def _build(self) -> tuple[npt.NDArray[np.uint8], IntArray, IntArray, IntArray]:
        if self._arrays is None:
            letters = np.zeros((max(1, len(self.syllables)), MAX_READING), dtype=np.uint8)
            for i, s in enumerate(self.syllables):
                letters[i, : len(s)] = np.frombuffer(s.encode("ascii"), dtype=np.uint8)
            flat = [sid for members in self.sets for sid in members]
            counts = np.array([len(m) for m in self.sets], dtype=np.int32)
            offsets = np.zeros(len(self.sets), dtype=np.int32)
            np.cumsum(counts[:-1], out=offsets[1:])
            self._arrays = (letters, np.array(flat, dtype=np.int32), offsets, counts)
        return self._arrays

    def run_lengths(self, suffix: str) -> npt.NDArray[np.int8]:
        """For every reading set: how many leading letters of ``suffix`` one of its readings
        starts with (0 when none). The matcher may consume any of 1..that many letters."""
        key = suffix[:MAX_READING]
        cached = self._runs.get(key)
        if cached is None:
            if len(self._runs) > 4096:
                self._runs.clear()
            cached = self._runs[key] = self._run_lengths(key)
        return cached

    def _run_lengths(self, suffix: str) -> npt.NDArray[np.int8]:
        letters, flat, offsets, counts = self._build()
        out = np.zeros(len(self.sets), dtype=np.int8)
        if not flat.size:
            return out
        probe = np.zeros(MAX_READING, dtype=np.uint8)
        head = suffix[:MAX_READING].encode("ascii", "replace")
        probe[: len(head)] = np.frombuffer(head, dtype=np.uint8)
        same = (letters == probe) & (letters != 0)
        per_syllable = np.cumprod(same, axis=1).sum(axis=1).astype(np.int8)
        values = per_syllable[flat]
        has = counts > 0
        out[has] = np.maximum.reduceat(values, offsets[has])
        return out
