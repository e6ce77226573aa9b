"""买家 window: importing a shop's order report (preview, confirm, result) and archiving the
buyers with no order and no contact for 180 days, through its buttons.

Replaced: only QFileDialog.getOpenFileName (the native file dialog blocks until a person
picks a file); the stand-in returns the report the test wrote. The message boxes are the
real ones, answered by tests/ui/modals.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from assistant.ui.buyers.buyer_manager import ARCHIVED, BuyerManager
from assistant.ui.context import UiContext
from tests.ui.modals import Modals, press

WAIT_MS = 30_000
HEADER = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间\n"


def when(days_ago: int) -> str:
    return (datetime.now() - timedelta(days=days_ago)).strftime("%Y-%m-%d %H:%M:%S")


def report(tmp_path: Path) -> Path:
    rows = [
        ("2001", "tb_old_buyer", "59.00", "交易成功", when(400), when(400)),
        ("2002", "tb_regular", "88.00", "交易成功", when(20), when(20)),
        ("2003", "tb_regular", "66.00", "交易成功", when(3), when(3)),
        ("2004", "", "10.00", "交易成功", when(3), when(3)),  # no account: skipped
        ("2005", "tb_unpaid", "30.00", "等待买家付款", when(1), ""),
    ]
    path = tmp_path / "订单报表.csv"
    path.write_text(HEADER + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8-sig")
    return path


@pytest.fixture
def picked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the native dialog would return, one per call ("" once none is left)."""
    answers: list[str] = []

    def pick(_parent: QWidget, _title: str, _dir: str, _filter: str) -> tuple[str, str]:
        return (answers.pop(0) if answers else ""), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    return answers


@pytest.fixture
def manager(ctx: UiContext, qtbot: QtBot) -> BuyerManager:
    window = BuyerManager(ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def click(qtbot: QtBot, window: QWidget, label: str) -> None:
    [button] = [b for b in window.findChildren(QPushButton) if b.text() == label]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def accounts(manager: BuyerManager) -> list[str]:
    return sorted(manager.model.buyer(r).account for r in range(manager.model.rowCount()))


def import_report(
    qtbot: QtBot, manager: BuyerManager, modals: Modals, picked: list[str], path: Path
) -> list[str]:
    picked.append(str(path))
    click(qtbot, manager, "导入订单报表…")
    qtbot.waitUntil(lambda: len(modals.texts()) == 2, timeout=WAIT_MS)
    return modals.texts()


def test_an_order_report_is_previewed_then_imported(
    ctx: UiContext,
    manager: BuyerManager,
    modals: Modals,
    picked: list[str],
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    preview, done = import_report(qtbot, manager, modals, picked, report(tmp_path))

    assert preview.startswith("将要进行以下修改：\n\n读取 5 行；计入已付款订单 3 笔，未付款 1 笔")
    assert "新建买家 3 位" in preview and preview.endswith("确定导入吗？")
    assert "跳过 1 行：\n  第 5 行：缺少买家账号" in preview  # the file's line, header counted
    assert done.startswith("读取 5 行；计入已付款订单 3 笔")
    book = ctx.ws.buyers
    assert book.get("tb_regular").order_count == 2
    assert book.get("tb_old_buyer").order_count == 1
    qtbot.waitUntil(lambda: "tb_regular" in accounts(manager), timeout=WAIT_MS)


def test_answering_no_to_the_preview_imports_nothing(
    ctx: UiContext,
    manager: BuyerManager,
    modals: Modals,
    picked: list[str],
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    picked.append(str(report(tmp_path)))
    modals.then(press(QMessageBox.StandardButton.No))
    click(qtbot, manager, "导入订单报表…")
    qtbot.waitUntil(lambda: len(modals.texts()) == 1, timeout=WAIT_MS)
    task = manager.import_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT_MS)

    assert ctx.ws.buyers.all() == []
    click(qtbot, manager, "导入订单报表…")  # the dialog cancelled: nothing asked
    assert len(modals.texts()) == 1


def test_a_file_that_is_no_order_report_is_refused_in_chinese(
    ctx: UiContext,
    manager: BuyerManager,
    modals: Modals,
    picked: list[str],
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    wrong = tmp_path / "短语.csv"
    wrong.write_text("快捷编码,快捷短语\nx1,亲，在的\n", encoding="utf-8")
    picked.append(str(wrong))
    click(qtbot, manager, "导入订单报表…")
    qtbot.waitUntil(lambda: len(modals.texts()) == 1, timeout=WAIT_MS)
    [message] = modals.texts()
    assert message.startswith("短语.csv：没有找到订单报表的表头")
    assert ctx.ws.buyers.all() == []


def test_buyers_without_orders_or_contact_for_180_days_are_archived_on_request(
    ctx: UiContext,
    manager: BuyerManager,
    modals: Modals,
    picked: list[str],
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    click(qtbot, manager, "不活跃买家…")
    assert modals.texts() == ["没有 180 天内无订单、无联系的买家"]
    modals.seen.clear()
    import_report(qtbot, manager, modals, picked, report(tmp_path))
    modals.seen.clear()

    modals.then(press(QMessageBox.StandardButton.No))
    click(qtbot, manager, "不活跃买家…")
    [asked] = modals.texts()
    assert asked == "1 位买家 180 天内没有订单和联系：\ntb_old_buyer\n\n归档他们吗？（可随时恢复）"
    assert not ctx.ws.buyers.get("tb_old_buyer").archived  # No: nothing archived

    click(qtbot, manager, "不活跃买家…")  # Yes this time
    assert ctx.ws.buyers.get("tb_old_buyer").archived
    assert not ctx.ws.buyers.get("tb_regular").archived
    qtbot.waitUntil(lambda: "tb_old_buyer" not in accounts(manager), timeout=WAIT_MS)

    [archived] = [
        manager.tree.topLevelItem(i)
        for i in range(manager.tree.topLevelItemCount())
        if manager.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == ARCHIVED
    ]
    manager.tree.setCurrentItem(archived)
    assert accounts(manager) == ["tb_old_buyer"]
    manager.refresh()  # a refresh keeps the archive in view
    assert manager.tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == ARCHIVED
    assert accounts(manager) == ["tb_old_buyer"]
