"""The day's promises: open ones due today or overdue, the longest overdue first; how late."""

from __future__ import annotations

from datetime import date

from assistant.core.buyers.model import Promise
from assistant.core.buyers.promises import overdue_days
from assistant.core.workspace import Workspace

TODAY = date(2025, 3, 10)


def test_due_promises_are_the_open_ones_due_by_today_oldest_first(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    for account in ("a", "b", "c", "gone"):
        book.add(account)
    book.promise("a", "today", due="2025-03-10")
    book.promise("a", "next week", due="2025-03-17")
    book.promise("b", "late", due="2025-03-01")
    book.promise("b", "undated")
    book.promise("c", "done late", due="2025-02-01")
    book.done("c", 1)
    book.promise("gone", "archived", due="2025-01-01")
    with book.folder.buyers.transaction():
        doc = dict(book.folder.buyers.get("taobao:gone") or {})
        book.folder.buyers.put("taobao:gone", {**doc, "archived": True})
    due = book.due_promises(TODAY)
    assert [(o.buyer.account, o.number, o.promise.text) for o in due] == [
        ("b", 1, "late"),
        ("a", 1, "today"),
    ]
    later = book.due_promises(date(2025, 3, 17))
    assert [o.promise.text for o in later] == ["late", "today", "next week"]


def test_overdue_days() -> None:
    def late(due: str | None) -> int:
        return overdue_days(Promise("x", "2025-01-01", due), TODAY)

    assert (late("2025-03-10"), late("2025-03-07"), late("2025-03-12")) == (0, 3, -2)
    assert late("2025-02-28") == 10  # across a month end
    assert late(None) == late("soon") == 0  # no date, or not a date (a hand-edited file)
