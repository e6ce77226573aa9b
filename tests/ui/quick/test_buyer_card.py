"""The buyer card in the quick panel: the group line reads as the app shows groups."""

from __future__ import annotations

from assistant.core.workspace import Workspace
from assistant.ui.quick.buyer_card import card_text


def test_the_card_names_the_group_and_the_subgroup(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    book.add("a", group=10)
    book.add("b", subgroup="1A")
    book.add("c")
    lines = {acc: card_text(book.get(acc), book.scheme).splitlines()[1] for acc in "abc"}
    assert lines == {
        "a": "淘宝  10 交易纠纷",
        "b": "淘宝  1 好友 / 1A 聊友",
        "c": "淘宝  未分组",
    }
