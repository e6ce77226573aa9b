"""Modal dialogs that do not outlive their answer.

A dialog given a parent is kept as that window's child until the window goes: opened a
hundred times a day, a hundred dialogs stay in memory, and those left to the interpreter's
exit crashed PySide's clean-up. ``ask`` runs one and schedules its deletion (read its values
right after: deletion waits for the event loop).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def ask(dialog: QDialog) -> int:
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()
