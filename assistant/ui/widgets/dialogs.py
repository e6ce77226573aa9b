"""Modal dialogs that do not outlive their answer.

A dialog given a parent is kept as that window's child until the window goes: opened a
hundred times a day, a hundred dialogs stay in memory, and those left to the interpreter's
exit crashed PySide's clean-up. ``ask`` runs one and schedules its deletion (read its values
right after: deletion waits for the event loop).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def ask(dialog: QDialog) -> int:
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A warning whose text is shown as written. ``QMessageBox.warning`` guesses the format
    and draws a message quoting ``<b>…</b>`` (an account, a phrase) as markup."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    ask(box)
