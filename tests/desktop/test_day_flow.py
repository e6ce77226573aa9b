"""The flow an agent repeats all day, on a real desktop: in the chat window, press the
hotkey, type a code, press Enter; the phrase is on the clipboard as another X client sees it
and focus is back in the chat window."""

from __future__ import annotations

import json
from pathlib import Path

from tests.desktop.desktop import ChatWindow, Desktop, kefu, start_app, wait_for

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


def test_a_copied_buyer_question_is_answered_and_the_choice_is_learned(
    desk: Desktop, chat: ChatWindow, seeded_dir: Path
) -> None:
    """Ctrl+C on the buyer's message in the chat window (here: another X client owns the
    clipboard), the hotkey, Enter: an answer is on the clipboard and was learned for it."""
    question = "这件衣服能便宜点吗"
    app = start_app(desk, seeded_dir)
    wait_for("the answers to be ready", lambda: "kefu: answers ready" in app.output() or None)
    offered = kefu(desk, seeded_dir, "suggest", question, "--json")
    assert offered.returncode == 0, offered.stderr
    top = json.loads(offered.stdout)[0]  # what the panel lists first for the question
    desk.set_clipboard(question)
    desk.activate(chat.window)

    desk.key("ctrl+alt+space")
    panel = desk.wait_window(PANEL)
    wait_for("the panel to take focus", lambda: desk.active_window() == panel)
    desk.key("Return")
    if "{?" in top["text"]:  # it asks its fill-in inside the panel: Enter takes the default
        desk.key("Return")

    answer = wait_for(
        "an answer on the clipboard",
        lambda: ((t := desk.clipboard().decode("utf-8")) != question and t) or None,
    )
    desk.wait_gone(PANEL)
    learned = kefu(desk, seeded_dir, "suggest", question, "--json")
    assert learned.returncode == 0, learned.stderr
    [first, *_] = json.loads(learned.stdout)
    assert first["group"] in ("议价", "比价")
    assert kefu(desk, seeded_dir, "render", first["id"]).stdout.strip()[:8] == answer[:8]
    assert chat.text() == ""  # no Enter went on to the chat window
