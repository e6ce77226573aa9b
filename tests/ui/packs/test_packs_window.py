"""短语包与同步, driven through its buttons: the list, a new pack, subscribing to a real shared
folder and a real WebDAV server, syncing, publishing, the phrases to choose after a sync,
and what the window says when a source refuses.

The input dialogs and message boxes are the real ones, answered by tests/ui/modals.py. The
network work runs in the background (tests/ui/packs/test_background_work.py proves the GUI
stays free meanwhile); these tests wait for the task with qtbot.waitUntil.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from assistant.core.sync.conflicts import flagged
from assistant.core.sync.secrets import ENV_PASSWORD
from assistant.core.sync.service import PackSync
from assistant.core.workspace import Workspace, open_workspace
from assistant.ui.context import UiContext
from assistant.ui.packs.packs_window import PacksWindow
from tests.core.sync.servers import USER, DavServer
from tests.helpers import run_kefu
from tests.ui.helpers import CHANGE_TIMEOUT_MS
from tests.ui.modals import Modals, press, type_text

REPO = Path(__file__).resolve().parents[3]
WAIT_MS = 30_000  # a sync on a loaded CI machine
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def window(ctx: UiContext, qtbot: QtBot) -> PacksWindow:
    shown = PacksWindow(ctx)
    qtbot.addWidget(shown)
    with qtbot.waitExposed(shown):
        shown.show()
    return shown


def pack_rows(window: PacksWindow) -> dict[str, list[str]]:
    """Name -> [kind, version, phrase count, source], as the list shows them."""
    rows = {}
    for i in range(window.packs.topLevelItemCount()):
        item = window.packs.topLevelItem(i)
        rows[item.text(0)] = [item.text(column) for column in range(1, 5)]
    return rows


def click(qtbot: QtBot, window: PacksWindow, label: str) -> None:
    [button] = [b for b in window.findChildren(QPushButton) if b.text() == label]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def select_pack(window: PacksWindow, name: str) -> None:
    [item] = window.packs.findItems(name, Qt.MatchFlag.MatchExactly, 0)
    window.packs.setCurrentItem(item)


def wait_done(qtbot: QtBot, window: PacksWindow) -> None:
    task = window.task
    assert task is not None, "no background work started"
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT_MS)


def status_lines(window: PacksWindow) -> list[str]:
    return window.status.toPlainText().splitlines()


def texts(ws: Workspace, query: str) -> list[str]:
    return [p.text for p in ws.phrases.search(query)]


def test_the_list_shows_each_pack_with_its_kind_version_and_count(window: PacksWindow) -> None:
    rows = pack_rows(window)
    for file in ("basic.json", "auto-reply.json"):  # read from the shipped files, not the app
        shipped = json.loads((REPO / "phrases" / file).read_text(encoding="utf-8"))
        kind, version, count, _source = rows[shipped["name"]]
        assert (kind, version, count) == ("内置", shipped["version"], str(len(shipped["phrases"])))
    assert rows["我的短语"][0] == "我的"
    assert status_lines(window) == ["还没有订阅或发布任何短语包"]
    assert window.conflicts.count() == 0


def test_a_new_pack_from_the_button_is_listed_as_mine(
    ctx: UiContext, window: PacksWindow, modals: Modals, qtbot: QtBot
) -> None:
    click(qtbot, window, "新建短语包")  # no answer queued: the dialog is cancelled
    assert [s.title for s in modals.seen] == ["新建短语包"]
    before = set(pack_rows(window))

    modals.then(type_text("售后话术"))
    click(qtbot, window, "新建短语包")

    qtbot.waitUntil(lambda: "售后话术" in pack_rows(window), timeout=CHANGE_TIMEOUT_MS)
    assert set(pack_rows(window)) == before | {"售后话术"}  # the cancelled one made nothing
    assert pack_rows(window)["售后话术"][0] == "我的"
    assert pack_rows(window)["售后话术"][2] == "0"
    found = ctx.ws.phrases.packs.find("售后话术")
    assert found is not None and found.kind == "own"


def test_subscribing_to_a_shared_folder_from_the_button(
    ctx: UiContext,
    window: PacksWindow,
    modals: Modals,
    shared: Path,
    publish: Callable[..., str],
    qtbot: QtBot,
) -> None:
    publish(str(shared), "亲，团队统一：下午四点前付款当天发货")
    modals.then(type_text(str(shared)))

    click(qtbot, window, "订阅…")
    wait_done(qtbot, window)

    assert [s.kind for s in modals.seen] == ["input"]  # a folder asks for no user name
    assert any(line.startswith("✓ 团队话术") for line in status_lines(window))
    qtbot.waitUntil(lambda: "团队话术" in pack_rows(window), timeout=CHANGE_TIMEOUT_MS)
    kind, _version, count, source = pack_rows(window)["团队话术"]
    assert (kind, count, source) == ("订阅", "1", str(shared))
    assert f"订阅：{shared}" in status_lines(window)
    assert "亲，团队统一：下午四点前付款当天发货" in texts(ctx.ws, "团队统一")
    assert [s.source for s in PackSync(ctx.ws.phrases).subscriptions()] == [str(shared)]


def test_subscribing_to_a_webdav_server_asks_for_the_user_name(
    ctx: UiContext,
    window: PacksWindow,
    modals: Modals,
    dav: DavServer,
    publish: Callable[..., str],
    qtbot: QtBot,
) -> None:
    publish(dav.url, "亲，WebDAV 上的团队短语：支持七天无理由退货", user=USER)
    modals.then(type_text(dav.url), type_text(USER))

    click(qtbot, window, "订阅…")
    wait_done(qtbot, window)

    assert [s.text for s in modals.seen] == [
        "共享文件夹路径，或 WebDAV 地址（https://…）：",
        "WebDAV 用户名：",
    ]
    assert any(line.startswith("✓ 团队话术") for line in status_lines(window))
    qtbot.waitUntil(
        lambda: f"订阅：{dav.url}（{USER}）" in status_lines(window), timeout=CHANGE_TIMEOUT_MS
    )
    assert "亲，WebDAV 上的团队短语：支持七天无理由退货" in texts(ctx.ws, "七天无理由")


def test_sync_now_brings_the_leads_new_phrase_and_says_when_nothing_is_subscribed(
    ctx: UiContext,
    window: PacksWindow,
    shared: Path,
    publish: Callable[..., str],
    qtbot: QtBot,
) -> None:
    click(qtbot, window, "立即同步")
    wait_done(qtbot, window)
    assert status_lines(window)[-1] == "✓ 还没有订阅"

    publish(str(shared), "亲，第一版团队短语")
    assert all(r.ok for r in PackSync(ctx.ws.phrases).subscribe(str(shared)))
    publish(str(shared), "亲，组长新加的：周末也正常发货")
    assert "亲，组长新加的：周末也正常发货" not in texts(ctx.ws, "周末")

    click(qtbot, window, "立即同步")
    assert "正在同步" in window.activity.text()
    wait_done(qtbot, window)

    assert status_lines(window)[-1].startswith("✓ 团队话术")
    assert window.activity.text() == ""
    assert "亲，组长新加的：周末也正常发货" in texts(ctx.ws, "周末")
    qtbot.waitUntil(
        lambda: pack_rows(window).get("团队话术", [""] * 4)[2] == "2", timeout=CHANGE_TIMEOUT_MS
    )


def test_unsubscribing_with_kefu_shows_in_the_open_window(
    ctx: UiContext, window: PacksWindow, shared: Path, publish: Callable[..., str], qtbot: QtBot
) -> None:
    # Another process (`kefu pack unsubscribe`) changes the data folder: the open window
    # shows it.
    publish(str(shared), "亲，团队短语")
    assert all(r.ok for r in PackSync(ctx.ws.phrases).subscribe(str(shared)))
    window.refresh()
    assert f"订阅：{shared}" in status_lines(window)

    done = run_kefu(ctx.ws.path, "pack", "unsubscribe", str(shared))
    assert done.returncode == 0, done.stderr

    qtbot.waitUntil(
        lambda: f"订阅：{shared}" not in status_lines(window), timeout=CHANGE_TIMEOUT_MS
    )
    assert "团队话术" in pack_rows(window)  # the synced phrases stay


def test_unsubscribing_from_the_window_keeps_the_phrases_and_stops_the_sync(
    ctx: UiContext,
    window: PacksWindow,
    shared: Path,
    publish: Callable[..., str],
    modals: Modals,
    qtbot: QtBot,
) -> None:
    publish(str(shared), "亲，团队短语")
    assert all(r.ok for r in PackSync(ctx.ws.phrases).subscribe(str(shared)))
    window.refresh()

    click(qtbot, window, "取消订阅所选…")  # nothing selected: say what to do
    assert modals.texts() == ["请先在列表中选择一个订阅的短语包"]
    select_pack(window, "通用客服短语")  # a built-in pack has no source to leave
    click(qtbot, window, "取消订阅所选…")
    assert modals.texts()[-1] == "请先在列表中选择一个订阅的短语包"

    select_pack(window, "团队话术")
    modals.then(press(QMessageBox.StandardButton.No))
    click(qtbot, window, "取消订阅所选…")
    assert PackSync(ctx.ws.phrases).subscriptions() != []  # No changes nothing

    modals.then(press(QMessageBox.StandardButton.Yes))
    click(qtbot, window, "取消订阅所选…")
    assert modals.texts()[-1].startswith(f"不再从 {shared} 同步？")
    assert PackSync(ctx.ws.phrases).subscriptions() == []
    assert f"订阅：{shared}" not in status_lines(window)
    assert pack_rows(window)["团队话术"][0] == "订阅已取消"
    assert texts(ctx.ws, "团队短语") == ["亲，团队短语"]  # the synced phrases stay

    publish(str(shared), "亲，组长的新短语")
    click(qtbot, window, "立即同步")
    wait_done(qtbot, window)
    assert texts(ctx.ws, "组长的新短语") == []  # no longer followed


def test_publishing_the_selected_pack_to_a_folder_and_to_webdav(
    ctx: UiContext,
    window: PacksWindow,
    modals: Modals,
    shared: Path,
    dav: DavServer,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    pack = ctx.ws.phrases.packs.create("售后话术")
    ctx.ws.phrases.add("亲，退货地址请看订单详情页", pack=pack.id, group="售后")
    window.refresh()
    select_pack(window, "售后话术")

    modals.then(type_text(str(shared)))
    click(qtbot, window, "发布所选…")
    wait_done(qtbot, window)
    assert status_lines(window)[-1].startswith("✓ 售后话术")
    assert list((shared / pack.id).glob("v*.json"))  # the version file is on the share

    modals.then(type_text(dav.url), type_text(USER))
    select_pack(window, "售后话术")
    click(qtbot, window, "发布所选…")
    wait_done(qtbot, window)
    assert status_lines(window)[-1].startswith("✓ 售后话术")
    assert list((dav.folder / pack.id).glob("v*.json"))

    # A colleague subscribing to either place gets the phrase.
    for spec, user in ((str(shared), None), (dav.url, USER)):
        colleague = open_workspace(tmp_path / f"colleague-{user}", builtins=False)
        assert all(r.ok for r in PackSync(colleague.phrases).subscribe(spec, user))
        assert texts(colleague, "退货地址") == ["亲，退货地址请看订单详情页"]


def test_publishing_with_no_pack_selected_asks_to_select_one(
    window: PacksWindow, modals: Modals, qtbot: QtBot
) -> None:
    # The list has focus, so Qt made its first row (我的短语) current, and nothing is selected:
    # publishing must not take that row for the user's choice.
    assert window.packs.currentItem() is not None and window.packs.selectedItems() == []
    click(qtbot, window, "发布所选…")
    assert modals.texts() == ["请先在列表中选择一个短语包"]
    assert modals.texts("input") == []  # no address asked for
    assert window.task is None


def _refusal(
    qtbot: QtBot, window: PacksWindow, modals: Modals, *answers: Callable[..., None]
) -> str:
    modals.then(*answers)
    click(qtbot, window, "订阅…")
    wait_done(qtbot, window)
    [message] = modals.texts()
    assert status_lines(window)[-1] == f"✗ {message}"
    assert all(b.isEnabled() for b in window._network_buttons)  # ready to try again
    return message


def _plain_chinese(message: str) -> None:
    assert CJK.search(message), message
    assert "\n" not in message and "Traceback" not in message
    assert not re.search(r"\b[A-Z][a-z]+(Error|Exception)\b", message), message


def test_a_missing_folder_is_refused_in_chinese(
    ctx: UiContext, window: PacksWindow, modals: Modals, tmp_path: Path, qtbot: QtBot
) -> None:
    missing = tmp_path / "没有这个文件夹"
    message = _refusal(qtbot, window, modals, type_text(str(missing)))
    _plain_chinese(message)
    assert str(missing) in message
    assert PackSync(ctx.ws.phrases).subscriptions() == []


def test_a_wrong_webdav_password_is_refused_in_chinese(
    ctx: UiContext,
    window: PacksWindow,
    modals: Modals,
    dav: DavServer,
    publish: Callable[..., str],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    publish(dav.url, "亲，团队短语", user=USER)
    monkeypatch.setenv(ENV_PASSWORD, "not-the-password")
    message = _refusal(qtbot, window, modals, type_text(dav.url), type_text(USER))
    _plain_chinese(message)
    assert "亲，团队短语" not in texts(ctx.ws, "团队短语")


def test_a_failing_webdav_server_is_refused_in_chinese(
    ctx: UiContext,
    window: PacksWindow,
    modals: Modals,
    dav: DavServer,
    publish: Callable[..., str],
    qtbot: QtBot,
) -> None:
    publish(dav.url, "亲，团队短语", user=USER)
    dav.fault.status = 503
    message = _refusal(qtbot, window, modals, type_text(dav.url), type_text(USER))
    _plain_chinese(message)


def _conflict(ctx: UiContext, lead: Workspace, shared: Path, mine: str, upstream: str) -> str:
    """The agent edits a team phrase, the lead changes it too: it needs a choice."""
    pack = lead.phrases.packs.create("团队话术")
    phrase = lead.phrases.add("亲，满99元包邮", title="包邮", pack=pack.id, group="团队")
    assert PackSync(lead.phrases).publish(pack.id, str(shared)).ok
    assert all(r.ok for r in PackSync(ctx.ws.phrases).subscribe(str(shared)))
    ctx.ws.phrases.edit(phrase.id, text=mine)
    lead.phrases.edit(phrase.id, text=upstream)
    assert PackSync(lead.phrases).publish(pack.id, str(shared)).ok
    return phrase.id


@pytest.mark.parametrize(
    ("button", "kept"), [("采用上游", "upstream"), ("保留我的", "mine")], ids=["upstream", "mine"]
)
def test_a_phrase_changed_on_both_sides_is_listed_and_resolved_from_the_buttons(
    ctx: UiContext,
    window: PacksWindow,
    lead: Workspace,
    shared: Path,
    qtbot: QtBot,
    button: str,
    kept: str,
) -> None:
    mine, upstream = "亲，我们店满79元就包邮", "亲，全场满88元包邮"
    phrase_id = _conflict(ctx, lead, shared, mine, upstream)

    click(qtbot, window, "立即同步")
    wait_done(qtbot, window)

    qtbot.waitUntil(lambda: window.conflicts.count() == 1, timeout=CHANGE_TIMEOUT_MS)
    assert window.conflicts.item(0).text() == f"包邮\n我的：{mine}\n上游：{upstream}"
    assert ctx.ws.phrases.get(phrase_id).text == mine  # nothing taken before the choice

    window.conflicts.setCurrentRow(0)
    click(qtbot, window, button)

    assert ctx.ws.phrases.get(phrase_id).text == (upstream if kept == "upstream" else mine)
    assert flagged(ctx.ws.phrases) == []
    qtbot.waitUntil(lambda: window.conflicts.count() == 0, timeout=CHANGE_TIMEOUT_MS)


def test_a_choice_the_phrase_does_not_offer_is_not_offered(
    ctx: UiContext,
    window: PacksWindow,
    modals: Modals,
    lead: Workspace,
    shared: Path,
    qtbot: QtBot,
) -> None:
    phrase_id = _conflict(ctx, lead, shared, "亲，我的版本", "亲，上游的版本")
    PackSync(ctx.ws.phrases).sync_all()
    window.refresh()
    window.conflicts.setCurrentRow(0)

    # Only 上游 changed: there is no other text, so its button is off (issue 14; it used to
    # be on and answered with a refusal; that refusal is tested in tests/cli/test_pack_sync_cli).
    [other] = [b for b in window.findChildren(QPushButton) if b.text() == "采用其他文本 1"]
    assert not other.isEnabled()
    click(qtbot, window, "采用其他文本 1")

    assert modals.texts() == []
    assert ctx.ws.phrases.get(phrase_id).text == "亲，我的版本"
    assert window.conflicts.count() == 1


def test_the_selected_pack_stays_selected_when_another_process_changes_the_library(
    ctx: UiContext, window: PacksWindow, modals: Modals, shared: Path, qtbot: QtBot
) -> None:
    pack = ctx.ws.phrases.packs.create("售后话术")
    window.refresh()
    select_pack(window, "售后话术")
    mine_before = pack_rows(window)["我的短语"][2]

    added = run_kefu(ctx.ws.path, "add", "亲，另一个进程加的短语")  # the list refreshes
    assert added.returncode == 0, added.stderr
    qtbot.waitUntil(
        lambda: pack_rows(window)["我的短语"][2] != mine_before, timeout=CHANGE_TIMEOUT_MS
    )

    assert [i.text(0) for i in window.packs.selectedItems()] == ["售后话术"]
    modals.then(type_text(str(shared)))
    click(qtbot, window, "发布所选…")
    wait_done(qtbot, window)
    assert list((shared / pack.id).glob("v*.json"))  # the pack the user chose, published
