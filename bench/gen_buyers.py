"""Deterministic buyers (the document shape of ``BuyerBook.add`` plus counted orders) and
the Taobao order report (订单报表) imported by the import figure."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench import vocab
from bench.gen_phrases import stamp

Doc = dict[str, Any]
PLATFORMS = (("taobao", 70), ("tmall", 15), ("jd", 8), ("pdd", 7))
ORDER_COLUMNS = (
    "订单编号",
    "买家会员名",
    "买家实际支付金额",
    "订单状态",
    "订单创建时间",
    "订单付款时间",
)
REPEAT_TAG = "回头客"


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


class Accounts:
    """Unique 旺旺-style account names: Chinese nicknames and latin ids (tb_…, lucy_1988)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def _candidate(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.35:
            return f"tb_{rng.randint(10**7, 10**10 - 1)}"
        if roll < 0.5:
            sep = rng.choice(("_", ".", ""))
            return f"{rng.choice(vocab.LATIN_NAMES)}{sep}{rng.randint(1970, 2024)}"
        name = rng.choice(vocab.NAME_HEADS) + rng.choice(vocab.NAME_BODIES)
        if rng.random() < 0.3:
            name += rng.choice(vocab.NAME_BODIES)[-1]  # 小花花
        return name + (str(rng.randint(1, 2024)) if rng.random() < 0.85 else "")

    def make(self) -> str:
        while True:
            name = self._candidate()
            if name not in self.taken:
                self.taken.add(name)
                return name


class OrderNumbers:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def make(self) -> str:
        while True:
            number = str(self.rng.randint(10**17, 10**19 - 1))
            if number not in self.taken:
                self.taken.add(number)
                return number


def _orders(rng: random.Random, numbers: OrderNumbers) -> dict[str, Doc]:
    count = min(rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 0, 1)), 6)  # mean ≈ 2
    return {
        numbers.make(): {"amount": round(rng.uniform(9.9, 599), 2), "at": stamp(rng, 720)}
        for _ in range(count)
    }


def buyer_doc(rng: random.Random, account: str, numbers: OrderNumbers) -> Doc:
    from assistant.core.buyers.model import READY_TAGS

    orders = _orders(rng, numbers)
    moments = sorted(o["at"] for o in orders.values())
    tags = rng.sample([t for t in READY_TAGS if t != REPEAT_TAG], rng.choice((0, 1, 1, 2, 3)))
    if len(orders) >= 2:
        tags.append(REPEAT_TAG)
    group = rng.choice((None, None, None, 1, 3, 4, 5, 6, 8, 8, 9, 10))
    if orders and group in (None, 3, 4):
        group = 8
    notes = "\n".join(
        f"[{stamp(rng)[:10]}] {rng.choice(vocab.NOTE_LINES)}"
        for _ in range(rng.choice((0, 0, 1, 2, 3)))
    )
    attributes = {k: rng.choice(v) for k, v in vocab.ATTRIBUTES.items() if rng.random() < 0.3}
    remark = " ".join(rng.sample(vocab.REMARKS, rng.choice((0, 1, 1, 2, 3))))
    promises = []
    if rng.random() < 0.05:
        created = stamp(rng, 60)[:10]
        promises.append(
            {
                "text": "到货后通知买家",
                "created": created,
                "due": None,
                "done": False,
                "done_at": None,
            }
        )
    created_at = stamp(rng)
    return {
        "account": account,
        "platform": _weighted(rng, PLATFORMS),
        "remark": remark[:40],
        "group": group,
        "subgroup": None,
        "tags": tags,
        "notes": notes,
        "promises": promises,
        "attributes": attributes,
        "order_count": len(orders),
        "total_spent": round(sum(o["amount"] for o in orders.values()), 2),
        "first_order_at": moments[0] if moments else None,
        "last_order_at": moments[-1] if moments else None,
        "last_contact_at": stamp(rng, 180) if rng.random() < 0.5 else None,
        "archived": rng.random() < 0.02,
        "created_at": created_at,
        "updated_at": created_at,
        "orders": orders,
    }


def buyer_docs(count: int, rng: random.Random) -> Iterator[tuple[str, Doc]]:
    """(key, document) pairs; ``_py`` computed by ``assistant.core.buyers.shape.searchable``."""
    from assistant.core.buyers.model import buyer_key
    from assistant.core.buyers.shape import searchable

    accounts, numbers = Accounts(rng), OrderNumbers(rng)
    for _ in range(count):
        doc = buyer_doc(rng, accounts.make(), numbers)
        doc["_py"] = searchable(doc)
        yield buyer_key(doc["platform"], doc["account"]), doc


def write_order_report(path: Path, rows: int, buyers: list[Doc], rng: random.Random) -> None:
    """A Taobao 订单报表 (GB18030, as the back office exports it): 70 % new orders of known
    Taobao buyers, 20 % orders of new buyers, 10 % orders already counted (re-imports)."""
    taobao = [b for b in buyers if b["platform"] == "taobao"]
    counted = [(no, b["account"]) for b in taobao for no in b["orders"]]
    accounts = Accounts(rng)
    accounts.taken = {b["account"] for b in buyers}
    numbers = OrderNumbers(rng)
    numbers.taken = {no for b in buyers for no in b["orders"]}
    new_buyers: list[str] = []
    with path.open("w", encoding="gb18030", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(ORDER_COLUMNS)
        for _ in range(rows):
            roll = rng.random()
            if roll < 0.1 and counted:
                order_no, account = rng.choice(counted)
            elif roll < 0.3 or not taobao:
                if not new_buyers or rng.random() < 0.6:
                    new_buyers.append(accounts.make())
                order_no, account = numbers.make(), rng.choice(new_buyers)
            else:
                order_no, account = numbers.make(), rng.choice(taobao)["account"]
            status = _weighted(rng, vocab.ORDER_STATUSES)
            created = datetime.fromisoformat(stamp(rng, 365))
            paid_at = created + timedelta(minutes=rng.randint(1, 90))
            paid = (
                ""
                if status in ("交易关闭", "等待买家付款")
                else paid_at.strftime("%Y-%m-%d %H:%M:%S")
            )
            amount = f"{rng.uniform(9.9, 899):.2f}"
            out.writerow(
                (order_no, account, amount, status, created.strftime("%Y-%m-%d %H:%M:%S"), paid)
            )
