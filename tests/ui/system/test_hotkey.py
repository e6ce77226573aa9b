"""Qt's portable hotkey text → what each backend registers, and which combinations may be the
global hotkey at all. Pure mapping: no X server, no Windows (the Windows backend itself was not
run, see its module)."""

from __future__ import annotations

import pytest
from Xlib import XK

from assistant.core.settings import default_hotkey
from assistant.ui.system.hotkey import HotkeySignal, KeyCombination, parse_sequence, unusable_reason
from assistant.ui.system.hotkey_macos import (
    CMD_KEY,
    CONTROL_KEY,
    OPTION_KEY,
    SHIFT_KEY,
    MacHotkey,
    key_code,
)
from assistant.ui.system.hotkey_macos import modifier_flags as mac_modifiers
from assistant.ui.system.hotkey_pynput import to_pynput
from assistant.ui.system.hotkey_windows import (
    MOD_ALT,
    MOD_CONTROL,
    MOD_NOREPEAT,
    MOD_SHIFT,
    MOD_WIN,
    modifier_flags,
    virtual_key,
)
from assistant.ui.system.hotkey_x11 import keysym_of


@pytest.mark.parametrize(
    ("sequence", "modifiers", "key"),
    [
        ("Ctrl+Alt+Space", {"ctrl", "alt"}, "Space"),
        ("Ctrl+Shift+F1", {"ctrl", "shift"}, "F1"),
        ("Meta+K", {"meta"}, "K"),
        ("Ctrl+Alt+1", {"ctrl", "alt"}, "1"),
        ("Ctrl++", {"ctrl"}, "+"),
        ("Alt+,", {"alt"}, ","),
        ("F5", set(), "F5"),
    ],
)
def test_a_sequence_splits_into_modifiers_and_one_key(
    sequence: str, modifiers: set[str], key: str
) -> None:
    assert parse_sequence(sequence) == KeyCombination(frozenset(modifiers), key)


@pytest.mark.parametrize("sequence", ["", "Ctrl+", "Ctrl+Alt", "Ctrl+K, Ctrl+C", "Hyper+K"])
def test_what_is_not_one_key_with_modifiers_is_refused(sequence: str) -> None:
    with pytest.raises(ValueError):
        parse_sequence(sequence)


@pytest.mark.parametrize(
    ("key", "keysym"),
    [
        ("Space", XK.XK_space),
        ("F1", XK.XK_F1),
        ("F12", XK.XK_F12),
        ("K", XK.XK_k),  # the key, not the shifted letter: Shift is a modifier of its own
        ("1", XK.XK_1),
        (",", XK.XK_comma),
        ("+", XK.XK_plus),
        ("PgUp", XK.XK_Prior),
        ("PgDown", XK.XK_Next),
        ("Del", XK.XK_Delete),
        ("Ins", XK.XK_Insert),
        ("Return", XK.XK_Return),
        ("Home", XK.XK_Home),
    ],
)
def test_qt_key_names_map_to_x_keysyms(key: str, keysym: int) -> None:
    assert keysym_of(key) == keysym


def test_an_unknown_key_name_has_no_keysym() -> None:
    with pytest.raises(ValueError):
        keysym_of("NoSuchKey")


@pytest.mark.parametrize(
    ("key", "vk"),
    [("Space", 0x20), ("K", 0x4B), ("1", 0x31), ("F1", 0x70), ("F12", 0x7B), ("PgDown", 0x22)],
)
def test_qt_key_names_map_to_windows_virtual_keys(key: str, vk: int) -> None:
    assert virtual_key(key) == vk


def test_punctuation_is_left_to_the_keyboard_layout_on_windows() -> None:
    assert virtual_key(",") is None  # VkKeyScanW asks the layout, on Windows only


def test_windows_modifiers_never_repeat() -> None:
    assert modifier_flags(parse_sequence("Ctrl+Alt+Space")) == MOD_CONTROL | MOD_ALT | MOD_NOREPEAT
    assert modifier_flags(parse_sequence("Meta+Shift+K")) == MOD_WIN | MOD_SHIFT | MOD_NOREPEAT


def test_pynput_text_follows_qt_on_macos() -> None:
    # Qt's "Ctrl" is ⌘ on macOS and "Meta" is ⌃: what the recorder in 设置 wrote is pressed.
    assert to_pynput("Ctrl+Alt+Space") == "<cmd>+<alt>+<space>"
    assert to_pynput("Meta+K") == "<ctrl>+k"


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("Space", 0x31),
        ("A", 0x00),
        ("K", 0x28),
        ("T", 0x11),
        ("B", 0x0B),
        ("1", 0x12),
        ("0", 0x1D),
        (",", 0x2B),
        ("F1", 0x7A),
        ("F12", 0x6F),
        ("PgDown", 0x79),
        ("Return", 0x24),
    ],
)
def test_qt_key_names_map_to_macos_key_codes(key: str, code: int) -> None:
    assert key_code(key) == code


def test_every_letter_and_digit_has_its_own_macos_key_code() -> None:
    names = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + [str(d) for d in range(10)]
    codes = [key_code(name) for name in names]
    assert None not in codes
    assert len(set(codes)) == len(names)


def test_macos_modifiers_follow_qt() -> None:
    assert mac_modifiers(parse_sequence("Ctrl+Alt+Space")) == CMD_KEY | OPTION_KEY
    assert mac_modifiers(parse_sequence("Meta+Shift+K")) == CONTROL_KEY | SHIFT_KEY


def test_the_default_hotkey_on_macos_is_not_finders_search() -> None:
    assert default_hotkey("linux") == default_hotkey("win32") == "Ctrl+Alt+Space"
    assert default_hotkey("darwin") == "Meta+Alt+Space"  # ⌃⌥Space; ⌘⌥Space is Finder's
    assert mac_modifiers(parse_sequence(default_hotkey("darwin"))) == CONTROL_KEY | OPTION_KEY


def test_the_macos_backend_elsewhere_refuses_and_touches_nothing(qapp: object) -> None:
    hotkey = MacHotkey(HotkeySignal())
    assert "macOS" in (hotkey.register("Ctrl+Alt+Space") or "")
    assert "NoSuchKey" in (hotkey.register("Ctrl+NoSuchKey") or "")
    assert hotkey.register("Esc") is not None
    hotkey.unregister()  # nothing registered: nothing to undo


@pytest.mark.parametrize(
    "sequence", ["Ctrl+Alt+Space", "Ctrl+Shift+F1", "Meta+K", "Alt+1", "Ctrl+F5"]
)
def test_combinations_with_ctrl_alt_or_meta_may_be_the_hotkey(sequence: str) -> None:
    assert unusable_reason(sequence) is None


@pytest.mark.parametrize(
    ("sequence", "said"),
    [
        ("Esc", "Esc"),
        ("Ctrl+Esc", "Esc"),
        ("Shift+Esc", "Esc"),
        ("K", "Ctrl、Alt 或 Meta"),
        ("Shift+K", "Ctrl、Alt 或 Meta"),  # Shift alone is typing, not a combination
        ("F5", "Ctrl、Alt 或 Meta"),  # a function key alone belongs to every program
        ("Space", "Ctrl、Alt 或 Meta"),
    ],
)
def test_esc_plain_keys_and_shift_alone_are_refused_with_the_reason(
    sequence: str, said: str
) -> None:
    reason = unusable_reason(sequence)
    assert reason is not None and said in reason
