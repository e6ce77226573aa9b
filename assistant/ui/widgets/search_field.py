"""A search field that leaves keys to the Chinese input method while a word is composed."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

NAV_KEYS = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_PageUp: -10,
    Qt.Key.Key_PageDown: 10,
}


class SearchField(QLineEdit):
    move_by = Signal(int)  # rows to move the selection by (not "move": QWidget.move() is a method)
    activated = Signal()
    pick = Signal(int)  # Alt+1..9 → 0..8

    def __init__(self, parent: QLineEdit | None = None) -> None:
        super().__init__(parent)
        self._preedit = ""
        self._window_keys: set[str] = set()
        # Asked on Ctrl+V first: True when it took the paste (the panel's buyer question).
        self.paste_hook: Callable[[], bool] | None = None

    def keep_for_window(self, sequences: Iterable[str]) -> None:
        """Let these keys reach the window's shortcuts: QLineEdit claims some Ctrl+letter keys
        for its own editing (Ctrl+E moved the cursor to the end instead of opening the editor)."""
        portable = QKeySequence.SequenceFormat.PortableText
        self._window_keys = {QKeySequence(s).toString(portable) for s in sequences}

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and not self.composing
            and QKeySequence(event.keyCombination()).toString(
                QKeySequence.SequenceFormat.PortableText
            )
            in self._window_keys
        ):
            event.ignore()  # not ours: the shortcut fires
            return True
        return super().event(event)

    @property
    def composing(self) -> bool:
        return bool(self._preedit)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._preedit = event.preeditString()
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.composing:
            super().keyPressEvent(event)  # Enter and arrows belong to the input method now
            return
        key = event.key()
        mods = event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated.emit()
            return
        if key in NAV_KEYS and not mods & Qt.KeyboardModifier.AltModifier:
            self.move_by.emit(NAV_KEYS[Qt.Key(key)])
            return
        if mods & Qt.KeyboardModifier.AltModifier and Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.pick.emit(key - Qt.Key.Key_1)
            return
        if event.matches(QKeySequence.StandardKey.Paste) and self.paste_hook and self.paste_hook():
            return
        super().keyPressEvent(event)
