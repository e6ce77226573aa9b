"""Which buyer a copied text names (issue 14, item 3): the panel re-derives the buyer from the
clipboard at every opening, so this decides whose name `{昵称}` becomes."""

from __future__ import annotations

import pytest

from assistant.core.buyers.book import BuyerBook
from assistant.core.buyers.model import looks_like_account
from assistant.core.workspace import Workspace


@pytest.fixture
def book(empty_ws: Workspace) -> BuyerBook:
    empty_ws.buyers.add("tb_xiaohua88", remark="小花")
    empty_ws.buyers.add("张小明的店", remark="明哥")
    return empty_ws.buyers


@pytest.mark.parametrize(
    ("copied", "account"),
    [
        ("tb_xiaohua88", "tb_xiaohua88"),
        ("  tb_xiaohua88\n", "tb_xiaohua88"),
        ("买家：tb_xiaohua88 10:02:33", "tb_xiaohua88"),
        ("tb_xiaohua88（已付款）", "tb_xiaohua88"),
        ("【张小明的店】 2026-12-01 09:00\n你好，在吗", "张小明的店"),
        ("订单 3901234567890\n收货人 tb_xiaohua88", "tb_xiaohua88"),
    ],
)
def test_an_account_is_found_alone_or_inside_copied_text(
    book: BuyerBook, copied: str, account: str
) -> None:
    found = book.find_in_text(copied)
    assert found is not None and found.account == account


@pytest.mark.parametrize(
    "copied",
    ["", "   ", "你好，在吗", "tb_xiaohua8", "tb_xiaohua888", "xiaohua88", "亲，您的包裹已发出"],
)
def test_text_naming_no_known_buyer_finds_none(book: BuyerBook, copied: str) -> None:
    assert book.find_in_text(copied) is None


def test_a_huge_clipboard_is_looked_at_only_in_its_first_part(book: BuyerBook) -> None:
    assert book.find_in_text("字" * 5_000_000 + " tb_xiaohua88") is None
    found = book.find_in_text("tb_xiaohua88 " + "字" * 5_000_000)
    assert found is not None and found.account == "tb_xiaohua88"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tb_new_buyer", True),
        ("新买家小王", True),
        ("3901234567890123", False),  # an order number
        ("13800138000", False),  # a phone number
        ("你好，在吗？", False),
        ("亲 请问", False),
        ("a" * 41, False),
        ("", False),
    ],
)
def test_what_looks_like_an_unknown_account(text: str, expected: bool) -> None:
    assert looks_like_account(text) is expected


def test_a_buyer_added_in_another_process_is_found_next_time(
    book: BuyerBook, empty_ws: Workspace
) -> None:
    from assistant.core.workspace import open_workspace

    assert book.find_in_text("你好 tb_later01 在吗") is None
    open_workspace(empty_ws.path, builtins=False).buyers.add("tb_later01", remark="晚到")
    found = book.find_in_text("你好 tb_later01 在吗")
    assert found is not None and found.remark == "晚到"


def test_an_account_on_two_platforms_picks_neither(empty_ws: Workspace) -> None:
    empty_ws.buyers.add("xiaohua", platform="淘宝")
    empty_ws.buyers.add("xiaohua", platform="京东")
    assert empty_ws.buyers.find_in_text("xiaohua") is None  # the agent picks in the buyer bar
