"""The compact remark for a chat client's remark field: useful parts first, never too long."""

from __future__ import annotations

import pytest

from assistant.core.buyers.model import Buyer
from assistant.core.buyers.remark import compose_remark
from assistant.core.errors import InvalidInput
from assistant.core.workspace import Workspace

FULL = "8A 张姐 38码 价格敏感 回头客"


@pytest.fixture
def zhang(empty_ws: Workspace) -> Buyer:
    empty_ws.buyers.scheme.add_subgroup(8, "A", "老客")
    return empty_ws.buyers.add(
        "zhang_3",
        remark="张姐",
        subgroup="8A",
        tags=["回头客", "价格敏感"],
        attributes={"尺码": "38"},
    )


def test_the_example_of_the_issue(zhang: Buyer) -> None:
    assert compose_remark(zhang, 20) == FULL
    assert compose_remark(zhang) == FULL  # default --max is 20


@pytest.mark.parametrize("max_len", range(1, 31))
def test_never_longer_than_max_and_useful_parts_first(zhang: Buyer, max_len: int) -> None:
    text = compose_remark(zhang, max_len)
    assert 1 <= len(text) <= max_len
    parts = FULL.split()
    kept = text.split()
    # the parts kept appear in the order of usefulness...
    positions = [parts.index(p) for p in kept if p in parts]
    assert positions == sorted(positions)
    # ...and every leading part that fits is kept
    prefix = ""
    for part in parts:
        longer = f"{prefix} {part}" if prefix else part
        if len(longer) > max_len:
            break
        prefix = longer
    assert text.startswith(prefix)
    if max_len >= len(FULL):
        assert text == FULL


def test_a_short_limit_keeps_group_and_name(zhang: Buyer) -> None:
    assert compose_remark(zhang, 2) == "8A"
    assert compose_remark(zhang, 5) == "8A 张姐"
    assert compose_remark(zhang, 9) == "8A 张姐 38码"
    assert compose_remark(zhang, 1) == "8"  # even the first part cut to fit


def test_telling_tags_come_before_repeat_buyer_and_free_tags(empty_ws: Workspace) -> None:
    buyer = empty_ws.buyers.add("a", group=9, tags=["老乡", "回头客", "自用", "多疑型"])
    assert compose_remark(buyer, 40) == "9 多疑型 自用 回头客 老乡"


def test_a_buyer_with_nothing_but_an_account_gets_an_empty_remark(empty_ws: Workspace) -> None:
    assert compose_remark(empty_ws.buyers.add("bare"), 20) == ""


def test_a_non_numeric_size_is_kept_as_is(empty_ws: Workspace) -> None:
    buyer = empty_ws.buyers.add("a", remark="小李", attributes={"尺码": "XL", "颜色": "红"})
    assert compose_remark(buyer, 20) == "小李 XL 红"


def test_max_below_one_is_refused(zhang: Buyer) -> None:
    with pytest.raises(InvalidInput):
        compose_remark(zhang, 0)
