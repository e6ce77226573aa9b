"""Repeat buyers from the shop's order reports (订单报表, CSV or XLSX).

Rules, the same every time: a paid order has a payment time, or a status other than
closed / cancelled / awaiting payment; each order number counts once, so importing a
report twice changes nothing; a buyer with a newly counted paid order and two or more in
all is tagged 回头客; one in no group, or in group 3 or 4 (any subgroup), moves to group 8
(成交买家) without a subgroup — groups 1, 2, 5, 6, 7, 9 and 10 are never changed
automatically. Orders already counted change nothing the agent set since.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.core.buyers.book import BuyerBook
from assistant.core.buyers.model import REPEAT_TAG, buyer_key, clean_platform
from assistant.core.buyers.order_report import (
    ImportReport,
    OrderRow,
    parse_mapping,
    read_orders,
)
from assistant.core.buyers.shape import copy_doc, new_buyer_doc, refresh_pinyin
from assistant.core.clock import now_iso, parse_iso

__all__ = ["ImportReport", "import_orders", "parse_mapping"]

PAID_GROUP = 8  # 成交买家
MOVABLE_GROUPS = (None, 3, 4)  # no group, 需订购, 有合作意向: a paid order moves them
_PLAIN_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-]\d\d:\d\d|Z)?")


def import_orders(
    book: BuyerBook,
    path: Path,
    *,
    platform: str | None = None,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    plat = clean_platform(platform)
    report = ImportReport(dry_run=dry_run)
    orders = read_orders(Path(path), mapping or {}, report)
    with contextlib.suppress(_DryRun):  # a dry run rolls the transaction back
        _apply(book, orders, plat, report, dry_run, progress)
    return report


def _apply(
    book: BuyerBook,
    orders: list[OrderRow],
    plat: str,
    report: ImportReport,
    dry_run: bool,
    progress: Callable[[int, int], None] | None,
) -> None:
    with book.batch() as docs:
        known: dict[str, str] = {}
        for key, doc in docs.items():
            for order_no in doc.get("orders", {}):
                known[order_no] = key
        touched: dict[str, dict[str, Any]] = {}
        gained: set[str] = set()  # buyers with a newly counted paid order
        created: set[str] = set()
        stamp = now_iso()
        for done, order in enumerate(orders, start=1):
            if progress and done % 2000 == 0:
                progress(done, len(orders))
            key = buyer_key(plat, order.account)
            if key not in touched:
                current = docs.get(key)
                if current is None:
                    created.add(key)
                touched[key] = (
                    copy_doc(current) if current else new_buyer_doc(order.account, plat, stamp)
                )
            doc = touched[key]
            if not order.paid:
                report.unpaid += 1
                continue
            if order.order_no in known:
                report.duplicates += 1
                continue
            known[order.order_no] = key
            doc["orders"][order.order_no] = {"amount": order.amount, "at": order.at}
            report.orders_counted += 1
            gained.add(key)
        if progress:
            progress(len(orders), len(orders))
        changed: dict[str, dict[str, Any]] = {}
        for key, doc in touched.items():
            before = docs.get(key)
            _apply_rules(doc, report, ordered_again=key in gained)
            if before is not None and _facts(before) == _facts(doc):
                continue
            if key in created:
                report.buyers_created += 1
            else:
                report.buyers_updated += 1
            doc["updated_at"] = stamp
            refresh_pinyin(doc, before)
            changed[key] = doc
        if dry_run:
            raise _DryRun(report)
        docs.put_many(changed)


class _DryRun(Exception):
    """Leaves the transaction without committing (rollback) while keeping the report."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report


def _facts(doc: dict[str, Any]) -> tuple[Any, ...]:
    orders, tags = len(doc.get("orders", {})), tuple(doc.get("tags", []))
    return (orders, tags, doc.get("group"), doc.get("archived"))


def _in_time_order(moments: list[str]) -> list[str]:
    """ISO times, earliest first. Written by one report they share a form and an offset
    ("2026-12-01T10:02:33+08:00"), and then sort as text; otherwise parsed."""
    if len({m[19:] for m in moments}) <= 1 and all(map(_PLAIN_TIME.fullmatch, moments)):
        return sorted(moments)
    return sorted(moments, key=lambda at: parse_iso(at) or datetime.min.replace(tzinfo=UTC))


def _apply_rules(doc: dict[str, Any], report: ImportReport, ordered_again: bool) -> None:
    orders = doc.get("orders", {})
    moments = _in_time_order([o["at"] for o in orders.values() if o.get("at")])
    doc["order_count"] = len(orders)
    doc["total_spent"] = round(sum(float(o.get("amount", 0)) for o in orders.values()), 2)
    doc["first_order_at"] = moments[0] if moments else None
    doc["last_order_at"] = moments[-1] if moments else None
    if not ordered_again:
        # Only a newly counted order is news: a report imported again leaves the group and
        # tags the agent has set since (moved back to 3, 回头客 taken off) as they are.
        return
    if len(orders) >= 2 and REPEAT_TAG not in doc["tags"]:
        doc["tags"] = [*doc["tags"], REPEAT_TAG]
        report.tagged += 1
    if doc.get("archived"):
        doc["archived"] = False  # an archived buyer who orders again is active again
    if doc.get("group") in MOVABLE_GROUPS:
        doc["group"], doc["subgroup"] = PAID_GROUP, None  # a subgroup belongs to its group
        report.moved += 1
