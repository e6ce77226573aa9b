"""Network and long work never runs on the GUI thread.

A real WebDAV server on 127.0.0.1 holds every request until the test lets it go; a real
data-folder lock held by another writer holds an order import. Meanwhile the GUI thread
keeps processing events (a QTimer keeps ticking) and the quick panel answers a search; the
result arrives afterwards as a signal. Before, the window called the network from its
button handler and the whole app froze until the server answered.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from assistant.core.sync.secrets import ENV_PASSWORD
from assistant.core.sync.service import PackSync
from assistant.core.workspace import open_workspace
from assistant.ui.buyers.buyer_manager import BuyerManager
from assistant.ui.context import UiContext
from assistant.ui.packs.packs_window import PacksWindow
from assistant.ui.quick.quick_panel import QuickPanel
from tests.core.sync.servers import PASSWORD, USER, DavServer, webdav_server

WAIT_MS = 30_000  # a loaded CI machine; the server holds a request for at most 30 s


class Ticks:
    """Counts the GUI thread's timer events: it only advances while the loop is free."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.count += 1


@pytest.fixture
def dav(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DavServer]:
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)  # never the OS keyring from a test
    with webdav_server(tmp_path / "dav") as server:
        yield server


def publish_team_pack(tmp_path: Path, url: str, *texts: str) -> None:
    lead = open_workspace(tmp_path / "lead", builtins=False)
    pack = lead.phrases.packs.find("团队话术") or lead.phrases.packs.create("团队话术")
    for text in texts:
        lead.phrases.add(text, pack=pack.id)
    assert PackSync(lead.phrases).publish(pack.id, url, USER).ok


def test_sync_now_waits_for_a_slow_server_while_the_app_keeps_working(
    ctx: UiContext, panel: QuickPanel, dav: DavServer, tmp_path: Path, qtbot: QtBot
) -> None:
    publish_team_pack(tmp_path, dav.url, "亲，团队统一的包邮说明")
    assert all(r.ok for r in PackSync(ctx.ws.phrases).subscribe(dav.url, USER))
    publish_team_pack(tmp_path, dav.url, "亲，新到的团队短语：七天无理由退货哦")
    window = PacksWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    dav.fault.log.clear()
    dav.fault.stall = True  # every request waits until released
    ticks = Ticks()

    window.sync_now()  # what the 立即同步 button calls

    qtbot.waitUntil(lambda: bool(dav.fault.log), timeout=WAIT_MS)  # the server holds it
    at_request = ticks.count
    qtbot.waitUntil(lambda: ticks.count >= at_request + 5, timeout=WAIT_MS)
    assert window.task is not None and window.task.running  # still waiting on the server
    assert "正在同步" in window.activity.text()
    panel.search.setText("包邮")  # the quick panel answers meanwhile
    assert "亲，团队统一的包邮说明" in [p.text for p in panel.model.rows()]
    assert not window._network_buttons[-1].isEnabled()  # no second sync on top

    with qtbot.waitSignal(window.task.finished, timeout=WAIT_MS):
        dav.fault.clear()  # the server answers now
    assert window.activity.text() == ""
    assert "✓ 团队话术" in window.status.toPlainText()
    assert "亲，新到的团队短语：七天无理由退货哦" in [
        p.text for p in ctx.ws.phrases.search("团队短语")
    ]
    ticks.timer.stop()


def test_subscribing_to_a_slow_server_keeps_the_window_usable_and_reports_back(
    ctx: UiContext, dav: DavServer, tmp_path: Path, qtbot: QtBot
) -> None:
    publish_team_pack(tmp_path, dav.url, "亲，拍下后48小时内发货")
    window = PacksWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    dav.fault.log.clear()
    dav.fault.stall = True
    ticks = Ticks()

    window.subscribe_to(dav.url, USER)

    qtbot.waitUntil(lambda: bool(dav.fault.log), timeout=WAIT_MS)
    at_request = ticks.count
    qtbot.waitUntil(lambda: ticks.count >= at_request + 5, timeout=WAIT_MS)
    assert window.task is not None and window.task.running
    assert "正在订阅" in window.activity.text()
    window.refresh()  # the window itself still works (reads only local files)

    with qtbot.waitSignal(window.task.finished, timeout=WAIT_MS):
        dav.fault.clear()
    assert [p.text for p in ctx.ws.phrases.search("48小时")] == ["亲，拍下后48小时内发货"]
    # The change signal refreshes the window: it lists the new subscription.
    qtbot.waitUntil(lambda: "订阅：" + dav.url in window.status.toPlainText(), timeout=WAIT_MS)
    ticks.timer.stop()


def test_a_refused_subscription_comes_back_as_a_message_not_a_traceback(
    ctx: UiContext, dav: DavServer, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window = PacksWindow(ctx)
    qtbot.addWidget(window)
    window.subscribe_to(dav.url + "nothing-here/", USER)
    assert window.task is not None
    qtbot.waitUntil(lambda: window.task is not None and not window.task.running, timeout=WAIT_MS)
    assert len(shown) == 1 and "\n" not in shown[0]
    assert window.status.toPlainText().splitlines()[-1].startswith("✗ ")
    assert all(b.isEnabled() for b in window._network_buttons)


ORDERS = (
    "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间\n"
    "1001,tb_slow_buyer,88.00,交易成功,2024-05-01 10:00:00,2024-05-01 10:01:00\n"
    "1002,tb_slow_buyer,66.00,交易成功,2024-05-03 10:00:00,2024-05-03 10:01:00\n"
)


class AnswerBoxes:
    """Answers every message box that comes up (Yes, else OK) and keeps its text: the
    import asks before it writes and says what it did afterwards."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            self.texts.append(box.text())
            button = box.button(QMessageBox.StandardButton.Yes) or box.button(
                QMessageBox.StandardButton.Ok
            )
            assert button is not None
            button.click()


def test_an_order_import_waiting_on_the_data_folder_does_not_freeze_the_app(
    ctx: UiContext, panel: QuickPanel, tmp_path: Path, qtbot: QtBot
) -> None:
    report = tmp_path / "订单报表.csv"
    report.write_text(ORDERS, encoding="utf-8-sig")
    manager = BuyerManager(ctx)
    qtbot.addWidget(manager)
    other = open_workspace(ctx.ws.path, builtins=False)  # another writer, as `kefu` would be
    ticks = Ticks()
    boxes = AnswerBoxes()
    with other.folder.buyers.transaction():  # holds the lock the import needs
        task = manager.import_report_file(report)
        at_start = ticks.count
        qtbot.waitUntil(lambda: ticks.count >= at_start + 5, timeout=WAIT_MS)
        assert task.running  # the dry run waits for the lock, on its own thread
        assert boxes.texts == []
        panel.search.setText("cuifu")  # the quick panel answers meanwhile
        assert panel.model.rows()

    qtbot.waitUntil(lambda: len(boxes.texts) == 2, timeout=WAIT_MS)  # asked, then done
    assert "新建买家 1 位" in boxes.texts[0]
    assert boxes.texts[1].startswith("读取 2 行")
    assert ctx.ws.buyers.get("tb_slow_buyer").order_count == 2
    boxes.timer.stop()
    ticks.timer.stop()
