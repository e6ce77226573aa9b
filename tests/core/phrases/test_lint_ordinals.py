"""第一 as an ordinal is not the superlative 第一 (issue 14, item 15): "第一条：…" in a list of
steps was flagged as a word the advertising law forbids; "销量第一" still is."""

from __future__ import annotations

import pytest

from assistant.core.phrases.lint import Linter
from assistant.core.phrases.lint_words import load_rule_words


def absolute(text: str) -> list[str]:
    found = Linter(load_rule_words(), "taobao").check(text)
    return [text[f.start : f.end] for f in found if f.rule == "absolute"]


@pytest.mark.parametrize(
    "text",
    [
        "第一条：请先确认收货地址，第二条：核对尺码",
        "亲，第一点是面料，第二点是做工",
        "亲，第一步申请退款，第一项填写原因",
        "亲，第一种方法是联系快递，第一遍没打通可以再打",
        "亲，买两件的话第一件原价，第二件半价",
        "亲，请看详情页第一张图",
    ],
)
def test_an_ordinal_is_not_flagged(text: str) -> None:
    assert absolute(text) == []


@pytest.mark.parametrize(
    "text", ["亲，这款是店里销量第一的爆款", "亲，全网第一品牌", "亲，我们是第一名哦"]
)
def test_the_superlative_still_is(text: str) -> None:
    assert "第一" in absolute(text)
