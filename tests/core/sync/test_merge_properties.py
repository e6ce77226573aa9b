"""merge3 never loses a phrase: property-based, over random base / mine / theirs packs."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.core.phrases.shape import PhraseFields
from assistant.core.sync.merge import merge3
from assistant.core.sync.versions import Content

IDS = ["p1", "p2", "p3", "p4", "p5", "p6"]
TEXTS = ["亲，包邮哦", "亲，拍两件包邮", "亲，今天发货", "亲，正品保障", "亲，七天无理由"]

fields = st.builds(
    PhraseFields,
    title=st.sampled_from(["包邮", "发货", "正品"]),
    text=st.sampled_from(TEXTS),
    group=st.sampled_from(["常用", "售后"]),
    code=st.sampled_from([None, "by1", "fh1"]),
    tags=st.lists(st.sampled_from(["催付", "议价"]), max_size=2, unique=True),
)
contents = st.dictionaries(st.sampled_from(IDS), fields, max_size=len(IDS))


@st.composite
def three_way(draw: st.DrawFn) -> tuple[Content, Content, Content]:
    """A base and two edits of it: each side keeps, changes, deletes or adds phrases."""
    base = draw(contents)

    def side() -> Content:
        out: Content = {}
        for pid in IDS:
            action = draw(st.sampled_from(["keep", "change", "delete"]))
            if action == "keep" and pid in base:
                out[pid] = base[pid]
            elif action == "change":  # of a phrase in base, or a new one
                out[pid] = draw(fields)
        return out

    return base, side(), side()


def _changed(side: Content, base: Content, pid: str) -> bool:
    return pid in side and side[pid] != base.get(pid)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(three_way())
def test_merge3_never_loses_a_phrase(case: tuple[Content, Content, Content]) -> None:
    base, mine, theirs = case
    merged, alternatives = merge3(base, mine, theirs)

    for pid in set(base) | set(mine) | set(theirs):
        m, t = mine.get(pid), theirs.get(pid)
        if _changed(mine, base, pid) or _changed(theirs, base, pid):
            assert pid in merged, (pid, base.get(pid), m, t)
        if _changed(mine, base, pid) and _changed(theirs, base, pid) and m != t:
            assert merged[pid] in (m, t)
            other = t if merged[pid] == m else m
            assert other in alternatives[pid]
        if pid in merged:
            assert merged[pid] in (m, t)  # never an invented or stale text
        if m == t:
            assert merged.get(pid) == m  # both sides agree: that is the result
    assert set(alternatives) <= set(merged)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(three_way())
def test_merge3_takes_one_sided_changes_and_deletions(
    case: tuple[Content, Content, Content],
) -> None:
    base, mine, theirs = case
    merged, alternatives = merge3(base, mine, theirs)

    for pid in set(base) | set(mine) | set(theirs):
        b, m, t = base.get(pid), mine.get(pid), theirs.get(pid)
        if m == b and t != b:
            assert merged.get(pid) == t  # theirs alone changed (or deleted) it
            assert pid not in alternatives
        if t == b and m != b:
            assert merged.get(pid) == m
            assert pid not in alternatives


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(three_way())
def test_merge3_keeps_the_same_phrases_whichever_side_is_mine(
    case: tuple[Content, Content, Content],
) -> None:
    base, mine, theirs = case
    one, alts_one = merge3(base, mine, theirs)
    two, alts_two = merge3(base, theirs, mine)

    assert set(one) == set(two)
    assert set(alts_one) == set(alts_two)
    for pid in alts_one:  # the same texts kept, only which one is shown first differs
        assert sorted(map(repr, [one[pid], *alts_one[pid]])) == sorted(
            map(repr, [two[pid], *alts_two[pid]])
        )
