"""Each order-import rule on a buyer who has everything: a subgroup, tags, attributes, notes,
a promise, a remark, earlier orders. Every rule changes what it says and nothing else.

The stored documents are read straight from the buyer files (``tests.helpers.stored_docs``)
and compared field by field: a rule that also dropped a tag, kept a subgroup of the group
the buyer left, or rewrote a note fails here.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from assistant.core import clock
from assistant.core.buyers import cleanup
from assistant.core.buyers.book import BuyerBook
from assistant.core.buyers.groups import parse_subgroup
from assistant.core.buyers.orders import PAID_GROUP, import_orders
from assistant.core.workspace import Workspace
from tests.core.buyers.test_orders import order, write_csv
from tests.helpers import stored_docs

ACCOUNT = "张小花"
KEY = f"taobao:{ACCOUNT}"
TAGS = ["价格敏感", "送礼"]
ATTRIBUTES = {"身高": "165", "常穿": "38码"}
# What a rule may change besides the fields it is about: the order facts.
ORDER_FACTS = {"orders", "order_count", "total_spent", "first_order_at", "last_order_at"}


@pytest.fixture
def book(empty_ws: Workspace) -> BuyerBook:
    scheme = empty_ws.buyers.scheme
    for number, letter, name in [(3, "A", "意向大"), (4, "B", "在比价"), (8, "A", "老客")]:
        scheme.add_subgroup(number, letter, name)
    return empty_ws.buyers


def full_buyer(book: BuyerBook, group: int | None, subgroup: str | None) -> dict[str, Any]:
    """A buyer with every kind of field set; returns the stored document."""
    book.add(
        ACCOUNT,
        remark="张姐",
        group=None if subgroup else group,
        subgroup=subgroup,
        tags=TAGS,
        notes="只要顺丰",
        attributes=ATTRIBUTES,
    )
    book.promise(ACCOUNT, "到货后补发赠品", due="2026-12-01")
    return stored(book)


def stored(book: BuyerBook) -> dict[str, Any]:
    return stored_docs(book.folder.path, "buyers")[KEY]


def changed(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    """The fields that differ (the stamp aside: it has whole seconds, a test may not)."""
    assert after.get("updated_at", "") >= before.get("updated_at", "")
    keys = (before.keys() | after.keys()) - {"updated_at"}
    return {k for k in keys if before.get(k) != after.get(k)}


def run(book: BuyerBook, tmp_path: Path, rows: list[list[str]], name: str = "o.csv") -> Any:
    return import_orders(book, write_csv(tmp_path / name, rows))


def subgroup_fits(doc: dict[str, Any]) -> bool:
    sub = doc.get("subgroup")
    return sub is None or parse_subgroup(sub)[0] == doc.get("group")


# -- moving to group 8 -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("group", "subgroup", "after"),
    [
        (None, None, (PAID_GROUP, None)),
        (3, None, (PAID_GROUP, None)),
        (3, "3A", (PAID_GROUP, None)),  # the audit's case: never "8 as 3A"
        (4, "4B", (PAID_GROUP, None)),
        (1, "1A", (1, "1A")),
        (2, "2C", (2, "2C")),
        (8, "8A", (8, "8A")),  # a subgroup of 8 itself stays
        (5, None, (5, None)),
        (10, None, (10, None)),
    ],
)
def test_a_first_paid_order_moves_only_the_group_and_keeps_everything_else(
    book: BuyerBook,
    tmp_path: Path,
    group: int | None,
    subgroup: str | None,
    after: tuple[int, str | None],
) -> None:
    before = full_buyer(book, group, subgroup)
    report = run(book, tmp_path, [order("T1", ACCOUNT, "88.50", created="2026-03-01 10:00:00")])
    now = stored(book)
    assert (now["group"], now["subgroup"]) == after
    assert subgroup_fits(now)
    moved = after != (group, subgroup)
    assert report.moved == int(moved) and report.tagged == 0
    assert changed(before, now) == ORDER_FACTS | (
        {"group", "subgroup"} if moved and subgroup else {"group"} if moved else set()
    )
    assert (now["tags"], now["attributes"], now["notes"]) == (TAGS, ATTRIBUTES, "只要顺丰")
    assert (now["remark"], now["promises"]) == ("张姐", before["promises"])
    assert (now["order_count"], now["total_spent"]) == (1, 88.5)


def test_an_unpaid_order_changes_nothing_of_a_buyer_in_a_subgroup(
    book: BuyerBook, tmp_path: Path
) -> None:
    before = full_buyer(book, 3, "3A")
    report = run(book, tmp_path, [order("T1", ACCOUNT, status="等待买家付款")])
    assert (report.moved, report.buyers_updated) == (0, 0)
    assert stored(book) == before  # not even the stamp


# -- the repeat-buyer tag ----------------------------------------------------------------------
def test_the_second_paid_order_adds_only_the_repeat_tag_after_the_others(
    book: BuyerBook, tmp_path: Path
) -> None:
    full_buyer(book, 1, "1A")
    run(book, tmp_path, [order("T1", ACCOUNT, "10", created="2026-03-01 10:00:00")], "1.csv")
    before = stored(book)
    report = run(book, tmp_path, [order("T2", ACCOUNT, "20", created="2026-04-01 10:00:00")])
    now = stored(book)
    assert report.tagged == 1 and report.moved == 0
    assert now["tags"] == [*TAGS, "回头客"]
    facts = {"orders", "order_count", "total_spent", "last_order_at"}
    assert changed(before, now) == facts | {"tags", "_py"}  # _py: tags are searched
    assert (now["group"], now["subgroup"]) == (1, "1A")


def test_a_repeat_buyer_ordering_again_is_not_tagged_twice(book: BuyerBook, tmp_path: Path) -> None:
    full_buyer(book, 8, "8A")
    run(book, tmp_path, [order("T1", ACCOUNT), order("T2", ACCOUNT)], "a.csv")
    before = stored(book)
    report = run(book, tmp_path, [order("T3", ACCOUNT, "5")], "b.csv")
    now = stored(book)
    assert report.tagged == 0
    assert now["tags"] == [*TAGS, "回头客"]
    assert changed(before, now) == {"orders", "order_count", "total_spent"}


# -- an archived buyer ordering again ------------------------------------------------------------
def archive(book: BuyerBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Archive every buyer as a clean-up a thousand days from now would."""
    later = clock.now() + timedelta(days=1000)
    with monkeypatch.context() as patch:
        patch.setattr(cleanup, "now", lambda: later)
        assert book.prune(365)


def test_an_archived_buyer_in_a_subgroup_who_orders_again_is_active_in_group_8(
    book: BuyerBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_buyer(book, 4, "4B")
    archive(book, monkeypatch)
    before = stored(book)
    assert before["archived"] is True
    report = run(book, tmp_path, [order("T1", ACCOUNT)])
    now = stored(book)
    assert now["archived"] is False
    assert (now["group"], now["subgroup"]) == (PAID_GROUP, None)
    assert report.moved == 1
    assert changed(before, now) == ORDER_FACTS | {"archived", "group", "subgroup"}


def test_an_archived_buyer_seen_again_in_the_same_report_stays_archived(
    book: BuyerBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_buyer(book, 3, "3A")
    run(book, tmp_path, [order("T1", ACCOUNT)])
    archive(book, monkeypatch)
    before = stored(book)
    report = run(book, tmp_path, [order("T1", ACCOUNT)])  # counted already: no new order
    assert report.duplicates == 1 and report.buyers_updated == 0
    assert stored(book) == before


# -- totals --------------------------------------------------------------------------------------
def test_totals_add_up_across_reports_and_nothing_else_moves(
    book: BuyerBook, tmp_path: Path
) -> None:
    full_buyer(book, 2, "2B")
    rows = [order("T1", ACCOUNT, "19.90", created="2026-02-01 09:00:00")]
    run(book, tmp_path, rows, "feb.csv")
    rows = [
        order("T2", ACCOUNT, "100.05", created="2026-01-15 08:00:00"),
        order("T1", ACCOUNT, "19.90", created="2026-02-01 09:00:00"),  # again: once
        order("T3", ACCOUNT, "0.05", status="交易关闭"),  # closed: not counted
    ]
    before = stored(book)
    run(book, tmp_path, rows, "jan.csv")
    now = stored(book)
    assert (now["order_count"], now["total_spent"]) == (2, 119.95)
    assert now["first_order_at"].startswith("2026-01-15")
    assert now["last_order_at"].startswith("2026-02-01")
    assert sorted(now["orders"]) == ["T1", "T2"]
    facts = {"orders", "order_count", "total_spent", "first_order_at"}
    assert changed(before, now) == facts | {"tags", "_py"}
    assert now["tags"] == [*TAGS, "回头客"] and (now["group"], now["subgroup"]) == (2, "2B")


def test_a_dry_run_changes_no_field_of_any_buyer(book: BuyerBook, tmp_path: Path) -> None:
    before = full_buyer(book, 3, "3A")
    rows = [order("T1", ACCOUNT), order("T2", ACCOUNT), order("T3", "新买家")]
    report = import_orders(book, write_csv(tmp_path / "o.csv", rows), dry_run=True)
    assert (report.moved, report.tagged, report.buyers_created) == (2, 1, 1)  # 新买家 moves too
    assert stored_docs(book.folder.path, "buyers") == {KEY: before}


# -- a report imported again after the agent changed the buyer -------------------------------
def test_a_report_imported_again_keeps_the_group_and_tags_the_agent_chose_since(
    book: BuyerBook, tmp_path: Path
) -> None:
    """The rules act on the orders a report adds: importing the same report again (or a
    later one with only unpaid or known orders) changes nothing the agent set by hand."""
    full_buyer(book, 3, "3A")
    rows = [order("T1", ACCOUNT), order("T2", ACCOUNT)]
    run(book, tmp_path, rows)
    assert (stored(book)["group"], stored(book)["tags"]) == (8, [*TAGS, "回头客"])
    book.edit(ACCOUNT, subgroup="3A")  # the agent: still only interested, not a customer
    book.untag(ACCOUNT, ["回头客"])  # and not a repeat buyer in their view
    before = stored(book)
    report = run(book, tmp_path, [*rows, order("T9", ACCOUNT, status="等待买家付款")], "b.csv")
    assert (report.duplicates, report.moved, report.tagged, report.buyers_updated) == (2, 0, 0, 0)
    assert stored(book) == before
    # A new paid order is news: the rules apply again.
    report = run(book, tmp_path, [order("T3", ACCOUNT)], "c.csv")
    now = stored(book)
    assert (report.moved, report.tagged) == (1, 1)
    assert (now["group"], now["subgroup"], now["tags"]) == (8, None, [*TAGS, "回头客"])
