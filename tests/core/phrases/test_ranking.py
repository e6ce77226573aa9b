"""Ranking: exact code, then code prefix, then title before text; favourites and use rise."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from assistant.core.clock import now
from assistant.core.workspace import Workspace, open_workspace


def ids(ws: Workspace, query: str) -> list[str]:
    return [p.id for p in ws.phrases.search(query)]


def test_exact_code_then_code_prefix_then_title_then_text(empty_ws: Workspace) -> None:
    add = empty_ws.phrases.add
    # Added in the reverse of the expected order, so insertion order cannot explain the result.
    text_only = add("亲，退货时请把吊牌一起寄回", title="寄回须知").id
    in_group = add("亲，寄回时请写上单号", title="寄回单号", group="退换货").id
    in_title = add("亲，请在订单里申请", title="退货申请").id
    prefix = add("亲，我们会尽快处理", title="处理中", code="th2").id
    exact = add("亲，已为您登记", title="登记", code="TH").id
    assert ids(empty_ws, "th") == [exact, prefix, in_title, in_group, text_only]
    assert ids(empty_ws, "ｔｈ")[0] == exact  # the code compares width- and case-blind
    assert ids(empty_ws, "th2")[0] == prefix
    assert ids(empty_ws, "退货") == [in_title, text_only]


def test_a_favourite_rises_among_equals(empty_ws: Workspace) -> None:
    add = empty_ws.phrases.add
    first = add("亲，包邮的哦", title="包邮说明一").id
    second = add("亲，满两件包邮", title="包邮说明二").id
    third = add("亲，偏远地区不包邮", title="包邮说明三").id
    before = ids(empty_ws, "baoyou")
    assert sorted(before) == sorted([first, second, third])
    favourite = before[-1]
    empty_ws.phrases.edit(favourite, favourite=True)
    after = ids(empty_ws, "baoyou")
    assert after[0] == favourite
    assert after[1:] == [i for i in before if i != favourite]  # the others keep their order
    # A favourite does not jump a better tier: a title match beats a favourite text match.
    text_fav = add("亲，这款包邮", title="说明", favourite=True).id
    assert ids(empty_ws, "baoyou")[-1] == text_fav


def test_a_used_phrase_rises_among_equals_and_more_use_ranks_higher(empty_ws: Workspace) -> None:
    add = empty_ws.phrases.add
    a = add("亲，尺码标准", title="尺码一").id
    b = add("亲，尺码偏大", title="尺码二").id
    c = add("亲，尺码偏小", title="尺码三").id
    before = ids(empty_ws, "chima")
    once, thrice = before[-1], before[-2]
    empty_ws.phrases.record_use(once)
    for _ in range(3):
        empty_ws.phrases.record_use(thrice)
    assert ids(empty_ws, "chima") == [thrice, once, before[0]]
    assert {a, b, c} == set(before)
    # A favourite still comes before a phrase that was only used.
    empty_ws.phrases.edit(before[0], favourite=True)
    assert ids(empty_ws, "chima") == [before[0], thrice, once]


def test_recent_use_counts_more_than_old_use(empty_ws: Workspace) -> None:
    add = empty_ws.phrases.add
    old = add("亲，物流已发出", title="物流一").id
    recent = add("亲，物流在路上", title="物流二").id
    usage = empty_ws.folder.usage
    long_ago = (now() - timedelta(days=90)).isoformat()
    with usage.transaction():
        usage.put(old, {"count": 5, "last_used_at": long_ago})
        usage.put(recent, {"count": 1, "last_used_at": now().isoformat()})
    assert ids(empty_ws, "wuliu") == [recent, old]
    assert empty_ws.phrases.get(old).use_count == 5


def test_order_among_equals_is_stable(empty_ws: Workspace) -> None:
    add = empty_ws.phrases.add
    for n in range(12):
        add(f"亲，第{n}条催付提醒", title=f"催付{n}")
    first = ids(empty_ws, "cuifu")
    assert len(first) == 12
    assert ids(empty_ws, "cuifu") == first
    assert ids(empty_ws, "cf") == first
    # Unrelated changes and another process's view keep the order.
    add("亲，物流查询", title="物流")
    again = open_workspace(empty_ws.path, builtins=False)
    assert ids(again, "cuifu") == first


def test_limit_keeps_the_best(empty_ws: Workspace) -> None:
    add = empty_ws.phrases.add
    for n in range(5):
        add(f"亲，优惠{n}", title=f"优惠{n}")
    best = add("亲，领券更优惠", title="领券", code="yh").id
    top = empty_ws.phrases.search("yh", limit=2)
    assert len(top) == 2
    assert top[0].id == best


def test_the_default_list_shows_each_phrase_once_after_uses_and_edits(ws: Workspace) -> None:
    # Issue 14, item 6: a used or edited phrase kept its old index entry next to its new one,
    # and the list shown before anything is typed held it twice (154 rows for 123 phrases).
    shown = ws.phrases.suggested(500)
    for phrase in shown[:5]:
        ws.phrases.record_use(phrase.id)
    ws.phrases.edit(shown[6].id, title="改过的标题")
    added = ws.phrases.add("新加的一条短语")
    removed = shown[7].id
    ws.phrases.remove(removed)

    after = [p.id for p in ws.phrases.suggested(500)]

    assert len(after) == len(set(after))
    expected = {p.id for p in shown} - {removed} | {added.id}
    assert set(after) == expected
    assert set(after[:5]) == {p.id for p in shown[:5]}  # the used ones lead


def test_auto_reply_phrases_do_not_lead_the_default_list(ws: Workspace) -> None:
    # Issue 14, item 4: the first eight rows an agent saw were 自动回复 texts, which belong in
    # the platform's auto-reply settings and are rarely pasted.
    shown = ws.phrases.suggested(500)
    groups = [p.group for p in shown]
    assert "自动回复" in groups
    first_auto = groups.index("自动回复")
    assert all(g == "自动回复" for g in groups[first_auto:])
    assert groups[0] != "自动回复"

    auto = next(p for p in shown if p.group == "自动回复")
    ws.phrases.record_use(auto.id)  # used: it rises like any other
    assert ws.phrases.suggested(1)[0].id == auto.id


def test_uses_recorded_here_rank_as_a_fresh_reading_of_every_use_does(
    seeded_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy records a use; the next search ranks it in without reading and decaying every
    use again (~55 ms at 7,000 used phrases): the same order as a process that reads them
    all. A use recorded by another process, or a ranking an hour old, reads them all."""
    from assistant.core.phrases import usage

    ws = open_workspace(seeded_dir, builtins=False)
    first = ws.phrases.search("亲", limit=60)
    read_all = []
    real_all = usage.UsageStore.all

    def counted(self: usage.UsageStore) -> Any:
        read_all.append(1)
        return real_all(self)

    monkeypatch.setattr(usage.UsageStore, "all", counted)
    for n, phrase in enumerate([first[-1], first[-2], first[-1], first[10], first[-3]]):
        ws.phrases.record_use(phrase.id)
        if n == 2:
            ws.phrases.usage.forget(first[-2].id)
        reads = len(read_all)
        here = [p.id for p in ws.phrases.search("亲", limit=60)]
        assert len(read_all) == reads  # only the phrases just used were read
        fresh = [
            p.id for p in open_workspace(seeded_dir, builtins=False).phrases.search("亲", limit=60)
        ]
        assert here == fresh
        assert [p.id for p in ws.phrases.suggested(30)] == [
            p.id for p in open_workspace(seeded_dir, builtins=False).phrases.suggested(30)
        ]
    assert here[0] == first[-1].id  # used twice: first
    before = len(read_all)
    ws.phrases.search("亲", limit=60)
    assert len(read_all) == before  # nothing changed: not even the incremental path

    other = open_workspace(seeded_dir, builtins=False)
    other.phrases.record_use(first[20].id)
    here = [p.id for p in ws.phrases.search("亲", limit=60)]
    assert len(read_all) == before  # another process's use: its key from the change log
    fresh = [
        p.id for p in open_workspace(seeded_dir, builtins=False).phrases.search("亲", limit=60)
    ]
    assert here == fresh
    before = len(read_all)  # the fresh reading read them all too
    other.phrases.record_use(first[21].id)
    (seeded_dir / "usage" / ".recent-changes").unlink()  # a use the log does not tell
    ws.phrases.search("亲", limit=60)
    assert len(read_all) == before + 1  # every use read
