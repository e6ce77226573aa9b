"""The start on a desktop without a tray (GNOME's default; openbox here): the app's own
window is its presence, and it must be on the screen and in front before the app says it is
ready. One that was mapped later took the focus from whatever the agent had done meanwhile:
a panel the hotkey had opened lost the focus and hid (CI, one run in many)."""

from __future__ import annotations

from pathlib import Path

from tests.desktop.desktop import ChatWindow, Desktop, open_panel, start_app, wait_for

MAIN = "^客服快捷助手$"  # the other windows' titles end with the app's name too


def test_the_start_window_is_up_before_ready_and_the_hotkey_panel_keeps_the_focus(
    desk: Desktop, chat: ChatWindow, seeded_dir: Path
) -> None:
    start_app(desk, seeded_dir)
    [main] = desk.windows(MAIN)  # already mapped when "ready" was said, not some time after
    wait_for("the start window to have the focus", lambda: desk.active_window() == main)
    assert desk.is_above(main, chat.window)

    panel = open_panel(desk, chat)  # the chat activated, the hotkey: the panel has the focus
    desk.type("cf")
    desk.key("Return")
    desk.wait_clipboard("亲")
    desk.wait_gone("快速查找")
    wait_for("focus back in the chat window", lambda: desk.active_window() == chat.window)
    assert panel not in desk.windows("快速查找")
