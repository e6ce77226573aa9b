"""The tray menu and the app's presence: menu contents, one-click copy, the no-tray window.

The app is built with FakeHotkey: registering a global hotkey with the OS cannot run offscreen.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QPushButton
from pytestqt.qtbot import QtBot

from assistant.core.system.instance import send_to_running
from assistant.core.workspace import Workspace, open_workspace
from assistant.ui.app import NO_TRAY_REASON, KefuApp
from assistant.ui.system.hotkey import FakeHotkey
from assistant.ui.tray_menu import TrayActions, fill_menu, menu_label
from tests.ui.helpers import CHANGE_TIMEOUT_MS, clipboard_text, exposed

MakeApp = Callable[..., KefuApp]


def top_level(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def submenu(menu: QMenu, title: str) -> QMenu:
    for action in menu.actions():
        if action.menu() is not None and action.text() == title:
            return action.menu()
    raise AssertionError(f"no submenu {title!r} in {top_level(menu)}")


def find_action(menu: QMenu, shown: str) -> QAction:
    """An action by the text the user sees (mnemonic markers removed)."""
    for action in menu.actions():
        if action.iconText() == shown:
            return action
    raise AssertionError(f"no action showing {shown!r}: {[a.iconText() for a in menu.actions()]}")


def recording_actions(calls: list[str]) -> TrayActions:
    return TrayActions(
        quick_find=lambda: calls.append("quick_find"),
        copy_phrase=lambda p: calls.append(f"copy:{p.id}"),
        buyers=lambda: calls.append("buyers"),
        phrases=lambda: calls.append("phrases"),
        packs=lambda: calls.append("packs"),
        stats=lambda: calls.append("stats"),
        settings=lambda: calls.append("settings"),
        quit=lambda: calls.append("quit"),
    )


def test_menu_holds_quick_find_favourites_groups_and_windows(ws: Workspace, qtbot: QtBot) -> None:
    ws.phrases.edit("th1", favourite=True)
    menu = QMenu()
    calls: list[str] = []
    fill_menu(menu, ws, recording_actions(calls), "Ctrl+Alt+Space")
    texts = top_level(menu)
    groups = [g for g, _ in ws.phrases.groups()]
    assert texts[0] == "快速查找\tCtrl+Alt+Space"
    assert texts[1] == "收藏"
    assert sorted(texts[2 : 2 + len(groups)]) == sorted(groups)
    assert texts[2 + len(groups) :] == [
        "买家…",
        "短语管理…",
        "短语包与同步…",
        "统计…",
        "设置…",
        "退出",
    ]
    favourites = submenu(menu, "收藏")
    assert [a.text() for a in favourites.actions()] == [menu_label(ws.phrases.resolve("th1"))]
    returns = submenu(menu, "退换货")
    assert len(returns.actions()) == dict(ws.phrases.groups())["退换货"]

    for label in (
        "快速查找\tCtrl+Alt+Space",
        "买家…",
        "短语管理…",
        "短语包与同步…",
        "统计…",
        "设置…",
        "退出",
    ):
        next(a for a in menu.actions() if a.text() == label).trigger()
    assert calls == ["quick_find", "buyers", "phrases", "packs", "stats", "settings", "quit"]


def test_empty_favourites_say_so(ws: Workspace, qtbot: QtBot) -> None:
    menu = QMenu()
    fill_menu(menu, ws, recording_actions([]), "")
    assert top_level(menu)[0] == "快速查找"
    (only,) = submenu(menu, "收藏").actions()
    assert not only.isEnabled()


def test_an_ampersand_in_a_title_or_group_shows_as_written(ws: Workspace, qtbot: QtBot) -> None:
    phrase = ws.phrases.add("买一送一，两件包邮", title="买一送一 & 包邮", group="促销&活动")
    menu = QMenu()
    calls: list[str] = []
    fill_menu(menu, ws, recording_actions(calls), "Ctrl+Alt+Space")
    group = next(a for a in menu.actions() if a.menu() is not None and a.iconText() == "促销&活动")
    action = find_action(group.menu(), "买一送一 & 包邮")
    action.trigger()
    assert calls == [f"copy:{phrase.id}"]


def test_triggering_a_phrase_copies_it_and_records_a_use(
    ws: Workspace, make_app: MakeApp, qtbot: QtBot
) -> None:
    ws.shop.update({"店铺": "小花鞋铺"})
    phrase = ws.phrases.add("欢迎光临{店铺}，{昵称}有什么可以帮您", title="进店欢迎", group="问候")
    app = make_app(ws)
    app.menu.aboutToShow.emit()  # what opening the tray menu does
    action = find_action(submenu(app.menu, "问候"), "进店欢迎")
    action.trigger()
    assert clipboard_text() == "欢迎光临小花鞋铺，亲有什么可以帮您"
    assert ws.phrases.get(phrase.id).use_count == 1


def test_a_multi_message_phrase_from_the_menu_copies_the_first_message(
    ws: Workspace, make_app: MakeApp, qtbot: QtBot
) -> None:
    ws.phrases.add("第一条\n---\n第二条", title="两条", group="问候")
    app = make_app(ws)
    find_action(submenu(app.menu, "问候"), "两条").trigger()
    assert clipboard_text() == "第一条"


def test_a_multi_message_phrase_from_the_menu_steps_through_the_rest_in_the_panel(
    ws: Workspace, make_app: MakeApp, qtbot: QtBot
) -> None:
    phrase = ws.phrases.add("第一条\n---\n第二条\n---\n第三条", title="三连发", group="问候")
    app = make_app(ws)
    find_action(submenu(app.menu, "问候"), "三连发").trigger()
    assert clipboard_text() == "第一条"
    assert app.panel.isVisible()
    assert app.panel.current_phrase().id == phrase.id
    assert "1/3" in app.panel.status.text()
    # the copy's own change notice refreshes the panel; the next message must survive it
    with qtbot.waitSignal(app.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        pass
    qtbot.keyClick(app.panel.search, Qt.Key.Key_Return)
    assert clipboard_text() == "第二条"
    qtbot.keyClick(app.panel.search, Qt.Key.Key_Return)
    assert clipboard_text() == "第三条"
    assert not app.panel.isVisible()
    assert ws.phrases.get(phrase.id).use_count == 1


def test_the_menu_splits_messages_by_the_same_rule_as_the_panel(
    ws: Workspace, make_app: MakeApp, qtbot: QtBot
) -> None:
    # a break line with spaces after the dashes, as typed in an editor, is still a break
    ws.phrases.add("第一条\n---  \n第二条", title="两条", group="问候")
    app = make_app(ws)
    find_action(submenu(app.menu, "问候"), "两条").trigger()
    assert clipboard_text() == "第一条"


def test_a_fill_in_phrase_from_the_menu_opens_the_panel_on_it(
    ws: Workspace, make_app: MakeApp, qtbot: QtBot
) -> None:
    phrase = ws.phrases.add("您要的{?尺码:38}码到了", title="到货", group="问候", code="dh")
    app = make_app(ws)
    with qtbot.waitExposed(app.panel):
        find_action(submenu(app.menu, "问候"), "到货  [dh]").trigger()
    assert app.panel.current_phrase().id == phrase.id
    assert clipboard_text() == ""  # nothing copied before the form is filled


def test_the_menu_is_rebuilt_when_it_opens(ws: Workspace, make_app: MakeApp, qtbot: QtBot) -> None:
    app = make_app(ws)
    assert "新分组" not in top_level(app.menu)
    ws.phrases.add("新内容", title="新短语", group="新分组")
    app.menu.aboutToShow.emit()
    assert "新分组" in top_level(app.menu)
    assert find_action(submenu(app.menu, "新分组"), "新短语")


def test_the_hotkey_is_registered_and_opens_the_panel(
    ws: Workspace, make_app: MakeApp, qtbot: QtBot
) -> None:
    app = make_app(ws)
    assert isinstance(app.hotkey, FakeHotkey)
    assert app.hotkey.sequence == "Ctrl+Alt+Space"
    assert top_level(app.menu)[0] == "快速查找\tCtrl+Alt+Space"
    assert not app.panel.isVisible()
    with qtbot.waitExposed(app.panel):
        app.hotkey.press()  # stands in for the OS reporting the key combination
    qtbot.waitUntil(app.panel.search.hasFocus)  # on top, with the search field focused


def test_without_a_tray_the_main_window_says_why_once(
    ws: Workspace, make_app: MakeApp, qtbot: QtBot
) -> None:
    first = make_app(ws, use_tray=False)
    assert first.tray is None
    window = first.main_window
    assert window is not None
    assert exposed(window)
    assert window.notice.isVisible()
    assert window.notice.text() == NO_TRAY_REASON
    assert ws.settings.load().tray_notice_shown

    first.server.close()
    window.hide()
    second = make_app(open_workspace(ws.path), use_tray=False)
    assert second.main_window is not None
    assert exposed(second.main_window)  # shown, so the hidden notice means something
    assert not second.main_window.notice.isVisible()


def test_closing_the_main_window_keeps_the_app(
    ws: Workspace, make_app: MakeApp, qtbot: QtBot
) -> None:
    app = make_app(ws, use_tray=False)
    window = app.main_window
    assert window is not None
    assert exposed(window)
    assert not window.close()  # refused: closing never quits, 退出 does
    assert window.isVisible()
    quick_find = next(
        b for b in window.findChildren(QPushButton) if b.text().startswith("快速查找")
    )
    assert quick_find.text() == "快速查找（Ctrl+Alt+Space）"
    with qtbot.waitExposed(app.panel):
        quick_find.click()


def test_quit_from_the_main_window_ends_the_app(  # the subprocess test quits it for real
    ws: Workspace, make_app: MakeApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    exits: list[int] = []
    # Ending this process's event loop would end the test run: record the request instead.
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))
    monkeypatch.setattr(QApplication, "quit", lambda: exits.append(-1))
    app = make_app(ws, use_tray=False)
    window = app.main_window
    assert window is not None
    quit_button = next(b for b in window.findChildren(QPushButton) if b.text() == "退出")
    quit_button.click()
    assert exits == [0]  # not quit(): Qt 6 cancels that when a window refuses to close
    assert app.hotkey.sequence is None  # unregistered
    assert not send_to_running(ws.path, "show")  # no longer listening


def test_what_the_start_opens_waits_for_the_main_window_to_be_in_front(
    ws: Workspace, make_app: MakeApp, qtbot: QtBot
) -> None:
    """Without a tray the main window is the app's presence: the panel (``--show``, a second
    launch) and the first-run window open once it is on the screen, never before it, where
    the main window coming up later would cover them and take their focus."""
    app = make_app(ws, use_tray=False)
    assert app.main_window is not None
    seen: list[bool] = []
    app.when_present(lambda: seen.append(exposed(app.main_window)))
    assert seen == []  # from the event loop, not from inside the call
    qtbot.waitUntil(lambda: seen != [])
    assert seen == [True]
    assert app.present
    later: list[str] = []
    app.when_present(lambda: later.append("now"))  # already up: the next turn of the loop
    qtbot.waitUntil(lambda: later == ["now"])


def test_with_a_tray_the_start_waits_for_nothing(
    ws: Workspace, make_app: MakeApp, qtbot: QtBot
) -> None:
    app = make_app(ws, use_tray=True)
    assert app.present
    seen: list[str] = []
    app.when_present(lambda: seen.append("up"))
    qtbot.waitUntil(lambda: seen == ["up"])
