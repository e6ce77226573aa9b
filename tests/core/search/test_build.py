"""Building the corpus: the shortcuts taken for speed give what the plain rules give."""

from __future__ import annotations

import unicodedata

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.search.corpus import Postings, build_segment, merge
from assistant.core.search.matcher import TermHits, match
from assistant.core.search.vocab import ReadingVocab
from assistant.core.text import normalize
from tests.core.search.test_search import ENGINE_FIELDS, ROWS, draw_queries, engine_entries, stored

# Chinese text with full-width punctuation, letters and combining marks next to them.
PIECES = list("亲，；：！？（）～　,.!ÅA\u0301\u0308eＶＩＰｖ退货还\u3000ﬁ①㈱")
TEXT = st.text(st.sampled_from(PIECES) | st.characters(), max_size=30)


@settings(max_examples=400)
@given(TEXT)
def test_normalize_is_nfkc_then_casefold(text: str) -> None:
    assert normalize(text) == unicodedata.normalize("NFKC", text).casefold()


@settings(max_examples=200)
@given(st.lists(st.integers(0, 300), max_size=400), st.booleans())
def test_postings_group_positions_by_key_in_order(picked: list[int], wide: bool) -> None:
    """What a stable sort by key gives (positions come in order, as merge makes them),
    through the packed sort or, for keys of 2**31 and more, the argsort."""
    offset = 1 << 40 if wide else 0
    keys = np.array(picked, dtype=np.int64) + offset
    positions = np.arange(len(keys), dtype=np.int32) * 3
    postings = Postings.build(keys, positions)
    assert postings.positions.tolist() == positions[np.argsort(keys, kind="stable")].tolist()
    assert postings.keys.tolist() == sorted(set(keys.tolist()))
    for key in set(keys.tolist()):
        assert postings.get(key).tolist() == positions[keys == key].tolist()
    assert postings.get(offset + 301).tolist() == []


def test_pinyin_out_of_step_with_its_text_is_read_as_unknown_readings() -> None:
    """A stored reading per Chinese character; a field with too few or too many is padded
    or cut, the others are read as stored."""
    fields = {"a": 0, "b": 1}
    entries = [
        ("k1", [("a", "退货", "tui huo"), ("b", "还有", "hai/huan")]),  # one reading short
        ("k2", [("a", "发货", "fa huo extra"), ("b", "VIP", "")]),  # one too many
    ]
    vocab = ReadingVocab()
    corpus = merge([build_segment(entries, fields, vocab)], vocab)
    assert [corpus.keys[d] for d in match(corpus, vocab, "th").docs] == ["k1"]
    assert [corpus.keys[d] for d in match(corpus, vocab, "fh").docs] == ["k2"]
    assert [corpus.keys[d] for d in match(corpus, vocab, "hai").docs] == ["k1"]
    assert match(corpus, vocab, "haiyou").docs.size == 0  # 有 has no reading stored
    assert [corpus.keys[d] for d in match(corpus, vocab, "vip").docs] == ["k2"]


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, data=st.data())
def test_a_corpus_with_first_postings_only_matches_the_same(
    rows: list[tuple[str, ...]], data: st.DataObject
) -> None:
    """A delta is merged with by_char and by_initial only and every term walked from its
    first character: the same documents, and the same hits (where a term starts and ends,
    which ranking reads), as the full corpus's postings give."""
    fields = {name: i for i, name in enumerate(ENGINE_FIELDS)}
    entries = [(f"d{n}", engine_entries(f"d{n}", stored(row))) for n, row in enumerate(rows)]
    vocab = ReadingVocab()
    segment = build_segment(entries, fields, vocab)
    full, small = merge([segment], vocab), merge([segment], vocab, first_only=True)
    assert small.first_only and not small.by_pair.keys.size
    for query in draw_queries(data, rows):
        a, b = match(full, vocab, query), match(small, vocab, query)
        assert a.docs.tolist() == b.docs.tolist(), query
        for x, y in zip(a.terms, b.terms, strict=True):
            assert _hits(x) == _hits(y), query
        for fid in fields.values():
            assert a.field_prefix(fid).tolist() == b.field_prefix(fid).tolist(), query
            assert a.field_prefix(fid, whole=True).tolist() == b.field_prefix(fid, True).tolist()
        assert a.all_terms_in([0, 1]).tolist() == b.all_terms_in([0, 1]).tolist(), query


def _hits(term: TermHits) -> set[tuple[int, int]]:
    return set(zip(term.starts.tolist(), term.ends.tolist(), strict=True))


# Chinese characters (one past the BMP), letters, a NUL, a character past every table.
HAN_PIECES = [*"亲退货还行发有㐀𠀀", "a", "Z", " ", "\0", "\U000e0001", "１"]
TOKENS = ["qin", "tui", "huo", "hai/huan", "xing/hang", "fa", "you", "_", "x|y", "", "qin qin"]


@st.composite
def fields_with_readings(draw: st.DrawFn) -> tuple[str, str]:
    """A field's text and its stored readings: as ``pinyin.encode`` makes them, or from
    another version (other tokens), or out of step with the text (too few, too many)."""
    from assistant.core.search.pinyin import encode

    text = "".join(draw(st.lists(st.sampled_from(HAN_PIECES), max_size=8)))
    true = encode(text)
    kind = draw(st.sampled_from(["true", "true", "true", "other", "short", "long"]))
    if kind == "true" or not true:
        return text, true
    tokens = true.split(" ")
    if kind == "other":
        tokens[draw(st.integers(0, len(tokens) - 1))] = draw(st.sampled_from(TOKENS))
    elif kind == "short":
        tokens.pop()
    else:
        tokens.append(draw(st.sampled_from(TOKENS)))
    return text, " ".join(tokens)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.lists(fields_with_readings(), max_size=3), max_size=5), max_size=4))
def test_readings_guessed_from_earlier_segments_are_the_stored_ones(
    segments: list[list[list[tuple[str, str]]]],
) -> None:
    """Segments built one after another with one vocabulary (which guesses a field's
    readings from the characters it saw before, and checks the guess against the stored
    readings) hold, at every Chinese character, the token a segment built alone reads."""
    fields = {"f": 0}
    shared = ReadingVocab()
    for s, docs in enumerate(segments):
        entries = [
            (f"s{s}d{d}", [("f", text, py) for text, py in doc]) for d, doc in enumerate(docs)
        ]
        alone = ReadingVocab()
        got, want = build_segment(entries, fields, shared), build_segment(entries, fields, alone)
        assert got.chars.tolist() == want.chars.tolist()
        assert [shared.tokens[i] for i in got.rid.tolist()] == [
            alone.tokens[i] for i in want.rid.tolist()
        ]


@settings(max_examples=100, deadline=None)
@given(rows=ROWS, chunk=st.integers(1, 7))
def test_postings_made_a_chunk_of_owners_at_a_time_are_the_same(
    rows: list[tuple[str, ...]], chunk: int
) -> None:
    """The pair postings, made a few owners at a time (as a base's millions are), are what
    one pass over every owner makes."""
    from unittest import mock

    from assistant.core.search import corpus as corpus_module

    fields = {name: i for i, name in enumerate(ENGINE_FIELDS)}
    entries = [(f"d{n}", engine_entries(f"d{n}", stored(row))) for n, row in enumerate(rows)]
    vocab = ReadingVocab()
    segment = build_segment(entries, fields, vocab)
    whole = merge([segment], vocab)
    segment = build_segment(entries, fields, vocab)
    with mock.patch.object(corpus_module, "FOLLOWED_CHUNK", chunk):
        chunked = merge([segment], vocab)
    for name in ("by_pair", "by_two_then", "by_long_then"):
        a, b = getattr(whole, name), getattr(chunked, name)
        assert a.keys.tolist() == b.keys.tolist(), name
        assert a.offsets.tolist() == b.offsets.tolist(), name
        assert a.positions.tolist() == b.positions.tolist(), name


@settings(max_examples=200, deadline=None)
@given(
    keys=st.lists(
        st.one_of(st.integers(-5, 5), st.integers(-(2**62), 2**62)), min_size=0, max_size=300
    )
)
def test_the_packed_stable_order_is_numpy_s_stable_argsort(keys: list[int]) -> None:
    """Ties kept in index order, negative keys, and keys too far apart to pack (numpy's
    own argsort then): the packed sort is used from the first key on here."""
    from assistant.core.search import matcher

    array = np.array(keys, dtype=np.int64)
    packed_from, matcher.PACKED_FROM = matcher.PACKED_FROM, 0
    try:
        got = matcher.stable_order(array)
    finally:
        matcher.PACKED_FROM = packed_from
    assert got.tolist() == np.argsort(array, kind="stable").tolist()


def test_field_starts_read_from_the_neighbour_are_the_table_s() -> None:
    """Past a few thousand positions a field start is read from the 0 before it; a text
    holding a 0 itself (a hostile pack) makes the corpus fall back to its table."""
    vocab = ReadingVocab()
    for inner_zero in (False, True):
        entries = [
            (f"k{n}", [("a", f"t{n}t", ""), ("b", "t\0t" if inner_zero and n == 7 else "tt", "")])
            for n in range(1500)
        ]
        corpus = merge([build_segment(entries, {"a": 0, "b": 1}, vocab)], vocab)
        positions = np.arange(len(corpus.chars) - 1, dtype=np.int32)
        assert len(positions) > 2048  # the neighbour's path is taken
        got = corpus.is_field_start(positions)
        assert got.tolist() == np.isin(positions, corpus.field_starts).tolist()
        assert corpus.zeros_end_fields is (not inner_zero)
