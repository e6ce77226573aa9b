"""The field that records the global hotkey: press the combination in it.

It takes combinations only (with Ctrl, Alt or Meta; not Esc), since the global hotkey is
taken from every program. Without one of those modifiers, Esc, Enter and Tab keep their
meaning in the dialog (close, save, next field) and any other key is refused with the reason;
the field then keeps the hotkey it had, as it does when only a modifier is pressed and let go.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QKeySequenceEdit, QWidget

from assistant.ui.system.hotkey import unusable_reason

PORTABLE = QKeySequence.SequenceFormat.PortableText
COMBINING = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
MODIFIER_KEYS = {
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Shift,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
}
DIALOG_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter}


class HotkeyEdit(QKeySequenceEdit):
    refused = Signal(str)  # why the key just pressed cannot be the hotkey; "" once one is fine

    def __init__(self, sequence: str, parent: QWidget | None = None) -> None:
        super().__init__(QKeySequence(sequence, PORTABLE), parent)
        self.setMaximumSequenceLength(1)
        self._kept = sequence
        self.editingFinished.connect(self._check)

    def sequence(self) -> str:
        """The recorded hotkey in Qt's portable text ("" when cleared)."""
        return self.keySequence().toString(PORTABLE)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in MODIFIER_KEYS or event.modifiers() & COMBINING:
            super().keyPressEvent(event)  # a combination in the making: recorded, then checked
        elif key in DIALOG_KEYS:
            event.ignore()  # on to the dialog: Esc closes it, Enter saves
        elif key == Qt.Key.Key_Tab:
            self.focusNextChild()
        elif key == Qt.Key.Key_Backtab:
            self.focusPreviousChild()
        else:
            pressed = QKeySequence(event.keyCombination()).toString(PORTABLE)
            self._keep()  # a Shift pressed first had started a recording
            self.refused.emit(unusable_reason(pressed) or "")

    def _check(self) -> None:
        sequence = self.sequence()
        reason = unusable_reason(sequence) if sequence else None
        if reason or not sequence:  # refused, or only a modifier was pressed and let go
            self._keep()
        else:
            self._kept = sequence
        self.refused.emit(reason or "")

    def _keep(self) -> None:
        self.setKeySequence(QKeySequence(self._kept, PORTABLE))
