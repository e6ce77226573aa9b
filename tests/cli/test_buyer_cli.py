"""`kefu buyer ...` end to end: the real command in its own process, on a real data folder."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from assistant.core.buyers.book import BuyerBook
from assistant.core.buyers.orders import import_orders
from assistant.core.workspace import open_workspace
from tests.helpers import KEFU_TIMEOUT, kefu_env, run_kefu, snapshot

TAOBAO = ["订单编号", "买家会员名", "买家实际支付金额", "订单状态", "订单创建时间", "订单付款时间"]
KEYS = [
    "account",
    "platform",
    "remark",
    "group",
    "subgroup",
    "tags",
    "notes",
    "promises",
    "attributes",
    "order_count",
    "total_spent",
    "first_order_at",
    "last_order_at",
    "last_contact_at",
    "archived",
    "created_at",
    "updated_at",
]


def kefu(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_kefu(None, "--data-dir", str(data), *args)


def ok(data: Path, *args: str) -> str:
    result = kefu(data, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def js(data: Path, *args: str) -> Any:
    return json.loads(ok(data, *args, "--json"))


def kefu_many(data: Path, *commands: tuple[str, ...]) -> list[subprocess.CompletedProcess[str]]:
    """Commands that change nothing, run side by side to save time."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "assistant", "--data-dir", str(data), *cmd],
            env=kefu_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
        )
        for cmd in commands
    ]
    results = []
    for cmd, proc in zip(commands, procs, strict=True):
        out, err = proc.communicate(timeout=KEFU_TIMEOUT)
        results.append(subprocess.CompletedProcess(list(cmd), proc.returncode, out, err))
    return results


def outputs(data: Path, *commands: tuple[str, ...]) -> list[str]:
    """Standard output of commands that change nothing and must succeed, run side by side."""
    results = kefu_many(data, *commands)
    for result in results:
        assert result.returncode == 0, (result.args, result.stderr)
    return [r.stdout for r in results]


def check_refused(
    result: subprocess.CompletedProcess[str], says: str = "", args: object = None
) -> str:
    """A command that must fail: exit 2, one line on stderr, nothing on stdout."""
    args = args if args is not None else result.args
    assert result.returncode == 2, (args, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, (args, result.stderr)
    assert says in lines[0], (args, lines[0])
    assert result.stdout == ""
    return lines[0]


def refused(data: Path, *args: str, says: str = "") -> str:
    return check_refused(kefu(data, *args), says, args)


def all_refused(data: Path, *commands: tuple[tuple[str, ...], str]) -> list[str]:
    """Each (command, expected part of the message) fails alone; run side by side."""
    results = kefu_many(data, *(cmd for cmd, _ in commands))
    return [check_refused(r, says) for r, (_, says) in zip(results, commands, strict=True)]


def book_of(data: Path) -> BuyerBook:
    """Set-up done in this process (the command itself is what the test runs as `kefu`)."""
    return open_workspace(data).buyers


def write_orders(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    out = io.StringIO(newline="")
    csv.writer(out).writerows([TAOBAO, *rows])
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def paid(no: str, account: str, amount: str = "10", when: str = "2024-03-01 10:00:00") -> list[str]:
    return [no, account, amount, "交易成功", when, when]


# -- fields, add / edit / show / list / search -------------------------------------------------


def test_add_and_show_give_the_issue_keys(seeded_dir: Path) -> None:
    added = js(
        seeded_dir,
        "buyer", "add", "张三", "--remark", "张姐", "--subgroup", "1a", "--tag", "价格敏感",
        "--tag", "急购", "--note", "想买红色连衣裙", "--attr", "尺码=38", "--attr", "脚型=偏宽",
    )  # fmt: skip
    assert list(added) == KEYS
    assert added["account"] == "张三" and added["platform"] == "taobao"
    assert (added["remark"], added["group"], added["subgroup"]) == ("张姐", 1, "1A")
    assert added["tags"] == ["价格敏感", "急购"]
    assert added["attributes"] == {"尺码": "38", "脚型": "偏宽"}
    assert added["notes"] == "想买红色连衣裙"
    assert added["total_spent"] == 0 and isinstance(added["total_spent"], float)
    assert added["order_count"] == 0 and added["archived"] is False
    assert datetime.fromisoformat(added["created_at"]).tzinfo is not None
    assert js(seeded_dir, "buyer", "show", "张三") == added
    text = ok(seeded_dir, "buyer", "show", "张三")
    for part in ("张三", "张姐", "1A", "聊友", "价格敏感", "尺码=38", "想买红色连衣裙"):
        assert part in text


def test_edit_then_list_with_group_tag_and_archived(seeded_dir: Path) -> None:
    book = open_workspace(seeded_dir).buyers
    book.add("a1", group=8, tags=["回头客"])
    book.add("a2", group=8)
    book.add("b1", subgroup="1B", tags=["回头客"])
    edited = js(
        seeded_dir, "buyer", "edit", "a2", "--subgroup", "2A", "--remark", "二号", "--tag", "送礼"
    )
    assert (edited["group"], edited["subgroup"], edited["remark"]) == (2, "2A", "二号")
    assert edited["tags"] == ["送礼"]
    assert [b["account"] for b in js(seeded_dir, "buyer", "list")] == ["b1", "a2", "a1"]
    assert [b["account"] for b in js(seeded_dir, "buyer", "list", "--group", "8")] == ["a1"]
    assert [b["account"] for b in js(seeded_dir, "buyer", "list", "--tag", "回头客")] == [
        "b1",
        "a1",
    ]
    assert js(seeded_dir, "buyer", "list", "--archived") == []
    assert all(list(b) == KEYS for b in js(seeded_dir, "buyer", "list"))
    assert "共 3 位" in ok(seeded_dir, "buyer", "list")


def test_search_by_chinese_full_pinyin_and_initials(seeded_dir: Path) -> None:
    book = open_workspace(seeded_dir).buyers
    book.add("tb_8812", remark="张姐", tags=["价格敏感"])
    book.add("li_4", remark="李哥", notes="要连衣裙，38码")
    book.add("wang", tags=["送礼"])
    cases = [
        ("张姐", ["tb_8812"]),
        ("zj", ["tb_8812"]),
        ("zhangjie", ["tb_8812"]),
        ("lyq", ["li_4"]),
        ("jgmg", ["tb_8812"]),
        ("tb_88", ["tb_8812"]),
        ("没有这个人", []),
    ]
    results = kefu_many(seeded_dir, *(("buyer", "search", q, "--json") for q, _ in cases))
    for (query, expected), result in zip(cases, results, strict=True):
        assert result.returncode == 0, result.stderr
        assert [b["account"] for b in json.loads(result.stdout)] == expected, query
    assert "tb_8812" in ok(seeded_dir, "buyer", "search", "zj")
    assert "没有找到" in ok(seeded_dir, "buyer", "search", "没有这个人")


def test_the_same_account_on_two_platforms_needs_platform(seeded_dir: Path) -> None:
    ok(seeded_dir, "buyer", "add", "小王", "--remark", "淘宝小王")
    book_of(seeded_dir).add("小王", platform="jd", remark="京东小王")
    before = snapshot(seeded_dir)
    lines = all_refused(
        seeded_dir,
        (("buyer", "show", "小王"), "--platform"),
        (("buyer", "edit", "小王", "--remark", "x"), "--platform"),
        (("buyer", "rm", "小王"), "--platform"),
    )
    assert "jd" in lines[0] and "taobao" in lines[0]
    assert snapshot(seeded_dir) == before
    assert js(seeded_dir, "buyer", "show", "小王", "--platform", "jd")["remark"] == "京东小王"
    ok(seeded_dir, "buyer", "edit", "小王", "--platform", "jd", "--remark", "王哥")
    ok(seeded_dir, "buyer", "rm", "小王", "--platform", "taobao")
    shown = js(seeded_dir, "buyer", "show", "小王")
    assert (shown["platform"], shown["remark"]) == ("jd", "王哥")


def test_errors_exit_2_with_one_line_and_change_nothing(seeded_dir: Path, tmp_path: Path) -> None:
    book = book_of(seeded_dir)
    book.add("张三", subgroup="1A")
    book.promise("张三", "送袜子")
    before = snapshot(seeded_dir)
    all_refused(
        seeded_dir,
        (("buyer", "show", "nobody"), "nobody"),
        (("buyer", "edit", "nobody", "--remark", "x"), "nobody"),
        (("buyer", "rm", "nobody"), "nobody"),
        (("buyer", "tag", "nobody", "急购"), "nobody"),
        (("buyer", "add", "张三"), "已存在"),
        (("buyer", "add", "李四", "--group", "11"), "1–10"),
        (("buyer", "edit", "张三", "--group", "0"), "1–10"),
        (("buyer", "list", "--group", "11"), "1–10"),
        (("buyer", "add", "李四", "--subgroup", "3A"), "3A"),
        (("buyer", "edit", "张三", "--subgroup", "1Z"), "1Z"),
        (("buyer", "done", "张三", "5"), "5"),
        (("buyer", "promise", "张三", "退运费", "--due", "明天"), "YYYY-MM-DD"),
        (("buyer", "remark", "nobody"), "nobody"),
        (("buyer", "export", "nobody"), "nobody"),
        (("buyer", "import-orders", str(tmp_path / "missing.csv")), "missing.csv"),
    )
    assert snapshot(seeded_dir) == before


# -- tags, promises, contact ----------------------------------------------------------------------


def test_ready_tags_and_tag_untag(seeded_dir: Path) -> None:
    ready = js(seeded_dir, "buyer", "tags")
    assert ready[-1] == "回头客" and len(ready) == 15
    assert {"需求明确", "摇摆型", "价格不敏感", "送礼", "多疑型"} <= set(ready)
    assert "价格敏感" in ok(seeded_dir, "buyer", "tags")
    book_of(seeded_dir).add("a")
    assert js(seeded_dir, "buyer", "tag", "a", "急购", "送礼", "急购")["tags"] == ["急购", "送礼"]
    assert js(seeded_dir, "buyer", "untag", "a", "急购")["tags"] == ["送礼"]
    assert js(seeded_dir, "buyer", "show", "a")["tags"] == ["送礼"]


def test_promises_open_oldest_due_first_and_done(seeded_dir: Path) -> None:
    book = open_workspace(seeded_dir).buyers
    book.add("a")
    book.add("b")
    book.promise("a", "到货通知")
    ok(seeded_dir, "buyer", "promise", "a", "送袜子", "--due", "2031-03-01")
    book.promise("b", "退运费", due="2030-12-01")
    shown, listed, text = outputs(
        seeded_dir,
        ("buyer", "show", "a", "--json"),
        ("buyer", "promises", "--open", "--json"),
        ("buyer", "promises", "--open"),
    )
    assert [(p["text"], p["due"], p["done"]) for p in json.loads(shown)["promises"]] == [
        ("到货通知", None, False),
        ("送袜子", "2031-03-01", False),
    ]
    assert [(p["account"], p["number"], p["text"]) for p in json.loads(listed)] == [
        ("b", 1, "退运费"),
        ("a", 2, "送袜子"),
        ("a", 1, "到货通知"),
    ]
    lines = text.splitlines()
    assert "退运费" in lines[0] and "到货通知" in lines[-1]
    ok(seeded_dir, "buyer", "done", "a", "2")
    listed = js(seeded_dir, "buyer", "promises", "--open")
    assert [p["text"] for p in listed] == ["退运费", "到货通知"]
    assert js(seeded_dir, "buyer", "show", "a")["promises"][1]["done"] is True


def test_touch_records_a_contact(seeded_dir: Path) -> None:
    assert js(seeded_dir, "buyer", "add", "a")["last_contact_at"] is None
    touched = js(seeded_dir, "buyer", "touch", "a")["last_contact_at"]
    assert datetime.fromisoformat(touched) >= datetime.fromisoformat(
        js(seeded_dir, "buyer", "show", "a")["created_at"]
    )
    assert js(seeded_dir, "buyer", "show", "a")["last_contact_at"] == touched


# -- {昵称} and {买家} --------------------------------------------------------------------------


def test_render_fills_nickname_and_account_from_the_buyer(seeded_dir: Path) -> None:
    ok(seeded_dir, "add", "{昵称}您好，账号 {买家} 的订单已发货", "--code", "fh9")
    book = book_of(seeded_dir)
    book.add("tb_zhang3", remark="张姐")
    book.add("tb_li4")
    assert ok(seeded_dir, "render", "fh9", "--buyer", "tb_zhang3").strip() == (
        "张姐您好，账号 tb_zhang3 的订单已发货"
    )
    assert ok(seeded_dir, "render", "fh9", "--buyer", "tb_li4").strip() == (
        "亲您好，账号 tb_li4 的订单已发货"
    )
    before = snapshot(seeded_dir)
    all_refused(
        seeded_dir,
        (("render", "fh9", "--buyer", "nobody"), "nobody"),
        (("copy", "fh9", "--buyer", "nobody"), "nobody"),
    )
    assert snapshot(seeded_dir) == before


# -- order import ------------------------------------------------------------------------------


def test_import_gbk_report_then_reimport_changes_nothing(seeded_dir: Path, tmp_path: Path) -> None:
    book = book_of(seeded_dir)
    book.add("老客户", group=3, remark="老王")
    book.add("批发商", group=5)
    rows = [
        paid("10001", "老客户", "20"),
        paid("10002", "老客户", "30", "2024-04-01 12:00:00"),
        paid("10003", "批发商", "500"),
        paid("10004", "新买家", "9.9"),
        ["10005", "只看不买", "50", "交易关闭", "2024-03-01 10:00:00", ""],
        ["", "缺单号", "1", "交易成功", "2024-03-01 10:00:00", ""],
    ]
    path = write_orders(tmp_path / "订单报表.csv", rows, encoding="gbk")
    report = js(seeded_dir, "buyer", "import-orders", str(path))
    assert report["rows"] == 6
    assert (report["orders_counted"], report["unpaid"], report["duplicates"]) == (4, 1, 0)
    assert (report["buyers_created"], report["buyers_updated"]) == (2, 2)
    assert (report["tagged"], report["moved"]) == (1, 2)
    assert report["skipped"] == [{"line": 7, "reason": "缺少订单编号"}]
    old = js(seeded_dir, "buyer", "show", "老客户")
    assert (old["group"], old["tags"], old["remark"]) == (8, ["回头客"], "老王")
    assert (old["order_count"], old["total_spent"]) == (2, 50)
    assert old["first_order_at"].startswith("2024-03-01T10:00:00")
    assert old["last_order_at"].startswith("2024-04-01T12:00:00")
    assert js(seeded_dir, "buyer", "show", "批发商")["group"] == 5
    assert js(seeded_dir, "buyer", "show", "新买家")["group"] == 8

    listed = ok(seeded_dir, "buyer", "list", "--json")
    files = snapshot(seeded_dir / "buyers")
    again = js(seeded_dir, "buyer", "import-orders", str(path))
    assert again["orders_counted"] == 0
    assert again["duplicates"] == report["orders_counted"] + report["duplicates"]
    assert (again["buyers_created"], again["buyers_updated"]) == (0, 0)
    assert ok(seeded_dir, "buyer", "list", "--json") == listed
    assert snapshot(seeded_dir / "buyers") == files


def test_import_plain_report_and_dry_run(seeded_dir: Path, tmp_path: Path) -> None:
    book_of(seeded_dir).add("a", group=3)
    path = write_orders(tmp_path / "o.csv", [paid("1", "a"), paid("2", "a"), paid("3", "b")])
    before = snapshot(seeded_dir)
    dry = kefu(seeded_dir, "buyer", "import-orders", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "预览" in dry.stdout and "计入已付款订单 3 笔" in dry.stdout
    assert "新建买家 1 位，更新 1 位" in dry.stdout
    dry_report = js(seeded_dir, "buyer", "import-orders", str(path), "--dry-run")
    assert snapshot(seeded_dir) == before
    real = kefu(seeded_dir, "buyer", "import-orders", str(path))
    assert real.returncode == 0 and real.stderr == ""
    assert "预览" not in real.stdout
    assert real.stdout.splitlines()[1:] == dry.stdout.splitlines()[1:]
    assert dry_report["dry_run"] is True and dry_report["orders_counted"] == 3
    assert (js(seeded_dir, "buyer", "show", "a")["tags"], book_of(seeded_dir).get("a").group) == (
        ["回头客"],
        8,
    )


def test_import_with_map_and_from_xlsx(seeded_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text(
        "单号,旺旺名,付款\n7001,阿花,2024-01-01 10:00\n7002,阿花,\n", encoding="utf-8-sig"
    )
    line = refused(seeded_dir, "buyer", "import-orders", str(other))
    assert "单号、旺旺名、付款" in line
    report = js(
        seeded_dir,
        "buyer", "import-orders", str(other),
        "--map", "单号=order_no", "--map", "旺旺名=account", "--map", "付款=paid_at",
    )  # fmt: skip
    assert (report["orders_counted"], report["unpaid"]) == (1, 1)

    wb = Workbook()
    sheet = wb.active
    sheet.append(TAOBAO)
    sheet.append(["481234567890123456", "阿花", 12.5, "交易成功", "2024-02-01 10:00:00", None])
    sheet.append([567890123456, "阿草", 3, "交易成功", datetime(2024, 2, 2, 9, 0), None])
    path = tmp_path / "orders.xlsx"
    wb.save(path)
    report = js(seeded_dir, "buyer", "import-orders", str(path), "--platform", "tmall")
    assert (report["rows"], report["orders_counted"], report["buyers_created"]) == (2, 2, 2)
    hua = js(seeded_dir, "buyer", "show", "阿花", "--platform", "tmall")
    assert (hua["order_count"], hua["total_spent"]) == (1, 12.5)
    assert js(seeded_dir, "buyer", "show", "阿花", "--platform", "taobao")["order_count"] == 1
    orders = open_workspace(seeded_dir).folder.buyers.get("tmall:阿草")
    assert orders is not None and list(orders["orders"]) == ["567890123456"]


def test_a_bad_report_exits_2_and_changes_nothing(seeded_dir: Path, tmp_path: Path) -> None:
    book_of(seeded_dir).add("existing", group=3)
    files = {
        "goods.csv": "商品名称,数量,单价\n鞋,1,20\n".encode(),
        "orders.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
        "garbage.csv": b"\x80\x81\xff\xfe" * 300,
        "empty.csv": b"",
    }
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    before = snapshot(seeded_dir)
    lines = all_refused(
        seeded_dir,
        (("buyer", "import-orders", str(tmp_path / "goods.csv")), "商品名称、数量、单价"),
        (("buyer", "import-orders", str(tmp_path / "orders.xls")), ".xlsx"),
        (("buyer", "import-orders", str(tmp_path / "garbage.csv")), "编码"),
        (("buyer", "import-orders", str(tmp_path / "empty.csv")), "空"),
    )
    assert all("错误" in line for line in lines)
    assert snapshot(seeded_dir) == before


def test_a_5000_row_report_is_counted_right(seeded_dir: Path, tmp_path: Path) -> None:
    rows: list[list[str]] = []
    expected: dict[str, tuple[int, float]] = {}
    for n in range(5000):
        account = f"买家{n % 1237:04d}"
        day = f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d} 10:00:00"
        if n % 10 == 3:
            rows.append([f"6{n:017d}", account, "99", "交易关闭", day, ""])
            continue
        cents = 100 + n % 50
        rows.append([f"6{n:017d}", account, f"{cents / 100:.2f}", "交易成功", day, day])
        count, total = expected.get(account, (0, 0.0))
        expected[account] = (count + 1, total + cents / 100)
    rows += [rows[0], rows[1]]  # two orders listed twice
    path = write_orders(tmp_path / "big.csv", rows, encoding="utf-8-sig")
    report = js(seeded_dir, "buyer", "import-orders", str(path))
    assert report["rows"] == 5002
    assert (report["orders_counted"], report["unpaid"], report["duplicates"]) == (4500, 500, 2)
    assert report["buyers_created"] == 1237
    assert report["tagged"] == sum(1 for c, _ in expected.values() if c >= 2)
    assert report["skipped"] == []
    buyers = {b["account"]: b for b in js(seeded_dir, "buyer", "list")}
    assert len(buyers) == 1237
    for account, (count, total) in expected.items():
        assert buyers[account]["order_count"] == count
        assert buyers[account]["total_spent"] == pytest.approx(total, abs=0.005)
        assert ("回头客" in buyers[account]["tags"]) == (count >= 2)
        assert buyers[account]["group"] == 8


# -- clean-up ---------------------------------------------------------------------------------


def test_inactive_prune_and_restore(seeded_dir: Path, tmp_path: Path) -> None:
    rows = [
        paid("1", "old_a", when="2020-01-01 10:00:00"),
        paid("2", "old_b", when="2021-06-01 10:00:00"),
        paid("3", "touched", when="2020-01-01 10:00:00"),
    ]
    book = book_of(seeded_dir)
    import_orders(book, write_orders(tmp_path / "old.csv", rows))
    book.add("fresh")
    ok(seeded_dir, "buyer", "touch", "touched")
    before = snapshot(seeded_dir)
    inactive, none_inactive, preview, preview_json = outputs(
        seeded_dir,
        ("buyer", "inactive", "--json"),
        ("buyer", "inactive", "--days", "100000", "--json"),
        ("buyer", "prune", "--days", "180"),
        ("buyer", "prune", "--days", "180", "--json"),
    )
    assert [b["account"] for b in json.loads(inactive)] == ["old_a", "old_b"]
    assert json.loads(none_inactive) == []
    assert "old_a" in preview and "old_b" in preview and "--yes" in preview
    assert json.loads(preview_json)["archived"] == 0
    assert snapshot(seeded_dir) == before

    done = js(seeded_dir, "buyer", "prune", "--days", "180", "--yes")
    assert (done["archived"], sorted(done["accounts"])) == (2, ["old_a", "old_b"])
    listed, archived = outputs(
        seeded_dir, ("buyer", "list", "--json"), ("buyer", "list", "--archived", "--json")
    )
    assert [b["account"] for b in json.loads(listed)] == ["touched", "fresh"]
    assert [(b["account"], b["archived"]) for b in json.loads(archived)] == [
        ("old_a", True),
        ("old_b", True),
    ]
    assert js(seeded_dir, "buyer", "restore", "old_a")["archived"] is False
    listed, archived = outputs(
        seeded_dir, ("buyer", "list", "--json"), ("buyer", "list", "--archived", "--json")
    )
    assert "old_a" in [b["account"] for b in json.loads(listed)]
    assert [b["account"] for b in json.loads(archived)] == ["old_b"]


# -- remark ------------------------------------------------------------------------------------


def test_remark_for_the_chat_client(seeded_dir: Path) -> None:
    book = book_of(seeded_dir)
    book.scheme.add_subgroup(8, "A", "老客")
    book.add(
        "zhang_3",
        remark="张姐",
        subgroup="8A",
        attributes={"尺码": "38"},
        tags=["回头客", "价格敏感"],
    )
    full = "8A 张姐 38码 价格敏感 回头客"
    sizes = (1, 2, 5, 9, 14, 17, 30)
    results = kefu_many(
        seeded_dir,
        ("buyer", "remark", "zhang_3", "--max", "20"),
        ("buyer", "remark", "zhang_3"),
        *(("buyer", "remark", "zhang_3", "--max", str(n)) for n in sizes),
    )
    assert all(r.returncode == 0 and r.stderr == "" for r in results)
    assert [r.stdout for r in results[:2]] == [full + "\n"] * 2
    for n, result in zip(sizes, results[2:], strict=True):
        text = result.stdout.removesuffix("\n")
        assert 1 <= len(text) <= n
        if n >= 2:
            assert text.startswith("8A")
        if n >= 9:
            assert text.startswith("8A 张姐 38码")
        if n >= len(full):
            assert text == full
    assert js(seeded_dir, "buyer", "remark", "zhang_3", "--max", "5")["remark"] == "8A 张姐"
    refused(seeded_dir, "buyer", "remark", "zhang_3", "--max", "0")


# -- privacy: erase and export ---------------------------------------------------------------


def _files_mentioning(folder: Path, needle: str) -> list[str]:
    raw = needle.encode("utf-8")
    return [str(p) for p in sorted(folder.rglob("*")) if p.is_file() and raw in p.read_bytes()]


def test_rm_erases_every_trace_including_backups_and_usage_log(
    seeded_dir: Path, tmp_path: Path
) -> None:
    ws = open_workspace(seeded_dir)
    ws.buyers.add("secret_acc", remark="秘密姐", notes="住幸福路")
    ws.buyers.tag("secret_acc", ["急购"])  # a second write: the .bak holds the buyer too
    import_orders(ws.buyers, write_orders(tmp_path / "o.csv", [paid("998877", "secret_acc")]))
    ws.buyers.add("other_acc")
    phrase = ws.phrases.resolve("th1")
    ws.phrases.record_use(phrase.id, buyer="secret_acc")
    ws.phrases.record_use(phrase.id, buyer="other_acc")
    mentioned = _files_mentioning(seeded_dir, "secret_acc")
    assert any(p.endswith(".bak") for p in mentioned)
    assert any("usage-log" in p for p in mentioned)

    assert "secret_acc" in ok(seeded_dir, "buyer", "rm", "secret_acc")

    for needle in ("secret_acc", "秘密姐", "幸福路", "998877"):
        assert _files_mentioning(seeded_dir, needle) == [], needle
    assert any("usage-log" in p for p in _files_mentioning(seeded_dir, "other_acc"))
    refused(seeded_dir, "buyer", "show", "secret_acc")


def test_export_one_or_all_as_json_or_csv(seeded_dir: Path, tmp_path: Path) -> None:
    book = book_of(seeded_dir)
    book.add("zhang_3", remark="张姐", tags=["急购"], attributes={"尺码": "38"})
    book.promise("zhang_3", "送袜子", due="2030-01-01")
    book.add("li_4", group=9)
    out = {name: str(tmp_path / name) for name in ("one.json", "all.json", "one.csv", "all.csv")}
    results = kefu_many(
        seeded_dir,
        ("buyer", "show", "zhang_3", "--json"),
        ("buyer", "export", "li_4"),
        ("buyer", "export", "zhang_3", "--out", out["one.json"]),
        ("buyer", "export", "--out", out["all.json"]),
        ("buyer", "export", "zhang_3", "--out", out["one.csv"]),
        ("buyer", "export", "--out", out["all.csv"]),
    )
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    shown = json.loads(results[0].stdout)
    assert json.loads(results[1].stdout)[0]["group"] == 9

    # The export holds the shown buyer plus the counted orders (the buyer's data too).
    assert json.loads((tmp_path / "one.json").read_text("utf-8")) == [{**shown, "orders": {}}]
    everyone = json.loads((tmp_path / "all.json").read_text("utf-8"))
    assert sorted(b["account"] for b in everyone) == ["li_4", "zhang_3"]
    assert all(list(b) == [*KEYS, "orders"] for b in everyone)

    raw = (tmp_path / "one.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert (rows[0]["买家账号"], rows[0]["备注名"], rows[0]["标签"]) == ("zhang_3", "张姐", "急购")
    assert "送袜子" in rows[0]["承诺"] and rows[0]["属性"] == "尺码=38"
    all_rows = list(csv.DictReader(io.StringIO((tmp_path / "all.csv").read_text("utf-8-sig"))))
    assert sorted(r["买家账号"] for r in all_rows) == ["li_4", "zhang_3"]
    refused(seeded_dir, "buyer", "export", "--out", str(tmp_path / "all.txt"))
    assert not (tmp_path / "all.txt").exists()


def test_buyer_rm_forgets_the_learned_questions_that_name_the_buyer(seeded_dir: Path) -> None:
    """A learned question keeps a Chinese nickname (scrubbing strips handles and numbers
    only): `buyer rm` forgets the questions that name the account, and only those; an
    account that is not there forgets nothing."""
    ok(seeded_dir, "buyer", "add", "快乐的小猪")
    ws = open_workspace(seeded_dir)
    phrase = ws.phrases.add("亲，可以的", title="可以").id
    for question in ("快乐的小猪问能便宜点吗", "能便宜点吗", "快乐的小猪 包邮吗"):
        assert ws.suggestions.learn(phrase, question) == question  # kept as asked
    refused(seeded_dir, "buyer", "rm", "快乐的小")  # not an account: nothing forgotten
    assert len(open_workspace(seeded_dir).suggestions.learned.of(phrase)) == 3

    done = js(seeded_dir, "buyer", "rm", "快乐的小猪", "--json")
    assert done["questions_forgotten"] == 2
    assert open_workspace(seeded_dir).suggestions.learned.of(phrase) == ["能便宜点吗"]
    assert _files_mentioning(seeded_dir, "快乐的小猪") == []


def test_buyer_search_prepare_makes_the_index_cache(seeded_dir: Path) -> None:
    """What the 买家 window's first opening runs in a process of its own."""
    book_of(seeded_dir).add("tb_xiaohua88", remark="小花")
    assert not list((seeded_dir / "cache").glob("buyers-index*"))
    assert json.loads(ok(seeded_dir, "buyer", "search", "--prepare", "--json")) == {"prepared": 1}
    assert list((seeded_dir / "cache").glob("buyers-index*"))
    assert "买家索引已准备好（1 位买家）" in ok(seeded_dir, "buyer", "search", "--prepare")
    refused(seeded_dir, "buyer", "search", "--prepare", "小花", says="--prepare 不和搜索内容")
    refused(seeded_dir, "buyer", "search", says="请给出要搜索的内容")
