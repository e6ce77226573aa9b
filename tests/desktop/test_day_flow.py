"""The flow an agent repeats all day, on a real desktop: in the chat window, press the
hotkey, type a code, press Enter; the phrase is on the clipboard as another X client sees it
and focus is back in the chat window."""

from __future__ import annotations

from pathlib import Path

from tests.desktop.desktop import ChatWindow, Desktop, start_app, wait_for

PANEL = "快速查找"


def test_hotkey_code_enter_puts_the_phrase_on_the_clipboard(
    desk: Desktop, chat: ChatWindow, seeded_dir: Path
) -> None:
    start_app(desk, seeded_dir)
    desk.activate(chat.window)

    desk.key("ctrl+alt+space")
    panel = desk.wait_window(PANEL)
    wait_for("the panel to take focus", lambda: desk.active_window() == panel)
    desk.type("cf")
    desk.key("Return")

    text = desk.wait_clipboard("亲")
    assert "付款" in text or "拍" in text
    desk.wait_gone(PANEL)
    wait_for("focus back in the chat window", lambda: desk.active_window() == chat.window)
