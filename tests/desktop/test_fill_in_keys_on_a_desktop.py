"""The fill-in page's keys under a window manager, as its bottom line states them ("Enter
下一项，填完确定 · Tab 切换 · Esc 取消"), on a form of two fields: real openbox, real keys
(xdotool), the clipboard as another program reads it (xclip)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.desktop.desktop import ChatWindow, Desktop, kefu, open_panel, start_app, wait_for

PANEL = "快速查找"


@pytest.fixture
def data(desk: Desktop, seeded_dir: Path) -> Path:
    for args in (
        ("add", "您要的{?尺码:38}码，{?数量:1}件", "--code", "cmsl", "--title", "尺码数量"),
        ("shop", "--set", "发货时间=48小时内"),
    ):
        done = kefu(desk, seeded_dir, *args)
        assert done.returncode == 0, done.stderr
    return seeded_dir


def open_form(desk: Desktop, chat: ChatWindow) -> str:
    panel = open_panel(desk, chat)
    desk.type("cmsl")
    desk.key("Return")
    return panel


def test_tab_switches_and_enter_walks_both_fields_then_copies(
    desk: Desktop, chat: ChatWindow, data: Path
) -> None:
    start_app(desk, data)
    panel = open_form(desk, chat)
    desk.type("40")  # replaces the first field's selected default
    desk.key("Tab")
    desk.type("2")  # Tab selects the second field's default: replaced too
    desk.key("shift+Tab")
    desk.type("41")
    desk.key("Return")  # to the next field, its value selected; nothing copied yet
    desk.type("3")  # had Enter copied, this would go to the chat window
    assert desk.topmost_of([panel, chat.window]) == panel
    desk.key("Return")  # on the last field: answers

    desk.wait_clipboard("您要的41码，3件")
    desk.wait_gone(PANEL)
    wait_for("focus back in the chat window", lambda: desk.active_window() == chat.window)


def test_esc_in_the_second_field_cancels_and_copies_nothing(
    desk: Desktop, chat: ChatWindow, data: Path
) -> None:
    start_app(desk, data)
    panel = open_form(desk, chat)
    desk.key("Return")  # the first default taken: on to the second field
    desk.key("Escape")
    assert desk.windows(PANEL) and desk.active_window() == panel  # back on the results
    desk.key("Escape")
    desk.wait_gone(PANEL)
    wait_for("focus back in the chat window", lambda: desk.active_window() == chat.window)
    assert desk.clipboard() == b""
