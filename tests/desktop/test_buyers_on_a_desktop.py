"""The 买家 window on a real desktop (Xvfb + openbox, a stand-in chat window), all by keys as
an agent works: opened from the app's window, a shop's order report imported through the
file dialog and its two questions, a promise written on a buyer's card; at every step the
window that has the focus is the topmost one, so nothing is typed into a hidden window. Then
the hotkey opens the panel over the 买家 window, and Esc gives the focus back to the chat."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from tests.desktop.desktop import ChatWindow, Desktop, kefu, start_app, wait_for

MAIN = "^客服快捷助手$"
BUYERS = "买家 — 客服快捷助手"
KEY_CONTROL, KEY_ALT = 0x01000021, 0x01000023  # Qt.Key values, as the stand-in records them
HEADER = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间\n"


def report(folder: Path) -> Path:
    at = (datetime.now() - timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S")
    rows = [
        ("3001", "tb_xiaohua88", "88.00", "交易成功", at, at),
        ("3002", "tb_xiaohua88", "12.50", "交易成功", at, at),
        ("3003", "tb_newcomer01", "59.00", "交易成功", at, at),
    ]
    path = folder / "orders.csv"  # typed into the file dialog by xdotool: ASCII
    path.write_text(HEADER + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8-sig")
    return path


def focused_on_top(desk: Desktop, name: str, *others: str) -> str:
    """The window named ``name`` once it has the focus, checked to be above ``others``."""
    window = desk.wait_window(name)
    wait_for(f"{name} to have the focus", lambda: desk.active_window() == window)
    for other in others:
        assert desk.is_above(window, other), f"{name} is under {desk.window_name(other)}"
    return window


def stored(desk: Desktop, data: Path, account: str) -> dict[str, object]:
    shown = kefu(desk, data, "buyer", "show", account, "--json")
    assert shown.returncode == 0, shown.stderr
    buyer: dict[str, object] = json.loads(shown.stdout)
    return buyer


def promises(desk: Desktop, data: Path) -> list[str]:
    written = stored(desk, data, "tb_xiaohua88")["promises"]
    assert isinstance(written, list)
    return [p["text"] for p in written]


def test_an_order_import_and_a_promise_by_keys(
    desk: Desktop, chat: ChatWindow, seeded_dir: Path
) -> None:
    added = kefu(desk, seeded_dir, "buyer", "add", "tb_xiaohua88", "--remark", "小花")
    assert added.returncode == 0, added.stderr
    path = report(desk.root)
    start_app(desk, seeded_dir)
    main = desk.wait_window(MAIN)
    desk.activate(main)
    desk.key("Tab")  # from 快速查找 to 买家…
    desk.key("space")
    buyers = focused_on_top(desk, BUYERS, chat.window, main)

    desk.key("ctrl+i")  # 导入订单报表…
    picker = focused_on_top(desk, "选择订单报表", buyers, chat.window)
    desk.type(str(path))
    desk.key("Return")
    question = focused_on_top(desk, "^导入订单报表$", buyers, chat.window)
    desk.key("Return")  # 是: import
    wait_for("the question to close", lambda: not desk.windows("^导入订单报表$"))
    focused_on_top(desk, "导入完成", buyers, chat.window)
    desk.key("Return")
    desk.wait_gone("导入完成")
    assert not desk.windows("选择订单报表") and question not in desk.windows("导入")
    assert picker not in desk.windows("选择订单报表")
    imported = stored(desk, seeded_dir, "tb_xiaohua88")
    assert (imported["order_count"], imported["total_spent"]) == (2, 100.5)
    assert stored(desk, seeded_dir, "tb_newcomer01")["order_count"] == 1

    wait_for("the focus back in 买家", lambda: desk.active_window() == buyers)
    desk.key("ctrl+f")
    desk.type("xiaohua")
    desk.key("Return")  # the first buyer found, on the card
    desk.key("ctrl+p")
    desk.type("restock notice")
    desk.key("Return")
    wait_for("the promise stored", lambda: promises(desk, seeded_dir) == ["restock notice"])
    assert stored(desk, seeded_dir, "tb_newcomer01")["promises"] == []

    desk.activate(chat.window)
    desk.key("ctrl+alt+space")
    panel = focused_on_top(desk, "快速查找", chat.window, buyers)
    desk.key("Escape")
    desk.wait_gone("快速查找")
    wait_for("focus back in the chat window", lambda: desk.active_window() == chat.window)
    assert panel not in desk.windows("快速查找")
    assert chat.text() == ""  # nothing of the whole flow was typed into the chat window
    # Only the hotkey's Ctrl and Alt, pressed before its grabbed Space, reached the chat.
    assert {key for key, _mods in chat.key_presses()} <= {KEY_CONTROL, KEY_ALT}
