"""`kefu buyer promises --due` (the day's to-do) and 微信小店 in `--platform`, end to end: the
real command in its own process on a real data folder (issue 14, item 14)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from assistant.core.workspace import open_workspace
from tests.helpers import run_kefu


def ok(data: Path, *args: str) -> str:
    result = run_kefu(None, "--data-dir", str(data), *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


def test_promises_due_lists_today_and_overdue_only(seeded_dir: Path) -> None:
    book = open_workspace(seeded_dir).buyers
    book.add("a")
    book.add("b")
    book.promise("a", "送袜子", due=day(0))
    book.promise("a", "下周回访", due=day(7))
    book.promise("b", "退运费", due=day(-2))
    book.promise("b", "寄样品")
    listed = json.loads(ok(seeded_dir, "buyer", "promises", "--due", "--json"))
    assert [(p["account"], p["number"], p["text"], p["overdue_days"]) for p in listed] == [
        ("b", 1, "退运费", 2),
        ("a", 1, "送袜子", 0),
    ]
    lines = ok(seeded_dir, "buyer", "promises", "--due").splitlines()
    assert lines == [
        f"到期 {day(-2)}（逾期 2 天）  b #1  退运费",
        f"到期 {day(0)}（今天到期）  a #1  送袜子",
    ]
    everything = json.loads(ok(seeded_dir, "buyer", "promises", "--json"))
    assert [p["overdue_days"] for p in everything] == [2, 0, -7, None]
    ok(seeded_dir, "buyer", "done", "b", "1")
    ok(seeded_dir, "buyer", "done", "a", "1")
    assert ok(seeded_dir, "buyer", "promises", "--due").strip() == "没有今天到期或逾期的承诺"


def test_weixin_shop_in_the_platform_option(seeded_dir: Path, tmp_path: Path) -> None:
    assert "wxshop（微信小店）" in ok(seeded_dir, "buyer", "add", "--help")
    assert "wxshop（微信小店）" in ok(seeded_dir, "buyer", "import-orders", "--help")
    added = json.loads(ok(seeded_dir, "buyer", "add", "小美", "--platform", "微信小店", "--json"))
    assert added["platform"] == "wxshop"
    shown = ok(seeded_dir, "buyer", "show", "小美", "--platform", "wxshop")
    assert "小美（微信小店）" in shown
    report = tmp_path / "微信小店订单.csv"
    report.write_text(
        "订单号,买家昵称,实付金额,订单状态,下单时间,支付时间\n"
        "3720001,小美,59.00,已完成,2025-03-01 10:00:00,2025-03-01 10:01:00\n"
        "3720002,阿强,19.90,已完成,2025-03-02 11:00:00,2025-03-02 11:00:30\n",
        encoding="utf-8",
    )
    done = json.loads(
        ok(seeded_dir, "buyer", "import-orders", str(report), "--platform", "wxshop", "--json")
    )
    assert (done["orders_counted"], done["buyers_created"], done["buyers_updated"]) == (2, 1, 1)
    listed = json.loads(ok(seeded_dir, "buyer", "list", "--json"))
    assert sorted((b["account"], b["platform"]) for b in listed) == [
        ("小美", "wxshop"),
        ("阿强", "wxshop"),
    ]
