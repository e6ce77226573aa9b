"""The global hotkey on a real X server with a window manager: the app grabs the combination
from the X server, so the window that has focus never receives it (a chat client's send button
must not be pressed a second time), whatever NumLock is, and a combination another program
holds is reported, not a crash. xdotool presses the keys; a small python-xlib client plays the
other program."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import cast

import pytest
from Xlib import X
from Xlib.display import Display

from assistant.ui.system.hotkey import HotkeySignal, taken_reason
from assistant.ui.system.hotkey_x11 import X11Hotkey
from tests.desktop.desktop import PYTHON, ChatWindow, Desktop, kefu, start_app, wait_for

PANEL = "快速查找"
MAIN_WINDOW = "客服快捷助手"
SETTINGS = "设置 — 客服快捷助手"
WARNING = "快捷键不可用"
KEY_SPACE = 32  # Qt.Key_Space
KEY_F1 = 0x01000030  # Qt.Key_F1
KEY_Z = 90  # Qt.Key_Z
SIGNAL_S = 10.0  # a hang guard for a key press to arrive

# Another X client that grabs Ctrl+Alt+<key> as a hotkey tool would: "hold" keeps the grab
# until the test ends, "try" says whether it could and lets go.
OTHER_CLIENT = r"""
import signal, sys
from Xlib import X, XK, error
from Xlib.display import Display

display = Display()
keycode = display.keysym_to_keycode(XK.string_to_keysym(sys.argv[1]))
caught = error.CatchError(error.BadAccess)
display.screen().root.grab_key(
    keycode, X.ControlMask | X.Mod1Mask, False, X.GrabModeAsync, X.GrabModeAsync, onerror=caught
)
display.sync()
print("taken" if caught.get_error() else "grabbed", flush=True)
if sys.argv[2] == "hold":
    signal.pause()
"""


def other_client(desk: Desktop, key: str = "space") -> str:
    """Whether another program can grab Ctrl+Alt+<key> now: "grabbed" or "taken"."""
    script = desk.root / "other_client.py"
    script.write_text(OTHER_CLIENT, "utf-8")
    return desk.run(PYTHON, str(script), key, "try").strip()


def hold_in_other_client(desk: Desktop, key: str = "space") -> None:
    script = desk.root / "other_client.py"
    script.write_text(OTHER_CLIENT, "utf-8")
    log = desk.root / "other_client.log"
    desk.start(PYTHON, str(script), key, "hold", log=log)
    wait_for("the other client's grab", lambda: log.exists() and "grabbed" in log.read_text())


def chat_hears_keys(desk: Desktop, chat: ChatWindow) -> None:
    """The chat window records what reaches it: shown by a key that must reach it."""
    desk.activate(chat.window)
    desk.type("a")
    wait_for("the chat window to record a key", chat.key_presses)


def chat_caught_up(desk: Desktop, chat: ChatWindow) -> list[tuple[int, int]]:
    """Every key press sent to the chat window so far, once it has recorded them all: X
    delivers a client's events in order, so a key typed now is recorded after any earlier."""
    desk.activate(chat.window)
    before = len(chat.key_presses())
    desk.type("z")
    wait_for("the chat window to record z", lambda: KEY_Z in keys(chat.key_presses()[before:]))
    return chat.key_presses()


def keys(presses: list[tuple[int, int]]) -> list[int]:
    return [key for key, _modifiers in presses]


def test_the_hotkey_opens_the_panel_and_never_reaches_the_chat_window(
    desk: Desktop, chat: ChatWindow, seeded_dir: Path
) -> None:
    start_app(desk, seeded_dir)
    chat_hears_keys(desk, chat)

    desk.key("ctrl+alt+space")
    panel = desk.wait_window(PANEL)
    wait_for("the panel to take focus", lambda: desk.active_window() == panel)

    received = chat_caught_up(desk, chat)
    assert KEY_SPACE not in keys(received), f"the hotkey reached the chat window: {received}"


def test_the_hotkey_works_with_numlock_on(
    desk: Desktop, chat: ChatWindow, seeded_dir: Path
) -> None:
    start_app(desk, seeded_dir)
    chat_hears_keys(desk, chat)
    desk.run("xdotool", "key", "Num_Lock")
    display = Display(desk.display)
    try:
        assert display.screen().root.query_pointer().mask & X.Mod2Mask  # NumLock is on
    finally:
        display.close()

    # Not desk.key: its --clearmodifiers would take NumLock's state into account.
    desk.run("xdotool", "key", "ctrl+alt+space")
    desk.wait_window(PANEL)
    assert KEY_SPACE not in keys(chat_caught_up(desk, chat))


def test_a_hotkey_another_program_holds_is_reported_and_the_app_runs_on(
    desk: Desktop, seeded_dir: Path
) -> None:
    hold_in_other_client(desk)
    app = start_app(desk, seeded_dir)

    desk.wait_window(WARNING)  # the message box, shown without stopping the start
    assert taken_reason("Ctrl+Alt+Space") in app.output()
    assert kefu(desk, seeded_dir, "show").returncode == 0  # still answers, the panel opens
    desk.wait_window(PANEL)
    assert app.proc.poll() is None


def test_a_hotkey_changed_in_settings_releases_the_old_one_and_works(
    desk: Desktop, chat: ChatWindow, seeded_dir: Path
) -> None:
    start_app(desk, seeded_dir)
    assert other_client(desk) == "taken"  # the app holds Ctrl+Alt+Space

    # As a keyboard user: no tray here, so the app's small window; 设置… is its sixth button.
    main = desk.wait_window(MAIN_WINDOW)
    desk.activate(main)
    desk.key(*["Tab"] * 5, "space")
    settings = desk.wait_window(SETTINGS)
    wait_for("设置 to take focus", lambda: desk.active_window() == settings)
    # Focus starts on 保存; Tab past 取消 comes round to the hotkey field, first in the dialog.
    desk.key("Tab", "Tab", "ctrl+shift+F1", "Return")
    desk.wait_gone(SETTINGS)

    wait_for("Ctrl+Alt+Space to be free", lambda: other_client(desk) == "grabbed")
    chat_hears_keys(desk, chat)
    desk.key("ctrl+shift+F1")
    desk.wait_window(PANEL)
    assert KEY_F1 not in keys(chat_caught_up(desk, chat))


# -- the X11 backend itself, in this process, against the same X server ------------------------


class Pressed:
    """Records the backend's ``pressed.emit()`` in its own thread. The real HotkeySignal
    delivers it queued to the GUI thread, which needs a running Qt event loop that this test
    process does not have; the app tests above go through it."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.pressed = self

    def emit(self) -> None:
        self.event.set()


@pytest.fixture
def pressed() -> Pressed:
    return Pressed()


def hotkey_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "kefu-hotkey"]


def test_re_registering_keeps_one_thread_and_leaves_no_grab(
    desk: Desktop, pressed: Pressed
) -> None:
    hotkey = X11Hotkey(cast(HotkeySignal, pressed), desk.display)
    assert hotkey.register("Ctrl+Alt+Space") is None
    assert hotkey.register("Ctrl+Alt+1") is None
    assert len(hotkey_threads()) == 1
    assert other_client(desk, "space") == "grabbed"  # the first one was released
    assert other_client(desk, "1") == "taken"

    desk.key("ctrl+alt+1")
    assert pressed.event.wait(SIGNAL_S)

    hotkey.unregister()
    assert hotkey_threads() == []
    assert other_client(desk, "1") == "grabbed"


def test_a_taken_or_unusable_combination_is_a_reason_and_no_thread(
    desk: Desktop, pressed: Pressed
) -> None:
    hold_in_other_client(desk)
    hotkey = X11Hotkey(cast(HotkeySignal, pressed), desk.display)
    assert hotkey.register("Ctrl+Alt+Space") == taken_reason("Ctrl+Alt+Space")
    assert hotkey.register("Esc") == "Esc 用来关闭窗口和取消，不能用作全局快捷键"
    assert hotkey_threads() == []
    hotkey.unregister()  # nothing to undo: no error
